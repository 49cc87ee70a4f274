"""Consistency suites as Dagster asset checks, and the publish step they gate.

One multi-asset check runs the Great Expectations checkpoints (validate_consistency) once per
build and reports one AssetCheckResult per suite, that is per rule and layer, on the asset the
rule guards:

- C1 (temporal rollup), C4 (spatial rollup) and C6 (allocation) judge the numbers of
  ``fct_emissions``: their checks sit on carbon/fct_emissions. On the reconciled layer (the
  layer that is consistent by construction) they are ERROR and blocking; on the computed layer
  they warn (raw sources disagree; that is what reconciliation is for).
- C2, C3, C5 and C7 (completeness, source consistency, plausibility) describe the inputs more
  than a mart: they sit on carbon/rpt_consistency and warn.

"Nothing downstream is published from a build that breaks a blocking check" is made concrete by
``published_marts``: the marts BI tools read are copied from the model schema (``carbon``) into
``<schema>_published`` by an asset downstream of carbon/fct_emissions. Dagster does not start it
when a blocking check of fct_emissions failed, so the published tables keep the last good build.
Copies, not views: the next dbt build rewrites the model schema whatever the checks say.

Great Expectations is imported inside the check only (the import costs ~9 s).
"""

from pathlib import Path

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    Config,
    MaterializeResult,
    MetadataValue,
    asset_check,
    multi_asset,
    multi_asset_check,
)

from orchestration.defs.dbt_assets import MODEL_PREFIX
from orchestration.defs.resources import WAREHOUSE_POOL, WarehouseResource
from orchestration.quality.gx_context import LAYERS, RULE_SUITES
from orchestration.quality.suites import RULE_TITLES

FCT_EMISSIONS = AssetKey([MODEL_PREFIX, "fct_emissions"])
RPT_SCORECARD = AssetKey([MODEL_PREFIX, "rpt_quality_scorecard"])
RPT_CONSISTENCY = AssetKey([MODEL_PREFIX, "rpt_consistency"])
# Rules whose objects are fct_emissions' own numbers (rollups and allocation).
MART_RULES = ("C1", "C4", "C6")
BLOCKING_LAYER = "reconciled"
# The marts BI tools read (CONTRACT.md "Published marts"); rpt_consistency and the scorecard
# describe every build, good or bad, and are read from the model schema directly.
PUBLISHED = ("fct_emissions", "rpt_region_totals", "fct_emission_factors_derived")
PUBLISHED_SUFFIX = "_published"
PUBLISHED_GROUP = "published"


def check_name(rule: str, layer: str) -> str:
    """``c1_temporal_rollup_reconciled`` (suite name without its ``consistency_`` prefix)."""
    return f"{RULE_SUITES[rule].removeprefix('consistency_')}_{layer}"


def guarded_asset(rule: str) -> AssetKey:
    return FCT_EMISSIONS if rule in MART_RULES else RPT_CONSISTENCY


def is_blocking(rule: str, layer: str) -> bool:
    return rule in MART_RULES and layer == BLOCKING_LAYER


def _spec(rule: str, layer: str) -> AssetCheckSpec:
    blocking = is_blocking(rule, layer)
    level = "ERROR, blocking: the published marts are not updated" if blocking else "WARN"
    return AssetCheckSpec(
        check_name(rule, layer),
        asset=guarded_asset(rule),
        description=(
            f"{rule} {RULE_TITLES[rule]}, {layer} layer; Great Expectations suite "
            f"{RULE_SUITES[rule]} on rpt_consistency ({level})."
        ),
        blocking=blocking,
        # The fct_emissions checks read rpt_consistency: show that edge in the lineage.
        additional_deps=[RPT_CONSISTENCY] if guarded_asset(rule) == FCT_EMISSIONS else [],
        metadata={"rule": rule, "layer": layer, "suite_name": RULE_SUITES[rule]},
    )


CHECK_SPECS = [_spec(rule, layer) for rule in RULE_SUITES for layer in LAYERS]


def _percent(value) -> str:
    return "n/a (expected 0)" if value is None else f"{value:.4%}"


