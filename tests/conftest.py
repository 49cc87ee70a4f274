"""Fixtures: real DuckDB files in temp dirs and a real PostgreSQL database per use.

PostgreSQL comes from CARBON_TEST_PG_URL when set, else the server at
127.0.0.1:5432, else a throwaway pgserver instance; it is never skipped.
"""

import os

import pytest

from orchestration.warehouse import Warehouse

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
