"""Other sectors (5.8-5.11, 5.16-5.19): numbers worked out by hand from METHOD 3, 4 and 8.

One module-scoped build of tests/models/other_landing.py on DuckDB; every
expected value below is computed in its comment from the landing rows and the
local factors c/e (raw_coal 0.5/2.0, diesel 1.0/3.0, natural_gas 10/2.0,
c(electricity) 0.1, c(heat) 0.05).

Province 110000 derived factors (the energy sector's 5.2/5.3, used here):
EF_elec(2023) = 1000 t * 0.5 * 2.0 / 2000 MWh total_society = 0.5;
EF_heat(2023) = 100 t * 0.5 * 2.0 / 1000 GJ = 0.1;
EF_elec(Jan 2023) = 100 * 0.5 * 2.0 / 400 = 0.25; EF_heat(Jan) = 10 * 0.5 * 2.0 / 100 = 0.1.
Province agriculture daily electricity 2023: Jan 1/day (31), Feb 2/day (56),
Mar 1/day (31), Q2 0, Q3 1/day (92), Q4 1/day (92): Q1 118, year 302.
"""

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from helpers import fetch_dicts, write_landing  # noqa: E402
from other_landing import CITY, PROVINCE, landing_tables  # noqa: E402

from orchestration.pipeline import build  # noqa: E402
from orchestration.warehouse import Warehouse  # noqa: E402

SELECT = "+path:models/intermediate/other"
MODELS = {
    "5.8": "int_other_5_8_province_year",
    "5.9": "int_other_5_9_province_quarter",
    "5.10": "int_other_5_10_province_month",
    "5.11": "int_other_5_11_province_day",
    "5.16": "int_other_5_16_city_year",
    "5.17": "int_other_5_17_city_quarter",
    "5.18": "int_other_5_18_city_month",
    "5.19": "int_other_5_19_city_day",
}


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    return write_landing(tmp_path_factory.mktemp("other_landing"), landing_tables())


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, landing) -> Warehouse:
    wh = Warehouse.duckdb(tmp_path_factory.mktemp("other_wh") / "warehouse.duckdb")
    result = build(landing, wh, build_id="test-other", select=SELECT)
    assert not result.refused_files
    return wh


def rows(wh: Warehouse, method: str, where: str = "1 = 1") -> list[dict]:
    return fetch_dicts(
        wh,
        f"select * from {wh.schema}.{MODELS[method]} where {where} "
        "order by region_code, period_start, subsector, fuel_code, scope",
    )


def one(wh: Warehouse, method: str, start: str, subsector: str, fuel: str, region=None) -> dict:
    region = region or (PROVINCE if method in ("5.8", "5.9", "5.10", "5.11") else CITY)
    found = rows(
        wh,
        method,
        f"region_code = '{region}' and period_start = cast('{start}' as date) "
        f"and subsector = '{subsector}' and fuel_code = '{fuel}'",
    )
    assert len(found) == 1, found
    assert found[0]["method"] == method
    return found[0]


def check(row: dict, quantity: float, tce: float, tco2: float, estimate_type: str) -> None:
    assert row["activity_quantity"] == pytest.approx(quantity, rel=1e-12)
    assert row["energy_tce"] == pytest.approx(tce, rel=1e-12)
    assert row["emissions_tco2"] == pytest.approx(tco2, rel=1e-12)
    assert row["estimate_type"] == estimate_type


def test_5_8_province_year_direct_and_indirect(warehouse):
    # agriculture raw_coal 3020 t: 3020 * 0.5 = 1510 tce, 1510 * 2.0 = 3020 tCO2
    check(
        one(warehouse, "5.8", "2023-01-01", "agriculture", "raw_coal"), 3020, 1510, 3020, "reported"
    )
    # construction diesel 4380 t: 4380 * 1.0 = 4380 tce, * 3.0 = 13140 tCO2
    check(
        one(warehouse, "5.8", "2023-01-01", "construction", "diesel"), 4380, 4380, 13140, "reported"
    )
    # Elec(agriculture, 2023) = 302 MWh (sum of days): 302 * 0.1 = 30.2 tce, 302 * 0.5 = 151 tCO2
    elec = one(warehouse, "5.8", "2023-01-01", "agriculture", "electricity")
    check(elec, 302, 30.2, 151, "reported")
    assert elec["scope"] == "indirect_electricity"
    # Heat(agriculture, 2023) = 604 GJ: 604 * 0.05 = 30.2 tce, 604 * 0.1 = 60.4 tCO2
    heat = one(warehouse, "5.8", "2023-01-01", "agriculture", "heat")
    check(heat, 604, 30.2, 60.4, "reported")
    assert heat["scope"] == "indirect_heat"
    # energy_balance rows of electricity (999) and heat (888) are never used: one row each
    # (the grid figures above), none direct.
    direct_fuels = {
        r["fuel_code"]
        for r in rows(warehouse, "5.8", "scope = 'direct' and period_start = '2023-01-01'")
    }
    assert direct_fuels == {"raw_coal", "diesel"}


