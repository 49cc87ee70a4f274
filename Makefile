# Two entry points for a fresh machine with only Python 3.11+ and make:
#   make run   - set up the environment, run the whole pipeline on the bundled sample into DuckDB
#   make test  - set up the environment and run the whole test suite (DuckDB and PostgreSQL)
PYTHON ?= python3
VENV := .venv
BOOT := .venv-boot
UV := $(BOOT)/bin/uv
BIN := $(VENV)/bin
export UV_COMPILE_BYTECODE := 1
export DBT_VERSION_CHECK := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export DAGSTER_DISABLE_TELEMETRY := true
# make test runs the suite on this many processes (pytest-xdist). A module (or a class) stays
# on one worker, so that its module fixtures build once; the tests wait mostly on
# single-threaded dbt and Dagster start-up, so two workers use both cores of a 2-core machine
TEST_WORKERS ?= 2

.PHONY: setup run test bench validate lint format parse clean

$(UV):
	$(PYTHON) -m venv $(BOOT)
	$(BOOT)/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --extra dev --python $(PYTHON)
	touch $@

dbt_project/target/duckdb/manifest.json: $(VENV)/.synced $(shell find dbt_project/models dbt_project/macros factor_seeds -type f 2>/dev/null) dbt_project/dbt_project.yml
	$(BIN)/carbon parse

setup: $(VENV)/.synced dbt_project/target/duckdb/manifest.json

run: setup
	$(BIN)/carbon run

test: setup
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadscope

# National-scale benchmark (issue 4): writes docs/benchmarks.md. Takes tens of minutes.
bench: setup
	$(BIN)/carbon bench --scale national --reps 3

# Real data (issue 5): all 30 CEADs provinces for 2012, 2017, 2019, 2022, built with the
# bundled and the CEADs-compatible factors; writes docs/validation.md and its chart.
validate: setup
	$(BIN)/carbon validate

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	CARBON_DUCKDB_PATH=:memory: $(BIN)/sqlfluff lint dbt_project/models

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(BOOT) dbt_project/target dbt_project/logs .carbon
