"""The reconciled layer on a generated sample (one province, three cities): where the band let
the corrections scale, the reconciled children add up to their parents exactly (1e-9); where it
did not, the children are left as computed; and rpt_consistency / the scorecard are built."""

import pytest

from orchestration.generate import generate
from orchestration.pipeline import build
from orchestration.warehouse import Warehouse

TOL = 1e-9


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Warehouse:
    root = tmp_path_factory.mktemp("reconcile")
    generate(root / "landing", cities_per_province=3, years=(2023, 2024))
    wh = Warehouse.duckdb(root / "w.duckdb")
    build(root / "landing", wh, build_id="recon-test")
    return wh


def _rows(wh, sql):
    return wh.query_df(sql).to_dict(orient="records")


def test_spatial_scaling_makes_cities_sum_to_province(warehouse):
    s = warehouse.schema
    rows = _rows(
        warehouse,
        f"""
        with fixed as (
            select * from {s}.int_reconciliation_corrections
            where step = 'spatial' and applied and measure = 'emissions_tco2'
              -- days follow their month's factor and quarters/years are sums of months
              -- (cascade consistency): the spatial factor is exact at month level
              and period_type = 'month'
        ), cities as (
            select r.parent_code, e.period_type, e.period_start, e.sector, e.subsector,
                e.fuel_code, e.scope, sum(e.emissions_tco2) as v
            from {s}.int_reconciled_emissions e
            join {s}.stg_regions r on e.region_code = r.region_code and r.region_level = 'city'
            group by all
        )
        select fixed.parent_value, cities.v from fixed join cities
          on fixed.region_code = cities.parent_code and fixed.period_type = cities.period_type
         and fixed.period_start = cities.period_start and fixed.sector = cities.sector
         and fixed.subsector = cities.subsector and fixed.fuel_code = cities.fuel_code
         and fixed.scope = cities.scope
        """,
    )
    assert rows, "the sample must have objects within the band"
    for r in rows:
        assert abs(r["v"] - r["parent_value"]) <= TOL * max(1.0, abs(r["parent_value"]))


def test_temporal_scaling_makes_province_months_sum_to_year(warehouse):
    s = warehouse.schema
    rows = _rows(
        warehouse,
        f"""
        with fixed as (
            select * from {s}.int_reconciliation_corrections
            where step = 'temporal' and applied and measure = 'activity_quantity'
        ), months as (
            select region_code, date_trunc('year', period_start) as y, sector, subsector,
                fuel_code, scope, sum(activity_quantity) as v
            from {s}.int_reconciled_emissions
            where period_type = 'month' and region_level = 'province'
            group by all
        )
        select fixed.parent_value, months.v from fixed join months
          on fixed.region_code = months.region_code and fixed.period_start = months.y
         and fixed.sector = months.sector and fixed.subsector = months.subsector
         and fixed.fuel_code = months.fuel_code and fixed.scope = months.scope
        """,
    )
    assert rows
    for r in rows:
        assert abs(r["v"] - r["parent_value"]) <= TOL * max(1.0, abs(r["parent_value"]))


def test_factor_is_parent_over_children_and_band_respected(warehouse):
    s = warehouse.schema
    rows = _rows(warehouse, f"select * from {s}.int_reconciliation_corrections")
    for r in rows:
        if r["applied"]:
            assert abs(r["factor"] * r["children_sum"] - r["parent_value"]) <= TOL * max(
                1.0, abs(r["parent_value"])
            )
            # default band +/- 10 %
            assert abs(r["children_sum"] - r["parent_value"]) <= 0.10 * abs(r["parent_value"]) + TOL
        else:
            assert r["factor"] == 1.0


def test_outside_band_children_are_left_as_computed(warehouse):
    s = warehouse.schema
    rows = _rows(
        warehouse,
        f"""
        select c.emissions_tco2 as computed, r.emissions_tco2 as reconciled
        from {s}.int_reconciliation_corrections k
        join {s}.stg_regions g on g.parent_code = k.region_code and g.region_level = 'city'
        join {s}.int_emissions_computed c on c.region_code = g.region_code
         and c.period_type = k.period_type and c.period_start = k.period_start
         and c.sector = k.sector and c.subsector = k.subsector and c.fuel_code = k.fuel_code
         and c.scope = k.scope
        join {s}.int_reconciled_emissions r on r.region_code = c.region_code
         and r.period_type = c.period_type and r.period_start = c.period_start
         and r.sector = c.sector and r.subsector = c.subsector and r.fuel_code = c.fuel_code
         and r.scope = c.scope
        where k.step = 'spatial' and k.reason = 'outside band' and k.measure = 'emissions_tco2'
        """,
    )
    for r in rows:
        assert r["reconciled"] == r["computed"]


def test_reports_are_built_for_the_build(warehouse):
    s = warehouse.schema
    rules = _rows(warehouse, f"select distinct rule, layer, check_run from {s}.rpt_consistency")
    assert {r["check_run"] for r in rules} == {"recon-test"}
    assert {r["layer"] for r in rules} == {"computed", "reconciled"}
    assert {"C1", "C2", "C4", "C5", "C7"} <= {r["rule"] for r in rules}
    card = _rows(warehouse, f"select * from {s}.rpt_quality_scorecard_history")
    assert {c["metric"] for c in card} >= {"consistency_rate", "correction_rate", "anomaly_rate"}
    assert all(c["check_run"] == "recon-test" for c in card)


def test_clean_generated_data_passes_every_rule_on_the_reconciled_layer(warehouse):
    s = warehouse.schema
    failed = _rows(
        warehouse,
        f"""
        select rule, object_key, measure, rel_diff, note from {s}.rpt_consistency
        where layer = 'reconciled' and rule in ('C1', 'C2', 'C3', 'C4', 'C5', 'C6')
          and not passed
        """,
    )
    assert failed == []
    # reconciled C1 is exact (1e-9) wherever it is not the indirect rows' factor timing
    c1 = _rows(
        warehouse,
        f"""
        select max(rel_diff) as worst from {s}.rpt_consistency
        where layer = 'reconciled' and rule = 'C1' and note is null
        """,
    )
    assert c1[0]["worst"] <= TOL


def test_plausibility_compares_per_day_so_a_leap_day_is_not_growth(warehouse):
    """C7 'vs previous year' of January 2024 (judged as the pair January + February): last
    year's pair scaled by the day counts, (31 + 29) / (31 + 28) = 60 / 59."""
    s = warehouse.schema
    rows = _rows(
        warehouse,
        f"""
        with pairs as (
            select layer, region_code, sector, sum(emissions_tco2) as pair_tco2
            from {s}.fct_emissions
            where period_type = 'month' and period_start in ('2023-01-01', '2023-02-01')
              and region_level in ('province', 'city')
            group by all
        )
        select c.expected, pairs.pair_tco2
        from {s}.rpt_consistency c
        join pairs on c.layer = pairs.layer and c.region_code = pairs.region_code
         and c.sector = pairs.sector
        where c.rule = 'C7' and c.note = 'vs previous year' and c.period_type = 'month'
          and c.period_start = '2024-01-01'
        """,
    )
    assert rows, "the two-year sample has January 2024 objects"
    for r in rows:
        assert r["expected"] == pytest.approx(r["pair_tco2"] * 60 / 59, rel=1e-9)
