"""QuizRun rules, serialisation and question selection, without Streamlit (fake exercises, fixed clock)."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from quiz_runtime import (NoAttemptsLeft, QuestionSpec, QuizClosed, QuizError, QuizRun, derive_seed,
                          self_study_questions)


@dataclass
class FakeVerdict:
    status: str
    score: float
    message: str
    interpreted: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


class FakeExercise:
    """Single part "" expects str(seed); two-part template "two" expects a=seed, b=2*a (ECF on b)."""

    def __init__(self, template_id: str, seed: int) -> None:
        self.template_id, self.seed = template_id, seed
        self.topic = "vectors" if template_id.startswith("v") else "derivatives"
        ids = ["a", "b"] if template_id == "two" else [""]
        self.parts = [SimpleNamespace(id=i) for i in ids]
        self.hints = [{"en": "h1"}, {"en": "h2"}]
        self.calls: list[tuple[str, str, dict]] = []

    def check(self, part: str, text: str, lang: str = "en", earlier: dict | None = None) -> FakeVerdict:
        self.calls.append((part, text, dict(earlier or {})))
        if not text.strip().lstrip("-").isdigit():
            return FakeVerdict("invalid", 0.0, f"cannot read {text}")
        value = int(text)
        if part == "b":
            base = int(earlier["a"]) if earlier and "a" in earlier else self.seed
            ok, ecf = value == 2 * base, base != self.seed
            return FakeVerdict("correct" if ok else "incorrect", 1.0 if ok else 0.0, "b",
                               details={"ecf": ok and ecf})
        if value == self.seed:
            return FakeVerdict("correct", 1.0, "right", interpreted=str(value))
        details = {"mistake": {"name": "forgot-bias", "message": "bias"}} if value == self.seed + 1 else {}
        return FakeVerdict("incorrect", 0.0, "wrong", interpreted=str(value), details=details)


class Generator:
    """Like `st.cache_resource` functions, it holds a lock: it must never be copied into the saved state."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, int], FakeExercise] = {}
        self.lock = threading.Lock()

    def __call__(self, template_id: str, seed: int) -> FakeExercise:
        return self.made.setdefault((template_id, seed), FakeExercise(template_id, seed))


def make_run(specs=None, **kwargs) -> tuple[QuizRun, Generator]:
    gen = Generator()
    specs = specs or [QuestionSpec("v-dot", 11), QuestionSpec("d-poly", 22), QuestionSpec("v-len", 33, 2.0)]
    return QuizRun.start(specs, gen, now=1000.0, **kwargs), gen


def test_start_learns_topics_and_parts_from_the_exercises():
    run, _ = make_run([QuestionSpec("v-dot", 1), QuestionSpec("two", 5)])
    assert [q.topic for q in run.questions] == ["vectors", "derivatives"]
    assert [q.parts for q in run.questions] == [[""], ["a", "b"]]


def test_invalid_input_never_uses_an_attempt():
    run, _ = make_run(max_attempts=2)
    assert run.submit(0, "", "x+", now=1001).status == "invalid"
    assert run.attempts(0, "") == 0 and run.attempts_left(0, "") == 2
    assert run.submit(0, "", "12", now=1002).status == "incorrect"
    assert run.attempts(0, "") == 1 and not run.question_done(0)


def test_attempt_limit_closes_a_part():
    run, _ = make_run(max_attempts=2)
    run.submit(0, "", "1", now=1001)
    run.submit(0, "", "2", now=1002)
    assert run.question_done(0) and run.attempts_left(0, "") == 0
    with pytest.raises(NoAttemptsLeft):
        run.submit(0, "", "11", now=1003)


def test_a_right_part_is_closed_and_scores_its_points():
    run, _ = make_run()
    run.submit(2, "", "34", now=1001)
    assert run.submit(2, "", "33", now=1002).status == "correct"
    with pytest.raises(NoAttemptsLeft):
        run.submit(2, "", "33", now=1003)
    assert run.results(now=1004).questions[2].score == 2.0


