"""Where the progress database is and how to connect to it.

`$DLMATH_DB_URL` (any SQLAlchemy URL, e.g. `postgresql+psycopg://user:pw@host/db`) wins; otherwise SQLite at
`$DLMATH_HOME/progress.sqlite3` (default folder `~/.dlmathlab`). SQLite runs in WAL mode with a busy timeout;
write transactions start with `BEGIN IMMEDIATE` so a busy database waits (up to the timeout) instead of failing
half-way.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from dlmath_home import home_dir

DB_FILE_NAME = "progress.sqlite3"
BUSY_TIMEOUT_MS = int(os.environ.get("DLMATH_DB_BUSY_MS", "5000"))


def database_url() -> str:
    """The database URL this process uses: `$DLMATH_DB_URL` or the default SQLite file."""
    return _url_for(os.environ.get("DLMATH_DB_URL"), os.environ.get("DLMATH_HOME"), os.environ.get("HOME"))


@functools.lru_cache(maxsize=32)
def _url_for(db_url: str | None, _home: str | None, _user_home: str | None) -> str:
    """`database_url` for these variables (asked several times per page: worked out once)."""
    return db_url or f"sqlite:///{home_dir() / DB_FILE_NAME}"


def dialect_insert(dialect: str, table):
    """An INSERT into `table` that can take the dialect's ON CONFLICT clauses (PostgreSQL's, else SQLite's); the
    PostgreSQL dialect is loaded only by a process that uses it (it costs a SQLite app 40 ms at start-up)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and for in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _sqlite_pragmas(busy_ms: int, wal: bool):
    def on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None          # we issue BEGIN ourselves (see _sqlite_begin)
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()
    return on_connect


def _sqlite_begin(conn) -> None:
    """Reads take a snapshot (`BEGIN`); writes take the write lock up front (`BEGIN IMMEDIATE`)."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def make_engine(url: str, *, busy_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for `url`: SQLite files get WAL + busy timeout; in-memory SQLite is one shared connection;
    PostgreSQL gets a pre-pinged pool and a short connect timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        in_memory = sqlite_path(url) is None
        kwargs = {"poolclass": StaticPool} if in_memory else {}
        engine = create_engine(url, connect_args={"check_same_thread": False,
                                                  "timeout": busy_ms / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas(busy_ms, wal=not in_memory))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, connect_args=connect_args)
