"""The consistency suites as Dagster asset checks, the alerts they raise and the publish gate.

- The code location attaches one check per suite (rule x layer) to the asset it guards, and
  only C1, C4, C6 on the reconciled layer are blocking, in front of ``published_marts``.
- Builds run the ``build_all`` job in process (``run_build``, what ``carbon build`` does) on a
  small generated landing (one province, two cities, 2023-2024) into a DuckDB file, with a
  temp Dagster home and a temp copy of the GX context.
- Blocking, as a real sequence through the job: build 1 on clean generated data passes the
  blocking checks and ``published_marts`` copies the marts into ``carbon_published``; build 2
  with a planted C1 fault on the reconciled layer fails its blocking check, skips
  ``published_marts`` and leaves the published marts exactly as build 1 left them.

Planted fault: the province's 2023 annual industry figure of industry 06, raw coal, is divided
by 3 while its months stay. The months summed to the year within 0.5 % (C1 passes it in the
first build, asserted), so months / year becomes 3 * (1 +- 0.005) and
rel_diff = |months - year| / year = 3 * (1 +- 0.005) - 1, in [1.985, 2.015]: far outside the
+/- 10 % reconciliation band, so the reconciled layer keeps it unscaled and C1 fails there too.
"""

import csv
import shutil
from pathlib import Path

import pytest
from dagster import AssetCheckKey, AssetKey, DagsterEventType, DagsterInstance

from orchestration.defs.quality_checks import (
    CHECK_SPECS,
    FCT_EMISSIONS,
    PUBLISHED,
    RPT_CONSISTENCY,
    check_name,
    published_schema,
)
from orchestration.paths import EXPECTATIONS_DIR
from orchestration.quality.gx_context import LAYERS, RULE_SUITES
from orchestration.warehouse import Warehouse

PROVINCE = "420000"
FAULT_KEY = f"{PROVINCE}|year|2023-01-01|industry|06|raw_coal|direct"
BLOCKING = {("C1", "reconciled"), ("C4", "reconciled"), ("C6", "reconciled")}


# ---------------------------------------------------------------- definitions


def test_every_suite_is_a_check_on_the_asset_it_guards():
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = graph.asset_check_keys
    expected = set()
    for rule in RULE_SUITES:
        for layer in LAYERS:
            asset = FCT_EMISSIONS if rule in ("C1", "C4", "C6") else RPT_CONSISTENCY
            expected.add(AssetCheckKey(asset, check_name(rule, layer)))
    # 7 rules x 2 layers = 14 checks, e.g. carbon/fct_emissions:c1_temporal_rollup_reconciled
    assert len(expected) == 14
    assert expected <= keys
    assert AssetCheckKey(FCT_EMISSIONS, "c1_temporal_rollup_reconciled") in keys
    blocking = {
        (spec.metadata["rule"], spec.metadata["layer"]) for spec in CHECK_SPECS if spec.blocking
    }
    assert blocking == BLOCKING


def test_published_marts_wait_for_the_blocking_checks():
    from dagster._core.execution.api import create_execution_plan

    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    for table in PUBLISHED:
        node = graph.get(AssetKey(["carbon_published", table]))
        assert FCT_EMISSIONS in node.parent_keys
        assert AssetKey(["carbon", table]) in node.parent_keys
    plan = create_execution_plan(defs.resolve_job_def("build_all"))
    step = plan.get_step_by_key("published_marts")
    upstream = {
        (h.step_key, h.output_name)
        for step_input in step.step_inputs
        for h in step_input.get_step_output_handle_dependencies()
    }
    gating = {name for key, name in upstream if key == "consistency_suites"}
    assert gating == {
        "carbon__fct_emissions_c1_temporal_rollup_reconciled",
        "carbon__fct_emissions_c4_spatial_rollup_reconciled",
        "carbon__fct_emissions_c6_allocation_reconciled",
    }


# ---------------------------------------------------------------- builds


def _plant_fault(landing: Path) -> float:
    """Divide the province's 2023 industry 06 raw-coal year by 3; returns the original value."""
    path = landing / "industry_energy" / "years_2023.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    original = None
    for row in rows:
        if (row["region_code"], row["industry_code"], row["fuel_code"]) == (
            PROVINCE,
            "06",
            "raw_coal",
        ) and row["table_code"] == "consumption":
            original = float(row["quantity"])
            row["quantity"] = repr(original / 3)
    assert original is not None, "the generated landing lost the faulted row"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return original


def _c1_row(warehouse, layer: str) -> dict:
    rows = warehouse.query_df(
        f"select expected, observed, rel_diff, passed from {warehouse.relation('rpt_consistency')} "
        f"where rule = 'C1' and layer = '{layer}' and object_key = '{FAULT_KEY}' "
        "and measure = 'activity_quantity'"
    ).to_dict(orient="records")
    assert len(rows) == 1, rows
    return rows[0]


