"""New DuckDB warehouse files are created in the storage format of DUCKDB_STORAGE_VERSION.

Whoever creates the file first (ingestion through ``Warehouse.connect``, or dbt through the
profile's ``config_options``) must create it in that format, because the format is fixed when
the file is created, and it is what makes writing wide tables a third cheaper (issue 4).
DuckDB's default for a new file is the 1.0 format, so each test fails if its path loses the
setting.
"""

from pathlib import Path

from orchestration.dbt_cli import run_dbt
from orchestration.warehouse import DUCKDB_STORAGE_VERSION, Warehouse


def _storage_version(warehouse: Warehouse) -> str:
    """The storage format DuckDB reports for the warehouse's file, e.g. 'v1.3.0+'."""
    catalog = Path(warehouse.path).stem  # DuckDB names the catalog after the file
    rows = warehouse.query(
        "select tags['storage_version'] from duckdb_databases() where database_name = ?",
        [catalog],
    )
    return rows[0][0]


def test_a_file_created_by_the_platform_has_the_configured_format(tmp_path):
    warehouse = Warehouse.duckdb(tmp_path / "created_by_ingestion.duckdb")
    with warehouse.connect() as con:
        con.execute("create table t (x integer)")
    assert _storage_version(warehouse) == f"{DUCKDB_STORAGE_VERSION}+"
    assert DUCKDB_STORAGE_VERSION != "v1.0.0"  # DuckDB's default: the setting must change it


def test_a_file_created_by_dbt_has_the_configured_format(tmp_path):
    warehouse = Warehouse.duckdb(tmp_path / "created_by_dbt.duckdb")
    run_dbt(["show", "--inline", "select 1 as one"], warehouse)
    assert _storage_version(warehouse) == f"{DUCKDB_STORAGE_VERSION}+"


def test_the_profile_default_is_the_platform_format(monkeypatch):
    """dbt run by hand (without the variable Warehouse.dbt_env sets) creates the same format,
    and the benchmark report states it."""
    from orchestration.bench.run import duckdb_settings

    monkeypatch.delenv("CARBON_DUCKDB_STORAGE_VERSION", raising=False)
    assert duckdb_settings()["storage_compatibility_version"] == DUCKDB_STORAGE_VERSION


def test_query_df_reads_an_enum_column_as_text(tmp_path):
    """fct_emissions' fixed-domain columns are ENUMs on DuckDB (dbt macro fixed_domain): pandas
    would read them as categoricals, which differ from PostgreSQL's text in every frame
    comparison and group-by; query_df gives them the dtype of a text column, missing values
    kept missing."""
    warehouse = Warehouse.duckdb(tmp_path / "enum.duckdb")
    with warehouse.connect() as con:
        con.execute(
            "create table t as select cast(s as enum('energy', 'industry', 'other')) as sector, "
            "s as text_sector from (values ('energy'), (null), ('other')) v(s)"
        )
    frame = warehouse.query_df("select sector, text_sector from t")
    assert frame["sector"].dtype == frame["text_sector"].dtype
    assert frame["sector"].isna().tolist() == [False, True, False]
    assert frame["sector"].tolist()[::2] == ["energy", "other"]
