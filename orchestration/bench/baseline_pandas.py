"""Baseline (b): the same totals in plain pandas, what a user would write without the platform.

Straightforward on purpose: ``read_csv`` of every file, boolean filters, ``merge`` and
``groupby``; no tuning beyond reading codes as text. It computes the province day rows
(shares of the month or year by the day's driver) before summing, like the SQL baseline,
so both do the same work; the compared subset is ``orchestration.bench.scope``.
"""

from pathlib import Path

import pandas as pd

from orchestration.bench.scope import KEY, seed_path

OTHER_SUBSECTORS = ["agriculture", "construction", "transport", "commercial", "residential"]
TEXT = {"region_code": str, "industry_code": str, "parent_code": str}


def _read(landing: Path, source: str) -> pd.DataFrame:
    files = sorted((landing / source).glob("*.csv"))
    frame = pd.concat([pd.read_csv(f, dtype=TEXT) for f in files], ignore_index=True)
    for column in ("period_start", "valid_from"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def _month(s: pd.Series) -> pd.Series:
    return s.dt.to_period("M").dt.start_time


def _quarter(s: pd.Series) -> pd.Series:
    return s.dt.to_period("Q").dt.start_time


def _year(s: pd.Series) -> pd.Series:
    return s.dt.to_period("Y").dt.start_time


def _energy(balance, inputs, supply) -> pd.DataFrame:
    """Energy rows (5.2-5.4): fuel of years, complete quarters, months, days and imports."""
    flows = {"power_generation_input": "power", "heat_supply_input": "heat"}
    years = balance[balance.flow_code.isin(list(flows))].assign(
        subsector=lambda d: d.flow_code.map(flows), period_type="year"
    )
    months = (
        inputs[(inputs.period_type == "month") & ~inputs.fuel_code.isin(["electricity", "heat"])]
        .groupby(["region_code", "period_start", "use", "fuel_code"], as_index=False)["quantity"]
        .sum()
        .rename(columns={"use": "subsector"})
    )
    months["quarter"] = _quarter(months.period_start)
    n_months = months.groupby(["region_code", "quarter"]).period_start.nunique()
    complete = n_months[n_months == 3].reset_index()[["region_code", "quarter"]]
    quarters = (
        months.merge(complete)
        .groupby(["region_code", "quarter", "subsector", "fuel_code"], as_index=False)["quantity"]
        .sum()
        .rename(columns={"quarter": "period_start"})
    )
    # days: power by generation, heat by heat supply (evenly where there is none), of the month
    days = supply.rename(columns={"period_start": "day"})
    days["month"] = _month(days.day)
    drivers = days.groupby(["region_code", "month"], as_index=False).agg(
        gen_m=("generation_mwh", "sum"),
        heat_m=("heat_supply_gj", "sum"),
        heat_n=("heat_supply_gj", "count"),
        n=("day", "size"),
    )
    split = months.rename(columns={"period_start": "month"}).merge(days).merge(drivers)
    even = 1.0 / split.n
    share = (split.generation_mwh / split.gen_m).where(split.gen_m > 0, even)
    heat_share = (split.heat_supply_gj.fillna(0) / split.heat_m).where(
        (split.heat_n > 0) & (split.heat_m > 0), even
    )
    split["quantity"] = split.quantity * share.where(split.subsector == "power", heat_share)
    day_fuel = split.rename(columns={"day": "period_start"})
    # imports: every period with fuel figures, and every day from the first reported month on
    first = months.groupby("region_code", as_index=False).period_start.min()
    import_days = days.merge(first.rename(columns={"period_start": "first"}))
    import_days = import_days[import_days.month >= import_days["first"]]
    imports = [import_days.rename(columns={"day": "period_start"}).assign(period_type="day")]
    for period_type, own, fn in (
        ("month", months, _month),
        ("quarter", quarters, _quarter),
        ("year", years, _year),
    ):
        grid = (
            days.assign(period_start=fn(days.day))
            .groupby(["region_code", "period_start"], as_index=False)
            .imported_mwh.sum()
        )
        present = own[["region_code", "period_start"]].drop_duplicates()
        imports.append(grid.merge(present).assign(period_type=period_type))
    imports = pd.concat(imports).assign(fuel_code="electricity_import")
    imports = imports.rename(columns={"imported_mwh": "quantity"})
    parts = [
        years,
        quarters.assign(period_type="quarter"),
        months.assign(period_type="month"),
        day_fuel.assign(period_type="day"),
        imports,
    ]
    cols = ["region_code", "period_type", "period_start", "fuel_code", "quantity"]
    return pd.concat([p[cols] for p in parts], ignore_index=True).assign(sector="energy")


def _industry(industry, value_added, energy_industries, electricity, supply) -> pd.DataFrame:
    """Industry direct rows (5.5-5.7): Q = sum of tables x k, days by industry electricity."""
    usable = industry[
        (industry.fuel_code != "electricity") & ~industry.industry_code.isin(energy_industries)
    ]
    keys = ["region_code", "period_type", "period_start", "industry_code", "fuel_code"]
    periods = usable.groupby(keys, as_index=False)["quantity"].sum()
    months = periods[periods.period_type == "month"].copy()
    months["quarter"] = _quarter(months.period_start)
    n_months = months.groupby(["region_code", "quarter"]).period_start.nunique()
    complete = n_months[n_months == 3].reset_index()[["region_code", "quarter"]]
    own_quarters = periods.loc[periods.period_type == "quarter", ["region_code", "period_start"]]
    summed = (
        months.merge(complete)
        .groupby(["region_code", "quarter", "industry_code", "fuel_code"], as_index=False)[
            "quantity"
        ]
        .sum()
        .rename(columns={"quarter": "period_start"})
        .assign(period_type="quarter")
    )
    summed = summed.merge(own_quarters.drop_duplicates(), how="left", indicator=True)
    summed = summed[summed["_merge"] == "left_only"].drop(columns="_merge")
    whole = pd.concat([periods, summed], ignore_index=True)
    va = value_added[value_added.period_type == "year"].copy()
    va["k"] = (va.value_added_total / va.value_added_above_scale.where(lambda s: s != 0)).fillna(1)
    va = va[["region_code", "industry_code", "period_start", "k"]].sort_values("period_start")
    whole = pd.merge_asof(
        whole.sort_values("period_start"),
        va,
        on="period_start",
        by=["region_code", "industry_code"],
    )
    whole["quantity"] = whole.quantity * whole.k.fillna(1.0)
    whole = whole[whole.fuel_code != "heat"]
    # days: split each reported month by the industry's daily electricity
    elec = electricity[(electricity.sector_code == "industry") & electricity.industry_code.notna()]
    elec = elec.rename(columns={"period_start": "day"})
    elec = elec[["region_code", "day", "industry_code", "mwh"]]
    elec["month"] = _month(elec.day)
    elec_month = elec.groupby(["region_code", "month", "industry_code"], as_index=False).agg(
        mwh_m=("mwh", "sum"), n=("mwh", "size")
    )
    month_rows = whole[whole.period_type == "month"].rename(columns={"period_start": "month"})
    with_elec = month_rows.merge(elec_month).merge(elec)
    share = (with_elec.mwh / with_elec.mwh_m).where(with_elec.mwh_m > 0, 1.0 / with_elec.n)
    with_elec["quantity"] = with_elec.quantity * share
    region_days = pd.concat(
        [
            supply[["region_code", "period_start"]],
            elec[["region_code", "day"]].rename(columns={"day": "period_start"}),
        ]
    ).drop_duplicates()
    region_days = region_days.rename(columns={"period_start": "day"})
    region_days["month"] = _month(region_days.day)
    region_days["n"] = region_days.groupby(["region_code", "month"]).day.transform("size")
    no_elec = month_rows.merge(elec_month, how="left", indicator=True)
    no_elec = no_elec[no_elec["_merge"] == "left_only"].drop(columns=["_merge", "n", "mwh_m"])
    no_elec = no_elec.merge(region_days)
    no_elec["quantity"] = no_elec.quantity / no_elec.n
    days = pd.concat([with_elec, no_elec]).rename(columns={"day": "period_start"})
    cols = ["region_code", "period_type", "period_start", "fuel_code", "quantity"]
    return pd.concat([whole[cols], days.assign(period_type="day")[cols]], ignore_index=True).assign(
        sector="industry"
    )


def _other(balance, electricity) -> pd.DataFrame:
    """Other-sector direct rows (5.8-5.11): the year cascaded by the subsector's electricity."""
    years = (
        balance[balance.flow_code.isin(OTHER_SUBSECTORS)]
        .groupby(["region_code", "period_start", "flow_code", "fuel_code"], as_index=False)[
            "quantity"
        ]
        .sum()
        .rename(columns={"flow_code": "subsector", "period_start": "year"})
    )
    grid = electricity[electricity.industry_code.isna()]
    sub = grid[grid.sector_code.isin(OTHER_SUBSECTORS)]
    split_regions = set(sub.region_code)
    whole = grid[(grid.sector_code == "other") & ~grid.region_code.isin(split_regions)]
    whole = whole.drop(columns="sector_code").merge(
        pd.DataFrame({"sector_code": OTHER_SUBSECTORS}), how="cross"
    )
    drivers = pd.concat([sub, whole]).rename(
        columns={"sector_code": "subsector", "period_start": "day"}
    )[["region_code", "subsector", "day", "mwh"]]
    drivers["year"] = _year(drivers.day)
    drivers["mwh_y"] = drivers.groupby(["region_code", "subsector", "year"]).mwh.transform("sum")
    drivers["n"] = drivers.groupby(["region_code", "subsector", "year"]).mwh.transform("size")
    days = years.merge(drivers)
    days["quantity"] = days.quantity * (days.mwh / days.mwh_y).where(days.mwh_y > 0, 1.0 / days.n)
    parts = [years.rename(columns={"year": "period_start"}).assign(period_type="year")]
    for period_type, fn in (("quarter", _quarter), ("month", _month), ("day", lambda s: s)):
        parts.append(
            days.assign(period_start=fn(days.day), period_type=period_type)
            .groupby(["region_code", "period_type", "period_start", "fuel_code"], as_index=False)[
                "quantity"
            ]
            .sum()
        )
    cols = ["region_code", "period_type", "period_start", "fuel_code", "quantity"]
    return pd.concat([p[cols] for p in parts], ignore_index=True).assign(sector="other")


def _factors(landing: Path, name: str, value: str) -> pd.DataFrame:
    frame = pd.read_csv(seed_path(landing, name), dtype=str)
    frame[value] = frame[value].astype(float)
    frame["valid_from"] = pd.to_datetime(frame.valid_from)
    return frame[["fuel_code", "valid_from", value]].sort_values("valid_from")


def totals(landing_dir: Path) -> pd.DataFrame:
    """Compute the compared totals from the landing CSVs with pandas."""
    landing = Path(landing_dir).resolve()
    regions = _read(landing, "regions")
    provinces = regions[regions.level == "province"]
    codes = set(provinces.region_code)

    def province_rows(source: str, **filters) -> pd.DataFrame:
        frame = _read(landing, source)
        frame = frame[frame.region_code.isin(codes)]
        for column, value in filters.items():
            frame = frame[frame[column] == value]
        return frame

    balance = province_rows("energy_balance")
    balance = balance[~balance.fuel_code.isin(["electricity", "heat"])].copy()
    balance["period_start"] = pd.to_datetime(balance.year.astype(str) + "-01-01")
    supply = province_rows("power_supply", period_type="day")
    electricity = province_rows("electricity_consumption", period_type="day")
    industries = pd.read_csv(seed_path(landing, "industries"), dtype=str)
    rows = pd.concat(
        [
            _energy(balance, province_rows("power_heat_inputs"), supply),
            _industry(
                province_rows("industry_energy"),
                province_rows("industry_value_added"),
                set(industries.loc[industries.sector == "energy", "industry_code"]),
                electricity,
                supply,
            ),
            _other(balance, electricity),
        ],
        ignore_index=True,
    )
    rows = rows.sort_values("period_start")
    for name, value in (("fuels", "std_coal_coeff"), ("emission_factors", "co2_per_tce")):
        rows = pd.merge_asof(
            rows,
            _factors(landing, name, value).rename(columns={"valid_from": "period_start"}),
            on="period_start",
            by="fuel_code",
        )
    rows["emissions_tco2"] = rows.quantity * rows.std_coal_coeff * rows.co2_per_tce
    rows["year"] = rows.period_start.dt.year
    by_province = rows.groupby(KEY, as_index=False).emissions_tco2.sum()
    parents = provinces.set_index("region_code").parent_code
    nation = (
        by_province.assign(region_code=by_province.region_code.map(parents))
        .groupby(KEY, as_index=False)
        .emissions_tco2.sum()
    )
    return pd.concat([by_province, nation], ignore_index=True).sort_values(KEY, ignore_index=True)
