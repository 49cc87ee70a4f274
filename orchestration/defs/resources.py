"""Dagster resources: the warehouse, the landing directory and dbt, configured from the environment.

The same variables that ``Warehouse.from_env`` reads (CARBON_DUCKDB_PATH, CARBON_POSTGRES_URL,
CARBON_SCHEMA) and CARBON_LANDING_DIR configure the code location, so ``dagster dev`` and the
``carbon`` CLI point at the same data. Secrets (the PostgreSQL URL) stay ``EnvVar`` references,
so the UI shows the variable name and never the DSN.
"""

import os
import sys
from pathlib import Path

from dagster import ConfigurableResource, EnvVar
from dagster_dbt import DbtCliResource

from orchestration.paths import DBT_PROJECT_DIR, DEFAULT_DUCKDB_FILE, DEFAULT_LANDING_DIR
from orchestration.warehouse import DEFAULT_SCHEMA, Warehouse

# Pool shared by every asset that writes to the warehouse: DuckDB allows one writer per file.
WAREHOUSE_POOL = "carbon_warehouse"


class WarehouseResource(ConfigurableResource):
    """Where raw tables and dbt models live: ``kind`` is ``duckdb`` or ``postgres``."""

    kind: str = "duckdb"
    duckdb_path: str = str(DEFAULT_DUCKDB_FILE)
    postgres_url: str | None = None
    schema_name: str = DEFAULT_SCHEMA

    def get_warehouse(self) -> Warehouse:
        if self.kind == "postgres":
            if not self.postgres_url:
                raise ValueError("warehouse kind 'postgres' needs CARBON_POSTGRES_URL")
            return Warehouse.postgres(self.postgres_url, self.schema_name)
        if self.kind != "duckdb":
            raise ValueError(f"unknown warehouse kind {self.kind!r} (duckdb or postgres)")
        return Warehouse.duckdb(self.duckdb_path, self.schema_name)

    @classmethod
    def for_warehouse(cls, warehouse: Warehouse) -> "WarehouseResource":
        """A resource pointing at an explicit Warehouse (the CLI's options)."""
        if warehouse.kind == "postgres":
            return cls(kind="postgres", postgres_url=warehouse.url, schema_name=warehouse.schema)
        return cls(kind="duckdb", duckdb_path=warehouse.path, schema_name=warehouse.schema)

    @classmethod
    def from_env(cls) -> "WarehouseResource":
        """PostgreSQL if CARBON_POSTGRES_URL is set, else DuckDB (CARBON_DUCKDB_PATH or default)."""
        schema = EnvVar("CARBON_SCHEMA") if os.environ.get("CARBON_SCHEMA") else DEFAULT_SCHEMA
        if os.environ.get("CARBON_POSTGRES_URL"):
            return cls(
                kind="postgres", postgres_url=EnvVar("CARBON_POSTGRES_URL"), schema_name=schema
            )
        path = (
            EnvVar("CARBON_DUCKDB_PATH")
            if os.environ.get("CARBON_DUCKDB_PATH")
            else str(DEFAULT_DUCKDB_FILE)
        )
        return cls(kind="duckdb", duckdb_path=path, schema_name=schema)


class LandingResource(ConfigurableResource):
    """The landing directory: one folder per contract source, CSV files inside."""

    landing_dir: str = str(DEFAULT_LANDING_DIR)

    @property
    def path(self) -> Path:
        return Path(self.landing_dir).resolve()

    @classmethod
    def from_env(cls) -> "LandingResource":
        if os.environ.get("CARBON_LANDING_DIR"):
            return cls(landing_dir=EnvVar("CARBON_LANDING_DIR"))
        return cls()


def dbt_executable() -> str:
    """The ``dbt`` next to this interpreter, so the venv's dbt runs even when PATH lacks it."""
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def dbt_resource() -> DbtCliResource:
    """dbt on the project; the target and target path are chosen per call from the warehouse."""
    return DbtCliResource(
        project_dir=str(DBT_PROJECT_DIR),
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=dbt_executable(),
    )


def resources_from_env() -> dict:
    return {
        "warehouse": WarehouseResource.from_env(),
        "landing": LandingResource.from_env(),
        "dbt": dbt_resource(),
    }


def resources_for(warehouse: Warehouse, landing_dir: str | os.PathLike) -> dict:
    """Resources for an explicit warehouse and landing directory (used by ``carbon build``)."""
    return {
        "warehouse": WarehouseResource.for_warehouse(warehouse),
        "landing": LandingResource(landing_dir=str(Path(landing_dir).resolve())),
        "dbt": dbt_resource(),
    }
