"""Quiz: set one up (topics or a quiz file), take it one question at a time, review the results.

The rules live in `quiz_runtime.QuizRun`; this page draws it and saves it in the store after every action,
so a quiz survives a refresh or a closed tab and can be resumed.
"""
from __future__ import annotations

import random
import time
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from exercises.topics import TOPIC_IDS, topic_by_id
from quiz_runtime import QuestionSpec, QuizError, QuizRun, self_study_questions
from ui.answer_box import answer_input, answer_key, localized, show_preview
from ui.exercise_view import get_exercise, get_library, hints_key, show_hints, show_part_prompt, show_prompt, \
    show_solution
from ui.feedback import show_verdict
from ui.auth import require_signed_in
from ui.i18n import lang, t
from ui.practice import record_attempt_safely

RUN_KEY = "quiz-run"
FINISHED_SHOWN = 10       # finished quizzes offered for review on the set-up page
STATUS_ICONS = {"correct": "✅", "partial": "🟡", "incorrect": "❌", "unanswered": "⬜"}
_SEEDS = random.SystemRandom()


# ----- the store (guarded: the quiz works in this tab even when nothing can be saved) -----------------------
def _profile() -> str | None:
    try:
        from ui.profile import current_profile

        return current_profile()
    except Exception:
        return st.session_state.get("profile")


def _store() -> Any:
    try:
        from store import get_store

        return get_store()
    except Exception:
        return None


def _save(run: QuizRun) -> None:
    """Save the quiz state (and close it in the store once finished)."""
    store, profile = _store(), _profile()
    if store is None or not profile:
        return
    try:
        store.save_quiz(profile, run.key, run.to_dict())
        if run.finished_at is not None:
            store.finish_quiz(profile, run.key)
    except Exception:
        st.session_state["quiz-save-failed"] = True


def _open_quizzes() -> list[tuple[str, dict]]:
    store, profile = _store(), _profile()
    if store is None or not profile:
        return []
    try:
        return list(store.open_quizzes(profile))
    except Exception:
        return []


def _finished_quizzes() -> list[tuple[str, dict]]:
    store, profile = _store(), _profile()
    if store is None or not profile:
        return []
    try:
        return list(store.finished_quizzes(profile, limit=FINISHED_SHOWN))
    except Exception:
        return []


def _review_again(run: QuizRun) -> None:
    """Show a finished quiz's results again (nothing to save: it stays finished)."""
    st.session_state[RUN_KEY] = run
    st.session_state[f"{RUN_KEY}-profile"] = _profile()


def _begin(run: QuizRun) -> None:
    """Make ``run`` the quiz on show and save it."""
    st.session_state[RUN_KEY] = run
    st.session_state[f"{RUN_KEY}-profile"] = _profile()
    _save(run)


# ----- setup -------------------------------------------------------------------------------------------------
def _setup() -> None:
    """Resume a saved quiz, build one from topics, or start one from a quiz file."""
    _resume_list()
    _finished_list()
    build, from_file = st.tabs([t("quiz.self_study"), t("quiz.from_file")])
    with build:
        _self_study_form()
    with from_file:
        _quiz_file_form()


def _resume_list() -> None:
    saved = _open_quizzes()
    if not saved:
        return
    st.subheader(t("quiz.resume_header"))
    for key, state in saved:
        try:
            run = QuizRun.from_dict(state, generate=get_exercise)
        except Exception:  # a state from an older format: not resumable, but never a crash
            continue
        done = sum(run.question_done(i) for i in range(len(run.questions)))
        with st.container(border=True):
            line, resume, discard = st.columns([6, 1, 1], vertical_alignment="center")
            line.markdown(t("quiz.resume_line", title=localized(run.title) or key, done=done,
                            total=len(run.questions)))
            resume.button(t("quiz.resume"), key=f"quiz-resume-{key}", type="primary", on_click=_begin,
                          args=(run,))
            discard.button(t("quiz.discard"), key=f"quiz-discard-{key}", on_click=_discard, args=(key,))


