"""Loading landing files into raw on real DuckDB and PostgreSQL (fixture ``any_warehouse``).

Every test starts from a small good load (two regions, two energy_balance rows,
two electricity rows), then adds files and checks what the raw tables, the
load log and the quarantine folder hold afterwards.
"""

from pathlib import Path

import pytest

from orchestration.ingest import (
    SourceReport,
    ensure_raw_tables,
    load_landing,
    load_local_factor_seeds,
    load_source,
)

REGIONS = (
    "region_code,region_name,level,parent_code\n"
    "110000,北京市,province,100000\n"
    "120000,天津市,province,100000\n"
)
ENERGY = (
    "region_code,year,fuel_code,flow_code,quantity\n"
    "110000,2023,raw_coal,agriculture,1.5\n"
    "120000,2023,natural_gas,transport,2.25\n"
)
ELEC = (
    "region_code,period_type,period_start,sector_code,industry_code,mwh\n"
    "110000,month,2024-01-01,industry,,10\n"
    "110000,month,2024-01-01,industry,13,4\n"
)


def put(landing: Path, rel: str, content: str | bytes) -> Path:
    path = landing / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def rows(warehouse, sql: str) -> list[tuple]:
    return [tuple(r) for r in warehouse.query(sql)]


def energy(warehouse):
    return rows(
        warehouse,
        "select region_code, year, fuel_code, flow_code, quantity, _source_file, _source_line "
        "from raw.energy_balance order by region_code, fuel_code",
    )


def elec(warehouse):
    return rows(
        warehouse,
        "select industry_code, mwh, _source_file from raw.electricity_consumption "
        "order by industry_code nulls first",
    )


@pytest.fixture
def loaded(tmp_path, any_warehouse):
    """A landing dir with good regions, energy_balance and electricity files, loaded."""
    landing = tmp_path / "landing"
    put(landing, "regions/regions.csv", REGIONS)
    put(landing, "energy_balance/2023.csv", ENERGY)
    put(landing, "electricity_consumption/2024-01.csv", ELEC)
    reports = load_landing(landing, any_warehouse)
    assert all(not r.refused for r in reports), [r.summary() for r in reports]
    return landing, any_warehouse


GOOD_ENERGY = [
    ("110000", 2023, "raw_coal", "agriculture", 1.5, "energy_balance/2023.csv", 2),
    ("120000", 2023, "natural_gas", "transport", 2.25, "energy_balance/2023.csv", 3),
]


def test_good_files_load_typed_with_lineage(loaded):
    landing, warehouse = loaded
    assert energy(warehouse) == GOOD_ENERGY
    # The empty industry_code cell is NULL, not ''.
    assert elec(warehouse) == [
        (None, 10.0, "electricity_consumption/2024-01.csv"),
        ("13", 4.0, "electricity_consumption/2024-01.csv"),
    ]
    log = rows(warehouse, "select source, file, rows, outcome from raw._load_log order by source")
    assert log == [
        ("electricity_consumption", "electricity_consumption/2024-01.csv", 2, "loaded"),
        ("energy_balance", "energy_balance/2023.csv", 2, "loaded"),
        ("regions", "regions/regions.csv", 2, "loaded"),
    ]


