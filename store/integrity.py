"""Find a damaged SQLite file early: a quick check when it opens, a full check on demand.

`quick_check` runs `PRAGMA quick_check` on a read-only connection (the file is never written) and gives up after
`QUICK_CHECK_SECONDS` on a very large file (which then opens as usual), so opening never hangs; `full_check`
runs `PRAGMA integrity_check` (indexes too). Both return the problems found ([] when none), or None when the
check could not finish.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine

log = logging.getLogger(__name__)
QUICK_CHECK_SECONDS = float(os.environ.get("DLMATH_DB_QUICK_CHECK_S", "1.5"))
FULL_CHECK_SECONDS = 120.0
MAX_PROBLEMS = 50
_DAMAGED = ("malformed", "not a database", "corrupt")


def _run_check(conn: sqlite3.Connection, pragma: str, seconds: float) -> list[str] | None:
    """The problems `pragma` reports, or None when it ran out of time (nothing is known)."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        rows = conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
    except sqlite3.OperationalError as error:
        if "interrupt" in str(error).lower():
            return None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    return [] if [tuple(r) for r in rows] == [("ok",)] else [str(r[0]) for r in rows]


def quick_check(path: Path, seconds: float = QUICK_CHECK_SECONDS) -> list[str] | None:
    """Problems `PRAGMA quick_check` finds in the SQLite file at `path`; [] when it is fine, missing, empty or
    cannot be opened for another reason; None when it could not finish within `seconds` (a very large file)."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return []
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except (OSError, sqlite3.Error):
        return []
    try:
        found = _run_check(conn, "quick_check", seconds)
        if found is None:
            log.info("quick check of %s stopped after %.1f s (large file): not finished", path, seconds)
        return found
    except sqlite3.DatabaseError as error:
        return [str(error)] if any(word in str(error).lower() for word in _DAMAGED) else []
    finally:
        conn.close()


def full_check(engine: Engine, seconds: float = FULL_CHECK_SECONDS) -> list[str] | None:
    """Problems `PRAGMA integrity_check` finds in `engine`'s SQLite database ([] when none); None when it could
    not finish (busy, or out of time)."""
    try:
        with engine.connect() as conn:
            return _run_check(conn.connection.driver_connection, "integrity_check", seconds)
    except Exception as error:                 # noqa: BLE001 - sqlite3 or SQLAlchemy, from the check or connecting
        if any(word in str(error).lower() for word in _DAMAGED):
            return [str(error)]
        log.warning("integrity check not finished: %s", error)
        return None
