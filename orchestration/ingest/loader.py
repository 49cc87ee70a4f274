"""Load landing CSV files into the ``raw`` schema, file by file, refusing bad files whole.

Each file is one unit: it is skipped when the same bytes were already loaded
from the same path, refused (moved to quarantine with an ``.error.txt``) when
anything in it is wrong, or upserted in one transaction. A refused file never
touches the raw table, so whatever loaded before stays and the other files
and sources go on loading.
"""

import contextlib
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from orchestration.contract import LOAD_ORDER, SOURCES, Source
from orchestration.ingest import sql
from orchestration.ingest.report import LOADED, REFUSED, UNCHANGED, FileOutcome, SourceReport
from orchestration.ingest.seed_sources import SEED_SOURCES
from orchestration.ingest.validate import KnownCodes, sha256_of, validate_bytes
from orchestration.warehouse import RAW_SCHEMA, Warehouse

LOAD_LOG = "_load_log"
ALERTS = "_alerts"
FACTOR_SET = "_factor_set"
QUARANTINE = "_quarantine"
MESSAGE_ERRORS = 5  # errors quoted in the log message; the .error.txt has them all


def now_text() -> str:
    """A UTC timestamp without zone, as text both engines cast to ``timestamp``."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


def create_raw_tables(session: sql.Session) -> None:
    """The DDL of ``ensure_raw_tables`` on an open session (committed)."""
    with session.transaction():
        if session.kind == "postgres":
            # Assets may load sources in parallel: serialize the DDL, or two
            # "create ... if not exists" can collide in the catalog.
            session.execute("select pg_advisory_xact_lock(7231955)")
        session.execute(f"create schema if not exists {RAW_SCHEMA}")
        for source in SOURCES.values():
            columns = [*sql.source_columns(source), *sql.META_COLUMNS]
            session.execute(sql.create_table_sql(source.name, columns))
        for name, seed in SEED_SOURCES.items():
            columns = [*sql.source_columns(seed), *sql.META_COLUMNS]
            session.execute(sql.create_table_sql(f"local_{name}", columns))
        session.execute(sql.create_table_sql(LOAD_LOG, sql.LOAD_LOG_COLUMNS))
        session.execute(sql.create_table_sql(FACTOR_SET, sql.FACTOR_SET_COLUMNS))
        session.execute(sql.create_table_sql(ALERTS, sql.ALERTS_COLUMNS))


@contextlib.contextmanager
def open_session(warehouse: Warehouse) -> Iterator[sql.Session]:
    """One connection with the raw tables in place, for many per-file transactions."""
    with warehouse.connect() as con:
        session = sql.Session(con, warehouse.kind)
        create_raw_tables(session)
        yield session


def ensure_raw_tables(warehouse: Warehouse) -> None:
    """Create schema ``raw``, every raw table (empty), the load log and the factor tables."""
    with open_session(warehouse):
        pass


def landing_files(folder: Path, landing_dir: Path) -> list[Path]:
    """Every ``*.csv`` under ``folder``, in lexical order of their landing-relative paths."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.rglob("*.csv") if p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(landing_dir).as_posix())


def region_codes(session: sql.Session) -> frozenset[str]:
    rows = session.fetchall(f"select region_code from {sql.table('regions')}")
    return frozenset(r[0] for r in rows if r[0] is not None)


def known_codes(landing_dir: Path, session: sql.Session, source: Source) -> KnownCodes:
    """Region codes already in raw.regions; fuel and industry codes of the seeds in effect."""
    from orchestration.ingest.local_seeds import seed_codes_in_effect

    fuels, industries = seed_codes_in_effect(landing_dir)
    regions = region_codes(session) if source.depends_on_regions else frozenset()
    return KnownCodes(region=regions, fuel=fuels, industry=industries)


def last_loaded_sha(session: sql.Session, source: str, file: str) -> str | None:
    """The checksum of the version of ``file`` loaded last (not any version ever loaded)."""
    rows = session.fetchall(
        f"select sha256, loaded_at from {sql.table(LOAD_LOG)} "
        "where source = %s and file = %s and outcome = %s order by loaded_at desc",
        (source, file, LOADED),
    )
    return rows[0][0] if rows else None


def loaded_files(session: sql.Session, source: str) -> list[str]:
    rows = session.fetchall(
        f"select distinct file from {sql.table(LOAD_LOG)} where source = %s and outcome = %s",
        (source, LOADED),
    )
    return [r[0] for r in rows]


