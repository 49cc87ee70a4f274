"""Check a landing directory against the contract (``orchestration.contract``).

Used by the generator's tests and handy for hand-made landing sets: columns
exactly as the contract, required cells filled, allowed values, known region,
fuel and industry codes, numbers parse, no negatives where signs are not
allowed, ``period_start`` the first day of its period, no repeated key
within a file. It returns messages (empty = fine) rather than raising, so
that one call reports every problem.
"""

from pathlib import Path

import pandas as pd

from orchestration.contract import DATE, INTEGER, NUMBER, SOURCES

FUEL_CODES = (
    "raw_coal", "washed_coal", "other_washed_coal", "briquettes", "coke", "coke_oven_gas",
    "blast_furnace_gas", "converter_gas", "other_gas", "crude_oil", "gasoline", "kerosene",
    "diesel", "fuel_oil", "naphtha", "lpg", "refinery_gas", "other_petroleum", "natural_gas",
    "lng", "electricity", "electricity_import", "heat",
)  # fmt: skip
INDUSTRY_CODES = tuple(f"{i:02d}" for i in range(6, 47))


def _first_day_ok(period_type: pd.Series, start: pd.Series) -> pd.Series:
    ok = pd.Series(True, index=start.index)
    ok &= (period_type == "day") | (start.dt.day == 1)
    ok &= ~((period_type == "quarter") & ~start.dt.month.isin([1, 4, 7, 10]))
    ok &= ~((period_type == "year") & (start.dt.month != 1))
    return ok


def check_file(path: Path, name: str, region_codes: set[str] | None) -> list[str]:
    source = SOURCES[name]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    problems: list[str] = []
    if tuple(frame.columns) != source.column_names:
        return [f"{path}: columns {list(frame.columns)} != {list(source.column_names)}"]
    refs = {"fuel": set(FUEL_CODES), "industry": set(INDUSTRY_CODES), "region": region_codes}
    for col in source.columns:
        values = frame[col.name]
        empty = values == ""
        if col.required and empty.any():
            problems.append(f"{path}: {col.name} empty on {int(empty.sum())} row(s)")
        present = values[~empty]
        if col.allowed and not present.isin(col.allowed).all():
            problems.append(f"{path}: {col.name} values {set(present) - set(col.allowed)}")
        known = refs.get(col.reference or "")
        if known is not None and not present.isin(known).all():
            problems.append(f"{path}: unknown {col.reference} {sorted(set(present) - known)[:5]}")
        if col.kind in (NUMBER, INTEGER):
            numbers = pd.to_numeric(present, errors="coerce")
            if numbers.isna().any():
                problems.append(f"{path}: {col.name} not numeric")
            negative = numbers < 0
            if source.signed_when and col.name == "quantity":
                signed_col, signed_values = source.signed_when
                negative &= ~frame.loc[present.index, signed_col].isin(signed_values)
            if col.non_negative and negative.any():
                problems.append(f"{path}: {col.name} negative on {int(negative.sum())} row(s)")
        if col.kind == DATE:
            dates = pd.to_datetime(present, format="%Y-%m-%d", errors="coerce")
            if dates.isna().any():
                problems.append(f"{path}: {col.name} not an ISO date")
            elif source.period_type_column:
                ok = _first_day_ok(frame.loc[present.index, source.period_type_column], dates)
                if not ok.all():
                    problems.append(
                        f"{path}: period_start not the first day on {(~ok).sum()} row(s)"
                    )
    duplicated = frame.duplicated(list(source.key))
    if duplicated.any():
        problems.append(f"{path}: {int(duplicated.sum())} repeated key(s)")
    return problems


def check_landing(landing: Path) -> list[str]:
    """Every CSV of every source folder under ``landing``; [] when all conform."""
    landing = Path(landing)
    regions_files = sorted((landing / "regions").glob("*.csv"))
    region_codes = None
    if regions_files:
        region_codes = set(
            pd.concat([pd.read_csv(p, dtype=str) for p in regions_files])["region_code"]
        )
    problems = []
    for name in SOURCES:
        for path in sorted((landing / name).glob("*.csv")):
            problems += check_file(path, name, region_codes)
    return problems
