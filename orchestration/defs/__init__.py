"""The Dagster code location, assembled from small modules (ingestion, dbt, jobs, resources).

``build_definitions`` takes explicit resources so the ``carbon`` CLI can run the very same
assets against the warehouse and landing directory given on its command line.
"""

from dagster import Definitions, in_process_executor

from orchestration.defs.dbt_assets import carbon_dbt_assets
from orchestration.defs.ingestion import ingestion_assets
from orchestration.defs.jobs import build_all
from orchestration.defs.quality_checks import (
    consistency_suites,
    published_marts,
    quality_scorecard,
)
from orchestration.defs.resources import resources_from_env


def build_definitions(resources: dict | None = None) -> Definitions:
    """Assets, consistency checks, the publish step and build_all (resources: env default)."""
    return Definitions(
        assets=[*ingestion_assets, carbon_dbt_assets, published_marts],
        asset_checks=[consistency_suites, quality_scorecard],
        jobs=[build_all],
        resources=resources if resources is not None else resources_from_env(),
        executor=in_process_executor,
    )