def test_5_9_to_5_11_cascade_by_electricity(warehouse):
    # Q1 = 3020 * 118 / 302 = 1180; Q2 driver 0 -> 3020 * 0 / 302 = 0;
    # Q3 = Q4 = 3020 * 92 / 302 = 920
    for start, q in (("2023-01-01", 1180), ("2023-04-01", 0), ("2023-07-01", 920)):
        check(
            one(warehouse, "5.9", start, "agriculture", "raw_coal"), q, q * 0.5, q, "disaggregated"
        )
    # Jan = 1180 * 31 / 118 = 310; Feb = 1180 * 56 / 118 = 560
    check(
        one(warehouse, "5.10", "2023-01-01", "agriculture", "raw_coal"),
        310,
        155,
        310,
        "disaggregated",
    )
    check(
        one(warehouse, "5.10", "2023-02-01", "agriculture", "raw_coal"),
        560,
        280,
        560,
        "disaggregated",
    )
    # 5 Jan = 310 * 1 / 31 = 10; 5 Feb = 560 * 2 / 56 = 20
    check(
        one(warehouse, "5.11", "2023-01-05", "agriculture", "raw_coal"), 10, 5, 10, "disaggregated"
    )
    check(
        one(warehouse, "5.11", "2023-02-05", "agriculture", "raw_coal"), 20, 10, 20, "disaggregated"
    )
    # heat 604 GJ the same way: Jan = 604 * 118/302 * 31/118 = 62 GJ, * EF_heat(Jan) 0.1 = 6.2;
    # 5 Jan = 62 / 31 = 2 GJ -> 0.2 tCO2 (EF of its month)
    check(
        one(warehouse, "5.10", "2023-01-01", "agriculture", "heat"), 62, 3.1, 6.2, "disaggregated"
    )
    check(one(warehouse, "5.11", "2023-01-05", "agriculture", "heat"), 2, 0.1, 0.2, "disaggregated")
    # electricity rows: the grid's own figure of the period, EF of the month:
    # Jan 31 MWh * 0.25 = 7.75; 5 Jan 1 MWh * 0.25 = 0.25; Feb 56 MWh * 0.25 (Jan's factor,
    # the latest earlier month with one) = 14
    check(
        one(warehouse, "5.10", "2023-01-01", "agriculture", "electricity"),
        31,
        3.1,
        7.75,
        "reported",
    )
    check(
        one(warehouse, "5.11", "2023-01-05", "agriculture", "electricity"), 1, 0.1, 0.25, "reported"
    )
    check(
        one(warehouse, "5.10", "2023-02-01", "agriculture", "electricity"), 56, 5.6, 14, "reported"
    )


def test_zero_driver_parent_splits_evenly(warehouse):
    # construction electricity is 0 every day: 4380 t diesel -> quarters 4380 / 4 = 1095,
    # months 1095 / 3 = 365, days of January 365 / 31, of February 365 / 28
    check(
        one(warehouse, "5.9", "2023-04-01", "construction", "diesel"),
        1095,
        1095,
        3285,
        "disaggregated",
    )
    check(
        one(warehouse, "5.10", "2023-02-01", "construction", "diesel"),
        365,
        365,
        1095,
        "disaggregated",
    )
    jan = 365 / 31
    check(
        one(warehouse, "5.11", "2023-01-05", "construction", "diesel"),
        jan,
        jan,
        3 * jan,
        "disaggregated",
    )
    feb = 365 / 28
    check(
        one(warehouse, "5.11", "2023-02-05", "construction", "diesel"),
        feb,
        feb,
        3 * feb,
        "disaggregated",
    )


