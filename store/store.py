"""The progress store: profiles, attempts, quiz sessions, and what is computed from them.

Writes go through the background writer (`store.writer`): every record is cleaned and capped first
(`store.clean`), then committed in a batch with whatever else is queued (group commit). A write returns once
its record's fate is known: saved (an attempt gets its id), waiting (the database could not take it: it is in
the local spool and retried), kept (no writable database: it is in the spool until a later start) or set aside
(the database refused this record itself). Reads add every record not (yet) in the database, so a learner always
sees their own answers; `status` says when something is not saved as usual.
"""
from __future__ import annotations

import atexit
import contextlib
import itertools
import json
import logging
import threading
import weakref
from dataclasses import asdict, replace
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from . import schema
from .clean import MAX_ID_CHARS, MAX_NAME_CHARS, clean_attempt, clean_id
from .engine import BUSY_TIMEOUT_MS
from .export import rows_to_csv, set_aside_to_csv
from .fallback import Opened, message, open_database, write_failure_kind
from .integrity import full_check
from .mastery import mastery_over_time, topic_mastery
from .models import Attempt, AttemptRow, IntegrityReport, SetAsideRow, StoreStatus, WeakSpot
from .recent import RecentCache
from .records import (ATTEMPT_FIELDS, AttemptRecord, ProfileRecord, QuizRecord, Record, from_json, now, to_json,
                      utc)
from .spool import Spool
from .weak_spots import find_weak_spots
from .writer import SET_ASIDE_FILE, Writer

log = logging.getLogger(__name__)
MAX_PROFILE_NAME = 40
ACK_WAIT_S = BUSY_TIMEOUT_MS / 1000 + 5.0      # a write waits at most this long for its record's fate
SET_ASIDE_NOTICE_S = 600.0                     # how long the banner mentions records set aside
RECONNECT_S = 15.0                             # how often an unreachable database is tried again
_open_stores: weakref.WeakSet[Store] = weakref.WeakSet()


def normalise_profile_name(name: str) -> str:
    """The profile name stripped of surrounding space; ValueError if empty, too long or with control characters."""
    cleaned = " ".join(str(name).split())
    if not cleaned or len(cleaned) > MAX_PROFILE_NAME or any(not ch.isprintable() for ch in cleaned):
        raise ValueError(name)
    return cleaned


