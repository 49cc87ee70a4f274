"""Validate one landing CSV against its contract, without touching a database.

A file is refused as a whole when anything in it is wrong (CONTRACT.md), so
the validator collects every problem (up to ``MAX_ERRORS``) rather than
stopping at the first, and names the physical line and the column of each.
Files can hold a million rows: every check is a vectorized pandas operation
over columns read as text, never a Python loop over rows.
"""

import codecs
import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from orchestration.contract import DATE, INTEGER, NUMBER, TEXT, Source
from orchestration.ingest.report import FileError
from orchestration.ingest.seed_sources import MONTH_START_COLUMN

MAX_ERRORS = 50
LINE_COLUMN = "_source_line"
EMPTY_FILE = "empty file: no data rows"
_INT_RE = r"^[+-]?\d+$"
_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
_INT_LIMIT = 2**31 - 1  # the raw column is SQL integer
_PERIOD_MONTHS = {"month": None, "quarter": (1, 4, 7, 10), "year": (1,)}


@dataclass(frozen=True)
class KnownCodes:
    """Codes a reference column may take, by ``Column.reference`` kind."""

    region: frozenset[str] = frozenset()
    fuel: frozenset[str] = frozenset()
    industry: frozenset[str] = frozenset()

    def of(self, kind: str) -> frozenset[str]:
        return getattr(self, kind)


class _Errors:
    """Collects errors up to a cap, but counts all of them."""

    def __init__(self, file: str):
        self.file = file
        self.items: list[FileError] = []
        self.total = 0

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        self.total += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append(FileError(self.file, line, column, reason))

    def add_rows(self, frame: pd.DataFrame, mask: pd.Series, column: str | None, reason) -> None:
        """One error per row of ``mask``; ``reason`` maps a row's cell (or the row) to text."""
        count = int(mask.sum())
        if not count:
            return
        room = max(MAX_ERRORS - len(self.items), 0)
        for _, row in frame[mask].head(room).iterrows():
            self.items.append(FileError(self.file, int(row[LINE_COLUMN]), column, reason(row)))
        self.total += count

    def result(self) -> list[FileError]:
        items = sorted(self.items, key=lambda e: (e.line or 0, e.column or ""))
        if self.total > len(items):
            items.append(
                FileError(self.file, None, None, f"... {self.total - len(items)} more errors")
            )
        return items


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, errors: _Errors) -> str | None:
    """UTF-8 text of the file (BOM dropped), or None after recording where it is not UTF-8."""
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        line_start = body.rfind(b"\n", 0, exc.start) + 1
        prefix = body[line_start : exc.start].decode("utf-8", errors="replace")
        header = body.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip()
        names = next(csv.reader([header]), [])
        field_no = len(next(csv.reader([prefix]), [""])) - 1 if line > 1 else None
        column = names[field_no] if field_no is not None and field_no < len(names) else None
        bad = body[exc.start : exc.start + 4].hex(" ")
        errors.add(
            line,
            column,
            f"not UTF-8 (byte {bad} at offset {exc.start}); save the file as UTF-8, "
            "not GBK or latin-1",
        )
        return None


def check_header(names: list[str], source: Source, errors: _Errors) -> None:
    expected = source.column_names
    seen: set[str] = set()
    for name in names:
        if name in seen:
            errors.add(1, name, f"duplicate column {name!r}")
        seen.add(name)
        if name not in expected:
            errors.add(1, name, f"unknown column {name!r} (expected {', '.join(expected)})")
    for name in expected:
        if name not in seen:
            errors.add(1, name, f"missing column {name!r}")


def _physical_lines(text: str, records: int) -> np.ndarray:
    """The first physical line of each data record (header = line 1).

    The fast path assumes one record per line; blank lines or quoted line breaks
    make the counts differ, and then the csv module tells where each record starts.
    """
    newlines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if newlines - 1 == records:
        return np.arange(2, records + 2)
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    starts, previous = [], reader.line_num
    for row in reader:
        if row:
            starts.append(previous + 1)
        previous = reader.line_num
    if len(starts) == records:
        return np.asarray(starts)
    return np.arange(2, records + 2)


