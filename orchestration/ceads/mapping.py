"""CEADs energy inventory rows -> landing rows of CONTRACT.md, as pure functions.

Every choice is data in the three CSV files next to this module, each row with
its reason: ``ceads_sector_map.csv`` (CEADs row -> energy_balance flow or
GB/T 4754-2017 division, the checked and fixed version of
``classifications/ceads47_to_gbt4754_2017_SUGGESTED.csv``),
``ceads_product_map.csv`` (CEADs product -> fuel code and boundary) and
``ceads_provinces.csv`` (CEADs province name -> GB/T 2260 code and name). This
module only applies them, so the mapping can be read, reviewed and tested
without the code.

The activity boundary is CEADs' own (reference/SOURCES.md, and checked on the
2012, 2017, 2019 and 2022 files): final consumption of every sector, plus the
inputs to thermal power and heating supply, minus non-energy use, which CEADs
takes from the chemical rows 24-28 in proportion to their use, capped at it.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent

# CEADs unit label -> (physical unit of the fuels seed, multiplier). Unit definitions, not
# factors: 10^4 t = 10^4 t; 10^8 m3 = 10^4 x 10^4 m3; 10^10 kJ = 10^7 MJ = 10^4 GJ;
# 10^8 kWh = 10^5 MWh; 10^4 tce = 10^4 tce. "1010 kj" is how some CEADs years print 10^10 kJ.
UNITS: dict[str, tuple[str, int]] = {
    "10^4 ton": ("t", 10**4),
    "10^8 cu.m": ("10^4 m3", 10**4),
    "10^10 kj": ("GJ", 10**4),
    "1010 kj": ("GJ", 10**4),
    "10^8 kwh": ("MWh", 10**5),
    "10^4 tce": ("tce", 10**4),
}


class MappingError(ValueError):
    """The inventory holds something the mapping tables do not cover."""


def convert(value: float, unit: str) -> tuple[float, str]:
    """A CEADs quantity in the fuels seed's physical unit: ``(quantity, unit)``."""
    try:
        target, multiplier = UNITS[unit.strip().lower()]
    except KeyError:
        raise MappingError(f"unknown CEADs unit {unit!r}") from None
    return value * multiplier, target


@cache
def sector_map() -> pd.DataFrame:
    """CEADs row number -> row_kind, target (industry / flow / excluded) and code."""
    frame = pd.read_csv(HERE / "ceads_sector_map.csv", dtype=str, keep_default_na=False)
    frame["ceads_row"] = frame["ceads_row"].astype(int)
    return frame


@cache
def product_map() -> pd.DataFrame:
    """CEADs product -> fuel_code and boundary (all / power_heat_only / excluded)."""
    return pd.read_csv(HERE / "ceads_product_map.csv", dtype=str, keep_default_na=False)


@cache
def provinces() -> pd.DataFrame:
    """CEADs province name -> GB/T 2260 region_code and Chinese name."""
    return pd.read_csv(HERE / "ceads_provinces.csv", dtype=str, keep_default_na=False)


def province_codes(names_or_codes: list[str] | None) -> list[str]:
    """CEADs names of the provinces asked for by name (``Hubei``) or code (``420000``, ``42``)."""
    table = provinces()
    if not names_or_codes:
        return table["ceads_name"].tolist()
    by_code = dict(zip(table["region_code"], table["ceads_name"], strict=True))
    by_name = {n.lower(): n for n in table["ceads_name"]}
    out = []
    for item in names_or_codes:
        key = item.strip()
        code = key.ljust(6, "0") if key.isdigit() and len(key) == 2 else key
        name = by_code.get(code) or by_name.get(key.lower().replace(" ", ""))
        if name is None:
            raise MappingError(
                f"unknown province {item!r}: give a CEADs name (Hubei, InnerMongolia) or a "
                f"GB/T 2260 code (420000) of the 30 CEADs provinces"
            )
        out.append(name)
    return list(dict.fromkeys(out))


@dataclass
class Mapped:
    """Landing frames and what the mapping set aside, for the importer's report."""

    energy_balance: pd.DataFrame
    industry_energy: pd.DataFrame
    non_energy_use: pd.DataFrame  # year, province, fuel_code, deducted (physical unit)
    dropped: dict[str, int] = field(default_factory=dict)


def _with_products(inventory: pd.DataFrame) -> pd.DataFrame:
    products = product_map().set_index("ceads_product")
    unknown = sorted(set(inventory["fuel"]) - set(products.index))
    if unknown:
        raise MappingError(f"CEADs products missing from ceads_product_map.csv: {unknown}")
    frame = inventory.join(products[["fuel_code", "boundary"]], on="fuel")
    converted = [convert(v, u) for v, u in zip(frame["value"], frame["unit"], strict=True)]
    frame["quantity"] = [q for q, _ in converted]
    frame["physical_unit"] = [u for _, u in converted]
    return frame


