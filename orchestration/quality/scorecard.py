"""The C8 scorecard (table 1 of the standard) as people read it: the CLI summary and the
Dagster asset check on ``rpt_quality_scorecard`` both format it here.

The numbers come from the dbt mart; this module only reads and formats them, so the check,
the end-of-run summary and a BI tool show the same values.
"""

import math
from dataclasses import dataclass

HOURS = ("monitoring_response_hours",)


@dataclass(frozen=True)
class Metric:
    """One row of rpt_quality_scorecard."""

    metric: str
    metric_zh: str
    value: float | None
    target: float
    comparison: str
    passed: bool
    objects: int
    note: str


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def read_scorecard(warehouse) -> list[Metric]:
    """The scorecard of the latest build (the mart holds one build)."""
    rows = warehouse.query(
        "select metric, metric_zh, value, target, comparison, passed, objects, note "
        f"from {warehouse.relation('rpt_quality_scorecard')}"
    )
    return [
        Metric(str(m), str(zh), _number(v), float(t), str(c), bool(p), int(o or 0), str(n or ""))
        for m, zh, v, t, c, p, o, n in rows
    ]


def format_value(metric: str, value: float | None) -> str:
    """Rates as percentages, the response time in hours; '-' when nothing was measured."""
    if value is None:
        return "-"
    return f"{value:.1f} h" if metric in HOURS else f"{value:.2%}"


def _target(m: Metric) -> str:
    return f"{m.comparison} {format_value(m.metric, m.target)}"


def scorecard_lines(metrics: list[Metric]) -> list[str]:
    """A short aligned table for the terminal: metric, value, target, verdict."""
    lines = []
    for m in metrics:
        verdict = "met" if m.passed else "MISSED"
        lines.append(
            f"{m.metric:<26} {format_value(m.metric, m.value):>9}  target {_target(m):<10} "
            f"{verdict:<6} ({m.objects:,} objects)"
        )
    return lines


def scorecard_markdown(metrics: list[Metric]) -> str:
    """The scorecard as a markdown table (asset check metadata in the Dagster UI)."""
    lines = [
        "| metric | 指标 | value | target | met | objects | what it counts |",
        "| --- | --- | ---: | --- | --- | ---: | --- |",
    ]
    for m in metrics:
        lines.append(
            f"| {m.metric} | {m.metric_zh} | {format_value(m.metric, m.value)} | {_target(m)} "
            f"| {'yes' if m.passed else 'NO'} | {m.objects:,} | {m.note} |"
        )
    return "\n".join(lines)
