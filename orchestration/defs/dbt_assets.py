"""dbt models and seeds as Dagster assets, wired to the ingestion assets through dbt sources.

The manifest is read from dbt_project/target/duckdb (``carbon parse`` writes it); when it is
missing or older than the models, it is parsed here once so a fresh clone's ``dagster dev``
works. dbt runs with the target and target path of the configured warehouse, the warehouse's
connection variables in its environment and the Dagster run id as ``build_id``.
"""

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey, Config, Failure, MetadataValue
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from orchestration.dbt_cli import dbt_environment
from orchestration.defs.resources import WAREHOUSE_POOL, WarehouseResource
from orchestration.paths import (
    DBT_PROJECT_DIR,
    DEFAULT_DUCKDB_FILE,
    FACTOR_SEEDS_DIR,
    dbt_target_path,
)
from orchestration.pipeline import dbt_build_args, dbt_run_env
from orchestration.warehouse import Warehouse

MANIFEST_PATH = dbt_target_path("duckdb") / "manifest.json"
# Asset key prefix of dbt models and seeds (the schema they are built into by default).
MODEL_PREFIX = "carbon"


def _newest_input_mtime() -> float:
    """Latest modification time of anything ``dbt parse`` reads."""
    roots = [DBT_PROJECT_DIR / "models", DBT_PROJECT_DIR / "macros", FACTOR_SEEDS_DIR]
    files = [DBT_PROJECT_DIR / "dbt_project.yml"]
    for root in roots:
        if root.exists():
            files.extend(p for p in root.rglob("*") if p.is_file())
    return max((p.stat().st_mtime for p in files if p.exists()), default=0.0)


def parse_manifest(kind: str = "duckdb") -> Path:
    """Run ``dbt parse`` for a target, with the --vars of a build (``dbt_vars``) so that the
    next build on the same warehouse parses partially; returns the manifest path."""
    from orchestration.dbt_cli import run_dbt
    from orchestration.pipeline import dbt_vars

    if kind == "duckdb":
        warehouse = Warehouse.duckdb(DEFAULT_DUCKDB_FILE)
    else:
        warehouse = Warehouse.postgres("postgresql://postgres@127.0.0.1:5432/postgres")
    run_dbt(["parse", *dbt_vars()], warehouse)
    return dbt_target_path(kind) / "manifest.json"


def ensure_manifest() -> Path:
    """The DuckDB manifest, parsed first if missing or older than the dbt project files."""
    if not MANIFEST_PATH.exists() or MANIFEST_PATH.stat().st_mtime < _newest_input_mtime():
        parse_manifest("duckdb")
    return MANIFEST_PATH


class CarbonDbtTranslator(DagsterDbtTranslator):
    """Sources keep their raw/<source> keys (sources.yml meta); models and seeds get carbon/<name>.

    Groups follow the model folders (staging, intermediate, marts); seeds are factor_seeds.
    """

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)
        return AssetKey([MODEL_PREFIX, dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        resource_type = dbt_resource_props["resource_type"]
        if resource_type == "seed":
            return "factor_seeds"
        if resource_type == "source":
            return "landing"
        fqn = dbt_resource_props.get("fqn") or []
        return fqn[1] if len(fqn) > 2 else MODEL_PREFIX


translator = CarbonDbtTranslator(
    # The four raw.local_<seed> sources are one Dagster asset, raw/local_factor_seeds.
    settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True)
)


def failed_nodes(run_results: dict) -> list[str]:
    """``model.carbon.x: message`` for every dbt node that errored or failed."""
    lines = []
    for result in run_results.get("results", []):
        if str(result.get("status")).lower() in {"error", "fail", "runtime error"}:
            message = (result.get("message") or "").strip().replace("\n", " ")
            lines.append(f"{result.get('unique_id')}: {message[:500]}")
    return lines


class DbtBuildConfig(Config):
    """Run config of the dbt step. ``refresh_from`` (a day, 'YYYY-MM-DD') makes the run an
    update: the period-scoped models rebuild only the periods from 1 January of its year on,
    whatever the day (dbt_project/macros/refresh_scope.sql). ``grid_only`` (set by
    ``carbon update`` when every changed file is grid data) narrows energy and industry to the
    periods from the month of ``refresh_from`` on; ``statistics_only`` (every changed file is
    statistics) narrows the computed layer to them. Empty: every model is rebuilt whole."""

    refresh_from: str = ""
    grid_only: bool = False
    statistics_only: bool = False


@dbt_assets(
    manifest=ensure_manifest(),
    dagster_dbt_translator=translator,
    pool=WAREHOUSE_POOL,
)
def carbon_dbt_assets(
    context: AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
    config: DbtBuildConfig,
):
    """``dbt build`` of the selected models, seeds and tests on the configured warehouse."""
    target = warehouse.get_warehouse()
    target_path = dbt_target_path(target.kind)
    build_args = dbt_build_args(config.refresh_from or None)
    run_env = dbt_run_env(
        context.run.run_id, config.refresh_from or None, config.grid_only, config.statistics_only
    )
    args = [build_args[0], "--target", target.dbt_target, *build_args[1:]]
    if config.refresh_from:
        context.log.info(
            "update: period-scoped models rebuilt for the periods from 1 January "
            f"{config.refresh_from[:4]} on (the year of {config.refresh_from})"
            + (
                f"; energy and industry from {config.refresh_from[:7]} on (grid data only)"
                if config.grid_only
                else f"; the computed layer from {config.refresh_from[:7]} on (statistics only)"
                if config.statistics_only
                else ""
            )
        )
    # DbtCliResource copies os.environ when it starts the dbt process: set the profile's
    # variables around that call (the subprocess keeps them after the context exits).
    with dbt_environment(target, run_env):
        invocation = dbt.cli(args, context=context, target_path=target_path, raise_on_error=False)
        try:
            yield from invocation.stream()
        except KeyError as error:
            # dbt built a node that the manifest loaded with the code location does not know.
            raise Failure(
                description=(
                    f"The dbt project changed after the code location loaded its manifest "
                    f"(unknown node {error}). Run `carbon parse` (or reload the code location "
                    "in the UI) and build again."
                )
            ) from error
    if not invocation.is_successful():
        try:
            failures = failed_nodes(json.loads((target_path / "run_results.json").read_text()))
        except (OSError, ValueError):
            failures = []
        detail = "\n".join(f"- {line}" for line in failures) or "(no node results; see dbt.log)"
        raise Failure(
            description=(
                f"dbt build failed on {target.label}:\n{detail}\n"
                "Fix the model or the landing data named above and run `carbon build` again."
            ),
            metadata={"dbt_log": MetadataValue.path(str(target_path / "dbt.log"))},
        )
