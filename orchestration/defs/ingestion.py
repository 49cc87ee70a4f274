"""Ingestion assets: one per landing source (raw/<source>) plus raw/local_factor_seeds.

Each asset loads its landing folder into ``raw.<source>`` with orchestration.ingest. A refused
file does not fail the asset (the other files and sources keep working); the asset check
``landing_files_accepted`` (severity WARN) fails instead and names the refused files.
Every source but ``regions`` depends on raw/regions (region codes are checked against it) and
on raw/local_factor_seeds (fuel and industry codes may come from local factor overrides).
"""

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    MaterializeResult,
    MetadataValue,
    asset,
)

from orchestration.contract import FACTOR_SEEDS, LOAD_ORDER, SOURCES
from orchestration.defs.resources import WAREHOUSE_POOL, LandingResource, WarehouseResource
from orchestration.warehouse import RAW_SCHEMA

LANDING_GROUP = "landing"
CHECK_NAME = "landing_files_accepted"
REGIONS_KEY = AssetKey(["raw", "regions"])
LOCAL_SEEDS_KEY = AssetKey(["raw", "local_factor_seeds"])


def _get(obj, name, default=None):
    """Read a field of an error record that may be an object or a dict."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def refused_rows(report) -> list[dict]:
    """One row per refusal reason: file, line, column, reason (for metadata and the CLI)."""
    rows = []
    for outcome in report.files:
        if outcome.outcome != "refused":
            continue
        errors = list(_get(outcome, "errors") or [])
        if not errors:
            rows.append(
                {"file": str(outcome.file), "line": None, "column": None, "reason": outcome.message}
            )
        for error in errors:
            if isinstance(error, str):
                rows.append(
                    {"file": str(outcome.file), "line": None, "column": None, "reason": error}
                )
                continue
            reason = _get(error, "reason") or _get(error, "message") or str(error)
            rows.append(
                {
                    "file": str(outcome.file),
                    "line": _get(error, "line"),
                    "column": _get(error, "column"),
                    "reason": reason,
                }
            )
    return rows


def refused_markdown(rows: list[dict]) -> str:
    if not rows:
        return "No refused files."
    lines = ["| file | line | column | reason |", "| --- | --- | --- | --- |"]
    for row in rows:
        cells = [row["file"], row["line"], row["column"], row["reason"]]
        text = ["" if c is None else str(c).replace("|", "\\|").replace("\n", " ") for c in cells]
        lines.append("| " + " | ".join(text) + " |")
    return "\n".join(lines)


def _count(warehouse, tables: list[str]) -> int:
    return sum(warehouse.query(f"select count(*) from {RAW_SCHEMA}.{t}")[0][0] for t in tables)


def load_result(report, warehouse, tables: list[str]) -> MaterializeResult:
    """Materialization metadata and the landing_files_accepted check for one load report."""
    outcomes = [f.outcome for f in report.files]
    refused = refused_rows(report)
    refused_files = sorted({r["file"] for r in refused})
    metadata = dict(report.to_metadata())
    metadata.update(
        {
            "files": MetadataValue.md(report.markdown()),
            "files_loaded": outcomes.count("loaded"),
            "files_unchanged": outcomes.count("unchanged"),
            "files_refused": outcomes.count("refused"),
            "rows_in_table": _count(warehouse, tables),
            "refused_files": MetadataValue.md(refused_markdown(refused)),
            "refused": MetadataValue.json(refused),
            "summary": MetadataValue.text(report.summary()),
        }
    )
    check = AssetCheckResult(
        check_name=CHECK_NAME,
        passed=not refused_files,
        severity=AssetCheckSeverity.WARN,
        description=(
            "All landing files accepted"
            if not refused_files
            else "Refused: " + ", ".join(refused_files)
        ),
        metadata={"refused_files": MetadataValue.md(refused_markdown(refused))},
    )
    return MaterializeResult(metadata=metadata, check_results=[check])


def _check_spec(key: AssetKey) -> AssetCheckSpec:
    return AssetCheckSpec(
        CHECK_NAME,
        asset=key,
        description="Every landing file of this source was accepted (refused files are named).",
    )


def _source_asset(source_name: str) -> AssetsDefinition:
    key = AssetKey(["raw", source_name])
    deps = [] if source_name == "regions" else [REGIONS_KEY, LOCAL_SEEDS_KEY]

    @asset(
        key=key,
        group_name=LANDING_GROUP,
        deps=deps,
        description=(
            f"raw.{source_name}: {SOURCES[source_name].description} (landing/{source_name}/*.csv)"
        ),
        check_specs=[_check_spec(key)],
        kinds={"csv"},
        pool=WAREHOUSE_POOL,
    )
    def _load(
        context: AssetExecutionContext, warehouse: WarehouseResource, landing: LandingResource
    ) -> MaterializeResult:
        from orchestration.ingest import ensure_raw_tables, load_source

        target = warehouse.get_warehouse()
        ensure_raw_tables(target)
        report = load_source(landing.path, source_name, target, build_id=context.run.run_id)
        context.log.info(report.summary())
        return load_result(report, target, [source_name])

    return _load


@asset(
    key=LOCAL_SEEDS_KEY,
    group_name=LANDING_GROUP,
    description="raw.local_<seed>: local factor overrides from landing/factor_seeds/*.csv",
    check_specs=[_check_spec(LOCAL_SEEDS_KEY)],
    kinds={"csv"},
    pool=WAREHOUSE_POOL,
)
def local_factor_seeds(
    context: AssetExecutionContext, warehouse: WarehouseResource, landing: LandingResource
) -> MaterializeResult:
    from orchestration.ingest import ensure_raw_tables, load_local_factor_seeds

    target = warehouse.get_warehouse()
    ensure_raw_tables(target)
    report = load_local_factor_seeds(landing.path, target, build_id=context.run.run_id)
    context.log.info(report.summary())
    return load_result(report, target, [f"local_{name}" for name in FACTOR_SEEDS])


source_assets = [_source_asset(name) for name in LOAD_ORDER]
ingestion_assets = [*source_assets, local_factor_seeds]
