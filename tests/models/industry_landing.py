"""The tiny landing set of the industry model tests (tests/models/test_industry_models.py).

Round local factors: c(raw_coal)=0.5, e(raw_coal)=2.0 (1 t -> 0.5 tce -> 1 tCO2);
c(natural_gas)=10, e(natural_gas)=1.5 (1 unit -> 10 tce -> 15 tCO2); c(electricity)=0.1,
c(heat)=0.03. Local industries: 26 and 31 (industry), 44 (energy).

Province 320000 (P): industry_energy year rows of 2024 (with value added 2023, 2024, 2025 for
industry 31), months Jan-Mar 2024 (Q1 from months; 26 missing in Feb), April not reported;
grid day rows on 1-3 Jan 2024 (31 has daily electricity on 1-2 Jan only, 26 none) and on
1 Apr 2024 (nowcast from March). 2025 has no industry statistics: grid day rows of 31 on
2 Jan, 1 Apr and 1 May 2025 (nowcast from March 2024), so month, quarter and year 2025 are sums
of nowcast days. Energy data give EF_elec(2024) = 0.5, EF_heat(2024) = 0.1,
EF_elec(Jan 2024) = 0.4, EF_heat(Jan 2024) = 0.3, EF_elec(May 2025) = 0.2 (see the test module).

City 320100 (C): the twelve months of 2023 (year and quarters from months), Jan 2024 reported,
Feb, Mar and Apr 2024 not; daily electricity of industry 31 on 10-11 Jan, 1 Feb, 1 Mar and
1 Apr 2024 (Q1 and the year 2024 are sums of disaggregated and nowcast days).
"""

PROVINCE = "320000"
CITY = "320100"
P, C = PROVINCE, CITY


def _fuel(code, category, unit, c):
    return {
        "fuel_code": code,
        "fuel_name_zh": code,
        "fuel_name_en": code,
        "category": category,
        "physical_unit": unit,
        "std_coal_coeff": c,
        "valid_from": "2020-01-01",
        "source": "test value",
    }


def _factor(code, e):
    return {"fuel_code": code, "co2_per_tce": e, "valid_from": "2020-01-01", "source": "test value"}


def _industry(code, sector):
    return {
        "industry_code": code,
        "industry_name_zh": code,
        "industry_name_en": code,
        "sector": sector,
    }


def _energy(region, period_type, start, industry, fuel, quantity, table="consumption"):
    return {
        "region_code": region,
        "period_type": period_type,
        "period_start": start,
        "industry_code": industry,
        "fuel_code": fuel,
        "table_code": table,
        "quantity": quantity,
    }


def _value_added(region, year, industry, total, above):
    return {
        "region_code": region,
        "period_type": "year",
        "period_start": f"{year}-01-01",
        "industry_code": industry,
        "value_added_total": total,
        "value_added_above_scale": above,
    }


def _grid(region, period_type, start, value, sector="industry", industry=None, column="mwh"):
    return {
        "region_code": region,
        "period_type": period_type,
        "period_start": start,
        "sector_code": sector,
        "industry_code": industry,
        column: value,
    }


def _supply(region, start):
    return {
        "region_code": region,
        "period_type": "day",
        "period_start": start,
        "generation_mwh": 100,
        "supply_mwh": 100,
        "imported_mwh": 0,
    }


