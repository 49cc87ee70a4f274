"""The few SQL operations ingestion needs, written once for DuckDB and PostgreSQL.

Both engines get the same statements; only parameters (``?`` vs ``%s``) and
the bulk path differ: DuckDB reads a registered pandas DataFrame, PostgreSQL
receives a CSV stream through COPY. Either way the rows land in a temporary
``_stage`` table typed like the target, so the key comparison and the insert
are plain, portable SQL and no row goes through Python one at a time.
"""

import contextlib
import io
from collections.abc import Iterator, Sequence

import pandas as pd

from orchestration.contract import SQL_TYPES, Source
from orchestration.ingest.validate import LINE_COLUMN
from orchestration.warehouse import RAW_SCHEMA

STAGE = "_stage"
META_COLUMNS = (
    ("_source_file", "varchar"),
    (LINE_COLUMN, "integer"),
    ("_loaded_at", "timestamp"),
)
LOAD_LOG_COLUMNS = (
    ("source", "varchar"),
    ("file", "varchar"),
    ("sha256", "varchar"),
    ("rows", "bigint"),
    ("loaded_at", "timestamp"),
    ("outcome", "varchar"),
    ("message", "varchar"),
    ("build_id", "varchar"),
)
# Alerts raised for failed consistency checks (orchestration/quality/alerts.py); created with
# the raw tables so that the scorecard (C8, monitoring response time) can always read it.
ALERTS_COLUMNS = (
    ("build_id", "varchar"),
    ("rule", "varchar"),
    ("layer", "varchar"),
    ("detected_at", "timestamp"),
    ("alerted_at", "timestamp"),
    ("latency_ms", "double precision"),
    ("channel", "varchar"),
    ("message", "varchar"),
)
FACTOR_SET_COLUMNS = (
    ("build_id", "varchar"),
    ("seed", "varchar"),
    ("origin", "varchar"),
    ("file", "varchar"),
    ("sha256", "varchar"),
    ("recorded_at", "timestamp"),
)


def q(name: str) -> str:
    """A quoted identifier (``use`` and ``year`` are keywords somewhere)."""
    return '"' + name.replace('"', '""') + '"'


def table(name: str) -> str:
    return f"{RAW_SCHEMA}.{q(name)}"


def execute(con, kind: str, sql: str, params: Sequence | None = None):
    """Run one statement on the connection's own transaction; returns a cursor-like object.

    DuckDB: the connection itself (``con.cursor()`` would open a second
    connection with its own transaction).
    """
    if kind == "duckdb":
        return con.execute(sql.replace("%s", "?"), list(params or ()))
    cur = con.cursor()
    cur.execute(sql, tuple(params or ()))
    return cur


def fetchall(con, kind: str, sql: str, params: Sequence | None = None) -> list[tuple]:
    return execute(con, kind, sql, params).fetchall()


class Session:
    """One connection (from ``Warehouse.connect``) used for many short transactions.

    Opening a DuckDB file costs tens of milliseconds, so a source's files share
    one connection, and each file still commits (or rolls back) on its own.
    """

    def __init__(self, con, kind: str):
        self.con, self.kind = con, kind

    def execute(self, sql: str, params: Sequence | None = None):
        return execute(self.con, self.kind, sql, params)

    def fetchall(self, sql: str, params: Sequence | None = None) -> list[tuple]:
        return fetchall(self.con, self.kind, sql, params)

    def commit(self) -> None:
        if self.kind == "duckdb":
            self.con.execute("commit")
            self.con.execute("begin")
        else:
            self.con.commit()

    def rollback(self) -> None:
        if self.kind == "duckdb":
            self.con.execute("rollback")
            self.con.execute("begin")
        else:
            self.con.rollback()

    def insert(self, table_name: str, values: dict) -> None:
        insert_row(self.con, self.kind, table_name, values)

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Session"]:
        """Commit what the block did, or roll it back (and re-raise) on an error."""
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        self.commit()


def create_table_sql(name: str, columns: Sequence[tuple[str, str]]) -> str:
    body = ", ".join(f"{q(c)} {t}" for c, t in columns)
    return f"create table if not exists {table(name)} ({body})"


def source_columns(source: Source) -> list[tuple[str, str]]:
    return [(c.name, SQL_TYPES[c.kind]) for c in source.columns]


