"""Great Expectations validation of rpt_consistency, Data Docs, and alerts.

The rows are written straight into a rpt_consistency-shaped table (no dbt build): these tests
pin down the GX side (suites from thresholds.yml, checkpoints on DuckDB frames and on
PostgreSQL through SQL, Data Docs, webhook alerts). Every test uses a temp copy of the
committed GX context, so nothing is written into the repo's expectations/.

Numbers: rel_diff = |observed - expected| / |expected| (METHOD 6); the default thresholds are
C1 0.5 %, C4 < 0.5 % (strict), C6 0.5 % (expectations/thresholds.yml).
"""

import json
import re
import shutil
import socket
import threading
import urllib.request
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from orchestration.paths import EXPECTATIONS_DIR
from orchestration.quality.alerts import AlertChannel, raise_alerts
from orchestration.quality.docs import data_docs_index_path, make_docs_server, serve_or_print_docs
from orchestration.quality.gx_context import RULE_SUITES, rule_model
from orchestration.quality.validate import RuleResult, validate_consistency

RULES = tuple(RULE_SUITES)
LAYERS = ("computed", "reconciled")
COLUMNS = (
    "check_run, rule, layer, region_code, period_type, period_start, sector, subsector, "
    "fuel_code, scope, measure, object_key, expected, observed, rel_diff, threshold, passed, "
    "severity, note, informational"
)
# A C1 object 0.4 % off: passes the standard's 0.5 %, fails a deployment's 0.3 %.
NEAR_C1_KEY = "420000|month|2024-03-01|energy|coal|direct"


def _row(check_run, rule, layer, key, expected, observed, passed=None, measure="emissions"):
    rel_diff = abs(observed - expected) / abs(expected)
    ok = passed if passed is not None else True
    severity = "warn" if rule == "C7" else "error"
    return (
        check_run, rule, layer, "420000", "month", "2024-03-01", "energy", "coal", "coal",
        "direct", measure, key, expected, observed, rel_diff, None, ok, severity, None, False,
    )  # fmt: skip


def clean_rows(check_run: str) -> list[tuple]:
    """Two passing objects per rule and layer.

    expected 200, observed 200.5: rel_diff 0.5 / 200 = 0.0025, within every threshold
    (the smallest is C4's strict 0.005). Plus NEAR_C1_KEY on C1 computed: 1000 vs 1004,
    rel_diff 4 / 1000 = 0.004 <= 0.005.
    """
    rows = []
    for rule in RULES:
        for layer in LAYERS:
            for i in (1, 2):
                rows.append(_row(check_run, rule, layer, f"{rule}|{layer}|obj{i}", 200.0, 200.5))
    rows.append(_row(check_run, "C1", "computed", NEAR_C1_KEY, 1000.0, 1004.0))
    return rows


def write_duckdb(warehouse, rows) -> None:
    with warehouse.connect() as con:
        con.execute("create schema if not exists carbon")
        con.execute(
            "create table if not exists carbon.rpt_consistency (check_run varchar, rule varchar, "
            "layer varchar, region_code varchar, period_type varchar, period_start date, "
            "sector varchar, subsector varchar, fuel_code varchar, scope varchar, "
            "measure varchar, object_key varchar, expected double, observed double, "
            "rel_diff double, threshold double, passed boolean, severity varchar, note varchar, "
            "informational boolean)"
        )
        con.executemany(f"insert into carbon.rpt_consistency ({COLUMNS}) values "
                        f"({', '.join(['?'] * 20)})", rows)  # fmt: skip


PG_COLUMN_TYPES = (
    "check_run varchar, rule varchar, layer varchar, region_code varchar, "
    "period_type varchar, period_start date, sector varchar, subsector varchar, "
    "fuel_code varchar, scope varchar, measure varchar, object_key varchar, "
    "expected double precision, observed double precision, rel_diff double precision, "
    "threshold double precision, passed boolean, severity varchar, note varchar, "
    "informational boolean"
)


