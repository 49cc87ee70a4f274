"""The CEADs-compatible factor set: ``factor_seeds/ceads_compatible/`` (a local override).

Why: our totals differ from CEADs' by activity boundary, by factors and by coal
quality. With the same activity (the importer's landing) and factors whose
product ``c(f) x e(f)`` equals CEADs' own CO2 per physical unit, what is left of
the gap is what CEADs does per province and we cannot (one coal factor per
province and sector), so the three can be told apart.

CEADs' per-fuel factors are taken from its published inventories themselves:
``p(f) = CEADs emissions / CEADs activity`` of each province and year, on the
importer's boundary (the emission inventory's total row, fuel by fuel, over the
mapped activity). For most fuels p is one number for every province and year
(CEADs uses national NCV x carbon content x oxidation): the median is taken.
For raw coal, washed coal, middlings and briquettes p differs by province (coal
quality): the set takes the national mean of each year (sum of emissions over
sum of activity of the 30 provinces), one version per year. ``c(f)`` stays the
bundled GB/T 2589 value, so standard coal (energy_tce) is unchanged and only
``e(f) = p(f) / c(f)`` differs.
"""

import csv
import sys
from pathlib import Path

import pandas as pd

from orchestration.ceads import EMISSION_FILE, SHORT_CITATION, reference_file
from orchestration.ceads.importer import CEADS_FACTOR_DIR, read_energy_inventory, region_codes
from orchestration.ceads.mapping import product_map, provinces, to_landing
from orchestration.contract import FACTOR_SEEDS
from orchestration.paths import FACTOR_SEEDS_DIR

FIRST_YEAR = 1997  # first year of the CEADs inventories: every fuel gets a version from then
UNIFORM_TOLERANCE = 1e-4  # a province-year within 0.01 % of the median "uses the same factor"
UNIFORM_SHARE = 0.9  # a fuel is uniform when at least 90 % of its province-years do
MIN_ACTIVITY = 1.0  # physical units; smaller quantities give ratios dominated by rounding
EXTRA_ITEMS = ("Process", "Scope_1_Total")


def read_emission_inventory(path: Path | None = None) -> pd.DataFrame:
    """The long CEADs emission inventory with product names as in the energy inventory."""
    frame = pd.read_csv(path or reference_file(EMISSION_FILE))
    names = frame["fuel_or_item"].str.strip().str.replace(" ", "_")
    frame["product"] = names.replace("CleanedCoal", "Cleaned_Coal")
    return frame


def fossil_co2(emissions: pd.DataFrame) -> pd.DataFrame:
    """CEADs fossil CO2 per year, province and product, tCO2: the total row (row 2), fuels only.

    Scope-1 total minus process emissions, i.e. energy-related CO2 of the 17 fuels.
    """
    total = emissions[(emissions["row_index"] == 2) & ~emissions["product"].isin(EXTRA_ITEMS)]
    out = total.groupby(["year", "province", "product"], as_index=False)["value_MtCO2"].sum()
    out["tco2"] = out.pop("value_MtCO2") * 1e6
    return out


def implied_factors(energy: pd.DataFrame, emissions: pd.DataFrame) -> pd.DataFrame:
    """Per year, province and fuel: boundary activity, CEADs tCO2 and p = tCO2 / activity."""
    names = sorted(set(energy["province"]))
    mapped = to_landing(energy, region_codes(names))
    code_to_name = dict(zip(provinces()["region_code"], provinces()["ceads_name"], strict=True))
    activity = pd.concat(
        [
            mapped.energy_balance[["region_code", "year", "fuel_code", "quantity"]],
            mapped.industry_energy.assign(year=mapped.industry_energy["period_start"].str[:4])[
                ["region_code", "year", "fuel_code", "quantity"]
            ],
        ]
    )
    activity["year"] = activity["year"].astype(int)
    activity["province"] = activity.pop("region_code").map(code_to_name)
    activity = activity.groupby(["year", "province", "fuel_code"], as_index=False)["quantity"].sum()
    products = product_map()
    fuel_of = dict(zip(products["ceads_product"], products["fuel_code"], strict=True))
    co2 = fossil_co2(emissions)
    co2["fuel_code"] = co2["product"].map(fuel_of).fillna("")
    co2 = co2[co2["fuel_code"] != ""]
    out = activity.merge(co2[["year", "province", "fuel_code", "tco2"]], how="outer")
    out[["quantity", "tco2"]] = out[["quantity", "tco2"]].fillna(0.0)
    out["p"] = out["tco2"] / out["quantity"].where(out["quantity"] >= MIN_ACTIVITY)
    return out


