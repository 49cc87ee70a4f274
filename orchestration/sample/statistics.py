"""Statistical sources of the sample, derived from the generated grid.

Monthly statistics follow the grid: fuel burned for power follows each
city's monthly thermal generation, heat fuel its heat supply, an industry's
fuel its monthly electricity. A province's figure is the sum of its cities'
within +/- 0.4 % and a year the sum of its months within +/- 0.1 % (real
sources disagree a little). Months after the last reported month, and
every year row of an incomplete year, are left out: that is the "not yet
reported" situation the nowcasts are for.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from orchestration.paths import FACTOR_SEEDS_DIR
from orchestration.sample import magnitudes as mg
from orchestration.sample.grid import OTHER, Grid
from orchestration.sample.regions import NATION_CODE
from orchestration.sample.weights import Layout

PROVINCE_NOISE = 0.004
YEAR_NOISE = 0.001
MONTH_NOISE = 0.01


@dataclass
class Calendar:
    months: pd.DatetimeIndex  # first day of every month of the sample
    month_of_day: np.ndarray  # month index per day
    last_reported: pd.Timestamp  # first day of the last reported month
    complete_years: list[int]

    @property
    def reported(self) -> np.ndarray:
        return np.asarray(self.months <= self.last_reported)


def make_calendar(days: pd.DatetimeIndex, unreported_months: int) -> Calendar:
    months = pd.date_range(days[0], days[-1], freq="MS")
    if not 0 <= unreported_months < len(months):
        raise ValueError("unreported_months must be between 0 and the number of months - 1")
    month_of_day = (days.year.to_numpy() - days[0].year) * 12 + days.month.to_numpy() - 1
    last = months[len(months) - 1 - unreported_months]
    years = sorted(set(months.year))
    complete = [y for y in years if y < last.year or (y == last.year and last.month == 12)]
    return Calendar(months, month_of_day, last, complete)


def _monthly(cal: Calendar, daily: np.ndarray) -> np.ndarray:
    out = np.zeros((len(cal.months), *daily.shape[1:]))
    np.add.at(out, cal.month_of_day, daily)
    return out


def _jitter(
    rng: np.random.Generator, shape: tuple[int, ...], spread: float, groups: np.ndarray | None
) -> np.ndarray:
    """Factors within +/- spread. With ``groups`` (last-axis item -> group index) the items of a
    group share one draw: the tables of an industry's fuel (consumption, conversion, recycling)
    are one net quantity, and independent noise on a large gross figure and its large negative
    conversion would make the net figure disagree far beyond the spread."""
    if groups is None:
        return rng.uniform(1 - spread, 1 + spread, size=shape)
    return rng.uniform(1 - spread, 1 + spread, size=(*shape[:-1], int(groups.max()) + 1))[
        ..., groups
    ]


def _provinces(
    layout: Layout,
    cities: np.ndarray,
    rng: np.random.Generator,
    groups: np.ndarray | None = None,
) -> np.ndarray:
    """Children axis 1 -> provinces, the sum within +/- PROVINCE_NOISE."""
    out = np.einsum("mc...,cp->mp...", cities, layout.membership)
    return out * _jitter(rng, out.shape, PROVINCE_NOISE, groups)


def _years(
    cal: Calendar,
    monthly: np.ndarray,
    rng: np.random.Generator,
    groups: np.ndarray | None = None,
) -> np.ndarray:
    """Month axis 0 -> complete years, the sum within +/- YEAR_NOISE."""
    out = np.stack([monthly[cal.months.year == y].sum(axis=0) for y in cal.complete_years])
    return out * _jitter(rng, out.shape, YEAR_NOISE, groups)


def long_frame(
    values: np.ndarray,
    periods: list[str],
    regions: list[str],
    keys: list[tuple[str, ...]],
    key_names: tuple[str, ...],
    value_name: str,
    period_type: str | None = "month",
    period_column: str = "period_start",
) -> pd.DataFrame:
    """values: period x region x key -> one row per cell."""
    n_t, n_r, n_k = values.shape
    frame: dict[str, object] = {
        "region_code": np.tile(np.repeat(np.array(regions, object), n_k), n_t)
    }
    if period_type:
        frame["period_type"] = period_type
    frame[period_column] = np.repeat(np.array(periods, dtype=object), n_r * n_k)
    for j, name in enumerate(key_names):
        frame[name] = np.tile(np.array([k[j] for k in keys], dtype=object), n_t * n_r)
    frame[value_name] = values.ravel().round(3)
    return pd.DataFrame(frame)


def _growth(years: np.ndarray, kind: str) -> np.ndarray:
    return np.array([mg.growth(kind, int(y)) for y in years])


def _month_strings(months: pd.DatetimeIndex) -> list[str]:
    return [m.strftime("%Y-%m-%d") for m in months]


def build_statistics(
    layout: Layout, grid: Grid, cal: Calendar, rng: np.random.Generator
) -> dict[str, pd.DataFrame]:
    """All statistical sources as DataFrames, keyed by contract source name."""
    n_c = len(layout.children)
    cities = [c.code for c in layout.children]
    provinces = [p.code for p in layout.provinces]
    rep = cal.reported
    rep_months = _month_strings(cal.months[rep])
    years = [f"{y}-01-01" for y in cal.complete_years]
    month_years = cal.months.year.to_numpy()
    out: dict[str, list[pd.DataFrame]] = {}

    def add(name: str, frame: pd.DataFrame) -> None:
        out.setdefault(name, []).append(frame)

    gen_m = _monthly(cal, grid.generation[:, :n_c])
    heat_m = _monthly(cal, grid.heat_supply[:, :n_c])
    elec_m = _monthly(cal, grid.electricity[:, :n_c, :])
    scale_c = layout.scale[layout.child_province]

    def noisy(shape: tuple[int, ...]) -> np.ndarray:
        return rng.lognormal(0.0, MONTH_NOISE, size=shape)

    # power_heat_inputs: city months, province months, city years.
    keys = [(f, "power") for f in mg.POWER_FUEL_SHARES] + [(f, "heat") for f in mg.HEAT_FUEL_SHARES]
    rate = np.array(
        [mg.POWER_FUEL_SHARES[f] * mg.POWER_FUEL_PER_MWH[f] for f in mg.POWER_FUEL_SHARES]
        + [mg.HEAT_FUEL_SHARES[f] * mg.HEAT_FUEL_PER_GJ[f] for f in mg.HEAT_FUEL_SHARES]
    )
    n_power = len(mg.POWER_FUEL_SHARES)
    driver = np.concatenate(
        [
            np.repeat((gen_m * layout.thermal)[:, :, None], n_power, axis=2),
            np.repeat(heat_m[:, :, None], len(keys) - n_power, axis=2),
        ],
        axis=2,
    )
    phi_city = driver * rate * noisy(driver.shape) ** 0.5
    phi_prov = _provinces(layout, phi_city, rng)
    names = ("fuel_code", "use")
    add(
        "power_heat_inputs",
        long_frame(phi_city[rep], rep_months, cities, keys, names, "quantity"),
    )
    add(
        "power_heat_inputs",
        long_frame(phi_prov[rep], rep_months, provinces, keys, names, "quantity"),
    )
    if years:
        add(
            "power_heat_inputs",
            long_frame(_years(cal, phi_city, rng), years, cities, keys, names, "quantity", "year"),
        )

    # heat_consumption: every month (grid-type figure), by sector, city and province.
    heat_sectors = [s for s, v in mg.HEAT_SECTOR_SHARES.items() if v > 0]
    tilt = rng.lognormal(0.0, 0.2, size=(n_c, len(heat_sectors)))
    shares = np.array([mg.HEAT_SECTOR_SHARES[s] for s in heat_sectors]) * tilt
    shares /= shares.sum(axis=1, keepdims=True)
    hc_city = (
        heat_m[:, :, None]
        * (1 - mg.HEAT_LOSS_SHARE)
        * shares[None]
        * noisy((len(cal.months), n_c, len(heat_sectors))) ** 0.5
    )
    hc_prov = _provinces(layout, hc_city, rng)
    hc_keys = [(s, "") for s in heat_sectors] + [("total_society", "")]
    all_months = _month_strings(cal.months)
    for values, regions in ((hc_city, cities), (hc_prov, provinces)):
        with_total = np.concatenate([values, values.sum(axis=2, keepdims=True)], axis=2)
        add(
            "heat_consumption",
            long_frame(
                with_total, all_months, regions, hc_keys, ("sector_code", "industry_code"), "gj"
            ),
        )
    industry_heat_m = hc_city[:, :, heat_sectors.index("industry")]

    # industry_energy: city months, province months, province years.
    series = list(grid.series)
    heat_total = sum(mg.INDUSTRY_HEAT_SHARES.values())
    items: list[tuple[str, str, str]] = []
    columns: list[np.ndarray] = []
    expected_elec = (
        mg.TOTAL_ELECTRICITY_MWH * scale_c[None, :] * _growth(month_years, "electricity")[:, None]
    )
    thermal_driver = (
        gen_m
        * layout.thermal
        / (
            mg.GENERATION_MWH
            * mg.THERMAL_SHARE
            * scale_c[None, :]
            * _growth(month_years, "electricity")[:, None]
        )
    )
    industry_share = mg.SECTOR_ELECTRICITY_SHARES["industry"] / sum(
        mg.INDUSTRY_ELECTRICITY_SHARES.values()
    )
    fuel_growth = _growth(month_years, "fuel")[:, None]
    for code in sorted(mg.INDUSTRY_FUELS):
        if code in mg.INDUSTRY_ELECTRICITY_SHARES:
            elec = elec_m[:, :, series.index(("industry", code))]
            share = elec / (expected_elec * industry_share * mg.INDUSTRY_ELECTRICITY_SHARES[code])
            items.append((code, "electricity", "consumption"))
            columns.append(elec * mg.ABOVE_SCALE_ELECTRICITY_SHARE)
        else:
            share = thermal_driver
        for table, fuels in mg.INDUSTRY_FUELS[code].items():
            for fuel, quantity in fuels.items():
                items.append((code, fuel, table))
                columns.append(quantity * scale_c[None, :] * fuel_growth * share)
        if code in mg.INDUSTRY_HEAT_SHARES:
            items.append((code, "heat", "consumption"))
            columns.append(industry_heat_m * 0.95 * mg.INDUSTRY_HEAT_SHARES[code] / heat_total)
    pairs = sorted({(code, fuel) for code, fuel, _ in items})
    groups = np.array([pairs.index((code, fuel)) for code, fuel, _ in items])
    ie_city = np.stack(columns, axis=2) * noisy((len(cal.months), n_c, len(pairs)))[..., groups]
    ie_prov = _provinces(layout, ie_city, rng, groups)
    names = ("industry_code", "fuel_code", "table_code")
    add("industry_energy", long_frame(ie_city[rep], rep_months, cities, items, names, "quantity"))
    add(
        "industry_energy", long_frame(ie_prov[rep], rep_months, provinces, items, names, "quantity")
    )
    if years:
        ie_year = _years(cal, ie_prov, rng, groups)
        add(
            "industry_energy",
            long_frame(ie_year, years, provinces, items, names, "quantity", "year"),
        )
        activity, other_fuels = _other_activity(layout, cal, rng)
        add(
            "energy_balance",
            _energy_balance(
                layout,
                grid,
                cal,
                rng,
                _years(cal, phi_prov, rng),
                keys,
                ie_year,
                items,
                hc_prov,
                heat_sectors,
                other_fuels,
            ),
        )
        add("industry_value_added", _value_added(layout, cal, rng))
        add("other_activity", activity)
        add("economy", _economy(layout, cal, rng))
    return {name: pd.concat(frames, ignore_index=True) for name, frames in out.items()}


def _energy_balance(
    layout: Layout,
    grid: Grid,
    cal: Calendar,
    rng: np.random.Generator,
    inputs_year: np.ndarray,
    input_keys: list[tuple[str, str]],
    industry_year: np.ndarray,
    industry_items: list[tuple[str, str, str]],
    heat_prov: np.ndarray,
    heat_sectors: list[str],
    other_fuels: dict[tuple[str, str], np.ndarray],
) -> pd.DataFrame:
    """Province year rows: transformation inputs, industry final use, other sectors.

    The other sectors' fuels are the sum of the cities' activity x intensity (``other_fuels``,
    year x child per (fuel, sector)) within +/- PROVINCE_NOISE, so that a province's balance and
    its cities' 5.16 estimates agree as clean statistics would."""
    n_c = len(layout.children)
    flows: dict[tuple[str, str], np.ndarray] = {}  # (fuel, flow) -> year x province
    for k, (fuel, use) in enumerate(input_keys):
        flow = "power_generation_input" if use == "power" else "heat_supply_input"
        flows[(fuel, flow)] = inputs_year[:, :, k]
    for j, (code, fuel, _table) in enumerate(industry_items):
        if code == mg.ENERGY_INDUSTRY or fuel in ("electricity", "heat"):
            continue
        key = (fuel, "industry_final")
        flows[key] = flows.get(key, 0.0) + industry_year[:, :, j]
    for key in [k for k in flows if k[1] == "industry_final"]:
        flows[key] = np.clip(flows[key] * mg.INDUSTRY_FINAL_OVER_ABOVE_SCALE, 0.0, None)

    day_years = grid.days.year.to_numpy()
    month_years = cal.months.year.to_numpy()
    elec_prov = grid.electricity[:, n_c:, :]
    for sector in ("industry", *OTHER):
        flow = "industry_final" if sector == "industry" else sector
        ks = [k for k, (s, _) in enumerate(grid.series) if s == sector]
        flows[("electricity", flow)] = np.stack(
            [elec_prov[day_years == y][:, :, ks].sum(axis=(0, 2)) for y in cal.complete_years]
        )
        if sector in heat_sectors:
            h = heat_prov[:, :, heat_sectors.index(sector)]
            flows[("heat", flow)] = np.stack(
                [h[month_years == y].sum(axis=0) for y in cal.complete_years]
            )
    for key, city_values in sorted(other_fuels.items()):
        flows[key] = _provinces(layout, city_values, rng)
    keys = sorted(flows)
    values = np.stack([np.broadcast_to(flows[k], flows[keys[0]].shape) for k in keys], axis=2)
    frame = long_frame(
        values,
        [str(y) for y in cal.complete_years],
        [p.code for p in layout.provinces],
        keys,
        ("fuel_code", "flow_code"),
        "quantity",
        period_type=None,
        period_column="year",
    )
    frame["year"] = frame["year"].astype(int)
    return frame


