# Set-up is two commands: `make site` and `make test`. Each creates .venv when it is missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# BUILDER=zensical builds (and serves) the same site with Zensical; see README.
BUILDER ?= mkdocs
# Material for MkDocs announces its end of life (2027-05-05) on every build; the README documents
# the migration path (BUILDER=zensical), so the notice is kept out of the logs.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint typecheck schema serve bench clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e . --group dev
	@touch $@

site: $(STAMP)
	$(BIN)/intreg validate
	$(BIN)/intreg schema --check
	$(BIN)/intreg generate
	$(BIN)/$(BUILDER) build --strict --config-file mkdocs.yml

serve: $(STAMP)
	$(BIN)/intreg serve --builder $(BUILDER)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group bench
	$(BIN)/python bench/run.py $(BENCH_ARGS)

schema: $(STAMP)
	$(BIN)/intreg schema

clean:
	rm -rf $(VENV) site build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache .intreg-cache
