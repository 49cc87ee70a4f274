"""How a province's totals are shared among its child regions.

Every share is a deterministic draw from the seed: an economic weight per
region (for Hubei the cities' real 2023 GDP order of magnitude), times a
tilt per sector or industry, so that cities differ in structure as real
ones do. Shares are normalized within each province, so the cities add up
to the province's total.
"""

from dataclasses import dataclass

import numpy as np

from orchestration.sample import magnitudes as mg
from orchestration.sample.regions import Region, province_scale


@dataclass
class Layout:
    """Child regions (cities) of the sample and their weights, as numpy arrays."""

    provinces: list[Region]
    children: list[Region]
    child_province: np.ndarray  # index into provinces, per child
    membership: np.ndarray  # children x provinces, 0/1
    scale: np.ndarray  # per province, relative to Hubei
    economic: np.ndarray  # per child, share of its province (sums to 1 per province)
    generation: np.ndarray  # per child, share of its province's generation
    thermal: np.ndarray  # per child, thermal fraction of its generation
    heat: np.ndarray  # per child, share of its province's heat supply
    imported: np.ndarray  # per child, share of its province's imports

    def normalize(self, raw: np.ndarray) -> np.ndarray:
        """Normalize weights (children x ...) so that each province's children sum to 1."""
        totals = np.einsum("cp,c...->p...", self.membership, raw)
        return raw / totals[self.child_province]

    def tilted(self, rng: np.random.Generator, n: int, sigma: float) -> np.ndarray:
        """Economic weight times a lognormal tilt per (child, item), normalized per province."""
        tilt = rng.lognormal(0.0, sigma, size=(len(self.children), n))
        return self.normalize(self.economic[:, None] * tilt)


def build_layout(regions: list[Region], rng: np.random.Generator) -> Layout:
    provinces = [r for r in regions if r.level == "province"]
    children = [r for r in regions if r.level in ("city", "county")]
    index = {p.code: i for i, p in enumerate(provinces)}
    # A province without children in the sample stands for itself.
    lonely = [p for p in provinces if not any(c.parent == p.code for c in children)]
    if lonely:
        raise ValueError(f"province(s) without cities: {[p.code for p in lonely]}")
    child_province = np.array([index[c.parent] for c in children])
    membership = np.zeros((len(children), len(provinces)))
    membership[np.arange(len(children)), child_province] = 1.0
    scales = province_scale()
    scale = np.array([scales[p.code] for p in provinces])

    raw = rng.lognormal(0.0, 0.7, size=len(children))
    for i, c in enumerate(children):
        if c.code in mg.HUBEI_CITY_GDP:
            raw[i] = mg.HUBEI_CITY_GDP[c.code] / 1000.0
        elif c.code[2:4] == "01" or (c.level == "county" and i == 0):
            raw[i] *= 3.0  # the capital is usually the largest
    layout = Layout(
        provinces,
        children,
        child_province,
        membership,
        scale,
        economic=np.zeros(len(children)),
        generation=np.zeros(len(children)),
        thermal=np.zeros(len(children)),
        heat=np.zeros(len(children)),
        imported=np.zeros(len(children)),
    )
    layout.economic = layout.normalize(raw)
    layout.generation = layout.normalize(raw * rng.lognormal(0.0, 0.8, size=len(children)))
    layout.heat = layout.normalize(raw * rng.lognormal(0.0, 0.5, size=len(children)))
    layout.imported = layout.normalize(raw * rng.lognormal(0.0, 0.3, size=len(children)))
    # Thermal fraction per city, rescaled so that each province's thermal share is THERMAL_SHARE.
    phi = rng.uniform(0.15, 0.9, size=len(children))
    thermal_share = np.einsum("cp,c->p", membership, layout.generation * phi)
    layout.thermal = np.clip(phi * mg.THERMAL_SHARE / thermal_share[child_province], 0.0, 1.0)
    return layout
