"""One Expectation Suite per consistency rule, built from expectations/thresholds.yml.

Suites are (re)built from code on every validation run rather than edited by hand, so the
only place a tolerance lives is the thresholds file (tightened per deployment). Rebuilding
with unchanged thresholds leaves the committed suite JSON unchanged (GX keeps expectation
ids stable for identical expectations).

Each suite validates one rule's slice of ``rpt_consistency`` for one layer (the batch is the
layer's rows of one check run; a row condition ``rule == <rule>`` selects the rule's rows):

- the layer has rows at all, and the rule has at least one object in it: a rule that
  checked nothing has not passed;
- every row of the rule names its object (``object_key`` not null);
- ``rel_diff`` within the rule's threshold (strictly below it for C4, "diff < 0.5 %");
- ``passed`` is true on every row (dbt's own verdict, which also covers rows whose
  relative difference is undefined because the expected value is zero).

C7 (plausibility) is a warning, not a failure (METHOD 6): its suite carries
``meta.severity = "warn"``; the others ``"error"``.
"""

from orchestration.quality.gx_context import RULE_SUITES

RULE_TITLES = {
    "C1": "temporal rollup: sum of children = parent (day->month->quarter->year)",
    "C2": "temporal completeness: share of missing days/months of a parent",
    "C3": "source consistency: grid electricity days vs month, months vs year",
    "C4": "spatial rollup: sum of cities vs province",
    "C5": "spatial completeness: share of missing child regions",
    "C6": "allocation: indirect electricity of end uses vs E_power + E_import",
    "C7": "plausibility: change vs same period last year / seasonal expectation",
}
WARN_RULES = ("C7",)
STRICT_RULES = ("C4",)


def severity(rule: str) -> str:
    return "warn" if rule in WARN_RULES else "error"


def rule_threshold(thresholds: dict, rule: str) -> float:
    """The tolerance of ``rule`` from load_thresholds() output (``{"rules": {...}}``)."""
    rules = thresholds.get("rules", thresholds)
    return float(rules[rule])


def suite_for(rule: str, thresholds: dict):
    """The ExpectationSuite of one rule (not yet saved)."""
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    threshold = rule_threshold(thresholds, rule)
    of_rule = Column("rule") == rule
    # Informational rows (e.g. C1 'factor timing') are reported, not held to the threshold.
    checked_of_rule = (Column("rule") == rule) & (Column("informational") == False)  # noqa: E712
    expectations = [
        gxe.ExpectColumnValuesToNotBeNull(column="object_key", row_condition=of_rule),
        gxe.ExpectColumnValuesToBeBetween(
            column="rel_diff",
            min_value=0,
            max_value=threshold,
            strict_max=rule in STRICT_RULES,
            row_condition=checked_of_rule,
            meta={"threshold": threshold},
        ),
        gxe.ExpectColumnValuesToBeInSet(column="passed", value_set=[True], row_condition=of_rule),
    ]
    # Expectations go in through the constructor: add_expectation() on a suite whose name
    # exists in the store writes to the store at once (GX 1.x), even for a detached object.
    return gx.ExpectationSuite(
        name=RULE_SUITES[rule],
        expectations=expectations,
        meta={
            "rule": rule,
            "title": RULE_TITLES[rule],
            "severity": severity(rule),
            "threshold": threshold,
            "source": "expectations/thresholds.yml",
        },
    )


def _signature(suite) -> tuple:
    """What a suite checks, without GX's generated ids (for "did anything change?")."""
    configs = []
    for expectation in suite.expectations:
        config = expectation.configuration.to_json_dict()
        config.pop("id", None)
        configs.append(repr(sorted(config.items())))
    return repr(sorted((suite.meta or {}).items())), tuple(configs)


def build_suites(context, thresholds: dict) -> dict:
    """Add or update the seven suites in ``context``; returns ``{rule: suite}``.

    A suite whose expectations are unchanged is not rewritten (GX would give every
    expectation a new id, so the committed JSON would change on every run).
    """
    suites = {}
    for rule, name in RULE_SUITES.items():
        wanted = suite_for(rule, thresholds)
        try:
            existing = context.suites.get(name)
        except Exception:  # noqa: BLE001 - GX raises DataContextError subclasses for "missing"
            existing = None
        if existing is not None and _signature(existing) == _signature(wanted):
            suites[rule] = existing
        else:
            suites[rule] = context.suites.add_or_update(wanted)
    return suites


def scaffold(root=None, pg_url: str | None = None, schema: str = "carbon") -> None:
    """Create or refresh the committed context: suites, frame checkpoints, and (given a
    PostgreSQL URL to test the connection against) the SQL datasource's checkpoints.

    ``python -m orchestration.quality.suites [postgresql://...]`` after changing this code.
    """
    import os

    from orchestration.quality.gx_context import (
        PG_URL_ENV,
        ensure_frame_objects,
        ensure_postgres_objects,
        get_context,
    )
    from orchestration.quality.thresholds import load_thresholds

    context = get_context(root)
    build_suites(context, load_thresholds())
    ensure_frame_objects(context)
    if pg_url:
        os.environ[PG_URL_ENV] = pg_url.replace("postgresql://", "postgresql+psycopg2://", 1)
        ensure_postgres_objects(context, schema)


if __name__ == "__main__":
    import sys

    scaffold(pg_url=sys.argv[1] if len(sys.argv) > 1 else None)