def write_postgres(warehouse, rows, *, as_dbt_builds: bool = True) -> None:
    """The rows in PostgreSQL. ``as_dbt_builds``: as a dbt build leaves them, each rule's rows
    in its own model's table, rpt_consistency the view of their union, and
    rpt_quality_scorecard carrying the latest check run. Otherwise one rpt_consistency table
    written by hand."""
    with warehouse.connect() as con:
        cur = con.cursor()
        cur.execute("create schema if not exists carbon")
        if not as_dbt_builds:
            cur.execute(f"create table carbon.rpt_consistency ({PG_COLUMN_TYPES})")
            cur.executemany(f"insert into carbon.rpt_consistency ({COLUMNS}) values "
                            f"({', '.join(['%s'] * 20)})", rows)  # fmt: skip
            return
        cur.execute("drop view if exists carbon.rpt_consistency")
        for rule in RULES:
            table = f"carbon.{rule_model(rule)}"
            cur.execute(f"create table if not exists {table} ({PG_COLUMN_TYPES})")
            insert = f"insert into {table} ({COLUMNS}) values ({', '.join(['%s'] * 20)})"
            cur.executemany(insert, [r for r in rows if r[1] == rule])
        union = " union all ".join(f"select * from carbon.{rule_model(r)}" for r in RULES)
        cur.execute(f"create view carbon.rpt_consistency as {union}")
        cur.execute("drop table if exists carbon.rpt_quality_scorecard")
        cur.execute("create table carbon.rpt_quality_scorecard (check_run varchar)")
        cur.execute(
            "insert into carbon.rpt_quality_scorecard values (%s)", [max(r[0] for r in rows)]
        )


@pytest.fixture
def gx_root(tmp_path):
    """A temp copy of the committed GX context (without uncommitted results)."""
    root = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, root, ignore=shutil.ignore_patterns("uncommitted"))
    return root


def by_key(results) -> dict:
    return {(r.rule, r.layer): r for r in results}


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs) -> None:
        self._in_script = tag == "script"

    def handle_endtag(self, tag) -> None:
        self._in_script = False

    def handle_data(self, data) -> None:
        if self._in_script:
            self.scripts.append(data)


def docs_latest_results(index_html: str) -> dict:
    """{(suite, asset): 'Success' | 'Failed'} for the newest row of each pair on the index.

    The index's validation table is a data blob inside a <script>; each row carries the
    suite name, the asset, the run time and the success text.
    """
    parser = _Scripts()
    parser.feed(index_html)
    latest: dict = {}
    for chunk in "".join(parser.scripts).split("{'validation_success'")[1:]:
        suite = re.search(r"'_expectation_suite_name_sort': '([^']+)'", chunk)
        asset = re.search(r"'asset_name': '([^']+)'", chunk)
        when = re.search(r"'_run_time_sort': ([0-9.]+)", chunk)
        status = re.search(r"'_validation_success_text': '(\w+)'", chunk)
        if not (suite and asset and when and status):
            continue
        key = (suite.group(1), asset.group(1))
        if key not in latest or float(when.group(1)) > latest[key][0]:
            latest[key] = (float(when.group(1)), status.group(1))
    return {key: status for key, (_, status) in latest.items()}


def test_duckdb_clean_passes_planted_fault_fails_and_docs_list_every_suite(
    duckdb_warehouse, gx_root, capsys
):
    write_duckdb(duckdb_warehouse, clean_rows("b1"))
    results = validate_consistency(duckdb_warehouse, context_root=gx_root)
    assert {(r.rule, r.layer) for r in results} == {(r, la) for r in RULES for la in LAYERS}
    assert all(r.success for r in results), [r for r in results if not r.success]
    assert all(r.engine == "frame" and r.check_run == "b1" for r in results)
    assert by_key(results)[("C1", "computed")].objects_checked == 3
    assert by_key(results)[("C4", "reconciled")].objects_checked == 2

    # Build b2: a city month 0.5 % off its province on the reconciled layer. C4 is strict
    # (diff < 0.5 %): 1000 vs 1005 -> 5 / 1000 = 0.005, not < 0.005, so it fails even though
    # dbt's passed flag (set true here on purpose) says otherwise.
    fault = "420000>420100|month|2024-03-01|energy|direct"
    write_duckdb(
        duckdb_warehouse, [*clean_rows("b2"), _row("b2", "C4", "reconciled", fault, 1000, 1005)]
    )
    results = by_key(validate_consistency(duckdb_warehouse, context_root=gx_root))
    c4 = results[("C4", "reconciled")]
    assert not c4.success and c4.check_run == "b2"
    assert c4.objects_checked == 3 and c4.failures == 1
    assert c4.worst_offenders[0]["object_key"] == fault
    assert c4.worst_offenders[0]["rel_diff"] == pytest.approx(0.005)
    assert [k for k, r in results.items() if not r.success] == [("C4", "reconciled")]
    assert c4.data_docs_url and "consistency_c4_spatial_rollup" in c4.data_docs_url

    index = data_docs_index_path(gx_root)
    assert index.exists()
    latest = docs_latest_results(index.read_text(encoding="utf-8"))
    for suite in RULE_SUITES.values():
        assert latest[(suite, "rpt_consistency_computed")] == "Success"
        expected = "Failed" if suite == RULE_SUITES["C4"] else "Success"
        assert latest[(suite, "rpt_consistency_reconciled")] == expected, suite

    assert serve_or_print_docs(serve=False, root=gx_root) == 0
    assert capsys.readouterr().out.strip() == str(index)

    # Validating the older build by id reads that check run only: everything passes there.
    old = validate_consistency(duckdb_warehouse, "b1", ("reconciled",), context_root=gx_root)
    assert all(r.success for r in old) and {r.check_run for r in old} == {"b1"}


