"""`carbon build` gives the same numbers on DuckDB and on PostgreSQL.

A generated landing set (one province, two cities, two years of daily grid data
and the latest month unreported, so every model and estimate type appears)
is built through Dagster by the CLI into a DuckDB file and into a fresh
PostgreSQL database; every published row of fct_emissions and
rpt_region_totals must agree key by key within 1e-9 (relative).

The two builds run at the same time (two processes, each with its own Dagster home and
its own copy of the Great Expectations project), which halves the test's wall time.
"""

import os
import shutil
import subprocess

import pandas as pd
import pytest
import yaml
from test_cli import CARBON

from orchestration.defs.quality_checks import published_schema
from orchestration.generate import generate
from orchestration.paths import DBT_PROJECT_DIR, EXPECTATIONS_DIR
from orchestration.warehouse import Warehouse

KEY = [
    "region_code",
    "period_type",
    "period_start",
    "sector",
    "subsector",
    "fuel_code",
    "scope",
    "layer",
]
VALUES = ["activity_quantity", "energy_tce", "emissions_tco2"]


def _rows(warehouse: Warehouse, relation: str, key: list[str]) -> pd.DataFrame:
    frame = warehouse.query_df(f"select * from {warehouse.relation(relation)}")
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame.sort_values(key).reset_index(drop=True)


def _start_build(landing, target: list[str], work) -> subprocess.Popen:
    """``carbon build`` in its own process, Dagster home and GX project copy; its output goes
    to ``work/out.txt`` (a pipe nobody reads while the other build is awaited would fill up
    and stall it)."""
    gx_root = work / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, gx_root, ignore=shutil.ignore_patterns("uncommitted"))
    env = {
        **os.environ,
        "DAGSTER_HOME": str(work / "home"),
        "CARBON_GX_ROOT": str(gx_root),
        "DBT_VERSION_CHECK": "false",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DAGSTER_DISABLE_TELEMETRY": "true",
    }
    (work / "home").mkdir(parents=True)
    out = (work / "out.txt").open("w")
    return subprocess.Popen(
        [CARBON, "build", "--landing", str(landing), *target],
        stdout=out, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip


def test_duckdb_and_postgres_builds_agree(tmp_path, pg_warehouse):
    landing = tmp_path / "landing"
    generate(landing, provinces=1, cities_per_province=2, years=(2023, 2024))
    duck = Warehouse.duckdb(tmp_path / "parity.duckdb")
    targets = {"duckdb": ["--duckdb", str(duck.path)], "postgres": ["--postgres", pg_warehouse.url]}
    running = {
        name: _start_build(landing, target, tmp_path / name) for name, target in targets.items()
    }
    for name, process in running.items():
        process.wait(timeout=1800)
        output = (tmp_path / name / "out.txt").read_text()
        assert process.returncode == 0, f"{name}: {output[-6000:]}"

    left, right = _rows(duck, "fct_emissions", KEY), _rows(pg_warehouse, "fct_emissions", KEY)
    assert len(left) > 1000
    assert set(left["method"]) >= {"5.2", "5.4", "5.7", "5.11", "5.13", "5.15", "5.16", "5.19"}
    assert left[KEY + ["method", "estimate_type"]].equals(right[KEY + ["method", "estimate_type"]])
    for column in VALUES:
        assert left[column].to_numpy() == pytest.approx(right[column].to_numpy(), rel=1e-9), column

    # the fixed-domain columns: ENUMs of exactly the listed values on DuckDB (in the
    # published copy too), text on PostgreSQL; query_df gives strings from both (above)
    domains = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text())["vars"][
        "fixed_domains"
    ]
    assert set(domains) == {"region_level", "period_type", "sector", "scope", "layer",
                            "estimate_type"}  # fmt: skip
    for schema in (duck.schema, published_schema(duck)):
        types = dict(
            duck.query(
                "select column_name, data_type from information_schema.columns "
                f"where table_schema = '{schema}' and table_name = 'fct_emissions'"
            )
        )
        for column, values in domains.items():
            quoted = ", ".join(f"'{v}'" for v in values)
            assert types[column] == f"ENUM({quoted})", (schema, column, types[column])
        assert types["method"] == "VARCHAR" and types["region_code"] == "VARCHAR"
    pg_types = dict(
        pg_warehouse.query(
            "select column_name, data_type from information_schema.columns "
            f"where table_schema = '{published_schema(pg_warehouse)}' "
            "and table_name = 'fct_emissions'"
        )
    )
    assert {pg_types[c] for c in domains} == {"text"}

    totals_key = ["region_code", "period_type", "period_start", "layer"]
    left = _rows(duck, "rpt_region_totals", totals_key)
    right = _rows(pg_warehouse, "rpt_region_totals", totals_key)
    assert left[totals_key].equals(right[totals_key])
    for column in ["energy_tco2", "industry_direct_tco2", "other_direct_tco2", "total_tco2"]:
        assert left[column].to_numpy() == pytest.approx(right[column].to_numpy(), rel=1e-9), column
