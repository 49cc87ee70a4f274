"""Daily grid-company series for cities and provinces (generated).

Each city's series is its share of the province's yearly total spread over
the days by the series' shape (``profiles``) with about 1.2 % day-to-day
noise; a province's day is the sum of its cities' within +/- 0.2 % (grid
companies' provincial and city figures disagree a little).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from orchestration.sample import magnitudes as mg
from orchestration.sample.profiles import SHAPES, shape_values, year_shares
from orchestration.sample.weights import Layout

OTHER = ("agriculture", "construction", "transport", "commercial", "residential")
DAY_NOISE = 0.012
PROVINCE_NOISE = 0.002


@dataclass
class Grid:
    """Daily arrays, axis 0 = day, axis 1 = region (children then provinces)."""

    days: pd.DatetimeIndex
    region_codes: list[str]
    electricity: np.ndarray  # day x region x series (ELECTRICITY_SERIES)
    generation: np.ndarray  # day x region
    imported: np.ndarray
    heat_supply: np.ndarray
    supply: np.ndarray
    series: tuple[tuple[str, str], ...]  # (sector_code, industry_code) per electricity series


def electricity_series() -> tuple[tuple[str, str], ...]:
    return tuple((s, "") for s in OTHER) + tuple(
        ("industry", code) for code in sorted(mg.INDUSTRY_ELECTRICITY_SHARES)
    )


def _yearly(days: pd.DatetimeIndex, kind: str) -> np.ndarray:
    """Growth factor per day (the day's year vs the base year)."""
    years = days.year.to_numpy()
    return np.array([mg.growth(kind, y) for y in range(years.min(), years.max() + 1)])[
        years - years.min()
    ]


def _spread(
    days: pd.DatetimeIndex,
    shape_names: list[str],
    city_totals: np.ndarray,
    layout: Layout,
    rng: np.random.Generator,
) -> np.ndarray:
    """Base-year totals per (city, series) -> day x (cities + provinces) x series."""
    shares = year_shares(days, np.stack([shape_values(days, SHAPES[n]) for n in shape_names], 1))
    growth = _yearly(days, "electricity")
    noise = rng.lognormal(0.0, DAY_NOISE, size=(len(days), *city_totals.shape))
    cities = shares[:, None, :] * city_totals[None, :, :] * growth[:, None, None] * noise
    provinces = np.einsum("dck,cp->dpk", cities, layout.membership)
    provinces *= rng.uniform(1 - PROVINCE_NOISE, 1 + PROVINCE_NOISE, size=provinces.shape)
    return np.concatenate([cities, provinces], axis=1)


def build_grid(layout: Layout, days: pd.DatetimeIndex, rng: np.random.Generator) -> Grid:
    series = electricity_series()
    shares = dict(mg.SECTOR_ELECTRICITY_SHARES)
    industry_total = sum(mg.INDUSTRY_ELECTRICITY_SHARES.values())
    province_totals = mg.TOTAL_ELECTRICITY_MWH * layout.scale[layout.child_province]
    weights = layout.tilted(rng, len(series), 0.3)
    totals = np.empty((len(layout.children), len(series)))
    shapes = []
    for k, (sector, industry) in enumerate(series):
        if sector == "industry":
            share = shares["industry"] * mg.INDUSTRY_ELECTRICITY_SHARES[industry] / industry_total
            kind = "industry_process" if industry in mg.PROCESS_INDUSTRIES else "industry_discrete"
        else:
            share, kind = shares[sector], sector
        totals[:, k] = province_totals * share * weights[:, k]
        shapes.append(kind)
    electricity = _spread(days, shapes, totals, layout, rng)

    scale = layout.scale[layout.child_province]
    power = np.stack(
        [
            mg.GENERATION_MWH * scale * layout.generation,
            mg.IMPORTED_MWH * scale * layout.imported,
            mg.HEAT_SUPPLY_GJ * scale * layout.heat,
        ],
        axis=1,
    )
    supply_side = _spread(days, ["generation", "imported", "heat_supply"], power, layout, rng)
    total = electricity.sum(axis=2)
    supply = total * mg.SUPPLY_OVER_CONSUMPTION * rng.uniform(0.995, 1.005, size=total.shape)
    codes = [c.code for c in layout.children] + [p.code for p in layout.provinces]
    return Grid(
        days,
        codes,
        electricity,
        supply_side[:, :, 0],
        supply_side[:, :, 1],
        supply_side[:, :, 2],
        supply,
        series,
    )


def _day_strings(days: pd.DatetimeIndex) -> np.ndarray:
    return np.asarray(days.strftime("%Y-%m-%d"), dtype=object)


def power_supply_frame(grid: Grid) -> pd.DataFrame:
    n_days, n_regions = grid.generation.shape
    return pd.DataFrame(
        {
            "region_code": np.tile(np.asarray(grid.region_codes, dtype=object), n_days),
            "period_type": "day",
            "period_start": np.repeat(_day_strings(grid.days), n_regions),
            "generation_mwh": grid.generation.ravel().round(3),
            "supply_mwh": grid.supply.ravel().round(3),
            "imported_mwh": grid.imported.ravel().round(3),
            "heat_supply_gj": grid.heat_supply.ravel().round(3),
        }
    )


def electricity_frame(grid: Grid) -> pd.DataFrame:
    """Day rows: every series, all industry (empty code) and total_society."""
    industry = np.array([s == "industry" for s, _ in grid.series])
    values = np.concatenate(
        [
            grid.electricity,
            grid.electricity[:, :, industry].sum(axis=2, keepdims=True),
            grid.electricity.sum(axis=2, keepdims=True),
        ],
        axis=2,
    )
    keys = [*grid.series, ("industry", ""), ("total_society", "")]
    n_days, n_regions, n_series = values.shape
    return pd.DataFrame(
        {
            "region_code": np.tile(
                np.repeat(np.asarray(grid.region_codes, dtype=object), n_series), n_days
            ),
            "period_type": "day",
            "period_start": np.repeat(_day_strings(grid.days), n_regions * n_series),
            "sector_code": np.tile(
                np.array([k[0] for k in keys], dtype=object), n_days * n_regions
            ),
            "industry_code": np.tile(
                np.array([k[1] for k in keys], dtype=object), n_days * n_regions
            ),
            "mwh": values.ravel().round(3),
        }
    )
