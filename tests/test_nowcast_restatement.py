"""Nowcast, then restatement (METHOD 3): a month's statistics arrive after its days were nowcast.

Landing: province 420000 with daily generation on two days of January and two
of February 2024; power fuel (raw coal) reported for January only. Local
factors make the arithmetic round: c(raw_coal) = 0.5 tce/t, e(raw_coal) = 2.0
tCO2/tce, so 1 t of coal = 0.5 * 2.0 = 1 tCO2.

Build 1: February is not reported, so its days are nowcasts from January
(model 5.4, reference = latest reported month):
    Gen(Jan) = 10 + 30 = 40 MWh;  Q(Jan) = 100 t
    Q(Feb 1) = Q(Jan) / Gen(Jan) * Gen(Feb 1) = 100 / 40 * 20 = 50 t -> 50 tCO2
Build 2: February arrives with 60 t:
    Q(Feb 1) = Q(Feb) * Gen(Feb 1) / (Gen(Feb 1) + Gen(Feb 2)) = 60 * 20 / 40 = 30 t -> 30 tCO2
    revision error = nowcast / final - 1 = 50 / 30 - 1 = 0.666...
"""

import pytest
from helpers import write_landing

from orchestration.pipeline import build

FACTORS = {
    "factor_seeds/fuels": [
        {
            "fuel_code": "raw_coal",
            "fuel_name_zh": "原煤",
            "fuel_name_en": "raw coal",
            "category": "coal",
            "physical_unit": "t",
            "std_coal_coeff": 0.5,
            "valid_from": "2010-01-01",
            "source": "test value",
        },
        {
            "fuel_code": "electricity",
            "fuel_name_zh": "电力",
            "fuel_name_en": "electricity",
            "category": "electricity",
            "physical_unit": "MWh",
            "std_coal_coeff": 0.1,
            "valid_from": "2010-01-01",
            "source": "test value",
        },
        {
            "fuel_code": "electricity_import",
            "fuel_name_zh": "外调入电量",
            "fuel_name_en": "imported electricity",
            "category": "electricity",
            "physical_unit": "MWh",
            "std_coal_coeff": 0.1,
            "valid_from": "2010-01-01",
            "source": "test value",
        },
        {
            "fuel_code": "heat",
            "fuel_name_zh": "热力",
            "fuel_name_en": "heat",
            "category": "heat",
            "physical_unit": "GJ",
            "std_coal_coeff": 0.03,
            "valid_from": "2010-01-01",
            "source": "test value",
        },
    ],
    "factor_seeds/emission_factors": [
        {"fuel_code": f, "co2_per_tce": v, "valid_from": "2010-01-01", "source": "test value"}
        for f, v in [
            ("raw_coal", 2.0),
            ("electricity", 0),
            ("electricity_import", 5.0),
            ("heat", 0),
        ]
    ],
}
REGIONS = [
    {"region_code": "100000", "region_name": "中国", "level": "nation"},
    {
        "region_code": "420000",
        "region_name": "湖北省",
        "level": "province",
        "parent_code": "100000",
    },
]


def _day(date, generation):
    return {
        "region_code": "420000",
        "period_type": "day",
        "period_start": date,
        "generation_mwh": generation,
        "supply_mwh": generation,
        "imported_mwh": 0,
    }


def _coal(month, tonnes):
    return {
        "region_code": "420000",
        "period_type": "month",
        "period_start": month,
        "fuel_code": "raw_coal",
        "use": "power",
        "quantity": tonnes,
    }


def _feb1_power(warehouse):
    rows = warehouse.query(
        f"select activity_quantity, emissions_tco2, estimate_type "
        f"from {warehouse.schema}.fct_emissions where region_code = '420000' "
        "and period_type = 'day' and period_start = cast('2024-02-01' as date) "
        "and subsector = 'power' and fuel_code = 'raw_coal' and layer = 'computed'"
    )
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_nowcast_is_restated_and_kept_in_history(engine, tmp_path, request):
    warehouse = request.getfixturevalue(
        "duckdb_warehouse" if engine == "duckdb" else "pg_warehouse"
    )
    landing = write_landing(
        tmp_path / "landing",
        {
            "regions": REGIONS,
            "power_supply": [
                _day("2024-01-01", 10),
                _day("2024-01-02", 30),
                _day("2024-02-01", 20),
                _day("2024-02-02", 20),
            ],
            "power_heat_inputs": [_coal("2024-01-01", 100)],
            **FACTORS,
        },
    )
    build(landing, warehouse, build_id="build-1")
    quantity, emissions, estimate_type = _feb1_power(warehouse)
    assert estimate_type == "nowcast"
    assert quantity == pytest.approx(50.0)  # 100 / 40 * 20
    assert emissions == pytest.approx(50.0)  # 50 t * 0.5 * 2.0

    write_landing(
        landing, {"power_heat_inputs": [_coal("2024-02-01", 60)]}, file_name="2024-02.csv"
    )
    build(landing, warehouse, build_id="build-2")
    quantity, emissions, estimate_type = _feb1_power(warehouse)
    assert estimate_type == "disaggregated"
    assert quantity == pytest.approx(30.0)  # 60 * 20 / 40
    assert emissions == pytest.approx(30.0)

    history = warehouse.query(
        f"select nowcast_emissions_tco2, final_emissions_tco2, revision_error, "
        f"nowcast_build_id, replaced_in_build_id from {warehouse.schema}.fct_nowcast_history "
        "where region_code = '420000' and period_type = 'day' "
        "and period_start = cast('2024-02-01' as date) and subsector = 'power' "
        "and fuel_code = 'raw_coal' and layer = 'computed'"
    )
    assert len(history) == 1, history
    nowcast, final, revision, made_in, replaced_in = history[0]
    assert nowcast == pytest.approx(50.0)
    assert final == pytest.approx(30.0)
    assert revision == pytest.approx(50.0 / 30.0 - 1)
    assert (made_in, replaced_in) == ("build-1", "build-2")

    # A third build with nothing new records nothing twice.
    build(landing, warehouse, build_id="build-3")
    count = warehouse.query(
        f"select count(*) from {warehouse.schema}.fct_nowcast_history "
        "where region_code = '420000' and period_type = 'day' "
        "and period_start = cast('2024-02-01' as date) and subsector = 'power' "
        "and fuel_code = 'raw_coal' and layer = 'computed'"
    )[0][0]
    assert count == 1