def _uniform(ratios: pd.Series) -> tuple[bool, float, float]:
    """(uniform?, median, share of ratios within the tolerance of the median)."""
    ratios = ratios.dropna()
    median = float(ratios.median())
    share = float((abs(ratios / median - 1) <= UNIFORM_TOLERANCE).mean())
    return share >= UNIFORM_SHARE, median, share


def derive(implied: pd.DataFrame) -> pd.DataFrame:
    """One row per fuel and version: fuel_code, year, p, how, detail (for the source text)."""
    rows = []
    for fuel, group in implied.groupby("fuel_code"):
        usable = group.dropna(subset=["p"])
        if usable.empty:
            continue
        uniform, median, share = _uniform(usable["p"])
        if uniform:
            rows.append(
                {
                    "fuel_code": fuel,
                    "year": FIRST_YEAR,
                    "p": median,
                    "how": "uniform",
                    "detail": f"median of {len(usable)} province-years "
                    f"{usable['year'].min()}-{usable['year'].max()}, {share:.0%} of them within "
                    f"{UNIFORM_TOLERANCE:.2%} of it",
                }
            )
            continue
        for year, by_year in group.groupby("year"):
            active = by_year[by_year["quantity"] >= MIN_ACTIVITY]
            if active["quantity"].sum() <= 0:
                continue
            p = active["tco2"].sum() / active["quantity"].sum()
            spread = active["p"].dropna()
            rows.append(
                {
                    "fuel_code": fuel,
                    "year": int(year),
                    "p": p,
                    "how": "national_mean",
                    "detail": f"national mean of {year}: {active['tco2'].sum():.6g} tCO2 / "
                    f"{active['quantity'].sum():.6g} over {len(active)} provinces; provinces "
                    f"range {spread.min():.4g}-{spread.max():.4g}",
                }
            )
    return pd.DataFrame(rows)


