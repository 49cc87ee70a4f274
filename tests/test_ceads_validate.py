"""The CEADs-compatible factor set (derivation, e = p / c, the committed files) and the
validation report on a small hand-made comparison."""

import pandas as pd
import pytest

from orchestration.ceads import ENERGY_FILE, reference_dir
from orchestration.ceads import report as ceads_report
from orchestration.ceads.factors import FIRST_YEAR, derive, factor_set, write_factor_set
from orchestration.ceads.importer import CEADS_FACTOR_DIR

# Per year, province and fuel: boundary activity (t), CEADs tCO2 and p = tCO2 / activity.
IMPLIED = pd.DataFrame(
    [
        # gasoline: every province-year 2.926746 t/t (one national factor)
        (2019, "Hubei", "gasoline", 1000.0, 2926.746),
        (2019, "Beijing", "gasoline", 2000.0, 5853.492),
        (2022, "Hubei", "gasoline", 500.0, 1463.373),
        # raw coal: 1.7 and 1.8 t/t in 2019 (coal quality differs), 1.7 in 2022
        (2019, "Hubei", "raw_coal", 1000.0, 1700.0),
        (2019, "Beijing", "raw_coal", 3000.0, 5400.0),
        (2019, "Hainan", "raw_coal", 0.5, 100.0),  # below 1 t: left out of the mean
        (2022, "Hubei", "raw_coal", 2000.0, 3400.0),
    ],
    columns=["year", "province", "fuel_code", "quantity", "tco2"],
)
IMPLIED["p"] = IMPLIED.tco2 / IMPLIED.quantity.where(IMPLIED.quantity >= 1)


def test_uniform_fuels_take_the_median_and_coal_the_national_mean_per_year():
    derived = derive(IMPLIED).set_index(["fuel_code", "year"])
    assert list(derived.index) == [("gasoline", FIRST_YEAR), ("raw_coal", 2019), ("raw_coal", 2022)]
    assert derived.loc[("gasoline", FIRST_YEAR), "how"] == "uniform"
    assert derived.loc[("gasoline", FIRST_YEAR), "p"] == pytest.approx(2.926746)
    # 2019: (1700 + 5400) / (1000 + 3000) = 7100 / 4000 = 1.775 t/t (Hainan's 0.5 t left out)
    assert derived.loc[("raw_coal", 2019), "how"] == "national_mean"
    assert derived.loc[("raw_coal", 2019), "p"] == pytest.approx(1.775)
    assert derived.loc[("raw_coal", 2022), "p"] == pytest.approx(1.7)  # 3400 / 2000


def test_the_set_keeps_c_and_sets_e_to_p_over_c():
    fuels, factors = factor_set(derive(IMPLIED))
    c = fuels.set_index("fuel_code").std_coal_coeff.astype(float)
    e = factors.set_index(["fuel_code", "valid_from"]).co2_per_tce.astype(float)
    assert c["raw_coal"] == 0.7143 and c["gasoline"] == 1.4714  # bundled GB/T 2589 values
    # e = p / c: 1.775 / 0.7143 = 2.4849503 tCO2/tce, so c x e = 1.775 t/t; the earliest
    # version (2019 here) is extended back to the first CEADs year
    assert e[("raw_coal", f"{FIRST_YEAR}-01-01")] == pytest.approx(2.4849503, rel=1e-7)
    assert e[("raw_coal", f"{FIRST_YEAR}-01-01")] * c["raw_coal"] == pytest.approx(1.775)
    # 2022: 1.7 / 0.7143 = 2.3799524
    assert e[("raw_coal", "2022-01-01")] == pytest.approx(2.3799524, rel=1e-7)
    # 2.926746 / 1.4714 = 1.9890893 tCO2/tce, from the first CEADs year on
    assert e[("gasoline", f"{FIRST_YEAR}-01-01")] == pytest.approx(1.9890893, rel=1e-7)
    # a fuel without CEADs emissions keeps its bundled e; its first version starts in 1997
    assert e[("natural_gas", "1997-01-01")] == pytest.approx(1.627715)
    imports = factors[factors.fuel_code == "electricity_import"].valid_from.tolist()
    assert imports == ["1997-01-01", "2022-01-01", "2023-01-01"]
    assert set(fuels.valid_from) == {"1997-01-01"}


@pytest.mark.skipif(
    not (reference_dir() / ENERGY_FILE).is_file(), reason="CEADs reference data not present"
)
def test_the_committed_set_is_what_the_reference_gives(tmp_path):
    write_factor_set(tmp_path)
    for name in ("fuels.csv", "emission_factors.csv", "README.md"):
        assert (tmp_path / name).read_bytes() == (CEADS_FACTOR_DIR / name).read_bytes(), name


# ------------------------------------------------------------------ report


def _row(code, fuel, group, ceads, bundled, compatible):
    return {
        "region_code": code,
        "year": 2019,
        "fuel_code": fuel,
        "fuel_group": group,
        "ceads": ceads * 1e6,
        "bundled": bundled * 1e6,
        "compatible": compatible * 1e6,
    }


FRAME = pd.DataFrame(
    [
        _row("420000", "raw_coal", "coal", 100, 110, 101),
        _row("420000", "natural_gas", "gas", 10, 9.15, 10),
        _row("420000", "gasoline", "oil", 20, 20.02, 20),
        _row("110000", "raw_coal", "coal", 50, 55, 49),
        _row("110000", "lpg", "oil", 10, 9.9, 10.2),
    ]
)
ACTIVITY = pd.DataFrame(
    [
        (2019, "Hubei", "raw_coal", 58.8e6, 100e6, 1.70),
        (2019, "Beijing", "raw_coal", 28.6e6, 50e6, 1.75),
    ],
    columns=["year", "province", "fuel_code", "quantity", "tco2", "p"],
)


def test_province_table_and_oil_gas_exceptions():
    table = ceads_report.province_table(FRAME).set_index("region_code")
    # Hubei: CEADs 100 + 10 + 20 = 130, bundled 110 + 9.15 + 20.02 = 139.17 Mt
    assert table.loc["420000", "ceads"] == pytest.approx(130e6)
    assert table.loc["420000", "bundled"] == pytest.approx(139.17e6)
    assert table.loc["110000", "compatible_oil"] == pytest.approx(10.2e6)
    exceptions = ceads_report._exceptions(table.reset_index())
    # only Beijing's oil is beyond 0.5 %: 10.2 / 10 = 1.02
    assert exceptions[["name", "group"]].values.tolist() == [["Beijing", "oil"]]
    assert exceptions.ratio.iloc[0] == pytest.approx(1.02)


def test_report_is_written_with_its_chart(tmp_path):
    md, png = ceads_report.write(FRAME, tmp_path, (2019,), ACTIVITY)
    text = md.read_text(encoding="utf-8")
    # Hubei bundled / CEADs = 139.17 / 130 = 1.0705; compatible 131 / 130 = 1.0077
    assert "| Hubei 湖北省 | 420000 | 2019 | 130.0 | 139.2 | 1.0705 |" in text
    assert "| 131.0 | 1.0077 |" in text
    # Beijing compatible (49 + 10.2) / (50 + 10) = 59.2 / 60 = 0.9867, LPG +2.00 %
    assert "0.9867" in text and "- Beijing 2019 lpg: ours 10.2 Mt, CEADs 10.0 Mt (+2.00 %)." in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