def stage_frame(con, kind: str, frame: pd.DataFrame, source: Source) -> None:
    """Put ``frame`` (contract columns + _source_line) in a temp table ``_stage``, typed."""
    columns = [*source_columns(source), (LINE_COLUMN, "integer")]
    if kind == "duckdb":
        con.register("_stage_frame", frame)
        select = ", ".join(f"cast({q(c)} as {t}) as {q(c)}" for c, t in columns)
        con.execute(f"create or replace temp table {STAGE} as select {select} from _stage_frame")
        con.unregister("_stage_frame")
        return
    body = ", ".join(f"{q(c)} {t}" for c, t in columns)
    cur = con.cursor()
    cur.execute(f"drop table if exists {STAGE}")
    cur.execute(f"create temp table {STAGE} ({body}) on commit drop")
    buffer = io.StringIO()
    frame[[c for c, _ in columns]].to_csv(
        buffer, index=False, header=False, date_format="%Y-%m-%d", na_rep=""
    )
    buffer.seek(0)
    names = ", ".join(q(c) for c, _ in columns)
    cur.copy_expert(f"copy {STAGE} ({names}) from stdin with (format csv, null '')", buffer)


def key_match(source: Source, left: str, right: str) -> str:
    """NULL-safe equality of the key, still hashable: optional text keys compare coalesced.

    Empty cells are stored as NULL, never as '', so coalescing to '' is exact.
    """
    parts = []
    for name in source.key:
        col = source.column(name)
        a, b = f"{left}.{q(name)}", f"{right}.{q(name)}"
        if col.required:
            parts.append(f"{a} = {b}")
        elif SQL_TYPES[col.kind] == "varchar":
            parts.append(f"coalesce({a}, '') = coalesce({b}, '')")
        else:
            parts.append(f"{a} is not distinct from {b}")
    return " and ".join(parts)


def upsert_stage(
    con, kind: str, source: Source, file: str, loaded_at: str, later_files: Sequence[str]
) -> None:
    """Replace this file's earlier version and every row of an earlier file with a key in it.

    Rows of files later in lexical order (``later_files``, loaded before this
    one was corrected) keep their keys: the last file in order wins (METHOD 8).
    """
    target = table(source.name)
    execute(con, kind, f"delete from {target} where _source_file = %s", [file])
    match = key_match(source, "t", "s")
    keep_later, params = "", []
    if later_files:
        marks = ", ".join(["%s"] * len(later_files))
        keep_later = f" and t._source_file not in ({marks})"
        params = list(later_files)
    execute(
        con, kind, f"delete from {target} as t using {STAGE} as s where {match}{keep_later}", params
    )
    names = [c.name for c in source.columns] + [LINE_COLUMN]
    insert_cols = ", ".join(q(c) for c in [*names, "_source_file", "_loaded_at"])
    select_cols = ", ".join(f"s.{q(c)}" for c in names)
    where = ""
    if later_files:
        where = f" where not exists (select 1 from {target} as t where {match})"
    execute(
        con,
        kind,
        f"insert into {target} ({insert_cols}) select {select_cols}, %s, cast(%s as timestamp) "
        f"from {STAGE} as s{where}",
        [file, loaded_at],
    )


def replace_with_stage(con, kind: str, table_name: str, source: Source, file, loaded_at) -> None:
    """Truncate ``table_name`` and fill it from the stage (local factor seeds)."""
    target = table(table_name)
    execute(con, kind, f"delete from {target}")
    names = [c.name for c in source.columns] + [LINE_COLUMN]
    insert_cols = ", ".join(q(c) for c in [*names, "_source_file", "_loaded_at"])
    select_cols = ", ".join(q(c) for c in names)
    execute(
        con,
        kind,
        f"insert into {target} ({insert_cols}) select {select_cols}, %s, cast(%s as timestamp) "
        f"from {STAGE}",
        [file, loaded_at],
    )


def insert_row(con, kind: str, table_name: str, values: dict) -> None:
    cols = ", ".join(q(c) for c in values)
    marks = ", ".join(["%s"] * len(values))
    execute(
        con,
        kind,
        f"insert into {table(table_name)} ({cols}) values ({marks})",
        list(values.values()),
    )
