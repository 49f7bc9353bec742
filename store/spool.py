"""The local journal of records that are not (yet) in the database, so they survive a restart.

Each process appends to its own file (`<pid>-<token>.jsonl` in the spool folder), locked while the process lives.
A record is one line of ASCII JSON, written and synced before anyone is told it is kept. When the database has
taken everything, the file is emptied. On start, the files of processes that are gone (their lock is free) are
taken over: their records are written to the database or adopted into this process's own file, then the old
files are deleted. Replaying a record twice is harmless (attempts carry an idempotency key, quiz states a time,
profiles are created only if missing).

Where: beside a SQLite file (`progress.sqlite3.waiting/`), else `$DLMATH_HOME/waiting/<server-and-database>/`.
"""
from __future__ import annotations

import json
import logging
import os
import re
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

from dlmath_home import home_dir

from .engine import sqlite_path

log = logging.getLogger(__name__)
SUFFIX = ".jsonl"

try:                                            # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
except ImportError:                             # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False


def spool_folder(url: str) -> Path | None:
    """The spool folder of a database URL; None for in-memory SQLite (nothing there is meant to last)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        return None if path is None else path.with_name(path.name + ".waiting")
    where = f"{parsed.get_backend_name()}-{parsed.host or 'local'}-{parsed.port or ''}-{parsed.database or ''}"
    return home_dir() / "waiting" / re.sub(r"[^\w.-]+", "_", where)


class Spool:
    """This process's journal in `folder` (created on first use)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None
        self._path: Path | None = None

    @classmethod
    def for_url(cls, url: str) -> Spool | None:
        """A spool for `url` if its folder exists and is writable or can be created (it is created on first use);
        else None (records that cannot go to the database then live in memory)."""
        folder = spool_folder(url)
        if folder is None:
            return None
        existing = folder
        while not existing.exists() and existing.parent != existing:
            existing = existing.parent
        if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
            log.warning("no spool for unsaved answers in %s (not writable)", folder)
            return None
        return cls(folder)

    def _open(self) -> int:
        if self._fd is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{os.getpid()}-{secrets.token_hex(6)}{SUFFIX}"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            _try_lock(fd)
            self._fd, self._path = fd, path
        return self._fd

    def append(self, records: list[dict]) -> bool:
        """Write `records` and sync them to disk; False when that failed (the caller keeps them in memory)."""
        if not records:
            return True
        data = "".join(json.dumps(r, ensure_ascii=True, separators=(",", ":")) + "\n" for r in records).encode()
        try:
            fd = self._open()
            os.write(fd, data)
            os.fsync(fd)
            return True
        except OSError as error:
            log.error("cannot write %d unsaved record(s) to %s: %s", len(records), self.folder, error)
            return False

    def clear(self) -> None:
        """Empty this process's file: the database holds everything it had."""
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
            except OSError as error:
                log.warning("cannot empty %s: %s", self._path, error)

    def close(self) -> None:
        """Close this process's file, deleting it when empty."""
        if self._fd is None:
            return
        try:
            if os.fstat(self._fd).st_size == 0 and self._path is not None:
                self._path.unlink(missing_ok=True)
        except OSError:
            pass
        os.close(self._fd)
        self._fd = self._path = None

    def take_orphans(self) -> tuple[list[dict], list[tuple[Path, int]]]:
        """Records of journals whose process is gone, oldest file first, and those files (locked by us now; pass
        them to `forget` once their records are safe elsewhere)."""
        records: list[dict] = []
        taken: list[tuple[Path, int]] = []
        try:
            found = self.folder.glob(f"*{SUFFIX}") if self.folder.is_dir() else []
            paths = sorted(found, key=lambda p: p.stat().st_mtime)
        except OSError:
            return [], []
        for path in paths:
            if path == self._path:
                continue
            try:
                fd = os.open(path, os.O_RDWR)
            except OSError:
                continue
            if not _try_lock(fd):
                os.close(fd)                             # its process is alive
                continue
            taken.append((path, fd))
            with open(path, encoding="ascii", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError:         # a line cut short by a crash: nothing acknowledged
                        log.warning("skipped unreadable line %d of %s", number, path)
        return records, taken

    @staticmethod
    def release(taken: list[tuple[Path, int]]) -> None:
        """Let go of taken-over journals without deleting them (their records could not be adopted)."""
        for _, fd in taken:
            os.close(fd)

    @staticmethod
    def forget(taken: list[tuple[Path, int]]) -> None:
        """Delete taken-over journals (their records are in the database or in this process's journal)."""
        for path, fd in taken:
            try:
                path.unlink(missing_ok=True)
            finally:
                os.close(fd)
