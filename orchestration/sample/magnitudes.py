"""Yearly magnitudes of the generated sample, for Hubei in 2023.

All approximate, rounded from public figures so that the sample has the
right order of magnitude; they are NOT the official numbers and the sample
is not official statistics. Other provinces are Hubei scaled by their 2022
electricity consumption relative to Hubei's (CEADs provincial energy
inventory, see province_scale.csv); other years grow by ``GROWTH``.

Public figures used (approximate):
- Total electricity consumption 全社会用电量 about 2.7e8 MWh (2023, Hubei
  Statistical Bulletin 2023 / 湖北省统计局); CEADs 2022: 2,530 x 10^8 kWh.
- Power generation about 3.3e8 MWh (2023, Hubei Statistical Yearbook 2023
  order of magnitude; hydro incl. the Three Gorges, thermal about 42 %).
- Coal burned for power about 5.8e7 t raw coal (CEADs 2022 Hubei thermal
  power input: 5,795 x 10^4 t); here 5.4e7 t.
- Heat consumption about 1.5e8 GJ (CEADs 2022 Hubei: 15,272 x 10^10 kJ).
- GDP 5.58e8 x 10^4 yuan (55,803.6 x 10^8 yuan, 2023), population 5838 x
  10^4 (end of 2023): Hubei Statistical Bulletin 2023.
- Industrial value added about 1.6e8 x 10^4 yuan (2023, order of magnitude).
- Industry fuel and other-sector fuel quantities: rounded from the CEADs
  2022 Hubei inventory rows of the matching sectors (Shan et al. 2018).
- Electricity shares by sector: order of magnitude of the Hubei bulletin
  (primary about 1 %, secondary about 53 %, tertiary about 24 %, residents
  about 22 %).
Generation heat rates (0.42 t raw coal per MWh of coal power, about 300
gce/kWh) and the like are sample assumptions, not method coefficients.
"""

BASE_YEAR = 2023
GROWTH = {"electricity": 1.03, "fuel": 1.02, "economy": 1.03, "population": 0.999}

TOTAL_ELECTRICITY_MWH = 2.7e8
GENERATION_MWH = 3.3e8
THERMAL_SHARE = 0.42
IMPORTED_MWH = 4.0e7
SUPPLY_OVER_CONSUMPTION = 1.04  # grid supply incl. losses
HEAT_SUPPLY_GJ = 1.55e8
HEAT_LOSS_SHARE = 0.04

# Shares of total electricity consumption.
SECTOR_ELECTRICITY_SHARES = {
    "agriculture": 0.012,
    "construction": 0.016,
    "transport": 0.035,
    "commercial": 0.2,
    "residential": 0.215,
    "industry": 0.522,
}
# Shares of industrial electricity by GB/T 4754 division (normalized on use).
INDUSTRY_ELECTRICITY_SHARES = {
    "06": 0.005,
    "13": 0.04,
    "17": 0.06,
    "22": 0.045,
    "25": 0.03,
    "26": 0.25,
    "30": 0.16,
    "31": 0.2,
    "32": 0.035,
    "33": 0.03,
    "36": 0.06,
    "38": 0.025,
    "39": 0.03,
}
PROCESS_INDUSTRIES = ("25", "26", "31", "32")
ENERGY_INDUSTRY = "44"  # in industry_energy and value added only; models must ignore it

# Shares of heat consumption by sector (industry split below).
HEAT_SECTOR_SHARES = {
    "agriculture": 0.005,
    "construction": 0.0,
    "transport": 0.005,
    "commercial": 0.06,
    "residential": 0.13,
    "industry": 0.8,
}
INDUSTRY_HEAT_SHARES = {"13": 0.1, "17": 0.05, "22": 0.1, "26": 0.45, "31": 0.25, "36": 0.05}

# Fuel burned for power and heat: physical quantity per MWh generated (thermal)
# or per GJ of heat supplied; shares of thermal generation by fuel.
POWER_FUEL_PER_MWH = {"raw_coal": 0.42, "natural_gas": 0.02, "fuel_oil": 0.21}
POWER_FUEL_SHARES = {"raw_coal": 0.95, "natural_gas": 0.045, "fuel_oil": 0.005}
HEAT_FUEL_PER_GJ = {"raw_coal": 0.055, "natural_gas": 0.0032, "coke_oven_gas": 0.0075}
HEAT_FUEL_SHARES = {"raw_coal": 0.8, "natural_gas": 0.17, "coke_oven_gas": 0.03}

