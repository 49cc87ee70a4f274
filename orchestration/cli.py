"""The ``carbon`` command: parse, generate, build, run, import-ceads, validate, ui, docs.

Heavy imports (dagster, dbt, pandas) happen inside the subcommands, so ``carbon --help``
answers at once. ``build`` and ``run`` go through the Dagster code location's ``build_all``
job, the same assets the UI shows.
"""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from orchestration.paths import DEFAULT_DUCKDB_FILE, DEFAULT_HOME, DEFAULT_LANDING_DIR, PROJECT_ROOT

OFFLINE_ENV = {
    "DBT_VERSION_CHECK": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DAGSTER_DISABLE_TELEMETRY": "true",
}
EXIT_FAILED, EXIT_USAGE, EXIT_REFUSED = 1, 2, 3


class CliError(Exception):
    """A problem the user can fix; printed without a traceback."""


# ---------------------------------------------------------------- parse


def cmd_parse(args) -> int:
    from orchestration.defs.dbt_assets import parse_manifest

    kinds = ["duckdb", "postgres"] if args.target == "all" else [args.target]
    for kind in kinds:
        print(f"dbt parse ({kind}) -> {parse_manifest(kind)}")
    return 0


# ---------------------------------------------------------------- generate


def _provinces(text: str) -> int | list[str]:
    """``2`` (how many) or ``11,31`` (GB/T 2260 codes)."""
    items = [t.strip() for t in text.split(",") if t.strip()]
    if len(items) == 1 and items[0].isdigit() and len(items[0]) <= 2:
        return int(items[0])
    return items


def _years(text: str) -> tuple[int, int]:
    """``2023-2024`` or ``2024``."""
    first, _, last = text.partition("-")
    try:
        return int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"years must look like 2023-2024, not {text!r}") from None


def _day(text: str) -> str:
    """``2024-12-31``."""
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"a day must look like 2024-12-31, not {text!r}") from None


def cmd_bench(args) -> int:
    """The benchmark of orchestration.bench.run (also `make bench`)."""
    from orchestration.bench.run import main as bench

    bench(
        args.scale, args.reps, args.out or None, args.pg_scale, args.work_dir,
        pg_reps=args.pg_reps,
    )  # fmt: skip
    return 0


def cmd_generate(args) -> int:
    from orchestration.generate import generate

    summary = generate(
        Path(args.out),
        provinces=args.provinces,
        cities_per_province=args.cities,
        years=args.years,
        unreported_months=args.unreported_months,
        seed=args.seed,
    )
    print(f"GENERATED sample landing data in {Path(args.out).resolve()}")
    print(summary.table())
    return 0


# ---------------------------------------------------------------- build


def _warehouse(args):
    from orchestration.warehouse import Warehouse

    if args.postgres:
        return Warehouse.postgres(args.postgres, args.schema)
    if args.duckdb:
        return Warehouse.duckdb(args.duckdb, args.schema)
    # No option: the same variables the code location reads, else the project's DuckDB file.
    if os.environ.get("CARBON_POSTGRES_URL"):
        return Warehouse.postgres(os.environ["CARBON_POSTGRES_URL"], args.schema)
    return Warehouse.duckdb(
        os.environ.get("CARBON_DUCKDB_PATH") or DEFAULT_DUCKDB_FILE, args.schema
    )


def check_landing(landing: Path) -> None:
    """Refuse a landing path that is not a directory or holds no contract folder."""
    from orchestration.contract import LOAD_ORDER

    if not landing.exists():
        raise CliError(
            f"landing directory {landing} does not exist.\n"
            "Give --landing the directory that holds one folder per source "
            f"({', '.join(LOAD_ORDER)}), or create a sample with `carbon generate --out DIR`."
        )
    if not landing.is_dir():
        raise CliError(f"landing path {landing} is a file, not a directory.")
    folders = [name for name in (*LOAD_ORDER, "factor_seeds") if (landing / name).is_dir()]
    if not folders:
        raise CliError(
            f"landing directory {landing} holds none of the source folders "
            f"({', '.join(LOAD_ORDER)}).\n"
            "Point --landing at the directory above those folders, or create a sample with "
            "`carbon generate --out DIR`."
        )


def _print_refused(refused: list[dict]) -> None:
    print(f"\nRefused landing files ({len({r['file'] for r in refused})}), moved to quarantine:")
    print(f"  {'file':<40} {'line':>6}  {'column':<16} reason")
    for row in refused:
        line = "" if row.get("line") is None else row["line"]
        column = row.get("column") or ""
        print(f"  {row['file']:<40} {line!s:>6}  {column:<16} {row['reason']}")


