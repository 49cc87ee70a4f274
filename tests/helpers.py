"""Helpers shared by the tests: writing a landing directory from Python rows and reading marts."""

import csv
from pathlib import Path

from orchestration.contract import FACTOR_SEEDS, SOURCES
from orchestration.warehouse import Warehouse


def write_landing(landing_dir: Path, tables: dict[str, list[dict]], file_name: str = "data.csv"):
    """Write ``tables`` ({source or 'factor_seeds/<seed>': rows}) as contract CSV files.

    Missing columns of a row are written empty, so tests only spell out what matters.
    """
    landing_dir = Path(landing_dir)
    for name, rows in tables.items():
        if name.startswith("factor_seeds/"):
            columns = FACTOR_SEEDS[name.split("/", 1)[1]]
            path = landing_dir / "factor_seeds" / f"{name.split('/', 1)[1]}.csv"
        else:
            columns = SOURCES[name].column_names
            path = landing_dir / name / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
    return landing_dir


def local_fuel(code, category, unit, c, valid_from="2020-01-01") -> dict:
    """A row of a local ``fuels`` seed with coefficient ``c`` (round numbers for hand sums)."""
    return {
        "fuel_code": code,
        "fuel_name_zh": code,
        "fuel_name_en": code,
        "category": category,
        "physical_unit": unit,
        "std_coal_coeff": c,
        "valid_from": valid_from,
        "source": "test value",
    }


def local_factor(code, e, valid_from="2020-01-01") -> dict:
    """A row of a local ``emission_factors`` seed: ``e`` tCO2 per tce."""
    return {"fuel_code": code, "co2_per_tce": e, "valid_from": valid_from, "source": "test"}


def fetch_dicts(warehouse: Warehouse, sql: str) -> list[dict]:
    """Rows of a query as dicts (column name -> value)."""
    frame = warehouse.query_df(sql)
    return frame.to_dict(orient="records")


def emission_rows(warehouse: Warehouse, where: str) -> list[dict]:
    """Rows of fct_emissions matching a SQL condition, in a stable order."""
    return fetch_dicts(
        warehouse,
        f"select * from {warehouse.relation('fct_emissions')} where {where} "
        "order by region_code, period_type, period_start, sector, subsector, fuel_code, scope",
    )
