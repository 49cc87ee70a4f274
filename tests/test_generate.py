"""The sample-data generator writes a contract-conforming, realistic landing dir."""

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from orchestration.contract import SOURCES
from orchestration.generate import generate
from orchestration.sample.check import check_landing

STATISTICAL_MONTHS = ("power_heat_inputs", "industry_energy")


def _read(landing: Path, source: str) -> pd.DataFrame:
    files = sorted((landing / source).glob("*.csv"))
    return pd.concat(
        [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files], ignore_index=True
    )


@pytest.fixture(scope="module")
def hubei(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("hubei")
    return out, generate(out)


def _total_society(landing: Path, region: str) -> pd.Series:
    e = _read(landing, "electricity_consumption")
    e = e[(e.region_code == region) & (e.sector_code == "total_society") & (e.period_type == "day")]
    return pd.Series(e.mwh.astype(float).to_numpy(), index=pd.to_datetime(e.period_start))


def test_default_sample_has_real_hubei_cities(hubei):
    landing, summary = hubei
    regions = _read(landing, "regions").set_index("region_code")
    assert regions.loc["100000"].tolist() == ["中华人民共和国", "nation", ""]
    assert regions.loc["420000"].tolist() == ["湖北省", "province", "100000"]
    assert regions.loc["420100"].tolist() == ["武汉市", "city", "420000"]
    assert regions.loc["420500"].tolist() == ["宜昌市", "city", "420000"]
    # 12 prefecture-level cities + 恩施州 + 4 province-administered county-level units
    assert (regions.level == "city").sum() == 17
    assert {r.code for r in summary.regions} == set(regions.index)
    assert "GENERATED SAMPLE DATA — not official statistics" in (landing / "README.txt").read_text(
        encoding="utf-8"
    )


def test_every_file_conforms_to_the_contract(hubei):
    landing, summary = hubei
    assert check_landing(landing) == []
    for name in SOURCES:
        assert summary.rows[name] > 0, name
        assert len(_read(landing, name)) == summary.rows[name]


def test_checker_finds_a_bad_file(tmp_path):
    bad = tmp_path / "economy"
    bad.mkdir()
    (bad / "x.csv").write_text(
        "region_code,year,gdp_10k_yuan,population\n420000,2023,-1,5\n420000,2023,1,5\n"
    )
    problems = check_landing(tmp_path)
    assert any("negative" in p for p in problems)
    assert any("repeated key" in p for p in problems)


def test_two_years_of_days_and_last_month_missing_from_statistics(hubei):
    landing, summary = hubei
    ps = _read(landing, "power_supply")
    days = pd.to_datetime(ps[(ps.region_code == "420000") & (ps.period_type == "day")].period_start)
    # 2023 has 365 days, 2024 has 366: 731 day rows for the province
    assert len(days) == 731 and days.min() == pd.Timestamp("2023-01-01")
    assert days.max() == pd.Timestamp("2024-12-31")
    for source in STATISTICAL_MONTHS:
        starts = _read(landing, source).query("period_type == 'month'").period_start
        assert starts.max() == "2024-11-01", source
        assert "2024-12-01" not in set(starts)
    # the incomplete year 2024 has no year rows
    assert set(_read(landing, "energy_balance").year) == {"2023"}
    ie = _read(landing, "industry_energy")
    assert set(ie[ie.period_type == "year"].period_start) == {"2023-01-01"}
    assert summary.last_reported_month == "2024-11"


def test_province_day_is_the_sum_of_its_cities(hubei):
    landing, _ = hubei
    e = _read(landing, "electricity_consumption")
    e = e[(e.sector_code == "total_society") & (e.period_type == "day")]
    e = e.assign(mwh=lambda f: f.mwh.astype(float))
    province = e[e.region_code == "420000"].set_index("period_start").mwh
    cities = e[e.region_code.str.startswith("42") & (e.region_code != "420000")]
    summed = cities.groupby("period_start").mwh.sum()
    assert ((province / summed - 1).abs() <= 0.003).all()


def test_spring_festival_dip_and_summer_peak(hubei):
    landing, _ = hubei
    total = _total_society(landing, "420000")
    for festival in ("2023-01-22", "2024-02-10"):
        day = pd.Timestamp(festival)
        offset = (total.index - day).days
        around = total[(abs(offset) >= 21) & (abs(offset) <= 35)].mean()
        # festival: industry (half the load) drops about half, so total at least 10 % lower
        assert total[day] < 0.9 * around, festival
    monthly = total.groupby(total.index.to_period("M")).sum()
    for year in (2023, 2024):
        assert monthly[pd.Period(f"{year}-07")] > 1.1 * monthly[pd.Period(f"{year}-04")]


def test_magnitudes_near_public_hubei_figures(hubei):
    landing, _ = hubei
    total = _total_society(landing, "420000")
    # Hubei 2023 total electricity consumption about 2.7e8 MWh (2,700 x 10^8 kWh)
    assert 2.4e8 < total[total.index.year == 2023].sum() < 3.0e8
    eb = _read(landing, "energy_balance")
    coal = eb[(eb.fuel_code == "raw_coal") & (eb.flow_code == "power_generation_input")]
    # coal for power: about 5e7 t (CEADs 2022 Hubei: 5,795 x 10^4 t)
    assert 4e7 < float(coal.quantity.iloc[0]) < 7e7


def test_same_seed_same_files_other_seed_other_numbers(tmp_path):
    def digest(out: Path) -> str:
        h = hashlib.sha256()
        for f in sorted(out.rglob("*.csv")):
            h.update(f.relative_to(out).as_posix().encode() + f.read_bytes())
        return h.hexdigest()

    kwargs = dict(cities_per_province=3, years=(2023, 2024))
    generate(tmp_path / "a", seed=11, **kwargs)
    generate(tmp_path / "b", seed=11, **kwargs)
    generate(tmp_path / "c", seed=12, **kwargs)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_multi_province_option(tmp_path):
    summary = generate(
        tmp_path, provinces=3, cities_per_province=2, years=(2022, 2023), unreported_months=2
    )
    regions = _read(tmp_path, "regions")
    provinces = regions[regions.level == "province"]
    # first three provinces by code: 北京市, 天津市, 河北省
    assert provinces.region_code.tolist() == ["110000", "120000", "130000"]
    assert provinces.region_name.tolist() == ["北京市", "天津市", "河北省"]
    assert (provinces.parent_code == "100000").all()
    assert regions[regions.parent_code == "130000"].region_code.tolist() == ["130100", "130200"]
    # Beijing has no prefecture level: its districts come in as counties
    assert set(regions[regions.parent_code == "110000"].level) == {"county"}
    assert summary.last_reported_month == "2023-10"
    assert check_landing(tmp_path) == []
    # listed province codes work too
    listed = generate(tmp_path / "listed", provinces=["430000", "420000"], cities_per_province=1)
    assert [r.code for r in listed.regions] == ["100000", "420000", "420100", "430000", "430100"]
    assert "regions" in summary.table()


def test_grid_months_are_reported_within_half_a_percent_of_their_days(hubei):
    """Rule C3 needs the grid company's own month figures beside the days."""
    landing, _ = hubei
    e = _read(landing, "electricity_consumption")
    e = e[(e.region_code == "420100") & (e.sector_code == "total_society")]
    e = e.assign(mwh=e.mwh.astype(float), month=e.period_start.str.slice(0, 7))
    days = e[e.period_type == "day"].groupby("month").mwh.sum()
    months = e[e.period_type == "month"].set_index("month").mwh
    assert len(months) == 24  # 2023-01 .. 2024-12, the unreported statistics month included
    assert ((months / days - 1).abs() <= 0.005).all()
