"""``carbon validate``: our direct emissions against CEADs fossil CO2, per province and year.

Builds all CEADs provinces for the validation years twice, from one imported
landing directory each: with the bundled factor seeds and with the
CEADs-compatible set (``factor_seeds/ceads_compatible``). The activity is the
same in both builds, so

- bundled - CEADs-compatible = the factor difference (fuel by fuel);
- CEADs-compatible - CEADs = what one national factor per fuel cannot give:
  CEADs' province-specific coal factors (coal quality), plus any place where
  CEADs' two published files disagree.

Then ``report.write`` writes docs/validation.md and docs/validation_ratios.png.
"""

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from orchestration.ceads.factors import fossil_co2, implied_factors, read_emission_inventory
from orchestration.ceads.importer import import_ceads, read_energy_inventory
from orchestration.ceads.mapping import product_map, provinces
from orchestration.paths import DEFAULT_HOME, PROJECT_ROOT
from orchestration.warehouse import Warehouse

YEARS = (2012, 2017, 2019, 2022)
FACTOR_SETS = ("bundled", "ceads")
DEFAULT_WORKDIR = DEFAULT_HOME / "validation"
DEFAULT_DOCS = PROJECT_ROOT / "docs"
KEY = ["region_code", "year", "fuel_code"]


@dataclass
class SetResult:
    """One factor set's build: per province, year and fuel, tCO2 (direct, computed layer)."""

    factor_set: str
    by_fuel: pd.DataFrame
    seconds: float


def ours_by_fuel(warehouse: Warehouse) -> pd.DataFrame:
    """Direct emissions of the computed layer, province years, by fuel; checked against the
    regional total of rpt_region_totals (energy + industry direct + other direct)."""
    by_fuel = warehouse.query_df(
        "select region_code, cast(extract(year from period_start) as integer) as year, "
        "fuel_code, sum(emissions_tco2) as tco2 "
        f"from {warehouse.relation('fct_emissions')} "
        "where layer = 'computed' and region_level = 'province' and period_type = 'year' "
        "and scope = 'direct' group by 1, 2, 3"
    )
    totals = warehouse.query_df(
        "select region_code, cast(extract(year from period_start) as integer) as year, "
        f"total_tco2 from {warehouse.relation('rpt_region_totals')} "
        "where layer = 'computed' and region_level = 'province' and period_type = 'year'"
    )
    summed = by_fuel.groupby(["region_code", "year"])["tco2"].sum()
    check = totals.set_index(["region_code", "year"])["total_tco2"].reindex(summed.index)
    if not ((summed - check).abs() <= 1e-6 * check.abs().clip(lower=1)).all():
        raise RuntimeError("fct_emissions by fuel does not add up to rpt_region_totals.total_tco2")
    other = warehouse.query_df(
        f"select distinct period_type from {warehouse.relation('fct_emissions')} "
        "where period_type <> 'year'"
    )
    if len(other):
        raise RuntimeError(f"annual-only build produced periods {other.period_type.tolist()}")
    return by_fuel


def build_set(workdir: Path, factor_set: str, years: tuple[int, ...]) -> SetResult:
    """Import all provinces with this factor set into a fresh landing dir and DuckDB, build."""
    from orchestration.pipeline import build

    started = time.monotonic()
    root = Path(workdir) / factor_set
    if root.exists():
        shutil.rmtree(root)
    landing = root / "landing"
    summary = import_ceads(landing, list(years), None, factor_set)
    print(f"[{factor_set}] imported: " + summary.table().replace("\n", "; "), flush=True)
    warehouse = Warehouse.duckdb(root / "warehouse.duckdb")
    result = build(landing, warehouse, build_id=f"validate-{factor_set}")
    if result.refused_files:
        names = ", ".join(f.file for f in result.refused_files)
        raise RuntimeError(f"[{factor_set}] landing files refused: {names}")
    seconds = time.monotonic() - started
    print(f"[{factor_set}] built in {seconds:.0f} s", flush=True)
    return SetResult(factor_set, ours_by_fuel(warehouse), seconds)


def ceads_by_fuel(years: tuple[int, ...]) -> pd.DataFrame:
    """CEADs fossil CO2 per province code, year and our fuel code, tCO2."""
    emissions = read_emission_inventory()
    co2 = fossil_co2(emissions)
    co2 = co2[co2["year"].isin(years)]
    check_fossil_definition(emissions, co2)
    fuel_of = dict(zip(product_map()["ceads_product"], product_map()["fuel_code"], strict=True))
    unknown = sorted(set(co2["product"]) - set(fuel_of))
    if unknown:
        raise RuntimeError(f"CEADs emission products not in ceads_product_map.csv: {unknown}")
    code_of = dict(zip(provinces()["ceads_name"], provinces()["region_code"], strict=True))
    co2["fuel_code"] = co2["product"].map(fuel_of)
    co2["region_code"] = co2["province"].map(code_of)
    return co2.groupby(KEY, as_index=False)["tco2"].sum()


def check_fossil_definition(emissions: pd.DataFrame, co2: pd.DataFrame) -> None:
    """CEADs fossil CO2 (the fuels of the total row) must equal Scope_1_Total - Process."""
    total = emissions[(emissions["row_index"] == 2) & emissions["year"].isin(set(co2["year"]))]
    items = total.pivot_table(
        index=["year", "province"], columns="product", values="value_MtCO2", aggfunc="sum"
    ).fillna(0)
    expected = (items["Scope_1_Total"] - items["Process"]) * 1e6
    fuels = co2.groupby(["year", "province"])["tco2"].sum().reindex(expected.index)
    if not ((fuels - expected).abs() <= 1.0).all():  # within 1 tCO2
        raise RuntimeError("CEADs fuel columns do not add up to Scope_1_Total - Process")


def combine(ceads: pd.DataFrame, bundled: pd.DataFrame, compatible: pd.DataFrame) -> pd.DataFrame:
    """One frame per province, year and fuel: ceads, bundled, compatible tCO2 and fuel_group."""
    frame = (
        ceads.rename(columns={"tco2": "ceads"})
        .merge(bundled.rename(columns={"tco2": "bundled"}), on=KEY, how="outer")
        .merge(compatible.rename(columns={"tco2": "compatible"}), on=KEY, how="outer")
    )
    frame[["ceads", "bundled", "compatible"]] = frame[["ceads", "bundled", "compatible"]].fillna(0)
    groups = product_map().set_index("fuel_code")["fuel_group"]
    frame["fuel_group"] = frame["fuel_code"].map(groups[groups.index != ""])
    if frame["fuel_group"].isna().any():
        missing = sorted(frame.loc[frame["fuel_group"].isna(), "fuel_code"].unique())
        raise RuntimeError(f"fuels without a group in ceads_product_map.csv: {missing}")
    return frame


def run(
    workdir: Path = DEFAULT_WORKDIR, docs: Path = DEFAULT_DOCS, years: tuple[int, ...] = YEARS
) -> int:
    """Build both factor sets, compare with CEADs, write the report; 0 on success."""
    from orchestration.ceads import report

    results = {s: build_set(workdir, s, years) for s in FACTOR_SETS}
    frame = combine(ceads_by_fuel(years), results["bundled"].by_fuel, results["ceads"].by_fuel)
    energy = read_energy_inventory(list(years), provinces()["ceads_name"].tolist())
    activity = implied_factors(energy, read_emission_inventory())
    md, png = report.write(frame, docs, years, activity)
    print(f"wrote {md} and {png}")
    print(report.summary_text(frame))
    return 0


if __name__ == "__main__":
    sys.exit(run())
