"""Check a baseline's totals against ``fct_emissions``: the benchmark only counts if they agree.

The platform side of the comparison is one query over the published mart restricted to the
subset of ``orchestration.bench.scope``; a key missing on either side is a mismatch too.
"""

from dataclasses import dataclass, field

import pandas as pd

from orchestration.bench.scope import KEY
from orchestration.warehouse import Warehouse

TOLERANCE = 1e-6

OURS_SQL = """
select
    region_code,
    period_type,
    cast(extract(year from period_start) as integer) as year,
    sector,
    sum(emissions_tco2) as emissions_tco2
from {schema}.fct_emissions
where
    layer = 'computed'
    and region_level in ('province', 'nation')
    and scope = 'direct'
    and estimate_type in ('reported', 'disaggregated')
group by region_code, period_type, cast(extract(year from period_start) as integer), sector
"""


def ours(warehouse: Warehouse) -> pd.DataFrame:
    """The compared totals as published in the warehouse's fct_emissions."""
    frame = warehouse.query_df(OURS_SQL.format(schema=warehouse.qualified_schema))
    frame["year"] = frame["year"].astype(int)
    frame["emissions_tco2"] = frame["emissions_tco2"].astype(float)
    return frame


@dataclass
class Comparison:
    """Result of comparing one baseline with ours: keys compared and the mismatches."""

    name: str
    compared: int
    mismatches: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def agrees(self) -> bool:
        return self.compared > 0 and self.mismatches.empty

    def summary(self, limit: int = 10) -> str:
        if self.agrees:
            return f"{self.name}: agrees with fct_emissions on {self.compared} totals (<= 1e-6 rel)"
        head = self.mismatches.head(limit).to_string(index=False)
        return (
            f"{self.name}: {len(self.mismatches)} of {self.compared} totals DISAGREE "
            f"with fct_emissions; first ones:\n{head}"
        )


def compare(name: str, baseline: pd.DataFrame, platform: pd.DataFrame) -> Comparison:
    """Outer-join on the key; a total is a mismatch when its relative difference > 1e-6."""
    left = baseline[[*KEY, "emissions_tco2"]].copy()
    right = platform[[*KEY, "emissions_tco2"]].copy()
    for frame in (left, right):
        frame["region_code"] = frame["region_code"].astype(str)
        frame["year"] = frame["year"].astype(int)
    merged = left.merge(right, on=KEY, how="outer", suffixes=("_baseline", "_ours"))
    b, o = merged["emissions_tco2_baseline"], merged["emissions_tco2_ours"]
    scale = pd.concat([b.abs(), o.abs()], axis=1).max(axis=1)
    merged["rel_diff"] = ((b - o).abs() / scale.where(scale > 0, 1.0)).where(
        b.notna() & o.notna(), float("inf")
    )
    bad = merged[merged["rel_diff"] > TOLERANCE].sort_values(KEY, ignore_index=True)
    return Comparison(name=name, compared=len(merged), mismatches=bad)
