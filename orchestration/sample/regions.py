"""Which regions a generated sample covers.

The division list ``divisions_2024.csv`` is extracted from the MCA 2024 code
list (yescallop/areacodes, CC0, see /work/shared/data/reference/SOURCES.md):
every province, its prefecture-level divisions (level ``city``), the
province-administered county-level cities such as 429004 仙桃市 (also
``city``), and for the four municipalities, which have no prefecture level,
their districts and counties (level ``county``, parent the municipality).
It is bundled so that generating a sample needs no reference checkout.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

_HERE = Path(__file__).resolve().parent
NATION_CODE = "100000"
NATION_NAME = "中华人民共和国"
DEFAULT_PROVINCE = "420000"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent: str  # empty for the nation


def _divisions() -> list[dict[str, str]]:
    with open(_HERE / "divisions_2024.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def province_scale() -> dict[str, float]:
    """Size of each province relative to Hubei (electricity consumption, CEADs 2022)."""
    with open(_HERE / "province_scale.csv", encoding="utf-8") as f:
        rows = {r["province_code"]: float(r["electricity_2022_1e8kwh"]) for r in csv.DictReader(f)}
    return {code: value / rows[DEFAULT_PROVINCE] for code, value in rows.items()}


def select_regions(
    provinces: int | list[str] = 1, cities_per_province: int | None = None
) -> list[Region]:
    """The nation, the chosen provinces and their children, in code order.

    ``provinces=1`` means Hubei (the default sample); ``provinces=N`` (N > 1)
    the first N provinces by code; a list names province codes.
    """
    rows = _divisions()
    all_provinces = [r["region_code"] for r in rows if r["level"] == "province"]
    if isinstance(provinces, int):
        if provinces < 1:
            raise ValueError("provinces must be at least 1")
        chosen = [DEFAULT_PROVINCE] if provinces == 1 else all_provinces[:provinces]
    else:
        chosen = [str(p).strip() for p in provinces]
        unknown = sorted(set(chosen) - set(all_provinces))
        if unknown:
            raise ValueError(f"unknown province code(s): {', '.join(unknown)}")
    chosen = sorted(set(chosen))
    out = [Region(NATION_CODE, NATION_NAME, "nation", "")]
    for code in chosen:
        prov = next(r for r in rows if r["region_code"] == code)
        out.append(Region(code, prov["region_name"], "province", NATION_CODE))
        children = [
            r for r in rows if r["province_code"] == code and r["level"] in ("city", "county")
        ]
        if cities_per_province is not None:
            children = children[: max(cities_per_province, 1)]
        out.extend(Region(r["region_code"], r["region_name"], r["level"], code) for r in children)
    return out