def _hint(message: str) -> str:
    lowered = message.lower()
    if "carbon parse" in lowered:
        return "Run `carbon parse`, then `carbon build` again."
    if "lock" in lowered and "duckdb" in lowered or "could not set lock" in lowered:
        return (
            "Another process holds the DuckDB file (a running `carbon ui` or a second build?). "
            "Stop it or wait for it, then run the build again."
        )
    if "blocking asset check" in lowered:
        return (
            "A blocking consistency check failed (see the consistency summary and Data Docs): "
            "the published marts keep the previous good build. Fix the data named by the worst "
            "offenders and build again."
        )
    if "could not connect" in lowered or "connection refused" in lowered:
        return "Check the PostgreSQL URL given with --postgres and that the server is running."
    return "Fix the cause named above and run `carbon build` again (loading is idempotent)."


def blocked_only(outcome) -> bool:
    """True when the run failed only because blocking consistency checks failed."""
    return bool(outcome.failures) and all(
        "blocking asset check" in f.message.lower() for f in outcome.failures
    )


def build(landing: Path, warehouse, strict: bool = False) -> int:
    """``run_build`` with printed progress and summaries; returns the exit code."""
    return run_and_report(landing, warehouse, strict)[0]


def run_and_report(
    landing: Path,
    warehouse,
    strict: bool = False,
    summary: bool = True,
    refresh_from: str | None = None,
    grid_only: bool = False,
    statistics_only: bool = False,
):
    """Run build_all through Dagster (an update from ``refresh_from`` on, narrowed for energy
    and industry when ``grid_only``, for the computed layer when ``statistics_only``: see
    DbtBuildConfig; or a full build);
    print progress, refused files, failures and (unless ``summary`` is False) the consistency
    summary. Returns (exit code, BuildOutcome)."""
    from orchestration.dagster_run import dagster_home, run_build

    check_landing(landing)
    print(f"Building {warehouse.label} from {landing} (Dagster home {dagster_home()})")
    outcome = run_build(
        warehouse,
        landing,
        refresh_from=refresh_from,
        grid_only=grid_only,
        statistics_only=statistics_only,
    )
    print(
        f"\n{len(outcome.materialized)} assets materialized in {outcome.seconds:.0f} s "
        f"(run {outcome.run_id[:8]}); {len(outcome.failed_checks)} checks failed."
    )
    if outcome.refused:
        _print_refused(outcome.refused)
    if not outcome.success:
        print("\nBUILD FAILED", file=sys.stderr)
        for failure in outcome.failures:
            assets = ", ".join(failure.assets[:8]) + (" ..." if len(failure.assets) > 8 else "")
            print(f"- step {failure.step} (assets: {assets}) failed:", file=sys.stderr)
            print("  " + failure.message.replace("\n", "\n  "), file=sys.stderr)
            print(f"  What to do: {_hint(failure.message)}", file=sys.stderr)
        if not outcome.failures:
            message = outcome.run_error or "the run failed before any step started"
            print(f"- {message}\n  What to do: {_hint(message)}", file=sys.stderr)
        if outcome.skipped:
            print(f"Not run because of the failure: {', '.join(outcome.skipped)}", file=sys.stderr)
        print(
            f"dbt output: {outcome.log_path}; all events of run {outcome.run_id} in `carbon ui`.",
            file=sys.stderr,
        )
        code = EXIT_FAILED
    elif strict and outcome.refused:
        print("\n--strict: refused landing files make this build fail.", file=sys.stderr)
        code = EXIT_REFUSED
    else:
        code = 0
    if summary:
        print_consistency(outcome, warehouse)
    return code, outcome


def print_scorecard(warehouse) -> None:
    """C8: the table 1 metrics of this build against their targets."""
    from orchestration.quality.scorecard import read_scorecard, scorecard_lines

    try:
        metrics = read_scorecard(warehouse)
    except Exception as error:  # noqa: BLE001 - a build that stopped early has no scorecard
        print(f"\nScorecard (C8): not available ({str(error).splitlines()[0]})")
        return
    met = sum(m.passed for m in metrics)
    print(f"\nScorecard (C8, table 1 of the standard): {met} of {len(metrics)} metrics met")
    for line in scorecard_lines(metrics):
        print(f"  {line}")


