"""Degraded modes: open the database, or fall back so the app keeps working and says why.

- unreadable/corrupt SQLite file → in-memory store (the file is never written, moved or deleted);
- a file that can be read but not written (read-only file or folder, or a newer app's schema) → read-only mode:
  an in-memory copy of it, so the history still shows and new records last until the app stops;
- a database URL that cannot be reached or understood → in-memory store;
- a write that fails later (file locked past the busy timeout, disk full, server gone) → the record waits in
  memory and is written with the next successful write (see `Store`).
"""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from .engine import make_engine, sqlite_path
from .migrations import NewerSchemaError, migrate
from .models import StoreStatus

log = logging.getLogger(__name__)

MESSAGES: dict[str, dict[str, str]] = {
    "corrupt": {
        "en": "The progress file {where} is damaged and cannot be read. It has been left untouched; your answers "
              "are kept only until the app stops.",
        "zh": "进度文件 {where} 已损坏，无法读取。该文件未被改动；你的作答只保存到应用关闭为止。",
    },
    "unreadable": {
        "en": "The progress file {where} cannot be opened. Your answers are kept only until the app stops.",
        "zh": "无法打开进度文件 {where}。你的作答只保存到应用关闭为止。",
    },
    "read-only": {
        "en": "The progress file {where} can be read but not written: your history is shown, but new answers are "
              "kept only until the app stops.",
        "zh": "进度文件 {where} 只能读取、不能写入：可以查看历史记录，但新的作答只保存到应用关闭为止。",
    },
    "newer": {
        "en": "The progress file {where} was written by a newer version of DL Math Lab, so it is opened read-only: "
              "new answers are kept only until the app stops.",
        "zh": "进度文件 {where} 由更新版本的 DL Math Lab 写入，因此以只读方式打开：新的作答只保存到应用关闭为止。",
    },
    "unreachable": {
        "en": "The progress database {where} cannot be reached. Your answers are kept only until the app stops.",
        "zh": "无法连接进度数据库 {where}。你的作答只保存到应用关闭为止。",
    },
    "bad-url": {
        "en": "The database address in DLMATH_DB_URL is not valid. Your answers are kept only until the app stops.",
        "zh": "DLMATH_DB_URL 中的数据库地址无效。你的作答只保存到应用关闭为止。",
    },
    "locked": {
        "en": "The progress file is busy (another program is using it). {count} answer(s) are kept in memory and "
              "will be saved as soon as it is free.",
        "zh": "进度文件正被其他程序占用。{count} 条作答暂存在内存中，文件空闲后会立即保存。",
    },
    "disk-full": {
        "en": "The disk is full, so progress cannot be saved. {count} answer(s) are kept in memory and will be "
              "saved once there is space.",
        "zh": "磁盘已满，无法保存进度。{count} 条作答暂存在内存中，有空间后会立即保存。",
    },
    "write-failed": {
        "en": "Progress could not be saved just now. {count} answer(s) are kept in memory and will be saved on "
              "the next try.",
        "zh": "刚才无法保存进度。{count} 条作答暂存在内存中，下次会再尝试保存。",
    },
}


def message(kind: str, **values: object) -> dict[str, str]:
    """The message of `kind` in both languages, with `{where}`/`{count}` filled in."""
    return {lang: text.format(**values) for lang, text in MESSAGES[kind].items()}


def write_failure_kind(error: BaseException) -> str:
    """Which message a failed write gets: "locked", "disk-full", "read-only", "unreachable" or "write-failed"."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "locked"
    if "full" in text or "no space" in text:
        return "disk-full"
    if "readonly" in text or "read-only" in text:
        return "read-only"
    if "connect" in text or "server closed" in text or "terminating connection" in text:
        return "unreachable"
    return "write-failed"


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


def _read_only_or_memory(path: Path, kind: str, where: str) -> tuple[Engine, StoreStatus]:
    try:
        return snapshot_engine(path), StoreStatus("read-only", message(kind, where=where))
    except (sqlite3.Error, SQLAlchemyError, OSError) as error:
        log.warning("cannot read %s: %s", path, error)
        corrupt = isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error)
        return memory_engine(), StoreStatus("memory", message("corrupt" if corrupt else "unreadable", where=where))


def _is_corrupt(error: BaseException) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def open_database(url: str) -> tuple[Engine, StoreStatus]:
    """Open and migrate the database at `url`, or the best fallback with a message. Never raises."""
    try:
        parsed = make_url(url)
        engine = make_engine(url)
    except Exception as error:               # any malformed URL or missing driver  # noqa: BLE001
        log.warning("bad database URL: %s", error)
        return memory_engine(), StoreStatus("memory", message("bad-url"))
    path = sqlite_path(url)
    where = str(path) if path else parsed.render_as_string(hide_password=True)
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        migrate(engine)
        return engine, StoreStatus("ok")
    except NewerSchemaError:
        engine.dispose()
        if path is not None:
            return _read_only_or_memory(path, "newer", where)
        return memory_engine(), StoreStatus("memory", message("newer", where=where))
    except (SQLAlchemyError, OSError) as error:
        engine.dispose()
        log.warning("cannot open %s: %s", where, error)
        if path is None:
            return memory_engine(), StoreStatus("memory", message("unreachable", where=where))
        if _is_corrupt(error):
            return memory_engine(), StoreStatus("memory", message("corrupt", where=where))
        if path.is_file():
            return _read_only_or_memory(path, "read-only", where)
        return memory_engine(), StoreStatus("memory", message("unreadable", where=where))
