"""The thresholds file: standard defaults, overlay by a deployment file, refusal of bad keys."""

import json
import re

import pytest

from orchestration.pipeline import dbt_vars
from orchestration.quality.thresholds import ThresholdError, dbt_threshold_vars, load_thresholds


def test_defaults_are_the_standards():
    t = load_thresholds()
    # METHOD 6 / standard 6.3.1, 6.4.1, 6.4.2: 0.5 %, 1 %, 2 %, 0.5 %, 1 %, 0.5 %, 5 %.
    assert t["rules"] == {
        "C1": 0.005,
        "C2": 0.01,
        "C3": 0.02,
        "C4": 0.005,
        "C5": 0.01,
        "C6": 0.005,
        "C7": 0.05,
    }
    assert t["reconcile_band"] == 0.10
    # Table 1 of the standard (6.4.3).
    assert t["scorecard"]["consistency_rate"] == 0.99
    assert t["scorecard"]["correction_rate"] == 0.05
    assert t["scorecard"]["monitoring_response_hours"] == 48
    # Publication lags of update timeliness (not in the standard: the bundled defaults).
    assert t["timeliness_lag_days"] == {"day": 1, "month": 31, "quarter": 31, "year": 366}


def test_a_deployment_sets_its_own_publication_lag(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text("timeliness_lag_days:\n  month: 20\n")
    lags = dbt_threshold_vars(path)["timeliness_lag_days"]
    assert lags == {"day": 1, "month": 20, "quarter": 31, "year": 366}


def test_deployment_file_tightens_only_what_it_names(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text("rules:\n  C4: 0.001\nreconcile_band: 0.05\n")
    t = load_thresholds(path)
    assert t["rules"]["C4"] == 0.001 and t["rules"]["C1"] == 0.005
    assert t["reconcile_band"] == 0.05


@pytest.mark.parametrize(
    "text, message",
    [
        ("rules:\n  C9: 0.1\n", "unknown key(s) C9"),
        ("rulez:\n  C1: 0.1\n", "unknown key(s) rulez"),
        ("rules:\n  C1: 5\n", "outside [0, 1]"),
        ("rules:\n  C1: -0.1\n", "outside [0, 1]"),
        ("rules:\n  C1: lots\n", "must be a number"),
        ("scorecard:\n  monitoring_response_hours: 0\n", "positive number of hours"),
        ("timeliness_lag_days:\n  day: -1\n", "whole number of days >= 0"),
        ("timeliness_lag_days:\n  day: 1.5\n", "whole number of days >= 0"),
        ("timeliness_lag_days:\n  week: 7\n", "unknown key(s) week"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(tmp_path, text, message):
    path = tmp_path / "bad.yml"
    path.write_text(text)
    with pytest.raises(ThresholdError, match=re.escape(message)):
        load_thresholds(path)


def test_dbt_vars_carry_the_file_values(tmp_path, monkeypatch):
    path = tmp_path / "t.yml"
    path.write_text("rules:\n  C1: 0.002\n")
    monkeypatch.setenv("CARBON_THRESHOLDS", str(path))
    assert dbt_threshold_vars()["consistency_thresholds"]["C1"] == 0.002
    flag, payload = dbt_vars()
    assert flag == "--vars"
    assert json.loads(payload)["consistency_thresholds"]["C1"] == 0.002