def _finished_list() -> None:
    """The quizzes finished lately, each with its score and a button to open its review again."""
    finished = []
    for key, state in _finished_quizzes():
        try:
            finished.append((key, QuizRun.from_dict(state, generate=get_exercise)))
        except Exception:  # a state from an older format: not reviewable, but never a crash
            continue
    if not finished:
        return
    with st.expander(t("quiz.finished_header", n=len(finished))):
        for key, run in finished:
            results = run.results()
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(run.finished_at))
            line, review = st.columns([5, 1], vertical_alignment="center")
            line.markdown(t("quiz.finished_line", title=localized(run.title) or key, when=when,
                            score=f"{results.score:g} / {results.max_score:g}"))
            review.button(t("quiz.review"), key=f"quiz-review-{key}", on_click=_review_again, args=(run,),
                          width="stretch")


def _discard(key: str) -> None:
    store, profile = _store(), _profile()
    if store is not None and profile:
        try:
            store.finish_quiz(profile, key)
        except Exception:
            pass


def _practised_topics() -> list[str]:
    """Topics the learner has tried (book order); all topics if none yet."""
    store, profile = _store(), _profile()
    tried: set[str] = set()
    if store is not None and profile:
        try:
            tried = set(store.mastery(profile))
        except Exception:
            tried = set()
    return [tp for tp in TOPIC_IDS if tp in tried] or list(TOPIC_IDS)


def _topic_title(topic_id: str) -> str:
    try:
        return topic_by_id(topic_id).title(lang())
    except KeyError:
        return topic_id


def _self_study_form() -> None:
    everything = st.checkbox(t("quiz.everything"), key="quiz-everything")
    titles = {tp: _topic_title(tp) for tp in TOPIC_IDS}   # labels fixed now, not looked up later
    chosen = st.multiselect(t("quiz.topics"), list(TOPIC_IDS), key="quiz-topics", format_func=titles.get,
                            disabled=everything)
    left, middle, right = st.columns(3)
    count = left.number_input(t("quiz.count"), 1, 30, 5, key="quiz-count")
    levels = {None: t("quiz.difficulty_any"), 1: "★", 2: "★★", 3: "★★★"}
    difficulty = middle.selectbox(t("quiz.difficulty"), list(levels), key="quiz-difficulty",
                                  format_func=levels.get)
    attempts = right.number_input(t("quiz.attempts_allowed"), 1, 5, 3, key="quiz-attempts")
    minutes = st.number_input(t("quiz.minutes"), 0, 180, 0, key="quiz-minutes")
    if not st.button(t("quiz.start"), key="quiz-start", type="primary", icon="▶️"):
        return
    topics = _practised_topics() if everything else [tp for tp in TOPIC_IDS if tp in chosen]
    if not topics:
        st.warning(t("quiz.pick_topics"))
        return
    specs = self_study_questions(get_library(), topics, int(count), difficulty, _SEEDS.randint(1, 999_999))
    if not specs:
        st.warning(t("quiz.no_questions"))
        return
    title = {code: _self_title(code, topics, everything) for code in ("en", "zh")}
    _begin(QuizRun.start(specs, get_exercise, time_limit=60 * int(minutes) or None, max_attempts=int(attempts),
                         title=title, source={"kind": "self", "topics": topics, "difficulty": difficulty}))
    st.rerun()


def _self_title(code: str, topics: list[str], everything: bool) -> str:
    """The title of a self-study quiz in one language (saved in both, so a resumed quiz follows the switch)."""
    if everything:
        return _title_in(code, "quiz.self_title_all")
    names = ("、" if code == "zh" else ", ").join(topic_by_id(tp).title(code) for tp in topics[:3]) + ("…" if len(topics) > 3 else "")
    return _title_in(code, "quiz.self_title", topics=names)


def _title_in(code: str, key: str, **fmt: Any) -> str:
    """A string in a given language (quiz titles are saved in both)."""
    from ui.i18n import catalogue

    return catalogue().strings[key][code].format(**fmt)


def _library_quizzes() -> list[Any]:
    quizzes = getattr(get_library(), "quizzes", None) or {}
    return list(quizzes.values()) if isinstance(quizzes, dict) else list(quizzes)


