"""Where the time of a full build goes: ingestion per source, dbt per node, the other steps.

Two sources:

- ``profile_dagster_run``: one of the measured ``carbon build`` runs, read back from its
  Dagster instance (step start/end events; dbt's ``Execution Duration`` per model from the
  materialization metadata). No extra build is needed, and the figures are those of the
  path that was measured.
- ``profile_build``: one instrumented build through the plain pipeline pieces
  (``load_source`` per source, then ``dbt build`` in-process); dbt's per-node
  ``execution_time`` comes from the runner result (the same figures as
  target/<kind>/run_results.json, read from memory because other runs may overwrite that
  file).
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.warehouse import Warehouse

# Dagster steps of build_all other than ingestion and dbt, as named in the report.
STEP_LABELS = {
    "consistency_suites": "Great Expectations suites (consistency_suites)",
    "published_marts": "publish the marts (published_marts)",
}


@dataclass
class Profile:
    """Seconds per ingestion source and per dbt node, plus the totals.

    ``steps`` holds the other Dagster steps of a measured run (empty for ``profile_build``)
    and ``total_seconds`` that run's wall time from start to end (0: unknown). When the dbt
    step reports models only (Dagster), the rest of it is tests, parsing and start-up.
    """

    ingest: dict[str, float] = field(default_factory=dict)
    nodes: list[tuple[str, str, float]] = field(default_factory=list)  # (type, name, seconds)
    dbt_seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0
    source: str = "pipeline"

    def top(self, n: int = 12) -> list[tuple[str, str, float]]:
        items = [("ingest", name, s) for name, s in self.ingest.items()] + self.nodes
        items += [("step", STEP_LABELS.get(name, name), s) for name, s in self.steps.items()]
        return sorted(items, key=lambda x: -x[2])[:n]

    def by_type(self) -> dict[str, float]:
        out: dict[str, float] = {"ingestion (all sources)": sum(self.ingest.values())}
        for kind, _, seconds in self.nodes:
            out[f"dbt {kind}s"] = out.get(f"dbt {kind}s", 0.0) + seconds
        rest = max(0.0, self.dbt_seconds - sum(s for _, _, s in self.nodes))
        if self.source == "dagster":
            out["dbt tests, parse and start-up"] = rest
        else:
            out["dbt other (start-up, parse, seeds overhead)"] = rest
        for name, seconds in self.steps.items():
            out[STEP_LABELS.get(name, name)] = seconds
        if self.total_seconds:
            out["Dagster run overhead (between steps)"] = max(
                0.0, self.total_seconds - sum(out.values())
            )
        return out

    def part(self, label: str) -> float:
        """Seconds of one part of ``by_type`` (0 when absent)."""
        return self.by_type().get(label, 0.0)


def profile_dagster_run(dagster_home: Path, run_id: str | None = None) -> Profile:
    """The profile of one build_all run (default: the latest) of the instance at
    ``dagster_home``: step durations from the step events, dbt models from the
    ``Execution Duration`` of their materializations."""
    from dagster import DagsterEventType, DagsterInstance

    instance = DagsterInstance.from_config(str(dagster_home))
    try:
        if run_id is None:
            runs = instance.get_runs(limit=1)
            if not runs:
                raise RuntimeError(f"no Dagster run in {dagster_home}")
            run_id = runs[0].run_id
        prof = Profile(source="dagster")
        started: dict[str, float] = {}
        first = last = None
        for record in instance.get_records_for_run(run_id, limit=100_000).records:
            entry = record.event_log_entry
            event = entry.dagster_event
            first = entry.timestamp if first is None else min(first, entry.timestamp)
            last = entry.timestamp if last is None else max(last, entry.timestamp)
            if event is None:
                continue
            if event.event_type == DagsterEventType.STEP_START:
                started[entry.step_key] = entry.timestamp
            elif event.event_type in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
                seconds = entry.timestamp - started.get(entry.step_key, entry.timestamp)
                step = entry.step_key
                if step.startswith("raw__"):
                    prof.ingest[step.removeprefix("raw__")] = seconds
                elif step.endswith("dbt_assets"):
                    prof.dbt_seconds += seconds
                else:
                    prof.steps[step] = seconds
            elif event.event_type == DagsterEventType.ASSET_MATERIALIZATION:
                materialization = event.event_specific_data.materialization
                duration = materialization.metadata.get("Execution Duration")
                if duration is not None:
                    name = materialization.asset_key.path[-1]
                    prof.nodes.append(("model", name, float(duration.value)))
        prof.total_seconds = (last - first) if first is not None else 0.0
        return prof
    finally:
        instance.dispose()


def profile_build(landing_dir: Path, warehouse: Warehouse, build_id: str = "bench") -> Profile:
    """Run one full build with timings (the warehouse should be empty)."""
    from orchestration.contract import LOAD_ORDER
    from orchestration.dbt_cli import run_dbt
    from orchestration.ingest import ensure_raw_tables
    from orchestration.ingest.loader import load_source
    from orchestration.ingest.local_seeds import load_local_factor_seeds
    from orchestration.pipeline import dbt_run_env, dbt_vars

    prof = Profile()
    start = time.perf_counter()
    ensure_raw_tables(warehouse)
    load_local_factor_seeds(landing_dir, warehouse, build_id=build_id)
    prof.ingest["(raw tables, local factor seeds)"] = time.perf_counter() - start
    for source in LOAD_ORDER:
        start = time.perf_counter()
        load_source(landing_dir, source, warehouse, build_id=build_id)
        prof.ingest[source] = time.perf_counter() - start
    start = time.perf_counter()
    result = run_dbt(["build", *dbt_vars()], warehouse, env=dbt_run_env(build_id))
    prof.dbt_seconds = time.perf_counter() - start
    for node_result in getattr(result.result, "results", None) or []:
        node = node_result.node
        prof.nodes.append((node.resource_type, node.name, float(node_result.execution_time or 0.0)))
    return prof
