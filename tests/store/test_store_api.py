"""The store's public API on SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
import threading
from datetime import datetime, timedelta, timezone

import pytest

import store as store_pkg
from store import Attempt, get_store, open_store
from store.export import COLUMNS


def attempt(profile="ann", template="sig-1", topic="functions", seed=1, status="correct", score=None, **kw):
    score = (1.0 if status == "correct" else 0.0) if score is None else score
    return Attempt(profile, template, topic, seed, kw.pop("part", ""), kw.pop("answer", "x"), status, score, **kw)


def test_recorded_attempt_reads_back_with_every_field(store):
    before = datetime.now(timezone.utc)
    new_id = store.record_attempt(attempt(seed=2**40 + 7, part="b", answer="σ(x)(1−σ(x))", status="incorrect",
                                          score=0.5, mistake="sigmoid-derivative-missing-factor", hints_used=2,
                                          seconds=12.5, quiz_id="quiz-1", question=3))
    [row] = store.attempts("ann")
    assert row.id == new_id and isinstance(new_id, int)
    assert (row.template_id, row.topic, row.seed, row.part, row.answer) == (
        "sig-1", "functions", 2**40 + 7, "b", "σ(x)(1−σ(x))")
    assert (row.status, row.score, row.mistake, row.hints_used, row.seconds, row.quiz_id, row.question) == (
        "incorrect", 0.5, "sigmoid-derivative-missing-factor", 2, 12.5, "quiz-1", 3)
    assert row.at.tzinfo is not None and before - timedelta(seconds=1) <= row.at <= datetime.now(timezone.utc)
    assert store.profiles() == ["ann"]


def test_profiles_are_kept_apart(store):
    store.create_profile("  Bo   Li ")
    store.create_profile("Bo Li")
    store.record_attempt(attempt(profile="ann", status="incorrect"))
    store.record_attempt(attempt(profile="Bo Li", template="vec-1", topic="vectors"))
    assert store.profiles() == ["ann", "Bo Li"]
    assert [r.template_id for r in store.attempts("Bo Li")] == ["vec-1"]
    assert store.mastery("ann") == {"functions": 0.0}
    assert store.mastery("Bo Li") == {"vectors": 1.0}
    assert store.attempts("nobody") == [] and store.mastery("nobody") == {} and store.last_exercise("nobody") is None


@pytest.mark.parametrize("bad", ["", "   ", "x" * 41, "a\x00b"])
def test_bad_profile_names_are_refused(store, bad):
    with pytest.raises(ValueError):
        store.create_profile(bad)
    assert store.profiles() == []


def test_invalid_attempts_are_recorded_but_never_count(store):
    store.record_attempt(attempt(status="correct"))
    for _ in range(3):
        store.record_attempt(attempt(status="invalid", answer="((", score=0.0))
    assert [r.status for r in store.attempts("ann")] == ["correct", "invalid", "invalid", "invalid"]
    assert store.mastery("ann") == {"functions": 1.0}
    assert store.weak_spots("ann") == []


def test_mastery_weighs_recent_attempts_more_and_averages_templates(store):
    store.record_attempt(attempt(template="a", status="incorrect"))
    store.record_attempt(attempt(template="a", status="correct"))
    store.record_attempt(attempt(template="b", status="incorrect"))
    # template a: (0.7*0 + 1*1) / 1.7; template b: 0; topic = mean of the two
    assert store.mastery("ann")["functions"] == pytest.approx((1 / 1.7 + 0) / 2)


def test_weak_spots_come_from_recent_errors_with_reasons(store):
    for status in ("incorrect", "incorrect", "correct", "incorrect"):
        store.record_attempt(attempt(template="sig-1", status=status,
                                     mistake="sigmoid-derivative-missing-factor" if status == "incorrect" else None))
    store.record_attempt(attempt(template="vec-1", topic="vectors", status="incorrect"))
    store.record_attempt(attempt(template="ok-1", topic="vectors", status="correct"))
    spots = store.weak_spots("ann")
    assert [s.template_id for s in spots] == ["sig-1", "vec-1"]
    assert spots[0].topic == "functions" and spots[0].weight > spots[1].weight
    assert spots[0].reason["en"].startswith("3 of your last 4 attempts were wrong. The same slip came up 3 times")
    assert "(1 − σ)" in spots[0].reason["en"] and "最近 4 次作答中错了 3 次" in spots[0].reason["zh"]
    assert spots[1].reason == {"en": "Your last attempt was wrong.", "zh": "你最近一次作答是错的。"}
    assert store.weak_spots("ann", limit=1) == spots[:1]


def test_last_exercise_is_the_latest_attempt(store):
    store.record_attempt(attempt(template="a", seed=5))
    store.record_attempt(attempt(template="b", seed=9))
    assert store.last_exercise("ann") == ("b", 9)


def test_quiz_sessions_save_load_open_finish(store):
    assert store.load_quiz("ann", "q1") is None
    store.save_quiz("ann", "q1", {"question": 0, "answers": {}})
    store.save_quiz("ann", "q2", {"question": 4, "answers": {"0": ["2x"]}, "名": "中文"})
    store.save_quiz("ann", "q1", {"question": 1, "answers": {"0": ["3"]}})
    store.save_quiz("bo", "q1", {"question": 7})
    assert store.load_quiz("ann", "q1") == {"question": 1, "answers": {"0": ["3"]}}
    assert [key for key, _ in store.open_quizzes("ann")] == ["q1", "q2"]   # most recently saved first
    store.finish_quiz("ann", "q1")
    assert store.open_quizzes("ann") == [("q2", {"question": 4, "answers": {"0": ["2x"]}, "名": "中文"})]
    assert store.load_quiz("ann", "q1") == {"question": 1, "answers": {"0": ["3"]}}
    assert store.open_quizzes("bo") == [("q1", {"question": 7})]
    with pytest.raises(TypeError):
        store.save_quiz("ann", "q3", {"bad": object()})


def test_finished_quizzes_newest_first_only_the_profiles_and_limited(store):
    for key in ("q1", "q2", "q3"):
        store.save_quiz("ann", key, {"k": key})
        store.finish_quiz("ann", key)
    store.save_quiz("ann", "open", {"k": "open"})
    store.save_quiz("bo", "b1", {"k": "b1"})
    store.finish_quiz("bo", "b1")
    assert [key for key, _ in store.finished_quizzes("ann")] == ["q3", "q2", "q1"]
    assert store.finished_quizzes("ann", limit=2) == [("q3", {"k": "q3"}), ("q2", {"k": "q2"})]
    store.save_quiz("ann", "q1", {"k": "again"})             # reopened: open again, no longer finished
    assert [key for key, _ in store.finished_quizzes("ann")] == ["q3", "q2"]
    assert [key for key, _ in store.open_quizzes("ann")] == ["q1", "open"]


def test_quiz_survives_reopening_the_database(db_url):
    first = open_store(db_url)
    first.save_quiz("ann", "q", {"at": 3})
    first.record_attempt(attempt(quiz_id="q", question=0))
    first.close()
    second = open_store(db_url)
    assert second.open_quizzes("ann") == [("q", {"at": 3})]
    assert len(second.attempts("ann", quiz_id="q")) == 1
    second.close()


def test_quiz_results_cover_all_profiles(store):
    store.record_attempt(attempt(profile="bo", quiz_id="w1", question=0))
    store.record_attempt(attempt(profile="ann", quiz_id="w1", question=0, status="incorrect"))
    store.record_attempt(attempt(profile="ann", quiz_id="other", question=0))
    store.record_attempt(attempt(profile="ann"))
    results = store.quiz_results("w1")
    assert [(r.profile, r.status) for r in results] == [("ann", "incorrect"), ("bo", "correct")]
    assert len(store.attempts("ann", quiz_id="other")) == 1


def test_csv_export_round_trips(store):
    store.record_attempt(attempt(answer='a, "quoted"\nnext line', status="incorrect", mistake="wrong-sign",
                                 seconds=3.25, quiz_id="q", question=2))
    store.record_attempt(attempt(template="vec-1", topic="vectors", answer="(1, 2)"))
    store.record_attempt(attempt(profile="bo", answer="not mine"))
    parsed = list(csv.DictReader(io.StringIO(store.export_csv("ann"))))
    rows = store.attempts("ann")
    assert [tuple(p.keys()) for p in parsed] == [COLUMNS, COLUMNS]
    for got, row in zip(parsed, rows):
        assert got["answer"] == row.answer and got["template_id"] == row.template_id
        assert int(got["id"]) == row.id and datetime.fromisoformat(got["at"]) == row.at
        assert float(got["score"]) == row.score and got["profile"] == "ann"
    assert (parsed[0]["mistake"], parsed[0]["seconds"], parsed[0]["question"]) == ("wrong-sign", "3.25", "2")
    assert (parsed[1]["mistake"], parsed[1]["seconds"], parsed[1]["quiz_id"]) == ("", "", "")


def test_mastery_history_has_a_point_per_topic_per_day(store):
    store.record_attempt(attempt(status="incorrect"))
    store.record_attempt(attempt(template="vec-1", topic="vectors"))
    history = store.mastery_history("ann")
    today = datetime.now(timezone.utc).date()
    assert sorted((h["day"], h["topic"], h["mastery"]) for h in history) == [
        (today, "functions", 0.0), (today, "vectors", 1.0)]


def test_get_store_is_one_per_database_and_thread_safe(tmp_path, monkeypatch):
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path / "home"))
    found = []
    threads = [threading.Thread(target=lambda: found.append(get_store())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in found}) == 1 and found[0].status.mode == "ok"
    found[0].record_attempt(attempt())
    assert (tmp_path / "home" / "progress.sqlite3").is_file()
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path / "other"))
    assert get_store() is not found[0] and get_store().attempts("ann") == []
    for opened in store_pkg._stores.values():
        opened.close()
    store_pkg._stores.clear()


def test_mastery_sees_attempts_recorded_by_another_process(db_url):
    mine, other = open_store(db_url), open_store(db_url)
    mine.record_attempt(attempt(template="a", status="correct"))
    assert mine.mastery("ann") == {"functions": 1.0}            # now cached
    other.record_attempt(attempt(template="a", status="incorrect"))
    other.record_attempt(attempt(template="b", topic="vectors", status="incorrect"))
    assert mine.mastery("ann") == {"functions": pytest.approx(0.7 / 1.7), "vectors": 0.0}
    assert [s.template_id for s in mine.weak_spots("ann")] == ["b", "a"]
    mine.close()
    other.close()