def offenders_markdown(offenders: list[dict]) -> str:
    """The worst offenders as a markdown table: object key, measure, relative difference."""
    if not offenders:
        return "No failing objects."
    lines = ["| object_key | measure | rel_diff |", "| --- | --- | --- |"]
    for row in offenders:
        key = str(row.get("object_key")).replace("|", "\\|")
        lines.append(f"| {key} | {row.get('measure') or ''} | {_percent(row.get('rel_diff'))} |")
    return "\n".join(lines)


def check_result(result) -> AssetCheckResult:
    """The AssetCheckResult of one RuleResult (rule x layer) of validate_consistency."""
    blocking = is_blocking(result.rule, result.layer)
    status = "passed" if result.success else "failed"
    metadata = {
        "objects_checked": result.objects_checked,
        "failures": result.failures,
        "worst_offenders": MetadataValue.md(offenders_markdown(result.worst_offenders)),
        "suite_name": MetadataValue.text(result.suite_name),
        "check_run": MetadataValue.text(str(result.check_run)),
        "engine": MetadataValue.text(result.engine),
        # Plain values for the CLI's end-of-build summary (RuleResult.as_dict()).
        "rule_result": MetadataValue.json(result.as_dict()),
    }
    if result.data_docs_url:
        metadata["data_docs_url"] = MetadataValue.url(result.data_docs_url)
    return AssetCheckResult(
        asset_key=guarded_asset(result.rule),
        check_name=check_name(result.rule, result.layer),
        passed=bool(result.success),
        severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
        description=(
            f"{result.rule} {result.layer}: {status}, {result.failures} of "
            f"{result.objects_checked} objects failing"
            + (f" ({result.note})" if result.note else "")
        ),
        metadata=metadata,
    )


@multi_asset_check(
    specs=CHECK_SPECS,
    name="consistency_suites",
    description="Runs the GX checkpoints of both layers once; one result per rule and layer.",
    pool=WAREHOUSE_POOL,
)
def consistency_suites(context: AssetCheckExecutionContext, warehouse: WarehouseResource):
    """Validate the latest check run of rpt_consistency, alert on failures, yield the results."""
    from orchestration.quality.alerts import AlertChannel, raise_alerts
    from orchestration.quality.validate import summary_lines, validate_consistency

    target = warehouse.get_warehouse()
    channel = AlertChannel.from_env(context)
    # One checkpoint per layer, each followed at once by its alerts and its results, so the
    # detection-to-alert time of a layer does not include validating the other one. The
    # latest check run is this build's (dbt writes build_id = run id); without a build_id the
    # checks also work when started alone from the UI after a materialization.
    for layer in LAYERS:
        results = validate_consistency(target, build_id=None, layers=(layer,))
        for line in summary_lines(results):
            context.log.info(line)
        failed = [r for r in results if not r.success]
        if failed:
            records = raise_alerts(failed, channel, warehouse=target)
            worst = max(r.latency_ms for r in records)
            context.log.info(
                f"{len(records)} alerts ({layer}); detection to alert <= {worst:.0f} ms"
            )
        for result in results:
            yield check_result(result)


def scorecard_check_result(metrics) -> AssetCheckResult:
    """C8: passed when every metric of table 1 meets its target (a warning otherwise)."""
    from orchestration.quality.scorecard import format_value, scorecard_markdown

    missed = [m for m in metrics if not m.passed]
    summary = ", ".join(
        f"{m.metric} {format_value(m.metric, m.value)} (target {m.comparison} "
        f"{format_value(m.metric, m.target)})"
        for m in missed
    )
    return AssetCheckResult(
        asset_key=RPT_SCORECARD,
        check_name="c8_quality_scorecard",
        passed=bool(metrics) and not missed,
        severity=AssetCheckSeverity.WARN,
        description=(
            "no scorecard rows"
            if not metrics
            else f"{len(metrics) - len(missed)} of {len(metrics)} metrics met"
            + (f"; missed: {summary}" if missed else "")
        ),
        metadata={
            "scorecard": MetadataValue.md(scorecard_markdown(metrics)),
            **{m.metric: MetadataValue.float(m.value) for m in metrics if m.value is not None},
        },
    )


