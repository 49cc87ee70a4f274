"""Validate ``rpt_consistency`` with the rule suites through GX Checkpoints.

One checkpoint per layer runs the seven rule suites; each run also rebuilds the Data Docs
site (UpdateDataDocsAction), so the site always shows the latest result of every suite.

DuckDB: GX 1.24 cannot validate DuckDB through SQL (STACK.md), so the slice is read with the
warehouse's own driver into a pandas dataframe and validated as such. PostgreSQL: the SQL
datasource's query assets (one per rule and layer) read the latest check run themselves; a
build other than the latest (``build_id`` given and not the newest) is read into a dataframe
instead, because the committed query assets cannot be parameterised without rewriting
great_expectations.yml.
"""

import math
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from orchestration.quality.docs import data_docs_index_path
from orchestration.quality.gx_context import (
    DOCS_SITE,
    LAYERS,
    PG_URL_ENV,
    RULE_SUITES,
    checkpoint_name,
    ensure_frame_objects,
    ensure_postgres_objects,
    get_context,
    rule_model,
)
from orchestration.quality.suites import STRICT_RULES, build_suites, rule_threshold, severity
from orchestration.quality.thresholds import load_thresholds

__all__ = ["RuleResult", "data_docs_index_path", "validate_consistency"]
WORST = 5


@dataclass
class RuleResult:
    """Outcome of one rule on one layer of one check run (one checkpoint run)."""

    rule: str
    layer: str
    success: bool
    objects_checked: int
    failures: int
    worst_offenders: list[dict] = field(default_factory=list)
    suite_name: str = ""
    data_docs_url: str | None = None
    severity: str = "error"
    check_run: str | None = None
    engine: str = "frame"
    detected_at: datetime | None = None
    note: str = ""

    def as_dict(self) -> dict:
        out = asdict(self)
        out["detected_at"] = self.detected_at.isoformat() if self.detected_at else None
        return out


