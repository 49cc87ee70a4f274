"""The one configuration of consistency thresholds (expectations/thresholds.yml).

dbt's consistency models, the Great Expectations suites and the scorecard must judge a
build by the same numbers; they all read them here. The bundled file holds the standard's
defaults; a deployment points ``CARBON_THRESHOLDS`` (or ``path``) at its own file, whose
values overlay the defaults key by key, so it names only what it tightens.
"""

import os
from pathlib import Path

import yaml

from orchestration.paths import EXPECTATIONS_DIR

DEFAULT_PATH = EXPECTATIONS_DIR / "thresholds.yml"
RULES = ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
SCORECARD_RATES = (
    "consistency_rate",
    "correction_rate",
    "anomaly_rate",
    "validation_success_rate",
    "update_timeliness",
    "cleaning_efficiency",
    "audit_pass_rate",
)
# Not a fraction: the standard's target is a duration (hours).
SCORECARD_DURATIONS = ("monitoring_response_hours",)
PERIOD_TYPES = ("day", "month", "quarter", "year")
TOP_LEVEL = ("rules", "reconcile_band", "scorecard", "timeliness_lag_days")


class ThresholdError(ValueError):
    """The thresholds file is malformed: unknown key or value out of range."""


def _read(path: Path) -> dict:
    with Path(path).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ThresholdError(f"{path}: expected a mapping with keys {', '.join(TOP_LEVEL)}")
    return data


def _fraction(path: Path, key: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ThresholdError(f"{path}: {key} must be a number, got {value!r}")
    if not 0 <= value <= 1:
        raise ThresholdError(
            f"{path}: {key} = {value} is outside [0, 1] (a fraction, 0.005 = 0.5 %)"
        )
    return float(value)


def _section(path: Path, data: dict, name: str, allowed: tuple[str, ...]) -> dict:
    section = data.get(name) or {}
    if not isinstance(section, dict):
        raise ThresholdError(f"{path}: {name} must be a mapping")
    unknown = sorted(set(section) - set(allowed))
    if unknown:
        raise ThresholdError(
            f"{path}: unknown key(s) {', '.join(map(str, unknown))} in {name}; "
            f"allowed: {', '.join(allowed)}"
        )
    return section


def _validate(path: Path, data: dict) -> dict:
    """Check one file's content; returns it normalised (floats), missing keys left out."""
    unknown = sorted(set(data) - set(TOP_LEVEL))
    if unknown:
        raise ThresholdError(
            f"{path}: unknown key(s) {', '.join(map(str, unknown))}; "
            f"allowed: {', '.join(TOP_LEVEL)}"
        )
    out: dict = {"rules": {}, "scorecard": {}}
    for key, value in _section(path, data, "rules", RULES).items():
        out["rules"][key] = _fraction(path, f"rules.{key}", value)
    scorecard = _section(path, data, "scorecard", SCORECARD_RATES + SCORECARD_DURATIONS)
    for key, value in scorecard.items():
        if key in SCORECARD_DURATIONS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ThresholdError(f"{path}: scorecard.{key} must be a positive number of hours")
            out["scorecard"][key] = float(value)
        else:
            out["scorecard"][key] = _fraction(path, f"scorecard.{key}", value)
    if "reconcile_band" in data:
        out["reconcile_band"] = _fraction(path, "reconcile_band", data["reconcile_band"])
    out["timeliness_lag_days"] = {}
    for key, value in _section(path, data, "timeliness_lag_days", PERIOD_TYPES).items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ThresholdError(
                f"{path}: timeliness_lag_days.{key} must be a whole number of days >= 0"
            )
        out["timeliness_lag_days"][key] = value
    return out


def load_thresholds(path: str | Path | None = None) -> dict:
    """Thresholds as ``{"rules": {C1..C7}, "reconcile_band": x, "scorecard": {...},
    "timeliness_lag_days": {day, month, quarter, year}}``.

    ``path`` (else env ``CARBON_THRESHOLDS``) overlays the bundled defaults; raises
    ThresholdError naming the file and key when a key is unknown or a value out of range.
    """
    result = _validate(DEFAULT_PATH, _read(DEFAULT_PATH))
    path = path or os.environ.get("CARBON_THRESHOLDS")
    if path and Path(path).resolve() != DEFAULT_PATH.resolve():
        override = _validate(Path(path), _read(Path(path)))
        result["rules"].update(override["rules"])
        result["scorecard"].update(override["scorecard"])
        result["timeliness_lag_days"].update(override["timeliness_lag_days"])
        if "reconcile_band" in override:
            result["reconcile_band"] = override["reconcile_band"]
    missing = [r for r in RULES if r not in result["rules"]]
    missing += [f"timeliness_lag_days.{p}" for p in PERIOD_TYPES
                if p not in result["timeliness_lag_days"]]  # fmt: skip
    if missing or "reconcile_band" not in result:
        raise ThresholdError(f"{DEFAULT_PATH}: missing {', '.join(missing) or 'reconcile_band'}")
    return result


def dbt_threshold_vars(path: str | Path | None = None) -> dict:
    """The dbt vars that carry the thresholds (read by macro consistency_threshold)."""
    thresholds = load_thresholds(path)
    return {
        "consistency_thresholds": thresholds["rules"],
        "reconcile_band": thresholds["reconcile_band"],
        "scorecard_targets": thresholds["scorecard"],
        "timeliness_lag_days": thresholds["timeliness_lag_days"],
    }
