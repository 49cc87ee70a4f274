"""Updates (issue 4): a new day of grid data, or a new month of statistics, loaded into a built
warehouse and rebuilt from its year on, gives exactly what a full build of the same landing
gives, on DuckDB and on PostgreSQL.

One province with two cities, 2023-2024; statistics to November 2024 (generator default), so
the newest day, 2024-12-31, is a nowcast, and holding out November's statistics turns
November into nowcasts until they arrive. December 2023's statistics are held out too and
arrive late with November's: that month completes 2023, which rescales every reconciled month
of the year (METHOD 6), while the computed layer changes from December 2023 on only.
"""

import shutil

import pandas as pd
import pytest

from orchestration.bench.arrivals import deliver, hold_out, hold_out_new_day, hold_out_new_month
from orchestration.generate import generate
from orchestration.ingest.changes import STATISTICS_SOURCES, pending_changes
from orchestration.pipeline import build
from orchestration.warehouse import Warehouse

KEY = [
    "region_code", "region_level", "period_type", "period_start", "sector", "subsector",
    "fuel_code", "scope", "layer",
]  # fmt: skip
VALUES = ["activity_quantity", "energy_tce", "emissions_tco2"]


@pytest.fixture(scope="module")
def landing_set(tmp_path_factory):
    """The complete landing set, and the same set with the newest day, the newest month of
    statistics and the statistics of December 2023 (a late month) held out."""
    root = tmp_path_factory.mktemp("incremental")
    complete = root / "complete"
    generate(complete, provinces=1, cities_per_province=2, years=(2023, 2024))
    before = root / "before"
    shutil.copytree(complete, before)
    day = hold_out_new_day(before, root / "arrivals")
    month = hold_out_new_month(before, root / "arrivals")
    late = hold_out(
        before, "2023-12-statistics", "month", "2023-12-01", STATISTICS_SOURCES,
        root / "arrivals" / "late_month",
    )  # fmt: skip
    return complete, before, day, month, late


def emissions(warehouse: Warehouse) -> pd.DataFrame:
    cols = ", ".join([*KEY, *VALUES, "method", "estimate_type"])
    frame = warehouse.query_df(f"select {cols} from {warehouse.relation('fct_emissions')}")
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date.astype(str)
    return frame


