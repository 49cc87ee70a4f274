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


def dbt_vars(build_id: str, **extra) -> list[str]:
    """The ``--vars`` argument: build id, consistency thresholds (expectations/thresholds.yml,
    or the file named by env CARBON_THRESHOLDS) and extra vars, so that every dbt run judges
    consistency by the configured numbers rather than dbt_project.yml's defaults."""
    from orchestration.quality.thresholds import dbt_threshold_vars

    return ["--vars", json.dumps({"build_id": build_id, **dbt_threshold_vars(), **extra})]


def dbt_build_args(
    build_id: str,
    refresh_from: str | None = None,
    grid_only: bool = False,
    statistics_only: bool = False,
) -> list[str]:
    """``dbt build`` arguments of a full build (``refresh_from`` None: every model rebuilt
    whole, ``--full-refresh``) or of an update from the day ``refresh_from`` (the
    period-scoped incremental models rebuild from 1 January of its year on, see
    dbt_project/macros/refresh_scope.sql; ``grid_only``: energy and industry from its month on;
    ``statistics_only``: the computed layer from its month on). Histories are never
    full-refreshed."""
    if refresh_from is None:
        return ["build", "--full-refresh", *dbt_vars(build_id)]
    extra = {"refresh_grid_only": True} if grid_only else {}
    if statistics_only and not grid_only:
        extra = {"refresh_statistics_only": True}
    return ["build", *dbt_vars(build_id, refresh_from=str(refresh_from), **extra)]


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
    command = dbt_build_args(build_id, refresh_from, grid_only, statistics_only)
    if select:
        command += ["--select", select]
    result = run_dbt(command, warehouse)
    return BuildResult(warehouse=warehouse, load_reports=reports, dbt_result=result)
