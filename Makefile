# ntmplan — the two commands a planner or CI needs: `make demo` and `make test`.
# Each creates the project's virtual environment (.venv) on first use.

# Python ≥ 3.11 (tomllib; the lock file is resolved for 3.11).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?=

.PHONY: demo test lint bench lab app browser-deps clean-outputs venv lock

# The environment is installed from requirements.lock (the exact versions CI tested), then the
# project itself without resolving anything again.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## make demo: run every workbook for all 34 provinces on the bundled illustrative data, under both
## programme profiles: 2026–2030 into outputs/giai_doan_2026_2030/, then the default 2021–2025 into outputs/
## (its index links the other phase)
demo: $(STAMP)
	$(BIN)/ntmplan run --all --profile 2026_2030 --out outputs/giai_doan_2026_2030 $(if $(JOBS),--jobs $(JOBS),)
	$(BIN)/ntmplan run --all $(if $(JOBS),--jobs $(JOBS),)
	@echo "Mở / open: $(CURDIR)/outputs/index.html (2026–2030: $(CURDIR)/outputs/giai_doan_2026_2030/index.html)"

## make test: lint and the whole test suite
test: $(STAMP)
	$(BIN)/ruff check lib tests notebooks benchmarks
	$(BIN)/python -m pytest -q

## make bench: batch runs (plain loop, cold, warm, floor; 3 provinces, BENCH_ARGS=--all for 34), then the app and collecting 150 forms (run by bench_run.py), micro-benchmarks
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py $(BENCH_ARGS)
	$(BIN)/python -m pytest benchmarks -q -p no:cacheprovider --benchmark-only --benchmark-columns=min,median,max

## make lab: JupyterLab in Vietnamese on notebooks/; prints its address with the token; settings in .jupyter_local/ (ARGS=--no-browser …)
lab: $(STAMP)
	$(BIN)/python -m ntmplan.app lab $(ARGS)

## make app: the no-code app on 127.0.0.1: landing page, workbooks 01–04 (controls first), own data from du_lieu/
app: $(STAMP)
	$(BIN)/python -m ntmplan.app app $(ARGS)

## make browser-deps: Chromium from Debian packages for the browser tests (needs root; no browser download)
browser-deps:
	command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium fonts-dejavu-core)

## make lock: re-resolve requirements.lock from pyproject.toml (newest versions it allows)
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --strip-extras --extra dev --no-emit-index-url --no-emit-find-links \
		--no-emit-trusted-host --allow-unsafe --upgrade -o requirements.lock pyproject.toml

lint: $(STAMP)
	$(BIN)/ruff check lib tests notebooks benchmarks
	$(BIN)/ruff format --check lib tests benchmarks

clean-outputs:
	rm -rf outputs/*/ outputs/index.html outputs/run_log.json