# City 2023: 1, 2, ..., 12 t of raw coal in January ... December (industry 31).
CITY_2023_MONTHS = [
    _energy(C, "month", f"2023-{month:02d}-01", "31", "raw_coal", month) for month in range(1, 13)
]

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
        _factor("electricity_import", 4.0),
        _factor("heat", 0.0),
    ],
    "factor_seeds/industries": [
        _industry("26", "industry"),
        _industry("31", "industry"),
        _industry("44", "energy"),
    ],
    "regions": [
        {"region_code": "100000", "region_name": "nation", "level": "nation"},
        {"region_code": P, "region_name": "province", "level": "province", "parent_code": "100000"},
        {"region_code": C, "region_name": "city", "level": "city", "parent_code": P},
    ],
    # Energy data for the province's derived factors (int_ef_applied).
    "energy_balance": [
        {
            "region_code": P,
            "year": 2024,
            "fuel_code": "raw_coal",
            "flow_code": "power_generation_input",
            "quantity": 1000,
        },
        {
            "region_code": P,
            "year": 2024,
            "fuel_code": "natural_gas",
            "flow_code": "heat_supply_input",
            "quantity": 2,
        },
    ],
    "power_heat_inputs": [
        {
            "region_code": P,
            "period_type": "month",
            "period_start": "2024-01-01",
            "fuel_code": "raw_coal",
            "use": "power",
            "quantity": 40,
        },
        {
            "region_code": P,
            "period_type": "month",
            "period_start": "2024-01-01",
            "fuel_code": "natural_gas",
            "use": "heat",
            "quantity": 2,
        },
        # May 2025: EF_elec(May 2025) = 20 x 0.5 x 2.0 / Elec(total_society) 100 = 0.2
        {
            "region_code": P,
            "period_type": "month",
            "period_start": "2025-05-01",
            "fuel_code": "raw_coal",
            "use": "power",
            "quantity": 20,
        },
    ],
    "power_supply": [
        _supply(P, "2024-01-01"),
        _supply(P, "2024-01-02"),
        _supply(P, "2024-01-03"),
        _supply(P, "2024-04-01"),
        _supply(P, "2025-01-02"),
        _supply(P, "2025-04-01"),
        _supply(P, "2025-05-01"),
        _supply(C, "2024-01-10"),
        _supply(C, "2024-01-11"),
        _supply(C, "2024-02-01"),
        _supply(C, "2024-03-01"),
        _supply(C, "2024-04-01"),
    ],
    "electricity_consumption": [
        _grid(P, "year", "2024-01-01", 2000, sector="total_society"),
        _grid(P, "month", "2024-01-01", 100, sector="total_society"),
        _grid(P, "year", "2024-01-01", 500, industry="26"),
        _grid(P, "day", "2024-01-01", 10, industry="31"),
        _grid(P, "day", "2024-01-02", 30, industry="31"),
        _grid(P, "month", "2024-03-01", 20, industry="31"),
        _grid(P, "day", "2024-04-01", 5, industry="31"),
        _grid(P, "day", "2025-01-02", 10, industry="31"),
        _grid(P, "day", "2025-04-01", 2, industry="31"),
        _grid(P, "day", "2025-05-01", 4, industry="31"),
        _grid(P, "month", "2025-05-01", 100, sector="total_society"),
        # Used by no industry model: industry 44 (energy sector) and all-industry rows.
        _grid(P, "month", "2024-01-01", 1000, industry="44"),
        _grid(P, "day", "2024-01-01", 70, industry="44"),
        _grid(P, "month", "2024-01-01", 999),
        _grid(C, "day", "2024-01-10", 2, industry="31"),
        _grid(C, "day", "2024-01-11", 6, industry="31"),
        _grid(C, "day", "2024-02-01", 4, industry="31"),
        _grid(C, "day", "2024-03-01", 2, industry="31"),
        _grid(C, "day", "2024-04-01", 1, industry="31"),
    ],
    "heat_consumption": [
        _grid(P, "year", "2024-01-01", 300, sector="total_society", column="gj"),
        _grid(P, "month", "2024-01-01", 100, sector="total_society", column="gj"),
    ],
    "industry_energy": [
        # Province, year 2024.
        _energy(P, "year", "2024-01-01", "31", "raw_coal", 1000),
        _energy(P, "year", "2024-01-01", "31", "raw_coal", -200, table="conversion"),
        _energy(P, "year", "2024-01-01", "31", "raw_coal", 50, table="recycling"),
        _energy(P, "year", "2024-01-01", "31", "heat", 100),
        _energy(P, "year", "2024-01-01", "31", "electricity", 777),  # grid Elec(i) is used
        _energy(P, "year", "2024-01-01", "26", "natural_gas", 4),
        _energy(P, "year", "2024-01-01", "44", "raw_coal", 999),  # energy sector
        # Province, months of Q1 2024.
        _energy(P, "month", "2024-01-01", "31", "raw_coal", 100),
        _energy(P, "month", "2024-01-01", "31", "raw_coal", -40, table="conversion"),
        _energy(P, "month", "2024-01-01", "31", "heat", 10),
        _energy(P, "month", "2024-01-01", "26", "natural_gas", 2),
        _energy(P, "month", "2024-01-01", "44", "raw_coal", 888),
        _energy(P, "month", "2024-02-01", "31", "raw_coal", 40),
        _energy(P, "month", "2024-03-01", "31", "raw_coal", 20),
        _energy(P, "month", "2024-03-01", "26", "natural_gas", 3.1),
        # April 2024 has only unusable rows: not reported.
        _energy(P, "month", "2024-04-01", "44", "raw_coal", 777),
        _energy(P, "month", "2024-04-01", "31", "electricity", 50),
        # City.
        *CITY_2023_MONTHS,
        _energy(C, "month", "2024-01-01", "31", "raw_coal", 30),
    ],
    "industry_value_added": [
        _value_added(P, 2023, "31", 100, 100),
        _value_added(P, 2024, "31", 300, 200),
        _value_added(P, 2025, "31", 1000, 100),
        _value_added(P, 2024, "26", 500, 0),  # VA_above zero -> k = 1
        _value_added(C, 2023, "31", 200, 100),
    ],
}
