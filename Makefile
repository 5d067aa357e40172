# Dossier Workbench: every target does its own set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: run test lint bench install clean

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

# Until the UI exists: seed the demo clients, run the offline pipeline on the first demo
# scenario, and print the dossier as Markdown.
run: $(STAMP)
	$(BIN)/workbench demo
	$(BIN)/workbench run --client "Northway Modular Structures" --target "Borealis Nickel" --json > $(VENV)/demo-run.json
	$(BIN)/python -c "import json,sys; print(json.load(open(sys.argv[1]))['dossier_id'])" $(VENV)/demo-run.json > $(VENV)/demo-dossier-id
	$(BIN)/workbench export "$$(cat $(VENV)/demo-dossier-id)" --format md
	@echo "run summary: $$(cat $(VENV)/demo-run.json)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check engine tests bench
	$(BIN)/ruff format --check engine tests bench
	$(BIN)/mypy engine

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/merge.py
	$(BIN)/python bench/contacts_febrl.py
	$(BIN)/python bench/pipeline.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
