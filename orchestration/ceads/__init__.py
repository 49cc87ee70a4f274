"""Real data through the platform: the CEADs provincial inventories (issue 5).

- ``mapping``: CEADs rows and products -> contract flows, divisions, fuels; units.
- ``importer``: ``carbon import-ceads`` writes a landing directory from the inventory.
- ``factors``: derives the CEADs-compatible local factor set ``factor_seeds/ceads_compatible``.
- ``validate``: ``carbon validate`` builds all provinces with both factor sets and writes
  ``docs/validation.md`` and ``docs/validation_ratios.png``.

The inventories are not copied into the repository: they are read from the reference
directory (``../shared/data/reference`` beside the repository, or ``$CARBON_REFERENCE_DIR``), which
``reference/SOURCES.md`` documents (CEADs: Shan et al. 2018, Sci Data 5:170201; Guan et
al. 2021, Earth's Future; free use with citation).
"""

import os
from pathlib import Path

from orchestration.paths import PROJECT_ROOT

# The shared data sit beside the repository (as in CI: ``../shared``).
DEFAULT_REFERENCE_DIR = PROJECT_ROOT.parent / "shared" / "data" / "reference"
ENERGY_FILE = "ceads/ceads_provincial_energy_inventory_long_1997-2022.csv.gz"
EMISSION_FILE = "ceads/ceads_provincial_emission_inventory_long_1997-2022.csv.gz"
CITATION = (
    "CEADs provincial energy and emission inventories (Shan et al. 2018, Sci Data 5:170201; "
    "Guan et al. 2021, Earth's Future); energy inventory via fallingsnow1111/TJJM @ 79658f1, "
    "emission inventory via Open-Earth-Foundation/OpenClimate @ 822037b (1997-2000) and TJJM "
    "(2001-2022); see reference/SOURCES.md"
)
SHORT_CITATION = "CEADs inventories (Shan et al. 2018; Guan et al. 2021)"


def reference_dir() -> Path:
    """The reference data directory: ``$CARBON_REFERENCE_DIR`` or the shared default."""
    return Path(os.environ.get("CARBON_REFERENCE_DIR") or DEFAULT_REFERENCE_DIR)


def reference_file(relative: str) -> Path:
    """A file of the reference directory, with a clear message when it is not there."""
    path = reference_dir() / relative
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: set CARBON_REFERENCE_DIR to the reference data directory "
            f"(the one holding ceads/, factors/, classifications/)"
        )
    return path
