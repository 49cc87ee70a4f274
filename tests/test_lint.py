"""The codebase stays clean under the project's linters (ruff for Python, sqlfluff for dbt SQL)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


def test_ruff_is_clean():
    result = _run([str(BIN / "ruff"), "check", "."])
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = _run([str(BIN / "ruff"), "format", "--check", "."])
    assert result.returncode == 0, result.stdout + result.stderr


def test_sqlfluff_is_clean():
    result = _run(
        [str(BIN / "sqlfluff"), "lint", "dbt_project/models", "--processes", "2"],
        env={"CARBON_DUCKDB_PATH": ":memory:"},
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