def print_consistency(outcome, warehouse=None) -> None:
    """Rules passed/failed per layer, one line per rule, the C8 scorecard (given the
    warehouse), and where the Data Docs are."""
    from orchestration.dagster_run import consistency_results
    from orchestration.quality.docs import data_docs_index_path
    from orchestration.quality.validate import summary_lines

    sys.stderr.flush()  # the failure report (stderr) first, then the summary
    results = consistency_results(outcome)
    if not results:
        print("\nConsistency: not checked (the build stopped before the consistency checks).")
        return
    print("\nConsistency (rules C1-C7, Great Expectations suites):")
    for layer in dict.fromkeys(r.layer for r in results):
        mine = [r for r in results if r.layer == layer]
        failed = [r.rule for r in mine if not r.success]
        passed = len(mine) - len(failed)
        detail = f", {len(failed)} failed ({', '.join(failed)})" if failed else ", 0 failed"
        print(f"  {layer}: {passed} passed{detail}")
    for line in summary_lines(results):
        print(f"  {line}")
    if warehouse is not None:
        print_scorecard(warehouse)
    print(f"Data Docs: {data_docs_index_path()} (`carbon docs --serve` to browse)")


def cmd_build(args) -> int:
    return build(Path(args.landing).resolve(), _warehouse(args), strict=args.strict)


def cmd_update(args) -> int:
    """Load what changed in the landing directory and rebuild only what depends on it."""
    from orchestration.ingest.changes import pending_changes

    landing = Path(args.landing).resolve()
    check_landing(landing)
    warehouse = _warehouse(args)
    if args.since:
        refresh_from, why, grid_only, statistics_only = (
            args.since, f"--since {args.since}", False, False
        )  # fmt: skip
    else:
        try:
            changes = pending_changes(landing, warehouse)
        except Exception as error:  # noqa: BLE001 - an unreachable warehouse, a locked file
            raise CliError(f"cannot read the load log of {warehouse.label}: {error}") from error
        if not changes.full and not changes.files:
            print(f"Nothing to update in {warehouse.label}: {changes.summary()}.")
            return 0
        refresh_from, why = changes.refresh_from, changes.summary()
        grid_only, statistics_only = changes.grid_only, changes.statistics_only
    print(f"Update: {why}")
    return run_and_report(
        landing, warehouse, args.strict, refresh_from=refresh_from, grid_only=grid_only,
        statistics_only=statistics_only,
    )[0]  # fmt: skip


# ---------------------------------------------------------------- run


def _totals_rows(warehouse) -> tuple[str, list[tuple]]:
    """Province totals by year and sector (tCO2), layer computed, from the marts."""
    schema = warehouse.qualified_schema
    try:
        rows = warehouse.query(
            f"select t.region_code, r.region_name, t.period_start, t.energy_tco2, "
            f"t.industry_direct_tco2, t.other_direct_tco2, t.total_tco2 "
            f"from {schema}.rpt_region_totals t "
            f"join {schema}.stg_regions r on r.region_code = t.region_code "
            f"where r.region_level = 'province' and t.period_type = 'year' "
            f"and t.layer = 'computed' order by t.region_code, t.period_start"
        )
        return "rpt_region_totals", rows
    except Exception:
        rows = warehouse.query(
            f"select f.region_code, r.region_name, f.period_start, "
            f"sum(case when f.sector = 'energy' then f.emissions_tco2 else 0 end), "
            f"sum(case when f.sector = 'industry' and f.scope = 'direct' "
            f"then f.emissions_tco2 else 0 end), "
            f"sum(case when f.sector = 'other' and f.scope = 'direct' "
            f"then f.emissions_tco2 else 0 end), "
            f"sum(case when f.scope = 'direct' then f.emissions_tco2 else 0 end) "
            f"from {schema}.fct_emissions f "
            f"join {schema}.stg_regions r on r.region_code = f.region_code "
            f"where f.region_level = 'province' and f.period_type = 'year' "
            f"and f.layer = 'computed' "
            f"group by f.region_code, r.region_name, f.period_start "
            f"order by f.region_code, f.period_start"
        )
        return "fct_emissions", rows


def _mt(value) -> str:
    return "-" if value is None else f"{value / 1e6:,.2f}"


def print_totals(warehouse) -> None:
    source, rows = _totals_rows(warehouse)
    print(f"\nEmissions by year and sector, Mt CO2 (layer computed, from {source}):")
    print(f"  {'region':<7} {'year':<5} {'energy':>9} {'industry':>9} {'other':>9} {'total':>9}")
    for code, name, start, energy, industry, other, total in rows:
        # The name goes last: CJK characters are two columns wide and would shift the table.
        print(
            f"  {code:<7} {str(start)[:4]:<5} {_mt(energy):>9} {_mt(industry):>9} "
            f"{_mt(other):>9} {_mt(total):>9}  {name or ''}"
        )
    if not rows:
        print("  (no province year rows yet)")
    print("  energy = power and heat production; industry and other = direct emissions.")