class Store:
    """Progress of all profiles in one database (see `store.open_store` / `store.get_store`)."""

    def __init__(self, opened: Opened, spool: Spool | None = None, url: str | None = None) -> None:
        self._opened = opened
        self._engine = opened.engine
        self._engine_lock = _lock_for(self._engine)
        self._writer = Writer(self._engine, self._engine_lock, spool, opened.writable)
        self._closed = threading.Event()
        self._read_failure: str | None = None
        self._set_aside_at = 0.0
        self._temporary_ids = itertools.count(-1, -1)
        self._recent_cache = RecentCache()
        self._replay_spool()
        _open_stores.add(self)
        if url is not None and opened.problem == "unreachable":
            threading.Thread(target=self._reconnect, args=(url,), name="store-reconnect", daemon=True).start()

    # ---- status -------------------------------------------------------------------------------------------
    @property
    def status(self) -> StoreStatus:
        """How the store is doing (see `StoreStatus`)."""
        writer, opened = self._writer, self._opened
        pending, set_aside = writer.waiting(), writer.set_aside
        spooled = writer.spool is not None and not writer.memory_only
        parts = []
        if not writer.writes_database:
            parts.append(message(opened.problem or "corrupt", "kept-spool" if spooled else "kept-memory",
                                 where=opened.where))
        elif pending and (writer.failure or self._read_failure):
            parts.append(message(writer.failure or self._read_failure or "write-failed",
                                 "waiting-spool" if spooled else "waiting-memory", count=pending))
        if set_aside and now().timestamp() - self._set_aside_at < SET_ASIDE_NOTICE_S:
            parts.append(message("set-aside", count=set_aside))
        text = {lang: " ".join(part[lang] for part in parts) for lang in ("en", "zh")} if parts else None
        return StoreStatus(opened.mode, text, pending, set_aside)

    @property
    def engine(self) -> Engine:
        """The database engine (class-mode accounts and instructors' files live in the same database:
        `store.accounts`, `store.files`)."""
        return self._engine

    @property
    def dialect(self) -> str:
        """The database kind in use: "sqlite" or "postgresql"."""
        return self._engine.dialect.name

    # ---- writing ------------------------------------------------------------------------------------------
    def _write(self, record: Record):
        """Submit `record` and wait (at most `ACK_WAIT_S`) for its fate; the ticket."""
        ticket = self._writer.submit(record)
        ticket.done.wait(ACK_WAIT_S)
        if ticket.fate == "set-aside":
            self._set_aside_at = now().timestamp()
        return ticket

    def create_profile(self, name: str) -> None:
        """Create a profile (no-op if it exists). ValueError for an empty, over-long or control-character name."""
        self._write(ProfileRecord(normalise_profile_name(name), now()))

    def record_attempt(self, attempt: Attempt) -> int | None:
        """Record an attempt (cleaned and capped, see `store.clean`), creating its profile if needed.

        Returns its id once it is committed to the database; None when it is not in the database (yet): waiting
        or kept in the local spool, or set aside — `status` then says which."""
        ticket = self._write(AttemptRecord.new(clean_attempt(attempt), next(self._temporary_ids)))
        return ticket.id if ticket.fate == "saved" else None

    def save_quiz(self, profile: str, quiz_key: str, state: dict) -> None:
        """Save (replace) the JSON-serialisable state of a quiz in progress; reopens a finished one."""
        self._put_quiz(profile, quiz_key, json.dumps(state), finished=False)

    def finish_quiz(self, profile: str, quiz_key: str) -> None:
        """Mark a quiz finished: it leaves `open_quizzes`, and `load_quiz` still returns its state."""
        state = self.load_quiz(profile, quiz_key)
        if state is not None:
            self._put_quiz(profile, quiz_key, json.dumps(state), finished=True)

    def _put_quiz(self, profile: str, quiz_key: str, state: str, *, finished: bool) -> None:
        self._write(QuizRecord(clean_id(profile, MAX_NAME_CHARS), clean_id(quiz_key, MAX_ID_CHARS), state,
                               finished, now()))

    def flush(self, timeout: float = ACK_WAIT_S) -> bool:
        """Wait until every queued record has been handled (written, or waiting in the spool); False on timeout."""
        return self._writer.flush(timeout)

    def _replay_spool(self) -> None:
        """Take over the journals of processes that are gone: their records go to the database (or, without one,
        stay kept); they are in this process's journal before the old files are deleted."""
        spool = self._writer.spool
        if spool is None:
            return
        data, taken = spool.take_orphans()
        records = []
        for item in data:
            try:
                record = from_json(item, next(self._temporary_ids))
            except (KeyError, TypeError, ValueError):
                log.warning("skipped an unreadable spool record: %.200s", item)
                continue
            if isinstance(record, AttemptRecord):
                record = AttemptRecord(record.uid, replace(clean_attempt(record.row), id=record.row.id))
            records.append(record)
        if not taken:
            return
        journaled = spool.append([to_json(r) for r in records])
        if journaled:
            spool.forget(taken)
        else:
            spool.release(taken)
        log.info("replaying %d record(s) kept from an earlier run", len(records))
        for record in records:
            self._writer.submit(record, journaled=journaled)

    def _reconnect(self, url: str) -> None:
        """Every `RECONNECT_S`, try the database that could not be reached; once it answers, read and write it
        (the answers kept meanwhile are written to it first)."""
        while not self._closed.wait(RECONNECT_S):
            opened = open_database(url, quiet=True)
            if opened.problem is not None:
                opened.engine.dispose()
                continue
            old = self._engine
            self._engine, self._engine_lock = opened.engine, _lock_for(opened.engine)
            self._recent_cache = RecentCache()
            self._writer.attach(self._engine, self._engine_lock)
            self._opened = opened
            old.dispose()
            log.info("the progress database can be reached again")
            return

    # ---- reading ------------------------------------------------------------------------------------------
    def _read(self, statement, default):
        """Rows of `statement`, or `default` when the database cannot be read (status then says so)."""
        try:
            with self._engine_lock, self._engine.connect() as conn, conn.begin():
                self._read_failure = None
                return conn.execute(statement).all()
        except SQLAlchemyError as error:
            log.warning("progress not readable: %s", error)
            self._read_failure = write_failure_kind(error)
            return default

    def _unsaved(self, kind: type) -> list:
        return [r for r in self._writer.unsaved() if isinstance(r, kind)]

    def _unsaved_attempts(self, profile: str | None = None, quiz_id: str | None = None) -> list[AttemptRecord]:
        return [r for r in self._unsaved(AttemptRecord)
                if (profile is None or r.row.profile == profile) and (quiz_id is None or r.row.quiz_id == quiz_id)]

    def profiles(self) -> list[str]:
        """All profile names, sorted."""
        unsaved = [r.profile for r in self._writer.unsaved() if isinstance(r, (ProfileRecord, AttemptRecord))]
        names = {r.name for r in self._read(select(schema.profiles.c.name), [])}
        names.update(unsaved)
        return sorted(names, key=str.casefold)

    @staticmethod
    def _row(r) -> AttemptRow:
        values = {f: getattr(r, f) for f in ATTEMPT_FIELDS}
        return AttemptRow(**values, id=r.id, at=utc(r.at))

    def _with_unsaved(self, rows, unsaved: list[AttemptRecord]) -> list[AttemptRow]:
        """Database rows (with their `uid`) and the unsaved attempts not among them (a record committed while we
        read is in both)."""
        stored = {r.uid for r in rows if r.uid}
        return [self._row(r) for r in rows] + [u.row for u in unsaved if u.uid not in stored]

    def attempts(self, profile: str, *, quiz_id: str | None = None) -> list[AttemptRow]:
        """The profile's attempts, oldest first (only those of quiz `quiz_id` if given)."""
        a = schema.attempts
        unsaved = self._unsaved_attempts(profile, quiz_id)
        where = [a.c.profile == profile] + ([a.c.quiz_id == quiz_id] if quiz_id is not None else [])
        return self._with_unsaved(self._read(select(a).where(*where).order_by(a.c.id), []), unsaved)

    def quiz_results(self, quiz_id: str) -> list[AttemptRow]:
        """Every profile's attempts in quiz `quiz_id` (for instructors), ordered by profile then time."""
        a = schema.attempts
        unsaved = self._unsaved_attempts(quiz_id=quiz_id)
        rows = self._with_unsaved(self._read(select(a).where(a.c.quiz_id == quiz_id).order_by(a.c.id), []), unsaved)
        return sorted(rows, key=lambda r: (r.profile, r.at))

    def _recent(self, profile: str) -> list:
        """The last `WINDOW` non-invalid attempts per template, oldest first: (template_id, topic, status, score,
        mistake); see `store.recent`."""
        unsaved = self._unsaved_attempts(profile)
        try:
            with self._engine_lock, self._engine.connect() as conn, conn.begin():
                rows = self._recent_cache.rows(conn, profile)
        except SQLAlchemyError as error:
            log.warning("progress not readable: %s", error)
            self._read_failure = write_failure_kind(error)
            rows = []
        stored = {row[-1] for row in rows}
        return [row[1:-1] for row in rows] + [(u.row.template_id, u.row.topic, u.row.status, u.row.score,
                                               u.row.mistake) for u in unsaved
                                              if u.row.status != "invalid" and u.uid not in stored]

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
        unsaved = self._unsaved_attempts(profile)
        if unsaved:
            return unsaved[-1].row.template_id, unsaved[-1].row.seed
        a = schema.attempts
        rows = self._read(select(a.c.template_id, a.c.seed).where(a.c.profile == profile)
                          .order_by(a.c.id.desc()).limit(1), [])
        return (rows[0].template_id, int(rows[0].seed)) if rows else None

    def _unsaved_quizzes(self, profile: str) -> dict[str, QuizRecord]:
        """The newest unsaved state of each of the profile's quizzes."""
        return {r.quiz_key: r for r in self._unsaved(QuizRecord) if r.profile == profile}

    def load_quiz(self, profile: str, quiz_key: str) -> dict | None:
        """The saved state of a quiz (open or finished), or None."""
        pending = self._unsaved_quizzes(profile).get(quiz_key)
        if pending is not None:
            return json.loads(pending.state)
        q = schema.quiz_sessions
        rows = self._read(select(q.c.state).where(q.c.profile == profile, q.c.quiz_key == quiz_key), [])
        return json.loads(rows[0].state) if rows else None

    def open_quizzes(self, profile: str) -> list[tuple[str, dict]]:
        """Unfinished quizzes of the profile, most recently saved first: (quiz_key, state)."""
        return self._quizzes(profile, finished=False)

    def finished_quizzes(self, profile: str, limit: int = 20) -> list[tuple[str, dict]]:
        """The profile's `limit` most recently finished quizzes, newest first: (quiz_key, state) — to review."""
        return self._quizzes(profile, finished=True, limit=limit)

    def _quizzes(self, profile: str, *, finished: bool, limit: int | None = None) -> list[tuple[str, dict]]:
        q = schema.quiz_sessions
        unsaved = self._unsaved_quizzes(profile)
        query = select(q).where(q.c.profile == profile, q.c.finished == int(finished)).order_by(q.c.updated_at.desc())
        found = {r.quiz_key: (utc(r.updated_at), r.state, bool(r.finished))
                 for r in self._read(query.limit(limit + len(unsaved)) if limit else query, [])}
        for key, quiz in unsaved.items():
            found[key] = (quiz.at, quiz.state, quiz.finished)
        chosen = sorted(((at, key, state) for key, (at, state, done) in found.items() if done == finished),
                        reverse=True)[:limit]
        return [(key, json.loads(state)) for _, key, state in chosen]

    def export_csv(self, profile: str) -> str:
        """The profile's whole history as CSV (columns: `store.export.COLUMNS`)."""
        return rows_to_csv(self.attempts(profile))

    # ---- for the instructor -----------------------------------------------------------------------------------
    def set_aside(self) -> list[SetAsideRow]:
        """Records the database refused for their data (kept, never retried), oldest first."""
        s = schema.set_aside
        found = [SetAsideRow(utc(r.at), r.kind, r.profile, r.reason, json.loads(r.record))
                 for r in self._read(select(s).order_by(s.c.id), [])]
        spool = self._writer.spool
        if spool is not None:
            try:
                with open(spool.folder / SET_ASIDE_FILE, encoding="ascii") as f:
                    for line in f:
                        item = json.loads(line)
                        found.append(SetAsideRow(utc(datetime.fromisoformat(item["at"])), item["kind"], item["profile"],
                                                 item["reason"], json.loads(item["record"])))
            except (OSError, ValueError, KeyError):
                pass
        return sorted(found, key=lambda r: r.at)

    def set_aside_csv(self) -> str:
        """The set-aside records as CSV (columns: `store.export.SET_ASIDE_COLUMNS`)."""
        return set_aside_to_csv(self.set_aside())

    def check_integrity(self) -> IntegrityReport:
        """A full check of the database file (`PRAGMA integrity_check`, SQLite). A damaged file is put on the
        "damaged" path: it is no longer written, new answers are kept in the spool, and `status` says so."""
        if self.dialect != "sqlite":
            return IntegrityReport(None, _REPORTS["server"])
        if self._opened.problem:                   # no database file in use: nothing more to check
            return IntegrityReport(False if self._opened.problem == "corrupt" else None,
                                   message(self._opened.problem, where=self._opened.where))
        with self._engine_lock:
            problems = full_check(self._engine)
        if problems is None:
            return IntegrityReport(None, _REPORTS["unfinished"])
        if not problems:
            return IntegrityReport(True, _REPORTS["ok"])
        log.error("the progress database is damaged: %s", "; ".join(problems[:5]))
        self._opened = Opened(self._engine, "read-only", "corrupt", self._opened.where)
        self._writer.stop_writing_database()
        return IntegrityReport(False, _REPORTS["damaged"], tuple(problems))

    def close(self) -> None:
        """Write what is queued and release the database connections (records that wait stay in the spool and
        are written by a later write, or at the next start)."""
        self._closed.set()
        self._writer.close(ACK_WAIT_S)
        if self._writer.spool is not None:
            self._writer.spool.close()
        self._engine.dispose()


