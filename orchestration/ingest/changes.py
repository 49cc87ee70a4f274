"""What a landing directory changes before it is loaded: the refresh scope of an update.

``carbon update`` asks this before it starts the build: every landing file whose bytes differ
from the version loaded last is a change. A change to a period source gives the first day it
touches, the earliest period of the new file and of the rows the file's earlier version left in
``raw`` (the loader replaces them). A change with no period (regions), a different factor
seed in effect (a local factor file added, changed or removed, or new bundled factors) or an
empty warehouse cannot be scoped: the update becomes a full build. Otherwise the build
rebuilds from 1 January of the first day's year on (dbt_project/macros/refresh_scope.sql);
when every changed file is grid data (``GRID_SOURCES``), energy and industry rebuild only from
the first day's month on; when every changed file is statistics (``STATISTICS_SOURCES``), the
computed layer rebuilds from that month on and the reconciled layer from 1 January.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from orchestration.contract import LOAD_ORDER, SOURCES
from orchestration.ingest import sql
from orchestration.ingest.loader import (
    FACTOR_SET,
    LOAD_LOG,
    landing_files,
    last_loaded_sha,
    open_session,
)
from orchestration.ingest.local_seeds import FOLDER as LOCAL_SEEDS_FOLDER
from orchestration.ingest.seed_sources import SEED_ORDER
from orchestration.ingest.validate import sha256_of
from orchestration.paths import FACTOR_SEEDS_DIR
from orchestration.warehouse import RAW_SCHEMA, Warehouse

# The grid company's sources. Energy and industry use their figures only within a period (the
# drivers of a month's days, a nowcast day's own driver, the derived factors of a period), so a
# change to them alone rebuilds energy and industry from the month of its first day on.
GRID_SOURCES = ("power_supply", "electricity_consumption", "heat_consumption")
# The statistics bureau's period figures of energy and industry. The computed layer uses a
# period's figures for that period (5.3, 5.6, 5.12, 5.14, the derived factors of 5.2/5.3 that the
# indirect rows of every sector apply) and as the reference of later nowcasts, never for an
# earlier period, so a change to them alone rebuilds the computed layer from the month of its
# first day on. The reconciled layer still rebuilds from 1 January: a month can complete a year,
# which rescales every month of that year (METHOD 6).
STATISTICS_SOURCES = ("power_heat_inputs", "industry_energy", "industry_value_added")


@dataclass
class Changes:
    """The files that differ from their loaded versions and the first day they touch."""

    files: list[str] = field(default_factory=list)
    first_day: date | None = None
    full: bool = False  # True: cannot be scoped to days, rebuild everything
    reason: str = ""

    @property
    def refresh_from(self) -> str | None:
        """The ``refresh_from`` of the update, None for a full build: the first changed day
        (the models rebuild from 1 January of its year, energy and industry from its month
        when ``grid_only``)."""
        if self.full or self.first_day is None:
            return None
        return self.first_day.isoformat()

    @property
    def grid_only(self) -> bool:
        """True when every changed file is grid data (``GRID_SOURCES``)."""
        return bool(self.files) and all(f.split("/", 1)[0] in GRID_SOURCES for f in self.files)

    @property
    def statistics_only(self) -> bool:
        """True when every changed file is statistics (``STATISTICS_SOURCES``)."""
        return bool(self.files) and all(
            f.split("/", 1)[0] in STATISTICS_SOURCES for f in self.files
        )

    def summary(self) -> str:
        if self.full:
            return f"full build: {self.reason}"
        if not self.files:
            return "no landing file changed since the last build"
        month = self.first_day.replace(day=1)
        narrowed = ""
        if self.grid_only:
            narrowed = f" (energy and industry from {month}: grid data only)"
        elif self.statistics_only:
            narrowed = f" (the computed layer from {month}: statistics only)"
        return (
            f"{len(self.files)} changed file(s), first day {self.first_day}: periods from "
            f"{scope_start(self.first_day)} on rebuilt{narrowed}"
        )


def _period_column(source: str) -> str | None:
    names = [c.name for c in SOURCES[source].columns]
    if "period_start" in names:
        return "period_start"
    if "year" in names:
        return "year"
    return None


def _as_day(value, column: str) -> date | None:
    if value is None or pd.isna(value):
        return None
    if column == "year":
        return date(int(value), 1, 1)
    return pd.Timestamp(value).date()


def _first_in_file(path: Path, column: str) -> date | None:
    """The earliest period of a landing file (None if unreadable: the loader will say why)."""
    try:
        values = pd.read_csv(path, usecols=[column], dtype=str)[column].dropna()
        if column == "year":
            return _as_day(pd.to_numeric(values, errors="coerce").min(), column)
        return _as_day(pd.to_datetime(values, errors="coerce").min(), column)
    except (ValueError, OSError):
        return None


def _first_loaded(session: sql.Session, source: str, file: str, column: str) -> date | None:
    rows = session.fetchall(
        f"select min({column}) from {sql.table(source)} where _source_file = %s", (file,)
    )
    return _as_day(rows[0][0], column) if rows else None


def _seed_in_effect(landing_dir: Path, seed: str) -> str:
    """Checksum of the factor seed a build would use: the local file, else the bundled one."""
    local = landing_dir / LOCAL_SEEDS_FOLDER / f"{seed}.csv"
    path = local if local.is_file() else FACTOR_SEEDS_DIR / f"{seed}.csv"
    return sha256_of(path.read_bytes())


def _seed_recorded(session: sql.Session, seed: str) -> str | None:
    """Checksum of the factor seed the last build used (raw._factor_set)."""
    rows = session.fetchall(
        f"select sha256 from {sql.table(FACTOR_SET)} where seed = %s order by recorded_at desc",
        (seed,),
    )
    return rows[0][0] if rows else None


def _has_log(warehouse: Warehouse) -> bool:
    rows = warehouse.query(
        "select count(*) from information_schema.tables "
        f"where table_schema = '{RAW_SCHEMA}' and table_name = '{LOAD_LOG}'"
    )
    return bool(rows[0][0])


def pending_changes(landing_dir: Path, warehouse: Warehouse) -> Changes:
    """The changes loading ``landing_dir`` into ``warehouse`` would make (nothing is loaded)."""
    landing_dir = Path(landing_dir).resolve()
    changes = Changes()
    if not _has_log(warehouse):
        return Changes(full=True, reason="the warehouse has no earlier load")
    firsts: list[date] = []
    with open_session(warehouse) as session:
        for seed in SEED_ORDER:
            if _seed_in_effect(landing_dir, seed) != _seed_recorded(session, seed):
                return Changes(full=True, reason=f"the factor seed {seed} in effect changed")
        for source in LOAD_ORDER:
            column = _period_column(source)
            for path in landing_files(landing_dir / source, landing_dir):
                rel = path.relative_to(landing_dir).as_posix()
                if last_loaded_sha(session, source, rel) == sha256_of(path.read_bytes()):
                    continue
                changes.files.append(rel)
                if column is None:
                    return Changes(files=changes.files, full=True, reason=f"{rel} changed")
                firsts += [
                    d
                    for d in (
                        _first_in_file(path, column),
                        _first_loaded(session, source, rel, column),
                    )
                    if d is not None
                ]
        changes.first_day = min(firsts) if firsts else None
    return changes


def scope_start(day: date) -> date:
    """Where an update that changes ``day`` must start: 1 January of its year. Within a year
    the method couples every day to the year: the other sectors' days, including their heat,
    are Q(year) * D(day) / D(year) with D(year) summed over all of the year's days, whether
    the year is reported or a nowcast (tests/test_incremental.py found the heat rows of
    January moving when a day of December arrived, with a month scope). Nothing of an earlier
    year depends on a later one, so the year is the smallest exact scope
    (dbt_project/macros/refresh_scope.sql)."""
    return date(day.year, 1, 1)
