"""Write a batch of records in one transaction, and set aside a record the database refuses.

Attempts go in with one multi-row `INSERT … ON CONFLICT (uid) DO NOTHING RETURNING id, uid` (a replayed record is
skipped); profiles are created if missing; a quiz state replaces the stored one only if it is not older.
"""
from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, insert
from . import schema
from .clean import MAX_NAME_CHARS, clean_id
from .engine import dialect_insert
from .records import ATTEMPT_FIELDS, AttemptRecord, ProfileRecord, QuizRecord, Record, now, to_json

_a = schema.attempts
_q = schema.quiz_sessions


def _insert(conn: Connection, table):
    return dialect_insert(conn.dialect.name, table)


def write_batch(conn: Connection, records: Sequence[Record]) -> dict[str, int]:
    """Write `records` on `conn` (inside the caller's transaction); the new id of each attempt inserted, by uid."""
    profiles: dict[str, object] = {}
    attempts: list[dict] = []
    quizzes: dict[tuple[str, str], QuizRecord] = {}
    for record in records:
        if isinstance(record, ProfileRecord):
            profiles.setdefault(record.name, record.at)
        elif isinstance(record, AttemptRecord):
            profiles.setdefault(record.row.profile, record.row.at)
            attempts.append({**{f: getattr(record.row, f) for f in ATTEMPT_FIELDS}, "at": record.row.at,
                             "uid": record.uid})
        elif isinstance(record, QuizRecord):
            quizzes[(record.profile, record.quiz_key)] = record      # the latest state of each quiz wins
    if profiles:
        conn.execute(_insert(conn, schema.profiles).on_conflict_do_nothing(),
                     [{"name": name, "created_at": at} for name, at in profiles.items()])
    ids: dict[str, int] = {}
    if attempts:
        statement = _insert(conn, _a).on_conflict_do_nothing(index_elements=["uid"]).returning(_a.c.id, _a.c.uid)
        ids = {uid: new_id for new_id, uid in conn.execute(statement, attempts)}
    for quiz in quizzes.values():
        values = {"state": quiz.state, "finished": int(quiz.finished), "updated_at": quiz.at}
        statement = _insert(conn, _q).values(profile=quiz.profile, quiz_key=quiz.quiz_key, **values)
        conn.execute(statement.on_conflict_do_update(index_elements=["profile", "quiz_key"], set_=values,
                                                     where=_q.c.updated_at <= statement.excluded.updated_at))
    return ids


def set_aside_values(record: Record, reason: str) -> dict:
    """The `set_aside` row of a refused record: ASCII JSON, so any character the database refused is escaped."""
    return {"at": now(), "kind": to_json(record)["kind"], "profile": clean_id(record.profile, MAX_NAME_CHARS),
            "reason": reason.encode("ascii", "backslashreplace").decode()[:2000].replace("\x00", ""),
            "record": json.dumps(to_json(record), ensure_ascii=True)}


def write_set_aside(conn: Connection, values: Sequence[dict]) -> None:
    """Insert set-aside rows (see `set_aside_values`)."""
    conn.execute(insert(schema.set_aside), list(values))
