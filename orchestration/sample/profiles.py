"""Daily shapes of the generated grid data: season, Spring Festival, week.

A shape is a positive number per day; a series is its year's total spread
over the days in proportion to the shape (times a little noise). Seasons
follow the pattern of central-China grid load: a summer peak (air
conditioning, late July to August) and a smaller winter peak (around early
January), a deep dip in the weeks of the Spring Festival (factories and
building sites close; households do not), lower industrial and commercial
load at weekends and in the National Day week.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Spring Festival (正月初一) dates, public calendar facts.
SPRING_FESTIVAL = {
    2019: "2019-02-05",
    2020: "2020-01-25",
    2021: "2021-02-12",
    2022: "2022-02-01",
    2023: "2023-01-22",
    2024: "2024-02-10",
    2025: "2025-01-29",
    2026: "2026-02-17",
    2027: "2027-02-06",
}
SUMMER_PEAK_DOY = 213  # about 1 August
WINTER_PEAK_DOY = 10  # about 10 January
PEAK_WIDTH_DAYS = 28.0


@dataclass(frozen=True)
class Shape:
    """How one kind of load moves through the year (multipliers of the base 1)."""

    summer: float = 0.0  # extra share at the summer peak
    winter: float = 0.0  # extra share at the winter peak
    festival: float = 0.0  # fractional drop in the Spring Festival week (negative = rise)
    weekend: float = 0.0  # fractional drop on Saturdays and Sundays
    national_day: float = 0.0  # fractional drop on 1-7 October


def days_of(years: tuple[int, int]) -> pd.DatetimeIndex:
    first, last = years
    missing = [y for y in range(first, last + 1) if y not in SPRING_FESTIVAL]
    if missing:
        raise ValueError(f"no Spring Festival date for {missing}; years 2019-2027 are supported")
    return pd.date_range(f"{first}-01-01", f"{last}-12-31", freq="D")


def _peak(doy: np.ndarray, centre: int) -> np.ndarray:
    dist = np.abs(doy - centre)
    dist = np.minimum(dist, 365 - dist)
    return np.exp(-0.5 * (dist / PEAK_WIDTH_DAYS) ** 2)


def festival_weight(days: pd.DatetimeIndex) -> np.ndarray:
    """1 in the festival week (day 0 to 6), ramping in a week before and two weeks after."""
    weight = np.zeros(len(days))
    for date in SPRING_FESTIVAL.values():
        t = (days - pd.Timestamp(date)).days.to_numpy()
        w = np.where((t >= 0) & (t <= 6), 1.0, 0.0)
        w = np.where((t >= -7) & (t < 0), (t + 8) / 8.0, w)
        w = np.where((t > 6) & (t <= 20), (21 - t) / 15.0, w)
        weight = np.maximum(weight, w)
    return weight


def shape_values(days: pd.DatetimeIndex, shape: Shape) -> np.ndarray:
    doy = days.day_of_year.to_numpy()
    base = (
        1.0
        + shape.summer * _peak(doy, SUMMER_PEAK_DOY)
        + shape.winter * _peak(doy, WINTER_PEAK_DOY)
    )
    base = base * (1.0 - shape.festival * festival_weight(days))
    base = base * np.where(days.day_of_week.to_numpy() >= 5, 1.0 - shape.weekend, 1.0)
    national = (days.month == 10) & (days.day <= 7)
    return base * np.where(national, 1.0 - shape.national_day, 1.0)


def year_shares(days: pd.DatetimeIndex, values: np.ndarray) -> np.ndarray:
    """Shape values divided by their calendar-year sum (axis 0 = days)."""
    years = days.year.to_numpy()
    out = np.empty_like(values, dtype=float)
    for y in np.unique(years):
        sel = years == y
        out[sel] = values[sel] / values[sel].sum(axis=0)
    return out


# Shapes per grid series (choices of this generator, see module docstring).
SHAPES: dict[str, Shape] = {
    "agriculture": Shape(summer=0.45, winter=0.05, festival=0.15),
    "construction": Shape(summer=-0.05, winter=0.0, festival=0.65, national_day=0.2),
    "transport": Shape(summer=0.12, winter=0.08, festival=0.05),
    "commercial": Shape(summer=0.5, winter=0.25, festival=0.3, weekend=0.06, national_day=0.05),
    "residential": Shape(summer=0.75, winter=0.5, festival=-0.08),
    "industry_process": Shape(summer=0.04, winter=0.02, festival=0.12, weekend=0.02),
    "industry_discrete": Shape(
        summer=0.03, winter=0.0, festival=0.55, weekend=0.1, national_day=0.3
    ),
    "generation": Shape(summer=0.45, winter=0.15, festival=0.15),
    "imported": Shape(summer=0.6, winter=0.4, festival=0.1),
    "heat_supply": Shape(summer=-0.1, winter=0.35, festival=0.3, weekend=0.03),
}
