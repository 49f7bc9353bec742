"""The progress store: profiles, attempts, quiz sessions, and what is computed from them.

Every write is one transaction. A write the database refuses (locked past the busy timeout, disk full, server
gone) is not lost: it waits in memory, is included in every read, and is written first by the next write that
succeeds; `status` says so meanwhile.
"""
from __future__ import annotations

import contextlib
import json
import logging
import threading
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone

from sqlalchemy import Engine, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from . import schema
from .export import rows_to_csv
from .fallback import message, write_failure_kind
from .mastery import mastery_over_time, topic_mastery
from .models import Attempt, AttemptRow, StoreStatus, WeakSpot
from .recent import RecentCache
from .weak_spots import find_weak_spots

log = logging.getLogger(__name__)
MAX_PROFILE_NAME = 40
_ATTEMPT_FIELDS = tuple(f for f in Attempt.__dataclass_fields__)


def normalise_profile_name(name: str) -> str:
    """The profile name stripped of surrounding space; ValueError if empty, too long or with control characters."""
    cleaned = " ".join(str(name).split())
    if not cleaned or len(cleaned) > MAX_PROFILE_NAME or any(not ch.isprintable() for ch in cleaned):
        raise ValueError(name)
    return cleaned


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class _PendingQuiz:
    state: str
    finished: bool
    at: datetime


