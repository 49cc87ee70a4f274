"""The one job: ``build_all`` loads every landing source and builds every dbt node.

It runs in process: the multiprocess executor costs tens of seconds of start-up per step
(STACK.md), and DuckDB allows one writer per file, so nothing would run in parallel anyway.
"""

from dagster import AssetSelection, define_asset_job, in_process_executor

BUILD_ALL = "build_all"

build_all = define_asset_job(
    BUILD_ALL,
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Load the landing directory into raw, then dbt build staging to marts.",
)
