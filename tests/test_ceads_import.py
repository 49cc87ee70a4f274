"""CEADs importer: unit conversion, the sector and product mapping, non-energy use, and one
province-year built end to end into DuckDB with annual models only.

The excerpt below is hand-made in the CEADs long format (real row numbers, labels, products
and units; invented round quantities), so every expected number is worked out by hand.
"""

import io

import pandas as pd
import pytest
from helpers import local_factor, local_fuel, write_landing

from orchestration.ceads.importer import (
    CEADS_FACTOR_DIR,
    import_ceads,
    region_codes,
    regions_frame,
)
from orchestration.ceads.mapping import (
    MappingError,
    convert,
    product_map,
    province_codes,
    sector_map,
    to_landing,
)
from orchestration.contract import ENERGY_BALANCE_FLOWS, SOURCES
from orchestration.paths import FACTOR_SEEDS_DIR
from orchestration.warehouse import Warehouse

EXCERPT = """year,province,row_label,row_index,fuel,unit,value
2019,Hubei,Total Final Consumption,2,Raw_Coal,10^4 ton,999
2019,Hubei,"Farming, Forestry, Animal Husbandry, Fishery",3,Diesel_Oil,10^4 ton,2
2019,Hubei,Other Minerals Mining and Dressing,9,Diesel_Oil,10^4 ton,0.05
2019,Hubei,Food Production,12,Heat,10^10 kj,100
2019,Hubei,Petroleum Processing and Coking,23,Other_Petroleum_Products,10^4 ton,5
2019,Hubei,Raw Chemical Materials and Chemical Products,24,Natural_Gas,10^8 cu.m,4
2019,Hubei,Raw Chemical Materials and Chemical Products,24,LPG,10^4 ton,2
2019,Hubei,Medical and Pharmaceutical Products,25,Natural_Gas,10^8 cu.m,1
2019,Hubei,Rubber Products,27,Diesel_Oil,10^4 ton,1
2019,Hubei,Plastic Products,28,Diesel_Oil,10^4 ton,2
2019,Hubei,Smelting and Pressing of Ferrous Metals,30,Other_Gas,10^8 cu.m,10
2019,Hubei,Transportation Equipment,35,Coke,10^4 ton,0.3
2019,Hubei,"Electric Power, Steam and Hot Water Production and Supply",41,Raw_Coal,10^4 ton,20
2019,Hubei,"Electric Power, Steam and Hot Water Production and Supply",41,Natural_Gas,10^8 cu.m,0.1
2019,Hubei,"Wholesale, Retail Trade and Catering Service",46,LPG,10^4 ton,1.5
2019,Hubei,"Wholesale, Retail Trade and Catering Service",46,Diesel_Oil,10^4 ton,0.5
2019,Hubei,Other,47,Diesel_Oil,10^4 ton,1
2019,Hubei,Urban,48,Gasoline,10^4 ton,3
2019,Hubei,Rural,49,Gasoline,10^4 ton,1
2019,Hubei,Rural,49,Other_Energy,10^4 tce,7
2019,Hubei,Thermal Power,53,Raw_Coal,10^4 ton,100
2019,Hubei,Thermal Power,53,Other_Petroleum_Products,10^4 ton,0.2
2019,Hubei,Thermal Power,53,Electricity,10^8 kwh,-50
2019,Hubei,Heating Supply,54,Natural_Gas,10^8 cu.m,0.5
2019,Hubei,Coking,56,Raw_Coal,10^4 ton,80
2019,Hubei,Petroleum Refineries,57,Crude_Oil,10^4 ton,100
2019,Hubei,Non-Energy Use,66,Natural_Gas,10^8 cu.m,0.5
2019,Hubei,Non-Energy Use,66,LPG,10^4 ton,3
2019,Hubei,Non-Energy Use,66,Diesel_Oil,10^4 ton,0.3
"""
HUBEI = "420000"


def excerpt() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(EXCERPT))


@pytest.fixture(scope="module")
def mapped():
    return to_landing(excerpt(), {"Hubei": HUBEI})


def as_dict(frame: pd.DataFrame, keys: list[str]) -> dict:
    return {tuple(r[k] for k in keys): r["quantity"] for r in frame.to_dict("records")}


# ------------------------------------------------------------------ units


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (12.5, "10^4 ton", (125_000, "t")),  # 12.5 x 10^4 t
        (3.2, "10^8 cu.m", (32_000, "10^4 m3")),  # 3.2 x 10^8 m3 = 3.2 x 10^4 x 10^4 m3
        (2, "10^10 kj", (20_000, "GJ")),  # 2 x 10^10 kJ = 2 x 10^13 J = 2 x 10^4 GJ
        (2, "1010 kj", (20_000, "GJ")),  # the same unit as some CEADs years print it
        (1.5, "10^8 kwh", (150_000, "MWh")),  # 1.5 x 10^8 kWh = 1.5 x 10^5 MWh
        (7, "10^4 tce", (70_000, "tce")),
    ],
)
def test_units_are_converted_to_the_seeds_units(value, unit, expected):
    quantity, target = convert(value, unit)
    assert quantity == pytest.approx(expected[0], rel=1e-12)
    assert target == expected[1]


