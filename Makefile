# The two set-up commands of the README. Each creates .venv with the project, its plugins and
# their dependencies from the package registry, then runs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGINS := $(wildcard plugins/*/pyproject.toml)

.PHONY: demo test venv lint bench clean

$(BIN)/checker: pyproject.toml $(PLUGINS)
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' $(foreach p,$(PLUGINS),-e $(dir $(p)))
	touch $@

venv: $(BIN)/checker

## demo: parse (and check, once rules exist) the bundled example reports
demo: venv
	$(BIN)/checker parse --summary tests/fixtures/*.txt

## test: lint and run the whole test suite
test: venv
	$(BIN)/ruff check checker plugins tests benchmarks
	$(BIN)/python -m pytest -q

bench: venv
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info
