"""The benchmark code path at small scale (issue 4): correctness only, no timing assertions.

One province with two cities, 2023 and 2024 (statistics to November 2024, so the last month
is a nowcast and excluded from the compared subset). The whole benchmark runs once, as
`make bench` does at national scale but with one repetition and without PostgreSQL: landing
generated, the newest day and month held out, a full build through Dagster, both baselines,
the new month's update through `carbon update`, the report. Both baselines must agree with
fct_emissions; the harness must return medians and a peak memory > 0.
"""

import sys

import pytest

from orchestration.bench import baseline_duckdb, baseline_pandas, run
from orchestration.bench.arrivals import deliver, withdraw
from orchestration.bench.compare import compare, ours
from orchestration.bench.harness import measure_callable, measure_command
from orchestration.warehouse import Warehouse


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench_small")
    report = root / "benchmarks.md"
    # one update (the new month, whose result is checked against the DuckDB baseline): the
    # new day runs the same code with another arrival
    result = run.main(
        "small", reps=1, out=str(report), pg_scale="none", work_dir=str(root), profile=False,
        updates_measured=("new_month",),
    )  # fmt: skip
    return root, report, result


@pytest.fixture(scope="module")
def small(bench):
    """The landing set with the new month delivered, and the warehouse the month's update ran
    on: a full build's, updated in place (the last repetition's)."""
    root, _, result = bench
    landing = root / "small" / "landing"
    arrival = result["arrivals"]["new_month"]
    deliver(arrival, landing)
    yield landing, Warehouse.duckdb(result["builds"][-1])
    withdraw(arrival, landing)


def test_bench_runs_every_measurement_and_writes_the_report(bench):
    root, report, result = bench
    names = [m.name for m in result["updates"].values()]
    assert names == [run.UPDATE_NAMES["new_month"]]
    # the checks of the run: both baselines, the new day published, the new month's totals
    checks = {c.name: c for c in result["checks"]}
    assert all(c.agrees for c in checks.values()), [c.summary() for c in checks.values()]
    assert "update new_month vs baseline duckdb" in checks
    text = report.read_text(encoding="utf-8")
    for needle in ("full build DuckDB", "baseline duckdb", "baseline pandas", *names, "## Targets"):
        assert needle in text, needle
    assert "new day of grid data to published marts within 10 s" in text
    # the held-out files are back out of the landing set after the updates
    landing = root / "small" / "landing"
    assert not list(landing.glob("power_supply/2024-12-31.csv"))


@pytest.mark.parametrize("baseline", [baseline_duckdb, baseline_pandas], ids=["duckdb", "pandas"])
def test_baseline_agrees_with_fct_emissions(small, baseline):
    landing, warehouse = small
    platform = ours(warehouse)
    result = compare(baseline.__name__, baseline.totals(landing), platform)
    assert result.agrees, result.summary()
    # one province + the nation; energy, industry and other; four period types; 2023 has
    # all of them, so at least 2 regions x 3 sectors x 4 period types = 24 totals
    assert result.compared >= 24
    assert set(platform["period_type"]) == {"year", "quarter", "month", "day"}


