"""What an update hands to dbt and to the publication: the refresh day and its narrowing
(grid data only, or statistics only), and nothing of either on a full build."""

import json

from orchestration.dagster_run import run_config
from orchestration.pipeline import dbt_build_args, dbt_run_env

RUN_KEYS = {
    "CARBON_BUILD_ID",
    "CARBON_REFRESH_FROM",
    "CARBON_REFRESH_GRID_ONLY",
    "CARBON_REFRESH_STATISTICS_ONLY",
}


def _vars(args: list[str]) -> dict:
    return json.loads(args[args.index("--vars") + 1])


def test_full_build_refreshes_everything_and_names_no_scope():
    args = dbt_build_args()
    assert args[:2] == ["build", "--full-refresh"]
    env = dbt_run_env("b1")
    # every key is set, the unused ones empty, so that nothing of an earlier run leaks in
    assert set(env) == RUN_KEYS
    assert env["CARBON_BUILD_ID"] == "b1"
    assert env["CARBON_REFRESH_FROM"] == env["CARBON_REFRESH_GRID_ONLY"] == ""
    assert run_config()["loggers"]  # quiet console, no op config
    assert "ops" not in run_config()


def test_the_vars_of_two_runs_are_the_same_so_dbt_parses_partially():
    # dbt re-parses the whole project when --vars change: the per-run values go elsewhere
    assert dbt_build_args("2024-11-01") == ["build", *dbt_build_args()[2:]]
    assert not {"build_id", "refresh_from", "refresh_grid_only"} & set(_vars(dbt_build_args()))


def test_statistics_only_update_sets_its_flag_and_grid_data_wins_over_it():
    statistics = dbt_run_env("b2", "2024-11-01", statistics_only=True)
    assert statistics["CARBON_REFRESH_FROM"] == "2024-11-01"
    assert statistics["CARBON_REFRESH_STATISTICS_ONLY"] == "true"
    assert statistics["CARBON_REFRESH_GRID_ONLY"] == ""
    # both flags set: grid data's narrowing (carbon update never sets both: a mixed change
    # is neither)
    both = dbt_run_env("b3", "2024-11-01", grid_only=True, statistics_only=True)
    assert both["CARBON_REFRESH_GRID_ONLY"] == "true"
    assert both["CARBON_REFRESH_STATISTICS_ONLY"] == ""
    plain = dbt_run_env("b4", "2024-11-01")
    assert plain["CARBON_REFRESH_GRID_ONLY"] == plain["CARBON_REFRESH_STATISTICS_ONLY"] == ""
    # a flag without a refresh day names no scope
    assert dbt_run_env("b5", None, grid_only=True)["CARBON_REFRESH_GRID_ONLY"] == ""


def test_run_config_hands_the_narrowing_to_dbt_and_to_the_publication():
    ops = run_config("2024-11-01", statistics_only=True)["ops"]
    expected = {"refresh_from": "2024-11-01", "grid_only": False, "statistics_only": True}
    assert ops["carbon_dbt_assets"]["config"] == expected
    assert ops["published_marts"]["config"] == expected
    grid = run_config("2024-12-31", grid_only=True, statistics_only=True)["ops"]
    assert grid["published_marts"]["config"]["statistics_only"] is False