def read_frame(text: str, source: Source, errors: _Errors) -> pd.DataFrame | None:
    """The data rows as text cells (stripped) plus their line numbers, or None if unreadable."""
    names = [n.strip() for n in next(csv.reader(io.StringIO(text)), [])]
    if not any(names):
        errors.add(1, None, EMPTY_FILE)
        return None
    check_header(names, source, errors)
    if errors.total:
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            header=0,
            names=names,
            skip_blank_lines=True,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        errors.add(int(match.group(1)) if match else None, None, f"unreadable CSV: {exc}")
        return None
    if frame.empty:
        errors.add(1, None, EMPTY_FILE)
        return None
    frame[LINE_COLUMN] = _physical_lines(text, len(frame))
    short = frame[list(names)].isna().any(axis=1)
    errors.add_rows(
        frame, short, None, lambda r: f"row has fewer fields than the header ({len(names)})"
    )
    for name in names:
        frame[name] = _per_unique(frame[name].fillna(""), lambda v: str(v).strip())
    return frame


def _per_unique(cells: pd.Series, func, dtype=object) -> pd.Series:
    """``func`` applied to each distinct value only (day files repeat codes and dates a lot).

    Without pyarrow, pandas string methods loop in Python over every cell; a list
    comprehension over the distinct values is several times faster.
    """
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    mapped = np.array([func(u) for u in np.asarray(uniques, dtype=object)], dtype=dtype)
    return pd.Series(mapped[codes], index=cells.index)


def _matches(cells: pd.Series, pattern: str) -> pd.Series:
    compiled = re.compile(pattern)
    return _per_unique(cells, lambda v: compiled.match(v) is not None, dtype=bool)


def _quote(value: str) -> str:
    return f'"{value}"'


def check_cells(frame: pd.DataFrame, source: Source, known: KnownCodes, errors: _Errors):
    """Per-cell checks; returns parsed numbers and dates by column for later checks."""
    parsed: dict[str, pd.Series] = {}
    for col in source.columns:
        cells = frame[col.name]
        empty = cells == ""
        if col.required:
            errors.add_rows(frame, empty, col.name, lambda r: "required value is empty")
        present = ~empty
        if col.kind in (INTEGER, NUMBER):
            numbers = pd.to_numeric(cells.where(present), errors="coerce")
            bad = present & ~np.isfinite(numbers.astype("float64"))
            errors.add_rows(
                frame, bad, col.name, lambda r, c=col.name: f"text in a number: {_quote(r[c])}"
            )
            if col.kind == INTEGER:
                not_int = present & ~bad & ~_matches(cells, _INT_RE)
                errors.add_rows(
                    frame,
                    not_int,
                    col.name,
                    lambda r, c=col.name: f"not a whole number: {_quote(r[c])}",
                )
                too_big = present & ~bad & ~not_int & (numbers.abs() > _INT_LIMIT)
                errors.add_rows(
                    frame, too_big, col.name, lambda r, c=col.name: f"out of range: {r[c]}"
                )
            parsed[col.name] = numbers.where(~bad)
        elif col.kind == DATE:
            shaped = _matches(cells, _DATE_RE)
            dates = pd.to_datetime(
                cells.where(present & shaped), format="%Y-%m-%d", errors="coerce"
            )
            errors.add_rows(
                frame,
                present & ~shaped,
                col.name,
                lambda r, c=col.name: f"not an ISO date YYYY-MM-DD: {_quote(r[c])}",
            )
            errors.add_rows(
                frame,
                present & shaped & dates.isna(),
                col.name,
                lambda r, c=col.name: f"not a real date: {_quote(r[c])}",
            )
            parsed[col.name] = dates
        if col.allowed is not None:
            bad = present & ~cells.isin(col.allowed)
            errors.add_rows(
                frame,
                bad,
                col.name,
                lambda r, c=col: (
                    f"value {_quote(r[c.name])} not allowed "
                    f"(expected one of {', '.join(c.allowed)})"
                ),
            )
        if col.reference is not None:
            bad = present & ~cells.isin(known.of(col.reference))
            errors.add_rows(
                frame,
                bad,
                col.name,
                lambda r, c=col: f"unknown {c.reference} code {_quote(r[c.name])}",
            )
    return parsed


