"""Ingestion of landing CSV files into the ``raw`` schema (CONTRACT.md, docs/architecture.md).

``validate`` checks a file against the contract without a database;
``loader`` skips, refuses (quarantine) or upserts each file; ``local_seeds``
handles the local factor overrides; ``report`` holds the outcomes that the
Dagster assets turn into metadata.
"""

from orchestration.ingest.loader import ensure_raw_tables, load_landing, load_source
from orchestration.ingest.local_seeds import load_local_factor_seeds
from orchestration.ingest.report import FileError, FileOutcome, SourceReport
from orchestration.ingest.validate import KnownCodes, validate_file

__all__ = [
    "FileError",
    "FileOutcome",
    "KnownCodes",
    "SourceReport",
    "ensure_raw_tables",
    "load_landing",
    "load_local_factor_seeds",
    "load_source",
    "validate_file",
]