@asset_check(
    asset=RPT_SCORECARD,
    name="c8_quality_scorecard",
    description=(
        "C8: the metrics of table 1 of the standard (consistency, correction, anomaly, "
        "validation, timeliness, cleaning, response time, audit) against their targets in "
        "expectations/thresholds.yml (WARN)."
    ),
    pool=WAREHOUSE_POOL,
)
def quality_scorecard(warehouse: WarehouseResource) -> AssetCheckResult:
    """Read this build's rpt_quality_scorecard and judge it."""
    from orchestration.quality.scorecard import read_scorecard

    return scorecard_check_result(read_scorecard(warehouse.get_warehouse()))


def published_schema(warehouse) -> str:
    return f"{warehouse.schema}{PUBLISHED_SUFFIX}"


PUBLICATIONS = "_publications"  # in the published schema: which build each publication was


def _previous_build(cur, source: str, build_id: str) -> str | None:
    """The dbt build before ``build_id`` (from the scorecard history every build appends to)."""
    cur.execute(
        f"select check_run from {source}.rpt_quality_scorecard_history "
        "group by check_run order by max(recorded_at) desc"
    )
    runs = [r[0] for r in cur.fetchall() if r[0] != build_id]
    return runs[0] if runs else None


def _last_published(cur, target: str) -> str | None:
    try:
        cur.execute(f"select build_id from {target}.{PUBLICATIONS} order by published_at desc")
    except Exception:  # noqa: BLE001 - no publication yet (the table does not exist)
        return None
    row = cur.fetchone()
    return row[0] if row else None


# How each published table's rows depend on the changed days: the `kind` of dbt's
# in_refresh_scope (dbt_project/macros/refresh_scope.sql). fct_emissions holds every sector in
# both layers; a region total adds the other sectors, whose year moves as a whole; a derived
# factor is one province's period, computed from that period's own figures.
PUBLISHED_SCOPE_KIND = {
    "fct_emissions": "layered",
    "rpt_region_totals": "year",
    "fct_emission_factors_derived": "period",
}


def refresh_scope_sql(
    refresh_from: str, grid_only: bool = False, kind: str = "year", statistics_only: bool = False
) -> str:
    """The rows of an update's refresh scope, as dbt's ``in_refresh_scope`` selects them
    (dbt_project/macros/refresh_scope.sql): every period that starts on or after 1 January of
    the year of the day ``refresh_from``; narrowed to the periods that end on or after the
    first day of its month after grid data only (``grid_only``) for the rows of energy and
    industry (``kind`` 'sector' or 'layered', or 'period' for a table of those alone), and
    after statistics only (``statistics_only``) for the computed layer ('sector' and 'period'
    tables, the computed rows of a 'layered' one)."""
    year = f"{refresh_from[:4]}-01-01"
    from_year = f"period_start >= cast('{year}' as date)"
    statistics_only = statistics_only and not grid_only
    if not (grid_only or statistics_only) or kind == "year":
        return from_year
    month = f"{refresh_from[:7]}-01"
    quarter = f"{refresh_from[:5]}{(int(refresh_from[5:7]) - 1) // 3 * 3 + 1:02d}-01"
    from_month = (
        "period_start >= case "
        f"when period_type = 'year' then cast('{year}' as date) "
        f"when period_type = 'quarter' then cast('{quarter}' as date) "
        f"else cast('{month}' as date) end"
    )
    if kind not in ("period", "sector", "layered"):
        raise ValueError(f"unknown refresh scope kind {kind!r}")
    if statistics_only:
        if kind == "layered":
            return f"{from_year} and (coalesce(layer, '') <> 'computed' or {from_month})"
        return f"{from_year} and {from_month}"
    if kind == "period":
        return f"{from_year} and {from_month}"
    return f"{from_year} and (coalesce(sector, '') not in ('energy', 'industry') or {from_month})"


