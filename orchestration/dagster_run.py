"""Run the ``build_all`` job of the code location from the CLI, with live progress.

The job runs in this process (``execute_in_process``) on a local Dagster instance under
``.carbon/dagster_home`` (or $DAGSTER_HOME), so CLI builds show in ``carbon ui`` too. A thread
reads the run's events from the instance while it executes and prints one line per
materialized asset, each failed check and each failed step.
"""

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.paths import DEFAULT_HOME
from orchestration.warehouse import Warehouse

DAGSTER_YAML = """\
# Local Dagster instance of the carbon platform (written by the carbon CLI).
telemetry:
  enabled: false
concurrency:
  # DuckDB allows one writer per file: one run at a time, one warehouse step at a time.
  runs:
    max_concurrent_runs: 1
  pools:
    default_limit: 1
"""


def dagster_home() -> Path:
    """$DAGSTER_HOME, else .carbon/dagster_home; created with a dagster.yaml when missing."""
    home = Path(os.environ.get("DAGSTER_HOME") or DEFAULT_HOME / "dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    return home


@dataclass
class StepFailure:
    step: str
    assets: list[str]
    message: str


@dataclass
class BuildOutcome:
    """What one ``build_all`` run did, in plain values for the CLI."""

    success: bool
    run_id: str
    seconds: float
    materialized: list[str] = field(default_factory=list)
    failures: list[StepFailure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    # RuleResult.as_dict() of every consistency check result (passed or not), in event order.
    consistency: list[dict] = field(default_factory=list)
    run_error: str | None = None
    log_path: Path | None = None


def _error_text(error) -> str:
    """The message of a serialized error and of its causes, without tracebacks."""
    parts = []
    while error is not None:
        message = (error.message or "").strip()
        # Dagster's wrapper ("Error occurred while executing op ...") adds nothing to its cause.
        wrapper = "DagsterExecutionStepExecutionError" in message and error.cause is not None
        if message and not wrapper and message not in parts:
            parts.append(message)
        error = error.cause
    return "\n".join(parts)


class _Progress:
    """Turns run events into printed lines and into a BuildOutcome."""

    def __init__(self, assets_defs, outcome: BuildOutcome, echo: Callable[[str], None]):
        self.outcome = outcome
        self.echo = echo
        # step key (= op name of an assets definition) -> the assets that step produces
        # (a checks-only definition, like consistency_suites: the assets its checks guard)
        self.step_assets = {
            a.node_def.name: sorted(k.to_user_string() for k in a.keys)
            or sorted({c.asset_key.to_user_string() for c in a.check_keys})
            for a in assets_defs
        }

    def handle(self, record) -> None:
        from dagster import DagsterEventType

        event = record.event_log_entry.dagster_event
        if event is None:
            return
        kind = event.event_type
        if kind == DagsterEventType.ASSET_MATERIALIZATION:
            self._materialized(event)
        elif kind == DagsterEventType.ASSET_CHECK_EVALUATION:
            check = event.event_specific_data
            if "rule_result" in check.metadata:
                self.outcome.consistency.append(check.metadata["rule_result"].value)
            if not check.passed:
                name = f"{check.asset_key.to_user_string()}:{check.check_name}"
                level = getattr(check.severity, "value", str(check.severity))
                self.outcome.failed_checks.append(name)
                self.echo(f"  check {level:<5} {name}: {check.description or 'failed'}")
        elif kind == DagsterEventType.STEP_FAILURE:
            data = event.event_specific_data
            message = ""
            if data.user_failure_data is not None and data.user_failure_data.description:
                message = data.user_failure_data.description
            elif data.error is not None:
                message = _error_text(data.error)
            step = event.step_key or "?"
            failure = StepFailure(step, self.step_assets.get(step, []), message)
            self.outcome.failures.append(failure)
            self.echo(f"  FAILED {step}: {message.splitlines()[0] if message else ''}")
        elif kind == DagsterEventType.STEP_SKIPPED:
            self.outcome.skipped.append(event.step_key or "?")
        elif kind == DagsterEventType.RUN_FAILURE:
            data = event.event_specific_data
            error = getattr(data, "error", None)
            self.outcome.run_error = _error_text(error) if error else event.message

    def _materialized(self, event) -> None:
        materialization = event.event_specific_data.materialization
        key = materialization.asset_key.to_user_string()
        metadata = materialization.metadata
        self.outcome.materialized.append(key)
        detail = ""
        if "files_loaded" in metadata:
            value = {k: metadata[k].value for k in metadata if k.startswith("files_")}
            rows = metadata["rows_in_table"].value if "rows_in_table" in metadata else "?"
            detail = (
                f"  files: {value.get('files_loaded', 0)} loaded, "
                f"{value.get('files_unchanged', 0)} unchanged, "
                f"{value.get('files_refused', 0)} refused; {rows} rows"
            )
        if "refused" in metadata:
            self.outcome.refused.extend(metadata["refused"].value or [])
        self.echo(f"  [{len(self.outcome.materialized):>3}] {key}{detail}")


def consistency_results(outcome: BuildOutcome) -> list:
    """The consistency check results of a build as RuleResults (for ``summary_lines``)."""
    from dataclasses import fields

    from orchestration.quality.validate import RuleResult

    names = {f.name for f in fields(RuleResult)} - {"detected_at"}
    return [RuleResult(**{k: v for k, v in d.items() if k in names}) for d in outcome.consistency]


def _watch(instance, run_id: str, progress: _Progress, stop: threading.Event) -> None:
    """Poll the run's event log until ``stop`` is set, then drain what is left."""
    cursor = None
    while True:
        stopping = stop.is_set()
        try:
            connection = instance.get_records_for_run(run_id, cursor=cursor)
            for record in connection.records:
                progress.handle(record)
            cursor = connection.cursor
            if connection.has_more:
                continue
        except Exception:  # the run's event log may not exist yet; try again
            pass
        if stopping:
            return
        stop.wait(0.5)


# Dagster's console logger is silenced; every event stays in the instance (``carbon ui``).
QUIET_RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


def run_config(
    refresh_from: str | None = None, grid_only: bool = False, statistics_only: bool = False
) -> dict:
    """Run config of build_all: quiet console; an update's ``refresh_from``, ``grid_only`` and
    ``statistics_only`` for the dbt step and the publication (None: a full build)."""
    if not refresh_from:
        return QUIET_RUN_CONFIG
    scoped = {
        "config": {
            "refresh_from": str(refresh_from),
            "grid_only": bool(grid_only),
            "statistics_only": bool(statistics_only) and not grid_only,
        }
    }
    return {
        **QUIET_RUN_CONFIG,
        "ops": {"carbon_dbt_assets": scoped, "published_marts": scoped},
    }


def run_build(
    warehouse: Warehouse,
    landing_dir: Path,
    echo: Callable[[str], None] | None = None,
    refresh_from: str | None = None,
    grid_only: bool = False,
    statistics_only: bool = False,
) -> BuildOutcome:
    """Execute build_all with resources pointing at ``warehouse`` and ``landing_dir`` (an
    update from the day ``refresh_from`` on, or a full build).

    dbt's own output (which dagster-dbt writes to stdout) goes to a log file under the
    Dagster home; ``echo`` (default: the terminal) gets the progress lines.
    """
    terminal = sys.stdout
    if echo is None:

        def echo(line: str) -> None:
            terminal.write(line + "\n")
            terminal.flush()

    from dagster import DagsterInstance
    from dagster._core.utils import make_new_run_id

    from orchestration.defs import build_definitions
    from orchestration.defs.jobs import BUILD_ALL
    from orchestration.defs.resources import resources_for

    defs = build_definitions(resources_for(warehouse, landing_dir))
    job = defs.resolve_job_def(BUILD_ALL)
    run_id = make_new_run_id()
    outcome = BuildOutcome(success=False, run_id=run_id, seconds=0.0)
    progress = _Progress([*defs.assets, *(defs.asset_checks or [])], outcome, echo)
    started = time.monotonic()
    home = dagster_home()
    outcome.log_path = home / "cli_logs" / f"{run_id}.log"
    outcome.log_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        DagsterInstance.from_config(str(home)) as instance,
        outcome.log_path.open("w", encoding="utf-8") as log,
        contextlib.redirect_stdout(log),
    ):
        stop = threading.Event()
        watcher = threading.Thread(
            target=_watch, args=(instance, run_id, progress, stop), daemon=True
        )
        watcher.start()
        try:
            result = job.execute_in_process(
                run_config=run_config(refresh_from, grid_only, statistics_only),
                instance=instance,
                run_id=run_id,
                raise_on_error=False,
                tags={"carbon/warehouse": warehouse.label, "carbon/landing": str(landing_dir)},
            )
            outcome.success = result.success
        finally:
            stop.set()
            watcher.join()
    outcome.seconds = time.monotonic() - started
    return outcome
