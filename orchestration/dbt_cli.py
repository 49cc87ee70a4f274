"""Run dbt in-process against a Warehouse.

dbt reads its connection from environment variables (dbt_project/profiles.yml);
this module sets them from the Warehouse, selects the target and keeps one
target path per adapter so that partial parsing survives switching targets.
"""

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from orchestration.paths import DBT_PROJECT_DIR, dbt_target_path
from orchestration.warehouse import Warehouse

OFFLINE_ENV = {
    "DBT_VERSION_CHECK": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DBT_PARTIAL_PARSE": "true",
}


class DbtError(RuntimeError):
    """dbt failed; the message lists the failing nodes and their errors."""


@contextmanager
def dbt_environment(
    warehouse: Warehouse, extra: dict[str, str] | None = None
) -> Iterator[dict[str, str]]:
    """Temporarily set the variables dbt's profile reads, and ``extra`` (the values of one run,
    ``pipeline.dbt_run_env``); restore them afterwards."""
    env = {**OFFLINE_ENV, **warehouse.dbt_env(), **(extra or {})}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield env
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def dbt_base_args(warehouse: Warehouse) -> list[str]:
    """Arguments every dbt call needs: project, profiles, target and its target path."""
    return [
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target",
        warehouse.dbt_target,
        "--target-path",
        str(dbt_target_path(warehouse.kind)),
    ]


def run_dbt(
    command: Sequence[str],
    warehouse: Warehouse,
    quiet: bool = True,
    env: dict[str, str] | None = None,
):
    """Run one dbt command (e.g. ``["build"]``) and raise DbtError on failure. ``env``: extra
    environment variables for the call (``pipeline.dbt_run_env``).

    Returns dbt's ``dbtRunnerResult``.
    """
    from dbt.cli.main import dbtRunner

    args = [*command, *dbt_base_args(warehouse)]
    if quiet:
        args = ["--quiet", *args]
    with dbt_environment(warehouse, env):
        result = dbtRunner().invoke(args)
    if not result.success:
        raise DbtError(describe_failure(command, result))
    return result


def describe_failure(command: Sequence[str], result) -> str:
    """A short message naming each failed dbt node and its error."""
    lines = [f"dbt {' '.join(command)} failed"]
    if result.exception is not None:
        lines.append(str(result.exception))
    for node_result in getattr(result.result, "results", None) or []:
        status = str(getattr(node_result, "status", ""))
        if status.lower() in {"error", "fail", "runtimeerror"}:
            node = getattr(node_result, "node", None)
            name = getattr(node, "unique_id", "?")
            lines.append(f"- {name}: {getattr(node_result, 'message', '')}")
    return "\n".join(lines)
