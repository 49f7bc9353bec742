"""The save queue never jams: poison rows are cleaned or set aside, the others are written, nothing waits forever,
and what waits survives a restart. On SQLite and PostgreSQL (the `db_url` fixture)."""
from __future__ import annotations

import csv
import io
import sqlite3
import threading
import tracemalloc
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from store import Attempt, open_store
from store.clean import MAX_ANSWER_CHARS, MAX_ID_CHARS, TRUNCATED
from store.engine import make_engine


def attempt(profile="ann", answer="x", template="sig-1", seed=0) -> Attempt:
    return Attempt(profile, template, "functions", seed, "", answer, "correct", 1.0)


def test_poison_rows_are_stored_clean_and_nobody_waits_behind_them(store, db_url):
    nul = store.record_attempt(attempt("ann", answer="2\x00x"))
    long_id = store.record_attempt(attempt("bo", template="uploaded-" + "t" * 400))
    surrogate = store.record_attempt(attempt("cy", answer="x\ud800"))
    later = [store.record_attempt(attempt("dee", seed=n)) for n in range(3)]
    assert None not in (nul, long_id, surrogate, *later)
    assert not store.status.degraded and store.status.pending == 0
    store.close()
    reopened = open_store(db_url)
    assert [r.answer for r in reopened.attempts("ann")] == ["2x"]
    assert len(reopened.attempts("bo")[0].template_id) <= MAX_ID_CHARS
    assert [r.answer for r in reopened.attempts("cy")] == ["x"]
    assert [r.seed for r in reopened.attempts("dee")] == [0, 1, 2]
    reopened.close()


def test_a_20_mb_answer_is_stored_capped_without_copying_it(store):
    huge = "1+" * (10 * 1024 * 1024)
    tracemalloc.start()
    new_id = store.record_attempt(attempt(answer=huge))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    [row] = store.attempts("ann")
    assert new_id == row.id and len(row.answer) == MAX_ANSWER_CHARS and row.answer.endswith(TRUNCATED)
    assert peak < 2 * 1024 * 1024


