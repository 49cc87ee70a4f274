"""Generate a sample landing directory (GENERATED data, not official statistics).

``generate(out_dir, ...)`` writes one folder per landing source of
CONTRACT.md (``orchestration.contract.SOURCES``): real region codes and names
(GB/T 2260, MCA 2024), daily grid data for every province and city, monthly
and yearly statistical sources, with the latest month(s) of the last year
not yet reported in the statistics so that nowcasts show.

Magnitudes are Hubei's (2023) from public statistics, rounded and
approximate (see ``orchestration/sample/magnitudes.py`` for the list and
sources: Hubei Statistical Bulletin / Yearbook 2023, CEADs 2022 inventory);
other provinces are Hubei scaled by their electricity consumption. The
numbers are made up around those magnitudes with a seeded random generator,
so a given seed always gives the same files.

Layout: daily grid files are split by month (``power_supply/2024-12.csv``),
so that "a new file arrives" looks like a real delivery; statistical files
by year (``industry_energy/months_2024.csv``, ``energy_balance/2023.csv``).
"""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from orchestration.contract import SOURCES
from orchestration.sample.grid import build_grid, electricity_frame, power_supply_frame
from orchestration.sample.profiles import days_of
from orchestration.sample.regions import Region, select_regions
from orchestration.sample.statistics import build_statistics, make_calendar
from orchestration.sample.weights import build_layout

README = """GENERATED SAMPLE DATA — not official statistics.

Written by `carbon generate` (orchestration/generate.py), seed {seed}.
Region codes and names are real (GB/T 2260, MCA 2024 code list); every number
is generated. Magnitudes are rounded, approximate public figures for Hubei
2023 (Hubei Statistical Bulletin / Statistical Yearbook 2023: electricity
consumption about 2.7e8 MWh, generation about 3.3e8 MWh, GDP 5.58e8 x 10^4
yuan, population 5838 x 10^4; CEADs 2022 Hubei inventory: coal for power
about 5.8e7 t, heat about 1.5e8 GJ, industry and other-sector fuels), other
provinces scaled by their 2022 electricity consumption (CEADs). Seasonality
(summer and winter peaks, Spring Festival dip, weekends) is modelled, not
observed.

Regions: {n_provinces} province(s), {n_children} city/county region(s), plus the nation.
Grid data (power_supply, electricity_consumption: day rows; heat_consumption:
month rows) run from {first_day} to {last_day}.
Statistical sources (power_heat_inputs, industry_energy: month rows) run to
{last_reported}; year rows (energy_balance, industry year rows, city years,
value added, activity, economy) exist for {complete_years}.
Units: solids and liquids t, gases 10^4 m3, electricity MWh, heat GJ,
money 10^4 yuan.
"""


@dataclass
class GenerateSummary:
    """What a generate() call wrote."""

    out_dir: Path
    rows: dict[str, int]
    files: dict[str, int]
    regions: list[Region]
    first_day: str
    last_day: str
    last_reported_month: str
    complete_years: list[int] = field(default_factory=list)

    def table(self) -> str:
        """A short text table for the CLI."""
        width = max(len(s) for s in self.rows)
        lines = [f"{'source':<{width}}  {'files':>5}  {'rows':>10}"]
        lines += [
            f"{name:<{width}}  {self.files[name]:>5}  {self.rows[name]:>10,}" for name in self.rows
        ]
        levels = pd.Series([r.level for r in self.regions]).value_counts()
        lines.append(
            "regions: "
            + ", ".join(f"{levels[lv]} {lv}" for lv in levels.index)
            + f"; grid days {self.first_day}..{self.last_day}; statistics to "
            + f"{self.last_reported_month}; complete years {self.complete_years}"
        )
        return "\n".join(lines)


