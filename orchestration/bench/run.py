"""The benchmark run of issue 4: generate, build, baselines, compare, table, docs/benchmarks.md.

    .venv/bin/python -m orchestration.bench.run --scale national --reps 3

Every measured contender runs as its own process per repetition (see ``tasks``), on an empty
warehouse, so wall time includes start-up and imports and peak memory is that run's alone.
"""

import argparse
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from orchestration.bench.compare import Comparison, compare, ours
from orchestration.bench.harness import Measurement, measure_command
from orchestration.bench.scope import SCOPE_NOTE
from orchestration.paths import PROJECT_ROOT
from orchestration.warehouse import Warehouse

SCALES = {
    "national": dict(provinces=31, cities_per_province=11, years=(2023, 2024)),
    "regional": dict(provinces=3, cities_per_province=11, years=(2023, 2024)),
    "small": dict(provinces=1, cities_per_province=2, years=(2023, 2024)),
}
# PostgreSQL at national scale does not fit the 30-minute budget of `make bench`.
DEFAULT_PG_SCALE = {"national": "regional", "regional": "regional", "small": "small"}
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
OFFLINE_ENV = {
    "DBT_VERSION_CHECK": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DAGSTER_DISABLE_TELEMETRY": "true",
}
PENDING = "not yet measured (incremental builds pending)"


@dataclass
class Row:
    """One line of the results table."""

    measurement: Measurement
    scale: str
    ratio: str = ""


def _python() -> str:
    return sys.executable


def _carbon() -> Path | None:
    """``carbon build`` (the Dagster path) if the CLI offers it, else None."""
    carbon = Path(sys.executable).parent / "carbon"
    if not carbon.exists():
        return None
    probe = subprocess.run(
        [str(carbon), "build", "--help"], capture_output=True, text=True, env=_env()
    )
    return carbon if probe.returncode == 0 and "--landing" in probe.stdout else None


def _env() -> dict[str, str]:
    return {**os.environ, **OFFLINE_ENV}


def generate_landing(scale: str, work: Path) -> tuple[Path, dict[str, int]]:
    from orchestration.generate import generate

    landing = work / scale / "landing"
    summary = generate(landing, **SCALES[scale])
    print(f"\nLanding set '{scale}' ({landing}):\n{summary.table()}")
    return landing, summary.rows


def _fresh_duckdb(path: Path):
    def reset() -> None:
        for p in (path, path.with_name(path.name + ".wal")):
            p.unlink(missing_ok=True)

    return reset


def _pg(sql: str) -> None:
    import psycopg2

    con = psycopg2.connect(PG_ADMIN_URL)
    con.autocommit = True
    try:
        con.cursor().execute(sql)
    finally:
        con.close()


def _fresh_pg(db: str):
    def reset() -> None:
        _pg(f'drop database if exists "{db}" with (force)')
        _pg(f'create database "{db}"')

    return reset


def build_command(landing: Path, target: list[str], use_dagster: bool) -> list[str]:
    if use_dagster:
        return [str(_carbon()), "build", "--landing", str(landing), *target]
    return [_python(), "-m", "orchestration.bench.tasks", "pipeline-build",
            "--landing", str(landing), *target]  # fmt: skip


def measure_builds(landing: Path, pg_landing, work: Path, reps: int, use_dagster: bool):
    """Full builds on DuckDB and PostgreSQL (``pg_landing`` None: skipped); returns the
    measurements, the DuckDB warehouse and the PostgreSQL totals."""
    path = work / "bench.duckdb"  # not carbon.duckdb: a catalog named like the schema is ambiguous
    label = "carbon build (Dagster)" if use_dagster else "pipeline.build (dbt, no Dagster)"
    duck = measure_command(
        f"full build DuckDB: {label}",
        build_command(landing, ["--duckdb", str(path)], use_dagster),
        reps=reps, env=OFFLINE_ENV, cwd=str(PROJECT_ROOT), before=_fresh_duckdb(path),
    )  # fmt: skip
    if pg_landing is None:
        return duck, None, Warehouse.duckdb(path), None
    db = f"carbon_bench_{uuid.uuid4().hex[:8]}"
    url = f"postgresql://postgres@127.0.0.1:5432/{db}"
    try:
        pg = measure_command(
            f"full build PostgreSQL: {label}",
            build_command(pg_landing, ["--postgres", url], use_dagster),
            reps=reps, env=OFFLINE_ENV, cwd=str(PROJECT_ROOT), before=_fresh_pg(db),
        )  # fmt: skip
        pg_ours = ours(Warehouse.postgres(url))
    finally:
        _pg(f'drop database if exists "{db}" with (force)')
    return duck, pg, Warehouse.duckdb(path), pg_ours


