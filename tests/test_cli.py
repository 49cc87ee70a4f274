"""The ``carbon`` command end to end: help, a build through Dagster into a DuckDB file,
refused files listed (and failing only with --strict), and clear errors for bad paths."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import local_factor, local_fuel, write_landing

from orchestration.warehouse import Warehouse

CARBON = str(Path(sys.executable).parent / "carbon")
PROVINCE = "320000"


def run_carbon(*args, home: Path, timeout=600) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "DBT_VERSION_CHECK": "false",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DAGSTER_DISABLE_TELEMETRY": "true",
    }
    return subprocess.run([CARBON, *args], capture_output=True, text=True, env=env, timeout=timeout)


# Round local factors: c(raw_coal) = 0.5 tce/t, e(raw_coal) = 2.0 tCO2/tce.
LANDING = {
    "factor_seeds/fuels": [
        local_fuel("raw_coal", "coal", "t", 0.5),
        local_fuel("natural_gas", "gas", "10^4 m3", 10),
        local_fuel("electricity", "electricity", "MWh", 0.1),
        local_fuel("electricity_import", "electricity", "MWh", 0.1),
        local_fuel("heat", "heat", "GJ", 0.03),
    ],
    "factor_seeds/emission_factors": [
        local_factor("raw_coal", 2.0),
        local_factor("natural_gas", 1.5),
        local_factor("electricity", 0.0),
        local_factor("electricity_import", 0.0),
        local_factor("heat", 0.0),
    ],
    "regions": [
        {"region_code": "100000", "region_name": "nation", "level": "nation"},
        {
            "region_code": PROVINCE,
            "region_name": "province",
            "level": "province",
            "parent_code": "100000",
        },
    ],
    "energy_balance": [
        {
            "region_code": PROVINCE,
            "year": 2024,
            "fuel_code": "raw_coal",
            "flow_code": "power_generation_input",
            "quantity": 1000,
        }
    ],
    "power_supply": [
        {
            "region_code": PROVINCE,
            "period_type": "year",
            "period_start": "2024-01-01",
            "generation_mwh": 2000,
            "supply_mwh": 2000,
            "imported_mwh": 0,
        }
    ],
}

# A file refused as a whole: line 2 has a negative GDP (column gdp_10k_yuan).
BAD_ECONOMY = "region_code,year,gdp_10k_yuan,population\n320000,2024,-5,100\n"


def _landing(tmp_path: Path) -> Path:
    landing = write_landing(tmp_path / "landing", LANDING)
    (landing / "economy").mkdir()
    (landing / "economy" / "bad.csv").write_text(BAD_ECONOMY, encoding="utf-8")
    return landing


def test_help_is_instant_and_lists_the_commands(tmp_path):
    result = run_carbon("--help", home=tmp_path, timeout=30)
    assert result.returncode == 0
    for command in ("parse", "generate", "build", "update", "run", "bench", "ui"):
        assert command in result.stdout
    assert "--landing" in run_carbon("build", "--help", home=tmp_path, timeout=30).stdout


def test_build_loads_builds_and_lists_refused_files(tmp_path):
    landing = _landing(tmp_path)
    duckdb_path = tmp_path / "out.duckdb"
    result = run_carbon(
        "build", "--landing", str(landing), "--duckdb", str(duckdb_path), home=tmp_path / "dh"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Progress: one line per asset, landing assets and marts among them.
    assert "raw/regions" in result.stdout
    assert "carbon/fct_emissions" in result.stdout
    # The refused file is named with its line, column and reason, yet the build succeeds.
    refused = [line for line in result.stdout.splitlines() if "bad.csv" in line]
    assert any("2" in line and "gdp_10k_yuan" in line for line in refused), result.stdout

    warehouse = Warehouse.duckdb(duckdb_path)
    # 5.2: 1000 t raw coal burned for power * c 0.5 tce/t * e 2.0 tCO2/tce = 1000 tCO2.
    (total,) = warehouse.query(
        "select sum(emissions_tco2) from carbon.fct_emissions "
        f"where region_code = '{PROVINCE}' and period_type = 'year' "
        "and period_start = cast('2024-01-01' as date) and sector = 'energy' "
        "and fuel_code = 'raw_coal' and scope = 'direct' and layer = 'computed'"
    )[0]
    assert total == pytest.approx(1000.0)
    (economy_rows,) = warehouse.query("select count(*) from raw.economy")[0]
    assert economy_rows == 0

    # Mark the computed rows of 2024: the update must leave them as they are (outside its scope)
    (first_run,) = warehouse.query("select distinct check_run from carbon.rpt_quality_scorecard")
    with warehouse.connect() as con:
        con.execute(
            "update carbon.int_emissions_computed set emissions_tco2 = -1 "
            "where period_start < cast('2025-01-01' as date)"
        )
    # `carbon update`: a year of data arrives; only 2025 on is rebuilt and published.
    (landing / "energy_balance" / "2025.csv").write_text(
        "region_code,year,fuel_code,flow_code,quantity\n"
        f"{PROVINCE},2025,raw_coal,power_generation_input,3000\n",
        encoding="utf-8",
    )
    (landing / "power_supply" / "2025.csv").write_text(
        "region_code,period_type,period_start,generation_mwh,supply_mwh,imported_mwh\n"
        f"{PROVINCE},year,2025-01-01,6000,6000,0\n",
        encoding="utf-8",
    )
    update = run_carbon(
        "update", "--landing", str(landing), "--duckdb", str(duckdb_path), home=tmp_path / "dh"
    )
    assert update.returncode == 0, update.stdout + update.stderr
    assert "2 changed file(s), first day 2025-01-01" in update.stdout, update.stdout
    published = "select period_start, sum(emissions_tco2) from carbon_published.fct_emissions "
    published += f"where region_code = '{PROVINCE}' and period_type = 'year' and layer = "
    published += "'computed' and scope = 'direct' group by period_start order by period_start"
    # 2025: 3000 t * 0.5 tce/t * 2.0 tCO2/tce = 3000 tCO2; 2024 as before, 1000 tCO2.
    years = [(str(day), round(value, 6)) for day, value in warehouse.query(published)]
    assert years == [("2024-01-01", 1000.0), ("2025-01-01", 3000.0)]
    (scope,) = warehouse.query(
        "select refresh_from from carbon_published._publications order by published_at desc"
    )[0]
    assert scope == "2025-01-01"  # published by replacing the rows of 2025 only
    # dbt rebuilt 2025 only (2024 keeps its marks), with this run's id: both reach the dbt
    # process of the Dagster step through its environment (pipeline.dbt_run_env)
    marked = warehouse.query(
        "select cast(extract(year from period_start) as integer), "
        "min(case when emissions_tco2 = -1 then 1 else 0 end), "
        "max(case when emissions_tco2 = -1 then 1 else 0 end) "
        "from carbon.int_emissions_computed group by 1 order by 1"
    )
    assert marked == [(2024, 1, 1), (2025, 0, 0)], marked
    (update_run,) = warehouse.query("select distinct check_run from carbon.rpt_quality_scorecard")
    assert update_run != first_run and update_run[0] != "adhoc"
    nothing = run_carbon(
        "update", "--landing", str(landing), "--duckdb", str(duckdb_path), home=tmp_path / "dh"
    )
    assert nothing.returncode == 0 and "Nothing to update" in nothing.stdout, nothing.stdout


def test_strict_build_fails_on_refused_files(tmp_path):
    landing = _landing(tmp_path)
    result = run_carbon(
        "build",
        "--landing",
        str(landing),
        "--duckdb",
        str(tmp_path / "out.duckdb"),
        "--strict",
        home=tmp_path / "dh",
    )
    assert result.returncode != 0
    assert "--strict" in result.stderr
    assert "bad.csv" in result.stdout


def test_missing_landing_directory_is_a_clear_error(tmp_path):
    missing = tmp_path / "no-such-landing"
    result = run_carbon(
        "build", "--landing", str(missing), "--duckdb", str(tmp_path / "x.duckdb"), home=tmp_path
    )
    assert result.returncode != 0
    assert str(missing) in result.stderr
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_landing_without_source_folders_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_carbon(
        "build",
        "--landing",
        str(tmp_path / "empty"),
        "--duckdb",
        str(tmp_path / "x.duckdb"),
        home=tmp_path,
    )
    assert result.returncode != 0
    assert "none of the source folders" in result.stderr


def test_unreachable_warehouse_names_the_failed_assets_and_what_to_do(tmp_path):
    landing = _landing(tmp_path)
    result = run_carbon(
        "build",
        "--landing",
        str(landing),
        "--postgres",
        "postgresql://postgres@127.0.0.1:1/nowhere",
        home=tmp_path / "dh",
    )
    assert result.returncode == 1
    assert "BUILD FAILED" in result.stderr
    assert "raw/regions" in result.stderr
    assert "Connection refused" in result.stderr
    assert "What to do: Check the PostgreSQL URL" in result.stderr
    assert "Traceback" not in result.stderr
