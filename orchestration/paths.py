"""Filesystem locations of the project's parts, independent of the working directory."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
FACTOR_SEEDS_DIR = PROJECT_ROOT / "factor_seeds"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
DEFAULT_HOME = PROJECT_ROOT / ".carbon"
DEFAULT_LANDING_DIR = DEFAULT_HOME / "landing"
DEFAULT_DUCKDB_FILE = DEFAULT_HOME / "warehouse.duckdb"


def dbt_target_root() -> Path:
    """Where dbt writes its manifests, run results and compiled SQL: ``CARBON_DBT_TARGET_DIR``
    if set, else dbt_project/target. Two pipelines that run at the same time (or the test
    suite's workers, tests/conftest.py) each need their own: dbt rewrites manifest.json and
    run_results.json on every call, and the build reads its failures from run_results.json."""
    return Path(os.environ.get("CARBON_DBT_TARGET_DIR") or DBT_PROJECT_DIR / "target")


def dbt_target_path(kind: str) -> Path:
    """Per-target dbt target dir, so switching DuckDB/PostgreSQL keeps partial parsing."""
    return dbt_target_root() / kind