def test_multi_part_passes_earlier_readable_answers_for_error_carried_forward():
    run, gen = make_run([QuestionSpec("two", 5)])
    run.submit(0, "a", "oops", now=1001)             # unreadable: not passed on
    run.submit(0, "a", "7", now=1002)                # wrong a
    verdict = run.submit(0, "b", "14", now=1003)     # right given a = 7
    assert gen.made[("two", 5)].calls[-1] == ("b", "14", {"a": "7"})
    assert verdict.status == "correct" and run.questions[0].submissions[-1].ecf
    assert run.results(now=1004).questions[0].status == "partial"
    assert run.results(now=1004).questions[0].score == pytest.approx(0.5)


def test_hints_are_counted_up_to_the_number_available():
    run, _ = make_run()
    assert run.use_hint(1, available=2, now=1001) == 1
    assert run.use_hint(1, available=2, now=1002) == 2
    assert run.use_hint(1, available=2, now=1003) == 2
    assert run.results(now=1004).questions[1].hints_used == 2


def test_skip_moves_on_and_skipped_questions_come_back():
    run, _ = make_run()
    assert run.skip(0, now=1001) == 1 and run.current == 1 and run.questions[0].skipped
    run.submit(1, "", "22", now=1002)
    run.submit(2, "", "33", now=1003)
    assert run.next_unanswered(after=2) == 0         # wraps round to the skipped one
    run.submit(0, "", "11", now=1004)
    assert not run.questions[0].skipped and run.next_unanswered() is None


def test_time_limit_counts_down_and_closes_the_quiz():
    run, _ = make_run(time_limit=60)
    assert run.remaining_seconds(now=1015) == 45
    assert run.remaining_seconds(now=2000) == 0 and run.is_over(now=2000)
    with pytest.raises(QuizClosed):
        run.submit(0, "", "11", now=1061)
    assert run.finished_at == 1060                   # ends at the limit, not when noticed
    assert run.results().seconds == 60
    untimed, _ = make_run()
    assert untimed.remaining_seconds(now=5000) is None and not untimed.is_over(now=5000)


def test_finished_quiz_refuses_actions():
    run, _ = make_run()
    run.finish(now=1100)
    for action in (lambda: run.submit(0, "", "11"), lambda: run.use_hint(0), lambda: run.skip(0)):
        with pytest.raises(QuizClosed):
            action()


def test_results_score_overall_and_per_topic_with_time_taken():
    run, _ = make_run()
    run.submit(0, "", "11", now=1010)                # vectors 1/1
    run.submit(1, "", "23", now=1020)                # derivatives 0/1 (anticipated mistake)
    run.finish(now=1090)
    results = run.results()
    assert results.score == 1.0 and results.max_score == 4.0 and results.percent == 25.0
    assert results.per_topic == {"vectors": (1.0, 3.0), "derivatives": (0.0, 1.0)}
    assert results.seconds == 90
    assert [q.status for q in results.questions] == ["correct", "incorrect", "unanswered"]
    assert results.questions[1].submissions[0].mistake == "forgot-bias"
    assert results.missed == [1, 2]


def test_round_trip_through_json_keeps_everything():
    run, gen = make_run([QuestionSpec("two", 5), QuestionSpec("v-dot", 9)], time_limit=300, max_attempts=4,
                        title={"en": "T", "zh": "题"}, source={"kind": "self", "topics": ["vectors"]})
    run.submit(0, "a", "5", now=1001)
    run.submit(0, "b", "nope", now=1002)
    run.use_hint(1, now=1003)
    run.skip(1, now=1004)
    data = json.loads(json.dumps(run.to_dict()))
    again = QuizRun.from_dict(data, generate=gen)
    assert again == run and again.to_dict() == run.to_dict()
    assert again.submit(0, "b", "10", now=1005).status == "correct"


