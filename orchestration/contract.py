"""The landing-data contract of CONTRACT.md as data.

One place says, for every landing source, its columns, their types, which
columns form the key (a later file wins on a repeated key), which values are
allowed and where signs are allowed. Ingestion validates against it, the
sample generator writes to it and the dbt sources mirror it, so a change to
the contract is a change here (and in dbt_project/models/staging/_sources.yml).
"""

from dataclasses import dataclass, field

PERIOD_TYPES = ("year", "quarter", "month", "day")
REGION_LEVELS = ("nation", "province", "city", "county")
ENERGY_BALANCE_FLOWS = (
    "power_generation_input",
    "heat_supply_input",
    "industry_final",
    "agriculture",
    "construction",
    "transport",
    "commercial",
    "residential",
)
GRID_SECTORS = (
    "total_society",
    "energy",
    "industry",
    "agriculture",
    "construction",
    "transport",
    "commercial",
    "residential",
    "other",
)
OTHER_SUBSECTORS = ("agriculture", "construction", "transport", "commercial", "residential")
INDUSTRY_TABLES = ("consumption", "conversion", "recycling")
ACTIVITY_TYPES = (
    "building_area_m2",
    "value_added_10k_yuan",
    "transport_volume_10k_tkm",
    "population",
)
POWER_HEAT_USES = ("power", "heat")

# Column kinds understood by the validator and by the raw-table DDL.
TEXT, INTEGER, NUMBER, DATE = "text", "integer", "number", "date"
SQL_TYPES = {TEXT: "varchar", INTEGER: "integer", NUMBER: "double precision", DATE: "date"}


@dataclass(frozen=True)
class Column:
    """One column of a landing file.

    ``required``: an empty cell is an error. ``allowed``: the closed list of
    values. ``reference``: the value must be a known code of that kind
    (region, fuel, industry). ``non_negative``: negative numbers are refused.
    """

    name: str
    kind: str = TEXT
    required: bool = True
    allowed: tuple[str, ...] | None = None
    reference: str | None = None
    non_negative: bool = False


@dataclass(frozen=True)
class Source:
    """A landing folder and its raw table."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # Column with period_type, whose period_start must be the first day of that period.
    period_type_column: str | None = None
    # (column, values): negative quantities are allowed only where column takes these values.
    signed_when: tuple[str, tuple[str, ...]] | None = None
    description: str = ""
    depends_on_regions: bool = field(default=True)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _region() -> Column:
    return Column("region_code", reference="region")


def _period() -> tuple[Column, Column]:
    return (
        Column("period_type", allowed=PERIOD_TYPES),
        Column("period_start", DATE),
    )


SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source(
            "regions",
            (
                Column("region_code"),
                Column("region_name"),
                Column("level", allowed=REGION_LEVELS),
                Column("parent_code", required=False),
            ),
            key=("region_code",),
            description="GB/T 2260 administrative divisions and their parents",
            depends_on_regions=False,
        ),
        Source(
            "energy_balance",
            (
                _region(),
                Column("year", INTEGER),
                Column("fuel_code", reference="fuel"),
                Column("flow_code", allowed=ENERGY_BALANCE_FLOWS),
                Column("quantity", NUMBER, non_negative=True),
            ),
            key=("region_code", "year", "fuel_code", "flow_code"),
            description="provincial energy balance sheet, physical units of the fuels seed",
        ),
        Source(
            "power_heat_inputs",
            (
                _region(),
                *_period(),
                Column("fuel_code", reference="fuel"),
                Column("use", allowed=POWER_HEAT_USES),
                Column("quantity", NUMBER, non_negative=True),
            ),
            key=("region_code", "period_type", "period_start", "fuel_code", "use"),
            period_type_column="period_type",
            description="fuel burned for power and heat production",
        ),
        Source(
            "power_supply",
            (
                _region(),
                *_period(),
                Column("generation_mwh", NUMBER, non_negative=True),
                Column("supply_mwh", NUMBER, non_negative=True),
                Column("imported_mwh", NUMBER, non_negative=True),
                Column("heat_supply_gj", NUMBER, required=False, non_negative=True),
            ),
            key=("region_code", "period_type", "period_start"),
            period_type_column="period_type",
            description="grid company: generation, supply, imported electricity, heat supply",
        ),
        Source(
            "electricity_consumption",
            (
                _region(),
                *_period(),
                Column("sector_code", allowed=GRID_SECTORS),
                Column("industry_code", required=False, reference="industry"),
                Column("mwh", NUMBER, non_negative=True),
            ),
            key=("region_code", "period_type", "period_start", "sector_code", "industry_code"),
            period_type_column="period_type",
            description="grid company: electricity consumption by sector and industry",
        ),
        Source(
            "heat_consumption",
            (
                _region(),
                *_period(),
                Column("sector_code", allowed=GRID_SECTORS),
                Column("industry_code", required=False, reference="industry"),
                Column("gj", NUMBER, non_negative=True),
            ),
            key=("region_code", "period_type", "period_start", "sector_code", "industry_code"),
            period_type_column="period_type",
            description="heat consumption by sector",
        ),
        Source(
            "industry_energy",
            (
                _region(),
                *_period(),
                Column("industry_code", reference="industry"),
                Column("fuel_code", reference="fuel"),
                Column("table_code", allowed=INDUSTRY_TABLES),
                Column("quantity", NUMBER, non_negative=True),
            ),
            key=(
                "region_code",
                "period_type",
                "period_start",
                "industry_code",
                "fuel_code",
                "table_code",
            ),
            period_type_column="period_type",
            signed_when=("table_code", ("conversion", "recycling")),
            description="above-scale industrial enterprises' energy by industry and fuel",
        ),
        Source(
            "industry_value_added",
            (
                _region(),
                *_period(),
                Column("industry_code", reference="industry"),
                Column("value_added_total", NUMBER, required=False),
                Column("value_added_above_scale", NUMBER, required=False),
            ),
            key=("region_code", "period_type", "period_start", "industry_code"),
            period_type_column="period_type",
            description="industrial value added, 10^4 yuan",
        ),
        Source(
            "other_activity",
            (
                _region(),
                Column("year", INTEGER),
                Column("sector_code", allowed=OTHER_SUBSECTORS),
                Column("activity_type", allowed=ACTIVITY_TYPES),
                Column("value", NUMBER, non_negative=True),
            ),
            key=("region_code", "year", "sector_code", "activity_type"),
            description="city/county activity data for model 5.16",
        ),
        Source(
            "economy",
            (
                _region(),
                Column("year", INTEGER),
                Column("gdp_10k_yuan", NUMBER, required=False, non_negative=True),
                Column("population", NUMBER, required=False, non_negative=True),
            ),
            key=("region_code", "year"),
            description="GDP and population for intensities",
        ),
    )
}

# Order in which sources load: regions first, because every other source's
# region codes are checked against it.
LOAD_ORDER: tuple[str, ...] = tuple(SOURCES)

# Factor seeds that a landing directory may override (landing/factor_seeds/<name>.csv).
FACTOR_SEEDS: dict[str, tuple[str, ...]] = {
    "fuels": (
        "fuel_code",
        "fuel_name_zh",
        "fuel_name_en",
        "category",
        "physical_unit",
        "std_coal_coeff",
        "valid_from",
        "source",
    ),
    "emission_factors": ("fuel_code", "co2_per_tce", "valid_from", "source"),
    "industries": ("industry_code", "industry_name_zh", "industry_name_en", "sector"),
    "activity_intensities": (
        "sector_code",
        "activity_type",
        "fuel_code",
        "intensity",
        "unit",
        "valid_from",
        "source",
    ),
}