def _lock_for(engine: Engine) -> contextlib.AbstractContextManager:
    """One shared connection (in-memory SQLite) cannot run two transactions at once: a lock serialises all use."""
    return threading.RLock() if isinstance(engine.pool, StaticPool) else contextlib.nullcontext()


_REPORTS: dict[str, dict[str, str]] = {
    "ok": {"en": "The progress file passed a full integrity check.", "zh": "进度文件通过了完整性检查。"},
    "damaged": {"en": "The progress file is damaged. It is no longer written; new answers are kept in a separate "
                      "file and added once the progress file is repaired or replaced (see docs/deployment.md).",
                "zh": "进度文件已损坏，已停止写入；新的作答另存在一个文件中，待进度文件修复或替换后自动写入"
                      "（见 docs/deployment.md）。"},
    "unfinished": {"en": "The integrity check could not finish (the file is busy or very large); try again later.",
                   "zh": "完整性检查未能完成（文件正忙或过大），请稍后再试。"},
    "server": {"en": "The progress database is a database server, which checks its own data; nothing to do here.",
               "zh": "进度数据库是数据库服务器，由其自行检查数据，这里无需操作。"},
}


def attempt_as_dict(row: AttemptRow) -> dict:
    """A plain dict of an attempt row (for tables and JSON)."""
    return asdict(row)


@atexit.register
def _flush_on_exit() -> None:
    """Write what is queued when the app stops; what cannot be written stays in the spool for the next start."""
    for store in list(_open_stores):
        try:
            store.close()
        except Exception:                      # never block the exit  # noqa: BLE001
            log.exception("flushing the progress store at exit failed")