def measure_baseline(kind: str, landing: Path, work: Path, reps: int):
    out = work / f"totals_{kind}.csv"
    m = measure_command(
        f"baseline {kind}",
        [_python(), "-m", "orchestration.bench.tasks", f"baseline-{kind}",
         "--landing", str(landing), "--out", str(out)],
        reps=reps, env=OFFLINE_ENV, cwd=str(PROJECT_ROOT),
    )  # fmt: skip
    return m, pd.read_csv(out, dtype={"region_code": str})


def machine() -> str:
    cores = os.cpu_count()
    try:
        import psutil

        mem = psutil.virtual_memory().total / 2**30
    except ImportError:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cores} cores, {mem:.1f} GiB memory"


def table(rows: list[Row]) -> str:
    lines = [
        "| what | scale | median wall (s) | median peak RSS (MiB) | ratio |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for r in rows:
        m = r.measurement
        lines.append(
            f"| {m.name} | {r.scale} | {m.median_seconds:.1f} | {m.median_peak_rss_mib:,.0f} "
            f"| {r.ratio} |"
        )
    if not any("PostgreSQL" in r.measurement.name for r in rows):
        lines.append(
            "| full build PostgreSQL | - | not measured in this run (--pg-scale none) | | |"
        )
    lines.append(f"| new day arrives (incremental) | - | {PENDING} | | |")
    lines.append(f"| new month arrives (nowcasts restated) | - | {PENDING} | | |")
    return "\n".join(lines)


def main(
    scale: str = "national",
    reps: int = 3,
    out: str | None = "docs/benchmarks.md",
    pg_scale: str | None = None,
    work_dir: str | None = None,
    ours_path: str = "auto",
    profile: bool = True,
) -> dict:
    """Run the benchmark; print the table; write ``out`` (None: do not write)."""
    os.environ.update(OFFLINE_ENV)
    pg_scale = pg_scale or DEFAULT_PG_SCALE[scale]
    work = Path(work_dir) if work_dir else PROJECT_ROOT / ".carbon" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    use_dagster = ours_path == "dagster" or (ours_path == "auto" and _carbon() is not None)
    landing, source_rows = generate_landing(scale, work)
    if pg_scale == "none":
        pg_landing = None
    else:
        pg_landing = landing if pg_scale == scale else generate_landing(pg_scale, work)[0]

    duck, pg, warehouse, pg_totals = measure_builds(landing, pg_landing, work, reps, use_dagster)
    fct_rows = warehouse.query(f"select count(*) from {warehouse.relation('fct_emissions')}")[0][0]
    print(f"\nfct_emissions rows ({scale}, DuckDB): {fct_rows:,}")
    our_totals = ours(warehouse)
    floor, floor_totals = measure_baseline("duckdb", landing, work, reps)
    peer, peer_totals = measure_baseline("pandas", landing, work, reps)
    checks: list[Comparison] = [
        compare("baseline duckdb", floor_totals, our_totals),
        compare("baseline pandas", peer_totals, our_totals),
    ]
    if pg_totals is not None and pg_scale == scale:
        checks.append(compare("PostgreSQL build", pg_totals, our_totals))

    prof = None
    if profile:
        from orchestration.bench.profile import profile_build

        path = work / "profile.duckdb"
        _fresh_duckdb(path)()
        prof = profile_build(landing, Warehouse.duckdb(path))

    rows = [
        Row(duck, scale, f"ours / floor = {duck.median_seconds / floor.median_seconds:.1f}x"),
        *([Row(pg, pg_scale, "")] if pg is not None else []),
        Row(floor, scale, "floor"),
        Row(peer, scale, f"pandas / ours = {peer.median_seconds / duck.median_seconds:.2f}x"),
    ]
    text = table(rows)
    agreement = "\n".join(c.summary() for c in checks)
    print(f"\nMachine: {machine()}; medians of {reps} runs\n{text}\n\n{agreement}\n{SCOPE_NOTE}")
    if prof is not None:
        print("\nWhere the time goes (one instrumented DuckDB build):")
        for kind, name, seconds in prof.top(10):
            print(f"  {seconds:8.1f} s  {kind:<10} {name}")
    if out:
        write_doc(
            Path(out) if Path(out).is_absolute() else PROJECT_ROOT / out,
            scale, pg_scale, reps, source_rows, fct_rows, text, checks, prof, use_dagster,
        )  # fmt: skip
    if not all(c.agrees for c in checks):
        raise SystemExit("a baseline disagrees with fct_emissions: the benchmark does not count")
    return {"duckdb": duck, "postgres": pg, "floor": floor, "pandas": peer, "checks": checks}


def _describe(scale: str) -> str:
    return ", ".join(f"{k}={v}" for k, v in SCALES.get(scale, {}).items())


def write_doc(path, scale, pg_scale, reps, source_rows, fct_rows, text, checks, prof, dagster):
    sizes = ", ".join(f"{k} {v:,}" for k, v in source_rows.items())
    lines = [
        "# Benchmarks",
        "",
        "Written by `.venv/bin/python -m orchestration.bench.run` (issue 4); do not edit by hand.",
        "",
        f"Machine: {machine()}. Medians of {reps} runs; each run is a fresh process on an "
        "empty warehouse; peak RSS is of the whole process tree.",
        "",
        f"Landing set `{scale}` ({', '.join(f'{k}={v}' for k, v in SCALES[scale].items())}): "
        f"{sizes} rows; fct_emissions {fct_rows:,} rows.",
        f"PostgreSQL measured at scale `{pg_scale}`"
        + (
            " (skipped)."
            if pg_scale == "none"
            else (
                f" ({_describe(pg_scale)}): national scale does not fit the time budget."
                if pg_scale != scale
                else "."
            )
        ),
        "Our build path: "
        + (
            "`carbon build` (Dagster job build_all)."
            if dagster
            else "`pipeline.build`, no Dagster."
        ),
        "",
        text,
        "",
        "## Agreement",
        "",
        *[f"- {c.summary()}" for c in checks],
        "",
        SCOPE_NOTE,
        "The baselines therefore do less work than the build (which also computes cities, "
        "counties, indirect rows, nowcasts, consistency checks and reports): the "
        "ours / floor ratio overstates the gap for the same output.",
        "",
    ]
    if prof is not None:
        lines += [
            "## Where the time goes (one instrumented DuckDB build, `pipeline.build` pieces)",
            "",
            "| seconds | kind | item |",
            "| ---: | --- | --- |",
            *[f"| {s:.1f} | {k} | {n} |" for k, n, s in prof.top(15)],
            "",
            "| part | seconds |",
            "| --- | ---: |",
            *[f"| {k} | {s:.1f} |" for k, s in prof.by_type().items()],
            "",
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"\nwrote {path}")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.bench.run")
    parser.add_argument("--scale", choices=list(SCALES), default="national")
    parser.add_argument(
        "--pg-scale", choices=[*SCALES, "none"], default=None, help="none: skip PostgreSQL"
    )
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--out", default="docs/benchmarks.md")
    parser.add_argument("--work-dir", default=None)
    parser.add_argument("--ours", choices=["auto", "dagster", "pipeline"], default="auto")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)
    main(
        args.scale, args.reps, args.out or None, args.pg_scale, args.work_dir, args.ours,
        profile=not args.no_profile,
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(cli())
