"""Where the data lives: an embedded DuckDB file or a PostgreSQL database.

A ``Warehouse`` knows how to open a short-lived DB-API connection (DuckDB
allows one writer per file, so nothing keeps a connection open while dbt runs)
and which environment variables make dbt's profile point at it.
"""

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from orchestration.paths import DEFAULT_DUCKDB_FILE

RAW_SCHEMA = "raw"
DEFAULT_SCHEMA = "carbon"

# The storage format of the DuckDB files this platform creates. DuckDB writes new files in
# its 1.0 format unless told otherwise, and in that format writing the string columns of a
# wide table costs most of a build: `create table as` of int_emissions_computed (27M rows at
# national scale) took 19-20 s in it and 12-13 s in the 1.3 format, the same size on disk and
# as fast to read (issue 4, docs/architecture.md). Files in this format open with DuckDB 1.3
# or later only. A file keeps the format it was created in: an existing warehouse gains
# nothing until it is rebuilt into a new file. Every connection to a file in one process must
# pass the same configuration, so dbt's profile gets it too (config_options, from dbt_env).
DUCKDB_STORAGE_VERSION = "v1.3.0"
DUCKDB_CONFIG = {"storage_compatibility_version": DUCKDB_STORAGE_VERSION}


@dataclass(frozen=True)
class Warehouse:
    """A target warehouse: ``kind`` is ``duckdb`` (with ``path``) or ``postgres`` (with ``url``).

    ``schema`` holds the dbt models and marts; landing data go to ``raw``.
    """

    kind: str
    path: str | None = None
    url: str | None = None
    schema: str = DEFAULT_SCHEMA

    @classmethod
    def duckdb(cls, path: str | os.PathLike, schema: str = DEFAULT_SCHEMA) -> "Warehouse":
        return cls("duckdb", path=str(Path(path).resolve()), schema=schema)

    @classmethod
    def postgres(cls, url: str, schema: str = DEFAULT_SCHEMA) -> "Warehouse":
        return cls("postgres", url=url, schema=schema)

    @classmethod
    def from_env(cls) -> "Warehouse":
        """The warehouse named by CARBON_POSTGRES_URL or CARBON_DUCKDB_PATH (DuckDB by default)."""
        schema = os.environ.get("CARBON_SCHEMA", DEFAULT_SCHEMA)
        url = os.environ.get("CARBON_POSTGRES_URL")
        if url:
            return cls.postgres(url, schema)
        return cls.duckdb(os.environ.get("CARBON_DUCKDB_PATH", DEFAULT_DUCKDB_FILE), schema)

    @property
    def dbt_target(self) -> str:
        return self.kind

    @property
    def qualified_schema(self) -> str:
        """The model schema as SQL. On DuckDB it carries the catalog (the file's stem): a file
        named like the schema (``carbon.duckdb``) would make a bare ``carbon.x`` ambiguous."""
        if self.kind == "duckdb":
            return f'"{Path(self.path).stem}"."{self.schema}"'
        return f'"{self.schema}"'

    def relation(self, name: str) -> str:
        """A model or mart of the warehouse as a fully qualified SQL name."""
        return f"{self.qualified_schema}.{name}"

    @property
    def label(self) -> str:
        if self.kind == "duckdb":
            return f"DuckDB {self.path}"
        parsed = urlparse(self.url or "")
        return f"PostgreSQL {parsed.hostname or 'socket'}:{parsed.port or 5432}/{parsed.path[1:]}"

    def dbt_env(self) -> dict[str, str]:
        """Environment variables read by dbt_project/profiles.yml."""
        env = {"CARBON_SCHEMA": self.schema, "CARBON_RAW_SCHEMA": RAW_SCHEMA}
        if self.kind == "duckdb":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            env["CARBON_DUCKDB_PATH"] = self.path
            env["CARBON_DUCKDB_STORAGE_VERSION"] = DUCKDB_STORAGE_VERSION
            return env
        parsed = urlparse(self.url)
        query = dict(p.split("=", 1) for p in parsed.query.split("&") if "=" in p)
        host = parsed.hostname or unquote(query.get("host", "")) or "127.0.0.1"
        env.update(
            CARBON_PG_HOST=host,
            CARBON_PG_PORT=str(parsed.port or query.get("port", 5432)),
            CARBON_PG_USER=unquote(parsed.username or query.get("user", "postgres")),
            CARBON_PG_PASSWORD=unquote(parsed.password or ""),
            CARBON_PG_DBNAME=unquote(parsed.path.lstrip("/") or "postgres"),
        )
        return env

    @contextlib.contextmanager
    def connect(self) -> Iterator:
        """A short-lived DB-API connection; committed on success, rolled back on error."""
        if self.kind == "duckdb":
            import duckdb

            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(self.path, config=DUCKDB_CONFIG)
            try:
                con.execute("begin")
                yield con
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise
            finally:
                con.close()
        else:
            import psycopg2

            env = self.dbt_env()
            con = psycopg2.connect(
                host=env["CARBON_PG_HOST"],
                port=int(env["CARBON_PG_PORT"]),
                user=env["CARBON_PG_USER"],
                password=env["CARBON_PG_PASSWORD"] or None,
                dbname=env["CARBON_PG_DBNAME"],
            )
            try:
                yield con
                con.commit()
            except BaseException:
                con.rollback()
                raise
            finally:
                con.close()

    def query(self, sql: str, params: tuple | list | None = None) -> list[tuple]:
        """Run one read query and return all rows (for tests, summaries and checks)."""
        with self.connect() as con:
            cur = con.cursor() if self.kind == "postgres" else con
            cur.execute(sql, params or ())
            return cur.fetchall()

    def query_df(self, sql: str, params: tuple | list | None = None):
        """Run one read query and return a pandas DataFrame.

        DuckDB's ENUM columns (fct_emissions' fixed-domain columns, dbt macro fixed_domain)
        come as plain strings, as text does from PostgreSQL: pandas would make them
        categoricals, whose group-bys list every value of the type, present or not."""
        import pandas as pd

        with self.connect() as con:
            if self.kind == "duckdb":
                frame = con.execute(sql, params or ()).df()
                for column in frame.columns[frame.dtypes == "category"]:
                    # the dtype of the values themselves: that of a text column
                    frame[column] = frame[column].astype(frame[column].cat.categories.dtype)
                return frame
            cur = con.cursor()
            cur.execute(sql, params or ())
            cols = [d[0] for d in cur.description]
            return pd.DataFrame(cur.fetchall(), columns=cols)