def _year_values(layout: Layout, cal: Calendar, base: np.ndarray, kind: str) -> np.ndarray:
    """base: child x item totals of the province at the base year -> year x child x item."""
    g = _growth(np.array(cal.complete_years), kind)
    return g[:, None, None] * base[None, :, :]


def _value_added(layout: Layout, cal: Calendar, rng: np.random.Generator) -> pd.DataFrame:
    codes = sorted(mg.INDUSTRY_VALUE_ADDED_SHARES)
    share = np.array([mg.INDUSTRY_VALUE_ADDED_SHARES[c] for c in codes])
    share /= share.sum()
    weights = layout.tilted(rng, len(codes), 0.5)
    scale_c = layout.scale[layout.child_province]
    base = mg.INDUSTRY_VALUE_ADDED_10K_YUAN * scale_c[:, None] * share[None, :] * weights
    total_city = _year_values(layout, cal, base, "economy")
    total_city *= rng.uniform(0.97, 1.03, size=total_city.shape)
    ratio = rng.uniform(0.8, 0.95, size=(len(layout.provinces), len(codes)))
    above_city = (
        total_city
        * ratio[layout.child_province][None]
        * rng.uniform(0.99, 1.01, size=total_city.shape)
    )
    frames = []
    periods = [f"{y}-01-01" for y in cal.complete_years]
    for total, above, regions in (
        (total_city, above_city, [c.code for c in layout.children]),
        (
            _provinces(layout, total_city, rng),
            _provinces(layout, above_city, rng),
            [p.code for p in layout.provinces],
        ),
    ):
        frame = long_frame(
            total,
            periods,
            regions,
            [(c,) for c in codes],
            ("industry_code",),
            "value_added_total",
            "year",
        )
        frame["value_added_above_scale"] = above.ravel().round(3)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _intensities(year: int) -> dict[tuple[str, str], dict[str, float]]:
    """(sector, activity_type) -> fuel -> intensity of the bundled seed ``activity_intensities``
    valid at 1 January of ``year`` (the version 5.16 uses), electricity and heat left out."""
    seed = pd.read_csv(FACTOR_SEEDS_DIR / "activity_intensities.csv", dtype={"valid_from": str})
    seed = seed[
        (seed.valid_from <= f"{year}-01-01") & ~seed.fuel_code.isin(["electricity", "heat"])
    ]
    seed = (
        seed.sort_values("valid_from")
        .groupby(["sector_code", "activity_type", "fuel_code"], as_index=False)
        .last()
    )
    out: dict[tuple[str, str], dict[str, float]] = {}
    for row in seed.itertuples():
        out.setdefault((row.sector_code, row.activity_type), {})[row.fuel_code] = row.intensity
    return out


