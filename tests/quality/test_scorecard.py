"""C8: the table 1 metrics of rpt_quality_scorecard on a landing small enough to count by hand,
on DuckDB and PostgreSQL; the C8 asset check and the terminal table built from it.

The landing: province 420000 with grid days 2024-01-01..2024-01-10 except 2024-01-05 (9 rows),
and a second power_supply file naming an unknown region (refused at ingestion). Two alerts of an
earlier build (1 h and 3 h from detection to alert) and one of this build (100 h) are in
raw._alerts before the build.
"""

import math

import pytest
from helpers import write_landing

from orchestration.defs.quality_checks import scorecard_check_result
from orchestration.ingest import ensure_raw_tables
from orchestration.pipeline import build
from orchestration.quality.scorecard import read_scorecard, scorecard_lines

BUILD_ID = "card-test"
DAYS = [f"2024-01-{d:02d}" for d in range(1, 11) if d != 5]
BAD_FILE = (
    "region_code,period_type,period_start,generation_mwh,supply_mwh,imported_mwh,heat_supply_gj\n"
    "999999,day,2024-01-11,1,1,1,\n"
)


@pytest.fixture
def scorecard(any_warehouse, tmp_path):
    landing = write_landing(
        tmp_path / "landing",
        {
            "regions": [
                {"region_code": "100000", "region_name": "中国", "level": "nation"},
                {
                    "region_code": "420000",
                    "region_name": "湖北省",
                    "level": "province",
                    "parent_code": "100000",
                },
            ],
            "power_supply": [
                {
                    "region_code": "420000",
                    "period_type": "day",
                    "period_start": day,
                    "generation_mwh": 1000,
                    "supply_mwh": 900,
                    "imported_mwh": 100,
                }
                for day in DAYS
            ],
        },
    )
    (landing / "power_supply" / "zz_unknown_region.csv").write_text(BAD_FILE, encoding="utf-8")
    ensure_raw_tables(any_warehouse)
    with any_warehouse.connect() as con:
        cur = con.cursor() if any_warehouse.kind == "postgres" else con
        cur.execute(
            "insert into raw._alerts (build_id, rule, layer, latency_ms) values "
            "('earlier', 'C1', 'reconciled', 3600000), ('earlier', 'C4', 'reconciled', 10800000), "
            f"('{BUILD_ID}', 'C1', 'reconciled', 360000000)"
        )
        if any_warehouse.kind == "postgres":
            con.commit()
    result = build(landing, any_warehouse, build_id=BUILD_ID)
    assert result.dbt_result.success
    return {m.metric: m for m in read_scorecard(any_warehouse)}, any_warehouse


def test_every_metric_of_table_1_is_measured_by_hand_and_the_c8_check_names_the_misses(
    scorecard,
):
    card, _ = scorecard
    assert set(card) == {
        "consistency_rate",
        "correction_rate",
        "anomaly_rate",
        "validation_success_rate",
        "update_timeliness",
        "cleaning_efficiency",
        "monitoring_response_hours",
        "audit_pass_rate",
    }
    # Timeliness: "now" = 2024-01-10 (last day delivered); day lag 1 -> days up to 2024-01-09
    # are due: 9 days, 8 present (01-05 missing) -> 8 / 9 = 0.8889 < 0.95.
    t = card["update_timeliness"]
    assert (t.objects, t.passed) == (9, False)
    assert math.isclose(t.value, 8 / 9, rel_tol=1e-12)
    # Audit: 3 landing files, the unknown-region one refused -> 2 / 3 < 0.95.
    a = card["audit_pass_rate"]
    assert (a.objects, a.passed) == (3, False)
    assert math.isclose(a.value, 2 / 3, rel_tol=1e-12)
    # Response time: alerts of the earlier build, (1 h + 3 h) / 2 = 2 h <= 48 h; this build's
    # own 100 h alert is not counted (its alerts come after its checks).
    r = card["monitoring_response_hours"]
    assert (r.objects, r.passed) == (2, True)
    assert math.isclose(r.value, 2.0, rel_tol=1e-12)
    # C2: January's days 01..10 span 10 days, 1 missing = 10 % > 1 %: the one blocking object
    # fails on both layers -> validation success 0 / 1; cleaning 0 of 1 computed breaks repaired.
    v = card["validation_success_rate"]
    assert (v.objects, v.value, v.passed) == (1, 0.0, False)
    c = card["cleaning_efficiency"]
    assert (c.objects, c.value, c.passed) == (1, 0.0, False)
    # No rollup, no benchmark, no plausibility object: nothing to measure, passes vacuously.
    for name in ("consistency_rate", "correction_rate", "anomaly_rate"):
        assert (card[name].objects, card[name].value, card[name].passed) == (0, None, True)

    # The C8 asset check and the terminal table, from the same build (one build per engine).
    metrics = list(card.values())
    result = scorecard_check_result(metrics)
    assert result.passed is False
    # 8 metrics, 4 missed (timeliness, audit, validation, cleaning) -> 4 met.
    assert result.description.startswith("4 of 8 metrics met")
    assert "update_timeliness 88.89% (target >= 95.00%)" in result.description
    lines = scorecard_lines(metrics)
    timeliness = next(line for line in lines if line.startswith("update_timeliness"))
    assert "88.89%" in timeliness and "MISSED" in timeliness and "(9 objects)" in timeliness
    response = next(line for line in lines if line.startswith("monitoring_response_hours"))
    assert "2.0 h" in response and "<= 48.0 h" in response and "met" in response
