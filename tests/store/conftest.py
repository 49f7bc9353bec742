"""Store test fixtures: every `db_url` test runs on SQLite and on PostgreSQL.

PostgreSQL: `$DLMATH_TEST_PG_URL` if set; otherwise this session starts a throw-away server with
`scripts/ci_postgres.sh` (as root it runs as `postgres`) and stops it at the end; where neither is possible the
PostgreSQL cases are skipped with the reason (also given as a warning in the summary).
"""
from __future__ import annotations

import os
import subprocess
import uuid
import warnings
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _start_server() -> tuple[str | None, str | None, str]:
    """(url, stop command, reason if none)."""
    script = ROOT / "scripts" / "ci_postgres.sh"
    try:
        done = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=90)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, None, f"cannot run {script.name}: {error}"
    if done.returncode != 0:
        return None, None, f"no PostgreSQL server could be started: {done.stderr.strip()[-300:]}"
    values = dict(line.removeprefix("export ").split("=", 1) for line in done.stdout.splitlines()
                  if line.startswith("export "))
    return values["DLMATH_TEST_PG_URL"], values["DLMATH_TEST_PG_STOP"].strip("'"), ""


@pytest.fixture(scope="session")
def pg_admin_url():
    """A PostgreSQL URL whose server lets us create databases, or a skip with the reason."""
    url = os.environ.get("DLMATH_TEST_PG_URL")
    stop = None
    if not url:
        url, stop, reason = _start_server()
        if url is None:
            warnings.warn(f"PostgreSQL store tests skipped: {reason}")
            pytest.skip(f"PostgreSQL store tests skipped: {reason}")
    yield url
    if stop:
        subprocess.run(stop, shell=True, capture_output=True, timeout=60)


def _admin(url: str, sql: str) -> None:
    import psycopg
    parsed = make_url(url).set(drivername="postgresql")
    with psycopg.connect(parsed.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A URL of an empty database: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'progress.sqlite3'}"
        return
    admin = request.getfixturevalue("pg_admin_url")
    name = f"t_{uuid.uuid4().hex[:12]}"
    _admin(admin, f'CREATE DATABASE "{name}"')
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    _admin(admin, f'DROP DATABASE "{name}" WITH (FORCE)')


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
    return lambda sql: _admin(pg_admin_url, sql)