def _quiz_file_form() -> None:
    quizzes = _library_quizzes()
    if not quizzes:
        st.info(t("quiz.no_files"))
        return
    by_id = {quiz.id: quiz for quiz in quizzes}
    titles = {qid: localized(quiz.title) for qid, quiz in by_id.items()}
    picked = st.selectbox(t("quiz.file"), list(by_id), key="quiz-file", format_func=titles.get)
    quiz = by_id[picked]
    if localized(quiz.instructions):
        st.markdown(localized(quiz.instructions))
    minutes = quiz.time_limit_minutes
    st.caption(t("quiz.file_info", count=sum(e.count for e in quiz.entries), points=f"{quiz.total_points():g}",
                 attempts=quiz.attempts,
                 limit=t("quiz.minutes_short", minutes=minutes) if minutes else t("quiz.no_limit")))
    if not quiz.is_open():
        st.warning(t("quiz.file_closed"), icon="🔒")
        return
    if not st.button(t("quiz.start"), key="quiz-file-start", type="primary", icon="▶️"):
        return
    resumable = [state for _, state in _open_quizzes() if (state.get("source") or {}).get("quiz") == quiz.id
                 and (state.get("source") or {}).get("kind") == "file"]
    try:
        if resumable:
            run = QuizRun.from_dict(resumable[0], generate=get_exercise)
        else:
            from exercises.quiz import build_questions

            specs = [QuestionSpec(q.template_id, q.seed, q.points)
                     for q in build_questions(quiz, get_library(), _profile() or "")]
            run = QuizRun.start(specs, get_exercise, time_limit=60 * minutes if minutes else None,
                                max_attempts=quiz.attempts, title=_both(quiz.title), hints=quiz.hints,
                                solutions=quiz.solutions, source={"kind": "file", "quiz": quiz.id})
    except Exception as error:
        st.error(t("quiz.file_error", error=str(error) or type(error).__name__))
        return
    _begin(run)
    st.rerun()


def _both(text: Any) -> dict[str, str]:
    if isinstance(text, dict):
        return {code: str(text.get(code) or text.get("en") or "") for code in ("en", "zh")}
    return {"en": str(text), "zh": str(text)}


# ----- taking the quiz ---------------------------------------------------------------------------------------
@st.fragment(run_every=1)
def _countdown(key: str) -> None:
    """A visible countdown; when it reaches zero the whole page reruns to show the results."""
    run = st.session_state.get(RUN_KEY)
    if run is None or run.key != key:
        return
    left = run.remaining_seconds()
    if left is None:
        return
    st.metric(t("quiz.time_left"), f"⏱️ {int(left) // 60:02d}:{int(left) % 60:02d}")
    if left <= 0:
        st.rerun(scope="app")


def _question_page(run: QuizRun) -> None:
    total = len(run.questions)
    done = sum(run.question_done(i) for i in range(total))
    index = run.current
    head, clock = st.columns([4, 1], vertical_alignment="center")
    with head:
        st.markdown(f"### {localized(run.title)}")
        st.progress(done / total, text=t("quiz.progress", n=index + 1, total=total, done=done))
    if run.time_limit is not None:
        with clock:
            _countdown(run.key)
    _jump_bar(run)
    ex = run.exercise(index)
    with st.container(border=True):
        show_prompt(ex)
        for part in ex.parts:
            _quiz_part(run, index, ex, part)
        prefix = f"quiz-{run.key}-{index}"
        if run.hints_now():
            st.session_state[hints_key(prefix)] = run.questions[index].hints_used
            show_hints(ex, prefix, on_reveal=lambda: _act(run, lambda: run.use_hint(index, len(ex.hints))))
        if run.solutions_now():
            show_solution(ex, prefix)
    _question_actions(run, index, done == total)


def _jump_bar(run: QuizRun) -> None:
    """One small button per question, with its state, to move around (skip and come back)."""
    st.caption(t("quiz.jump"))
    columns = st.columns(min(len(run.questions), 15))
    results = run.results()
    for i, result in enumerate(results.questions):
        if run.question_done(i):
            icon = STATUS_ICONS[result.status]
        else:
            icon = "⏭️" if run.questions[i].skipped else ("✏️" if result.submissions else STATUS_ICONS["unanswered"])
        columns[i % len(columns)].button(
            f"{i + 1} {icon}", key=f"quiz-goto-{i}", type="primary" if i == run.current else "secondary",
            on_click=_act, args=(run, lambda i=i: run.go_to(i)), width="stretch")


