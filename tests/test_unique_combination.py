"""The project's unique_combination test finds the same repeated keys on every adapter.

DuckDB runs a hashed variant (macros/test_unique_combination.sql), the other adapters the
portable group by; both are run here on DuckDB over the same rows and must name exactly the
combinations that repeat, NULLs included (group by puts NULLs together, so two rows with a
NULL in the same column and the rest equal are a repeat).
"""

import pytest

from orchestration.dbt_cli import run_dbt
from orchestration.warehouse import Warehouse

# Rows (a, b): (1, 2) three times, (NULL, 5) twice, (1, 3) and (2, 2) once.
ROWS = (
    "(select * from (values (1, 2), (1, 2), (1, 3), (2, 2), (1, 2), "
    "(cast(null as integer), 5), (cast(null as integer), 5)) as t(a, b))"
)


def _repeats(warehouse: Warehouse, variant: str) -> set[tuple]:
    sql = f"{{{{ carbon.{variant}__unique_combination_sql('{ROWS}', ['a', 'b']) }}}}"
    result = run_dbt(["show", "--inline", sql, "--limit", "100"], warehouse)
    table = result.result.results[0].agate_table
    return {tuple(row.values()) for row in table.rows}


@pytest.mark.parametrize("variant", ["default", "duckdb"])
def test_both_variants_name_exactly_the_repeated_combinations(variant, tmp_path):
    warehouse = Warehouse.duckdb(tmp_path / "w.duckdb")
    # (1, 2) three rows; (NULL, 5) two rows; (1, 3) and (2, 2) are unique and not named.
    assert _repeats(warehouse, variant) == {(1, 2, 3), (None, 5, 2)}
