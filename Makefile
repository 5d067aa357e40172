# Dossier Workbench: every target does its own set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: run test e2e lint bench example install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(VENV)/.installed-bench: pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(VENV)/.installed-bench

install: $(STAMP)

# Seed the demo workspace (demo clients and one finished demo run, once) and start the app on :8501.
run: $(STAMP)
	$(BIN)/workbench demo --with-run
	$(BIN)/streamlit run app.py --server.port 8501

test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not e2e"

# The browser test: the whole analyst loop in headless Chromium (Debian's, installed if missing).
e2e: $(STAMP)
	scripts/ensure-chromium
	$(BIN)/python -m pytest -q -m e2e tests/e2e -o addopts="-ra" --allow-hosts=127.0.0.1

lint: $(STAMP)
	$(BIN)/ruff check engine ui pages app.py tests bench
	$(BIN)/ruff format --check engine ui pages app.py tests bench
	$(BIN)/mypy engine ui

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/merge.py
	$(BIN)/python bench/contacts_febrl.py
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/ui.py
	$(BIN)/python bench/llm.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/corpora.py

# The Markdown dossiers of the real-world corpora, committed under docs/examples/.
example: $(STAMP)
	$(BIN)/python scripts/example_dossier.py wyloo-eagles-nest oracle-nashville-campus intel-ohio-one

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis artifacts