def cmd_run(args) -> int:
    from orchestration.warehouse import Warehouse

    landing = DEFAULT_LANDING_DIR
    if not landing.exists() or not any(landing.iterdir()):
        from orchestration.generate import generate

        print(f"Generating the sample landing data into {landing} ...")
        print(generate(landing).table())
    warehouse = Warehouse.duckdb(DEFAULT_DUCKDB_FILE)
    code, outcome = run_and_report(landing, warehouse, summary=False)
    if code != 0 and not blocked_only(outcome):
        print_consistency(outcome, warehouse)
        return code
    print_totals(warehouse)
    tables = warehouse.query(
        "select table_schema, table_name from information_schema.tables "
        f"where table_schema = '{warehouse.schema}' and (table_name like 'fct_%' "
        "or table_name like 'rpt_%') order by table_name"
    )
    print(f"\nOutputs: DuckDB file {warehouse.path}")
    print("  marts: " + ", ".join(f"{s}.{t}" for s, t in tables))
    print("  raw landing tables: schema raw; dbt models: schema " + warehouse.schema)
    print(
        f"  published marts (last build that passed the blocking checks): schema "
        f"{warehouse.schema}_published"
    )
    print("Open the Dagster UI with `carbon ui` (http://127.0.0.1:3000).")
    print("NOTE: these are GENERATED sample data, not official statistics.")
    if code != 0:
        print("NOT PUBLISHED: blocking consistency checks failed (details below).")
    print_consistency(outcome, warehouse)
    return code


# ---------------------------------------------------------------- import-ceads, validate


def _year_list(text: str) -> list[int]:
    """``2012,2017,2019`` or ``2017-2019`` or a mix."""
    years: list[int] = []
    for item in (t.strip() for t in text.split(",") if t.strip()):
        first, last = _years(item)
        years.extend(range(first, last + 1))
    if not years:
        raise argparse.ArgumentTypeError("give at least one year")
    return years


def cmd_import_ceads(args) -> int:
    from orchestration.ceads.importer import import_ceads
    from orchestration.ceads.mapping import MappingError

    provinces = [p for p in (args.provinces or "").split(",") if p.strip()] or None
    try:
        summary = import_ceads(Path(args.out), args.years, provinces, args.factors)
    except (MappingError, ValueError, FileNotFoundError) as error:
        raise CliError(str(error)) from None
    print(f"IMPORTED CEADs energy inventory into {Path(args.out).resolve()}")
    print(summary.table())
    print(f"Build it with: carbon build --landing {args.out}")
    return 0


def cmd_validate(args) -> int:
    from orchestration.ceads.validate import run

    try:
        return run(Path(args.workdir), Path(args.docs), tuple(args.years))
    except FileNotFoundError as error:
        raise CliError(str(error)) from None


# ---------------------------------------------------------------- ui


def _dagster_command() -> list[str]:
    script = Path(sys.executable).parent / "dagster"
    return [str(script)] if script.exists() else [sys.executable, "-m", "dagster"]


def cmd_ui(args) -> int:
    from orchestration.dagster_run import dagster_home

    env = {**os.environ, **OFFLINE_ENV, "DAGSTER_HOME": str(dagster_home())}
    # dbt and dagster of this environment first on PATH for the code server.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    command = [
        *_dagster_command(),
        "dev",
        "-w",
        str(PROJECT_ROOT / "workspace.yaml"),
        "-h",
        "127.0.0.1",
        "-p",
        str(args.port),
    ]
    print(f"Starting Dagster UI at http://127.0.0.1:{args.port} (Ctrl-C stops it)")

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    # A Python handler (unlike an inherited "ignore") is reset to the default in the child, so
    # dagster dev reacts to signals even when this command was started in the background.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, interrupt)
    # Own session: dagster dev started in the background ignores signals otherwise (STACK.md).
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, start_new_session=True)
    try:
        return process.wait()
    except KeyboardInterrupt:
        print("Stopping the Dagster UI ...")
        return stop_process_group(process)


def stop_process_group(process: subprocess.Popen) -> int:
    """Ctrl-C to the child's session, then SIGTERM, then SIGKILL; 0 when it stopped."""
    for signum, timeout in ((signal.SIGINT, 30), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=timeout)
            break
        except subprocess.TimeoutExpired:
            continue
    return 0


# ---------------------------------------------------------------- docs