def _other_activity(
    layout: Layout, cal: Calendar, rng: np.random.Generator
) -> tuple[pd.DataFrame, dict[tuple[str, str], np.ndarray]]:
    """City activity rows and the fuel they imply with the bundled intensities (5.16):
    (fuel, sector) -> year x child of SUM_a A(s, a) * I(s, a, f)."""
    keys = [(s, a) for s, acts in mg.ACTIVITY.items() for a in acts]
    weights = layout.tilted(rng, len(keys), 0.25)
    scale_c = layout.scale[layout.child_province]
    base = np.array([mg.ACTIVITY[s][a] for s, a in keys])[None, :] * scale_c[:, None] * weights
    kinds = ["population" if a == "population" else "economy" for _, a in keys]
    g = np.stack([_growth(np.array(cal.complete_years), k) for k in kinds], axis=1)
    values = g[:, None, :] * base[None]
    fuels: dict[tuple[str, str], np.ndarray] = {}
    for t, year in enumerate(cal.complete_years):
        intensities = _intensities(year)
        for k, (sector, activity) in enumerate(keys):
            for fuel, intensity in intensities.get((sector, activity), {}).items():
                fuels.setdefault((fuel, sector), np.zeros(values.shape[:2]))
                fuels[(fuel, sector)][t] += values[t, :, k].round(3) * intensity
    frame = long_frame(
        values,
        [str(y) for y in cal.complete_years],
        [c.code for c in layout.children],
        keys,
        ("sector_code", "activity_type"),
        "value",
        period_type=None,
        period_column="year",
    )
    frame["year"] = frame["year"].astype(int)
    return frame, fuels


def _economy(layout: Layout, cal: Calendar, rng: np.random.Generator) -> pd.DataFrame:
    scale_c = layout.scale[layout.child_province]
    population_weight = layout.normalize(layout.economic**0.75)
    base = np.stack(
        [mg.GDP_10K_YUAN * scale_c * layout.economic, mg.POPULATION * scale_c * population_weight],
        axis=1,
    )
    years = np.array(cal.complete_years)
    city = (
        base[None]
        * np.stack([_growth(years, "economy"), _growth(years, "population")], 1)[:, None, :]
    )
    city *= rng.uniform(0.995, 1.005, size=city.shape)
    prov = _provinces(layout, city, rng)
    nation = prov.sum(axis=1, keepdims=True)
    values = np.concatenate([city, prov, nation], axis=1)
    regions = [c.code for c in layout.children] + [p.code for p in layout.provinces] + [NATION_CODE]
    frame = long_frame(
        values[:, :, :1],
        [str(y) for y in years],
        regions,
        [()],
        (),
        "gdp_10k_yuan",
        period_type=None,
        period_column="year",
    )
    frame["population"] = values[:, :, 1].ravel().round(0)
    frame["year"] = frame["year"].astype(int)
    return frame