def _quiz_part(run: QuizRun, index: int, ex: Any, part: Any) -> None:
    """One answer cell: input with live preview, submit, attempts left, the last verdict."""
    show_part_prompt(ex, part)
    closed = run.part_done(index, part.id)
    key = answer_key(ex.template_id, ex.seed, part.id)
    submissions = run.questions[index].part_submissions(part.id)
    if submissions and key not in st.session_state:   # a resumed quiz shows the last answer given
        last = submissions[-1].text
        st.session_state[key] = last.split(",") if part.kind == "choice" and "," in ex.expected_text(part.id) \
            else last
    box, button = st.columns([5, 1], vertical_alignment="bottom")
    with box:
        text = answer_input(ex, part, key=key, disabled=closed)
    with button:
        st.button(t("quiz.submit"), key=f"quiz-{index}-{part.id}-submit", type="primary", disabled=closed,
                  width="stretch", on_click=_submit, args=(run, index, part.id, key))
    if not closed:
        show_preview(text, part)
    if submissions:
        show_verdict(submissions[-1].verdict_dict(), interpreted=closed)
    if run.answer_shown(index, part.id):
        _right_answer(ex, part.id)
    if not closed:
        st.caption(t("quiz.attempts_left", n=run.attempts_left(index, part.id)))


def _right_answer(ex: Any, part_id: str) -> None:
    """The key of a part, once it can no longer be answered."""
    st.info(t("quiz.right_answer", answer=f"$\\displaystyle {ex.expected_latex(part_id)}$"), icon="🔑")


def _submit(run: QuizRun, index: int, part_id: str, key: str) -> None:
    """Submit callback: check and record the answer in ``key``, then save (a closed quiz just saves)."""
    value = st.session_state.get(key)
    text = (",".join(value) if isinstance(value, list) else (value or "")).strip()
    try:
        verdict = run.submit(index, part_id, text, lang=lang())
    except QuizError:
        _save(run)
        return
    except Exception:  # the checker promises never to raise; if it does, no attempt is used
        st.session_state["quiz-check-failed"] = True
        return
    _save(run)
    ex, question = run.exercise(index), run.questions[index]
    record_attempt_safely(template_id=ex.template_id, topic=ex.topic, seed=ex.seed, part=part_id, answer=text,
                          verdict=verdict, hints_used=question.hints_used, quiz_id=run.quiz_id, question=index)


def _act(run: QuizRun, action: Any) -> None:
    """Run a quiz action (callback), then save; an action refused because the quiz closed just saves."""
    try:
        action()
    except QuizError:
        pass
    _save(run)


def _question_actions(run: QuizRun, index: int, all_done: bool) -> None:
    skip, finish = st.columns(2)
    if all_done:
        st.success(t("quiz.all_done"), icon="🎉")
        finish.button(t("quiz.see_results"), key="quiz-finish", type="primary", icon="🏁",
                      on_click=_act, args=(run, run.finish))
        return
    if run.question_done(index):
        skip.button(t("quiz.next"), key="quiz-next", icon="➡️", on_click=_act, args=(run, lambda: run.skip(index)))
    else:
        skip.button(t("quiz.skip"), key="quiz-skip", icon="⏭️", on_click=_act, args=(run, lambda: run.skip(index)))
    finish.button(t("quiz.finish"), key="quiz-finish", icon="🏁", on_click=_act, args=(run, run.finish))


# ----- results -----------------------------------------------------------------------------------------------
def _results_page(run: QuizRun) -> None:
    results = run.results()
    st.markdown(f"### {t('quiz.results')} · {localized(run.title)}")
    score, taken, right = st.columns(3)
    score.metric(f"{t('quiz.score')} · {results.percent:.0f}%", f"{results.score:g} / {results.max_score:g}")
    seconds = int(round(results.seconds))
    taken.metric(t("quiz.time_taken"), f"{seconds // 60}:{seconds % 60:02d}")
    right.metric(t("quiz.correct_count"), f"{sum(q.status == 'correct' for q in results.questions)} / "
                                           f"{len(results.questions)}")
    st.markdown(f"**{t('quiz.per_topic')}**")
    st.altair_chart(topic_chart(results.per_topic), width="stretch")
    for result in results.questions:
        _review(run, result)
    retry, new = st.columns(2)
    if results.missed:
        retry.button(t("quiz.retry_missed"), key="quiz-retry", type="primary", icon="🔁", on_click=_retry,
                     args=(run,))
    else:
        retry.success(t("quiz.all_right"), icon="🎉")
    new.button(t("quiz.new"), key="quiz-new", icon="➕", on_click=st.session_state.pop, args=(RUN_KEY, None))