def _first_versions_from(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every fuel's earliest version starts on 1 January of ``year`` (CEADs starts in 1997)."""
    frame = frame.copy()
    first = frame.groupby("fuel_code")["valid_from"].transform("min")
    early = f"{year}-01-01"
    frame.loc[(frame["valid_from"] == first) & (frame["valid_from"] > early), "valid_from"] = early
    return frame


def factor_set(derived: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(fuels, emission_factors) of the CEADs-compatible set from the derived p(f)."""
    fuels = pd.read_csv(FACTOR_SEEDS_DIR / "fuels.csv", dtype=str, keep_default_na=False)
    bundled_e = pd.read_csv(
        FACTOR_SEEDS_DIR / "emission_factors.csv", dtype=str, keep_default_na=False
    )
    fuels = _first_versions_from(fuels, FIRST_YEAR)
    fuels["source"] = "As the bundled seed (c unchanged; first version from 1997). " + fuels[
        "source"
    ].astype(str)
    unit = dict(zip(fuels["fuel_code"], fuels["physical_unit"], strict=False))
    c = dict(zip(fuels["fuel_code"], fuels["std_coal_coeff"].astype(float), strict=False))
    rows = []
    for r in derived.itertuples():
        e = r.p / c[r.fuel_code]
        rows.append(
            {
                "fuel_code": r.fuel_code,
                "co2_per_tce": f"{e:.8g}",
                "valid_from": f"{r.year}-01-01",
                "source": (
                    f"CEADs-compatible: p = {r.p:.7g} tCO2/{unit[r.fuel_code]}, CEADs' own CO2 per "
                    f"physical unit (CEADs emission inventory / energy inventory on the importer's "
                    f"boundary, {r.detail}); e = p / c = {r.p:.7g} / {c[r.fuel_code]:g} = {e:.8g} "
                    f"tCO2/tce. Source: {SHORT_CITATION}, see ceads_compatible/README.md"
                ),
            }
        )
    ceads = pd.DataFrame(rows)
    others = bundled_e[~bundled_e["fuel_code"].isin(set(ceads["fuel_code"]))].copy()
    others["source"] = "As the bundled seed (CEADs has no emission of this fuel). " + others[
        "source"
    ].astype(str)
    factors = _first_versions_from(pd.concat([ceads, others], ignore_index=True), FIRST_YEAR)
    order = {f: i for i, f in enumerate(fuels["fuel_code"].drop_duplicates())}
    factors = factors.sort_values(
        ["fuel_code", "valid_from"], key=lambda s: s.map(order) if s.name == "fuel_code" else s
    )
    return fuels, factors


def write_factor_set(out_dir: Path = CEADS_FACTOR_DIR) -> pd.DataFrame:
    """Derive from the reference inventories and write fuels.csv and emission_factors.csv."""
    names = provinces()["ceads_name"].tolist()
    years = list(range(FIRST_YEAR, 2023))
    energy = read_energy_inventory(years, names)
    implied = implied_factors(energy, read_emission_inventory())
    derived = derive(implied)
    fuels, factors = factor_set(derived)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in (("fuels", fuels), ("emission_factors", factors)):
        frame[list(FACTOR_SEEDS[name])].to_csv(
            out_dir / f"{name}.csv", index=False, encoding="utf-8", quoting=csv.QUOTE_MINIMAL
        )
    write_readme(derived, out_dir)
    return derived


README = """# CEADs-compatible factor set (a local factor override)

Written by `python -m orchestration.ceads.factors` from the CEADs inventories in the
reference data; do not edit by hand. Not dbt seeds (disabled in `dbt_project.yml`): a
landing directory uses them when they are copied into its `factor_seeds/`, which
`carbon import-ceads --factors ceads` does (CONTRACT.md, local factors).

**Why.** Our emissions differ from CEADs' by activity boundary, factors and coal
quality. With this set and the importer's activity (CEADs' own boundary), c x e of every
fuel equals CEADs' own CO2 per physical unit, so a remaining difference is coal quality
(or a disagreement inside CEADs), and the bundled-vs-this-set difference is the factors
alone. `carbon validate` (docs/validation.md) uses it so.

**How each value was derived.** For each fuel, province and year,
`p = CEADs CO2 / activity`: CEADs CO2 from the emission inventory's total row (row 2, that
fuel's column), activity = what `carbon import-ceads` maps for that fuel (final
consumption + thermal power and heating supply inputs - non-energy use, in the fuels
seed's unit). Then:

- fuels where at least {share:.0%} of the province-years give the same p to within
  {tol:.2%} (CEADs uses national factors for them): **p = the median**, one version from
  {first}-01-01;
- raw coal, cleaned coal, other washed coal and briquettes, whose CEADs factor differs by
  province (coal quality): **p = the national mean of each year** = sum of CEADs CO2 /
  sum of activity over the 30 provinces, one version per year;
- `e(f) = p / c(f)` with `c(f)` the bundled GB/T 2589 coefficient, so standard coal
  (energy_tce) is unchanged.

Fuels CEADs does not have (blast furnace gas, converter gas, naphtha, LNG) and the
non-burned carriers (electricity, electricity_import, heat) keep the bundled values. The
first version of every fuel starts on {first}-01-01 (CEADs' first year; the bundled
seeds start in 2010), so any CEADs year can be built. `fuels.csv` is the bundled seed
with that date only.

Sources: {citation}.

| fuel | unit | p = c x e, tCO2 per unit | how | versions |
| --- | --- | --- | --- | --- |
{rows}
"""


def write_readme(derived: pd.DataFrame, out_dir: Path) -> None:
    from orchestration.ceads import CITATION

    fuels = pd.read_csv(FACTOR_SEEDS_DIR / "fuels.csv", dtype=str, keep_default_na=False)
    unit = dict(zip(fuels["fuel_code"], fuels["physical_unit"], strict=False))
    rows = []
    for fuel, group in derived.groupby("fuel_code", sort=False):
        if len(group) == 1:
            value = f"{group['p'].iloc[0]:.6g}"
        else:
            value = f"{group['p'].min():.4g} to {group['p'].max():.4g}"
        how = "median, uniform" if group["how"].iloc[0] == "uniform" else "national mean per year"
        rows.append(f"| {fuel} | {unit[fuel]} | {value} | {how} | {len(group)} |")
    text = README.format(
        share=UNIFORM_SHARE,
        tol=UNIFORM_TOLERANCE,
        first=FIRST_YEAR,
        citation=CITATION,
        rows="\n".join(rows),
    )
    (out_dir / "README.md").write_text(text, encoding="utf-8")


def main() -> int:
    derived = write_factor_set()
    print(derived[["fuel_code", "year", "p", "how"]].to_string(index=False))
    print(f"written to {CEADS_FACTOR_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
