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
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,lsp]' $(foreach p,$(PLUGINS),-e $(dir $(p)))
	touch $@

venv: $(BIN)/checker

## demo: parse the bundled example reports, check them, and draw them as HTML pages in out/html/
## (open out/html/index.html; findings do not fail the demo:
## --fail-on never; an unreadable report or a rule error still exits 2)
demo: venv
	$(BIN)/checker parse --summary tests/fixtures/*.txt
	$(BIN)/checker check --fail-on never tests/fixtures
	$(BIN)/checker check -q --fail-on never --format html -o out/html/ tests/fixtures

## test: lint and run the whole test suite
test: venv
	$(BIN)/ruff check checker plugins tests benchmarks
	$(BIN)/python -m pytest -q -n auto --dist worksteal

bench: venv
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) build dist *.egg-info
