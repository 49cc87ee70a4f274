"""Where the time of a full build goes: ingestion per source and dbt per node.

One instrumented build through the plain pipeline pieces (``load_source`` per source, then
``dbt build`` in-process); dbt's per-node ``execution_time`` comes from the runner result
(the same figures as target/<kind>/run_results.json, read from memory because other runs
may overwrite that file).
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.warehouse import Warehouse


@dataclass
class Profile:
    """Seconds per ingestion source and per dbt node, plus the totals."""

    ingest: dict[str, float] = field(default_factory=dict)
    nodes: list[tuple[str, str, float]] = field(default_factory=list)  # (type, name, seconds)
    dbt_seconds: float = 0.0

    def top(self, n: int = 12) -> list[tuple[str, str, float]]:
        items = [("ingest", name, s) for name, s in self.ingest.items()] + self.nodes
        return sorted(items, key=lambda x: -x[2])[:n]

    def by_type(self) -> dict[str, float]:
        out: dict[str, float] = {"ingestion (all sources)": sum(self.ingest.values())}
        for kind, _, seconds in self.nodes:
            out[f"dbt {kind}s"] = out.get(f"dbt {kind}s", 0.0) + seconds
        out["dbt other (start-up, parse, seeds overhead)"] = max(
            0.0, self.dbt_seconds - sum(s for _, _, s in self.nodes)
        )
        return out


def profile_build(landing_dir: Path, warehouse: Warehouse, build_id: str = "bench") -> Profile:
    """Run one full build with timings (the warehouse should be empty)."""
    from orchestration.contract import LOAD_ORDER
    from orchestration.dbt_cli import run_dbt
    from orchestration.ingest import ensure_raw_tables
    from orchestration.ingest.loader import load_source
    from orchestration.ingest.local_seeds import load_local_factor_seeds
    from orchestration.pipeline import dbt_vars

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
    result = run_dbt(["build", *dbt_vars(build_id)], warehouse)
    prof.dbt_seconds = time.perf_counter() - start
    for node_result in getattr(result.result, "results", None) or []:
        node = node_result.node
        prof.nodes.append((node.resource_type, node.name, float(node_result.execution_time or 0.0)))
    return prof