def test_an_unknown_unit_is_refused():
    with pytest.raises(MappingError, match="unknown CEADs unit"):
        convert(1.0, "10^4 barrel")


def test_every_mapped_product_lands_in_its_fuels_physical_unit():
    fuels = pd.read_csv(FACTOR_SEEDS_DIR / "fuels.csv", dtype=str).set_index("fuel_code")
    units = {"Natural_Gas": "10^8 cu.m", "Coke_Oven_Gas": "10^8 cu.m", "Other_Gas": "10^8 cu.m"}
    mapped_products = product_map()[product_map()["boundary"] != "excluded"]
    for row in mapped_products.itertuples():
        _, unit = convert(1.0, units.get(row.ceads_product, "10^4 ton"))
        assert unit == fuels.loc[row.fuel_code, "physical_unit"], row.ceads_product


# ------------------------------------------------------------------ mapping tables


def test_sector_map_targets_are_contract_codes():
    industries = pd.read_csv(FACTOR_SEEDS_DIR / "industries.csv", dtype=str)
    industry_sector = dict(zip(industries.industry_code, industries.sector, strict=True))
    table = sector_map()
    assert set(range(3, 50)) - {10} <= set(table.ceads_row)  # every CEADs sector row is mapped
    for row in table.itertuples():
        assert row.note, row.ceads_row  # every choice has its reason
        if row.target == "industry":
            assert industry_sector[row.code] == "industry", row  # never 44 (energy)
        elif row.target == "flow":
            assert row.code in ENERGY_BALANCE_FLOWS, row
        else:
            assert row.target == "excluded" and row.code == "", row
    industry_codes = set(table.loc[table.target == "industry", "code"])
    # Divisions with no CEADs line of their own (see the notes of rows 9, 35, 39) and 44.
    assert set(industry_sector) - industry_codes == {"11", "37", "43", "44"}


def test_regions_carry_the_nation_and_official_province_codes():
    frame = regions_frame(province_codes(["42", "Beijing"]))
    assert frame.to_dict("records") == [
        {
            "region_code": "100000",
            "region_name": "中华人民共和国",
            "level": "nation",
            "parent_code": "",
        },
        {
            "region_code": "110000",
            "region_name": "北京市",
            "level": "province",
            "parent_code": "100000",
        },
        {
            "region_code": "420000",
            "region_name": "湖北省",
            "level": "province",
            "parent_code": "100000",
        },
    ]
    assert province_codes(["420000", "hubei", "Inner Mongolia"]) == ["Hubei", "InnerMongolia"]
    assert region_codes(["InnerMongolia"]) == {"InnerMongolia": "150000"}
    with pytest.raises(MappingError, match="unknown province"):
        province_codes(["Tibet"])  # not one of CEADs' 30 provinces


# ------------------------------------------------------------------ mapping of the excerpt


def test_energy_balance_flows_from_the_excerpt(mapped):
    flows = as_dict(mapped.energy_balance, ["region_code", "year", "fuel_code", "flow_code"])
    assert flows == pytest.approx(
        {
            # thermal power input 100 + the power industry's own final use (row 41) 20,
            # x 10^4 t = 1 200 000 t
            (HUBEI, 2019, "raw_coal", "power_generation_input"): 1_200_000,
            # row 41: 0.1 x 10^8 m3 = 1 000 x 10^4 m3
            (HUBEI, 2019, "natural_gas", "power_generation_input"): 1_000,
            # row 54: 0.5 x 10^8 m3 = 5 000 x 10^4 m3
            (HUBEI, 2019, "natural_gas", "heat_supply_input"): 5_000,
            # other petroleum products: only the thermal power input, 0.2 x 10^4 t
            (HUBEI, 2019, "other_petroleum", "power_generation_input"): 2_000,
            (HUBEI, 2019, "diesel", "agriculture"): 20_000,  # row 3: 2 x 10^4 t
            # rows 46 + 47 (other services): (0.5 + 1) x 10^4 t
            (HUBEI, 2019, "diesel", "commercial"): 15_000,
            (HUBEI, 2019, "lpg", "commercial"): 15_000,  # row 46: 1.5 x 10^4 t
            (HUBEI, 2019, "gasoline", "residential"): 40_000,  # rows 48 + 49: (3 + 1) x 10^4 t
        },
        rel=1e-12,
    )


