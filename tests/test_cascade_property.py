"""Property: the other-sector cascade's children add up to their parent (METHOD 3, rule C1).

The real model int_other__cascade (macros other_cascade_level and
cascade_share) is compiled once by dbt for DuckDB; each Hypothesis example
then creates its four input tables (drivers, years, year fuels, grid heat)
in an in-memory database named like the compiled relations and runs the
compiled SQL. So the test exercises the same SQL the build runs, without a
dbt invocation per example. Drivers are random, include parents whose
children's drivers are all zero (even split) and missing child periods
(children present = child periods with a driver figure).
"""

import calendar
import datetime as dt
import math
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from orchestration.dbt_cli import run_dbt  # noqa: E402
from orchestration.warehouse import Warehouse  # noqa: E402

SUBSECTORS = ("agriculture", "construction", "transport", "commercial", "residential")
REGION = "110000"
DATABASE = "cascadeprop"  # the DuckDB file stem = database name in the compiled relations


@pytest.fixture(scope="module")
def compiled_cascade(tmp_path_factory) -> str:
    warehouse = Warehouse.duckdb(tmp_path_factory.mktemp("cascade") / f"{DATABASE}.duckdb")
    result = run_dbt(["compile", "--select", "int_other__cascade"], warehouse)
    (node,) = [
        r.node
        for r in result.result.results
        if r.node.unique_id == "model.carbon.int_other__cascade"
    ]
    return CompiledSql(node.compiled_code)


drivers_value = st.one_of(
    st.none(),  # child period missing
    st.just(0.0),
    st.floats(min_value=0.0, max_value=1e7, allow_nan=False, allow_infinity=False),
)


@st.composite
def month_days(draw, year: int, month: int) -> list:
    """Driver per day of a month: no days, all zero, or random (some missing)."""
    n_days = calendar.monthrange(year, month)[1]
    mode = draw(st.sampled_from(["absent", "zeros", "random"]))
    if mode == "absent":
        return [None] * n_days
    if mode == "zeros":
        return [0.0] * n_days
    return draw(st.lists(drivers_value, min_size=n_days, max_size=n_days))


@st.composite
def examples(draw):
    year = draw(st.sampled_from([2023, 2024]))  # 2024: a leap year
    subsectors = draw(st.lists(st.sampled_from(SUBSECTORS), min_size=1, max_size=3, unique=True))
    quantity = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
    fuels, heat, drivers = [], [], []
    for subsector in subsectors:
        for fuel in draw(
            st.lists(st.sampled_from(["raw_coal", "diesel"]), min_size=1, max_size=2, unique=True)
        ):
            fuels.append((subsector, fuel, draw(quantity)))
        if draw(st.booleans()):
            heat.append((subsector, abs(draw(quantity))))
        zero_quarters = draw(st.booleans())
        for q in range(4):
            value = 0.0 if zero_quarters else draw(drivers_value)
            drivers.append((subsector, "quarter", dt.date(year, 3 * q + 1, 1), value))
        for m in range(1, 13):
            drivers.append((subsector, "month", dt.date(year, m, 1), draw(drivers_value)))
        for m in draw(st.lists(st.integers(1, 12), max_size=3, unique=True)):
            for d, value in enumerate(draw(month_days(year, m)), start=1):
                drivers.append((subsector, "day", dt.date(year, m, d), value))
    return year, fuels, heat, [row for row in drivers if row[3] is not None]


def insert(con, table: str, rows: list[tuple]) -> None:
    if rows:
        con.executemany(f"insert into {table} values ({', '.join('?' * len(rows[0]))})", rows)


class CompiledSql(str):
    """The compiled model; a short repr keeps Hypothesis' failure reports readable."""

    def __repr__(self) -> str:
        return "<compiled int_other__cascade>"


def run_cascade(compiled: str, year: int, fuels, heat, drivers) -> list[tuple]:
    con = duckdb.connect()
    con.execute(f"attach ':memory:' as {DATABASE}")
    con.execute(f"create schema {DATABASE}.carbon")
    schema = f"{DATABASE}.carbon"
    start = dt.date(year, 1, 1)
    con.execute(
        f"create table {schema}.int_other__drivers (region_code varchar, subsector varchar, "
        "period_type varchar, period_start date, driver double precision)"
    )
    insert(con, f"{schema}.int_other__drivers", [(REGION, *row) for row in drivers])
    con.execute(
        f"create table {schema}.int_other__years as select '{REGION}' as region_code, "
        f"cast('{start}' as date) as year_start, 'reported' as year_status"
    )
    con.execute(
        f"create table {schema}.int_other__year_fuels (region_code varchar, subsector varchar, "
        "fuel_code varchar, year_start date, quantity double precision)"
    )
    insert(con, f"{schema}.int_other__year_fuels", [(REGION, s, f, start, q) for s, f, q in fuels])
    con.execute(
        f"create table {schema}.int_grid_figures (region_code varchar, series varchar, "
        "sector_code varchar, industry_code varchar, period_type varchar, period_start date, "
        "value double precision, origin varchar)"
    )
    insert(
        con,
        f"{schema}.int_grid_figures",
        [(REGION, "heat", s, None, "year", start, q, "days") for s, q in heat],
    )
    out = con.execute(
        f"select subsector, fuel_code, period_type, period_start, quantity from ({compiled}) as c"
    ).fetchall()
    con.close()
    return out


PARENT = {"quarter": ("year", "year"), "month": ("quarter", "quarter"), "day": ("month", "month")}


def parent_start(period_type: str, start: dt.date) -> dt.date:
    if period_type == "quarter":
        return dt.date(start.year, 1, 1)
    if period_type == "month":
        return dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    return start.replace(day=1)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(example=examples())
def test_children_add_up_to_their_parent(compiled_cascade, example):
    year, fuels, heat, drivers = example
    out = run_cascade(compiled_cascade, year, fuels, heat, drivers)
    rows = {(s, f, t, p): q for s, f, t, p, q in out}
    assert len(rows) == len(out), "one row per subsector, fuel, period"
    year_start = dt.date(year, 1, 1)
    expected_years = {(s, f): q for s, f, q in fuels} | {(s, "heat"): q for s, q in heat}
    assert {(s, f): q for (s, f, t, _), q in rows.items() if t == "year"} == expected_years

    present = defaultdict(dict)  # (subsector, child type, parent start) -> {child start: driver}
    for subsector, period_type, start, value in drivers:
        present[subsector, period_type, parent_start(period_type, start)][start] = value

    for (subsector, fuel, period_type, start), parent_qty in rows.items():
        child_type = {"year": "quarter", "quarter": "month", "month": "day"}.get(period_type)
        if child_type is None:
            continue
        siblings = present.get((subsector, child_type, start), {})
        children = {
            p: q
            for (s, f, t, p), q in rows.items()
            if (s, f, t) == (subsector, fuel, child_type) and parent_start(child_type, p) == start
        }
        # children present = exactly the child periods with a driver figure
        assert set(children) == set(siblings)
        if not children:
            continue
        total = sum(children.values())
        assert math.isclose(total, parent_qty, rel_tol=1e-9, abs_tol=1e-9), (total, parent_qty)
        driver_sum = sum(siblings.values())
        for child, qty in children.items():
            if driver_sum == 0:  # even split
                expected = parent_qty / len(siblings)
            else:
                # share first, then scale: parent * driver would underflow for tiny drivers
                expected = parent_qty * (siblings[child] / driver_sum)
            assert math.isclose(qty, expected, rel_tol=1e-9, abs_tol=1e-9)
    assert year_start.year == year
