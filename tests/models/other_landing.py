"""The tiny landing set of tests/models/test_other_models.py, with round numbers.

Regions: nation 100000 > province 110000 > city 110100. Province grid data
split the other sector by subsector (daily electricity of agriculture and
construction); the city's grid data only give the whole `other` sector
(the fallback driver). 2023 is reported for both; 2024 has no energy_balance
row for the province (a nowcast year) and grid days of January only.
"""

import datetime as dt

PROVINCE, CITY, NATION = "110000", "110100", "100000"


def days(year: int, month_from: int = 1, month_to: int = 12):
    """Every date of the months month_from..month_to of year."""
    day = dt.date(year, month_from, 1)
    while day.year == year and day.month <= month_to:
        yield day
        day += dt.timedelta(days=1)


def agriculture_2023_mwh(day: dt.date) -> float:
    """Province agriculture electricity per day, 2023: Feb 2, Q2 0, else 1."""
    if day.month == 2:
        return 2.0
    if day.month in (4, 5, 6):
        return 0.0
    return 1.0


def city_2023_mwh(day: dt.date) -> float:
    """City whole-other-sector electricity per day, 2023: January 2, else 1."""
    return 2.0 if day.month == 1 else 1.0


def electricity_rows() -> list[dict]:
    rows = []

    def add(region, period_type, start, sector, mwh):
        rows.append(
            dict(
                region_code=region,
                period_type=period_type,
                period_start=start.isoformat(),
                sector_code=sector,
                mwh=mwh,
            )
        )

    for day in days(2023):
        add(PROVINCE, "day", day, "agriculture", agriculture_2023_mwh(day))
        add(PROVINCE, "day", day, "construction", 0.0)
        add(CITY, "day", day, "other", city_2023_mwh(day))
    for day in days(2024, 1, 1):
        add(PROVINCE, "day", day, "agriculture", 3.0)
        add(PROVINCE, "day", day, "construction", 0.0)
    add(PROVINCE, "year", dt.date(2023, 1, 1), "total_society", 2000.0)
    add(PROVINCE, "month", dt.date(2023, 1, 1), "total_society", 400.0)
    return rows


def heat_rows() -> list[dict]:
    def row(region, period_type, start, sector, gj):
        return dict(
            region_code=region,
            period_type=period_type,
            period_start=start,
            sector_code=sector,
            gj=gj,
        )

    return [
        row(PROVINCE, "year", "2023-01-01", "total_society", 1000.0),
        row(PROVINCE, "month", "2023-01-01", "total_society", 100.0),
        row(PROVINCE, "year", "2023-01-01", "agriculture", 604.0),
        row(PROVINCE, "year", "2024-01-01", "agriculture", 186.0),
        row(CITY, "year", "2023-01-01", "agriculture", 792.0),
    ]


def fuel(code, c, e):
    return (
        dict(
            fuel_code=code,
            fuel_name_zh=code,
            fuel_name_en=code,
            category="other",
            physical_unit="t",
            std_coal_coeff=c,
            valid_from="2010-01-01",
            source="test value",
        ),
        dict(fuel_code=code, co2_per_tce=e, valid_from="2010-01-01", source="test value"),
    )


FUELS = [
    fuel("raw_coal", 0.5, 2.0),
    fuel("diesel", 1.0, 3.0),
    fuel("natural_gas", 10.0, 2.0),
    fuel("electricity", 0.1, 0.0),
    fuel("electricity_import", 0.1, 1.0),
    fuel("heat", 0.05, 0.0),
]


def intensity(sector, activity, fuel_code, value, valid_from):
    return dict(
        sector_code=sector,
        activity_type=activity,
        fuel_code=fuel_code,
        intensity=value,
        unit="test",
        valid_from=valid_from,
        source="test value",
    )


def landing_tables() -> dict[str, list[dict]]:
    """All sources of the landing set ({source or 'factor_seeds/<seed>': rows})."""
    balance = [
        ("power_generation_input", "raw_coal", 1000.0),
        ("heat_supply_input", "raw_coal", 100.0),
        ("agriculture", "raw_coal", 3020.0),
        ("agriculture", "electricity", 999.0),  # never used: grid electricity instead
        ("agriculture", "heat", 888.0),  # never used: heat_consumption instead
        ("construction", "diesel", 4380.0),
    ]
    return {
        "regions": [
            dict(region_code=NATION, region_name="Nation", level="nation"),
            dict(
                region_code=PROVINCE, region_name="Province", level="province", parent_code=NATION
            ),
            dict(region_code=CITY, region_name="City", level="city", parent_code=PROVINCE),
        ],
        "energy_balance": [
            dict(region_code=PROVINCE, year=2023, fuel_code=f, flow_code=flow, quantity=q)
            for flow, f, q in balance
        ],
        "power_heat_inputs": [
            dict(
                region_code=PROVINCE,
                period_type="month",
                period_start="2023-01-01",
                fuel_code="raw_coal",
                use=use,
                quantity=q,
            )
            for use, q in (("power", 100.0), ("heat", 10.0))
        ],
        "power_supply": [
            dict(
                region_code=PROVINCE,
                period_type=period_type,
                period_start="2023-01-01",
                generation_mwh=1000.0,
                supply_mwh=1000.0,
                imported_mwh=0.0,
            )
            for period_type in ("year", "month")
        ],
        "electricity_consumption": electricity_rows(),
        "heat_consumption": heat_rows(),
        "other_activity": [
            dict(
                region_code=CITY,
                year=2023,
                sector_code="agriculture",
                activity_type="value_added_10k_yuan",
                value=198.0,
            ),
            dict(
                region_code=CITY,
                year=2023,
                sector_code="residential",
                activity_type="population",
                value=3960.0,
            ),
        ],
        "factor_seeds/fuels": [f for f, _ in FUELS],
        "factor_seeds/emission_factors": [e for _, e in FUELS],
        "factor_seeds/activity_intensities": [
            intensity("agriculture", "value_added_10k_yuan", "raw_coal", 1.0, "2010-01-01"),
            # the version valid on 1 January 2023 (latest valid_from <= 2023-01-01):
            intensity("agriculture", "value_added_10k_yuan", "raw_coal", 2.0, "2023-01-01"),
            intensity("agriculture", "value_added_10k_yuan", "raw_coal", 5.0, "2023-07-01"),
            intensity("agriculture", "value_added_10k_yuan", "electricity", 9.0, "2010-01-01"),
            intensity("residential", "population", "natural_gas", 0.01, "2010-01-01"),
        ],
    }