def test_update_publishes_exactly_what_it_built(bench):
    """After the new month's update (statistics only: the computed layer from its month, the
    reconciled layer from 1 January), the published marts hold the rows of the model marts,
    no more and no fewer: the publication replaced the rows the models rebuilt.

    Every column but the measures must match exactly, row for row (``except all`` both ways).
    The measures must match within 1e-6 (a gram, for tonnes) plus a relative 1e-12: a mart
    that is rebuilt whole (like rpt_region_totals) sums the same rows out of the scope again in
    another order, and a double sum of some thousand terms of about 1e6 t then differs in its
    last bits (up to 1e-10 t were seen, also on energy_not_allocated_tco2, a difference of two
    such sums); any real difference of the method is many orders of magnitude larger (a
    reconciled row rescaled by its year, a nowcast replaced by a computed value)."""
    from orchestration.defs.quality_checks import PUBLISHED, published_schema

    _, _, result = bench
    path = result["builds"][-1]  # the month's update ran on the (last) full build's warehouse
    warehouse = Warehouse.duckdb(path)
    catalog = f'"{path.stem}"'
    publications = warehouse.query(
        f"select refresh_from from {catalog}.{published_schema(warehouse)}._publications "
        "order by published_at desc"
    )
    assert publications[0][0] == "2024-11-01"  # scoped: the update replaced rows
    for table in PUBLISHED:
        model = warehouse.relation(table)
        published = f"{catalog}.{published_schema(warehouse)}.{table}"
        columns = warehouse.query(
            "select column_name, data_type from information_schema.columns "
            f"where table_catalog = '{catalog.strip(chr(34))}' and table_name = '{table}' "
            f"and table_schema = '{published_schema(warehouse)}' order by ordinal_position"
        )
        keys = [c for c, t in columns if t not in ("DOUBLE", "FLOAT", "REAL")]
        measures = [c for c, t in columns if c not in keys]
        assert keys and measures, (table, columns)
        listed = ", ".join(keys)
        for a, b in ((model, published), (published, model)):
            extra = warehouse.query(
                f"select count(*) from (select {listed} from {a} "
                f"except all select {listed} from {b}) d"
            )[0][0]
            assert extra == 0, f"{table}: {extra} rows of {a} not in {b}"
        # the keys match row for row; each measure within 1e-6 + 1e-12 of its value, or both null
        differs = " or ".join(
            f"(m.{c} is null) <> (p.{c} is null) "
            f"or abs(m.{c} - p.{c}) > 1e-6 + 1e-12 * greatest(abs(m.{c}), abs(p.{c}))"
            for c in measures
        )
        joined = " and ".join(f"m.{c} is not distinct from p.{c}" for c in keys)
        off = warehouse.query(
            f"select count(*) from {model} m join {published} p on {joined} where {differs}"
        )[0][0]
        assert off == 0, f"{table}: {off} rows differ in a measure by more than 1e-6 + 1e-12"


def test_compare_reports_a_disagreement(small):
    landing, warehouse = small
    platform = ours(warehouse)
    skewed = platform.copy()
    skewed.loc[0, "emissions_tco2"] *= 1 + 1e-5  # 1e-5 relative > the 1e-6 tolerance
    result = compare("skewed", skewed, platform)
    assert not result.agrees
    assert len(result.mismatches) == 1
    missing = compare("missing", platform.iloc[1:], platform)
    assert len(missing.mismatches) == 1


def test_harness_returns_medians_and_peak_memory(capsys):
    # a callable that holds about 40 MiB: 5e6 floats x 8 bytes
    m = measure_callable("alloc", lambda: sum(bytearray(40 * 2**20)[:1]), reps=3)
    assert len(m.samples) == 3
    assert m.median_seconds >= 0 and m.median_peak_rss_bytes > 40 * 2**20
    c = measure_command(
        "child",
        [sys.executable, "-c", "import time; b = bytearray(60 * 2**20); time.sleep(0.3)"],
        reps=3,
    )
    assert len(c.samples) == 3
    assert 0.3 <= c.median_seconds < 30
    # the child holds 60 MiB for 0.3 s, sampled every 0.05 s: the peak sees it
    assert c.median_peak_rss_bytes > 60 * 2**20
    # each repetition says when it starts and what it took
    out = capsys.readouterr().out
    assert [line.split(":")[0] for line in out.splitlines() if "child" in line] == [
        "  [1/3] child ...", "  [1/3] child", "  [2/3] child ...", "  [2/3] child",
        "  [3/3] child ...", "  [3/3] child",
    ]  # fmt: skip
    assert "  [3/3] child: " in out and " s, peak " in out


