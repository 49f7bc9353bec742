"""Bad conditions give a clear message in both languages, and the app keeps working."""
from __future__ import annotations

import hashlib
import socket
import sqlite3

import pytest
from sqlalchemy import event

from store import Attempt, open_store
from store.engine import make_engine
from store.migrations import LATEST


def attempt(n: int = 0, answer: str = "x") -> Attempt:
    return Attempt("ann", "sig-1", "functions", n, "", answer, "correct", 1.0)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_bilingual(status, *words: str) -> None:
    assert status.degraded and set(status.message) == {"en", "zh"}
    for word in words:
        assert word in status.message["en"]


def test_corrupt_file_is_left_untouched_and_new_answers_are_kept_in_the_spool(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"this is not a database \x00\xff" * 500)
    before = digest(path)
    store = open_store(f"sqlite:///{path}")
    assert store.status.mode == "memory"
    assert_bilingual(store.status, "damaged", str(path), "kept safely in a file")
    assert "已损坏" in store.status.message["zh"]
    assert store.record_attempt(attempt()) is None                   # not in a database: kept in the spool
    assert len(store.attempts("ann")) == 1 and store.mastery("ann") == {"functions": 1.0}
    store.close()
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3", "progress.sqlite3.waiting"]
    again = open_store(f"sqlite:///{path}")                          # a restart, the file still damaged
    assert [r.answer for r in again.attempts("ann")] == ["x"]
    again.close()
    path.unlink()                                                     # the learner replaces the damaged file
    fresh = open_store(f"sqlite:///{path}")
    assert fresh.flush() and [r.answer for r in fresh.attempts("ann")] == ["x"]
    assert fresh.attempts("ann")[0].id > 0 and not fresh.status.degraded
    fresh.close()


def test_newer_schema_opens_read_only_with_history(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    first = open_store(url)
    first.record_attempt(attempt(1))
    first.close()
    with sqlite3.connect(tmp_path / "p.sqlite3") as conn:
        conn.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    before = digest(tmp_path / "p.sqlite3")
    store = open_store(url)
    assert store.status.mode == "read-only"
    assert_bilingual(store.status, "newer version")
    store.record_attempt(attempt(2))
    assert [r.seed for r in store.attempts("ann")] == [1, 2]
    store.close()
    assert digest(tmp_path / "p.sqlite3") == before


def test_folder_that_cannot_be_created_gives_memory_store(tmp_path):
    blocker = tmp_path / "home"
    blocker.write_text("a file where the folder should be")
    store = open_store(f"sqlite:///{blocker / 'progress.sqlite3'}")
    assert store.status.mode == "memory"
    assert_bilingual(store.status, "cannot be opened", "kept only until the app stops")   # no spool either
    assert store.record_attempt(attempt()) is None
    assert [r.answer for r in store.attempts("ann")] == ["x"] and store.status.pending == 1
    assert blocker.read_text() == "a file where the folder should be"


def test_locked_file_keeps_the_write_in_memory_then_saves_it(tmp_path, monkeypatch):
    monkeypatch.setattr("store.fallback.make_engine", lambda url: make_engine(url, busy_ms=200))
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    store = open_store(url)
    store.record_attempt(attempt(1))
    locker = sqlite3.connect(tmp_path / "p.sqlite3", isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")                    # another program holds the write lock
    assert store.record_attempt(attempt(2)) is None
    assert store.status.pending == 1 and store.status.mode == "ok"
    assert_bilingual(store.status, "busy")
    assert [r.seed for r in store.attempts("ann")] == [1, 2]          # reads still work and include it
    store.save_quiz("ann", "q", {"n": 1})
    assert store.load_quiz("ann", "q") == {"n": 1} and store.status.pending == 2
    locker.execute("ROLLBACK")
    locker.close()
    assert store.record_attempt(attempt(3)) is not None
    assert not store.status.degraded and store.status.pending == 0
    store.close()
    reopened = open_store(url)
    assert [r.seed for r in reopened.attempts("ann")] == [1, 2, 3]
    assert reopened.open_quizzes("ann") == [("q", {"n": 1})]
    reopened.close()


def test_full_disk_keeps_the_attempt_in_memory_with_a_message(tmp_path):
    path = tmp_path / "p.sqlite3"
    store = open_store(f"sqlite:///{path}")
    store.record_attempt(attempt(1))
    store.close()                                         # reconnect with a database that cannot grow

    @event.listens_for(store._engine, "connect")
    def cap_size(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    assert store.record_attempt(attempt(2, answer="y" * 20000)) is None
    assert_bilingual(store.status, "disk is full")
    assert "磁盘已满" in store.status.message["zh"]
    assert [r.seed for r in store.attempts("ann")] == [1, 2]
    event.remove(store._engine, "connect", cap_size)
    store.close()
    assert store.record_attempt(attempt(3)) is not None
    assert [r.seed for r in store.attempts("ann")] == [1, 2, 3] and not store.status.degraded


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("url, words", [
    ("postgresql+psycopg://nobody:secret@127.0.0.1:{port}/dlmath", ["cannot be reached", "127.0.0.1"]),
    ("nosuchdb://x/y", ["not valid"]),
    ("postgresql+nodriver://h/db", ["not valid"]),
], ids=["closed-port", "unknown-dialect", "unknown-driver"])
def test_unreachable_or_bad_url_gives_memory_store(url, words):
    store = open_store(url.format(port=free_port()))
    assert store.status.mode == "memory"
    assert_bilingual(store.status, *words)
    assert "secret" not in store.status.message["en"]
    store.record_attempt(attempt())
    assert store.mastery("ann") == {"functions": 1.0}
    store.close()