def test_duckdb_row_without_object_key_fails_its_suite(duckdb_warehouse, gx_root):
    # The DuckDB frame carries 1 or NULL for object_key (validate.FETCHED_COLUMNS); a C3 row
    # that names no object (expected 200, observed 200.5: within the threshold) must still
    # fail C3's not-null expectation, and no other suite.
    nameless = _row("b1", "C3", "computed", None, 200.0, 200.5)
    write_duckdb(duckdb_warehouse, [*clean_rows("b1"), nameless])
    results = by_key(validate_consistency(duckdb_warehouse, context_root=gx_root))
    c3 = results[("C3", "computed")]
    assert not c3.success and c3.objects_checked == 3 and c3.failures == 1
    assert [k for k, r in results.items() if not r.success] == [("C3", "computed")]


def test_tightened_thresholds_change_the_outcome(duckdb_warehouse, gx_root, tmp_path):
    # NEAR_C1_KEY is 0.4 % off (4 / 1000); the first test shows it passing at 0.5 %.
    # A deployment tightening C1 to 0.3 % makes it fail; the 0.25 % objects still pass.
    tightened = tmp_path / "thresholds.yml"
    tightened.write_text("rules:\n  C1: 0.003\n", encoding="utf-8")
    write_duckdb(duckdb_warehouse, clean_rows("b1"))
    results = by_key(
        validate_consistency(duckdb_warehouse, context_root=gx_root, thresholds_path=tightened)
    )
    c1 = results[("C1", "computed")]
    assert not c1.success and c1.failures == 1
    assert c1.worst_offenders == [
        {"object_key": NEAR_C1_KEY, "measure": "emissions", "rel_diff": pytest.approx(0.004)}
    ]
    assert [k for k, r in results.items() if not r.success] == [("C1", "computed")]
    suite = json.loads((gx_root / "expectations" / f"{RULE_SUITES['C1']}.json").read_text())
    between = [
        e for e in suite["expectations"] if e["type"] == "expect_column_values_to_be_between"
    ]
    assert between[0]["kwargs"]["max_value"] == 0.003


def test_postgres_validates_through_sql(pg_warehouse, gx_root):
    # Allocation (C6) 3 % off: E_power + E_import 1000, end uses 1030 -> 30 / 1000 = 0.03.
    fault = "420000|month|2024-03-01|indirect_electricity"
    rows = [*clean_rows("b1"), _row("b1", "C6", "computed", fault, 1000, 1030, passed=False)]
    write_postgres(pg_warehouse, rows)
    results = by_key(validate_consistency(pg_warehouse, context_root=gx_root))
    assert {r.engine for r in results.values()} == {"postgres"}
    c6 = results[("C6", "computed")]
    assert not c6.success and c6.objects_checked == 3 and c6.failures == 1
    assert c6.worst_offenders[0]["object_key"] == fault
    assert c6.worst_offenders[0]["rel_diff"] == pytest.approx(0.03)
    assert [k for k, r in results.items() if not r.success] == [("C6", "computed")]
    # Each suite read its own rule's rows: C1 computed has 3 objects (2 + NEAR_C1_KEY), every
    # other rule and layer 2 (and C6 computed the fault).
    assert results[("C1", "computed")].objects_checked == 3
    assert results[("C5", "reconciled")].objects_checked == 2
    # The committed YAML keeps the placeholder, never the DSN.
    config = (gx_root / "great_expectations.yml").read_text()
    assert "${CARBON_GX_PG_URL}" in config and "127.0.0.1" not in config

    # Build b2 on top: b1's rows stay in the tables, the suites read b2's alone (the
    # scorecard's check run). C6's fault is gone; C4 reconciled 1000 vs 1010 fails (1 %).
    c4_fault = "420000>420100|month|2024-03-01|energy|direct"
    write_postgres(
        pg_warehouse, [*clean_rows("b2"), _row("b2", "C4", "reconciled", c4_fault, 1000, 1010)]
    )
    results = by_key(validate_consistency(pg_warehouse, context_root=gx_root))
    assert {(r.engine, r.check_run) for r in results.values()} == {("postgres", "b2")}
    assert [k for k, r in results.items() if not r.success] == [("C4", "reconciled")]
    assert results[("C4", "reconciled")].objects_checked == 3
    assert results[("C6", "computed")].objects_checked == 2

    # b1 asked for by name: not the scorecard's check run, so read as frames, b1's rows only.
    results = by_key(validate_consistency(pg_warehouse, "b1", context_root=gx_root))
    assert {(r.engine, r.check_run) for r in results.values()} == {("frame", "b1")}
    assert [k for k, r in results.items() if not r.success] == [("C6", "computed")]