def test_harness_gives_each_repetition_its_own_command(tmp_path):
    """The full builds write one warehouse file per repetition, and the updates run on them:
    ``argv`` may be a function of the repetition, and ``before`` is told which one comes."""
    seen = []
    measure_command(
        "per-rep",
        lambda rep: [sys.executable, "-c", f"open({str(tmp_path)!r} + '/rep{rep}', 'w')"],
        reps=2,
        before=seen.append,
    )
    assert seen == [1, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep1", "rep2"]


def test_budget_row_judges_only_a_run_of_three_repetitions():
    # 3 repetitions, 23 min in all: within the 30 minutes
    row, projected = run.budget_row(23.0, 3, 600.0)
    assert projected == 23.0 and row.endswith("| 23 min | met |")
    # 3 repetitions, 41 min: 41 - 30 = 11 min over
    row, _ = run.budget_row(41.0, 3, 600.0)
    assert "missed**: 11 min over" in row
    # 1 repetition of 23 min whose repeated parts take 404 + 3.5 + 4.6 + 319.5 + 303 = 1034.6 s:
    # 3 repetitions add 2 x 1034.6 s = 34.5 min, about 23 + 34.5 = 57.5 min: not judged as met
    row, projected = run.budget_row(23.0, 1, 404 + 3.5 + 4.6 + 319.5 + 303)
    assert abs(projected - (23.0 + 2 * 1034.6 / 60)) < 1e-9
    assert "| 23 min with 1 repetition | not measured: 3 repetitions would take about 57" in row
    assert "over the budget" in row and "met" not in row


def test_over_budget_note_says_how_much_faster_the_measured_runs_must_be():
    from orchestration.bench.harness import Measurement, Sample

    def measured(seconds: float) -> Measurement:
        return Measurement("x", [Sample(seconds, 1)])

    facts = run.Facts(
        scale="national", pg_scale="regional", reps=3, pg_reps=1, source_rows={}, counts={},
        dagster=True, seconds=45 * 60,
    )  # fmt: skip
    # per repetition 400 + 3 + 4 + 150 + 250 = 807 s; 3 repetitions 2421 s (40 min), PostgreSQL
    # 1 x 200 s: measured 2621 s; the rest 45 x 60 - 2621 = 79 s (1 min); to fit 30 min the
    # measured runs get 1800 - 79 = 1721 s, 1721 / 2621 = 65.7 % of their time
    text = run._why_over_budget(measured(400), measured(200), facts, 45.0, 807.0, 400.0)
    assert "3 repetitions (40 min), 1 PostgreSQL build(s) of 3.3 min" in text
    assert "agreement checks: 1 min) take about 45 min" in text
    assert "would have to take 66% of its time" in text
    # an 80-minute run with the same measured runs: the unmeasured rest, 80 x 60 - 2621 =
    # 2179 s, alone is over the 1800 s: nothing left to share out
    text = run._why_over_budget(measured(400), measured(200), facts, 80.0, 807.0, 400.0)
    assert "the unmeasured work alone fills the budget" in text


def test_postgres_projection_grows_with_the_landing_rows():
    # one build of 60 s on 10,000 landing rows; 3 builds of 250,000 rows:
    # 3 x 60 x 250,000 / 10,000 = 4,500 s
    assert run.projected_seconds(60.0, 10_000, 250_000, 3) == 4500.0
    assert run.pg_scales_within_budget("national") == ["small", "regional", "national"]
    assert run.pg_scales_within_budget("small") == ["small"]


def test_postgres_goes_to_the_largest_scale_that_fits_what_is_left(tmp_path):
    """The selection loop of the PostgreSQL measurement, with a stand-in for the builds (each
    reports 60 s): real PostgreSQL builds run in test_engine_parity and test_incremental;
    here only which scales are measured, given the time left, is under test."""
    import time

    import pandas as pd

    from orchestration.bench.harness import Measurement, Sample

    measured = []

    def build(landing, work, reps, use_dagster):
        measured.append(landing)
        return Measurement("pg", [Sample(60.0, 1)]), pd.DataFrame()

    regional = tmp_path / "regional_landing"  # never read: the stand-in does not build
    rows = 1_000_000

    # a budget of an hour ahead: small, then regional (1 x 60 s x 1,000,000 / small's rows,
    # under an hour for any small set of more than 17,000 rows) is measured too
    choice = run.measure_postgres_within_budget(
        "regional", regional, rows, tmp_path, 1, True, time.perf_counter() + 3600, build
    )
    assert choice.scale == "regional" and choice.reason == "" and choice.rows == rows
    assert [p.name for p in measured] == ["landing", "regional_landing"]
    assert measured[0] == tmp_path / "small" / "landing"

    # no time left: small is measured all the same, regional is not, and the reason says what
    # it would have taken: 1 x 60 x 1,000,000 / small's rows
    measured.clear()
    choice = run.measure_postgres_within_budget(
        "regional", regional, rows, tmp_path, 1, True, time.perf_counter(), build
    )
    assert choice.scale == "small" and [p.name for p in measured] == ["landing"]
    minutes = 60.0 * rows / choice.rows / 60
    assert f"`regional` (1,000,000 landing rows) would take up to about {minutes:.0f} min" in (
        choice.reason
    )
    assert "projected from `small`" in choice.reason and "0 min of the 30-minute" in choice.reason
    facts = run.Facts(
        scale="regional", pg_scale=choice.scale, reps=3, pg_reps=1, source_rows={}, counts={},
        dagster=True, seconds=0.0, pg_reason=choice.reason,
    )  # fmt: skip
    assert facts.pg_line().startswith("PostgreSQL measured at scale `small` (provinces=1,")
    assert "the largest that fit the time budget: `regional`" in facts.pg_line()