def test_industry_rows_by_division_with_non_energy_use_taken_away(mapped):
    frame = mapped.industry_energy
    assert set(frame.period_type) == {"year"} and set(frame.period_start) == {"2019-01-01"}
    assert set(frame.table_code) == {"consumption"}
    rows = as_dict(frame, ["industry_code", "fuel_code"])
    assert rows == pytest.approx(
        {
            # natural gas: rows 24-28 use S = 4 + 1 = 5, non-energy use 0.5 <= S, so each
            # keeps 1 - 0.5 / 5 = 0.9: 24 -> 26: 4 x 0.9 x 10^4 = 36 000; 25 -> 27: 9 000
            ("26", "natural_gas"): 36_000,
            ("27", "natural_gas"): 9_000,
            # diesel: rubber 1 + plastics 2 = 3, non-energy use 0.3: keep 0.9; both rows are
            # division 29: (1 + 2) x 0.9 x 10^4 = 27 000 t
            ("29", "diesel"): 27_000,
            # LPG: non-energy use 3 > use of rows 24-28 (2): capped, row 24 keeps 0 -> no row
            ("12", "diesel"): 500,  # other mining (row 9) -> 12: 0.05 x 10^4 t
            ("36", "coke"): 3_000,  # transport equipment (row 35) -> 36: 0.3 x 10^4 t
            ("31", "other_gas"): 100_000,  # ferrous metals (row 30): 10 x 10^8 m3
        },
        rel=1e-12,
    )


def test_what_is_excluded(mapped):
    fuels = set(mapped.energy_balance.fuel_code) | set(mapped.industry_energy.fuel_code)
    # electricity, heat, other energy; coking and refinery inputs (raw coal 80, crude 100);
    # the total row (raw coal 999); other petroleum products' final use (row 23)
    assert "crude_oil" not in fuels and not {"electricity", "heat"} & fuels
    coal = mapped.energy_balance.query("fuel_code == 'raw_coal'").quantity.sum()
    assert coal == pytest.approx(1_200_000) and "44" not in set(
        mapped.industry_energy.industry_code
    )
    assert mapped.dropped["material use of power_heat_only products (rows)"] == 1
    deducted = as_dict(
        mapped.non_energy_use.rename(columns={"deducted": "quantity"}), ["fuel_code"]
    )
    # natural gas 0.5 x 10^4; LPG min(3, 2) x 10^4; diesel 0.3 x 10^4
    assert deducted == pytest.approx(
        {("natural_gas",): 5_000, ("lpg",): 20_000, ("diesel",): 3_000}
    )


def test_import_writes_contract_files_and_the_chosen_factor_set(tmp_path):
    path = tmp_path / "excerpt.csv"
    path.write_text(EXCERPT, encoding="utf-8")
    summary = import_ceads(tmp_path / "landing", [2019], ["Hubei"], "ceads", inventory_path=path)
    assert summary.rows == {"regions": 2, "energy_balance": 8, "industry_energy": 6}
    for source in summary.rows:
        header = (tmp_path / "landing" / source / "ceads.csv").read_text().splitlines()[0]
        assert header.split(",") == list(SOURCES[source].column_names)
    for name in ("fuels.csv", "emission_factors.csv"):
        copied = (tmp_path / "landing" / "factor_seeds" / name).read_bytes()
        assert copied == (CEADS_FACTOR_DIR / name).read_bytes()
    import_ceads(tmp_path / "landing", [2019], ["Hubei"], "bundled", inventory_path=path)
    assert not list((tmp_path / "landing" / "factor_seeds").glob("*.csv"))
    with pytest.raises(ValueError, match="no rows for year"):
        import_ceads(tmp_path / "other", [2018], ["Hubei"], inventory_path=path)


# ------------------------------------------------------------------ end to end


def _fuel_2010(code, category, unit, c):
    return local_fuel(code, category, unit, c, valid_from="2010-01-01")


def _factor_2010(code, e):
    return local_factor(code, e, valid_from="2010-01-01")


