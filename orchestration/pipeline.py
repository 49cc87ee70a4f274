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


def build(
    landing_dir: Path, warehouse: Warehouse, build_id: str = "adhoc", select: str | None = None
) -> BuildResult:
    """Ingest every landing source into ``raw`` and run ``dbt build`` on the warehouse."""
    from orchestration.ingest import ensure_raw_tables, load_landing

    ensure_raw_tables(warehouse)
    reports = load_landing(Path(landing_dir), warehouse, build_id=build_id)
    command = ["build", *dbt_vars(build_id)]
    if select:
        command += ["--select", select]
    result = run_dbt(command, warehouse)
    return BuildResult(warehouse=warehouse, load_reports=reports, dbt_result=result)