def assert_same(updated: Warehouse, full: Warehouse) -> None:
    """Same keys, methods and estimate types; values equal to 1e-9 relative."""
    a, b = emissions(updated), emissions(full)
    assert len(a) == len(b)
    merged = a.merge(b, on=KEY, how="outer", suffixes=("_u", "_f"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    assert (merged["method_u"] == merged["method_f"]).all()
    assert (merged["estimate_type_u"] == merged["estimate_type_f"]).all()
    for value in VALUES:
        u, f = merged[f"{value}_u"].astype(float), merged[f"{value}_f"].astype(float)
        gap = ((u - f).abs() / f.abs().clip(lower=1e-9)).max()
        assert gap < 1e-9, f"{value}: max relative gap {gap}"
    rules = "select rule, layer, count(*), sum(case when passed then 1 else 0 end) from {} "
    rules += "group by rule, layer order by rule, layer"
    assert updated.query(rules.format(updated.relation("rpt_consistency"))) == full.query(
        rules.format(full.relation("rpt_consistency"))
    )
    # the region totals (period-scoped too): same rows, same totals
    totals = (
        "select region_code, period_type, cast(period_start as varchar), layer, total_tco2, "
        "end_use_tco2, energy_not_allocated_tco2, includes_nowcast from {} "
        "order by region_code, period_type, period_start, layer"
    )
    a_totals = updated.query(totals.format(updated.relation("rpt_region_totals")))
    b_totals = full.query(totals.format(full.relation("rpt_region_totals")))
    assert [r[:4] + r[7:] for r in a_totals] == [r[:4] + r[7:] for r in b_totals]
    for row_u, row_f in zip(a_totals, b_totals, strict=True):
        for u, f in zip(row_u[4:7], row_f[4:7], strict=True):
            assert abs(u - f) <= 1e-9 * max(abs(f), 1e-9), (row_u, row_f)


def day_rows(warehouse: Warehouse, day: str, sector: str | None = None) -> dict[str, int]:
    """Rows of one day (computed layer; of a sector: its fuel burned) by estimate type."""
    where = f" and sector = '{sector}' and scope = 'direct'" if sector else ""
    return dict(
        warehouse.query(
            f"select estimate_type, count(*) from {warehouse.relation('fct_emissions')} "
            f"where period_type = 'day' and period_start = cast('{day}' as date) "
            f"and layer = 'computed'{where} group by estimate_type"
        )
    )


def c1_check_runs(warehouse: Warehouse, by: str, where: str = "1 = 1") -> dict:
    """The builds that wrote C1's rows (rpt_consistency rows carry their build id), grouped by
    the expression ``by`` over the rows that match ``where``."""
    rows = warehouse.query(
        f"select distinct {by}, check_run from {warehouse.relation('rpt_consistency')} "
        f"where rule = 'C1' and {where} order by 1, 2"
    )
    out: dict = {}
    for key, check_run in rows:
        out.setdefault(key, []).append(str(check_run))
    return out


def check_runs_by_year(warehouse: Warehouse) -> dict[int, list[str]]:
    """The builds that wrote C1's rows, by year."""
    runs = c1_check_runs(warehouse, "extract(year from period_start)")
    return {int(year): check_runs for year, check_runs in runs.items()}


def c1_check_runs_by_sector(warehouse: Warehouse, month: str) -> dict[str, list[str]]:
    """The builds that wrote C1's rows of one month (its days against it), by sector."""
    where = f"period_type = 'month' and period_start = cast('{month}' as date)"
    return c1_check_runs(warehouse, "sector", where)


def c1_check_runs_by_layer(warehouse: Warehouse, month: str) -> dict[str, list[str]]:
    """The builds that wrote C1's rows of one month (its days against it), by layer."""
    where = f"period_type = 'month' and period_start = cast('{month}' as date)"
    return c1_check_runs(warehouse, "layer", where)


def _warehouse(engine: str, tmp_path, name: str, stack):
    if engine == "duckdb":
        return Warehouse.duckdb(tmp_path / f"{name}.duckdb")
    from pg import fresh_pg_database

    return Warehouse.postgres(stack.enter_context(fresh_pg_database()))


# The slow tests (minutes each) sit in classes of their own: `make test` distributes the suite
# over its workers by module and class (pytest-xdist --dist loadscope), so they can run at the
# same time; the module fixture is a small landing set, made again on each worker in seconds.


class TestNewDayThenNewMonthOnDuckDB:
    def test_match_full_builds(self, landing_set, tmp_path):
        new_day_then_new_month_match_full_builds("duckdb", landing_set, tmp_path)


class TestNewDayThenNewMonthOnPostgres:
    def test_match_full_builds(self, landing_set, tmp_path):
        new_day_then_new_month_match_full_builds("postgres", landing_set, tmp_path)


def new_day_then_new_month_match_full_builds(engine, landing_set, tmp_path):
    """A new day of grid data, then two months of statistics (one late) on ``engine``: each
    update rebuilds only its scope, and the result equals a full build, row by row."""
    import contextlib

    complete, held, day, month, late = landing_set
    landing = tmp_path / "landing"
    shutil.copytree(held, landing)
    with contextlib.ExitStack() as stack:
        warehouse = _warehouse(engine, tmp_path, "updated", stack)
        build(landing, warehouse, build_id="before")
        assert day_rows(warehouse, day.period_start) == {}

        # a new day of grid data: two new files, the first day they touch is that day
        deliver(day, landing)
        changes = pending_changes(landing, warehouse)
        assert not changes.full
        assert sorted(changes.files) == [
            f"electricity_consumption/{day.name}.csv", f"power_supply/{day.name}.csv"
        ]  # fmt: skip
        # grid data only: the other sectors rebuild from 1 January (their days share the year's
        # figure), energy and industry from December (see refresh_scope.sql)
        assert changes.first_day.isoformat() == day.period_start == "2024-12-31"
        assert changes.refresh_from == "2024-12-31" and changes.grid_only
        build(landing, warehouse, build_id="new-day", refresh_from="2024-12-31", grid_only=True)
        # the new day is published; its fuel burned is a nowcast (no December statistics)
        assert day_rows(warehouse, day.period_start, "energy").get("nowcast", 0) > 0
        # only the scope was rebuilt: C1's rows of 2023 are still those of the first build,
        # and so are those of June 2024 but for the other sectors
        assert check_runs_by_year(warehouse) == {2023: ["before"], 2024: ["before", "new-day"]}
        assert c1_check_runs_by_sector(warehouse, "2024-06-01") == {
            "energy": ["before"], "industry": ["before"], "other": ["new-day"]
        }  # fmt: skip
        assert c1_check_runs_by_sector(warehouse, "2024-12-01") == {
            "energy": ["new-day"], "industry": ["new-day"], "other": ["new-day"]
        }  # fmt: skip
        # ... and the result is what a full build of the same landing gives
        so_far = tmp_path / "landing_with_day"
        shutil.copytree(landing, so_far)
        full_with_day = _warehouse(engine, tmp_path, "full_with_day", stack)
        build(so_far, full_with_day, build_id="full-with-day")
        assert_same(warehouse, full_with_day)

        # new months of statistics: November 2024 stops being a nowcast, and December 2023
        # arrives late, completing 2023
        november = "2024-11-15"
        assert set(day_rows(warehouse, november, "industry")) == {"nowcast"}
        deliver(month, landing)
        deliver(late, landing)
        changes = pending_changes(landing, warehouse)
        assert month.period_start == "2024-11-01"
        assert changes.refresh_from == "2023-12-01" and not changes.grid_only
        assert changes.statistics_only  # power_heat_inputs, industry_energy: statistics
        build(
            landing, warehouse, build_id="new-month", refresh_from=changes.refresh_from,
            statistics_only=True,
        )  # fmt: skip
        assert set(day_rows(warehouse, november, "industry")) == {"disaggregated"}
        # statistics only: the computed layer rebuilt from December 2023 on, the reconciled
        # layer (a month can complete a year) from 1 January 2023. June 2023's C1 rows:
        # computed from the first build, reconciled from this one (a reconciled scope of the
        # month alone leaves 2023's reconciled months stale: assert_same below then fails)
        assert c1_check_runs_by_layer(warehouse, "2023-06-01") == {
            "computed": ["before"], "reconciled": ["new-month"]
        }  # fmt: skip
        assert c1_check_runs_by_layer(warehouse, "2023-12-01") == {
            "computed": ["new-month"], "reconciled": ["new-month"]
        }  # fmt: skip

        # nothing else to load
        unchanged = pending_changes(landing, warehouse)
        assert unchanged.files == [] and unchanged.refresh_from is None and not unchanged.full

        full = _warehouse(engine, tmp_path, "full", stack)
        build(complete, full, build_id="full")
        assert_same(warehouse, full)
        # the restated nowcasts of November are kept for revision analysis
        history = warehouse.query(
            f"select count(*) from {warehouse.relation('fct_nowcast_history')} "
            "where period_type = 'day' and period_start = cast('2024-11-15' as date)"
        )[0][0]
        assert history > 0


def test_scope_of_changes_and_changes_that_ask_for_a_full_build(landing_set, tmp_path):
    from orchestration.ingest import ensure_raw_tables, load_landing

    complete, *_ = landing_set
    landing = tmp_path / "landing"
    shutil.copytree(complete, landing)
    warehouse = Warehouse.duckdb(tmp_path / "w.duckdb")
    assert pending_changes(landing, warehouse).full  # nothing loaded yet
    ensure_raw_tables(warehouse)
    load_landing(landing, warehouse, build_id="first")
    assert pending_changes(landing, warehouse).files == []

    # a corrected day of May 2024: its year is rebuilt
    may = landing / "power_supply" / "2024-05.csv"
    original = may.read_text(encoding="utf-8")
    lines = original.splitlines()
    header = lines[0].split(",")
    at = next(i for i, line in enumerate(lines) if ",day,2024-05-01," in line)
    row = lines[at].split(",")
    row[header.index("generation_mwh")] = "1"
    lines[at] = ",".join(row)
    may.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changes = pending_changes(landing, warehouse)
    assert changes.files == ["power_supply/2024-05.csv"] and not changes.full
    assert str(changes.first_day) == "2024-05-01" and changes.refresh_from == "2024-05-01"
    assert changes.grid_only  # power_supply is grid data: energy and industry from May
    assert not changes.statistics_only

    # ... and a changed month of statistics with it: neither narrowing, the whole year
    stats = landing / "industry_energy" / "months_2024.csv"
    stats_original = stats.read_bytes()
    stats.write_bytes(stats_original + b"\n")
    changes = pending_changes(landing, warehouse)
    assert sorted(changes.files) == ["industry_energy/months_2024.csv", "power_supply/2024-05.csv"]
    assert not changes.grid_only and not changes.statistics_only
    may.write_text(original, encoding="utf-8")
    # statistics alone: the computed layer from the first month of the file on
    changes = pending_changes(landing, warehouse)
    assert changes.files == ["industry_energy/months_2024.csv"]
    assert changes.statistics_only and not changes.grid_only
    assert "the computed layer from 2024-01-01: statistics only" in changes.summary()
    stats.write_bytes(stats_original)

    # a changed file of March 2023 (rows from 1 March): 2023 is rebuilt
    march = landing / "power_supply" / "2023-03.csv"
    march.write_bytes(march.read_bytes() + b"\n")
    changes = pending_changes(landing, warehouse)
    assert str(changes.first_day) == "2023-03-01" and changes.refresh_from == "2023-03-01"
    march.write_bytes(march.read_bytes()[:-1])

    regions = landing / "regions" / sorted(p.name for p in (landing / "regions").iterdir())[0]
    original = regions.read_bytes()
    regions.write_bytes(original + b"\n")
    changes = pending_changes(landing, warehouse)
    assert changes.full and "regions/" in changes.reason
    regions.write_bytes(original)
    assert not pending_changes(landing, warehouse).full
    # a local factor file with the bundled content leaves the factors in effect as they were
    from orchestration.paths import FACTOR_SEEDS_DIR

    local = landing / "factor_seeds" / "fuels.csv"
    local.parent.mkdir(exist_ok=True)
    bundled = (FACTOR_SEEDS_DIR / "fuels.csv").read_bytes()
    local.write_bytes(bundled)
    assert not pending_changes(landing, warehouse).full
    local.write_bytes(bundled + b"\n")
    changes = pending_changes(landing, warehouse)
    assert changes.full and "fuels" in changes.reason


def test_publication_scope_is_the_year_of_any_day():
    from orchestration.defs.quality_checks import refresh_scope_sql

    # 2024-12-31 and 2024-01-01 both name the year 2024: periods from 1 January 2024 on
    expected = "period_start >= cast('2024-01-01' as date)"
    assert refresh_scope_sql("2024-12-31") == refresh_scope_sql("2024-01-01") == expected


def test_publication_scope_after_grid_data_narrows_energy_and_industry_to_the_month():
    """The publication's predicate selects, on a real engine, the rows the models rebuild."""
    import duckdb

    from orchestration.defs.quality_checks import refresh_scope_sql

    rows = [  # sector, period_type, period_start, in the scope of grid data from 2024-08-15
        ("energy", "year", "2024-01-01", True),  # the year containing August
        ("energy", "quarter", "2024-04-01", False),  # Q2 ends before 1 August
        ("energy", "quarter", "2024-07-01", True),  # Q3 contains August
        ("energy", "month", "2024-07-01", False),
        ("energy", "month", "2024-08-01", True),
        ("industry", "day", "2024-07-31", False),
        ("industry", "day", "2024-08-01", True),
        ("industry", "day", "2025-01-05", True),  # later years: always
        ("other", "day", "2024-01-01", True),  # the other sectors: the whole year
        ("other", "year", "2023-01-01", False),
        (None, "month", "2024-02-01", True),  # no sector: as the other sectors (the year)
    ]
    con = duckdb.connect()
    con.execute("create table t (sector varchar, period_type varchar, period_start date, k int)")
    con.executemany(
        "insert into t values (?, ?, cast(? as date), ?)",
        [(s, t, d, i) for i, (s, t, d, _) in enumerate(rows)],
    )

    def selected(where: str) -> list[int]:
        return [k for (k,) in con.execute(f"select k from t where {where} order by k").fetchall()]

    narrowed = refresh_scope_sql("2024-08-15", grid_only=True, kind="sector")
    assert selected(narrowed) == [i for i, row in enumerate(rows) if row[3]]
    # without grid_only, or for a table of the year kind: every row from 1 January 2024 on
    from_year = [i for i, row in enumerate(rows) if row[2] >= "2024-01-01"]
    assert selected(refresh_scope_sql("2024-08-15", kind="sector")) == from_year
    assert selected(refresh_scope_sql("2024-08-15", grid_only=True, kind="year")) == from_year
    # 'period' (a table of energy and industry alone): the month rule for each of its rows
    energy_industry = [i for i, row in enumerate(rows) if row[0] in ("energy", "industry")]
    period = set(selected(refresh_scope_sql("2024-08-15", grid_only=True, kind="period")))
    assert [i for i in energy_industry if i in period] == [i for i in energy_industry if rows[i][3]]


def test_publication_scope_after_statistics_narrows_the_computed_layer_to_the_month():
    """After statistics only, the computed rows of every sector from the month on, and the
    reconciled rows of the whole year (a month can complete a year), on a real engine."""
    import duckdb

    from orchestration.defs.quality_checks import refresh_scope_sql

    rows = [  # layer, sector, period_type, period_start, in the scope of statistics of 2024-11
        ("computed", "energy", "year", "2024-01-01", True),  # the year containing November
        ("computed", "industry", "quarter", "2024-07-01", False),  # Q3 ends before November
        ("computed", "industry", "quarter", "2024-10-01", True),
        ("computed", "industry", "month", "2024-10-01", False),
        ("computed", "industry", "day", "2024-11-03", True),
        ("computed", "other", "day", "2024-06-30", False),  # other sectors too: by the month
        ("computed", "other", "month", "2024-12-01", True),
        ("reconciled", "industry", "month", "2024-02-01", True),  # reconciled: the year
        ("reconciled", "other", "day", "2024-01-01", True),
        ("reconciled", "energy", "year", "2023-01-01", False),
        ("computed", "energy", "day", "2023-12-31", False),
    ]
    con = duckdb.connect()
    con.execute(
        "create table t (layer varchar, sector varchar, period_type varchar, "
        "period_start date, k int)"
    )
    con.executemany(
        "insert into t values (?, ?, ?, cast(? as date), ?)",
        [(layer, s, t, d, i) for i, (layer, s, t, d, _) in enumerate(rows)],
    )

    def selected(where: str) -> list[int]:
        return [k for (k,) in con.execute(f"select k from t where {where} order by k").fetchall()]

    layered = refresh_scope_sql("2024-11-20", kind="layered", statistics_only=True)
    assert selected(layered) == [i for i, row in enumerate(rows) if row[4]]
    # a table of the computed layer ('sector', 'period'): every sector by the month rule
    computed = [i for i, row in enumerate(rows) if row[0] == "computed" and row[4]]
    for kind in ("sector", "period"):
        picked = set(selected(refresh_scope_sql("2024-11-20", kind=kind, statistics_only=True)))
        assert [i for i in picked if rows[i][0] == "computed"] == computed
    # grid data wins when both are set (a mixed change is never flagged as both by carbon
    # update): the energy and industry rows of the month, the other sectors' year
    both = refresh_scope_sql("2024-11-20", True, "layered", statistics_only=True)
    assert both == refresh_scope_sql("2024-11-20", True, "sector")


class TestLateDayOfJanuary:
    def test_also_restates_the_checks_of_december_before(self, landing_set, tmp_path):
        """A day of 1 January arriving late: C7 judges each day against the same weekday one and two
        weeks later and the adjacent days, so the day checks of late December of the year before
        change too (a year scope alone would keep them stale). DuckDB: the scope logic is the same
        SQL on both engines, which the test above compares."""
        from orchestration.bench.arrivals import hold_out
        from orchestration.ingest.changes import GRID_SOURCES

        complete, *_ = landing_set
        landing = tmp_path / "landing"
        shutil.copytree(complete, landing)
        day = hold_out(landing, "late-day", "day", "2024-01-01", GRID_SOURCES, tmp_path / "held")
        warehouse = Warehouse.duckdb(tmp_path / "updated.duckdb")
        build(landing, warehouse, build_id="before")
        december = (
            "select count(*) from {} where rule = 'C7' and period_type = 'day' "
            "and period_start >= cast('2023-12-17' as date) "
            "and period_start < cast('2024-01-01' as date)"
        )
        before = warehouse.query(december.format(warehouse.relation("rpt_consistency")))[0][0]
        deliver(day, landing)
        changes = pending_changes(landing, warehouse)
        assert changes.refresh_from == "2024-01-01" and changes.grid_only
        build(landing, warehouse, build_id="late-day", refresh_from="2024-01-01", grid_only=True)
        full = Warehouse.duckdb(tmp_path / "full.duckdb")
        build(complete, full, build_id="full")
        # December 2023 gains the checks whose reference window the new day completes
        after = warehouse.query(december.format(warehouse.relation("rpt_consistency")))[0][0]
        assert after == full.query(december.format(full.relation("rpt_consistency")))[0][0] > before
        assert_same(warehouse, full)