# Round local factors (c tce per unit, e tCO2/tce), so the emissions are easy to check by hand.
ROUND_FACTORS = {
    "factor_seeds/fuels": [
        _fuel_2010("raw_coal", "coal", "t", 0.5),
        _fuel_2010("natural_gas", "gas", "10^4 m3", 10),
        _fuel_2010("other_petroleum", "oil", "t", 1.2),
        _fuel_2010("diesel", "oil", "t", 1.5),
        _fuel_2010("gasoline", "oil", "t", 1.5),
        _fuel_2010("lpg", "oil", "t", 1.7),
        _fuel_2010("coke", "coal", "t", 1.0),
        _fuel_2010("other_gas", "gas", "10^4 m3", 4),
        _fuel_2010("electricity", "electricity", "MWh", 0.1),
        _fuel_2010("electricity_import", "electricity", "MWh", 0.1),
        _fuel_2010("heat", "heat", "GJ", 0.03),
    ],
    "factor_seeds/emission_factors": [
        _factor_2010("raw_coal", 2.5),
        _factor_2010("natural_gas", 1.5),
        _factor_2010("other_petroleum", 2.0),
        _factor_2010("diesel", 2.0),
        _factor_2010("gasoline", 2.0),
        _factor_2010("lpg", 2.0),
        _factor_2010("coke", 3.0),
        _factor_2010("other_gas", 1.0),
        _factor_2010("electricity", 0.0),
        _factor_2010("electricity_import", 0.0),
        _factor_2010("heat", 0.0),
    ],
}


def test_one_province_year_builds_annual_models_only(tmp_path):
    from orchestration.pipeline import build

    path = tmp_path / "excerpt.csv"
    path.write_text(EXCERPT, encoding="utf-8")
    landing = tmp_path / "landing"
    import_ceads(landing, [2019], ["Hubei"], inventory_path=path)
    write_landing(landing, ROUND_FACTORS)
    warehouse = Warehouse.duckdb(tmp_path / "warehouse.duckdb")
    result = build(landing, warehouse)  # raises if any dbt model or test errors
    assert result.refused_files == []
    rows = warehouse.query_df(
        f"select region_level, period_type, sector, subsector, fuel_code, scope, method, "
        f"activity_quantity, emissions_tco2 from {warehouse.relation('fct_emissions')} "
        "where layer = 'computed'"
    )
    # No grid data: year rows only (no empty quarters, months or days).
    assert set(rows.period_type) == {"year"}
    province = rows[rows.region_level == "province"].set_index(["subsector", "fuel_code"])
    # 5.2 power, raw coal: 1 200 000 t x 0.5 tce/t x 2.5 tCO2/tce = 1 500 000 tCO2
    power_coal = province.loc[("power", "raw_coal")]
    assert (power_coal.method, power_coal.scope) == ("5.2", "direct")
    assert power_coal.activity_quantity == pytest.approx(1_200_000, rel=1e-9)
    assert power_coal.emissions_tco2 == pytest.approx(1_500_000, rel=1e-9)
    # 5.2 heat, natural gas: 5 000 x 10^4 m3 x 10 tce x 1.5 = 75 000 tCO2
    assert province.loc[("heat", "natural_gas")].emissions_tco2 == pytest.approx(75_000, rel=1e-9)
    # 5.5 industry 29, diesel (after non-energy use): 27 000 t x 1.5 x 2.0 = 81 000 tCO2 (k = 1)
    diesel_29 = province.loc[("29", "diesel")]
    assert diesel_29.method == "5.5"
    assert diesel_29.emissions_tco2 == pytest.approx(81_000, rel=1e-9)
    # 5.8 residential gasoline: 40 000 t x 1.5 x 2.0 = 120 000 tCO2
    assert province.loc[("residential", "gasoline")].emissions_tco2 == pytest.approx(120_000)
    # The nation is the sum of its one province.
    totals = warehouse.query_df(
        "select region_code, period_type, total_tco2 "
        f"from {warehouse.relation('rpt_region_totals')} where layer = 'computed'"
    )
    assert set(totals.period_type) == {"year"}
    by_region = totals.set_index("region_code").total_tco2
    assert by_region["100000"] == pytest.approx(by_region[HUBEI])
    # energy: power 1 500 000 + 1 000 x 10 x 1.5 (gas, row 41) + 2 000 x 1.2 x 2.0 (other
    # petroleum) = 1 519 800; heat 75 000; industry: 26 gas 36 000 x 15 = 540 000, 27 gas
    # 9 000 x 15 = 135 000, 29 diesel 81 000, 12 diesel 500 x 3 = 1 500, 36 coke 3 000 x 3
    # = 9 000, 31 other gas 100 000 x 4 x 1 = 400 000 -> 1 166 500; other: agriculture
    # 20 000 x 3 = 60 000, commercial diesel 15 000 x 3 = 45 000 and LPG 15 000 x 1.7 x 2
    # = 51 000, residential 120 000 -> 276 000. Total 1 519 800 + 75 000 + 1 166 500 +
    # 276 000 = 3 037 300 tCO2
    assert by_region[HUBEI] == pytest.approx(3_037_300, rel=1e-9)
    derived = warehouse.query(
        f"select count(*) from {warehouse.relation('fct_emission_factors_derived')}"
    )
    assert derived == [(0,)]  # no grid data, no electricity or heat factor, no empty rows