def test_retry_missed_uses_the_same_templates_with_fresh_seeds():
    run, _ = make_run(time_limit=120, max_attempts=2)
    run.submit(0, "", "11", now=1001)
    run.finish(now=1050)
    retry = run.retry_missed(seed_source=7, now=2000)
    assert [q.template_id for q in retry.questions] == ["d-poly", "v-len"]
    assert all(new.seed != old.seed for new, old in zip(retry.questions, run.questions[1:]))
    assert [q.points for q in retry.questions] == [1.0, 2.0]
    assert retry.key != run.key and retry.started_at == 2000 and retry.finished_at is None
    assert (retry.time_limit, retry.max_attempts, retry.source["retry_of"]) == (120, 2, run.key)
    assert retry.retry_missed(seed_source=7).questions[0].seed == retry.retry_missed(seed_source=7).questions[0].seed


def make_library() -> Any:
    templates = [SimpleNamespace(id=f"{topic}-{d}-{k}", topic=topic, difficulty=d)
                 for topic in ("vectors", "matrices") for d in (1, 2) for k in range(2)]
    templates.append(SimpleNamespace(id="sigma-3", topic="sigma", difficulty=3))
    return SimpleNamespace(by_topic=lambda topic: [t for t in templates if t.topic == topic])


def test_self_study_questions_spread_over_topics_and_respect_difficulty():
    lib = make_library()
    picked = self_study_questions(lib, ["vectors", "matrices"], 6, 2, seed=3)
    assert len(picked) == 6
    assert [p.template_id.split("-")[0] for p in picked] == ["vectors", "matrices"] * 3
    assert all(p.template_id.split("-")[1] == "2" for p in picked)
    assert len({(p.template_id, p.seed) for p in picked}) == 6
    assert picked == self_study_questions(lib, ["vectors", "matrices"], 6, 2, seed=3)
    assert picked != self_study_questions(lib, ["vectors", "matrices"], 6, 2, seed=4)


def test_self_study_falls_back_to_the_nearest_difficulty_and_skips_empty_topics():
    lib = make_library()
    picked = self_study_questions(lib, ["sigma", "attention"], 2, 1, seed=1)
    assert [p.template_id for p in picked] == ["sigma-3", "sigma-3"]
    assert picked[0].seed != picked[1].seed
    assert self_study_questions(lib, ["attention"], 3, None, seed=1) == []


def test_fewer_questions_than_topics_draws_a_random_subset_of_topics():
    templates = [SimpleNamespace(id=f"t{k}", topic=f"topic{k}", difficulty=1) for k in range(8)]
    lib = SimpleNamespace(by_topic=lambda topic: [t for t in templates if t.topic == topic])
    topics = [f"topic{k}" for k in range(8)]
    draws = [[p.template_id for p in self_study_questions(lib, topics, 3, None, seed=s)] for s in range(10)]
    assert all(len(set(d)) == 3 and d == sorted(d) for d in draws)       # distinct topics, book order
    assert len({tuple(d) for d in draws}) > 1                             # not always the first three


def test_derive_seed_is_stable_and_in_range():
    assert derive_seed(1, "a") == derive_seed(1, "a") != derive_seed(2, "a")
    assert all(1 <= derive_seed(i) <= 999_999 for i in range(200))


def test_quiz_file_policies_and_the_id_attempts_are_recorded_under():
    run, _ = make_run(hints="never", solutions="after", source={"kind": "file", "quiz": "week-1"})
    assert run.quiz_id == "week-1" and not run.solutions_now() and not run.hints_now()
    with pytest.raises(QuizError):
        run.use_hint(0, now=1001)
    run.finish(now=1002)
    assert run.solutions_now()
    retry = run.retry_missed(seed_source=1)
    assert retry.quiz_id == retry.key != "week-1" and retry.hints == "never"
    with pytest.raises(ValueError):
        make_run(hints="sometimes")
    self_study, _ = make_run()
    assert self_study.quiz_id == self_study.key and self_study.hints_now() and not self_study.solutions_now()
