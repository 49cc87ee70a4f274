"""The whole pipeline as plain functions: load the landing directory, then dbt build.

Dagster's assets call the same pieces one source and one dbt selection at a
time; this module is the short path used by tests and baselines that need the
numbers without the orchestrator around them.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.dbt_cli import run_dbt
from orchestration.warehouse import Warehouse


@dataclass
class BuildResult:
    """What one build did: the load reports per source and dbt's result."""

    warehouse: Warehouse
    load_reports: list = field(default_factory=list)
    dbt_result: object = None

    @property
    def refused_files(self) -> list:
        return [f for r in self.load_reports for f in r.files if f.outcome == "refused"]


def dbt_vars(**extra) -> list[str]:
    """The ``--vars`` argument: consistency thresholds (expectations/thresholds.yml, or the file
    named by env CARBON_THRESHOLDS) and extra vars, so that every dbt run judges consistency by
    the configured numbers rather than dbt_project.yml's defaults. They change only with the
    configuration: the values of one run go in the environment (``dbt_run_env``)."""
    from orchestration.quality.thresholds import dbt_threshold_vars

    return ["--vars", json.dumps({**dbt_threshold_vars(), **extra})]


def dbt_run_env(
    build_id: str,
    refresh_from: str | None = None,
    grid_only: bool = False,
    statistics_only: bool = False,
) -> dict[str, str]:
    """The values of one run, as the environment variables that dbt's ``run_var`` macro reads
    while executing (dbt_project/macros/run_var.sql): the build id; for an update, the day
    ``refresh_from`` and its narrowing (``grid_only`` wins over ``statistics_only``). Every
    variable is set, empty when unused, so that no value of an earlier run or of the shell
    leaks into this one. Not --vars: dbt re-parses the whole project when they change."""
    grid_only = bool(refresh_from) and grid_only
    statistics_only = bool(refresh_from) and statistics_only and not grid_only
    return {
        "CARBON_BUILD_ID": build_id,
        "CARBON_REFRESH_FROM": str(refresh_from) if refresh_from else "",
        "CARBON_REFRESH_GRID_ONLY": "true" if grid_only else "",
        "CARBON_REFRESH_STATISTICS_ONLY": "true" if statistics_only else "",
    }


def dbt_build_args(refresh_from: str | None = None) -> list[str]:
    """``dbt build`` arguments of a full build (``refresh_from`` None: every model rebuilt
    whole, ``--full-refresh``) or of an update (the period-scoped incremental models rebuild
    only the periods of the refresh scope that ``dbt_run_env`` names, see
    dbt_project/macros/refresh_scope.sql). Histories are never full-refreshed."""
    if refresh_from is None:
        return ["build", "--full-refresh", *dbt_vars()]
    return ["build", *dbt_vars()]


def build(
    landing_dir: Path,
    warehouse: Warehouse,
    build_id: str = "adhoc",
    select: str | None = None,
    refresh_from: str | None = None,
    grid_only: bool = False,
    statistics_only: bool = False,
) -> BuildResult:
    """Ingest every landing source into ``raw`` and run ``dbt build`` on the warehouse
    (whole, or from the day ``refresh_from`` on: see ``dbt_build_args``)."""
    from orchestration.ingest import ensure_raw_tables, load_landing

    ensure_raw_tables(warehouse)
    reports = load_landing(Path(landing_dir), warehouse, build_id=build_id)
    command = dbt_build_args(refresh_from)
    if select:
        command += ["--select", select]
    env = dbt_run_env(build_id, refresh_from, grid_only, statistics_only)
    result = run_dbt(command, warehouse, env=env)
    return BuildResult(warehouse=warehouse, load_reports=reports, dbt_result=result)