def generate(
    out_dir: Path,
    provinces: int | list[str] = 1,
    cities_per_province: int | None = None,
    years: tuple[int, int] = (2023, 2024),
    unreported_months: int = 1,
    seed: int = 7,
) -> GenerateSummary:
    """Write a generated landing directory to ``out_dir`` and say what was written.

    CSV files of earlier runs in the source folders are removed first, so
    that the directory holds exactly one sample.
    """
    out_dir = Path(out_dir)
    if years[0] > years[1]:
        raise ValueError("years must be (first, last)")
    rng = np.random.default_rng(seed)
    regions = select_regions(provinces, cities_per_province)
    layout = build_layout(regions, rng)
    days = days_of(years)
    cal = make_calendar(days, unreported_months)
    grid = build_grid(layout, days, rng)
    frames = {
        "regions": pd.DataFrame(
            {
                "region_code": [r.code for r in regions],
                "region_name": [r.name for r in regions],
                "level": [r.level for r in regions],
                "parent_code": [r.parent for r in regions],
            }
        ),
        "power_supply": with_reported_months(
            power_supply_frame(grid),
            ["region_code"],
            ["generation_mwh", "supply_mwh", "imported_mwh", "heat_supply_gj"],
            rng,
        ),
        "electricity_consumption": with_reported_months(
            electricity_frame(grid), ["region_code", "sector_code", "industry_code"], ["mwh"], rng
        ),
        **build_statistics(layout, grid, cal, rng),
    }
    for name in SOURCES:
        folder = out_dir / name
        if folder.is_dir():
            for old in folder.glob("*.csv"):
                old.unlink()
    rows, files = {}, {}
    for name in SOURCES:
        frame = frames[name][list(SOURCES[name].column_names)]
        parts = _split(name, frame)
        folder = out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        for stem, part in parts:
            part.to_csv(folder / f"{stem}.csv", index=False, encoding="utf-8")
        rows[name] = len(frame)
        files[name] = len(parts)
    summary = GenerateSummary(
        out_dir=out_dir,
        rows=rows,
        files=files,
        regions=regions,
        first_day=days[0].strftime("%Y-%m-%d"),
        last_day=days[-1].strftime("%Y-%m-%d"),
        last_reported_month=cal.last_reported.strftime("%Y-%m"),
        complete_years=list(cal.complete_years),
    )
    (out_dir / "README.txt").write_text(
        README.format(
            seed=seed,
            n_provinces=sum(r.level == "province" for r in regions),
            n_children=sum(r.level in ("city", "county") for r in regions),
            first_day=summary.first_day,
            last_day=summary.last_day,
            last_reported=summary.last_reported_month,
            complete_years=", ".join(map(str, cal.complete_years)) or "no year",
        ),
        encoding="utf-8",
    )
    return summary


def with_reported_months(
    days: pd.DataFrame, keys: list[str], values: list[str], rng: np.random.Generator
) -> pd.DataFrame:
    """Day rows plus the grid company's own monthly report of each series.

    A real grid company reports a month besides its days, and the two differ
    a little (metering corrections): the month is the sum of its days times
    1 +/- up to 0.5 %, well inside rule C3's 2 %, so C3 has objects to check.
    """
    month = days["period_start"].str.slice(0, 7) + "-01"
    months = (
        days.assign(period_start=month)
        .groupby([*keys, "period_start"], sort=True, dropna=False)[values]
        .sum(min_count=1)
        .reset_index()
    )
    wobble = 1 + rng.uniform(-0.005, 0.005, size=(len(months), 1))
    months[values] = (months[values].to_numpy(dtype=float) * wobble).round(3)
    months["period_type"] = "month"
    return pd.concat([days, months[days.columns]], ignore_index=True)


def _split(name: str, frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """File stems and their rows: days by month, other periods by year and period type."""
    if name == "regions":
        return [("regions", frame)]
    if "period_start" not in frame.columns:
        return [(str(y), part) for y, part in frame.groupby("year", sort=True)]
    if name in ("power_supply", "electricity_consumption"):
        key = frame["period_start"].str.slice(0, 7)
        return [(str(k), part) for k, part in frame.groupby(key, sort=True)]
    if name in ("heat_consumption", "industry_value_added"):
        key = frame["period_start"].str.slice(0, 4)
        return [(str(k), part) for k, part in frame.groupby(key, sort=True)]
    key = frame["period_type"].map({"month": "months_", "year": "years_"}) + frame[
        "period_start"
    ].str.slice(0, 4)
    return [(str(k), part) for k, part in frame.groupby(key, sort=True)]
