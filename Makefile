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

# Until the UI exists: extract claims from the demo sample, merge them, print the result.
run: $(STAMP)
	$(BIN)/workbench extract --sources data/demo/sample --target "Borealis Nickel" > $(VENV)/demo-claims.json
	$(BIN)/workbench merge --claims $(VENV)/demo-claims.json --target "Borealis Nickel"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check engine tests bench
	$(BIN)/ruff format --check engine tests bench
	$(BIN)/mypy engine

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/merge.py
	$(BIN)/python bench/contacts_febrl.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