BAD_FILES = {
    "missing-column": (
        "region_code,year,fuel_code,quantity\n110000,2023,raw_coal,9\n",
        1,
        "flow_code",
        "missing column",
    ),
    "text-in-number": (
        ENERGY.replace("2.25", "12,5").replace(",12,5", ',"12,5"') + "",
        3,
        "quantity",
        'text in a number: "12,5"',
    ),
    "unknown-code": (
        "region_code,year,fuel_code,flow_code,quantity\n"
        "110000,2024,raw_coal,agriculture,9\n"
        "110000,2024,peat,agriculture,9\n",
        3,
        "fuel_code",
        'unknown fuel code "peat"',
    ),
    "unknown-region": (
        "region_code,year,fuel_code,flow_code,quantity\n990000,2024,raw_coal,agriculture,9\n",
        2,
        "region_code",
        'unknown region code "990000"',
    ),
    "negative": (
        "region_code,year,fuel_code,flow_code,quantity\n110000,2023,raw_coal,agriculture,-7\n",
        2,
        "quantity",
        "negative value not allowed",
    ),
    "empty": ("", 1, None, "empty file: no data rows"),
    "header-only": ("region_code,year,fuel_code,flow_code,quantity\n", 1, None, "empty file"),
    "latin-1": (
        b"region_code,year,fuel_code,flow_code,quantity\n"
        b"110000,2023,raw_coal,agriculture,1\n"
        b"110000,2023,raw_coal\xe9,transport,1\n",
        3,
        "fuel_code",
        "not UTF-8",
    ),
    "gbk": (
        "region_code,year,fuel_code,flow_code,quantity\n110000,2023,天然气,agriculture,1\n".encode(
            "gbk"
        ),
        2,
        "fuel_code",
        "not UTF-8",
    ),
    "duplicate-key": (
        "region_code,year,fuel_code,flow_code,quantity\n"
        "110000,2023,raw_coal,agriculture,8\n"
        "120000,2023,raw_coal,agriculture,8\n"
        "110000,2023,raw_coal,agriculture,9\n",
        4,
        "region_code, year, fuel_code, flow_code",
        "on lines 2 and 4",
    ),
    "bad-year": (
        "region_code,year,fuel_code,flow_code,quantity\n110000,23a,raw_coal,agriculture,1\n",
        2,
        "year",
        'text in a number: "23a"',
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_refused_quarantined_and_loses_nothing(loaded, kind):
    landing, warehouse = loaded
    content, line, column, reason = BAD_FILES[kind]
    # "2024.csv" sorts after "2023.csv", which is already loaded and unchanged.
    put(landing, "energy_balance/2024.csv", content)
    report = load_source(landing, "energy_balance", warehouse)
    assert [(f.file, f.outcome) for f in report.files] == [
        ("energy_balance/2023.csv", "unchanged"),
        ("energy_balance/2024.csv", "refused"),
    ]
    refused = report.refused[0]
    assert "energy_balance/2024.csv" in refused.message
    assert f"line {line}" in refused.message
    if column:
        assert f"column {column}" in refused.message
    assert reason in refused.message
    # Moved out of the landing folder, with every error written beside it.
    assert not (landing / "energy_balance/2024.csv").exists()
    moved = landing / "_quarantine/energy_balance/2024.csv"
    assert moved.read_bytes() == (content.encode() if isinstance(content, str) else content)
    error_text = (landing / "_quarantine/energy_balance/2024.csv.error.txt").read_text()
    assert reason in error_text
    # The data loaded before are intact, row for row.
    assert energy(warehouse) == GOOD_ENERGY
    assert report.table_rows == 2
    log = rows(
        warehouse,
        "select outcome, message from raw._load_log where file = 'energy_balance/2024.csv'",
    )
    assert [o for o, _ in log] == ["refused"] and reason in log[0][1]


def test_bad_date_and_period_start_refused(loaded):
    landing, warehouse = loaded
    put(
        landing,
        "electricity_consumption/2024-02.csv",
        "region_code,period_type,period_start,sector_code,industry_code,mwh\n"
        "110000,month,2024-02-30,industry,,10\n"
        "110000,quarter,2024-02-01,industry,13,4\n",
    )
    report = load_source(landing, "electricity_consumption", warehouse)
    message = report.refused[0].message
    assert 'line 2, column period_start: not a real date: "2024-02-30"' in message
    assert "line 3, column period_start: 2024-02-01 is not the first day of its quarter" in message
    assert (landing / "_quarantine/electricity_consumption/2024-02.csv.error.txt").exists()
    assert len(elec(warehouse)) == 2


def test_same_file_twice_changes_nothing(loaded):
    landing, warehouse = loaded
    before = rows(warehouse, "select * from raw.energy_balance order by region_code")
    report = load_source(landing, "energy_balance", warehouse)
    assert [f.outcome for f in report.files] == ["unchanged"]
    assert rows(warehouse, "select * from raw.energy_balance order by region_code") == before


def test_later_file_wins_on_repeated_key_null_safe(loaded):
    landing, warehouse = loaded
    # Same key as line 2 of 2024-01.csv (industry_code empty = NULL) with a new value,
    # and a new row for industry 25.
    put(
        landing,
        "electricity_consumption/2024-01b.csv",
        "region_code,period_type,period_start,sector_code,industry_code,mwh\n"
        "110000,month,2024-01-01,industry,,11\n"
        "110000,month,2024-01-01,industry,25,3\n",
    )
    report = load_source(landing, "electricity_consumption", warehouse)
    assert [f.outcome for f in report.files] == ["unchanged", "loaded"]
    assert elec(warehouse) == [
        (None, 11.0, "electricity_consumption/2024-01b.csv"),
        ("13", 4.0, "electricity_consumption/2024-01.csv"),
        ("25", 3.0, "electricity_consumption/2024-01b.csv"),
    ]
    assert report.table_rows == 3


def test_corrected_file_replaces_its_previous_version(loaded):
    landing, warehouse = loaded
    # Corrected 2023.csv: 110000's quantity 1.5 -> 1.75; 120000's row withdrawn.
    put(
        landing,
        "energy_balance/2023.csv",
        "region_code,year,fuel_code,flow_code,quantity\n110000,2023,raw_coal,agriculture,1.75\n",
    )
    report = load_source(landing, "energy_balance", warehouse)
    assert [f.outcome for f in report.files] == ["loaded"]
    assert energy(warehouse) == [
        ("110000", 2023, "raw_coal", "agriculture", 1.75, "energy_balance/2023.csv", 2)
    ]


def test_corrected_earlier_file_does_not_beat_a_later_file(loaded):
    landing, warehouse = loaded
    put(
        landing,
        "energy_balance/2023b.csv",
        "region_code,year,fuel_code,flow_code,quantity\n110000,2023,raw_coal,agriculture,5\n",
    )
    load_source(landing, "energy_balance", warehouse)
    # Now 2023.csv is corrected: its 120000 row changes, its 110000 row is still
    # overridden by 2023b.csv, which comes later in lexical order.
    put(landing, "energy_balance/2023.csv", ENERGY.replace("2.25", "3"))
    load_source(landing, "energy_balance", warehouse)
    assert [(r[0], r[4], r[5]) for r in energy(warehouse)] == [
        ("110000", 5.0, "energy_balance/2023b.csv"),
        ("120000", 3.0, "energy_balance/2023.csv"),
    ]


def test_regions_of_the_same_load_are_known(tmp_path, any_warehouse):
    landing = tmp_path / "landing"
    put(landing, "regions/a.csv", REGIONS)
    put(
        landing,
        "regions/b.csv",
        "region_code,region_name,level,parent_code\n130000,河北省,province,\n",
    )
    put(
        landing,
        "economy/e.csv",
        "region_code,year,gdp_10k_yuan,population\n130000,2023,100,\n110000,2023,,7\n",
    )
    put(landing, "economy/f.csv", "region_code,year,gdp_10k_yuan,population\n140000,2023,1,1\n")
    reports = {r.source: r for r in load_landing(landing, any_warehouse)}
    assert [f.outcome for f in reports["regions"].files] == ["loaded", "loaded"]
    assert [f.outcome for f in reports["economy"].files] == ["loaded", "refused"]
    assert rows(
        any_warehouse, "select region_code, gdp_10k_yuan, population from raw.economy order by 1"
    ) == [("110000", None, 7.0), ("130000", 100.0, None)]


FUELS_HEADER = (
    "fuel_code,fuel_name_zh,fuel_name_en,category,physical_unit,std_coal_coeff,valid_from,source\n"
)


def test_local_factor_override_loaded_recorded_and_removable(tmp_path, any_warehouse):
    landing = tmp_path / "landing"
    put(
        landing,
        "factor_seeds/fuels.csv",
        FUELS_HEADER + "peat,泥炭,Peat,other,t,0.4,2024-01-01,local survey\n",
    )
    put(landing, "regions/r.csv", REGIONS)
    # "peat" is known only through the local fuels seed in effect.
    put(
        landing,
        "energy_balance/e.csv",
        "region_code,year,fuel_code,flow_code,quantity\n110000,2024,peat,residential,3\n",
    )
    reports = {r.source: r for r in load_landing(landing, any_warehouse, build_id="b1")}
    assert [f.outcome for f in reports["energy_balance"].files] == ["loaded"]
    assert rows(any_warehouse, "select fuel_code, std_coal_coeff, valid_from from raw.local_fuels")[
        0
    ][:2] == ("peat", 0.4)
    factor_set = rows(
        any_warehouse, "select seed, origin, file from raw._factor_set where build_id = 'b1'"
    )
    assert sorted(factor_set) == [
        ("activity_intensities", "bundled", "factor_seeds/activity_intensities.csv"),
        ("emission_factors", "bundled", "factor_seeds/emission_factors.csv"),
        ("fuels", "local", "factor_seeds/fuels.csv"),
        ("industries", "bundled", "factor_seeds/industries.csv"),
    ]
    (landing / "factor_seeds/fuels.csv").unlink()
    report = load_local_factor_seeds(landing, any_warehouse, build_id="b2")
    assert "fuels: bundled" in report.notes
    assert rows(any_warehouse, "select count(*) from raw.local_fuels") == [(0,)]
    assert rows(
        any_warehouse, "select origin from raw._factor_set where build_id = 'b2' and seed = 'fuels'"
    ) == [("bundled",)]


def test_bad_local_factor_file_is_refused_and_bundled_applies(tmp_path, any_warehouse):
    landing = tmp_path / "landing"
    put(
        landing,
        "factor_seeds/fuels.csv",
        FUELS_HEADER + "peat,泥炭,Peat,other,t,0.4,2024-01-01,x\n",
    )
    load_local_factor_seeds(landing, any_warehouse, build_id="b1")
    put(
        landing,
        "factor_seeds/fuels.csv",
        FUELS_HEADER + "peat,泥炭,Peat,other,t,0.4,2024-01-15,mid-month version\n",
    )
    report = load_local_factor_seeds(landing, any_warehouse, build_id="b2")
    assert report.refused[0].file == "factor_seeds/fuels.csv"
    assert "line 2, column valid_from" in report.refused[0].message
    assert "fuels: local file refused, bundled seed applies" in report.notes
    assert (landing / "_quarantine/factor_seeds/fuels.csv.error.txt").exists()
    assert rows(any_warehouse, "select count(*) from raw.local_fuels") == [(0,)]
    assert rows(
        any_warehouse, "select origin from raw._factor_set where build_id = 'b2' and seed = 'fuels'"
    ) == [("bundled",)]


def test_ensure_raw_tables_is_idempotent_and_report_metadata_is_plain(tmp_path, any_warehouse):
    ensure_raw_tables(any_warehouse)
    ensure_raw_tables(any_warehouse)
    assert rows(any_warehouse, "select count(*) from raw.power_supply") == [(0,)]
    assert rows(any_warehouse, "select count(*) from raw.local_activity_intensities") == [(0,)]
    report = load_source(tmp_path / "nothing", "power_supply", any_warehouse)
    assert isinstance(report, SourceReport) and report.files == []
    meta = report.to_metadata()
    assert meta["table_rows"] == 0 and meta["files_refused"] == 0
    assert all(isinstance(v, str | int) for v in meta.values())
