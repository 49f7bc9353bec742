"""The background writer: one thread per store writes records in batches, off the Streamlit script threads.

Group commit: `submit` queues a record and returns a `Ticket`; the writer takes everything queued (plus whatever
waits from an earlier failure, first) and writes it in one transaction, then wakes the callers. A caller that
waits on its ticket knows the record's fate:

- "saved": committed (the attempt's new id is on the ticket);
- "waiting": the database could not take it just now (locked, disk full, server gone, file damaged); it is in the
  local spool (or, if that cannot be written, in memory), read back with every read, retried with backoff;
- "kept": the store has no writable database (damaged or unreadable file, unreachable server, read-only): the
  record lives in the spool (or memory) until the database is back, and is replayed on a later start;
- "set-aside": the database refused this very record for its data: after the batch fails, every record is
  written alone; a refused one goes to the `set_aside` table (or a local file) for the instructor, never retried.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import DataError, DBAPIError, DisconnectionError, IntegrityError, TimeoutError

from .batch import set_aside_values, write_batch, write_set_aside
from .fallback import write_failure_kind
from .records import AttemptRecord, Record, to_json
from .spool import Spool

log = logging.getLogger(__name__)
RETRY_FIRST_S = 0.5
RETRY_MAX_S = 30.0
SET_ASIDE_FILE = "set-aside.jsonl"


def is_data_error(error: BaseException) -> bool:
    """True when the database refused the record itself (constraint, value, encoding), not the connection,
    a lock, the disk or the file."""
    if isinstance(error, (IntegrityError, DataError)):
        return True
    return not isinstance(error, (DBAPIError, TimeoutError, DisconnectionError, OSError))


@dataclass
class Ticket:
    """A submitted record; `done` is set once its fate ("saved", "waiting", "kept", "set-aside") is known."""

    seq: int
    record: Record
    done: threading.Event = field(default_factory=threading.Event)
    fate: str = "queued"
    id: int | None = None
    journaled: bool = False                       # in this process's spool already


class Writer:
    """Writes submitted records to `engine` from one background thread (see the module docstring)."""

    def __init__(self, engine: Engine, engine_lock: contextlib.AbstractContextManager, spool: Spool | None,
                 to_database: bool) -> None:
        self._engine = engine
        self._engine_lock = engine_lock
        self.spool = spool
        self._to_database = to_database
        self._cond = threading.Condition()
        self._queue: list[Ticket] = []
        self._pending: list[Ticket] = []           # failed for a passing reason; retried first
        self._unsaved: dict[int, Record] = {}      # queued, in flight, waiting or kept: what reads add
        self._seq = itertools.count(1)
        self._busy = False
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._retry_at = 0.0
        self._backoff = RETRY_FIRST_S
        self.failure: str | None = None           # why the last write failed ("locked", "disk-full", …)
        self.memory_only = 0                      # records that could not be written to the spool either
        self.set_aside = 0                        # records refused by the database since start

    # ---- what callers use ---------------------------------------------------------------------------------
    def submit(self, record: Record, *, journaled: bool = False) -> Ticket:
        """Queue `record` (`journaled`: already in this process's spool); the writer thread picks it up at once."""
        with self._cond:
            ticket = Ticket(next(self._seq), record, journaled=journaled)
            self._unsaved[ticket.seq] = record
            self._queue.append(ticket)
            self._start()
            self._cond.notify_all()
        return ticket

    def unsaved(self) -> list[Record]:
        """Records not (yet) in the database, oldest first."""
        with self._cond:
            return list(self._unsaved.values())

    def waiting(self) -> int:
        """How many records wait for the database (or, without one, are kept outside it)."""
        with self._cond:
            return len(self._unsaved)

    @property
    def writes_database(self) -> bool:
        """False when records are only kept in the spool (no writable database)."""
        return self._to_database

    def attach(self, engine: Engine, engine_lock: contextlib.AbstractContextManager) -> None:
        """Write to `engine` from now on (the database came back): every kept record is queued for it first."""
        with self._cond:
            self._engine, self._engine_lock = engine, engine_lock
            queued = {t.seq for t in self._queue + self._pending}
            in_spool = self.spool is not None and not self.memory_only
            kept = [Ticket(seq, record, journaled=in_spool) for seq, record in self._unsaved.items()
                    if seq not in queued]
            self._queue = kept + self._queue
            self._to_database = True
            self.memory_only = 0
            if self._queue:
                self._start()
            self._cond.notify_all()

    def stop_writing_database(self) -> None:
        """From now on keep every record in the spool (the database file was found damaged)."""
        with self._cond:
            self._to_database = False
            self._cond.notify_all()

    def flush(self, timeout: float) -> bool:
        """Wait until nothing is queued or being written (waiting records may remain); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._queue or self._busy:
                left = deadline - time.monotonic()
                if left <= 0 or self._thread is None:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float) -> None:
        """Write what is queued and stop the thread; what is not in the database is then in the spool (or memory).
        A later `submit` starts the thread again."""
        self.flush(timeout)
        with self._cond:
            self._stopping = True
            thread = self._thread
            self._cond.notify_all()
        if thread is not None:
            thread.join(timeout)
        with self._cond:
            self._stopping = False
            if thread is not None and thread.is_alive():
                return                             # still busy with a slow database: it carries on
            self._thread = None
            leftover, self._queue = self._queue, []
        if leftover:
            self._wait(leftover, None)

    # ---- the thread -----------------------------------------------------------------------------------------
    def _start(self) -> None:
        """Start the thread if it is not running (call with the lock held)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and not self._queue and not self._retry_due():
                    self._cond.wait(self._retry_wait())
                if not self._queue and (self._stopping or not self._retry_due()):
                    return
                tickets, self._queue = self._queue, []
                retry, self._pending = self._pending, []
                self._busy = True
            try:
                self._write(retry, tickets)
            except Exception as error:             # never let the thread die with records in hand  # noqa: BLE001
                log.exception("the progress writer failed")
                self._failed(error)
                with self._cond:
                    waiting = {t.seq for t in self._pending}
                self._wait([t for t in retry + tickets
                            if t.fate not in ("saved", "set-aside") and t.seq not in waiting], error)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _retry_due(self) -> bool:
        return bool(self._pending) and self._to_database and time.monotonic() >= self._retry_at

    def _retry_wait(self) -> float | None:
        if not self._pending or not self._to_database:
            return None
        return max(0.01, self._retry_at - time.monotonic())

    # ---- writing --------------------------------------------------------------------------------------------
    def _commit(self, records: list[Record]) -> dict[str, int]:
        with self._engine_lock, self._engine.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                return write_batch(conn, records)

    def _write(self, retry: list[Ticket], tickets: list[Ticket]) -> None:
        if not self._to_database:
            self._keep(retry + tickets)
            return
        batch = retry + tickets
        try:
            ids = self._commit([t.record for t in batch])
        except Exception as error:                 # noqa: BLE001 - classified below
            if not is_data_error(error):
                self._failed(error)
                self._wait(batch, error)
                return
            log.warning("a batch of %d record(s) was refused (%s); writing them one by one", len(batch), error)
            self._one_by_one(batch)
            return
        self._saved(batch, ids)
        self._recovered()

    def _one_by_one(self, batch: list[Ticket]) -> None:
        for index, ticket in enumerate(batch):
            try:
                ids = self._commit([ticket.record])
            except Exception as error:             # noqa: BLE001 - classified below
                if not is_data_error(error):
                    self._failed(error)
                    self._wait(batch[index:], error)
                    return
                if not self._put_aside(ticket, error):  # refused, and nowhere to set it aside: try it later
                    self._failed(error)
                    self._wait([ticket], error)
                continue
            self._saved([ticket], ids)
        self._recovered()

    def _saved(self, tickets: Iterable[Ticket], ids: dict[str, int]) -> None:
        with self._cond:
            for ticket in tickets:
                if isinstance(ticket.record, AttemptRecord):
                    ticket.id = ids.get(ticket.record.uid)
                ticket.fate = "saved"
                self._unsaved.pop(ticket.seq, None)
                ticket.done.set()

    def _recovered(self) -> None:
        """After a successful write: when nothing waits, forget the failure and empty the spool (unless records
        adopted from an earlier run are still queued: the spool is their only copy on disk)."""
        with self._cond:
            nothing_waits = not self._pending and not any(t.journaled for t in self._queue)
            if nothing_waits:
                self.failure, self._backoff, self.memory_only = None, RETRY_FIRST_S, 0
        if nothing_waits and self.spool is not None:
            self.spool.clear()

    def _failed(self, error: BaseException) -> None:
        log.warning("progress not saved: %s", error)
        with self._cond:
            self.failure = write_failure_kind(error)
            self._retry_at = time.monotonic() + self._backoff
            self._backoff = min(self._backoff * 2, RETRY_MAX_S)

    def _journal(self, tickets: list[Ticket]) -> None:
        """Put the tickets' records in the spool unless already there (else they are held in memory only)."""
        new = [t for t in tickets if not t.journaled]
        if not new:
            return
        if self.spool is not None and self.spool.append([to_json(t.record) for t in new]):
            for ticket in new:
                ticket.journaled = True
            return
        with self._cond:
            self.memory_only += len(new)

    def _wait(self, tickets: list[Ticket], error: BaseException | None) -> None:
        """Keep `tickets` for a retry (in the spool) and wake their callers."""
        self._journal(tickets)
        with self._cond:
            self._pending = self._pending + tickets
            for ticket in tickets:
                ticket.fate = "waiting"
                ticket.done.set()
            if self.failure is None:
                self.failure = "write-failed"

    def _keep(self, tickets: list[Ticket]) -> None:
        """No writable database: the records live in the spool and stay in `unsaved` (reads show them)."""
        self._journal(tickets)
        with self._cond:
            for ticket in tickets:
                ticket.fate = "kept"
                ticket.done.set()

    def _put_aside(self, ticket: Ticket, error: BaseException) -> bool:
        """Record a refused record in `set_aside` (or the spool folder's file); False if neither could be written."""
        values = set_aside_values(ticket.record, f"{type(error).__name__}: {error}".splitlines()[0])
        log.error("a record the database refuses was set aside: %s", values["record"][:2000])
        try:
            with self._engine_lock, self._engine.connect() as conn:
                conn.execution_options(write=True)
                with conn.begin():
                    write_set_aside(conn, [values])
        except Exception as failure:               # noqa: BLE001 - then the local file
            log.warning("set-aside table not written (%s); using the local file", failure)
            if not self._set_aside_locally(values):
                return False
        with self._cond:
            self.set_aside += 1
            ticket.fate = "set-aside"
            self._unsaved.pop(ticket.seq, None)
            ticket.done.set()
        return True

    def _set_aside_locally(self, values: dict) -> bool:
        if self.spool is None:
            return False
        line = json.dumps({**values, "at": values["at"].isoformat()}, ensure_ascii=True) + "\n"
        try:
            with open(self.spool.folder / SET_ASIDE_FILE, "a", encoding="ascii") as f:
                f.write(line)
            return True
        except OSError:
            return False
