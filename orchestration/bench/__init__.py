"""Benchmark of the full build against two hand-written baselines (issue 4, part 1).

``harness`` measures wall time and peak memory of a callable or a subprocess;
``baseline_duckdb`` and ``baseline_pandas`` compute the compared totals straight
from the landing CSVs; ``compare`` checks them against ``fct_emissions``;
``run`` ties it together and writes docs/benchmarks.md.
"""
