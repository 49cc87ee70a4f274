"""The factor seeds a landing directory may override, described like landing sources.

Describing ``landing/factor_seeds/<seed>.csv`` with the same ``Source`` and
``Column`` types as the landing sources lets one validator check both. The
column names come from ``contract.FACTOR_SEEDS``; this module only adds what a
validator needs (kinds, required cells, allowed values, keys). Every
``valid_from`` must be the first day of a month (METHOD 8): the validator
checks that for any date column of this name.
"""

from orchestration.contract import (
    ACTIVITY_TYPES,
    DATE,
    FACTOR_SEEDS,
    NUMBER,
    OTHER_SUBSECTORS,
    Column,
    Source,
)

FUEL_CATEGORIES = ("coal", "oil", "gas", "electricity", "heat", "other")
INDUSTRY_SECTORS = ("industry", "energy")
MONTH_START_COLUMN = "valid_from"

# Order matters: fuels first, because emission_factors and activity_intensities
# name fuels, which are checked against the fuels in effect.
SEED_ORDER = ("fuels", "industries", "emission_factors", "activity_intensities")

SEED_SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source(
            "fuels",
            (
                Column("fuel_code"),
                Column("fuel_name_zh", required=False),
                Column("fuel_name_en", required=False),
                Column("category", allowed=FUEL_CATEGORIES),
                Column("physical_unit"),
                Column("std_coal_coeff", NUMBER, non_negative=True),
                Column("valid_from", DATE),
                Column("source"),
            ),
            key=("fuel_code", "valid_from"),
            depends_on_regions=False,
        ),
        Source(
            "emission_factors",
            (
                Column("fuel_code", reference="fuel"),
                Column("co2_per_tce", NUMBER, non_negative=True),
                Column("valid_from", DATE),
                Column("source"),
            ),
            key=("fuel_code", "valid_from"),
            depends_on_regions=False,
        ),
        Source(
            "industries",
            (
                Column("industry_code"),
                Column("industry_name_zh", required=False),
                Column("industry_name_en", required=False),
                Column("sector", allowed=INDUSTRY_SECTORS),
            ),
            key=("industry_code",),
            depends_on_regions=False,
        ),
        Source(
            "activity_intensities",
            (
                Column("sector_code", allowed=OTHER_SUBSECTORS),
                Column("activity_type", allowed=ACTIVITY_TYPES),
                Column("fuel_code", reference="fuel"),
                Column("intensity", NUMBER, non_negative=True),
                Column("unit"),
                Column("valid_from", DATE),
                Column("source"),
            ),
            key=("sector_code", "activity_type", "fuel_code", "valid_from"),
            depends_on_regions=False,
        ),
    )
}

assert {n: s.column_names for n, s in SEED_SOURCES.items()} == FACTOR_SEEDS, (
    "seed_sources.py out of step with contract.FACTOR_SEEDS"
)
assert set(SEED_ORDER) == set(FACTOR_SEEDS)
