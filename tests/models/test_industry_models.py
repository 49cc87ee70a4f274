"""Industry (5.5, 5.6, 5.7, 5.14, 5.15): numbers worked out by hand (METHOD 3, 4 and 8).

One module-scoped DuckDB build of tests/models/industry_landing.py. Local factors:
c/e raw_coal 0.5/2.0 (1 t -> 0.5 tce -> 1 tCO2), natural_gas 10/1.5 (1 -> 10 tce -> 15 tCO2),
c(electricity) = 0.1 tce/MWh, c(heat) = 0.03 tce/GJ.

Derived factors of province 320000 (int_ef_applied; imports are 0 on every day row):
    EF_elec(2024) = (1000 t coal x 0.5 x 2.0 + 0) / Elec(total_society, 2024) 2000 = 0.5
    EF_heat(2024) = (2 natural_gas x 10 x 1.5) / Heat(total_society, 2024) 300   = 0.1
    EF_elec(Jan 2024) = (40 x 0.5 x 2.0 + 0) / 100 = 0.4;  EF_heat(Jan 2024) = 30 / 100 = 0.3
    Feb, Mar, Apr 2024 have no factor of their own -> January's; a day uses its month's factor.
    EF_elec(May 2025) = 20 t coal x 0.5 x 2.0 / Elec(total_society, May 2025) 100 = 0.2; Jan and
    Apr 2025 have none of their own -> January 2024's 0.4.
    No factor in 2023 and none for any quarter -> no indirect rows there.

Periods without a statistical figure but with nowcast days (METHOD 8 "Which rows exist") are the
sum of all their day rows, every row nowcast, method of the period's model (5.5, 5.6, 5.14).

Expansion values k(i) = VA_total / VA_above of the latest year row on or before the period:
    province, 31, 2024: 300 / 200 = 1.5 (not 2023's 100/100, not 2025's 1000/100)
    province, 26, 2024: VA_above = 0 -> k = 1
    city, 31, 2023 and 2024 (2023 row is the latest): 200 / 100 = 2
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from helpers import fetch_dicts, write_landing  # noqa: E402
from industry_landing import CITY, LANDING, PROVINCE  # noqa: E402

from orchestration.pipeline import build  # noqa: E402
from orchestration.warehouse import Warehouse  # noqa: E402

SELECT = "+path:models/intermediate/industry resource_type:seed"
MODELS = {
    "5.5": "int_industry_5_5_province_year",
    "5.6": "int_industry_5_6_province_quarter_month",
    "5.7": "int_industry_5_7_province_day",
    "5.14": "int_industry_5_14_city_year_quarter_month",
    "5.15": "int_industry_5_15_city_day",
}
COLUMNS = (
    "region_code, period_type, period_start, sector, subsector, fuel_code, scope, "
    "activity_quantity, energy_tce, emissions_tco2, method, estimate_type"
)
ORDER = "region_code, period_type, period_start, subsector, fuel_code, scope"


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    return write_landing(tmp_path_factory.mktemp("industry_landing"), LANDING)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, landing) -> Warehouse:
    wh = Warehouse.duckdb(tmp_path_factory.mktemp("industry_wh") / "warehouse.duckdb")
    result = build(landing, wh, build_id="test-industry", select=SELECT)
    assert not result.refused_files
    return wh


def rows(wh: Warehouse, method: str, where: str = "1 = 1") -> list[dict]:
    return fetch_dicts(
        wh, f"select {COLUMNS} from {wh.schema}.{MODELS[method]} where {where} order by {ORDER}"
    )


def period(wh: Warehouse, method: str, region: str, period_type: str, start: str) -> dict:
    """Rows of one region and period keyed by (subsector, fuel_code), as a tuple of
    (scope, activity, tce, tCO2, estimate_type); checks sector and method on the way."""
    found = rows(
        wh,
        method,
        f"region_code = '{region}' and period_type = '{period_type}' "
        f"and period_start = cast('{start}' as date)",
    )
    keyed = {}
    for row in found:
        assert row["sector"] == "industry"
        assert row["method"] == method
        key = (row["subsector"], row["fuel_code"])
        assert key not in keyed, found
        keyed[key] = (
            row["scope"],
            pytest.approx(row["activity_quantity"], rel=1e-12),
            pytest.approx(row["energy_tce"], rel=1e-12),
            pytest.approx(row["emissions_tco2"], rel=1e-12),
            row["estimate_type"],
        )
    return keyed


def expect(scope, activity, tce, tco2, estimate_type="reported"):
    return (scope, activity, tce, tco2, estimate_type)


def test_5_5_province_year_with_expansion_value(warehouse):
    got = period(warehouse, "5.5", PROVINCE, "year", "2024-01-01")
    assert got == {
        # Q_above = 1000 - 200 + 50 = 850 t; Q = 850 x 1.5 = 1275 t; 1275 x 0.5 = 637.5 tce;
        # 637.5 x 2.0 = 1275 tCO2
        ("31", "raw_coal"): expect("direct", 1275, 637.5, 1275),
        # heat 100 GJ x 1.5 = 150 GJ; 150 x 0.03 = 4.5 tce; 150 x EF_heat 0.1 = 15 tCO2
        ("31", "heat"): expect("indirect_heat", 150, 4.5, 15),
        # grid electricity of 31 in 2024 = sum of its day rows 10 + 30 + 5 = 45 MWh (the year
        # has day rows); not industry_energy's 777, not scaled; 4.5 tce; 45 x 0.5 = 22.5 tCO2
        ("31", "electricity"): expect("indirect_electricity", 45, 4.5, 22.5),
        # k = 1 (VA_above 0): 4 x 10 = 40 tce; 40 x 1.5 = 60 tCO2
        ("26", "natural_gas"): expect("direct", 4, 40, 60),
        # grid year row 500 MWh: 50 tce; 500 x 0.5 = 250 tCO2
        ("26", "electricity"): expect("indirect_electricity", 500, 50, 250),
    }


def test_negative_conversion_rows_are_netted(warehouse):
    got = period(warehouse, "5.6", PROVINCE, "month", "2024-01-01")
    # January, 31: consumption 100, conversion -40 -> Q_above 60 t; x 1.5 = 90 t; 45 tce; 90 tCO2
    assert got[("31", "raw_coal")] == expect("direct", 90, 45, 90)


def test_5_6_province_month(warehouse):
    assert period(warehouse, "5.6", PROVINCE, "month", "2024-01-01") == {
        ("31", "raw_coal"): expect("direct", 90, 45, 90),
        # heat 10 x 1.5 = 15 GJ; 0.45 tce; 15 x EF_heat(Jan) 0.3 = 4.5 tCO2
        ("31", "heat"): expect("indirect_heat", 15, 0.45, 4.5),
        # grid: days 1 and 2 Jan 10 + 30 = 40 MWh; 4 tce; 40 x EF_elec(Jan) 0.4 = 16 tCO2
        ("31", "electricity"): expect("indirect_electricity", 40, 4, 16),
        # k = 1: 2 x 10 = 20 tce; 20 x 1.5 = 30 tCO2
        ("26", "natural_gas"): expect("direct", 2, 20, 30),
    }
    # February: 26 has no row -> zero, not nowcast: only 31's 40 t x 1.5 = 60 t
    assert period(warehouse, "5.6", PROVINCE, "month", "2024-02-01") == {
        ("31", "raw_coal"): expect("direct", 60, 30, 60),
    }
    # April has only industry 44 and electricity rows: not reported, no statistical row; it is
    # published as the sum of its nowcast days (test_5_6_province_nowcast_month_and_quarter)


def test_5_6_province_quarter_from_its_months(warehouse):
    # No quarter rows; Jan, Feb, Mar all reported:
    # 31 coal 90 + 60 + 20 x 1.5 = 30 -> 180 t (90 tce, 180 tCO2);
    # 26 gas 2 + 0 + 3.1 = 5.1 (51 tce, 76.5 tCO2). Heat 15 GJ and electricity have no
    # quarter factor (no quarter energy data) -> no indirect rows.
    assert period(warehouse, "5.6", PROVINCE, "quarter", "2024-01-01") == {
        ("31", "raw_coal"): expect("direct", 180, 90, 180),
        ("26", "natural_gas"): expect("direct", 5.1, 51, 76.5),
    }


def test_5_7_province_day_disaggregated_by_electricity(warehouse):
    assert period(warehouse, "5.7", PROVINCE, "day", "2024-01-01") == {
        # 90 t x 10 / (10 + 30) = 22.5 t; 11.25 tce; 22.5 tCO2
        ("31", "raw_coal"): expect("direct", 22.5, 11.25, 22.5, "disaggregated"),
        # 15 GJ x 10 / 40 = 3.75 GJ; 0.1125 tce; 3.75 x 0.3 (January's factor) = 1.125 tCO2
        ("31", "heat"): expect("indirect_heat", 3.75, 0.1125, 1.125, "disaggregated"),
        # grid day row 10 MWh; 1 tce; 10 x 0.4 = 4 tCO2 (industry 44's 70 MWh is not used)
        ("31", "electricity"): expect("indirect_electricity", 10, 1, 4),
        # 26 has no daily electricity: 2 / 3 power_supply days of January; x 10 = 20/3 tce;
        # x 15 = 10 tCO2
        ("26", "natural_gas"): expect("direct", 2 / 3, 20 / 3, 10, "disaggregated"),
    }
    day2 = period(warehouse, "5.7", PROVINCE, "day", "2024-01-02")
    # 90 x 30 / 40 = 67.5 t -> 22.5 + 67.5 = 90 = the month
    assert day2[("31", "raw_coal")] == expect("direct", 67.5, 33.75, 67.5, "disaggregated")
    # 3 Jan: 31 has no electricity that day -> no share; 26 evenly 2/3
    assert period(warehouse, "5.7", PROVINCE, "day", "2024-01-03") == {
        ("26", "natural_gas"): expect("direct", 2 / 3, 20 / 3, 10, "disaggregated"),
    }


def test_5_7_province_day_nowcast_from_latest_reported_month(warehouse):
    # April not reported; reference = March (latest reported month before April).
    assert period(warehouse, "5.7", PROVINCE, "day", "2024-04-01") == {
        # Q(31, coal, Mar) = 20 x 1.5 = 30 t; Elec(31, Mar) = 20 MWh; Elec(31, 1 Apr) = 5
        # -> 30 / 20 x 5 = 7.5 t; 3.75 tce; 7.5 tCO2
        ("31", "raw_coal"): expect("direct", 7.5, 3.75, 7.5, "nowcast"),
        # 26: no electricity in March (zero driver) -> Q(ref) / days of ref = 3.1 / 31
        # (March has no day rows: its calendar days) = 0.1; 1 tce; 1.5 tCO2
        ("26", "natural_gas"): expect("direct", 0.1, 1, 1.5, "nowcast"),
        # grid 5 MWh, April uses January's factor: 5 x 0.4 = 2 tCO2
        ("31", "electricity"): expect("indirect_electricity", 5, 0.5, 2),
    }


def test_5_14_city_year_from_its_twelve_months(warehouse):
    # 2023 months 1..12 t, k = 2: (1 + ... + 12) x 2 = 78 x 2 = 156 t; 78 tce; 156 tCO2.
    # No factor in 2023 and no grid electricity -> direct rows only.
    assert period(warehouse, "5.14", CITY, "year", "2023-01-01") == {
        ("31", "raw_coal"): expect("direct", 156, 78, 156),
    }
    # 2024 has only January as statistics: no statistical year (its nowcast sum is tested in
    # test_5_14_city_nowcast_month_quarter_year)
    assert all(
        row[4] == "nowcast"
        for row in period(warehouse, "5.14", CITY, "year", "2024-01-01").values()
    )


def test_5_14_city_quarter_and_month(warehouse):
    # Q2 2023 from April, May, June: (4 + 5 + 6) x 2 = 30 t; 15 tce; 30 tCO2
    assert period(warehouse, "5.14", CITY, "quarter", "2023-04-01") == {
        ("31", "raw_coal"): expect("direct", 30, 15, 30),
    }
    # March 2023: 3 t x 2 = 6 t
    assert period(warehouse, "5.14", CITY, "month", "2023-03-01") == {
        ("31", "raw_coal"): expect("direct", 6, 3, 6),
    }
    assert period(warehouse, "5.14", CITY, "month", "2024-01-01") == {
        # 30 t x k 2 (2023 row is the latest on or before Jan 2024) = 60 t; 30 tce; 60 tCO2
        ("31", "raw_coal"): expect("direct", 60, 30, 60),
        # grid days 10 and 11 Jan: 2 + 6 = 8 MWh; 0.8 tce; x province's EF_elec(Jan) 0.4 = 3.2
        ("31", "electricity"): expect("indirect_electricity", 8, 0.8, 3.2),
    }
    # Q1 2024: February and March not reported -> no statistical quarter, only the nowcast sum
    assert all(
        row[4] == "nowcast"
        for row in period(warehouse, "5.14", CITY, "quarter", "2024-01-01").values()
    )


def test_5_15_city_day_disaggregated(warehouse):
    # 60 t x 2 / (2 + 6) = 15 t on 10 Jan, 45 t on 11 Jan
    assert period(warehouse, "5.15", CITY, "day", "2024-01-10") == {
        ("31", "raw_coal"): expect("direct", 15, 7.5, 15, "disaggregated"),
        ("31", "electricity"): expect("indirect_electricity", 2, 0.2, 0.8),
    }
    day11 = period(warehouse, "5.15", CITY, "day", "2024-01-11")
    assert day11[("31", "raw_coal")] == expect("direct", 45, 22.5, 45, "disaggregated")


def test_5_15_city_day_nowcast_from_previous_month(warehouse):
    # February not reported; reference = January 2024 (previous month):
    # Q(ref) = 60 t, Elec(ref) = 8 MWh, Elec(1 Feb) = 4 -> 60 / 8 x 4 = 30 t (erratum E1:
    # fuel / electricity); 15 tce; 30 tCO2. Electricity 4 MWh x 0.4 = 1.6 tCO2.
    assert period(warehouse, "5.15", CITY, "day", "2024-02-01") == {
        ("31", "raw_coal"): expect("direct", 30, 15, 30, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 4, 0.4, 1.6),
    }


def test_5_15_city_day_nowcast_falls_back_when_previous_month_unreported(warehouse):
    # March not reported, February (previous month) not either -> latest reported: January.
    # 60 / 8 x Elec(1 Mar) 2 = 15 t; 7.5 tce; 15 tCO2
    got = period(warehouse, "5.15", CITY, "day", "2024-03-01")
    assert got[("31", "raw_coal")] == expect("direct", 15, 7.5, 15, "nowcast")


def test_industry_44_is_never_an_industry_row(warehouse):
    union = " union all ".join(
        f"select subsector from {warehouse.schema}.{model}" for model in MODELS.values()
    )
    found = warehouse.query(f"select count(*) from ({union}) as all_rows where subsector = '44'")
    assert found[0][0] == 0
    # ...while the landing has industry 44 rows of industry_energy (year, Jan, Apr)
    staged = f"select count(*) from {warehouse.schema}.stg_industry_energy"
    assert warehouse.query(f"{staged} where industry_code = '44'")[0][0] == 3


def test_5_6_province_nowcast_month_and_quarter(warehouse):
    # April 2024 has no statistics; its one day (1 Apr, see the 5.7 nowcast test) summed:
    # coal 7.5 t, 3.75 tce, 7.5 tCO2; gas 0.1, 1 tce, 1.5 tCO2; electricity 5 MWh, 0.5 tce, 2 tCO2
    april = {
        ("31", "raw_coal"): expect("direct", 7.5, 3.75, 7.5, "nowcast"),
        ("26", "natural_gas"): expect("direct", 0.1, 1, 1.5, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 5, 0.5, 2, "nowcast"),
    }
    assert period(warehouse, "5.6", PROVINCE, "month", "2024-04-01") == april
    # Q2 2024: no quarter rows, April-June not reported -> the sum of its only day, 1 Apr
    assert period(warehouse, "5.6", PROVINCE, "quarter", "2024-04-01") == april


def test_5_6_and_5_5_province_nowcast_2025(warehouse):
    # 2025 has no industry statistics; every day is a nowcast from March 2024 (latest reported):
    # Q(31, coal, Mar) = 30 t, Elec(31, Mar) = 20 MWh -> 1.5 t per MWh of the day;
    # 26: no electricity in March -> 3.1 / 31 calendar days = 0.1 per day (1 tce, 1.5 tCO2).
    #   2 Jan 2025: Elec 10 -> coal 15 t (7.5 tce, 15 tCO2); elec 10 MWh, 1 tce, x 0.4 = 4
    #   1 Apr 2025: Elec 2  -> coal 3 t (1.5 tce, 3 tCO2);   elec 2 MWh, 0.2 tce, x 0.4 = 0.8
    #   1 May 2025: Elec 4  -> coal 6 t (3 tce, 6 tCO2);     elec 4 MWh, 0.4 tce, x 0.2 = 0.8
    may_day = period(warehouse, "5.7", PROVINCE, "day", "2025-05-01")
    assert may_day[("31", "electricity")] == expect("indirect_electricity", 4, 0.4, 0.8)
    # Month January 2025 = 2 Jan
    january = {
        ("31", "raw_coal"): expect("direct", 15, 7.5, 15, "nowcast"),
        ("26", "natural_gas"): expect("direct", 0.1, 1, 1.5, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 10, 1, 4, "nowcast"),
    }
    assert period(warehouse, "5.6", PROVINCE, "month", "2025-01-01") == january
    assert period(warehouse, "5.6", PROVINCE, "quarter", "2025-01-01") == january
    # Month May 2025 = 1 May (its own factor 0.2)
    assert period(warehouse, "5.6", PROVINCE, "month", "2025-05-01") == {
        ("31", "raw_coal"): expect("direct", 6, 3, 6, "nowcast"),
        ("26", "natural_gas"): expect("direct", 0.1, 1, 1.5, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 4, 0.4, 0.8, "nowcast"),
    }
    # Q2 2025 = 1 Apr + 1 May: coal 3 + 6 = 9 t, 4.5 tce, 9 tCO2; gas 0.2, 2 tce, 3 tCO2;
    # electricity 2 + 4 = 6 MWh, 0.6 tce, 0.8 + 0.8 = 1.6 tCO2 (each day its month's factor)
    assert period(warehouse, "5.6", PROVINCE, "quarter", "2025-04-01") == {
        ("31", "raw_coal"): expect("direct", 9, 4.5, 9, "nowcast"),
        ("26", "natural_gas"): expect("direct", 0.2, 2, 3, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 6, 0.6, 1.6, "nowcast"),
    }
    # Year 2025 (5.5) = all three days: coal 15 + 3 + 6 = 24 t, 12 tce, 24 tCO2; gas 0.3, 3 tce,
    # 4.5 tCO2; electricity 10 + 2 + 4 = 16 MWh, 1.6 tce, 4 + 0.8 + 0.8 = 5.6 tCO2 (not
    # 16 x the 2024 year factor 0.5 = 8)
    assert period(warehouse, "5.5", PROVINCE, "year", "2025-01-01") == {
        ("31", "raw_coal"): expect("direct", 24, 12, 24, "nowcast"),
        ("26", "natural_gas"): expect("direct", 0.3, 3, 4.5, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 16, 1.6, 5.6, "nowcast"),
    }


def test_5_14_city_nowcast_month_quarter_year(warehouse):
    # Day rows of 2024 (5.15 tests): 10 Jan coal 15 t / elec 2 MWh (disaggregated), 11 Jan 45 / 6
    # (disaggregated), 1 Feb 30 / 4, 1 Mar 15 / 2 (nowcast); 1 Apr: 60 / 8 x 1 = 7.5 t / 1 MWh
    # (nowcast from January). EF_elec = 0.4 on all of them (January's and its fallback).
    # February: 30 t, 15 tce, 30 tCO2; 4 MWh, 0.4 tce, 1.6 tCO2
    assert period(warehouse, "5.14", CITY, "month", "2024-02-01") == {
        ("31", "raw_coal"): expect("direct", 30, 15, 30, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 4, 0.4, 1.6, "nowcast"),
    }
    # Q1 2024 (January is reported, yet the quarter has no statistical figure): all its days,
    # coal 15 + 45 + 30 + 15 = 105 t, 52.5 tce, 105 tCO2; elec 2 + 6 + 4 + 2 = 14 MWh, 1.4 tce,
    # 14 x 0.4 = 5.6 tCO2
    assert period(warehouse, "5.14", CITY, "quarter", "2024-01-01") == {
        ("31", "raw_coal"): expect("direct", 105, 52.5, 105, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 14, 1.4, 5.6, "nowcast"),
    }
    # Year 2024 = Q1 + 1 Apr: coal 105 + 7.5 = 112.5 t, 56.25 tce, 112.5 tCO2;
    # elec 14 + 1 = 15 MWh, 1.5 tce, 5.6 + 0.4 = 6 tCO2
    assert period(warehouse, "5.14", CITY, "year", "2024-01-01") == {
        ("31", "raw_coal"): expect("direct", 112.5, 56.25, 112.5, "nowcast"),
        ("31", "electricity"): expect("indirect_electricity", 15, 1.5, 6, "nowcast"),
    }
    # January 2024 keeps its statistical rows only (test_5_14_city_quarter_and_month)


def test_no_period_has_both_statistical_and_nowcast_rows(warehouse):
    union = " union all ".join(
        f"select region_code, period_type, period_start, estimate_type "
        f"from {warehouse.schema}.{MODELS[m]}"
        for m in ("5.5", "5.6", "5.14")
    )
    mixed = warehouse.query(
        f"select region_code, period_type, period_start from ({union}) as all_rows "
        "group by region_code, period_type, period_start having count(distinct estimate_type) > 1"
    )
    assert mixed == []
    nowcast = warehouse.query(
        f"select count(distinct region_code || period_type || cast(period_start as varchar)) "
        f"from ({union}) as all_rows where estimate_type = 'nowcast'"
    )
    # province: Apr 2024, Q2 2024, Jan, Q1, Apr, May, Q2, year 2025 = 8;
    # city: Feb, Mar, Apr, Q1, Q2, year 2024 = 6
    assert nowcast[0][0] == 14


def industry_rows(wh: Warehouse) -> list[dict]:
    union = " union all ".join(f"select {COLUMNS} from {wh.schema}.{m}" for m in MODELS.values())
    return fetch_dicts(wh, f"select * from ({union}) as all_rows order by {ORDER}")


def same(left: list[dict], right: list[dict]) -> None:
    assert len(left) == len(right)
    for a, b in zip(left, right, strict=True):
        assert a.keys() == b.keys()
        for key, x in a.items():
            y = b[key]
            if isinstance(x, float):
                assert x == pytest.approx(y, rel=1e-9), (key, a, b)
            elif key == "period_start":  # DuckDB gives a Timestamp, psycopg2 a date
                assert str(x)[:10] == str(y), (key, a, b)
            else:
                assert str(x) == str(y), (key, a, b)


def test_postgres_gives_the_same_rows(warehouse, landing, pg_warehouse):
    build(landing, pg_warehouse, build_id="test-industry-pg", select=SELECT)
    duck = industry_rows(warehouse)
    # 5.5: 2024 5 + 2025 3 = 8; 5.6: Jan 4, Feb 1, Mar 3, Q1 2 + nowcast Apr, Q2 2024, Jan, Q1,
    # Apr, May, Q2 2025 7 x 3 = 31; 5.7: 1 Jan 4, 2 Jan 4, 3 Jan 1, 1 Apr 3 + 3 days of 2025 x 3
    # = 21; 5.14: 12 months + 4 quarters + year 2023 + Jan 2024 2 = 19 + nowcast Feb, Mar, Apr,
    # Q1, Q2, year 2024 6 x 2 = 31; 5.15: 5 days x 2 = 10 -> 101
    assert len(duck) == 101
    same(duck, industry_rows(pg_warehouse))