def publish(
    warehouse,
    tables=PUBLISHED,
    build_id: str = "adhoc",
    refresh_from: str | None = None,
    grid_only: bool = False,
    statistics_only: bool = False,
) -> dict[str, int]:
    """Copy ``tables`` from the model schema into the published schema in one transaction.

    Readers see either the previous build's tables or this build's, never a mix. An update
    (``refresh_from``) whose previous build was the last one published replaces only the rows
    of its refresh scope (``refresh_scope_sql``), as the models did;
    otherwise, e.g. after a build whose blocking checks failed, the tables are copied whole.
    Returns the row count of each published table.
    """
    source = warehouse.qualified_schema
    schema = published_schema(warehouse)
    # On DuckDB the catalog (the file's stem) is named too, as in Warehouse.qualified_schema.
    catalog = f'"{Path(warehouse.path).stem}".' if warehouse.kind == "duckdb" else ""
    target = f'{catalog}"{schema}"'
    counts = {}
    with warehouse.connect() as con:
        cur = con.cursor() if warehouse.kind == "postgres" else con
        if warehouse.kind == "duckdb":
            # copies need no row order: DuckDB then writes them in parallel (issue 4)
            cur.execute("set preserve_insertion_order = false")
        cur.execute(f"create schema if not exists {target}")
        scoped = refresh_from is not None and _last_published(cur, target) == _previous_build(
            cur, source, build_id
        )
        for table in tables:
            if scoped:
                scope = refresh_scope_sql(
                    refresh_from,
                    grid_only,
                    PUBLISHED_SCOPE_KIND.get(table, "year"),
                    statistics_only,
                )
                cur.execute(f"delete from {target}.{table} where {scope}")
                cur.execute(
                    f"insert into {target}.{table} select * from {source}.{table} where {scope}"
                )
            else:
                cur.execute(f"drop table if exists {target}.{table}")
                cur.execute(f"create table {target}.{table} as select * from {source}.{table}")
            cur.execute(f"select count(*) from {target}.{table}")
            counts[table] = int(cur.fetchone()[0])
        cur.execute(
            f"create table if not exists {target}.{PUBLICATIONS} "
            "(build_id varchar(200), refresh_from varchar(10), published_at timestamp)"
        )
        cur.execute(
            f"insert into {target}.{PUBLICATIONS} values (%s, %s, current_timestamp)"
            if warehouse.kind == "postgres"
            else f"insert into {target}.{PUBLICATIONS} values (?, ?, current_timestamp)",
            (build_id, refresh_from if scoped else None),
        )
    return counts


class PublishConfig(Config):
    """``refresh_from``, ``grid_only`` and ``statistics_only`` of an update (see
    DbtBuildConfig); empty for a full build."""

    refresh_from: str = ""
    grid_only: bool = False
    statistics_only: bool = False


@multi_asset(
    specs=[
        AssetSpec(
            [f"{MODEL_PREFIX}{PUBLISHED_SUFFIX}", table],
            # fct_emissions for every table: its blocking checks gate the whole publication.
            deps=sorted({AssetKey([MODEL_PREFIX, table]), FCT_EMISSIONS}, key=str),
            group_name=PUBLISHED_GROUP,
            description=(
                f"{table} as published to BI tools: a copy of {MODEL_PREFIX}.{table} made only "
                "when the blocking consistency checks (C1, C4, C6 reconciled) passed."
            ),
            kinds={"table"},
        )
        for table in PUBLISHED
    ],
    name="published_marts",
    pool=WAREHOUSE_POOL,
)
def published_marts(
    context: AssetExecutionContext, warehouse: WarehouseResource, config: PublishConfig
):
    """Swap the published copies of the BI marts for this build's."""
    target = warehouse.get_warehouse()
    counts = publish(
        target,
        build_id=context.run.run_id,
        refresh_from=config.refresh_from or None,
        grid_only=config.grid_only,
        statistics_only=config.statistics_only,
    )
    for table, rows in counts.items():
        context.log.info(f"published {published_schema(target)}.{table}: {rows} rows")
        yield MaterializeResult(
            asset_key=[f"{MODEL_PREFIX}{PUBLISHED_SUFFIX}", table],
            metadata={"rows": rows, "build_id": MetadataValue.text(context.run.run_id)},
        )
