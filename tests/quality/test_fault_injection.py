"""Fault injection: one planted fault per province of ONE generated landing set (so that one
build covers them all), each making exactly the expected consistency rule fail and naming the
faulty object in rpt_consistency. Province 130000 stays clean and is the control.

"Fails" means an error-severity rule with passed = false; C7 (a warning) "flags" instead.
"""

import shutil

import pandas as pd
import pytest

from orchestration.generate import generate
from orchestration.pipeline import build
from orchestration.warehouse import Warehouse

CLEAN = "130000"
MISSING_DAY = "140000"  # city 140100 loses 2024-03-15 in the daily grid sources (C2)
MONTH_OFF = "150000"  # city 150100's May coal for power is 1 % of the province too high (C4)
WRONG_UNIT = "210000"  # city 210100's June coke of industry 31 given x 10^4 (C4, both layers)
DUPLICATE = "220000"  # a month file of electricity_consumption arrives twice (nothing fails)
SPIKE = "230000"  # city 230100's electricity of 2024-04-17 is 30 % high (C7 flags it)
CITY_MISSING = "320000"  # city 320200 has no rows at all (C5)
DAYS_OFF = "330000"  # city 330100 reports a July total 3 % above its days (C3)
PROVINCES = [CLEAN, MISSING_DAY, MONTH_OFF, WRONG_UNIT, DUPLICATE, SPIKE, CITY_MISSING, DAYS_OFF]
ERROR_RULES = ("C1", "C2", "C3", "C4", "C5", "C6")


def _edit(folder, pattern, change) -> None:
    """Apply ``change`` (DataFrame -> DataFrame) to every CSV of ``folder`` matching pattern."""
    for path in sorted(folder.glob(pattern)):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        change(frame).to_csv(path, index=False)


def _scale(frame, mask, column, factor) -> pd.DataFrame:
    frame.loc[mask, column] = (frame.loc[mask, column].astype(float) * factor).round(6).astype(str)
    return frame


def _plant(landing) -> dict:
    """Plant every fault; return the figures the tests need."""
    facts = {}
    # missing day: both daily grid sources lose one day of one city
    for source in ("power_supply", "electricity_consumption"):
        _edit(
            landing / source,
            "2024-03.csv",
            lambda f: f[~((f.region_code == "140100") & (f.period_start == "2024-03-15"))],
        )

    # a city's month 1 % of the province's figure off
    def month_off(f):
        key = (f.period_type == "month") & (f.period_start == "2024-05-01")
        key &= (f.fuel_code == "raw_coal") & (f["use"] == "power")
        province = float(f.loc[key & (f.region_code == MONTH_OFF), "quantity"].iloc[0])
        city = key & (f.region_code == "150100")
        f.loc[city, "quantity"] = str(float(f.loc[city, "quantity"].iloc[0]) + 0.01 * province)
        return f

    _edit(landing / "power_heat_inputs", "months_2024.csv", month_off)
    # wrong unit: 10^4 t written as t
    _edit(
        landing / "industry_energy",
        "months_2024.csv",
        lambda f: _scale(
            f,
            (f.region_code == "210100")
            & (f.period_start == "2024-06-01")
            & (f.industry_code == "31")
            & (f.fuel_code == "coke")
            & (f.table_code == "consumption"),
            "quantity",
            1e4,
        ),
    )
    # the same file twice: a second copy under another name (loads after the first)
    ec = landing / "electricity_consumption"
    shutil.copy(ec / "2024-03.csv", ec / "2024-03-resent.csv")
    march = pd.read_csv(ec / "2024-03.csv", dtype={"region_code": str})
    facts["duplicate_march_mwh"] = march[
        (march.region_code == DUPLICATE)
        & (march.sector_code == "total_society")
        & (march.period_type == "day")
    ].mwh.sum()
    # a 30 % spike on one day of one city
    _edit(
        ec,
        "2024-04.csv",
        lambda f: _scale(
            f, (f.region_code == "230100") & (f.period_start == "2024-04-17"), "mwh", 1.3
        ),
    )
    # a city missing from every source (it stays in regions)
    for folder in landing.iterdir():
        if folder.is_dir() and folder.name != "regions":
            _edit(folder, "*.csv", lambda f: f[f.region_code != "320200"])
    # reported month 3 % above the sum of the days: the grid company's own July report of the
    # city (the month row of 2024-07.csv) is replaced by 1.03 x the sum of its days
    july = pd.read_csv(ec / "2024-07.csv", dtype={"region_code": str, "industry_code": str})
    city = (july.region_code == "330100") & (july.sector_code == "total_society")
    days = july[city & (july.period_type == "day")].mwh.sum()
    facts["days_off_july_days"] = days
    month = city & (july.period_type == "month")
    assert month.sum() == 1, "the generator no longer reports the city's July"
    _edit(
        ec,
        "2024-07.csv",
        lambda f: f.assign(
            mwh=f.mwh.where(
                ~(
                    (f.region_code == "330100")
                    & (f.sector_code == "total_society")
                    & (f.period_type == "month")
                ),
                str(round(days * 1.03, 3)),
            )
        ),
    )
    return facts


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("faults")
    landing = root / "landing"
    generate(
        landing, provinces=PROVINCES, cities_per_province=2, years=(2024, 2024), unreported_months=0
    )
    facts = _plant(landing)
    wh = Warehouse.duckdb(root / "w.duckdb")
    result = build(landing, wh, build_id="faults")
    assert not result.refused_files
    consistency = wh.query_df(f"select * from {wh.schema}.rpt_consistency")
    regions = wh.query_df(f"select region_code, province_code from {wh.schema}.stg_regions")
    consistency = consistency.merge(regions, on="region_code", how="left")
    return wh, consistency, facts