def test_days_add_up_to_their_year(warehouse):
    # C1 exactly: every day of 2023 of each direct fuel adds up to the year figure
    sums = fetch_dicts(
        warehouse,
        f"select region_code, subsector, fuel_code, sum(activity_quantity) as q "
        f"from {warehouse.schema}.int_other__emissions where period_type = 'day' "
        "and scope <> 'indirect_electricity' and period_start < cast('2024-01-01' as date) "
        "group by region_code, subsector, fuel_code order by 1, 2, 3",
    )
    expected = {  # the year figures of 5.8 / 5.16 (and Heat(s) of heat_consumption)
        (PROVINCE, "agriculture", "raw_coal"): 3020,
        (PROVINCE, "agriculture", "heat"): 604,
        (PROVINCE, "construction", "diesel"): 4380,
        (CITY, "agriculture", "raw_coal"): 396,
        (CITY, "agriculture", "heat"): 792,
        (CITY, "residential", "natural_gas"): 39.6,
    }
    assert {(r["region_code"], r["subsector"], r["fuel_code"]): r["q"] for r in sums} == (
        pytest.approx(expected, rel=1e-12)
    )


def test_nowcast_year(warehouse):
    # 2024: no energy_balance -> nowcast from 2023. Agriculture: 3020 t / 302 MWh = 10 t/MWh;
    # 2024 grid has 3 MWh on each January day: year = quarter = January = 93 MWh -> 930 t, day 30 t
    for method, start, q in (
        ("5.8", "2024-01-01", 930),
        ("5.9", "2024-01-01", 930),
        ("5.10", "2024-01-01", 930),
        ("5.11", "2024-01-05", 30),
    ):
        check(one(warehouse, method, start, "agriculture", "raw_coal"), q, q * 0.5, q, "nowcast")
    # construction: reference driver D(2023) = 0 -> Q(ref) / number of periods of 2023:
    # year 4380 / 1, quarter 4380 / 4 = 1095, month 4380 / 12 = 365, day 4380 / 365 = 12
    for method, start, q in (
        ("5.8", "2024-01-01", 4380),
        ("5.9", "2024-01-01", 1095),
        ("5.10", "2024-01-01", 365),
        ("5.11", "2024-01-05", 12),
    ):
        check(one(warehouse, method, start, "construction", "diesel"), q, q, 3 * q, "nowcast")
    # heat is never nowcast: Heat(agriculture, 2024) = 186 GJ (year row, reported), cascaded by
    # electricity: January = 186 * 93 / 93, 5 Jan = 186 * 3 / 93 = 6 GJ; EF_heat of 2024 falls
    # back to 2023's 0.1 -> 18.6 tCO2; 5 Jan uses January 2024's applied factor (January 2023's
    # 0.1 carried forward) -> 0.6
    check(one(warehouse, "5.8", "2024-01-01", "agriculture", "heat"), 186, 9.3, 18.6, "reported")
    check(one(warehouse, "5.11", "2024-01-05", "agriculture", "heat"), 6, 0.3, 0.6, "disaggregated")
    # only January 2024 has grid days: no other month or quarter of 2024 exists
    months = rows(warehouse, "5.10", "period_start >= cast('2024-01-01' as date)")
    assert {str(r["period_start"])[:10] for r in months} == {"2024-01-01"}


def test_5_16_city_year_activity_times_intensity(warehouse):
    # agriculture: 198 (10^4 yuan) * 2.0 (version valid 2023-01-01; 1.0 is older, 5.0 starts
    # 2023-07-01) = 396 t raw_coal -> 198 tce, 396 tCO2; the electricity intensity (9.0) is unused
    check(
        one(warehouse, "5.16", "2023-01-01", "agriculture", "raw_coal"), 396, 198, 396, "reported"
    )
    # residential: 3960 persons * 0.01 = 39.6 (10^4 m3) natural gas -> 396 tce, 792 tCO2
    check(
        one(warehouse, "5.16", "2023-01-01", "residential", "natural_gas"),
        39.6,
        396,
        792,
        "reported",
    )
    # heat: Heat(agriculture) 792 GJ * EF_heat of the province 0.1 = 79.2; 792 * 0.05 = 39.6 tce
    check(one(warehouse, "5.16", "2023-01-01", "agriculture", "heat"), 792, 39.6, 79.2, "reported")
    # the city's grid data give only sector 'other' (no subsector split): the electricity row
    # carries the whole other sector, 365 days + 31 extra in January = 396 MWh * 0.5 = 198 tCO2
    elec = one(warehouse, "5.16", "2023-01-01", "other", "electricity")
    check(elec, 396, 39.6, 198, "reported")
    fuels = {r["fuel_code"] for r in rows(warehouse, "5.16", "scope = 'direct'")}
    assert fuels == {"raw_coal", "natural_gas"}


