"""What a load did, in plain values: per file (loaded, unchanged, refused) and per source.

The reports are what the Dagster assets show as metadata and what the CLI
prints, so they hold plain strings and numbers only and know how to render
themselves as a one-liner and as a markdown table.
"""

from dataclasses import dataclass, field

LOADED, UNCHANGED, REFUSED = "loaded", "unchanged", "refused"


@dataclass(frozen=True)
class FileError:
    """One problem in a landing file: ``line`` is the 1-based physical line (header = 1)."""

    file: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}"


@dataclass
class FileOutcome:
    """The fate of one file: ``outcome`` is 'loaded', 'unchanged' or 'refused'."""

    file: str
    outcome: str
    rows: int
    checksum: str
    message: str = ""
    errors: list[FileError] = field(default_factory=list)


@dataclass
class SourceReport:
    """All files of one landing source and the row count of its raw table afterwards.

    ``notes`` carries facts that are not about one file, e.g. that the bundled
    factor seed applies because the local one was refused.
    """

    source: str
    files: list[FileOutcome] = field(default_factory=list)
    table_rows: int = 0
    notes: list[str] = field(default_factory=list)

    def _with(self, outcome: str) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == outcome]

    @property
    def refused(self) -> list[FileOutcome]:
        return self._with(REFUSED)

    @property
    def loaded(self) -> list[FileOutcome]:
        return self._with(LOADED)

    @property
    def unchanged(self) -> list[FileOutcome]:
        return self._with(UNCHANGED)

    def summary(self) -> str:
        text = (
            f"{self.source}: {len(self.loaded)} loaded, {len(self.unchanged)} unchanged, "
            f"{len(self.refused)} refused; {self.table_rows} rows in table"
        )
        for f in self.refused:
            text += f"; REFUSED {f.message}"
        for note in self.notes:
            text += f"; {note}"
        return text

    def markdown(self) -> str:
        """The files as a markdown table (for Dagster's MetadataValue.md)."""
        lines = ["| file | outcome | rows | message |", "| --- | --- | --- | --- |"]
        for f in self.files:
            message = f.message.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {f.file} | {f.outcome} | {f.rows} | {message} |")
        lines += [f"\n{note}" for note in self.notes]
        return "\n".join(lines)

    def to_metadata(self) -> dict:
        """Plain values for Dagster metadata; ``files`` is markdown text."""
        return {
            "source": self.source,
            "table_rows": self.table_rows,
            "files_loaded": len(self.loaded),
            "files_unchanged": len(self.unchanged),
            "files_refused": len(self.refused),
            "rows_loaded": sum(f.rows for f in self.loaded),
            "refused_files": ", ".join(f.file for f in self.refused),
            "notes": "; ".join(self.notes),
            "files": self.markdown(),
            "summary": self.summary(),
        }
