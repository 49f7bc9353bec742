"""Corruption is found early: a quick check when the SQLite file opens, a full check on demand."""
from __future__ import annotations

import hashlib
import sqlite3

from streamlit.testing.v1 import AppTest

from store import Attempt, open_store
from store.integrity import quick_check

ROWS = 600


def attempt(n: int, profile: str = "ann") -> Attempt:
    return Attempt(profile, f"t-{n % 9}", "vectors", n, "", f"answer number {n}", "correct", 1.0)


def filled(path) -> str:
    """A progress file with `ROWS` attempts, closed (WAL checkpointed into the file)."""
    url = f"sqlite:///{path}"
    store = open_store(url)
    for n in range(ROWS):
        store._writer.submit(store_record(store, n))
    assert store.flush()
    store.close()
    return url


def store_record(store, n):
    from store.clean import clean_attempt
    from store.records import AttemptRecord

    return AttemptRecord.new(clean_attempt(attempt(n)), -1 - n)


def damage_a_page_deep_inside(path) -> int:
    """Overwrite one page in the middle of the attempts table with junk; the file header stays intact."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    page = pages // 2
    with open(path, "r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(b"\xab" * page_size)
    return page


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_page_deep_inside_is_found_when_the_file_opens(tmp_path):
    path = tmp_path / "progress.sqlite3"
    url = filled(path)
    damage_a_page_deep_inside(path)
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    before = digest(path)
    store = open_store(url)
    assert store.status.mode == "memory" and "damaged" in store.status.message["en"]
    assert "已损坏" in store.status.message["zh"] and "kept safely in a file" in store.status.message["en"]
    assert store.record_attempt(attempt(9999, "bo")) is None            # kept in the spool, not in memory only
    assert store.status.pending == 1 and [r.seed for r in store.attempts("bo")] == [9999]
    report = store.check_integrity()
    assert report.ok is False and "damaged" in report.message["en"]
    store.close()
    assert digest(path) == before                                        # the damaged file is never written
    path.rename(tmp_path / "damaged.sqlite3")                            # the learner sets it aside
    fresh = open_store(url)
    assert fresh.flush() and [r.seed for r in fresh.attempts("bo")] == [9999]
    assert fresh.attempts("bo")[0].id > 0 and not fresh.status.degraded
    fresh.close()


def test_the_learner_is_told_in_the_sidebar_banner(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite3"
    filled(path)
    damage_a_page_deep_inside(path)
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)

    def banner() -> None:
        from ui.profile import store_status_banner

        store_status_banner()

    at = AppTest.from_function(banner, default_timeout=30)
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception and "已损坏" in at.warning[0].value and str(path) in at.warning[0].value


def test_a_healthy_file_passes_both_checks(tmp_path):
    path = tmp_path / "progress.sqlite3"
    url = filled(path)
    assert quick_check(path) == []
    store = open_store(url)
    assert store.status.mode == "ok" and len(store.attempts("ann")) == ROWS
    report = store.check_integrity()
    assert report.ok is True and set(report.message) == {"en", "zh"}
    store.close()


def test_the_quick_check_is_bounded_in_time(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite3"
    url = filled(path)
    assert quick_check(path, seconds=0.0) is None      # out of time: not finished, nothing known
    monkeypatch.setattr("store.fallback.quick_check", lambda p: quick_check(p, seconds=0.0))
    store = open_store(url)                             # ... and the file opens as usual
    assert store.status.mode == "ok" and len(store.attempts("ann")) == ROWS
    store.close()


def test_damage_found_on_demand_stops_writing_the_file(tmp_path):
    path = tmp_path / "progress.sqlite3"
    url = filled(path)
    store = open_store(url)                             # healthy when opened
    assert store.record_attempt(attempt(1000)) is not None
    store._engine.dispose()
    damage_a_page_deep_inside(path)                     # damaged while the app runs
    report = store.check_integrity()
    assert report.ok is False and report.problems
    assert "damaged" in report.message["en"] and "已损坏" in report.message["zh"]
    status = store.status
    assert status.degraded and "damaged" in status.message["en"] and "kept safely in a file" in status.message["en"]
    before = digest(path)
    assert store.record_attempt(attempt(1001, "bo")) is None
    assert [r.seed for r in store.attempts("bo")] == [1001]
    assert digest(path) == before
    assert list((tmp_path / "progress.sqlite3.waiting").glob("*.jsonl"))
    store.close()


def test_postgresql_has_nothing_to_check_here(store):
    if store.dialect == "sqlite":
        assert store.check_integrity().ok is True
    else:
        report = store.check_integrity()
        assert report.ok is None and "checks its own data" in report.message["en"]
