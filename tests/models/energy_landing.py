"""The tiny landing set of the energy-sector model tests (tests/models/test_energy_models.py).

Round local factors so that the expected values can be worked out by hand:
c(raw_coal)=0.5, e(raw_coal)=2.0; c(natural_gas)=10, e(natural_gas)=1.5;
c(electricity_import)=0.1, e(electricity_import)=4.0 from 2020, 5.0 from 2024-02-01.

Province 320000: energy_balance 2024; months Jan, Apr, May, Jun 2024 of power_heat_inputs
(Feb not reported -> its days are nowcasts; Q2 from its three months); day rows of
power_supply on 1-3 Jan and 1-2 Feb 2024. City 320100: a 2023 year row, months Jan-Mar 2024
(Q1 from months), day rows on 30-31 Dec 2023 (no reference -> no day), 10-11 Jan 2024
(disaggregated), 1-2 Feb 2024 (zero generation -> even split) and 1 Apr 2024 (nowcast from 2023).
"""

PROVINCE = "320000"
CITY = "320100"


def _fuel(code, category, unit, c, valid_from="2020-01-01"):
    return {
        "fuel_code": code,
        "fuel_name_zh": code,
        "fuel_name_en": code,
        "category": category,
        "physical_unit": unit,
        "std_coal_coeff": c,
        "valid_from": valid_from,
        "source": "test value",
    }


def _factor(code, e, valid_from="2020-01-01"):
    return {"fuel_code": code, "co2_per_tce": e, "valid_from": valid_from, "source": "test value"}


def _supply(region, period_type, start, gen, imported, heat=None):
    return {
        "region_code": region,
        "period_type": period_type,
        "period_start": start,
        "generation_mwh": gen,
        "supply_mwh": gen,
        "imported_mwh": imported,
        "heat_supply_gj": heat,
    }


def _inputs(region, period_type, start, fuel, use, quantity):
    return {
        "region_code": region,
        "period_type": period_type,
        "period_start": start,
        "fuel_code": fuel,
        "use": use,
        "quantity": quantity,
    }


def _grid(region, period_type, start, value, sector="total_society", column="mwh"):
    return {
        "region_code": region,
        "period_type": period_type,
        "period_start": start,
        "sector_code": sector,
        "industry_code": None,
        column: value,
    }


def _balance(fuel, flow, quantity, year=2024):
    return {
        "region_code": PROVINCE,
        "year": year,
        "fuel_code": fuel,
        "flow_code": flow,
        "quantity": quantity,
    }


P, C = PROVINCE, CITY

LANDING = {
    "factor_seeds/fuels": [
        _fuel("raw_coal", "coal", "t", 0.5),
        _fuel("natural_gas", "gas", "10^4 m3", 10),
        _fuel("electricity", "electricity", "MWh", 0.1),
        _fuel("electricity_import", "electricity", "MWh", 0.1),
        _fuel("heat", "heat", "GJ", 0.03),
    ],
    "factor_seeds/emission_factors": [
        _factor("raw_coal", 2.0),
        _factor("natural_gas", 1.5),
        _factor("electricity", 0.0),
        _factor("heat", 0.0),
        _factor("electricity_import", 4.0),
        _factor("electricity_import", 5.0, "2024-02-01"),
    ],
    "regions": [
        {"region_code": "100000", "region_name": "nation", "level": "nation"},
        {"region_code": P, "region_name": "province", "level": "province", "parent_code": "100000"},
        {"region_code": C, "region_name": "city", "level": "city", "parent_code": P},
    ],
    "energy_balance": [
        _balance("raw_coal", "power_generation_input", 1000),
        _balance("natural_gas", "heat_supply_input", 20),
        _balance("raw_coal", "industry_final", 500),  # not energy sector
        _balance("electricity", "power_generation_input", 99),  # not a burned fuel
    ],
    "power_heat_inputs": [
        _inputs(P, "month", "2024-01-01", "raw_coal", "power", 40),
        _inputs(P, "month", "2024-01-01", "natural_gas", "heat", 2),
        _inputs(P, "month", "2024-04-01", "raw_coal", "power", 30),
        _inputs(P, "month", "2024-05-01", "raw_coal", "power", 20),
        _inputs(P, "month", "2024-05-01", "natural_gas", "heat", 1),
        _inputs(P, "month", "2024-06-01", "raw_coal", "power", 10),
        _inputs(C, "year", "2023-01-01", "raw_coal", "power", 730),
        _inputs(C, "year", "2023-01-01", "natural_gas", "heat", 73),
        _inputs(C, "month", "2024-01-01", "raw_coal", "power", 60),
        _inputs(C, "month", "2024-01-01", "natural_gas", "heat", 3),
        _inputs(C, "month", "2024-02-01", "raw_coal", "power", 40),
        _inputs(C, "month", "2024-03-01", "raw_coal", "power", 20),
    ],
    "power_supply": [
        _supply(P, "day", "2024-01-01", 100, 5, 10),
        _supply(P, "day", "2024-01-02", 300, 6, 30),
        _supply(P, "day", "2024-01-03", 0, 7, 60),
        _supply(P, "day", "2024-02-01", 50, 8),
        _supply(P, "day", "2024-02-02", 150, 9),
        _supply(P, "month", "2024-04-01", 1000, 10),
        _supply(P, "month", "2024-05-01", 1000, 20),
        _supply(P, "month", "2024-06-01", 1000, 30),
        _supply(C, "day", "2023-12-30", 100, 1),
        _supply(C, "day", "2023-12-31", 100, 1),
        _supply(C, "day", "2024-01-10", 30, 2),
        _supply(C, "day", "2024-01-11", 10, 3),
        _supply(C, "day", "2024-02-01", 0, 5),  # zero generation all month: even split
        _supply(C, "day", "2024-02-02", 0, 5),
        _supply(C, "day", "2024-04-01", 20, 4),
        _supply(C, "month", "2024-02-01", 500, 10),
        _supply(C, "month", "2024-03-01", 500, 20),
    ],
    "electricity_consumption": [
        _grid(P, "day", "2024-01-01", 100),
        _grid(P, "day", "2024-01-02", 200),
        _grid(P, "day", "2024-01-03", 100),
        _grid(P, "month", "2024-04-01", 300),
        _grid(P, "month", "2024-05-01", 200),
        _grid(P, "month", "2024-06-01", 0),
    ],
    "heat_consumption": [
        _grid(P, "day", "2024-01-01", 5, column="gj"),
        _grid(P, "day", "2024-01-02", 5, column="gj"),
        _grid(P, "day", "2024-01-03", 10, column="gj"),
        _grid(P, "month", "2024-04-01", 8, column="gj"),
        _grid(P, "month", "2024-05-01", 5, column="gj"),
    ],
}
