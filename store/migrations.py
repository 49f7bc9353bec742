"""Schema versions: a `schema_version` table and ordered migration steps, applied automatically on open.

A step is `(version, function(connection))`; steps run in order, each in the same transaction as the version bump.
Add a step at the end to change the schema; never edit a released one.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, insert, select, text, update

from . import schema


class NewerSchemaError(RuntimeError):
    """The database was written by a newer version of the app: read it, never migrate it down."""


def _v1_initial(conn: Connection) -> None:
    for table in (schema.profiles, schema.attempts, schema.quiz_sessions):
        table.create(conn, checkfirst=True)
    for index in schema.INDEXES:
        index.create(conn, checkfirst=True)


def _v2_accounts(conn: Connection) -> None:
    from . import accounts_schema

    for table in accounts_schema.TABLES:
        table.create(conn, checkfirst=True)
    for index in accounts_schema.INDEXES:
        index.create(conn, checkfirst=True)


def _v3_uids_and_set_aside(conn: Connection) -> None:
    """The writer's idempotency key on attempts, and the table of records the database refused."""
    if "uid" not in {c["name"] for c in inspect(conn).get_columns("attempts")}:
        conn.execute(text("ALTER TABLE attempts ADD COLUMN uid VARCHAR(32)"))
    schema.UID_INDEX.create(conn, checkfirst=True)
    schema.set_aside.create(conn, checkfirst=True)


def _v4_shared_files(conn: Connection) -> None:
    """Instructors' files (class mode) and published templates, shared by every replica."""
    for table in (schema.exercise_files, schema.published_templates):
        table.create(conn, checkfirst=True)


STEPS: tuple[tuple[int, Callable[[Connection], None]], ...] = (
    (1, _v1_initial),
    (2, _v2_accounts),
    (3, _v3_uids_and_set_aside),
    (4, _v4_shared_files),
)
LATEST = STEPS[-1][0]


def current_version(conn: Connection) -> int:
    """The schema version recorded in the database; 0 for an empty database."""
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    return conn.execute(select(schema.schema_version.c.version)).scalar() or 0


def migrate(engine: Engine) -> int:
    """Bring the database to the latest schema (a no-op when it is current) and return the version.

    Raises `NewerSchemaError` when the database is newer than this code. Concurrent openers are serialised
    (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an advisory transaction lock).
    """
    with engine.connect() as conn:
        with conn.begin():
            version = current_version(conn)
        if version == LATEST:
            return version
        if version > LATEST:
            raise NewerSchemaError(version)
        conn.execution_options(write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(724011)"))
            schema.schema_version.create(conn, checkfirst=True)
            version = current_version(conn)
            if version == 0:
                conn.execute(insert(schema.schema_version).values(version=0))
            for step_version, step in STEPS:
                if step_version > version:
                    step(conn)
                    conn.execute(update(schema.schema_version).values(version=step_version))
                    version = step_version
    return version
