"""What the baselines compute, stated once so that both baselines, the comparison and the
report say the same thing.

Compared totals: ``emissions_tco2`` summed by region, period_type, year of period_start and
sector, over the rows of ``fct_emissions`` (layer computed) with

- region_level ``province`` (each province) or ``nation`` (the sum of the provinces);
- scope ``direct`` (fuel burned and imported electricity);
- estimate_type ``reported`` or ``disaggregated``: nowcast rows (days of a month without
  statistics, and the months, quarters and years published as sums of nowcast days) are
  left out.

Not replicated by the baselines: indirect rows (derived factors EF_elec/EF_heat and their
fallbacks), nowcasts, cities and counties (5.12-5.19), reported month/quarter/year rows of
the grid sources (the generator writes grid data as day rows only, so a grid figure is the
sum of its days), and the 'last file wins' rule for repeated keys (the generated set has none).
"""

SCOPE_NOTE = (
    "Compared subset: provinces and nation, scope direct, estimate_type reported or "
    "disaggregated (nowcasts excluded), emissions_tco2 by region x period_type x year x "
    "sector, all four period types. Not in the baselines: indirect rows, nowcasts, "
    "cities/counties (5.12-5.19)."
)

KEY = ["region_code", "period_type", "year", "sector"]


def seed_path(landing_dir, name: str):
    """The factor seed CSV a build would use: the landing dir's local override, else bundled."""
    from pathlib import Path

    from orchestration.paths import PROJECT_ROOT

    local = Path(landing_dir) / "factor_seeds" / f"{name}.csv"
    return local if local.is_file() else PROJECT_ROOT / "factor_seeds" / f"{name}.csv"