def refuse_answer(db_url: str, answer: str) -> None:
    """Make the database itself refuse attempts with this answer (a constraint the store does not know about)."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text(f"CREATE TRIGGER refuse BEFORE INSERT ON attempts WHEN NEW.answer = '{answer}' "
                              "BEGIN SELECT RAISE(ABORT, 'refused by a check'); END"))
        else:
            conn.execute(text(f"ALTER TABLE attempts ADD CONSTRAINT refuse CHECK (answer <> '{answer}')"))
    engine.dispose()


def test_a_refused_row_is_set_aside_and_the_rest_of_its_batch_is_written(store, db_url, monkeypatch):
    refuse_answer(db_url, "poison")
    writer = store._writer
    gate, batches = threading.Event(), []
    commit = writer._commit

    def gated(records):
        gate.wait(10)
        batches.append(len(records))
        return commit(records)

    monkeypatch.setattr(writer, "_commit", gated)
    answers = ["first", "a", "poison", "b", "c"]
    ids: dict[str, int | None] = {}

    def record(answer: str) -> None:
        ids[answer] = store.record_attempt(attempt(profile=f"p-{answer}", answer=answer))

    threads = [threading.Thread(target=record, args=(answers[0],))]
    threads[0].start()
    while not writer._busy:                                  # the writer holds "first" at the gate
        threading.Event().wait(0.01)
    threads += [threading.Thread(target=record, args=(a,)) for a in answers[1:]]
    for t in threads[1:]:
        t.start()
    while writer.waiting() < len(answers):
        threading.Event().wait(0.01)
    gate.set()
    for t in threads:
        t.join(20)
    assert batches[:2] == [1, 4] and batches[2:] == [1, 1, 1, 1]     # the batch of 4 refused, then one by one
    assert ids["poison"] is None and all(isinstance(ids[a], int) for a in answers if a != "poison")
    assert store.status.pending == 0 and store.status.set_aside == 1
    assert "set aside for the instructor" in store.status.message["en"]
    assert "留存供教师查看" in store.status.message["zh"]
    [aside] = store.set_aside()
    assert (aside.kind, aside.profile, aside.record["answer"]) == ("attempt", "p-poison", "poison")
    assert "refuse" in aside.reason
    rows = list(csv.DictReader(io.StringIO(store.set_aside_csv())))
    assert rows[0]["profile"] == "p-poison" and '"answer": "poison"' in rows[0]["record"]
    assert store.record_attempt(attempt(answer="after")) is not None       # never retried, nothing jams
    assert store.status.set_aside == 1 and store.attempts("p-poison") == []


def test_a_row_the_database_refuses_for_its_data_is_set_aside_even_uncleaned(store, monkeypatch):
    """The writer's own guard, without the cleaning: PostgreSQL refuses NUL, an over-long id and surrogates;
    SQLite refuses surrogates and a seed beyond 64 bits."""
    monkeypatch.setattr("store.store.clean_attempt", lambda a: a)
    poison = [attempt(answer="x\ud800"), attempt(seed=2 ** 70)]
    if store.dialect == "postgresql":
        poison += [attempt(answer="2\x00x"), attempt(template="t" * 300)]
    for bad in poison:
        assert store.record_attempt(bad) is None
    assert store.record_attempt(attempt(answer="fine")) is not None
    assert store.status.set_aside == len(poison) and store.status.pending == 0
    assert [r.answer for r in store.attempts("ann")] == ["fine"]
    assert len(store.set_aside()) == len(poison)


def test_waiting_answers_survive_a_restart_and_are_written_once(tmp_path, monkeypatch):
    monkeypatch.setattr("store.fallback.make_engine", lambda url: make_engine(url, busy_ms=100))
    path = tmp_path / "p.sqlite3"
    first = open_store(f"sqlite:///{path}")
    first.record_attempt(attempt(seed=1))
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")                       # another program holds the write lock
    assert first.record_attempt(attempt(seed=2)) is None
    first.save_quiz("ann", "q", {"n": 2})
    assert first.status.pending == 2
    assert "waiting in a file on this computer" in first.status.message["en"]
    assert "busy" in first.status.message["en"] and "占用" in first.status.message["zh"]
    first.close()                                           # the app stops before the file is free again
    locker.execute("ROLLBACK")
    locker.close()
    second = open_store(f"sqlite:///{path}")
    assert second.flush()
    assert [r.seed for r in second.attempts("ann")] == [1, 2] and all(r.id > 0 for r in second.attempts("ann"))
    assert second.load_quiz("ann", "q") == {"n": 2} and not second.status.degraded
    second.close()
    third = open_store(f"sqlite:///{path}")                 # nothing is replayed twice
    assert [r.seed for r in third.attempts("ann")] == [1, 2]
    third.close()
    assert not list((tmp_path / "p.sqlite3.waiting").glob("*.jsonl"))


def test_answers_kept_while_postgresql_is_unreachable_reach_it_after_a_restart(pg_admin_url, admin_sql, tmp_path,
                                                                               monkeypatch):
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    down = open_store(url)                                  # the database does not exist yet: unreachable
    assert down.status.mode == "memory" and "kept safely in a file" in down.status.message["en"]
    assert down.record_attempt(attempt(seed=7)) is None
    down.save_quiz("ann", "q", {"n": 1})
    assert [r.seed for r in down.attempts("ann")] == [7]
    down.close()
    admin_sql(f'CREATE DATABASE "{name}"')
    try:
        up = open_store(url)
        assert up.status.mode == "ok" and up.flush()
        assert [r.seed for r in up.attempts("ann")] == [7] and up.attempts("ann")[0].id > 0
        assert up.open_quizzes("ann") == [("q", {"n": 1})]
        up.close()
    finally:
        admin_sql(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_a_server_that_comes_back_is_used_without_a_restart(pg_admin_url, admin_sql, tmp_path, monkeypatch):
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.setattr("store.store.RECONNECT_S", 0.2)
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    store = open_store(url)
    assert store.status.mode == "memory"
    assert store.record_attempt(attempt(seed=1)) is None
    admin_sql(f'CREATE DATABASE "{name}"')
    try:
        for _ in range(300):
            if store.status.mode == "ok" and store.status.pending == 0:
                break
            threading.Event().wait(0.1)
        assert store.status.mode == "ok" and not store.status.degraded
        assert store.record_attempt(attempt(seed=2)) is not None
        assert [r.seed for r in store.attempts("ann")] == [1, 2] and all(r.id > 0 for r in store.attempts("ann"))
        store.close()
        assert not list((tmp_path / "waiting").rglob("*.jsonl"))
    finally:
        admin_sql(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_a_stale_replayed_quiz_state_never_overwrites_a_newer_one(store):
    from store.records import QuizRecord, now

    older = QuizRecord("ann", "q", '{"n": 1}', False, now())
    store.save_quiz("ann", "q", {"n": 2})
    store._writer.submit(older).done.wait(10)
    assert store.load_quiz("ann", "q") == {"n": 2}


def _panel() -> None:
    from ui.practice import practice_panel

    practice_panel("vectors")


def test_the_answer_box_takes_no_more_than_the_store_keeps(tmp_path, monkeypatch):
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    at = AppTest.from_function(_panel, default_timeout=60)
    at.session_state["profile"] = "ada"
    at.query_params.update(ex="inner-product-2d", seed="5")
    at.run()
    assert at.text_input(key="ex-inner-product-2d-5-").proto.max_chars == MAX_ANSWER_CHARS


def test_waiting_records_are_retried_by_the_writer_itself(tmp_path, monkeypatch):
    monkeypatch.setattr("store.fallback.make_engine", lambda url: make_engine(url, busy_ms=100))
    monkeypatch.setattr("store.writer.RETRY_FIRST_S", 0.05)
    path = tmp_path / "p.sqlite3"
    store = open_store(f"sqlite:///{path}")
    store.record_attempt(attempt(seed=1))
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    assert store.record_attempt(attempt(seed=2)) is None
    locker.execute("ROLLBACK")
    locker.close()
    done = threading.Event()
    for _ in range(200):                                    # no new write needed: the writer retries
        if store.status.pending == 0:
            done.set()
            break
        threading.Event().wait(0.05)
    assert done.is_set() and not store.status.degraded
    assert all(r.id > 0 for r in store.attempts("ann"))
    store.close()
