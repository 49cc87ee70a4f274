"""Data arriving after a build, made from a complete landing set (issue 4).

``hold_out`` moves some rows of a landing set into separate files, as if they had not arrived
yet; ``deliver`` puts those files into the landing directory, as new files (the way a feed
drops one file per day or per month). Two arrivals of the standard's daily operation:

- ``new_day``: one day of grid data (every source with day rows), the newest day of the set;
- ``new_month``: one month of statistics (the month rows of the statistical sources), which
  turns that month's nowcasts into disaggregated values.

Used by the benchmark (``orchestration.bench.run``) and by tests/test_incremental.py.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from orchestration.ingest.changes import GRID_SOURCES, STATISTICS_SOURCES


@dataclass(frozen=True)
class Arrival:
    """Rows held out of a landing set: which, and where they wait."""

    name: str
    period_type: str
    period_start: str  # 'YYYY-MM-DD'
    sources: tuple[str, ...]
    folder: Path  # <folder>/<source>/<file>.csv

    def files(self) -> list[Path]:
        return sorted(self.folder.rglob("*.csv"))


def _csv_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def hold_out(
    landing: Path, name: str, period_type: str, period_start: str, sources, folder: Path
) -> Arrival:
    """Move the rows of ``period_type``/``period_start`` of ``sources`` out of ``landing``
    into ``folder``/<source>/<name>.csv. Returns the arrival (rows moved: none lost)."""
    folder.mkdir(parents=True, exist_ok=True)
    moved = 0
    for source in sources:
        parts = []
        for path in _csv_files(landing / source):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            hit = (frame["period_type"] == period_type) & (frame["period_start"] == period_start)
            if hit.any():
                parts.append(frame[hit])
                frame[~hit].to_csv(path, index=False)
        if parts:
            out = folder / source / f"{name}.csv"
            out.parent.mkdir(parents=True, exist_ok=True)
            held = pd.concat(parts, ignore_index=True)
            held.to_csv(out, index=False)
            moved += len(held)
    if not moved:
        raise ValueError(f"no {period_type} rows of {period_start} in {landing} ({sources})")
    return Arrival(name, period_type, period_start, tuple(sources), folder)


def deliver(arrival: Arrival, landing: Path) -> list[Path]:
    """Copy the held-out files into ``landing`` (new files); returns their landing paths."""
    delivered = []
    for path in arrival.files():
        target = landing / path.relative_to(arrival.folder)
        shutil.copyfile(path, target)
        delivered.append(target)
    return delivered


def withdraw(arrival: Arrival, landing: Path) -> None:
    """Remove the delivered files again (before the next repetition)."""
    for path in arrival.files():
        (landing / path.relative_to(arrival.folder)).unlink(missing_ok=True)


def _latest(landing: Path, source: str, period_type: str) -> str:
    """The newest period_start of ``source``'s rows of ``period_type`` in ``landing``."""
    starts = [
        pd.read_csv(p, usecols=["period_type", "period_start"], dtype=str)
        .query(f"period_type == '{period_type}'")["period_start"]
        .max()
        for p in _csv_files(landing / source)
    ]
    return max(s for s in starts if isinstance(s, str))


def last_day(landing: Path) -> str:
    """The newest day of grid data in ``landing``."""
    return _latest(landing, "power_supply", "day")


def last_statistics_month(landing: Path) -> str:
    """The newest month of ``power_heat_inputs`` month rows (the latest reported month)."""
    return _latest(landing, "power_heat_inputs", "month")


def hold_out_new_day(landing: Path, folder: Path) -> Arrival:
    day = last_day(landing)
    return hold_out(landing, day, "day", day, GRID_SOURCES, folder / "new_day")


def hold_out_new_month(landing: Path, folder: Path) -> Arrival:
    month = last_statistics_month(landing)
    return hold_out(
        landing, f"{month[:7]}-statistics", "month", month, STATISTICS_SOURCES,
        folder / "new_month",
    )  # fmt: skip