def _with_sectors(frame: pd.DataFrame) -> pd.DataFrame:
    sectors = sector_map().set_index("ceads_row")
    unknown = sorted(set(frame["row_index"]) - set(sectors.index))
    if unknown:
        raise MappingError(f"CEADs rows missing from ceads_sector_map.csv: {unknown}")
    cols = ["row_kind", "target", "code", "non_energy_use"]
    return frame.join(sectors[cols], on="row_index")


def deduct_non_energy_use(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Take non-energy use away from the ``deduct`` rows, pro rata, capped at their total.

    Per year, province and fuel: ``R = min(NEU, S)`` with S the fuel's use in the deduct
    rows (CEADs 24-28), and each of those rows times ``1 - R / S``. Returns the frame
    without the non-energy-use rows and the deducted amounts R.
    """
    keys = ["year", "province", "fuel_code"]
    neu = (
        frame[frame["row_kind"] == "non_energy_use"]
        .groupby(keys, as_index=False)["quantity"]
        .sum()
        .rename(columns={"quantity": "neu"})
    )
    rest = frame[frame["row_kind"] != "non_energy_use"].copy()
    deduct = rest["non_energy_use"] == "deduct"
    pool = rest[deduct].groupby(keys, as_index=False)["quantity"].sum()
    pool = pool.rename(columns={"quantity": "s"})
    shares = pool.merge(neu, on=keys, how="inner")
    shares["deducted"] = shares[["neu", "s"]].min(axis=1).clip(lower=0)
    shares["keep"] = 1 - shares["deducted"] / shares["s"].where(shares["s"] > 0)
    rest = rest.merge(shares[[*keys, "keep"]], on=keys, how="left")
    scale = rest["keep"].where(rest["non_energy_use"] == "deduct").fillna(1.0)
    rest["quantity"] = rest["quantity"] * scale
    return rest.drop(columns="keep"), shares[[*keys, "deducted"]]


def to_landing(inventory: pd.DataFrame, region_codes: dict[str, str]) -> Mapped:
    """Map a long CEADs energy inventory (year, province, row_index, fuel, unit, value).

    ``region_codes``: CEADs province name -> region code. Returns energy_balance rows
    (flows) and industry_energy year rows (table consumption), quantities summed per key.
    """
    frame = _with_sectors(_with_products(inventory))
    frame = frame[frame["boundary"] != "excluded"]
    frame, deducted = deduct_non_energy_use(frame)
    dropped = {}
    used = frame["target"] != "excluded"
    # Products counted only where burned for power and heat (boundary power_heat_only).
    only_ph = (frame["boundary"] == "power_heat_only") & (frame["row_kind"] != "transformation")
    dropped["material use of power_heat_only products (rows)"] = int((used & only_ph).sum())
    negative = used & (frame["quantity"] < 0)
    dropped["negative values (transformation outputs)"] = int(negative.sum())
    frame = frame[used & ~only_ph & ~negative & (frame["quantity"] != 0)].copy()
    missing = sorted(set(frame["province"]) - set(region_codes))
    if missing:
        raise MappingError(f"provinces without a region code: {missing}")
    frame["region_code"] = frame["province"].map(region_codes)
    frame["year"] = frame["year"].astype(int)

    flows = frame[frame["target"] == "flow"]
    energy_balance = (
        flows.groupby(["region_code", "year", "fuel_code", "code"], as_index=False)["quantity"]
        .sum()
        .rename(columns={"code": "flow_code"})
    )
    industry = frame[frame["target"] == "industry"]
    industry_energy = (
        industry.groupby(["region_code", "year", "code", "fuel_code"], as_index=False)["quantity"]
        .sum()
        .rename(columns={"code": "industry_code"})
    )
    industry_energy.insert(1, "period_type", "year")
    industry_energy.insert(2, "period_start", industry_energy["year"].map(lambda y: f"{y}-01-01"))
    industry_energy["table_code"] = "consumption"
    industry_energy = industry_energy.drop(columns="year")
    balance_columns = ["region_code", "year", "fuel_code", "flow_code", "quantity"]
    return Mapped(
        energy_balance=energy_balance[balance_columns],
        industry_energy=industry_energy[
            [
                "region_code",
                "period_type",
                "period_start",
                "industry_code",
                "fuel_code",
                "table_code",
                "quantity",
            ]
        ],
        non_energy_use=deducted,
        dropped=dropped,
    )
