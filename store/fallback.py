"""Degraded modes: open the database, or fall back so the app keeps working and says why.

- unreadable SQLite file, or one a time-bounded `PRAGMA quick_check` finds damaged → in-memory store (the file
  is never written, moved or deleted);
- a file that can be read but not written (read-only file or folder, or a newer app's schema) → read-only mode:
  an in-memory copy of it, so the history still shows;
- a database URL that cannot be reached or understood → in-memory store (a server is tried again, see `Store`);
- a write that fails later (file locked past the busy timeout, disk full, server gone) → the record waits in
  the local spool and is retried by the writer (see `store.writer`, `store.spool`).

Without a writable database, new records are kept in the local spool (`store.spool`, or in memory when that
cannot be written) and written when the database works again or replayed on a later start.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from .engine import make_engine, sqlite_path
from .migrations import NewerSchemaError, migrate
from .integrity import quick_check
from .models import StoreMode

log = logging.getLogger(__name__)

PROBLEMS: dict[str, dict[str, str]] = {       # why the database is not written (at open, or by a failed write)
    "corrupt": {
        "en": "The progress file {where} is damaged and cannot be read; it has been left untouched.",
        "zh": "进度文件 {where} 已损坏，无法读取；该文件未被改动。",
    },
    "unreadable": {
        "en": "The progress file {where} cannot be opened.",
        "zh": "无法打开进度文件 {where}。",
    },
    "read-only": {
        "en": "The progress file {where} can be read but not written: your history is shown.",
        "zh": "进度文件 {where} 只能读取、不能写入：可以查看历史记录。",
    },
    "newer": {
        "en": "The progress file {where} was written by a newer version of DL Math Lab, so it is opened read-only.",
        "zh": "进度文件 {where} 由更新版本的 DL Math Lab 写入，因此以只读方式打开。",
    },
    "unreachable": {
        "en": "The progress database {where} cannot be reached.",
        "zh": "无法连接进度数据库 {where}。",
    },
    "bad-url": {
        "en": "The database address in DLMATH_DB_URL is not valid.",
        "zh": "DLMATH_DB_URL 中的数据库地址无效。",
    },
    "write-locked": {
        "en": "The progress file is busy (another program is using it).",
        "zh": "进度文件正被其他程序占用。",
    },
    "write-disk-full": {
        "en": "The disk is full, so progress cannot be saved.",
        "zh": "磁盘已满，无法保存进度。",
    },
    "write-read-only": {
        "en": "The progress file cannot be written just now.",
        "zh": "进度文件暂时无法写入。",
    },
    "write-unreachable": {
        "en": "The progress database cannot be reached just now.",
        "zh": "暂时无法连接进度数据库。",
    },
    "write-corrupt": {
        "en": "The progress file is damaged.",
        "zh": "进度文件已损坏。",
    },
    "write-failed": {
        "en": "Progress could not be saved just now.",
        "zh": "刚才无法保存进度。",
    },
}
FATES: dict[str, dict[str, str]] = {          # what happens to the answers meanwhile
    "kept-spool": {
        "en": "New answers are kept safely in a file on this computer and are added to the progress database "
              "automatically once it works again.",
        "zh": "新的作答会安全地保存在本机的一个文件中，进度数据库恢复正常后会自动写入。",
    },
    "kept-memory": {
        "en": "New answers are kept only until the app stops.",
        "zh": "新的作答只保存到应用关闭为止。",
    },
    "waiting-spool": {
        "en": "{count} answer(s) are waiting in a file on this computer (kept even if the app restarts) and are "
              "saved automatically as soon as the database accepts them.",
        "zh": "{count} 条作答暂存在本机的一个文件中（应用重启也不会丢失），数据库恢复后会自动保存。",
    },
    "waiting-memory": {
        "en": "{count} answer(s) are waiting in memory and are saved automatically as soon as the database accepts "
              "them; they would be lost if the app stopped before that.",
        "zh": "{count} 条作答暂存在内存中，数据库恢复后会自动保存；若应用在此之前关闭，这些作答会丢失。",
    },
    "set-aside": {
        "en": "{count} answer(s) could not be stored in the progress database as typed and were set aside for the "
              "instructor; all other answers are saved normally.",
        "zh": "{count} 条作答因内容无法写入进度数据库，已单独留存供教师查看；其他作答均正常保存。",
    },
}


def message(*kinds: str, **values: object) -> dict[str, str]:
    """The sentences of `kinds` (keys of `PROBLEMS` / `FATES`) in both languages, with `{where}`/`{count}` filled
    in."""
    texts = [PROBLEMS.get(kind) or FATES[kind] for kind in kinds]
    return {lang: " ".join(text[lang] for text in texts).format(**values) for lang in ("en", "zh")}


def write_failure_kind(error: BaseException) -> str:
    """Which problem a failed write reports: "write-locked", "write-disk-full", "write-read-only",
    "write-unreachable", "write-corrupt" or "write-failed"."""
    text = str(error).lower()
    if _is_corrupt(error):
        return "write-corrupt"
    if "locked" in text or "busy" in text:
        return "write-locked"
    if "full" in text or "no space" in text:
        return "write-disk-full"
    if "readonly" in text or "read-only" in text:
        return "write-read-only"
    if "connect" in text or "server closed" in text or "terminating connection" in text:
        return "write-unreachable"
    return "write-failed"


@dataclass(frozen=True)
class Opened:
    """An opened database: its engine, whether it can be written, and why not (`problem`, a `PROBLEMS` key)."""

    engine: Engine
    mode: StoreMode = "ok"
    problem: str | None = None
    where: str = ""

    @property
    def writable(self) -> bool:
        return self.problem is None


def memory_engine() -> Engine:
    """A fresh, migrated in-memory database (one connection shared by all threads)."""
    engine = make_engine("sqlite://")
    migrate(engine)
    return engine


def snapshot_engine(path: Path) -> Engine:
    """An in-memory copy of the SQLite file at `path`, opened read-only (the file is never written)."""
    engine = make_engine("sqlite://")
    uri = path.resolve().as_uri()
    last_error: Exception | None = None
    for query in ("?mode=ro", "?immutable=1"):
        try:
            source = sqlite3.connect(uri + query, uri=True)
            try:
                with engine.connect() as conn:
                    source.backup(conn.connection.driver_connection)
            finally:
                source.close()
            break
        except sqlite3.Error as error:
            last_error = error
    else:
        raise last_error or sqlite3.OperationalError("cannot read")
    try:
        migrate(engine)
    except NewerSchemaError:
        pass                                  # a newer schema: read what we can, as it is
    return engine


def _read_only_or_memory(path: Path, kind: str, where: str) -> Opened:
    try:
        return Opened(snapshot_engine(path), "read-only", kind, where)
    except (sqlite3.Error, SQLAlchemyError, OSError) as error:
        log.warning("cannot read %s: %s", path, error)
        return Opened(memory_engine(), "memory", "corrupt" if _is_corrupt(error) else "unreadable", where)


def _is_corrupt(error: BaseException) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def open_database(url: str, *, quiet: bool = False) -> Opened:
    """Open and migrate the database at `url`, or the best fallback with the problem. Never raises.

    An existing SQLite file first gets a time-bounded `PRAGMA quick_check` (see `store.integrity`); a damaged one
    is never written. `quiet`: log a failure to connect at debug level (for repeated tries)."""
    try:
        parsed = make_url(url)
        engine = make_engine(url)
    except Exception as error:               # any malformed URL or missing driver  # noqa: BLE001
        log.warning("bad database URL: %s", error)
        return Opened(memory_engine(), "memory", "bad-url")
    path = sqlite_path(url)
    where = str(path) if path else parsed.render_as_string(hide_password=True)
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            problems = quick_check(path)
            if problems:
                log.error("the progress file %s is damaged: %s", path, "; ".join(problems[:5]))
                engine.dispose()
                return Opened(memory_engine(), "memory", "corrupt", where)
        migrate(engine)
        return Opened(engine)
    except NewerSchemaError:
        engine.dispose()
        if path is not None:
            return _read_only_or_memory(path, "newer", where)
        return Opened(memory_engine(), "memory", "newer", where)
    except (SQLAlchemyError, OSError) as error:
        engine.dispose()
        (log.debug if quiet else log.warning)("cannot open %s: %s", where, error)
        if path is None:
            return Opened(memory_engine(), "memory", "unreachable", where)
        if _is_corrupt(error):
            return Opened(memory_engine(), "memory", "corrupt", where)
        if path.is_file():
            return _read_only_or_memory(path, "read-only", where)
        return Opened(memory_engine(), "memory", "unreadable", where)