def log_file(
    session: sql.Session, source: str, outcome: FileOutcome, build_id: str, at: str
) -> None:
    session.insert(
        LOAD_LOG,
        {
            "source": source,
            "file": outcome.file,
            "sha256": outcome.checksum,
            "rows": outcome.rows,
            "loaded_at": at,
            "outcome": outcome.outcome,
            "message": outcome.message,
            "build_id": build_id,
        },
    )


def quarantine(path: Path, target: Path, outcome: FileOutcome) -> Path:
    """Move a refused file to ``target`` and write every error to ``<target>.error.txt``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    shutil.move(str(path), str(target))
    report = target.with_name(target.name + ".error.txt")
    lines = [
        f"refused: {outcome.file}",
        f"sha256: {outcome.checksum}",
        f"at: {now_text()} UTC",
        "",
        *[str(e) for e in outcome.errors],
        "",
    ]
    report.write_text("\n".join(lines), encoding="utf-8")
    return target


def refused_outcome(file: str, sha: str, errors) -> FileOutcome:
    shown = "; ".join(str(e) for e in errors[:MESSAGE_ERRORS])
    more = len(errors) - MESSAGE_ERRORS
    message = shown + (f"; ... ({more} more in the .error.txt)" if more > 0 else "")
    return FileOutcome(file, REFUSED, 0, sha, message, list(errors))


def _log_only(session: sql.Session, source: str, outcome: FileOutcome, build_id: str) -> None:
    with session.transaction():
        log_file(session, source, outcome, build_id, now_text())


def load_file(
    path: Path,
    landing_dir: Path,
    spec: Source,
    session: sql.Session,
    known: KnownCodes,
    quarantine_dir: Path,
    build_id: str,
) -> FileOutcome:
    """Skip, refuse or upsert one file (see the module docstring)."""
    rel = path.relative_to(landing_dir).as_posix()
    data = path.read_bytes()
    sha = sha256_of(data)
    if last_loaded_sha(session, spec.name, rel) == sha:
        outcome = FileOutcome(rel, UNCHANGED, 0, sha, "already loaded")
        _log_only(session, spec.name, outcome, build_id)
        return outcome
    frame, errors = validate_bytes(data, rel, spec, known)
    if errors:
        outcome = refused_outcome(rel, sha, errors)
        target = quarantine_dir / path.relative_to(landing_dir / spec.name)
        quarantine(path, target, outcome)
        outcome.message = f"{outcome.message} (moved to {target})"
        _log_only(session, spec.name, outcome, build_id)
        return outcome
    later = sorted(f for f in loaded_files(session, spec.name) if f > rel)
    outcome = FileOutcome(rel, LOADED, len(frame), sha, f"{len(frame)} rows")
    at = now_text()
    with session.transaction():
        sql.stage_frame(session.con, session.kind, frame, spec)
        sql.upsert_stage(session.con, session.kind, spec, rel, at, later)
        log_file(session, spec.name, outcome, build_id, at)
    return outcome


def count_rows(session: sql.Session, table_name: str) -> int:
    return int(session.fetchall(f"select count(*) from {sql.table(table_name)}")[0][0])


def load_source(
    landing_dir: Path,
    source: str,
    warehouse: Warehouse,
    quarantine_dir: Path | None = None,
    build_id: str = "adhoc",
) -> SourceReport:
    """Load every ``landing/<source>/**/*.csv`` into ``raw.<source>``, in lexical path order."""
    landing_dir = Path(landing_dir).resolve()
    spec = SOURCES[source]
    quarantine_dir = Path(quarantine_dir) if quarantine_dir else landing_dir / QUARANTINE / source
    report = SourceReport(source)
    with open_session(warehouse) as session:
        known = known_codes(landing_dir, session, spec)
        for path in landing_files(landing_dir / source, landing_dir):
            report.files.append(
                load_file(path, landing_dir, spec, session, known, quarantine_dir, build_id)
            )
        report.table_rows = count_rows(session, source)
    return report


def load_landing(
    landing_dir: Path, warehouse: Warehouse, build_id: str = "adhoc"
) -> list[SourceReport]:
    """Local factor seeds, then every source in ``contract.LOAD_ORDER`` (regions first)."""
    from orchestration.ingest.local_seeds import load_local_factor_seeds

    reports = [load_local_factor_seeds(landing_dir, warehouse, build_id=build_id)]
    for source in LOAD_ORDER:
        reports.append(load_source(landing_dir, source, warehouse, build_id=build_id))
    return reports


def read_table(warehouse: Warehouse, table_name: str) -> pd.DataFrame:
    """A raw table as a DataFrame (for tests and summaries)."""
    return warehouse.query_df(f"select * from {sql.table(table_name)}")