def test_5_17_to_5_19_city_cascade(warehouse):
    # driver: the whole other sector, Jan 2 MWh/day, else 1: Q1 = 62 + 28 + 31 = 121, year 396.
    # agriculture raw_coal 396 t: Q1 = 396 * 121 / 396 = 121; Q2 = 91 (days of Q2)
    check(
        one(warehouse, "5.17", "2023-01-01", "agriculture", "raw_coal"),
        121,
        60.5,
        121,
        "disaggregated",
    )
    check(
        one(warehouse, "5.17", "2023-04-01", "agriculture", "raw_coal"),
        91,
        45.5,
        91,
        "disaggregated",
    )
    # Jan = 121 * 62 / 121 = 62; Feb = 121 * 28 / 121 = 28
    check(
        one(warehouse, "5.18", "2023-01-01", "agriculture", "raw_coal"), 62, 31, 62, "disaggregated"
    )
    check(
        one(warehouse, "5.18", "2023-02-01", "agriculture", "raw_coal"), 28, 14, 28, "disaggregated"
    )
    # 5 Jan = 62 * 2 / 62 = 2 t; 5 Feb = 28 * 1 / 28 = 1 t
    check(one(warehouse, "5.19", "2023-01-05", "agriculture", "raw_coal"), 2, 1, 2, "disaggregated")
    check(
        one(warehouse, "5.19", "2023-02-05", "agriculture", "raw_coal"), 1, 0.5, 1, "disaggregated"
    )
    # residential natural gas 39.6 by the same driver: 5 Jan = 39.6 * 2 / 396 = 0.2 -> 2 tce, 4 tCO2
    check(
        one(warehouse, "5.19", "2023-01-05", "residential", "natural_gas"),
        0.2,
        2,
        4,
        "disaggregated",
    )
    # heat 792 GJ: 5 Jan = 792 * 2 / 396 = 4 GJ * EF_heat(Jan, province) 0.1 = 0.4
    check(one(warehouse, "5.19", "2023-01-05", "agriculture", "heat"), 4, 0.2, 0.4, "disaggregated")
    # electricity of the day: 2 MWh * EF_elec(Jan, province) 0.25 = 0.5
    check(one(warehouse, "5.19", "2023-01-05", "other", "electricity"), 2, 0.2, 0.5, "reported")


def test_every_model_has_rows_of_its_period_type_only(warehouse):
    for method, model in MODELS.items():
        found = fetch_dicts(
            warehouse,
            f"select distinct period_type, method, sector from {warehouse.schema}.{model}",
        )
        expected_type = model.rsplit("_", 1)[1]
        assert found == [{"period_type": expected_type, "method": method, "sector": "other"}]


def test_postgres_gives_identical_rows(warehouse, landing, pg_warehouse):
    build(landing, pg_warehouse, build_id="test-other-pg", select=SELECT)
    keys = "region_code, period_type, period_start, subsector, fuel_code, scope"
    sql = (
        "select region_code, period_type, cast(period_start as varchar(10)) as period_start, "
        "subsector, fuel_code, scope, activity_quantity, energy_tce, emissions_tco2, "
        "estimate_type from {schema}.int_other__emissions order by " + keys
    )
    on_duckdb = fetch_dicts(warehouse, sql.format(schema=warehouse.schema))
    on_pg = fetch_dicts(pg_warehouse, sql.format(schema=pg_warehouse.schema))
    assert len(on_duckdb) == len(on_pg) > 1000
    for a, b in zip(on_duckdb, on_pg, strict=True):
        for column in ("activity_quantity", "energy_tce", "emissions_tco2"):
            assert math.isclose(a[column], b[column], rel_tol=1e-9, abs_tol=1e-12), (a, b)
            a.pop(column), b.pop(column)
        assert a == b