def _sqlalchemy_url(url: str) -> str:
    """psycopg2 explicitly: SQLAlchemy 2.1 maps plain postgresql:// to psycopg 3 (STACK.md)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix) :]
    return url


def _max_check_run(warehouse, table: str) -> str | None:
    rows = warehouse.query(f"select max(check_run) from {warehouse.relation(table)}")
    return None if not rows or rows[0][0] is None else str(rows[0][0])


def _scorecard_check_run(warehouse) -> str | None:
    """The build id of the latest dbt build: rpt_quality_scorecard is rebuilt whole by every
    build, so its check_run is that build's (rpt_consistency may also hold rows of earlier
    builds, outside an update's refresh scope: dbt_project/macros/refresh_scope.sql). None
    without a scorecard (an rpt_consistency written by hand)."""
    try:
        return _max_check_run(warehouse, "rpt_quality_scorecard")
    except Exception:  # noqa: BLE001 - no scorecard table: the engines raise their own errors
        return None


# The columns the suites read (suites.py): at national scale a layer has millions of rows, and
# every other text column would cost about a hundred bytes per row in pandas (issue 4,
# docs/benchmarks.md). ``object_key`` only has to be present or missing: the one expectation
# on it is not-null, and the worst offenders are read from the warehouse (``worst_offenders``).
# So the frame carries 1 or NULL in its place: the same expectation result, without millions
# of key texts to fetch, and GX's fingerprint of the batch (it hashes every frame under 1 GB)
# no longer factorises them. The rule and the layer, one value per frame, are made in pandas.
# Together: the suites at national scale took 39 s, now 15 s.
FETCHED_COLUMNS = (
    "informational",
    "case when object_key is null then null else 1 end as object_key",
    "rel_diff",
    "passed",
)


def _query_assets_apply(warehouse, check_run: str | None, scorecard: str | None) -> bool:
    """Whether the PostgreSQL query assets (gx_context.rule_query) select the rows of
    ``check_run``: they read each rule's own model at the check run of rpt_quality_scorecard
    (``scorecard``), so that must be the check run to validate and the highest of
    rpt_consistency, as after every dbt build. Otherwise (an earlier build asked for; an
    rpt_consistency written by hand, without the rule models) the rows are read as frames."""
    if warehouse.kind != "postgres" or check_run is None or check_run != scorecard:
        return False
    models = [rule_model(rule) for rule in RULE_SUITES]
    present = warehouse.query(
        "select count(*) from information_schema.tables where table_schema = %s "
        f"and table_name in ({', '.join(['%s'] * len(models))})",
        [warehouse.schema, *models],
    )[0][0]
    return present == len(models) and check_run == _max_check_run(warehouse, "rpt_consistency")


def _read_frame(warehouse, check_run: str, layer: str, rule: str):
    """The rows of one check run, layer and rule, as a pandas dataframe: the columns the
    suites read, ``object_key`` as presence, and the rule and the layer as categories of one
    value (one byte per row)."""
    import numpy as np
    import pandas as pd

    mark = "%s" if warehouse.kind == "postgres" else "?"
    sql = (
        f"select {', '.join(FETCHED_COLUMNS)} from {warehouse.relation('rpt_consistency')} "
        f"where cast(check_run as varchar(200)) = {mark} and layer = {mark} and rule = {mark}"
    )
    frame = warehouse.query_df(sql, [check_run, layer, rule])
    codes = np.zeros(len(frame), dtype="int8")
    for position, (column, value) in enumerate((("rule", rule), ("layer", layer))):
        frame.insert(position, column, pd.Categorical.from_codes(codes, categories=[value]))
    return frame


def _number(value) -> float | None:
    """Plain float (GX returns numpy scalars), None for NULL/NaN."""
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _summarise(context, identifier, validation, layer, engine, check_run, detected_at):
    """Objects checked and failing objects of one suite's validation result (the worst
    offenders are added by ``worst_offenders``)."""
    rule = next(r for r, name in RULE_SUITES.items() if name == validation.suite_name)
    checked = failures = 0
    for outcome in validation.results:
        result = outcome.result or {}
        if outcome.expectation_config.type == "expect_column_values_to_be_in_set":
            checked = max(checked, int(result.get("element_count") or 0))
        # the most objects any one expectation of the suite found failing
        failures = max(failures, int(result.get("unexpected_count") or 0))
    urls = context.get_docs_sites_urls(resource_identifier=identifier, site_name="local_site")
    return RuleResult(
        rule=rule,
        layer=layer,
        success=bool(validation.success),
        objects_checked=checked,
        failures=failures,
        worst_offenders=[],
        suite_name=validation.suite_name,
        data_docs_url=urls[0]["site_url"] if urls else None,
        severity=severity(rule),
        check_run=check_run,
        engine=engine,
        detected_at=detected_at,
        note="" if checked else "no objects checked",
    )


def worst_offenders(
    warehouse, check_run: str, layer: str, rule: str, threshold: float
) -> list[dict]:
    """The failing objects of one rule and layer, as the suite judges them (dbt's ``passed``
    false, or a checked row's ``rel_diff`` beyond the threshold: strictly below it for the
    strict rules), worst first: an undefined relative difference (expected 0, observed not)
    before the largest."""
    mark = "%s" if warehouse.kind == "postgres" else "?"
    beyond = ">=" if rule in STRICT_RULES else ">"
    sql = (
        f"select object_key, measure, rel_diff from {warehouse.relation('rpt_consistency')} "
        f"where cast(check_run as varchar(200)) = {mark} and layer = {mark} and rule = {mark} "
        f"and (not passed or (not informational and rel_diff {beyond} {float(threshold)!r})) "
        "order by case when rel_diff is null then 0 else 1 end, rel_diff desc, object_key "
        f"limit {WORST}"
    )
    rows = warehouse.query(sql, [check_run, layer, rule])
    return [
        {"object_key": key, "measure": measure, "rel_diff": _number(rel_diff)}
        for key, measure, rel_diff in rows
    ]


def validate_consistency(
    warehouse,
    build_id: str | None = None,
    layers=LAYERS,
    *,
    context_root: str | os.PathLike | None = None,
    thresholds_path: str | os.PathLike | None = None,
) -> list[RuleResult]:
    """Run the checkpoint of each layer (all seven rule suites) on one check run.

    ``build_id`` is the ``check_run`` of ``rpt_consistency`` to validate (default: the
    latest). Thresholds come from ``thresholds_path`` (else env CARBON_THRESHOLDS, else
    expectations/thresholds.yml); ``context_root`` is the GX project dir (default
    expectations/, or env CARBON_GX_ROOT). Returns one RuleResult per rule and layer.
    """
    thresholds = load_thresholds(thresholds_path)
    scorecard = _scorecard_check_run(warehouse)
    if build_id is not None:
        check_run = str(build_id)
    else:  # the latest build; without a scorecard, the highest check run of rpt_consistency
        check_run = scorecard or _max_check_run(warehouse, "rpt_consistency")
    context = get_context(context_root)
    build_suites(context, thresholds)
    if _query_assets_apply(warehouse, check_run, scorecard):
        os.environ[PG_URL_ENV] = _sqlalchemy_url(warehouse.url)
        ensure_postgres_objects(context, warehouse.schema)
        engine = "postgres"
    else:
        ensure_frame_objects(context)
        engine = "frame"
    order = {rule: i for i, rule in enumerate(RULE_SUITES)}
    results = []
    for layer in layers:
        if engine == "postgres":
            runs = [context.checkpoints.get(checkpoint_name(layer, engine)).run()]
        else:
            # one rule of one layer in memory at a time; then one docs rebuild for the layer
            runs = [
                context.checkpoints.get(checkpoint_name(layer, engine, rule)).run(
                    batch_parameters={
                        "dataframe": _read_frame(warehouse, check_run or "", layer, rule)
                    }
                )
                for rule in RULE_SUITES
            ]
            context.build_data_docs(
                site_names=[DOCS_SITE],
                resource_identifiers=[i for run in runs for i in run.run_results],
            )
        detected_at = datetime.now(UTC)
        layer_results = [
            _summarise(context, identifier, validation, layer, engine, check_run, detected_at)
            for run in runs
            for identifier, validation in run.run_results.items()
        ]
        for result in layer_results:
            if result.failures:
                result.worst_offenders = worst_offenders(
                    warehouse,
                    check_run or "",
                    layer,
                    result.rule,
                    rule_threshold(thresholds, result.rule),
                )
        results.extend(sorted(layer_results, key=lambda r: order[r.rule]))
    return results


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4%}"


def summary_lines(results: list[RuleResult]) -> list[str]:
    """One line per rule and layer, for logs and the end-of-run summary."""
    lines = []
    for r in results:
        status = "passed" if r.success else ("WARN" if r.severity == "warn" else "FAILED")
        worst = ", ".join(
            f"{o['object_key']} {o.get('measure') or ''} ({_percent(o['rel_diff'])})".replace(
                "  ", " "
            )
            for o in r.worst_offenders[:3]
        )
        lines.append(
            f"{r.rule} {r.layer:<10} {status:<6} {r.objects_checked} checked, "
            f"{r.failures} failing{': ' + worst if worst else ''}"
        )
    return lines
