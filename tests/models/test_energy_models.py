"""Energy sector (5.2, 5.3, 5.4, 5.12, 5.13) and derived factors: numbers worked out by hand.

One module-scoped build of tests/models/energy_landing.py on DuckDB (METHOD 3, 4 and 8).
Local factors: c/e raw_coal 0.5/2.0, natural_gas 10/1.5, electricity_import 0.1 and
e = 4.0 until January 2024, 5.0 from 2024-02-01 (a period uses the version valid on the
first day of its month, so the year 2024 and January use 4.0, February on 5.0).

Province 320000 grid figures: imported by day 1-3 Jan 5, 6, 7 (Jan = 18) and 1-2 Feb 8, 9;
year 2024 = sum of its day rows = 5+6+7+8+9 = 35. Generation 1-3 Jan 100, 300, 0 (Jan 400),
1-2 Feb 50, 150. Heat supply 1-3 Jan 10, 30, 60 (100), none in February. Electricity
total_society: days 1-3 Jan 100, 200, 100 (Jan = year = 400: the year has day rows, so it is
their sum), months Apr 300, May 200, Jun 0 (Q2 = 500). Heat total_society: days 1-3 Jan 5, 5,
10 (Jan = year = 20), months Apr 8, May 5.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from energy_landing import CITY, LANDING, PROVINCE  # noqa: E402
from helpers import fetch_dicts, write_landing  # noqa: E402

from orchestration.pipeline import build  # noqa: E402
from orchestration.warehouse import Warehouse  # noqa: E402

SELECT = "+path:models/intermediate/energy +fct_emission_factors_derived resource_type:seed"
MODELS = {
    "5.2": "int_energy_5_2_province_year",
    "5.3": "int_energy_5_3_province_quarter_month",
    "5.4": "int_energy_5_4_province_day",
    "5.12": "int_energy_5_12_city_year_quarter_month",
    "5.13": "int_energy_5_13_city_day",
}
COLUMNS = (
    "region_code, period_type, period_start, sector, subsector, fuel_code, scope, "
    "activity_quantity, energy_tce, emissions_tco2, method, estimate_type"
)


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    return write_landing(tmp_path_factory.mktemp("energy_landing"), LANDING)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, landing) -> Warehouse:
    wh = Warehouse.duckdb(tmp_path_factory.mktemp("energy_wh") / "warehouse.duckdb")
    result = build(landing, wh, build_id="test-energy", select=SELECT)
    assert not result.refused_files
    return wh


def rows(wh: Warehouse, method: str, where: str = "1 = 1") -> list[dict]:
    return fetch_dicts(
        wh,
        f"select {COLUMNS} from {wh.schema}.{MODELS[method]} where {where} "
        "order by region_code, period_type, period_start, subsector, fuel_code",
    )


def period_rows(wh: Warehouse, method: str, period_type: str, start: str, region: str) -> dict:
    """The rows of one region and period, keyed by subsector."""
    found = rows(
        wh,
        method,
        f"region_code = '{region}' and period_type = '{period_type}' "
        f"and period_start = cast('{start}' as date)",
    )
    by_subsector = {r["subsector"]: r for r in found}
    assert len(by_subsector) == len(found), found
    for row in found:
        assert row["method"] == method
        assert row["sector"] == "energy"
        assert row["scope"] == "direct"
    return by_subsector


def check(row: dict, fuel: str, quantity: float, tce: float, tco2: float, estimate: str):
    assert row["fuel_code"] == fuel
    assert row["activity_quantity"] == pytest.approx(quantity, rel=1e-12)
    assert row["energy_tce"] == pytest.approx(tce, rel=1e-12)
    assert row["emissions_tco2"] == pytest.approx(tco2, rel=1e-12)
    assert row["estimate_type"] == estimate


# --- 5.2 province year -------------------------------------------------------------------


def test_5_2_province_year(warehouse):
    got = period_rows(warehouse, "5.2", "year", "2024-01-01", PROVINCE)
    # industry_final coal and the electricity row of power_generation_input are not used.
    assert set(got) == {"power", "heat", "import"}
    # raw_coal power 1000 t: tce 1000*0.5 = 500, tCO2 500*2.0 = 1000
    check(got["power"], "raw_coal", 1000, 500, 1000, "reported")
    # natural_gas heat 20: tce 20*10 = 200, tCO2 200*1.5 = 300
    check(got["heat"], "natural_gas", 20, 200, 300, "reported")
    # imports = sum of day rows 35 MWh: tce 35*0.1 = 3.5, tCO2 3.5*4.0 (version of 1 Jan) = 14
    check(got["import"], "electricity_import", 35, 3.5, 14, "reported")


# --- 5.3 province quarter and month --------------------------------------------------------


def test_5_3_month(warehouse):
    got = period_rows(warehouse, "5.3", "month", "2024-05-01", PROVINCE)
    # raw_coal 20: tce 10, tCO2 20
    check(got["power"], "raw_coal", 20, 10, 20, "reported")
    # natural_gas 1: tce 10, tCO2 15
    check(got["heat"], "natural_gas", 1, 10, 15, "reported")
    # imported May 20 MWh: tce 2, tCO2 2*5.0 (version from 2024-02-01) = 10
    check(got["import"], "electricity_import", 20, 2, 10, "reported")


def test_5_3_quarter_from_its_three_months(warehouse):
    got = period_rows(warehouse, "5.3", "quarter", "2024-04-01", PROVINCE)
    # raw_coal Apr 30 + May 20 + Jun 10 = 60: tce 30, tCO2 60
    check(got["power"], "raw_coal", 60, 30, 60, "reported")
    # natural_gas May 1: tce 10, tCO2 15
    check(got["heat"], "natural_gas", 1, 10, 15, "reported")
    # imported months 10 + 20 + 30 = 60: tce 6, tCO2 6*5.0 = 30
    check(got["import"], "electricity_import", 60, 6, 30, "reported")


def test_5_3_unreported_month_is_the_sum_of_its_nowcast_days(warehouse):
    # February has no statistical figure: published as the sum of its nowcast days 1-2 Feb.
    got = period_rows(warehouse, "5.3", "month", "2024-02-01", PROVINCE)
    # power 5 + 15 = 20 t: tce 10, tCO2 20
    check(got["power"], "raw_coal", 20, 10, 20, "nowcast")
    # heat 2/3 + 2/3 = 4/3: tce 40/3, tCO2 40/3*1.5 = 20
    check(got["heat"], "natural_gas", 4 / 3, 40 / 3, 20, "nowcast")
    # imports 8 + 9 = 17: tce 1.7, tCO2 1.7*5.0 = 8.5
    check(got["import"], "electricity_import", 17, 1.7, 8.5, "nowcast")


def test_5_3_quarter_with_an_unreported_month_is_the_sum_of_its_days(warehouse):
    # Q1: January reported, February and March not -> no statistical quarter; the sum of its
    # day rows (1-3 Jan disaggregated, 1-2 Feb nowcast) is published as a nowcast.
    got = period_rows(warehouse, "5.3", "quarter", "2024-01-01", PROVINCE)
    # power 40 + 20 = 60: tce 30, tCO2 60
    check(got["power"], "raw_coal", 60, 30, 60, "nowcast")
    # heat 2 + 4/3 = 10/3: tce 100/3, tCO2 50
    check(got["heat"], "natural_gas", 10 / 3, 100 / 3, 50, "nowcast")
    # imports 18 + 17 = 35: tce 3.5, tCO2 18*0.1*4.0 + 17*0.1*5.0 = 7.2 + 8.5 = 15.7
    check(got["import"], "electricity_import", 35, 3.5, 15.7, "nowcast")


# --- 5.4 province day ------------------------------------------------------------------------


def test_5_4_day_disaggregated(warehouse):
    got = period_rows(warehouse, "5.4", "day", "2024-01-02", PROVINCE)
    # power: 40 t * Gen 300 / (100+300+0) = 30 t: tce 15, tCO2 30
    check(got["power"], "raw_coal", 30, 15, 30, "disaggregated")
    # heat: 2 * heat supply 30 / (10+30+60) = 0.6: tce 6, tCO2 9
    check(got["heat"], "natural_gas", 0.6, 6, 9, "disaggregated")
    # import as reported: 6 MWh, tce 0.6, tCO2 0.6*4.0 = 2.4
    check(got["import"], "electricity_import", 6, 0.6, 2.4, "reported")


def test_5_4_days_add_up_to_their_month(warehouse):
    found = rows(
        warehouse,
        "5.4",
        f"region_code = '{PROVINCE}' and period_start < cast('2024-02-01' as date)",
    )
    power = sum(r["activity_quantity"] for r in found if r["subsector"] == "power")
    heat = sum(r["activity_quantity"] for r in found if r["subsector"] == "heat")
    assert power == pytest.approx(40, rel=1e-12)  # 10 + 30 + 0
    assert heat == pytest.approx(2, rel=1e-12)  # 0.2 + 0.6 + 1.2


def test_5_4_day_nowcast_from_latest_reported_month(warehouse):
    got = period_rows(warehouse, "5.4", "day", "2024-02-02", PROVINCE)
    # February not reported; reference January: power 40 t / Gen(Jan) 400 * Gen(d) 150 = 15 t,
    # tce 7.5, tCO2 15
    check(got["power"], "raw_coal", 15, 7.5, 15, "nowcast")
    # no daily heat supply in February: Q_heat(Jan) 2 / 3 day rows of January = 2/3,
    # tce 20/3, tCO2 20/3*1.5 = 10
    check(got["heat"], "natural_gas", 2 / 3, 20 / 3, 10, "nowcast")
    # import as reported: 9 MWh, tce 0.9, tCO2 0.9*5.0 (the nowcast day's own version) = 4.5
    check(got["import"], "electricity_import", 9, 0.9, 4.5, "reported")


# --- 5.12 city year, quarter, month -----------------------------------------------------------


def test_5_12_city_year(warehouse):
    got = period_rows(warehouse, "5.12", "year", "2023-01-01", CITY)
    # raw_coal 730: tce 365, tCO2 730
    check(got["power"], "raw_coal", 730, 365, 730, "reported")
    # natural_gas 73: tce 730, tCO2 1095
    check(got["heat"], "natural_gas", 73, 730, 1095, "reported")
    # imported = its day rows 30 and 31 Dec: 1 + 1 = 2; tce 0.2, tCO2 0.8
    check(got["import"], "electricity_import", 2, 0.2, 0.8, "reported")


def test_5_12_city_quarter_from_months(warehouse):
    got = period_rows(warehouse, "5.12", "quarter", "2024-01-01", CITY)
    # raw_coal 60 + 40 + 20 = 120: tce 60, tCO2 120
    check(got["power"], "raw_coal", 120, 60, 120, "reported")
    # natural_gas January 3: tce 30, tCO2 45
    check(got["heat"], "natural_gas", 3, 30, 45, "reported")
    # imported: Q1 has day rows (10, 11 Jan, 1, 2 Feb), so it is their sum 2 + 3 + 5 + 5 = 15;
    # tce 1.5, tCO2 1.5*4.0 (version of 1 Jan) = 6.0
    check(got["import"], "electricity_import", 15, 1.5, 6.0, "reported")


def test_5_12_city_month(warehouse):
    got = period_rows(warehouse, "5.12", "month", "2024-03-01", CITY)
    # raw_coal 20: tce 10, tCO2 20; no heat fuel in March
    assert set(got) == {"power", "import"}
    check(got["power"], "raw_coal", 20, 10, 20, "reported")
    # imported March (month row) 20: tce 2, tCO2 2*5.0 = 10
    check(got["import"], "electricity_import", 20, 2, 10, "reported")


# --- 5.13 city day -----------------------------------------------------------------------------


def test_5_13_day_disaggregated(warehouse):
    got = period_rows(warehouse, "5.13", "day", "2024-01-10", CITY)
    # power: 60 * Gen 30 / (30 + 10) = 45: tce 22.5, tCO2 45
    check(got["power"], "raw_coal", 45, 22.5, 45, "disaggregated")
    # no daily heat supply: 3 evenly over January's 2 day rows = 1.5: tce 15, tCO2 22.5
    check(got["heat"], "natural_gas", 1.5, 15, 22.5, "disaggregated")
    # import 2: tce 0.2, tCO2 0.8
    check(got["import"], "electricity_import", 2, 0.2, 0.8, "reported")


def test_5_13_zero_generation_month_splits_evenly(warehouse):
    got = period_rows(warehouse, "5.13", "day", "2024-02-01", CITY)
    # February 40 t, generation 0 + 0 = 0: even over its 2 day rows = 20 t, tce 10, tCO2 20
    assert set(got) == {"power", "import"}  # no heat fuel in February
    check(got["power"], "raw_coal", 20, 10, 20, "disaggregated")
    # import 5: tce 0.5, tCO2 0.5*5.0 = 2.5
    check(got["import"], "electricity_import", 5, 0.5, 2.5, "reported")


def test_5_13_day_nowcast_from_previous_year(warehouse):
    got = period_rows(warehouse, "5.13", "day", "2024-04-01", CITY)
    # April not reported; reference 2023: Gen(2023) = day rows 100 + 100 = 200, days(2023) = 2.
    # power 730 / 200 * Gen(d) 20 = 73: tce 36.5, tCO2 73
    check(got["power"], "raw_coal", 73, 36.5, 73, "nowcast")
    # heat 73 / 2 = 36.5: tce 365, tCO2 547.5
    check(got["heat"], "natural_gas", 36.5, 365, 547.5, "nowcast")
    # import 4: tce 0.4, tCO2 0.4*5.0 = 2
    check(got["import"], "electricity_import", 4, 0.4, 2, "reported")


def test_5_13_day_without_reference_has_no_rows(warehouse):
    # December 2023 is not reported and 2022 has no figures: no day, not even its imports.
    assert rows(warehouse, "5.13", "period_start < cast('2024-01-01' as date)") == []


def test_5_12_city_year_without_figures_is_the_sum_of_its_days(warehouse):
    # 2024 has no year rows and not all 12 months: the sum of its days 10, 11 Jan, 1, 2 Feb
    # and 1 Apr.
    got = period_rows(warehouse, "5.12", "year", "2024-01-01", CITY)
    # power 45 + 15 + 20 + 20 + 73 = 173: tce 86.5, tCO2 173
    check(got["power"], "raw_coal", 173, 86.5, 173, "nowcast")
    # heat 1.5 + 1.5 + 36.5 = 39.5: tce 395, tCO2 592.5
    check(got["heat"], "natural_gas", 39.5, 395, 592.5, "nowcast")
    # imports 2 + 3 + 5 + 5 + 4 = 19: tce 1.9,
    # tCO2 (2 + 3)*0.1*4.0 + (5 + 5 + 4)*0.1*5.0 = 2.0 + 7.0 = 9.0
    check(got["import"], "electricity_import", 19, 1.9, 9.0, "nowcast")


# --- derived factors ---------------------------------------------------------------------------


def factors(wh: Warehouse, table: str, period_type: str, start: str, columns: str):
    found = wh.query(
        f"select {columns} from {wh.schema}.{table} where region_code = '{PROVINCE}' "
        f"and period_type = '{period_type}' and period_start = cast('{start}' as date)"
    )
    return found


def own(wh, period_type, start):
    found = factors(
        wh,
        "fct_emission_factors_derived",
        period_type,
        start,
        "ef_elec_tco2_per_mwh, ef_heat_tco2_per_gj",
    )
    assert len(found) <= 1
    return found[0] if found else None


def applied(wh, period_type, start):
    found = factors(wh, "int_ef_applied", period_type, start, "ef_elec, ef_heat")
    assert len(found) <= 1
    return found[0] if found else None


def test_ef_year(warehouse):
    ef_elec, ef_heat = own(warehouse, "year", "2024-01-01")
    # (E_power 1000 + E_import 14) / Elec 400 = 2.535
    assert ef_elec == pytest.approx(2.535, rel=1e-12)
    # E_heat 300 / Heat 20 = 15
    assert ef_heat == pytest.approx(15, rel=1e-12)


def test_ef_month(warehouse):
    ef_elec, ef_heat = own(warehouse, "month", "2024-01-01")
    # January: power 40*0.5*2 = 40, import 18*0.1*4 = 7.2; (40 + 7.2) / 400 = 0.118
    assert ef_elec == pytest.approx(0.118, rel=1e-12)
    # heat 2*10*1.5 = 30; 30 / 20 = 1.5
    assert ef_heat == pytest.approx(1.5, rel=1e-12)
    ef_elec, ef_heat = own(warehouse, "month", "2024-04-01")
    # April: (30 + 10*0.1*5) / 300 = 35/300; no heat fuel but heat consumed -> 0
    assert ef_elec == pytest.approx(35 / 300, rel=1e-12)
    assert ef_heat == 0
    # June: Elec 0 and no heat consumption -> no factor of its own
    assert own(warehouse, "month", "2024-06-01") is None


def test_ef_quarter_without_heat_denominator(warehouse):
    ef_elec, ef_heat = own(warehouse, "quarter", "2024-04-01")
    # (60 + 30) / 500 = 0.18; Q2 heat consumption lacks June -> no EF_heat
    assert ef_elec == pytest.approx(0.18, rel=1e-12)
    assert ef_heat is None


def test_ef_day(warehouse):
    ef_elec, ef_heat = own(warehouse, "day", "2024-01-02")
    # (30 + 2.4) / 200 = 0.162; heat 9 / 5 = 1.8
    assert ef_elec == pytest.approx(0.162, rel=1e-12)
    assert ef_heat == pytest.approx(1.8, rel=1e-12)
    # 1 Feb: no electricity consumption by day -> no factor of its own
    assert own(warehouse, "day", "2024-02-01") is None


def test_ef_applied_fallback(warehouse):
    # February has no factor: January's (0.118, 1.5)
    assert applied(warehouse, "month", "2024-02-01") == pytest.approx((0.118, 1.5), rel=1e-12)
    # June (zero denominator) and later months: May's, (20 + 10) / 200 = 0.15 and 15 / 5 = 3
    assert applied(warehouse, "month", "2024-06-01") == pytest.approx((0.15, 3.0), rel=1e-12)
    assert applied(warehouse, "month", "2024-12-01") == pytest.approx((0.15, 3.0), rel=1e-12)
    # a day uses its month's applied factor, not its own: 2 Jan -> January's
    assert applied(warehouse, "day", "2024-01-02") == pytest.approx((0.118, 1.5), rel=1e-12)
    assert applied(warehouse, "day", "2024-02-15") == pytest.approx((0.118, 1.5), rel=1e-12)
    # Q3: Q2's EF_elec; no quarter has an EF_heat yet
    ef_elec, ef_heat = applied(warehouse, "quarter", "2024-07-01")
    assert ef_elec == pytest.approx(0.18, rel=1e-12)
    assert ef_heat is None
    # nothing before the first factor
    assert applied(warehouse, "year", "2023-01-01") is None
    assert applied(warehouse, "month", "2023-12-01") is None


# --- PostgreSQL parity -----------------------------------------------------------------------


def energy_rows(wh: Warehouse) -> list[tuple]:
    union = " union all ".join(f"select {COLUMNS} from {wh.schema}.{m}" for m in MODELS.values())
    return wh.query(f"select * from ({union}) as energy order by 1, 2, 3, 5, 6")


def factor_rows(wh: Warehouse) -> list[tuple]:
    return wh.query(
        f"select region_code, period_type, period_start, ef_elec, ef_heat "
        f"from {wh.schema}.int_ef_applied order by 1, 2, 3"
    )


def same(left: list[tuple], right: list[tuple]) -> None:
    assert len(left) == len(right)
    for a, b in zip(left, right, strict=True):
        for x, y in zip(a, b, strict=True):
            if isinstance(x, float) or isinstance(y, float):
                assert x == pytest.approx(y, rel=1e-9)
            else:
                assert x == y


def test_postgres_gives_the_same_rows(warehouse, landing, pg_warehouse):
    build(landing, pg_warehouse, build_id="test-energy-pg", select=SELECT)
    duck = energy_rows(warehouse)
    # 5.2: 3; 5.3: Jan 3, Apr 2, May 3, Jun 2, Q2 3 = 13; 5.4: 5 days x 3 = 15;
    # 5.12: 2023 3, Q1 3, Jan 3, Feb 2, Mar 2 = 13; 5.13: 3 days x 3 + 2 Feb days x 2 = 13;
    # 3+13+15+13+13 = 57; nowcast sums: province Feb and Q1, city Apr, Q2 and 2024, 3 rows
    # each = 15; 57+15 = 72
    assert len(duck) == 72
    same(duck, energy_rows(pg_warehouse))
    same(factor_rows(warehouse), factor_rows(pg_warehouse))
