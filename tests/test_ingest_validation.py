"""The landing-file validator on its own (no database): every kind of bad file, and good ones.

Each test writes the file's exact bytes, so the line numbers asserted can be
counted by eye in the test (header = line 1).
"""

import pandas as pd
import pytest

from orchestration.contract import SOURCES
from orchestration.ingest.seed_sources import SEED_SOURCES
from orchestration.ingest.validate import EMPTY_FILE, MAX_ERRORS, KnownCodes, validate_file

KNOWN = KnownCodes(
    region=frozenset({"110000", "120000"}),
    fuel=frozenset({"raw_coal", "natural_gas", "electricity"}),
    industry=frozenset({"13", "25"}),
)
EB_HEADER = "region_code,year,fuel_code,flow_code,quantity\n"
EC_HEADER = "region_code,period_type,period_start,sector_code,industry_code,mwh\n"
IE_HEADER = "region_code,period_type,period_start,industry_code,fuel_code,table_code,quantity\n"


def check(tmp_path, source: str, content: str | bytes, known: KnownCodes = KNOWN):
    path = tmp_path / f"{source}.csv"
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    spec = SOURCES[source] if source in SOURCES else SEED_SOURCES[source]
    return validate_file(path, spec, known, name=f"{source}/f.csv")


def only(errors, line, column, reason_part):
    """Assert there is an error at (line, column) whose reason contains ``reason_part``."""
    hits = [e for e in errors if e.line == line and e.column == column and reason_part in e.reason]
    assert hits, f"no error at line {line}, column {column} with {reason_part!r}: {errors}"
    return hits[0]


def test_valid_file_is_typed_with_nulls_and_lines(tmp_path):
    frame, errors = check(
        tmp_path,
        "electricity_consumption",
        EC_HEADER
        + "110000,month,2024-01-01,industry,,10.5\n"
        + "110000,month,2024-01-01,industry,13,4\n"
        + "120000,day,2024-02-29,total_society,,0\n",
    )
    assert errors == []
    assert list(frame["_source_line"]) == [2, 3, 4]
    assert frame["industry_code"].tolist() == [None, "13", None]
    assert frame["mwh"].tolist() == [10.5, 4.0, 0.0]
    assert frame["period_start"].tolist()[2] == pd.Timestamp("2024-02-29")


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    content = "\ufeff" + EB_HEADER.replace("\n", "\r\n") + "110000,2023,raw_coal,agriculture,1\r\n"
    frame, errors = check(tmp_path, "energy_balance", content)
    assert errors == []
    assert frame["year"].tolist() == [2023]


@pytest.mark.parametrize(
    "row",
    [
        " 110000 ,month, 2024-01-01,industry ,13,\t4.5",  # spaces and a tab
        "110000,month,2024-01-01\u3000,industry,13,4.5\u00a0",  # ideographic, no-break space
        '"110000\n",month,2024-01-01,"\nindustry",13,4.5',  # quoted cells with line breaks
    ],
    ids=["spaces-tab", "unicode-spaces", "quoted-line-breaks"],
)
def test_cells_are_stripped_of_whitespace_wherever_it_is(tmp_path, row):
    # the same record as "110000,month,2024-01-01,industry,13,4.5" once each cell is stripped
    # of what str.strip removes (any Unicode whitespace, line breaks in quoted cells too)
    frame, errors = check(tmp_path, "electricity_consumption", EC_HEADER + row + "\n")
    assert errors == []
    assert frame[
        ["region_code", "period_type", "sector_code", "industry_code"]
    ].values.tolist() == [["110000", "month", "industry", "13"]]
    assert frame["mwh"].tolist() == [4.5]
    assert frame["period_start"].tolist() == [pd.Timestamp("2024-01-01")]


def test_missing_unknown_and_duplicate_columns_are_named(tmp_path):
    _, errors = check(
        tmp_path,
        "energy_balance",
        "region_code,year,fuel_code,flow_code,qty,year\n110000,2023,raw_coal,agriculture,1,2023\n",
    )
    only(errors, 1, "quantity", "missing column 'quantity'")
    only(errors, 1, "qty", "unknown column 'qty'")
    only(errors, 1, "year", "duplicate column 'year'")


def test_text_in_a_number_names_line_and_column(tmp_path):
    _, errors = check(
        tmp_path,
        "energy_balance",
        EB_HEADER + "110000,2023,raw_coal,agriculture,1\n110000,2023,natural_gas,agriculture,abc\n",
    )
    assert len(errors) == 1
    assert str(errors[0]) == (
        'energy_balance/f.csv, line 3, column quantity: text in a number: "abc"'
    )


def test_integer_column_refuses_decimals(tmp_path):
    _, errors = check(
        tmp_path, "energy_balance", EB_HEADER + "110000,2023.5,raw_coal,transport,1\n"
    )
    only(errors, 2, "year", 'not a whole number: "2023.5"')


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("990000,2023,raw_coal,agriculture,1", "region_code", 'unknown region code "990000"'),
        ("110000,2023,coal,agriculture,1", "fuel_code", 'unknown fuel code "coal"'),
        ("110000,2023,raw_coal,farming,1", "flow_code", 'value "farming" not allowed'),
        ("110000,2023,raw_coal,agriculture,", "quantity", "required value is empty"),
        ("110000,2023,raw_coal,agriculture,-2", "quantity", "negative value not allowed: -2"),
    ],
)
def test_bad_cells(tmp_path, row, column, reason):
    _, errors = check(tmp_path, "energy_balance", EB_HEADER + row + "\n")
    only(errors, 2, column, reason)


