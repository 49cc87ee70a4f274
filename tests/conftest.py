"""Fixtures: real DuckDB files in temp dirs and a real PostgreSQL database per use.

PostgreSQL comes from CARBON_TEST_PG_URL when set, else the server at
127.0.0.1:5432, else a throwaway pgserver instance; it is never skipped.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from orchestration.paths import dbt_target_path
from orchestration.warehouse import Warehouse


def _worker_dbt_dirs() -> Path | None:
    """Under pytest-xdist (``make test`` runs ``pytest -n 2``), give this worker its own dbt
    target and log dirs: two dbt calls in one target dir overwrite each other's manifest.json
    and run_results.json. The parsed manifests are copied in (with their mtimes), so the
    worker starts with partial parsing and the Dagster definitions load without a parse.
    Set before any test module imports orchestration.defs (which reads the manifest path)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return None
    root = Path(tempfile.mkdtemp(prefix=f"carbon-dbt-{worker}-"))
    for kind in ("duckdb", "postgres"):
        parsed = dbt_target_path(kind)  # where `carbon parse` wrote, before the switch below
        if parsed.is_dir():
            shutil.copytree(parsed, root / kind, ignore=shutil.ignore_patterns("compiled", "run"))
    os.environ["CARBON_DBT_TARGET_DIR"] = str(root)
    os.environ["DBT_LOG_PATH"] = str(root / "logs")
    return root


_WORKER_DBT_DIRS = _worker_dbt_dirs()


def pytest_unconfigure(config):
    if _WORKER_DBT_DIRS is not None:
        shutil.rmtree(_WORKER_DBT_DIRS, ignore_errors=True)


os.environ.setdefault("DBT_VERSION_CHECK", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "true")


@pytest.fixture
def duckdb_warehouse(tmp_path) -> Warehouse:
    return Warehouse.duckdb(tmp_path / "warehouse.duckdb")


@pytest.fixture
def pg_warehouse():
    from pg import fresh_pg_database

    with fresh_pg_database() as url:
        yield Warehouse.postgres(url)


@pytest.fixture(params=["duckdb", "postgres"])
def any_warehouse(request, tmp_path):
    """Each test using it runs once on DuckDB and once on PostgreSQL."""
    if request.param == "duckdb":
        yield Warehouse.duckdb(tmp_path / "warehouse.duckdb")
    else:
        from pg import fresh_pg_database

        with fresh_pg_database() as url:
            yield Warehouse.postgres(url)