def _failed(consistency, province, layer="reconciled") -> pd.DataFrame:
    rows = consistency[
        (consistency.province_code == province)
        & (consistency.layer == layer)
        & consistency.rule.isin(ERROR_RULES)
    ]
    return rows[~rows.passed.astype(bool)]


def test_clean_province_passes_every_rule_on_the_reconciled_layer(built):
    _, consistency, _ = built
    assert _failed(consistency, CLEAN).empty


def test_missing_day_fails_c2_naming_the_city_month(built):
    _, consistency, _ = built
    failed = _failed(consistency, MISSING_DAY)
    # March has 31 days, one missing: 1/31 = 3.2 % > 1 %
    c2 = failed[failed.rule == "C2"]
    assert any(k.startswith("140100|month|2024-03-01") for k in c2.object_key)
    # Only C2: the city's own March report still holds the day, but C3 compares only months
    # whose days are all present (a gap is C2's finding, not a source disagreement).
    assert set(failed.rule) == {"C2"}


def test_city_month_off_fails_c4_computed_and_is_reconciled(built):
    _, consistency, _ = built
    key = "|month|2024-05-01|energy|power|raw_coal|direct"
    computed = consistency[(consistency.layer == "computed") & (consistency.rule == "C4")]
    faulty = computed[computed.object_key == MONTH_OFF + key]
    # the cities sum to the province +/- 0.4 % noise, plus 1 %: 0.6 % .. 1.4 % > 0.5 %
    assert not faulty.passed.astype(bool).any() and len(faulty) == 2
    assert computed[computed.object_key == CLEAN + key].passed.astype(bool).all()
    # within the +/- 10 % band: scaled, so nothing fails on the reconciled layer
    assert _failed(consistency, MONTH_OFF).empty


def test_wrong_unit_fails_c4_on_both_layers(built):
    _, consistency, _ = built
    key = WRONG_UNIT + "|month|2024-06-01|industry|31|coke|direct"
    for layer in ("computed", "reconciled"):
        failed = _failed(consistency, WRONG_UNIT, layer)
        assert key in set(failed[failed.rule == "C4"].object_key), layer
    assert set(_failed(consistency, WRONG_UNIT).rule) == {"C4"}


def test_file_loaded_twice_changes_nothing(built):
    wh, consistency, facts = built
    assert _failed(consistency, DUPLICATE).empty
    total = wh.query_df(
        f"select sum(mwh) as v from {wh.schema}.stg_electricity_consumption "
        f"where region_code = '{DUPLICATE}' and sector_code = 'total_society' "
        "and period_type = 'day' and period_start between '2024-03-01' and '2024-03-31'"
    ).v.iloc[0]
    # the March total is the file's own, not twice it
    assert total == pytest.approx(facts["duplicate_march_mwh"], rel=1e-9)


def test_spike_day_is_flagged_by_c7(built):
    _, consistency, _ = built
    assert _failed(consistency, SPIKE).empty
    c7 = consistency[
        (consistency.rule == "C7")
        & (consistency.layer == "reconciled")
        & ~consistency.passed.astype(bool)
    ]
    flagged = c7[c7.region_code == "230100"]
    assert any(k.startswith("230100|day|2024-04-17|") for k in flagged.object_key)


def test_missing_city_fails_c5_only(built):
    _, consistency, _ = built
    failed = _failed(consistency, CITY_MISSING)
    assert set(failed.rule) == {"C5"}
    assert (failed.region_code == CITY_MISSING).all()
    # one of two cities missing: missing share 1/2 = 50 % > 1 %
    assert failed.rel_diff.max() == pytest.approx(0.5)


def test_days_off_the_reported_month_fail_c3(built):
    _, consistency, _ = built
    failed = _failed(consistency, DAYS_OFF)
    assert set(failed.rule) == {"C3"}
    row = failed[failed.object_key.str.startswith("330100|month|2024-07-01")]
    # reported 1.03 x days: |days - 1.03 days| / (1.03 days) = 0.03 / 1.03 = 2.9 % > 2 %
    assert row.rel_diff.iloc[0] == pytest.approx(0.03 / 1.03, rel=1e-3)


def test_anomaly_rate_of_the_clean_province_is_within_the_scorecard_target(built):
    _, consistency, _ = built
    c7 = consistency[
        (consistency.rule == "C7")
        & (consistency.layer == "reconciled")
        & (consistency.province_code == CLEAN)
    ]
    # one year of days (2024: 366), 3 regions (province + 2 cities) x 3 sectors. A day needs
    # its same weekday +/- 1 and 2 weeks (not the first or last 14 days: 366 - 28 = 338) and
    # the same for the day before and after (338 - 2 = 336): 336 x 9 = 3024 objects
    assert len(c7) == 3024
    # the Spring Festival and National Day weeks move whole runs of days together and are
    # not flagged; the scorecard target is <= 1 % (this generated province gives 0)
    assert (~c7.passed.astype(bool)).mean() <= 0.01


def test_spike_is_flagged_against_its_adjacent_days(built):
    _, consistency, _ = built
    row = consistency[
        (consistency.rule == "C7")
        & (consistency.layer == "reconciled")
        & consistency.object_key.str.startswith("230100|day|2024-04-17|")
    ]
    # the spiked day is judged against the nearer of its neighbours: the day before or after
    # (2024-04-16 or 2024-04-18) scaled to the same weekday median, not against itself
    flagged = row[row.rel_diff > 0.05]
    assert len(flagged) > 0 and not flagged.passed.astype(bool).any()
    assert (flagged.observed > flagged.expected).all()