# Above-scale industry energy, province year (t, 10^4 m3, GJ): table -> fuel -> quantity.
# conversion / recycling are negative: coal into coke, crude into products,
# recovered blast-furnace and converter gas.
INDUSTRY_FUELS: dict[str, dict[str, dict[str, float]]] = {
    "06": {"consumption": {"raw_coal": 2.0e4, "diesel": 1.0e4}},
    "13": {"consumption": {"raw_coal": 1.3e5, "natural_gas": 6.0e3, "diesel": 1.5e3}},
    "17": {"consumption": {"raw_coal": 1.4e4, "lpg": 7.5e3, "natural_gas": 7.0e2}},
    "22": {"consumption": {"raw_coal": 6.3e5, "diesel": 1.2e4, "natural_gas": 5.5e2}},
    "25": {
        "consumption": {
            "washed_coal": 3.0e6,
            "crude_oil": 1.5e7,
            "refinery_gas": 3.0e5,
            "coke_oven_gas": 4.0e4,
            "fuel_oil": 2.0e4,
        },
        "conversion": {"washed_coal": -2.6e6, "crude_oil": -1.47e7},
    },
    "26": {
        "consumption": {
            "raw_coal": 6.0e6,
            "coke": 1.3e6,
            "natural_gas": 5.8e4,
            "other_gas": 4.7e5,
        },
        "conversion": {"natural_gas": -2.0e4},
    },
    "30": {
        "consumption": {
            "raw_coal": 4.0e6,
            "other_washed_coal": 5.5e5,
            "diesel": 2.2e5,
            "natural_gas": 8.1e4,
        }
    },
    "31": {
        "consumption": {
            "coke": 1.0e7,
            "raw_coal": 2.0e6,
            "coke_oven_gas": 2.5e5,
            "blast_furnace_gas": 1.5e6,
            "converter_gas": 1.5e5,
            "natural_gas": 1.8e4,
        },
        "recycling": {"blast_furnace_gas": -1.2e6, "converter_gas": -1.2e5},
    },
    "32": {"consumption": {"coke": 1.0e5, "raw_coal": 1.7e5, "natural_gas": 1.7e4}},
    "33": {"consumption": {"natural_gas": 1.0e4, "diesel": 5.0e3}},
    "36": {"consumption": {"natural_gas": 2.4e4, "gasoline": 1.2e4, "diesel": 1.8e4, "lpg": 2.3e4}},
    "38": {"consumption": {"natural_gas": 5.0e3}},
    "39": {"consumption": {"natural_gas": 8.0e3, "lpg": 2.0e3}},
    "44": {"consumption": {"raw_coal": 5.0e7, "natural_gas": 2.0e5}},
}
ABOVE_SCALE_ELECTRICITY_SHARE = 0.92  # industry_energy electricity rows vs grid figure

# Other sectors, province year, physical units (rounded from CEADs 2022 Hubei rows).
OTHER_SECTOR_FUELS = {
    "agriculture": {"diesel": 6.0e5, "raw_coal": 2.0e5, "gasoline": 5.0e4},
    "construction": {"diesel": 7.5e5, "gasoline": 4.0e5, "raw_coal": 5.0e5, "fuel_oil": 2.0e4},
    "transport": {
        "diesel": 4.0e6,
        "gasoline": 4.5e6,
        "kerosene": 1.0e6,
        "fuel_oil": 3.0e5,
        "lng": 1.5e5,
        "natural_gas": 5.0e4,
    },
    "commercial": {"natural_gas": 6.0e4, "diesel": 3.0e5, "lpg": 2.0e5, "raw_coal": 3.0e5},
    "residential": {
        "natural_gas": 2.1e5,
        "lpg": 8.3e5,
        "raw_coal": 3.3e6,
        "briquettes": 2.7e5,
        "gasoline": 2.2e6,
    },
}
INDUSTRY_FINAL_OVER_ABOVE_SCALE = 1.08

# Economy and activity (Hubei 2023).
GDP_10K_YUAN = 5.58e8
POPULATION = 5.838e7
INDUSTRY_VALUE_ADDED_10K_YUAN = 1.6e8
INDUSTRY_VALUE_ADDED_SHARES = {
    "06": 0.005,
    "13": 0.08,
    "17": 0.04,
    "22": 0.025,
    "25": 0.03,
    "26": 0.12,
    "30": 0.08,
    "31": 0.06,
    "32": 0.035,
    "33": 0.05,
    "36": 0.15,
    "38": 0.06,
    "39": 0.12,
    "44": 0.06,
}
ACTIVITY = {  # sector -> activity_type -> province total
    "agriculture": {"value_added_10k_yuan": 5.07e7},
    "construction": {"value_added_10k_yuan": 4.5e7, "building_area_m2": 6.0e8},
    "transport": {"transport_volume_10k_tkm": 7.6e7, "value_added_10k_yuan": 2.5e7},
    "commercial": {"value_added_10k_yuan": 3.0e8, "building_area_m2": 4.0e8},
    "residential": {"population": 5.838e7, "building_area_m2": 2.6e9},
}

# Hubei cities: GDP 2023 in 10^8 yuan, rounded from the city statistical
# bulletins (approximate); used as the weights of the cities.
HUBEI_CITY_GDP = {
    "420100": 20011,
    "420200": 2199,
    "420300": 2301,
    "420500": 5756,
    "420600": 5843,
    "420700": 1241,
    "420800": 2373,
    "420900": 2936,
    "421000": 3209,
    "421100": 2905,
    "421200": 1930,
    "421300": 1350,
    "422800": 1403,
    "429004": 1000,
    "429005": 925,
    "429006": 765,
    "429021": 42,
}


def growth(kind: str, year: int) -> float:
    return GROWTH[kind] ** (year - BASE_YEAR)
