PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench screenshots clean

$(BIN)/python:
	@echo "Creating $(VENV) with $(PYTHON)…"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) --upgrade pip

# What running needs; the test extra (pytest, ruff, mypy, …) also satisfies it.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing pm-postmortem into $(VENV)…"
	@$(PIP) -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing pm-postmortem with its test tools into $(VENV)…"
	@$(PIP) -e '.[test]'
	@touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	@$(BIN)/pm-postmortem $(ARGS)

test: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m mypy src
	$(BIN)/python -m pytest -n 2

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run_all.py

screenshots: $(TEST_STAMP)
	$(BIN)/python screenshots/make_screenshots.py

clean:
	rm -rf $(VENV) build dist
