"""Local factor overrides: ``landing/factor_seeds/<seed>.csv`` replace the bundled seeds.

Each build states its factor set: a present, valid file fills
``raw.local_<seed>`` (staging then prefers it); an absent or refused one leaves
that table empty, so the bundled ``factor_seeds/<seed>.csv`` applies. Either
way a row in ``raw._factor_set`` records the origin and checksum for the build.
"""

from functools import cache
from pathlib import Path

import pandas as pd

from orchestration.ingest import sql
from orchestration.ingest.loader import (
    FACTOR_SET,
    QUARANTINE,
    log_file,
    now_text,
    open_session,
    quarantine,
    refused_outcome,
)
from orchestration.ingest.report import LOADED, FileOutcome, SourceReport
from orchestration.ingest.seed_sources import SEED_ORDER, SEED_SOURCES
from orchestration.ingest.validate import KnownCodes, sha256_of, validate_bytes
from orchestration.paths import FACTOR_SEEDS_DIR
from orchestration.warehouse import Warehouse

FOLDER = "factor_seeds"
CODE_COLUMNS = {"fuels": "fuel_code", "industries": "industry_code"}


@cache
def _bundled_codes(seed: str) -> frozenset[str]:
    frame = pd.read_csv(FACTOR_SEEDS_DIR / f"{seed}.csv", dtype=str, keep_default_na=False)
    return frozenset(frame[CODE_COLUMNS[seed]].str.strip())


def _local_codes(path: Path, seed: str) -> frozenset[str] | None:
    """Codes of a valid local seed file, None when it is absent or would be refused."""
    if not path.is_file():
        return None
    frame, errors = validate_bytes(path.read_bytes(), str(path), SEED_SOURCES[seed], KnownCodes())
    if errors:
        return None
    return frozenset(frame[CODE_COLUMNS[seed]].dropna())


def seed_codes_in_effect(landing_dir: Path) -> tuple[frozenset[str], frozenset[str]]:
    """(fuel codes, industry codes) of the seeds this landing dir's build will use."""
    folder = Path(landing_dir) / FOLDER
    codes = []
    for seed in ("fuels", "industries"):
        local = _local_codes(folder / f"{seed}.csv", seed)
        codes.append(local if local is not None else _bundled_codes(seed))
    return codes[0], codes[1]


def _record(session: sql.Session, build_id: str, seed: str, origin: str, file: str, sha: str):
    session.insert(
        FACTOR_SET,
        {
            "build_id": build_id,
            "seed": seed,
            "origin": origin,
            "file": file,
            "sha256": sha,
            "recorded_at": now_text(),
        },
    )


def _use_bundled(session: sql.Session, seed: str, build_id: str, outcome=None) -> None:
    """Empty raw.local_<seed> and record the bundled seed (and a refused file's log row)."""
    bundled = FACTOR_SEEDS_DIR / f"{seed}.csv"
    with session.transaction():
        session.execute(f"delete from {sql.table('local_' + seed)}")
        sha = sha256_of(bundled.read_bytes())
        _record(session, build_id, seed, "bundled", f"{FOLDER}/{seed}.csv", sha)
        if outcome is not None:
            log_file(session, FOLDER, outcome, build_id, now_text())


def load_local_factor_seeds(
    landing_dir: Path, warehouse: Warehouse, build_id: str = "adhoc"
) -> SourceReport:
    """Fill or empty every ``raw.local_<seed>`` from ``landing/factor_seeds/`` for this build."""
    landing_dir = Path(landing_dir).resolve()
    report = SourceReport(FOLDER)
    with open_session(warehouse) as session:
        _load_seeds(landing_dir, session, build_id, report)
    report.table_rows = sum(f.rows for f in report.loaded)
    return report


def _load_seeds(landing_dir: Path, session: sql.Session, build_id: str, report: SourceReport):
    folder = landing_dir / FOLDER
    fuels = _bundled_codes("fuels")
    for seed in SEED_ORDER:
        path = folder / f"{seed}.csv"
        rel = f"{FOLDER}/{seed}.csv"
        if not path.is_file():
            _use_bundled(session, seed, build_id)
            report.notes.append(f"{seed}: bundled")
            continue
        data = path.read_bytes()
        sha = sha256_of(data)
        frame, errors = validate_bytes(data, rel, SEED_SOURCES[seed], KnownCodes(fuel=fuels))
        if errors:
            outcome = refused_outcome(rel, sha, errors)
            target = quarantine(path, landing_dir / QUARANTINE / FOLDER / f"{seed}.csv", outcome)
            outcome.message = f"{outcome.message} (moved to {target})"
            _use_bundled(session, seed, build_id, outcome)
            report.files.append(outcome)
            report.notes.append(f"{seed}: local file refused, bundled seed applies")
            continue
        outcome = FileOutcome(rel, LOADED, len(frame), sha, f"{len(frame)} rows")
        at = now_text()
        with session.transaction():
            sql.stage_frame(session.con, session.kind, frame, SEED_SOURCES[seed])
            sql.replace_with_stage(
                session.con, session.kind, f"local_{seed}", SEED_SOURCES[seed], rel, at
            )
            _record(session, build_id, seed, "local", rel, sha)
            log_file(session, FOLDER, outcome, build_id, at)
        report.files.append(outcome)
        report.notes.append(f"{seed}: local ({len(frame)} rows)")
        if seed == "fuels":
            fuels = frozenset(frame["fuel_code"].dropna())
    others = sorted(p.name for p in folder.glob("*.csv") if p.stem not in SEED_SOURCES)
    if folder.is_dir() and others:
        report.notes.append(f"ignored files that name no seed: {', '.join(others)}")
