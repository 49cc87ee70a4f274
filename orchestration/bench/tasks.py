"""The measured work, each as a command, so that every repetition runs in a fresh process
(start-up and imports counted, memory of one run not inherited by the next).

    python -m orchestration.bench.tasks pipeline-build --landing DIR --duckdb PATH
    python -m orchestration.bench.tasks pipeline-build --landing DIR --postgres URL
    python -m orchestration.bench.tasks baseline-duckdb --landing DIR --out totals.csv
    python -m orchestration.bench.tasks baseline-pandas --landing DIR --out totals.csv
"""

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.bench.tasks")
    parser.add_argument("task", choices=["pipeline-build", "baseline-duckdb", "baseline-pandas"])
    parser.add_argument("--landing", required=True)
    parser.add_argument("--duckdb")
    parser.add_argument("--postgres")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    if args.task == "pipeline-build":
        from orchestration.pipeline import build
        from orchestration.warehouse import Warehouse

        warehouse = (
            Warehouse.postgres(args.postgres) if args.postgres else Warehouse.duckdb(args.duckdb)
        )
        result = build(Path(args.landing), warehouse, build_id="bench")
        return 1 if result.refused_files else 0
    if args.task == "baseline-duckdb":
        from orchestration.bench.baseline_duckdb import totals
    else:
        from orchestration.bench.baseline_pandas import totals
    frame = totals(Path(args.landing))
    if args.out:
        frame.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
