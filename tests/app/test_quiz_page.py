"""AppTest of the quiz page: a whole quiz to the results, retry the missed ones, resume in a new session."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from exercises import load_library

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "quiz.py")
TIMEOUT = 60
LIB = load_library()


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """One progress store per test, shared by every AppTest session of that test."""
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    return tmp_path


def session(lang: str = "en") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.session_state["profile"] = "ada"
    return at.run()


def start_vectors_quiz(at: AppTest, count: int = 3, attempts: int = 2, minutes: int = 0) -> AppTest:
    at.multiselect(key="quiz-topics").set_value(["vectors"])
    at.selectbox(key="quiz-difficulty").set_value(1)
    at.number_input(key="quiz-count").set_value(count)
    at.number_input(key="quiz-attempts").set_value(attempts)
    at.number_input(key="quiz-minutes").set_value(minutes)
    at.button(key="quiz-start").click().run()
    assert not at.exception
    return at


def current(at: AppTest):
    run = at.session_state["quiz-run"]
    question = run.questions[run.current]
    return run, run.current, LIB.get(question.template_id).generate(question.seed)


def submit(at: AppTest, text: str) -> AppTest:
    run, index, ex = current(at)
    at.text_input(key=f"ex-{ex.template_id}-{ex.seed}-").input(text)
    return at.button(key=f"quiz-{index}--submit").click().run()


def chart_rows(at: AppTest) -> list[dict]:
    """The data behind the first chart (Streamlit ships it as an Arrow dataset beside the spec)."""
    chart = at.get("vega_lite_chart")[0].proto
    return pa.ipc.open_stream(chart.datasets[0].data.data).read_pandas().to_dict("records")


def captions(at: AppTest) -> str:
    return " | ".join(c.value for c in at.caption)


def test_whole_quiz_from_setup_to_results_and_retry_the_missed_ones():
    from store import get_store

    at = start_vectors_quiz(session())
    run, index, ex = current(at)
    assert (index, len(run.questions)) == (0, 3) and {q.topic for q in run.questions} == {"vectors"}
    assert at.progress[0].proto.text.startswith("Question 1 of 3")

    submit(at, "3 +* 4")                                   # invalid: a message, no attempt used
    assert len(at.warning) == 1 and "Attempts left: 2" in captions(at)
    at.button(key=f"quiz-{run.key}-0-hint").click().run()  # a hint, recorded
    assert ex.hints[0]["en"] in " ".join(i.value for i in at.info)
    assert at.session_state["quiz-run"].questions[0].hints_used == 1
    submit(at, f"({ex.expected_text('')}) + 1")            # wrong
    assert len(at.error) == 1 and "Attempts left: 1" in captions(at)
    submit(at, ex.expected_text(""))                       # right
    assert len(at.success) >= 1 and at.text_input(key=f"ex-{ex.template_id}-{ex.seed}-").disabled

    at.button(key="quiz-next").click().run()               # on to question 2 ...
    at.button(key="quiz-skip").click().run()               # ... skipped for now
    run, index, ex = current(at)
    assert index == 2 and run.questions[1].skipped
    submit(at, f"({ex.expected_text('')}) + 1")
    submit(at, f"({ex.expected_text('')}) + 2")            # out of attempts: question 3 is wrong
    assert run.question_done(2)
    at.button(key="quiz-next").click().run()               # the skipped question comes back
    run, index, ex = current(at)
    assert index == 1
    submit(at, ex.expected_text(""))
    at.button(key="quiz-finish").click().run()             # "see my results"

    assert not at.exception
    assert at.metric[0].value == "2 / 3"
    assert [(r["topic"], r["percent"]) for r in chart_rows(at)] == [("Vectors and inner products", 66.7)]
    assert len(at.expander) == 3
    review = " ".join(m.value for m in at.markdown)
    assert ex.solution["en"] in review
    assert (LIB.get(run.questions[2].template_id).generate(run.questions[2].seed).solution["en"]) in review
    rows = get_store().attempts("ada", quiz_id=run.key)
    assert [r.status for r in rows] == ["invalid", "incorrect", "correct", "incorrect", "incorrect", "correct"]
    assert [r.question for r in rows] == [0, 0, 0, 2, 2, 1] and rows[2].hints_used == 1
    assert get_store().open_quizzes("ada") == []

    missed = run.questions[2]
    at.button(key="quiz-retry").click().run()
    retry = at.session_state["quiz-run"]
    assert [q.template_id for q in retry.questions] == [missed.template_id]
    assert retry.questions[0].seed != missed.seed and retry.finished_at is None
    assert at.progress[0].proto.text.startswith("Question 1 of 1")


def test_a_quiz_in_progress_is_resumed_in_a_new_session():
    first = start_vectors_quiz(session(), count=2)
    run, _, ex = current(first)
    submit(first, ex.expected_text(""))
    first.button(key="quiz-next").click().run()

    again = session()                                      # a refresh / another day: nothing in session_state
    assert "quiz-run" not in again.session_state
    again.button(key=f"quiz-resume-{run.key}").click().run()
    resumed = again.session_state["quiz-run"]
    assert resumed.key == run.key and resumed.current == 1
    assert resumed.question_done(0) and resumed.questions[0].submissions[0].text == ex.expected_text("")
    assert again.progress[0].proto.text.startswith("Question 2 of 2 · 1 answered")
    again.button(key="quiz-goto-0").click().run()
    answered = again.text_input(key=f"ex-{ex.template_id}-{ex.seed}-")
    assert answered.value == ex.expected_text("") and answered.disabled and len(again.success) == 1


def test_time_limit_shows_a_countdown_and_ends_the_quiz():
    at = start_vectors_quiz(session(), count=2, minutes=5)
    assert any(m.label == "Time left" for m in at.metric)
    at.session_state["quiz-run"].started_at -= 301        # five minutes later
    at.run()
    assert at.session_state["quiz-run"].finished_at is not None
    assert "Time is up" in " ".join(i.value for i in at.info)
    assert at.metric[0].value == "0 / 2"


def test_setup_in_chinese_and_nothing_chosen():
    at = session(lang="zh")
    assert at.title[0].value == "📝 测验"
    at.button(key="quiz-start").click().run()
    assert at.warning[0].value == "请至少选择一个主题。"
    assert "quiz-run" not in at.session_state


def test_switching_profile_hides_the_other_learners_quiz():
    at = start_vectors_quiz(session(), count=2)
    key = at.session_state["quiz-run"].key
    at.session_state["profile"] = "bo"
    at.run()
    assert "quiz-run" not in at.session_state and not at.progress
    with pytest.raises(KeyError):
        at.button(key=f"quiz-resume-{key}")           # ada's saved quiz is not offered to bo
    at.session_state["profile"] = "ada"
    at.run()
    assert at.button(key=f"quiz-resume-{key}").label == "Resume"


def test_a_chinese_quiz_title_joins_topics_with_the_enumeration_comma():
    at = session("zh")
    at.multiselect(key="quiz-topics").set_value(["vectors", "derivatives"])
    at.button(key="quiz-start").click().run()
    assert not at.exception
    title = at.session_state["quiz-run"].title
    assert title["zh"] == "自选测验：向量与内积、导数" and title["en"].endswith("Vectors and inner products, Derivatives")


def test_the_right_answer_shows_once_the_last_attempt_is_used_and_not_before():
    at = start_vectors_quiz(session(), count=1, attempts=2)
    run, _, ex = current(at)
    key = f"$\\displaystyle {ex.expected_latex('')}$"
    submit(at, f"({ex.expected_text('')}) + 1")
    assert not any(key in i.value for i in at.info)            # one attempt left: no answer yet
    submit(at, f"({ex.expected_text('')}) + 2")
    assert any(i.value == f"The right answer: {key}" for i in at.info)
    at.button(key="quiz-finish").click().run()
    assert any(i.value == f"The right answer: {key}" for i in at.info)   # and in the review


def test_no_right_answer_in_a_quiz_that_never_shows_solutions():
    at = start_vectors_quiz(session(), count=1, attempts=1)
    run = at.session_state["quiz-run"]
    run.solutions = "never"
    _, _, ex = current(at)
    submit(at, f"({ex.expected_text('')}) + 1")
    assert run.question_done(0) and not any("The right answer" in i.value for i in at.info)


def test_a_finished_quiz_can_be_reviewed_again_from_the_quiz_page():
    at = start_vectors_quiz(session(), count=2)
    run, _, ex = current(at)
    submit(at, ex.expected_text(""))
    at.button(key="quiz-finish").click().run()
    assert at.metric[0].value == "1 / 2"

    again = session("zh")                                 # a new visit: the set-up page
    assert "quiz-run" not in again.session_state
    finished = [e for e in again.expander if e.label.startswith("已完成的测验")]
    assert finished and finished[0].label.endswith("（1）")
    assert any("1 / 2" in m.value for m in again.markdown)
    again.button(key=f"quiz-review-{run.key}").click().run()
    assert not again.exception
    assert again.metric[0].value == "1 / 2" and len(again.expander) == 2
    again.button(key="quiz-new").click().run()            # back to the set-up, the quiz still listed
    assert again.button(key=f"quiz-review-{run.key}").label == "回顾"