def test_unknown_industry_code(tmp_path):
    _, errors = check(
        tmp_path, "electricity_consumption", EC_HEADER + "110000,year,2024-01-01,industry,99,1\n"
    )
    only(errors, 2, "industry_code", 'unknown industry code "99"')


def test_signs_allowed_only_for_conversion_and_recycling(tmp_path):
    content = (
        IE_HEADER
        + "110000,month,2024-01-01,25,raw_coal,conversion,-5\n"
        + "110000,month,2024-01-01,25,raw_coal,recycling,-1\n"
        + "110000,month,2024-01-01,25,raw_coal,consumption,-3\n"
    )
    _, errors = check(tmp_path, "industry_energy", content)
    assert [(e.line, e.column) for e in errors] == [(4, "quantity")]


@pytest.mark.parametrize(
    "content",
    [b"", b"\n", EB_HEADER.encode(), ("\ufeff" + EB_HEADER).encode()],
    ids=["zero-bytes", "blank", "header-only", "bom-header-only"],
)
def test_empty_files(tmp_path, content):
    frame, errors = check(tmp_path, "energy_balance", content)
    assert frame is None
    assert [e.reason for e in errors] == [EMPTY_FILE]


def test_latin1_bytes_name_the_line_and_column(tmp_path):
    # line 3 holds "Zürich" in latin-1 (0xFC), in the second field, region_name.
    content = (
        b"region_code,region_name,level,parent_code\n"
        + "110000,北京,province,\n".encode()
        + "120000,Z\xfcrich,province,\n".encode("latin-1")
    )
    frame, errors = check(tmp_path, "regions", content)
    assert frame is None
    error = only(errors, 3, "region_name", "not UTF-8")
    assert "fc" in error.reason


def test_gbk_bytes_are_refused(tmp_path):
    content = ("region_code,region_name,level,parent_code\n110000,北京,province,\n").encode("gbk")
    _, errors = check(tmp_path, "regions", content)
    only(errors, 2, "region_name", "not UTF-8")


@pytest.mark.parametrize(
    ("period_type", "start", "reason"),
    [
        ("month", "2024/01/01", 'not an ISO date YYYY-MM-DD: "2024/01/01"'),
        ("month", "2023-02-29", 'not a real date: "2023-02-29"'),
        ("month", "2024-03-15", "2024-03-15 is not the first day of its month"),
        ("quarter", "2024-02-01", "2024-02-01 is not the first day of its quarter"),
        ("year", "2024-07-01", "2024-07-01 is not the first day of its year"),
    ],
)
def test_bad_dates_and_period_starts(tmp_path, period_type, start, reason):
    content = EC_HEADER + f"110000,{period_type},{start},total_society,,1\n"
    _, errors = check(tmp_path, "electricity_consumption", content)
    only(errors, 2, "period_start", reason)


def test_period_starts_that_are_fine(tmp_path):
    content = (
        EC_HEADER
        + "110000,day,2024-03-15,total_society,,1\n"
        + "110000,quarter,2024-10-01,total_society,,1\n"
        + "110000,year,2024-01-01,total_society,,1\n"
        + "110000,month,2024-12-01,total_society,,1\n"
    )
    _, errors = check(tmp_path, "electricity_consumption", content)
    assert errors == []


def test_duplicate_key_names_both_lines_and_is_null_safe(tmp_path):
    content = (
        EC_HEADER
        + "110000,month,2024-01-01,industry,,1\n"  # line 2
        + "110000,month,2024-01-01,industry,13,1\n"  # line 3
        + "110000,month,2024-01-01,industry,,2\n"  # line 4: same key as line 2 (empty industry)
    )
    _, errors = check(tmp_path, "electricity_consumption", content)
    assert len(errors) == 1
    assert errors[0].line == 4
    assert "on lines 2 and 4" in errors[0].reason


def test_errors_are_collected_not_stopped_at_first_and_capped(tmp_path):
    rows = "".join(f"110000,{2000 + i},raw_coal,agriculture,x{i}\n" for i in range(120))
    _, errors = check(tmp_path, "energy_balance", EB_HEADER + rows)
    # 120 bad rows: MAX_ERRORS of them listed, then one line counting the 120 - 50 = 70 others.
    assert len(errors) == MAX_ERRORS + 1
    assert errors[0].line == 2 and errors[MAX_ERRORS - 1].line == MAX_ERRORS + 1
    assert errors[-1].reason == "... 70 more errors"


def test_line_numbers_survive_quoted_newlines_and_blank_lines(tmp_path):
    content = (
        "region_code,region_name,level,parent_code\n"
        '110000,"Bei\njing",province,\n'  # one record on lines 2-3
        "\n"  # line 4 blank
        "120000,Tianjin,town,\n"  # line 5: bad level
    )
    _, errors = check(tmp_path, "regions", content)
    assert [(e.line, e.column) for e in errors] == [(5, "level")]


def test_short_row_is_refused(tmp_path):
    _, errors = check(tmp_path, "energy_balance", EB_HEADER + "110000,2023,raw_coal\n")
    assert errors and errors[0].line == 2


def test_factor_seed_valid_from_must_start_a_month(tmp_path):
    header = "fuel_code,co2_per_tce,valid_from,source\n"
    good = "raw_coal,2.66,2024-01-01,test\n"
    _, errors = check(tmp_path, "emission_factors", header + good + "raw_coal,2.7,2024-06-15,t\n")
    only(errors, 3, "valid_from", "2024-06-15 is not the first day of its month")
    frame, errors = check(tmp_path, "emission_factors", header + good)
    assert errors == [] and frame["co2_per_tce"].tolist() == [2.66]
