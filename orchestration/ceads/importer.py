"""``carbon import-ceads``: a landing directory of CONTRACT.md from the CEADs energy inventory.

Writes ``regions`` (the nation and the chosen provinces, GB/T 2260 codes),
``energy_balance`` (power and heat inputs, other-sector flows) and ``industry_energy``
year rows by GB/T 4754-2017 division. No grid-company data exist for these
years, so the build computes the annual models (5.2, 5.5, 5.8) only. With
``factors='ceads'`` the CEADs-compatible factor set is copied into the landing
directory's ``factor_seeds/`` (a local override, CONTRACT.md).
"""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from orchestration.ceads import CITATION, ENERGY_FILE, reference_file
from orchestration.ceads.mapping import Mapped, province_codes, provinces, to_landing
from orchestration.contract import SOURCES
from orchestration.paths import FACTOR_SEEDS_DIR
from orchestration.sample.regions import NATION_CODE, NATION_NAME

CEADS_FACTOR_DIR = FACTOR_SEEDS_DIR / "ceads_compatible"
FACTOR_FILES = ("fuels.csv", "emission_factors.csv")
WRITTEN = ("regions", "energy_balance", "industry_energy")

README = """REAL DATA: CEADs provincial energy inventories, mapped by `carbon import-ceads`.

Source: {citation}.
Years {years}; provinces: {provinces}.
Mapping: orchestration/ceads/ceads_sector_map.csv, ceads_product_map.csv,
ceads_provinces.csv (each choice with its reason). Activity boundary as CEADs:
final consumption + thermal power and heating supply inputs - non-energy use.
Units converted to the fuels seed's (t, 10^4 m3). No grid-company data: the
build computes annual models only. Factor set: {factors}.
"""


@dataclass
class ImportSummary:
    """What an import wrote."""

    out_dir: Path
    years: list[int]
    provinces: list[str]
    rows: dict[str, int]
    factors: str
    dropped: dict[str, int] = field(default_factory=dict)

    def table(self) -> str:
        lines = [f"{name:<16} {count:>8,} rows" for name, count in self.rows.items()]
        lines.append(f"years {self.years}; {len(self.provinces)} provinces; factors {self.factors}")
        lines += [f"set aside: {what}: {n}" for what, n in self.dropped.items() if n]
        return "\n".join(lines)


def read_energy_inventory(
    years: list[int], names: list[str], path: Path | None = None
) -> pd.DataFrame:
    """The long CEADs energy inventory rows of these years and CEADs province names."""
    frame = pd.read_csv(path or reference_file(ENERGY_FILE))
    frame = frame[frame["year"].isin(years) & frame["province"].isin(names)]
    missing = sorted(set(years) - set(frame["year"]))
    if missing:
        raise ValueError(f"the CEADs energy inventory has no rows for year(s) {missing}")
    return frame.reset_index(drop=True)


def regions_frame(names: list[str]) -> pd.DataFrame:
    """The nation and the provinces (CEADs names) as ``regions`` rows."""
    table = provinces().set_index("ceads_name").loc[names].sort_values("region_code")
    rows = [{"region_code": NATION_CODE, "region_name": NATION_NAME, "level": "nation"}]
    rows += [
        {"region_code": r.region_code, "region_name": r.region_name, "level": "province"}
        for r in table.itertuples()
    ]
    frame = pd.DataFrame(rows)
    frame["parent_code"] = [""] + [NATION_CODE] * (len(frame) - 1)
    return frame


def _write(out_dir: Path, name: str, frame: pd.DataFrame) -> int:
    folder = out_dir / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    frame = frame[list(SOURCES[name].column_names)]
    frame.to_csv(folder / "ceads.csv", index=False, encoding="utf-8", float_format="%.10g")
    return len(frame)


def _factor_set(out_dir: Path, factors: str) -> None:
    folder = out_dir / "factor_seeds"
    for name in FACTOR_FILES:
        (folder / name).unlink(missing_ok=True)
    if factors == "ceads":
        folder.mkdir(parents=True, exist_ok=True)
        for name in FACTOR_FILES:
            shutil.copyfile(CEADS_FACTOR_DIR / name, folder / name)
    elif factors != "bundled":
        raise ValueError(f"factors must be 'bundled' or 'ceads', not {factors!r}")


def write_landing(out_dir: Path, mapped: Mapped, names: list[str]) -> dict[str, int]:
    """Write the mapped frames and the regions as the landing folders of CONTRACT.md."""
    frames = {
        "regions": regions_frame(names),
        "energy_balance": mapped.energy_balance,
        "industry_energy": mapped.industry_energy,
    }
    return {name: _write(out_dir, name, frames[name]) for name in WRITTEN}


def import_ceads(
    out_dir: Path,
    years: list[int],
    provinces: list[str] | None = None,
    factors: str = "bundled",
    inventory_path: Path | None = None,
) -> ImportSummary:
    """Map the CEADs energy inventory of ``years`` x ``provinces`` into ``out_dir``."""
    out_dir = Path(out_dir)
    names = province_codes(provinces)
    years = sorted({int(y) for y in years})
    inventory = read_energy_inventory(years, names, inventory_path)
    names = [n for n in names if n in set(inventory["province"])]
    mapped = to_landing(inventory, region_codes(names))
    rows = write_landing(out_dir, mapped, names)
    _factor_set(out_dir, factors)
    (out_dir / "README.txt").write_text(
        README.format(
            citation=CITATION,
            years=", ".join(map(str, years)),
            provinces=", ".join(names),
            factors="CEADs-compatible (factor_seeds/ceads_compatible)"
            if factors == "ceads"
            else "bundled factor seeds",
        ),
        encoding="utf-8",
    )
    return ImportSummary(out_dir, years, names, rows, factors, mapped.dropped)


def region_codes(names: list[str]) -> dict[str, str]:
    """CEADs province name -> GB/T 2260 code."""
    table = provinces().set_index("ceads_name")
    return {n: table.loc[n, "region_code"] for n in names}