def _published_quantity(warehouse, schema: str) -> float:
    catalog = Path(warehouse.path).stem
    (value,) = warehouse.query(
        f'select activity_quantity from "{catalog}"."{schema}".fct_emissions '
        f"where region_code = '{PROVINCE}' and period_type = 'year' "
        "and period_start = cast('2023-01-01' as date) and sector = 'industry' "
        "and subsector = '06' and fuel_code = 'raw_coal' and scope = 'direct' "
        "and layer = 'computed'"
    )[0]
    return value


def _check_evaluations(home: Path, run_id: str) -> dict:
    with DagsterInstance.from_config(str(home)) as instance:
        records = instance.all_logs(run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION)
    return {
        (
            e.dagster_event.event_specific_data.asset_key,
            e.dagster_event.event_specific_data.check_name,
        ): (e.dagster_event.event_specific_data)
        for e in records
    }


def _count(warehouse, schema: str, table: str) -> int:
    catalog = Path(warehouse.path).stem
    (count,) = warehouse.query(f'select count(*) from "{catalog}"."{schema}".{table}')[0]
    return int(count)


def _published_totals(warehouse, schema: str) -> dict:
    """A few values of the marts that any change of their rows would move."""
    catalog = Path(warehouse.path).stem
    values = {}
    for layer in LAYERS:
        (fct,) = warehouse.query(
            f'select sum(emissions_tco2) from "{catalog}"."{schema}".fct_emissions '
            f"where layer = '{layer}'"
        )[0]
        (totals,) = warehouse.query(
            f'select sum(total_tco2) from "{catalog}"."{schema}".rpt_region_totals '
            f"where layer = '{layer}' and region_code = '{PROVINCE}' and period_type = 'year'"
        )[0]
        values[f"fct_emissions.{layer}"] = fct
        values[f"rpt_region_totals.{layer}"] = totals
    (ef,) = warehouse.query(
        "select sum(ef_elec_tco2_per_mwh) "
        f'from "{catalog}"."{schema}".fct_emission_factors_derived '
        f"where region_code = '{PROVINCE}' and period_type = 'year'"
    )[0]
    values["fct_emission_factors_derived"] = ef
    return values


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Build 1 (clean, publishes), build 2 (planted fault); what each left behind."""
    from orchestration.dagster_run import run_build
    from orchestration.generate import generate

    root = tmp_path_factory.mktemp("quality_checks")
    gx_root = root / "gx"
    shutil.copytree(EXPECTATIONS_DIR, gx_root, ignore=shutil.ignore_patterns("uncommitted"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(root / "dagster_home"))
        mp.setenv("CARBON_GX_ROOT", str(gx_root))
        mp.delenv("CARBON_ALERT_WEBHOOK", raising=False)
        landing = root / "landing"
        generate(landing, cities_per_province=2, years=(2023, 2024))
        warehouse = Warehouse.duckdb(root / "w.duckdb")
        first = run_build(warehouse, landing, echo=lambda line: None)
        first_c1 = {layer: _c1_row(warehouse, layer) for layer in LAYERS}
        published = published_schema(warehouse)
        # The published copies and the marts they were copied from, right after build 1.
        counts = {table: _count(warehouse, published, table) for table in PUBLISHED}
        built_counts = {table: _count(warehouse, "carbon", table) for table in PUBLISHED}
        published_before = _published_quantity(warehouse, published)
        totals_before = _published_totals(warehouse, published)
        built_totals = _published_totals(warehouse, "carbon")
        original = _plant_fault(landing)
        second = run_build(warehouse, landing, echo=lambda line: None)
        yield {
            "root": root,
            "gx_root": gx_root,
            "warehouse": warehouse,
            "first": first,
            "first_c1": first_c1,
            "counts": counts,
            "built_counts": built_counts,
            "published_before": published_before,
            "totals_before": totals_before,
            "built_totals": built_totals,
            "original": original,
            "second": second,
        }


def test_first_build_has_every_suite_result_and_the_object_passes(builds):
    first = builds["first"]
    evaluations = _check_evaluations(builds["root"] / "dagster_home", first.run_id)
    names = {(key, name) for key, name in evaluations if name in {s.name for s in CHECK_SPECS}}
    assert len(names) == 14
    # The object to be faulted is consistent before the fault (months = year within 0.5 %).
    assert builds["first_c1"]["computed"]["passed"]
    assert builds["first_c1"]["computed"]["rel_diff"] <= 0.005


def test_clean_build_passes_the_blocking_checks_and_publishes(builds):
    first = builds["first"]
    assert first.success, (first.failures, first.failed_checks, first.run_error)
    # warnings may fail on clean data (C4 computed: the independent sources differ before
    # reconciliation); no blocking check may
    blocking = {f"{FCT_EMISSIONS.to_user_string()}:{check_name(r, lay)}" for r, lay in BLOCKING}
    assert "carbon/fct_emissions:c1_temporal_rollup_reconciled" in blocking
    assert not blocking & set(first.failed_checks)
    evaluations = _check_evaluations(builds["root"] / "dagster_home", first.run_id)
    for spec in CHECK_SPECS:
        if spec.blocking:
            assert evaluations[(spec.asset_key, spec.name)].passed, spec.name
    # the job's own publish step ran: one materialization per published mart
    assert {f"carbon_published/{table}" for table in PUBLISHED} <= set(first.materialized)
    # each published mart is a full copy of the mart build 1 made: same rows, same values
    for table in PUBLISHED:
        assert builds["counts"][table] > 0, table
        assert builds["counts"][table] == builds["built_counts"][table], table
    assert builds["totals_before"] == pytest.approx(builds["built_totals"], rel=1e-12)


def test_planted_fault_is_a_failed_blocking_check_with_its_object(builds):
    second = builds["second"]
    warehouse = builds["warehouse"]
    evaluations = _check_evaluations(builds["root"] / "dagster_home", second.run_id)
    check = evaluations[(FCT_EMISSIONS, "c1_temporal_rollup_reconciled")]
    assert not check.passed
    assert check.severity.value == "ERROR"
    assert check.blocking
    metadata = check.metadata
    assert metadata["failures"].value >= 1
    assert metadata["objects_checked"].value >= metadata["failures"].value
    assert metadata["suite_name"].value == "consistency_c1_temporal_rollup"
    assert "data_docs_url" in metadata
    # rel_diff 3 * (1 +- 0.005) - 1 (module docstring): the worst offender of the suite.
    offenders = metadata["rule_result"].value["worst_offenders"]
    worst = next(o for o in offenders if o["object_key"] == FAULT_KEY)
    assert 1.985 <= worst["rel_diff"] <= 2.015
    assert FAULT_KEY.replace("|", "\\|") in metadata["worst_offenders"].value
    row = _c1_row(warehouse, "reconciled")
    assert not row["passed"] and 1.985 <= row["rel_diff"] <= 2.015
    # The failed blocking check fails the run; the C1 check step names it.
    assert not second.success
    assert any("c1_temporal_rollup_reconciled" in f.message for f in second.failures)
    assert "carbon/fct_emissions:c1_temporal_rollup_reconciled" in second.failed_checks


def test_failed_blocking_check_does_not_update_the_published_marts(builds):
    second = builds["second"]
    warehouse = builds["warehouse"]
    assert not any(key.startswith("carbon_published/") for key in second.materialized)
    # The fault lowered the 2023 raw-coal input of industry 06 from Q to Q / 3: the model
    # schema's year row went down with it (Q / 3 < Q), the published copy kept build 1's value.
    built = _published_quantity(warehouse, "carbon")
    published = _published_quantity(warehouse, "carbon_published")
    assert published == builds["published_before"]
    assert built == pytest.approx(published / 3, rel=1e-9)
    # every published mart exactly as after build 1: row counts and the checksums
    for table, rows in builds["counts"].items():
        assert _count(warehouse, "carbon_published", table) == rows, table
    after = _published_totals(warehouse, "carbon_published")
    assert after == pytest.approx(builds["totals_before"], rel=1e-12)
    # ... while the model schema did change: the fault removed 2/3 of a direct-emission row
    changed = _published_totals(warehouse, "carbon")
    assert changed["fct_emissions.computed"] < builds["totals_before"]["fct_emissions.computed"]


def test_failed_checks_raise_alerts_with_their_latency(builds):
    second = builds["second"]
    rows = (
        builds["warehouse"]
        .query_df(
            "select rule, layer, latency_ms, channel, message from raw._alerts "
            f"where build_id = '{second.run_id}'"
        )
        .to_dict(orient="records")
    )
    c1 = [r for r in rows if r["rule"] == "C1" and r["layer"] == "reconciled"]
    assert len(c1) == 1
    assert c1[0]["channel"] == "log"
    assert 0 <= c1[0]["latency_ms"] < 60_000
    assert FAULT_KEY in c1[0]["message"]


def test_build_summary_lists_rules_per_layer_and_the_data_docs(builds, capsys, monkeypatch):
    from orchestration.cli import print_consistency

    monkeypatch.setenv("CARBON_GX_ROOT", str(builds["gx_root"]))
    print_consistency(builds["second"])
    out = capsys.readouterr().out
    assert "reconciled:" in out and "computed:" in out
    reconciled = next(line for line in out.splitlines() if line.strip().startswith("reconciled:"))
    assert "C1" in reconciled and "failed" in reconciled
    assert "C1 reconciled FAILED" in out
    index = builds["gx_root"] / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert f"Data Docs: {index}" in out
    assert index.exists()


def test_carbon_docs_prints_the_index_path(builds, capsys, monkeypatch):
    from orchestration.cli import main

    monkeypatch.setenv("CARBON_GX_ROOT", str(builds["gx_root"]))
    assert main(["docs"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == str(
        builds["gx_root"] / "uncommitted" / "data_docs" / "local_site" / "index.html"
    )
