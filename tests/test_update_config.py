"""What an update hands to dbt and to the publication: the refresh day and its narrowing
(grid data only, or statistics only), and nothing of either on a full build."""

import json

from orchestration.dagster_run import run_config
from orchestration.pipeline import dbt_build_args


def _vars(args: list[str]) -> dict:
    return json.loads(args[args.index("--vars") + 1])


def test_full_build_refreshes_everything_and_names_no_scope():
    args = dbt_build_args("b1")
    assert args[:2] == ["build", "--full-refresh"]
    assert "refresh_from" not in _vars(args)
    assert run_config()["loggers"]  # quiet console, no op config
    assert "ops" not in run_config()


def test_statistics_only_update_sets_its_var_and_grid_data_wins_over_it():
    statistics = _vars(dbt_build_args("b2", "2024-11-01", statistics_only=True))
    assert statistics["refresh_from"] == "2024-11-01"
    assert statistics["refresh_statistics_only"] is True
    assert "refresh_grid_only" not in statistics
    # both flags set: grid data's narrowing (carbon update never sets both: a mixed change
    # is neither)
    both = _vars(dbt_build_args("b3", "2024-11-01", grid_only=True, statistics_only=True))
    assert both["refresh_grid_only"] is True and "refresh_statistics_only" not in both
    plain = _vars(dbt_build_args("b4", "2024-11-01"))
    assert "refresh_grid_only" not in plain and "refresh_statistics_only" not in plain


def test_run_config_hands_the_narrowing_to_dbt_and_to_the_publication():
    ops = run_config("2024-11-01", statistics_only=True)["ops"]
    expected = {"refresh_from": "2024-11-01", "grid_only": False, "statistics_only": True}
    assert ops["carbon_dbt_assets"]["config"] == expected
    assert ops["published_marts"]["config"] == expected
    grid = run_config("2024-12-31", grid_only=True, statistics_only=True)["ops"]
    assert grid["published_marts"]["config"]["statistics_only"] is False
