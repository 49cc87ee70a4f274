"""Filesystem locations of the project's parts, independent of the working directory."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
FACTOR_SEEDS_DIR = PROJECT_ROOT / "factor_seeds"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
DEFAULT_HOME = PROJECT_ROOT / ".carbon"
DEFAULT_LANDING_DIR = DEFAULT_HOME / "landing"
DEFAULT_DUCKDB_FILE = DEFAULT_HOME / "warehouse.duckdb"


def dbt_target_path(kind: str) -> Path:
    """Per-target dbt target dir, so switching DuckDB/PostgreSQL keeps partial parsing."""
    return DBT_PROJECT_DIR / "target" / kind