ZERO_STUB_PERCENT = 1.2


def topic_chart(per_topic: dict[str, tuple[float, float]]) -> alt.Chart:
    """Bars of the score per topic in percent, topics in the learner's language."""
    rows = [{"topic": _topic_title(tp), "percent": round(100 * got / out_of, 1) if out_of else 0.0,
             "score": f"{got:g} / {out_of:g}"} for tp, (got, out_of) in per_topic.items()]
    data = pd.DataFrame(rows, columns=["topic", "percent", "score"])
    data["shown"] = data["percent"].clip(lower=ZERO_STUB_PERCENT)   # a 0 % bar still shows as a stub
    base = alt.Chart(data).encode(
        x=alt.X("shown:Q", title=t("quiz.percent_axis"), scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(values=[0, 25, 50, 75, 100])),
        y=alt.Y("topic:N", title=t("quiz.topic_axis"), sort=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
        tooltip=["topic", "score", "percent"],
    )
    bars = base.mark_bar(cornerRadiusEnd=4).encode(
        color=alt.Color("percent:Q", scale=alt.Scale(domain=[0, 100], scheme="redyellowgreen"), legend=None))
    labels = base.mark_text(align="left", dx=6).encode(text="score:N")
    return (bars + labels).properties(height=44 * len(rows) + 30)


def _review(run: QuizRun, result: Any) -> None:
    """One question on the results page: prompt, every answer with its verdict, hints used, the solution."""
    ex = run.exercise(result.index)
    label = t("quiz.question_line", icon=STATUS_ICONS[result.status], n=result.index + 1,
              title=localized(ex.title), score=f"{result.score:g}/{result.points:g}")
    with st.expander(label, expanded=result.status != "correct"):
        st.markdown(localized(ex.prompt))
        st.markdown(f"**{t('quiz.your_answers')}**")
        if not result.submissions:
            st.caption(t("quiz.no_answer"))
        for submission in result.submissions:
            if len(ex.parts) > 1:
                st.caption(t("practice.part", part=submission.part))
            st.code(submission.text or " ", language=None)
            show_verdict(submission.verdict_dict())
        for part in ex.parts:
            if run.answer_shown(result.index, part.id):
                if len(ex.parts) > 1:
                    st.caption(t("practice.part", part=part.id))
                _right_answer(ex, part.id)
        if result.hints_used:
            st.caption(t("quiz.hints_used", n=result.hints_used))
        if run.hints == "after" and ex.hints:
            st.markdown(f"**{t('quiz.hints_after')}**")
            for hint in ex.hints:
                st.markdown(f"- {localized(hint)}")
        if run.solutions_now():
            st.markdown(f"**{t('practice.solution')}**")
            st.markdown(localized(ex.solution))


def _retry(run: QuizRun) -> None:
    retry = run.retry_missed(_SEEDS.randint(1, 999_999))
    retry.title = {code: _title_in(code, "quiz.retry_title", title=(run.title or {}).get(code, ""))
                   for code in ("en", "zh")}
    _begin(retry)


# ----- the page ----------------------------------------------------------------------------------------------
def main() -> None:
    require_signed_in()   # class mode: never for a visitor
    st.title(t("quiz.title"))
    if not _profile():
        st.info(t("quiz.no_profile"), icon="👤")
    if st.session_state.get(f"{RUN_KEY}-profile") != _profile():   # another learner took the seat
        st.session_state.pop(RUN_KEY, None)
    run: QuizRun | None = st.session_state.get(RUN_KEY)
    if run is None:
        st.caption(t("quiz.intro"))
        _setup()
        return
    if st.session_state.pop("quiz-save-failed", False):
        st.warning(t("quiz.saving_off"), icon="⚠️")
    if st.session_state.pop("quiz-check-failed", False):
        st.warning(t("practice.check_failed"), icon="⚠️")
    if run.finished_at is None and run.is_over():
        run.finish()
        _save(run)
        st.info(t("quiz.time_up"), icon="⏰")
    if run.finished_at is not None:
        _results_page(run)
    else:
        _question_page(run)


main()