def check_signs(frame, source: Source, parsed, errors: _Errors) -> None:
    signed = pd.Series(False, index=frame.index)
    if source.signed_when:
        column, values = source.signed_when
        signed = frame[column].isin(values)
    for col in source.columns:
        if col.non_negative and col.name in parsed:
            negative = (parsed[col.name] < 0).fillna(False).astype(bool) & ~signed
            hint = ""
            if source.signed_when:
                hint = f" (signs allowed only where {column} is {', '.join(values)})"
            errors.add_rows(
                frame,
                negative,
                col.name,
                lambda r, c=col.name, h=hint: f"negative value not allowed: {r[c]}{h}",
            )


def check_period_starts(frame, source: Source, parsed, errors: _Errors) -> None:
    """period_start must be the first day of its period_type; valid_from the first of a month."""
    checks = []
    if source.period_type_column:
        kinds = frame[source.period_type_column]
        checks.append(("period_start", kinds))
    if MONTH_START_COLUMN in parsed:
        checks.append((MONTH_START_COLUMN, pd.Series("month", index=frame.index)))
    for column, kinds in checks:
        dates = parsed[column]
        ok_date = dates.notna()
        not_first = ok_date & (dates.dt.day != 1)
        for kind, months in _PERIOD_MONTHS.items():
            if months is not None:
                not_first = not_first | (ok_date & (kinds == kind) & ~dates.dt.month.isin(months))
        wrong = not_first & kinds.isin(_PERIOD_MONTHS)
        errors.add_rows(
            frame,
            wrong,
            column,
            lambda r, c=column, k=kinds: f"{r[c]} is not the first day of its {k.loc[r.name]}",
        )


def check_duplicate_keys(frame, source: Source, errors: _Errors) -> None:
    key = list(source.key)
    repeated = frame.duplicated(subset=key, keep="first")
    if not repeated.any():
        return
    first_line = frame.groupby(key, sort=False, dropna=False)[LINE_COLUMN].transform("min")
    frame = frame.assign(_first_line=first_line)
    errors.add_rows(
        frame,
        repeated,
        ", ".join(key),
        lambda r: (
            "duplicate key ("
            + ", ".join(f"{k}={r[k]}" for k in key)
            + f") on lines {r['_first_line']} and {r[LINE_COLUMN]}"
        ),
    )


def typed_frame(frame: pd.DataFrame, source: Source, parsed) -> pd.DataFrame:
    """The valid rows with contract types: text (None when empty), Int64, Float64, dates."""
    out = {}
    for col in source.columns:
        if col.kind == TEXT:
            cells = frame[col.name].astype(object)
            out[col.name] = cells.where(cells != "", None)
        elif col.kind == INTEGER:
            out[col.name] = parsed[col.name].astype("Int64")
        elif col.kind == NUMBER:
            out[col.name] = parsed[col.name].astype("Float64")
        else:
            out[col.name] = parsed[col.name]
    out[LINE_COLUMN] = frame[LINE_COLUMN].astype("int64")
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)


def validate_bytes(
    data: bytes, file: str, source: Source, known: KnownCodes
) -> tuple[pd.DataFrame | None, list[FileError]]:
    """``validate_file`` on the file's bytes (``file`` names it in the errors)."""
    errors = _Errors(file)
    if not data.strip():
        errors.add(1, None, EMPTY_FILE)
        return None, errors.result()
    text = decode(data, errors)
    if text is None:
        return None, errors.result()
    frame = read_frame(text, source, errors)
    if frame is None:
        return None, errors.result()
    parsed = check_cells(frame, source, known, errors)
    check_signs(frame, source, parsed, errors)
    check_period_starts(frame, source, parsed, errors)
    check_duplicate_keys(frame, source, errors)
    if errors.total:
        return None, errors.result()
    return typed_frame(frame, source, parsed), []


def validate_file(
    path: Path, source: Source, known: KnownCodes, name: str | None = None
) -> tuple[pd.DataFrame | None, list[FileError]]:
    """The file's rows typed by the contract (plus ``_source_line``), or None and its errors.

    ``name`` is how errors name the file (default: the path as given).
    """
    path = Path(path)
    return validate_bytes(path.read_bytes(), name or str(path), source, known)