def cmd_docs(args) -> int:
    from orchestration.quality.docs import serve_or_print_docs

    if args.serve:
        # Ctrl-C and SIGTERM stop the server even when started in the background, where an
        # inherited "ignore SIGINT" would otherwise keep it running (STACK.md).
        def interrupt(signum, frame):
            raise KeyboardInterrupt

        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, interrupt)
    return serve_or_print_docs(serve=args.serve, port=args.port)


# ---------------------------------------------------------------- main


def _add_warehouse_options(parser: argparse.ArgumentParser) -> None:
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--duckdb",
        metavar="PATH",
        help=f"DuckDB file (default $CARBON_DUCKDB_PATH or {DEFAULT_DUCKDB_FILE})",
    )
    target.add_argument(
        "--postgres",
        metavar="URL",
        help="PostgreSQL URL, e.g. postgresql://user@host:5432/db (default $CARBON_POSTGRES_URL)",
    )
    parser.add_argument(
        "--schema", default=os.environ.get("CARBON_SCHEMA", "carbon"), help="schema of dbt models"
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carbon",
        description="Carbon accounting platform (Dagster + dbt): provinces and cities, "
        "CO2 by sector, period and fuel.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="dbt parse, so the code location finds its manifest")
    p.add_argument("--target", choices=["duckdb", "postgres", "all"], default="duckdb")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("generate", help="write a GENERATED sample landing directory")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument(
        "--provinces", type=_provinces, default=1, help="how many (e.g. 2) or codes (11,31)"
    )
    p.add_argument("--cities", type=int, default=None, help="cities per province")
    p.add_argument("--years", type=_years, default=(2023, 2024), help="e.g. 2023-2024")
    p.add_argument("--unreported-months", type=int, default=1)
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("build", help="load a landing directory and build all models (Dagster)")
    p.add_argument("--landing", required=True, metavar="DIR")
    _add_warehouse_options(p)
    p.add_argument("--strict", action="store_true", help="refused landing files fail the build")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "update",
        help="load the landing files that changed and rebuild only the years they touch",
    )
    p.add_argument("--landing", required=True, metavar="DIR")
    _add_warehouse_options(p)
    p.add_argument("--strict", action="store_true", help="refused landing files fail the build")
    p.add_argument(
        "--since",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="rebuild from this day's year on (default: the first day the changed files touch)",
    )
    p.set_defaults(func=cmd_update)

    p = sub.add_parser(
        "run", help=f"sample data into {DEFAULT_HOME.name}/, build into DuckDB, print totals"
    )
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "import-ceads", help="write a landing directory from the CEADs provincial energy inventory"
    )
    p.add_argument("--years", type=_year_list, required=True, help="e.g. 2012,2017,2019,2022")
    p.add_argument(
        "--provinces", default=None, help="CEADs names or codes, e.g. Hubei,420000 (default all 30)"
    )
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument(
        "--factors",
        choices=["bundled", "ceads"],
        default="bundled",
        help="ceads: put the CEADs-compatible factor set in DIR/factor_seeds (local override)",
    )
    p.set_defaults(func=cmd_import_ceads)

    p = sub.add_parser(
        "validate", help="build all CEADs provinces with both factor sets, write docs/validation.md"
    )
    p.add_argument("--years", type=_year_list, default=[2012, 2017, 2019, 2022])
    p.add_argument("--workdir", default=str(DEFAULT_HOME / "validation"), metavar="DIR")
    p.add_argument("--docs", default=str(PROJECT_ROOT / "docs"), metavar="DIR")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "bench", help="national-scale benchmark (issue 4): builds, updates, baselines"
    )
    p.add_argument("--scale", choices=["national", "regional", "small"], default="national")
    p.add_argument("--reps", type=int, default=3, help="repetitions of each measurement")
    p.add_argument(
        "--pg-scale",
        choices=["auto", "national", "regional", "small", "none"],
        default="auto",
        help="scale of the PostgreSQL build (auto: the largest, up to --scale, that fits what "
        "is left of the 30-minute budget after the DuckDB measurements; none: skip)",
    )
    p.add_argument("--pg-reps", type=int, default=None, help="runs of the PostgreSQL build")
    p.add_argument("--out", default="docs/benchmarks.md", help="report file ('' for none)")
    p.add_argument("--work-dir", default=None, metavar="DIR")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("ui", help="start the Dagster UI (dagster dev) on 127.0.0.1")
    p.add_argument("--port", type=int, default=3000)
    p.set_defaults(func=cmd_ui)

    p = sub.add_parser("docs", help="print the Great Expectations Data Docs path, or serve it")
    p.add_argument("--serve", action="store_true", help="serve the site on 127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.set_defaults(func=cmd_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    try:
        return args.func(args)
    except CliError as error:
        print(f"carbon {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
