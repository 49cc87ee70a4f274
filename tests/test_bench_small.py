"""The benchmark code path at small scale (issue 4): correctness only, no timing assertions.

One province with two cities, 2023 and 2024 (statistics to November 2024, so the last month
is a nowcast and excluded from the compared subset). Both baselines must agree with
fct_emissions built on DuckDB; the harness must return medians and a peak memory > 0.
"""

import sys

import pytest

from orchestration.bench import baseline_duckdb, baseline_pandas
from orchestration.bench.compare import compare, ours
from orchestration.bench.harness import measure_callable, measure_command
from orchestration.generate import generate
from orchestration.pipeline import build
from orchestration.warehouse import Warehouse


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench_small")
    landing = root / "landing"
    generate(landing, provinces=1, cities_per_province=2, years=(2023, 2024))
    warehouse = Warehouse.duckdb(root / "bench.duckdb")
    build(landing, warehouse, build_id="bench-test")
    return landing, warehouse


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


def test_harness_returns_medians_and_peak_memory():
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
