"""A PostgreSQL server for the tests that need one (store tests, the replica test): `$DLMATH_TEST_PG_URL` if set,
otherwise a throw-away server started with `scripts/ci_postgres.sh` (as root it runs as `postgres`)."""
from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]


def start_server() -> tuple[str | None, str | None, str]:
    """(admin url, stop command, reason if none)."""
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


def run_admin(url: str, sql: str) -> None:
    """Run one SQL statement on the server of ``url`` as its administrator (autocommit)."""
    import psycopg
    parsed = make_url(url).set(drivername="postgresql")
    with psycopg.connect(parsed.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(sql)


def create_database(admin_url: str) -> str:
    """A fresh, empty database on the server of ``admin_url``; its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    run_admin(admin_url, f'CREATE DATABASE "{name}"')
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, url: str) -> None:
    """Drop the database of ``url`` (made by `create_database`), connections and all."""
    run_admin(admin_url, f'DROP DATABASE "{make_url(url).database}" WITH (FORCE)')