def test_postgres_rpt_consistency_written_by_hand_is_validated_as_frames(pg_warehouse, gx_root):
    # No rule models, no scorecard: the query assets cannot read it; the frames can.
    fault = "420000|month|2024-03-01|indirect_electricity"
    rows = [*clean_rows("b1"), _row("b1", "C6", "computed", fault, 1000, 1030, passed=False)]
    write_postgres(pg_warehouse, rows, as_dbt_builds=False)
    results = by_key(validate_consistency(pg_warehouse, context_root=gx_root))
    assert {(r.engine, r.check_run) for r in results.values()} == {("frame", "b1")}
    assert [k for k, r in results.items() if not r.success] == [("C6", "computed")]
    assert results[("C6", "computed")].worst_offenders[0]["object_key"] == fault


def failed_result() -> RuleResult:
    return RuleResult(
        rule="C1",
        layer="reconciled",
        success=False,
        objects_checked=12,
        failures=1,
        worst_offenders=[{"object_key": "k1", "measure": "emissions", "rel_diff": 0.02}],
        suite_name=RULE_SUITES["C1"],
        check_run="b7",
        detected_at=datetime.now(UTC) - timedelta(milliseconds=50),
    )


class _Capture(BaseHTTPRequestHandler):
    bodies: list = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers["Content-Length"])
        type(self).bodies.append(
            (self.headers["Content-Type"], json.loads(self.rfile.read(length)))
        )
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_webhook_alert_is_posted_and_recorded(duckdb_warehouse):
    _Capture.bodies = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        passing = RuleResult("C2", "reconciled", True, 5, 0, suite_name=RULE_SUITES["C2"])
        records = raise_alerts(
            [failed_result(), passing], AlertChannel(webhook_url=url), warehouse=duckdb_warehouse
        )
    finally:
        server.shutdown()
        server.server_close()
    assert len(records) == 1 and records[0].channel == "log+webhook"
    assert records[0].latency_ms >= 50
    assert records[0].alerted_at >= records[0].detected_at
    assert len(_Capture.bodies) == 1
    content_type, body = _Capture.bodies[0]
    assert content_type == "application/json"
    assert body["event"] == "carbon.consistency_check_failed"
    assert (body["rule"], body["layer"], body["build_id"]) == ("C1", "reconciled", "b7")
    assert body["worst_offenders"] == [
        {"object_key": "k1", "measure": "emissions", "rel_diff": 0.02}
    ]
    assert body["failures"] == 1 and body["objects_checked"] == 12
    assert "k1" in body["message"] and "C1" in body["message"]
    stored = duckdb_warehouse.query(
        "select build_id, rule, layer, channel, latency_ms from raw._alerts"
    )
    assert [row[:4] for row in stored] == [("b7", "C1", "reconciled", "log+webhook")]
    assert stored[0][4] == pytest.approx(records[0].latency_ms)


def test_failing_webhook_is_logged_not_raised(caplog):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with caplog.at_level("WARNING", logger="carbon.alerts"):
        records = raise_alerts(
            [failed_result()], AlertChannel(webhook_url=f"http://127.0.0.1:{port}/", timeout_s=2)
        )
    assert records[0].channel == "log (webhook failed)" and records[0].webhook_error
    messages = [r.getMessage() for r in caplog.records]
    assert any("C1" in m and "k1" in m for m in messages)
    assert any("webhook" in m and "failed" in m for m in messages)


def test_docs_server_serves_the_site(tmp_path):
    site = data_docs_index_path(tmp_path).parent
    site.mkdir(parents=True)
    (site / "index.html").write_text("<html>carbon docs</html>", encoding="utf-8")
    server = make_docs_server(0, root=tmp_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as resp:
            assert b"carbon docs" in resp.read()
    finally:
        server.shutdown()
        server.server_close()