class Store:
    """Progress of all profiles in one database (see `store.open_store` / `store.get_store`)."""

    def __init__(self, engine: Engine, status: StoreStatus) -> None:
        self._engine = engine
        self._base_status = status
        self._write_lock = threading.RLock()
        # one shared connection (in-memory SQLite) cannot run two transactions at once: serialise reads too
        shared = isinstance(engine.pool, StaticPool)
        self._read_lock = self._write_lock if shared else contextlib.nullcontext()
        self._pending_profiles: list[tuple[str, datetime]] = []
        self._pending_attempts: list[AttemptRow] = []
        self._pending_quizzes: dict[tuple[str, str], _PendingQuiz] = {}
        self._failure: str | None = None
        self._next_pending_id = -1
        self._recent_cache = RecentCache()

    # ---- status -------------------------------------------------------------------------------------------
    @property
    def status(self) -> StoreStatus:
        """How the store is doing (see `StoreStatus`)."""
        pending = len(self._pending_attempts) + len(self._pending_quizzes) + len(self._pending_profiles)
        if self._failure and pending:
            return StoreStatus(self._base_status.mode, message(self._failure, count=pending, where=""), pending)
        return self._base_status

    @property
    def engine(self) -> Engine:
        """The database engine (class-mode accounts live in the same database: `store.accounts`)."""
        return self._engine

    @property
    def dialect(self) -> str:
        """The database kind in use: "sqlite" or "postgresql"."""
        return self._engine.dialect.name

    # ---- writing ------------------------------------------------------------------------------------------
    def _insert_ignore(self, table, **values):
        maker = pg_insert if self.dialect == "postgresql" else sqlite_insert
        return maker(table).values(**values).on_conflict_do_nothing()

    def _upsert_quiz(self, profile: str, quiz_key: str, quiz: _PendingQuiz):
        maker = pg_insert if self.dialect == "postgresql" else sqlite_insert
        values = {"state": quiz.state, "finished": int(quiz.finished), "updated_at": quiz.at}
        return maker(schema.quiz_sessions).values(profile=profile, quiz_key=quiz_key, **values).on_conflict_do_update(
            index_elements=["profile", "quiz_key"], set_=values)

    def _flush(self) -> int | None:
        """Write everything pending in one transaction; the id of the last attempt written, or None if it failed.
        Call with the write lock held."""
        profiles = list(self._pending_profiles)
        attempts = list(self._pending_attempts)
        quizzes = dict(self._pending_quizzes)
        last_id = None
        try:
            with self._engine.connect() as conn:
                conn.execution_options(write=True)
                with conn.begin():
                    for name, at in profiles:
                        conn.execute(self._insert_ignore(schema.profiles, name=name, created_at=at))
                    for row in attempts:
                        conn.execute(self._insert_ignore(schema.profiles, name=row.profile, created_at=row.at))
                        values = {f: getattr(row, f) for f in _ATTEMPT_FIELDS}
                        result = conn.execute(insert(schema.attempts).values(**values, at=row.at))
                        last_id = result.inserted_primary_key[0]
                    for (profile, key), quiz in quizzes.items():
                        conn.execute(self._upsert_quiz(profile, key, quiz))
        except SQLAlchemyError as error:
            log.warning("progress not saved: %s", error)
            self._failure = write_failure_kind(error)
            return None
        del self._pending_profiles[:len(profiles)]
        del self._pending_attempts[:len(attempts)]
        for key, quiz in quizzes.items():
            if self._pending_quizzes.get(key) is quiz:
                del self._pending_quizzes[key]
        self._failure = None
        return last_id

    def create_profile(self, name: str) -> None:
        """Create a profile (no-op if it exists). ValueError for an empty, over-long or control-character name."""
        name = normalise_profile_name(name)
        with self._write_lock:
            self._pending_profiles.append((name, _now()))
            self._flush()

    def record_attempt(self, attempt: Attempt) -> int | None:
        """Record an attempt (creating its profile if needed); its id, or None when it is kept in memory."""
        row = AttemptRow(**{f: getattr(attempt, f) for f in _ATTEMPT_FIELDS}, at=_now())
        row = replace(row, seed=int(row.seed), score=float(row.score), hints_used=int(row.hints_used),
                      mistake=row.mistake or None)
        with self._write_lock:
            row = replace(row, id=self._next_pending_id)
            self._next_pending_id -= 1
            self._pending_attempts.append(row)
            return self._flush()

    def save_quiz(self, profile: str, quiz_key: str, state: dict) -> None:
        """Save (replace) the JSON-serialisable state of a quiz in progress; reopens a finished one."""
        self._put_quiz(profile, quiz_key, json.dumps(state), finished=False)

    def finish_quiz(self, profile: str, quiz_key: str) -> None:
        """Mark a quiz finished: it leaves `open_quizzes`, and `load_quiz` still returns its state."""
        state = self.load_quiz(profile, quiz_key)
        if state is not None:
            self._put_quiz(profile, quiz_key, json.dumps(state), finished=True)

    def _put_quiz(self, profile: str, quiz_key: str, state: str, *, finished: bool) -> None:
        with self._write_lock:
            self._pending_quizzes[(profile, quiz_key)] = _PendingQuiz(state, finished, _now())
            self._flush()

    # ---- reading ------------------------------------------------------------------------------------------
    def _read(self, statement, default):
        """Rows of `statement`, or `default` when the database cannot be read (status then says so)."""
        try:
            with self._read_lock, self._engine.connect() as conn, conn.begin():
                return conn.execute(statement).all()
        except SQLAlchemyError as error:
            log.warning("progress not readable: %s", error)
            self._failure = self._failure or write_failure_kind(error)
            return default

    def profiles(self) -> list[str]:
        """All profile names, sorted."""
        names = {r.name for r in self._read(select(schema.profiles.c.name), [])}
        names.update(name for name, _ in self._pending_profiles)
        names.update(row.profile for row in self._pending_attempts)
        return sorted(names, key=str.casefold)

    @staticmethod
    def _row(r) -> AttemptRow:
        values = {f: getattr(r, f) for f in _ATTEMPT_FIELDS}
        return AttemptRow(**values, id=r.id, at=_utc(r.at))

    def _pending(self, profile: str | None = None, quiz_id: str | None = None) -> list[AttemptRow]:
        return [row for row in list(self._pending_attempts)
                if (profile is None or row.profile == profile) and (quiz_id is None or row.quiz_id == quiz_id)]

    def attempts(self, profile: str, *, quiz_id: str | None = None) -> list[AttemptRow]:
        """The profile's attempts, oldest first (only those of quiz `quiz_id` if given)."""
        a = schema.attempts
        where = [a.c.profile == profile] + ([a.c.quiz_id == quiz_id] if quiz_id is not None else [])
        rows = self._read(select(a).where(*where).order_by(a.c.id), [])
        return [self._row(r) for r in rows] + self._pending(profile, quiz_id)

    def quiz_results(self, quiz_id: str) -> list[AttemptRow]:
        """Every profile's attempts in quiz `quiz_id` (for instructors), ordered by profile then time."""
        a = schema.attempts
        rows = [self._row(r) for r in self._read(select(a).where(a.c.quiz_id == quiz_id).order_by(a.c.id), [])]
        rows += self._pending(quiz_id=quiz_id)
        return sorted(rows, key=lambda r: (r.profile, r.at))

    def _recent(self, profile: str) -> list:
        """The last `WINDOW` non-invalid attempts per template, oldest first: (template_id, topic, status, score,
        mistake); see `store.recent`."""
        try:
            with self._read_lock, self._engine.connect() as conn, conn.begin():
                rows = [row[1:] for row in self._recent_cache.rows(conn, profile)]
        except SQLAlchemyError as error:
            log.warning("progress not readable: %s", error)
            self._failure = self._failure or write_failure_kind(error)
            rows = []
        return rows + [(r.template_id, r.topic, r.status, r.score, r.mistake)
                       for r in self._pending(profile) if r.status != "invalid"]

    def mastery(self, profile: str) -> dict[str, float]:
        """Mastery 0..1 per topic tried (see `store.mastery`); topics never tried are absent."""
        return topic_mastery((t, topic, score) for t, topic, _, score, _ in self._recent(profile))

    def weak_spots(self, profile: str, limit: int = 5) -> list[WeakSpot]:
        """Templates worth practising, most useful first, each with its reason (see `store.weak_spots`)."""
        return find_weak_spots(self._recent(profile), limit)

    def mastery_history(self, profile: str) -> list[dict]:
        """Mastery per topic after each day of practice: `[{"day", "topic", "mastery"}]` (for charts)."""
        rows = [r for r in self.attempts(profile) if r.status != "invalid"]
        return mastery_over_time((r.at, r.template_id, r.topic, r.score) for r in rows)

    def last_exercise(self, profile: str) -> tuple[str, int] | None:
        """(template_id, seed) of the profile's latest attempt, to continue where they left off."""
        pending = self._pending(profile)
        if pending:
            return pending[-1].template_id, pending[-1].seed
        a = schema.attempts
        rows = self._read(select(a.c.template_id, a.c.seed).where(a.c.profile == profile)
                          .order_by(a.c.id.desc()).limit(1), [])
        return (rows[0].template_id, int(rows[0].seed)) if rows else None

    def load_quiz(self, profile: str, quiz_key: str) -> dict | None:
        """The saved state of a quiz (open or finished), or None."""
        pending = self._pending_quizzes.get((profile, quiz_key))
        if pending is not None:
            return json.loads(pending.state)
        q = schema.quiz_sessions
        rows = self._read(select(q.c.state).where(q.c.profile == profile, q.c.quiz_key == quiz_key), [])
        return json.loads(rows[0].state) if rows else None

    def open_quizzes(self, profile: str) -> list[tuple[str, dict]]:
        """Unfinished quizzes of the profile, most recently saved first: (quiz_key, state)."""
        q = schema.quiz_sessions
        found = {r.quiz_key: (_utc(r.updated_at), r.state, bool(r.finished))
                 for r in self._read(select(q).where(q.c.profile == profile), [])}
        for (owner, key), quiz in list(self._pending_quizzes.items()):
            if owner == profile:
                found[key] = (quiz.at, quiz.state, quiz.finished)
        open_ = sorted(((at, key, state) for key, (at, state, done) in found.items() if not done), reverse=True)
        return [(key, json.loads(state)) for _, key, state in open_]

    def export_csv(self, profile: str) -> str:
        """The profile's whole history as CSV (columns: `store.export.COLUMNS`)."""
        return rows_to_csv(self.attempts(profile))

    def close(self) -> None:
        """Release the database connections (pending records are kept and flushed by a later write)."""
        self._engine.dispose()


def attempt_as_dict(row: AttemptRow) -> dict:
    """A plain dict of an attempt row (for tables and JSON)."""
    return asdict(row)
