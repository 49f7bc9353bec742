"""Store test fixtures: every `db_url` test runs on SQLite and on PostgreSQL (the server: `pg_admin_url` in
tests/conftest.py; where there is none, the PostgreSQL cases are skipped with the reason).
"""
from __future__ import annotations

import pytest

from pg_support import create_database, drop_database, run_admin
from store import open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A URL of an empty database: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'progress.sqlite3'}"
        return
    admin = request.getfixturevalue("pg_admin_url")
    url = create_database(admin)
    yield url
    drop_database(admin, url)


@pytest.fixture
def store(db_url):
    """An open store on `db_url`."""
    opened = open_store(db_url)
    assert opened.status.mode == "ok", opened.status
    yield opened
    opened.close()


@pytest.fixture
def admin_sql(pg_admin_url):
    """Run one SQL statement on the PostgreSQL server as its administrator (CREATE/DROP DATABASE)."""
    return lambda sql: run_admin(pg_admin_url, sql)
