# nqe_events — the two commands that matter: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_OUT ?= nqe-demo
ICALJS := .cache/node/node_modules/ical.js/package.json

.DEFAULT_GOAL := help
.PHONY: help demo test lint typecheck pytest bench clean golden quality

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,notebook,docs]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name 'Python 3 (nqe_events)'
	touch $(STAMP)

demo: $(STAMP) ## Run every stage on the bundled sample programme (outputs in nqe-demo/)
	$(BIN)/nqe-events demo -o $(DEMO_OUT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

pytest: $(STAMP) $(ICALJS)
	$(BIN)/python -m pytest -q

# Mozilla's ical.js (Thunderbird's ICS parser) for the cross-parser test, when node and npm exist.
$(ICALJS): tests/js/package.json
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p .cache/node && cp tests/js/package.json .cache/node/package.json && \
		npm install --prefix .cache/node --no-audit --no-fund --silent && touch $(ICALJS); \
	else echo "npm absent : le test croisé avec ical.js sera sauté"; fi

golden: $(STAMP) ## Regenerate the golden files (ICS of the sample programme)
	NQE_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/ics -k golden

test: lint typecheck pytest ## Run all the checks: ruff, mypy --strict, pytest

.PHONY: docs
docs: $(STAMP) ## Build the documentation site into site/ (strict: any warning fails)
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter JUPYTER_PLATFORM_DIRS=1 NO_MKDOCS_2_WARNING=1 \
		$(BIN)/mkdocs build --strict

bench: $(STAMP) ## Run the benchmarks (ratios against baselines measured in the same run)
	$(BIN)/python benchmarks/run.py

quality: $(STAMP) ## Agreement of the alignment checker with the labelled set (tests/data/alignment/)
	$(BIN)/python benchmarks/alignment_quality.py $(QUALITY_ARGS)

clean: ## Remove the virtual environment and outputs
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache
