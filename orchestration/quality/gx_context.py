"""The file-based Great Expectations context in ``expectations/`` and the objects it holds.

The context is committed to the repo (great_expectations.yml, suites, validation definitions,
checkpoints); ``expectations/uncommitted/`` (validation results, Data Docs) is not. Everything
here is created from code and idempotently re-ensured at validation time, so a fresh checkout,
a temp copy used by tests and a deployment with another dbt schema all end up consistent.

Two engines, two kinds of data asset (GX 1.24 cannot validate DuckDB through SQL, STACK.md):

- ``frame``: a pandas datasource with one dataframe asset per layer; validate.py reads the
  ``rpt_consistency`` slice with the warehouse's own driver and passes the dataframe in.
- ``postgres``: a SQL datasource whose connection string is the placeholder
  ``${CARBON_GX_PG_URL}`` (never the DSN itself), one query asset per layer and rule.

Per layer, one PostgreSQL checkpoint runs all seven suites (each suite also selects its rule's
rows with a row condition): the Data Docs rebuild of UpdateDataDocsAction costs ~1 s, so one
rebuild per layer rather than per rule keeps a validation run short.

great_expectations is imported inside functions only: importing it costs ~9 s.
"""

import os
from pathlib import Path

from orchestration.paths import EXPECTATIONS_DIR

RULE_SUITES = {
    "C1": "consistency_c1_temporal_rollup",
    "C2": "consistency_c2_temporal_completeness",
    "C3": "consistency_c3_source_consistency",
    "C4": "consistency_c4_spatial_rollup",
    "C5": "consistency_c5_spatial_completeness",
    "C6": "consistency_c6_allocation",
    "C7": "consistency_c7_plausibility",
}
LAYERS = ("computed", "reconciled")
ENGINES = ("frame", "postgres")
FRAME_DATASOURCE = "consistency_frames"
PG_DATASOURCE = "consistency_postgres"
PG_URL_ENV = "CARBON_GX_PG_URL"
BATCH_DEFINITION = "whole"
DOCS_SITE = "local_site"
# Two full runs (7 suites x 2 layers each) on the Data Docs index page.
DOCS_RESULTS_LIMIT = 28
# Validation results carry the keys of the first unexpected rows, so that Data Docs name
# failing objects. SUMMARY, not COMPLETE: at national scale a layer can have hundreds of
# thousands of failing rows on the computed layer, and COMPLETE writes every one into the
# validation result and renders it into Data Docs (minutes and gigabytes; issue 4). The worst
# offenders are read from rpt_consistency itself (validate.worst_offenders).
#
# The frame checkpoints (DuckDB) use BASIC: counts and the first unexpected values, no index
# list. For a pandas batch GX builds the unexpected index list in a Python loop over every
# unexpected row (1.1 M rows, 3 minutes, for C4 on the national computed layer), even when
# it keeps only the first 20; BASIC validates the same layer's seven rules in 10 s. The
# objects behind those values are the worst offenders of each result (Dagster check metadata).
RESULT_FORMAT = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": 20,
    "unexpected_index_column_names": ["object_key", "measure", "rel_diff"],
}
FRAME_RESULT_FORMAT = {"result_format": "BASIC", "partial_unexpected_count": 20}


def result_format(engine: str) -> dict:
    """The checkpoints' result format for ``engine`` ("frame" or a SQL engine)."""
    return FRAME_RESULT_FORMAT if engine == "frame" else RESULT_FORMAT


def context_root(root: str | os.PathLike | None = None) -> Path:
    """The GX project dir: ``root``, else env CARBON_GX_ROOT, else the repo's expectations/."""
    return Path(root or os.environ.get("CARBON_GX_ROOT") or EXPECTATIONS_DIR).resolve()


_jinja_shared = False


def _share_jinja_bytecode() -> None:
    """Let every GX Data Docs view reuse compiled Jinja templates (in memory, this process).

    GX builds a fresh Jinja environment for each page it renders and compiles its ~50
    templates again each time: measured here, 1.4 s of a 1.8 s docs rebuild per validation
    result, 25 s for the 14 results of one run. A shared bytecode cache makes the rebuild
    after the first page cost ~0.3 s. If GX's view class changes, this silently does nothing.
    """
    global _jinja_shared
    if _jinja_shared:
        return
    import jinja2
    from great_expectations.render.view import view

    class MemoryBytecodeCache(jinja2.BytecodeCache):
        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket) -> None:
            if bucket.key in self.store:
                bucket.bytecode_from_string(self.store[bucket.key])

        def dump_bytecode(self, bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    cache = MemoryBytecodeCache()
    original_init = view.DefaultJinjaView.__init__

    def init(self, *args, **kwargs) -> None:
        original_init(self, *args, **kwargs)
        env = getattr(self, "env", None)
        if isinstance(env, jinja2.Environment):
            env.bytecode_cache = cache

    view.DefaultJinjaView.__init__ = init
    _jinja_shared = True


def _configure(context) -> None:
    """Analytics and progress bars off; the Data Docs index limited to recent results.

    The index page loads every validation result it lists, so its rebuild grows with the
    history; DOCS_RESULTS_LIMIT keeps the latest runs (each run validates every suite, so
    the latest result of every suite is always listed).
    """
    from great_expectations.data_context.types.base import ProgressBarsConfig

    variables = context.variables
    changed = False
    if variables.analytics_enabled is not False:
        variables.analytics_enabled = False
        changed = True
    bars = variables.progress_bars
    if bars is None or (bars.get("globally") if isinstance(bars, dict) else bars.globally):
        variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        changed = True
    sites = dict(variables.data_docs_sites or {})
    site = dict(sites.get(DOCS_SITE) or {})
    index_builder = dict(site.get("site_index_builder") or {})
    if site and index_builder.get("validation_results_limit") != DOCS_RESULTS_LIMIT:
        index_builder["validation_results_limit"] = DOCS_RESULTS_LIMIT
        index_builder.setdefault("class_name", "DefaultSiteIndexBuilder")
        site["site_index_builder"] = index_builder
        site["show_how_to_buttons"] = False
        sites[DOCS_SITE] = site
        variables.data_docs_sites = sites
        changed = True
    if changed:
        variables.save()


def get_context(root: str | os.PathLike | None = None):
    """The file context at ``root`` (scaffolded on first use), with progress bars off."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    _share_jinja_bytecode()
    context = gx.get_context(mode="file", context_root_dir=str(context_root(root)))
    _configure(context)
    return context


def definition_name(rule: str, layer: str, engine: str) -> str:
    """Name of the validation definition of one rule, layer and engine."""
    return f"{RULE_SUITES[rule]}__{layer}__{engine}"


def checkpoint_name(layer: str, engine: str, rule: str | None = None) -> str:
    """PostgreSQL: one checkpoint per layer runs the seven rule suites, each on its rule's query.
    Frames: one checkpoint per layer and rule, each given only that rule's rows (issue 4: a
    row condition over a whole national layer, millions of rows, for each of 21
    expectations took minutes in pandas)."""
    if engine == "frame":
        return f"consistency_{layer}__{rule.lower()}__frame"
    return f"consistency_{layer}__{engine}"


def frame_checkpoint_names() -> list[str]:
    return [checkpoint_name(layer, "frame", rule) for layer in LAYERS for rule in RULE_SUITES]


def asset_name(layer: str, rule: str | None = None) -> str:
    """The frame asset of a layer (``rule`` None), or the PostgreSQL query asset of a layer's
    rule."""
    return f"rpt_consistency_{layer}" + (f"_{rule.lower()}" if rule else "")


def rule_model(rule: str) -> str:
    """The dbt model of one rule's rows: rpt_consistency, the view the suites validate, is the
    union of the seven, column for column (dbt_project/models/marts/rpt_consistency.sql)."""
    return f"int_{RULE_SUITES[rule]}"


def rule_query(schema: str, layer: str, rule: str) -> str:
    """The PostgreSQL slice of one rule and layer of the latest build: the rows of
    rpt_consistency with that rule, layer and the check run of rpt_quality_scorecard (rebuilt
    whole by every build, so its check run is the latest). validate_consistency uses it only
    when that check run is also the highest of rpt_consistency and the one to validate.

    Read from the rule's own model, not the view: GX sends each suite's metrics as about a
    dozen queries, and over the view each of them scanned every rule's rows and took their
    highest check run again (0.14 s a query on the smallest landing set, 25 s a validation;
    issue 4, docs/benchmarks.md)."""
    return (
        f"select * from {schema}.{rule_model(rule)} where layer = '{layer}' "
        f"and check_run = (select max(check_run) from {schema}.rpt_quality_scorecard)"
    )


def _wire(context, batch_definitions: dict, layer: str, engine: str) -> None:
    """Validation definitions of one layer's batch definitions (``{rule: batch definition}``)
    + their checkpoint(s) (current asset ids). The Data Docs are rebuilt once per layer: by the
    PostgreSQL checkpoint's action, or by validate_consistency after the layer's seven frame
    checkpoints."""
    import great_expectations as gx

    definitions = {
        rule: context.validation_definitions.add_or_update(
            gx.ValidationDefinition(
                name=definition_name(rule, layer, engine),
                data=batch_definitions[rule],
                suite=context.suites.get(suite_name),
            )
        )
        for rule, suite_name in RULE_SUITES.items()
    }
    if engine != "frame":
        docs = gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")
        groups = [(checkpoint_name(layer, engine), list(definitions.values()), [docs])]
    else:  # validate_consistency rebuilds the docs once for the layer's seven results
        groups = [
            (checkpoint_name(layer, engine, rule), [d], []) for rule, d in definitions.items()
        ]
    for name, members, actions in groups:
        context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=name,
                validation_definitions=members,
                actions=actions,
                result_format=result_format(engine),
            )
        )


def _has_checkpoints(context, engine: str) -> bool:
    """The engine's checkpoints exist, with the current result format."""
    wanted = (
        set(frame_checkpoint_names())
        if engine == "frame"
        else {checkpoint_name(layer, engine) for layer in LAYERS}
    )
    current = {
        c.name
        for c in context.checkpoints.all()
        if c.name in wanted and _format_of(c) == result_format(engine)
    }
    return wanted <= current


def _format_of(checkpoint) -> dict:
    value = checkpoint.result_format
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    return dict(value) if isinstance(value, dict) else {"result_format": str(value)}


def _datasource(context, name: str):
    try:
        return context.data_sources.get(name)
    except (KeyError, ValueError, LookupError):
        return None


def _forget_definitions(context, engine: str) -> None:
    """Remove the engine's validation definitions from the store without reading them. A
    definition names its asset, and once the datasource is rebuilt with other assets GX can no
    longer read it (``get`` raises), so ``add_or_update`` could not replace it."""
    store = context.validation_definition_store
    for layer in LAYERS:
        for rule in RULE_SUITES:
            key = store.get_key(name=definition_name(rule, layer, engine))
            if store.has_key(key):
                store.remove_key(key)


def ensure_frame_objects(context) -> None:
    """Pandas datasource, a dataframe asset and a checkpoint per layer (created if missing)."""
    datasource = _datasource(context, FRAME_DATASOURCE)
    if datasource is not None and _has_checkpoints(context, "frame"):
        return
    if datasource is not None:
        _forget_definitions(context, "frame")
        context.data_sources.delete(FRAME_DATASOURCE)
    datasource = context.data_sources.add_pandas(FRAME_DATASOURCE)
    for layer in LAYERS:
        asset = datasource.add_dataframe_asset(asset_name(layer))
        batch_definition = asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)
        _wire(context, dict.fromkeys(RULE_SUITES, batch_definition), layer, "frame")


def ensure_postgres_objects(context, schema: str) -> None:
    """SQL datasource, a query asset per layer and rule, a checkpoint per layer (rebuilt if the
    schema or the queries changed).

    The connection string stays ``${CARBON_GX_PG_URL}`` in the YAML; the caller sets the env
    variable before this runs (adding the datasource tests the connection).
    """
    datasource = _datasource(context, PG_DATASOURCE)
    if datasource is not None:
        queries = {a.name: getattr(a, "query", None) for a in datasource.assets}
        wanted = {
            asset_name(layer, rule): rule_query(schema, layer, rule)
            for layer in LAYERS
            for rule in RULE_SUITES
        }
        if queries == wanted and _has_checkpoints(context, "postgres"):
            return
        _forget_definitions(context, "postgres")
        context.data_sources.delete(PG_DATASOURCE)
    datasource = context.data_sources.add_postgres(
        PG_DATASOURCE, connection_string="${" + PG_URL_ENV + "}"
    )
    for layer in LAYERS:
        batch_definitions = {
            rule: datasource.add_query_asset(
                asset_name(layer, rule), query=rule_query(schema, layer, rule)
            ).add_batch_definition_whole_table(BATCH_DEFINITION)
            for rule in RULE_SUITES
        }
        _wire(context, batch_definitions, layer, "postgres")
