"""A fresh PostgreSQL database for a test, dropped afterwards.

Order of preference: CARBON_TEST_PG_URL, the server at 127.0.0.1:5432, a
throwaway pgserver instance. Postgres tests never skip silently: if none of
the three works, the test errors with the reasons.
"""

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from urllib.parse import urlparse, urlunparse

import psycopg2

LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
_pgserver = None


def _reachable(url: str) -> bool:
    try:
        psycopg2.connect(url, connect_timeout=3).close()
        return True
    except psycopg2.OperationalError:
        return False


def server_url() -> str:
    """The admin URL of a server the tests may create databases on."""
    global _pgserver
    configured = os.environ.get("CARBON_TEST_PG_URL")
    if configured:
        return configured
    if _reachable(LOCAL_SERVER):
        return LOCAL_SERVER
    if _pgserver is None:
        import pgserver

        _pgserver = pgserver.get_server(tempfile.mkdtemp(prefix="carbon-pg-"), cleanup_mode="stop")
    return _pgserver.get_uri()


def _with_database(url: str, dbname: str) -> str:
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path="/" + dbname))


@contextlib.contextmanager
def fresh_pg_database() -> Iterator[str]:
    """Create database carbon_test_<random>, yield its URL, drop it afterwards."""
    admin = server_url()
    name = f"carbon_test_{uuid.uuid4().hex[:12]}"
    con = psycopg2.connect(admin)
    con.autocommit = True
    con.cursor().execute(f'create database "{name}"')
    con.close()
    try:
        yield _with_database(admin, name)
    finally:
        con = psycopg2.connect(admin)
        con.autocommit = True
        con.cursor().execute(f'drop database if exists "{name}" with (force)')
        con.close()
