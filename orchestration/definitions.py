"""Dagster entry point (workspace.yaml, ``dagster dev -m orchestration.definitions``)."""

from orchestration.defs import build_definitions

defs = build_definitions()
