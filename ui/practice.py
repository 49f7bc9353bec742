"""The practice panel shared by every topic page: a generated exercise, live preview, verdicts, hints."""
from __future__ import annotations

import contextlib
import logging
import random
import time
from typing import Any

import streamlit as st

from quiz_runtime import mistake_label
from ui.answer_box import answer_input, answer_key, localized, show_allowed_vars, show_preview
from ui.exercise_view import get_exercise, get_library, hints_key, show_hints, show_part_prompt, \
    show_prompt, show_solution
from ui.feedback import show_verdict
from ui.i18n import lang, t
from ui.profile import current_profile, keep_pending_attempt, needs_profile_notice, pending_attempts, \
    profile_written, unsaved_progress_notice

_SEEDS = random.SystemRandom()
_log = logging.getLogger(__name__)
MAX_SEED = 2**31 - 1  # seeds from the URL beyond this are ignored


def new_seed(avoid: int | None = None) -> int:
    """A fresh exercise seed (1..999999), different from ``avoid``."""
    while True:
        seed = _SEEDS.randint(1, 999_999)
        if seed != avoid:
            return seed


@st.fragment
def practice_panel(topic_id: str) -> None:
    """Draw the practice panel for ``topic_id``; it reruns alone when the learner checks an answer."""
    with st.container(border=True):
        st.subheader(f"✏️ {t('practice.title')}")
        try:
            templates = get_library().by_topic(topic_id)
        except Exception as error:  # a broken library must not break the page
            st.error(t("practice.library_error", error=type(error).__name__))
            return
        if not templates:
            st.info(t("practice.no_exercises"))
            return
        template_id, seed = _current(topic_id, templates)
        _link_notice(topic_id, (template_id, seed))
        _controls(topic_id, templates, template_id, seed)
        try:
            ex = get_exercise(template_id, seed)
        except Exception:  # e.g. an instructor's template over its budget at this seed
            _log.exception("exercise %s #%s", template_id, seed)
            st.error(t("practice.exercise_error", id=template_id, seed=seed))
            return
        notice = st.container() if needs_profile_notice() else None   # filled after the exercise: it counts
        _exercise(ex, t("practice.seed", id=template_id, seed=seed))    # the attempt just checked
        if notice is not None:
            with notice:
                unsaved_progress_notice()


def _state_key(topic_id: str) -> str:
    return f"practice-{topic_id}-current"


def _current(topic_id: str, templates: list[Any]) -> tuple[str, int]:
    """The exercise on show: the one in the URL (``?ex=ID&seed=N``) when it changed, else this session's, else a
    new one. A link naming an exercise this topic lacks, or an unreadable seed, is answered with another exercise
    (or the same with a new seed) and a notice saying so, never silently."""
    ids = [tpl.id for tpl in templates]
    wanted, seed_text = st.query_params.get("ex"), st.query_params.get("seed")
    current = st.session_state.get(_state_key(topic_id))
    if wanted is not None and (current is None or (wanted, seed_text) != (current[0], str(current[1]))):
        seed = _seed_from(seed_text)
        if wanted not in ids:
            _notice(topic_id, _unknown_exercise(wanted))
            _show(topic_id, *(current or (ids[0], new_seed())))
        elif seed is None and seed_text is not None:
            _notice(topic_id, t("practice.link_bad_seed", seed=_as_code(seed_text), max=f"{MAX_SEED:,}"))
            _show(topic_id, wanted, new_seed())
        else:
            _show(topic_id, wanted, new_seed() if seed is None else seed)
    if st.session_state.get(_state_key(topic_id), ("", 0))[0] not in ids:
        _show(topic_id, ids[0], new_seed())
    return st.session_state[_state_key(topic_id)]


def _seed_from(text: str | None) -> int | None:
    """A seed from the URL: a whole number from 0 to MAX_SEED, else None."""
    try:
        seed = int((text or "").strip())
    except ValueError:
        return None
    return seed if 0 <= seed <= MAX_SEED else None


def _unknown_exercise(wanted: str) -> str:
    """Why a linked exercise is not here: it belongs to another topic, or it does not exist (any longer)."""
    from exercises.topics import topic_by_id

    template = get_library().templates.get(wanted)
    if template is not None:
        topic = topic_by_id(template.topic)
        return t("practice.link_other_topic", id=_as_code(wanted), topic=f"{topic.number}. {topic.title(lang())}")
    return t("practice.link_unknown", id=_as_code(wanted))


def _as_code(text: str, limit: int = 60) -> str:
    """Text from the URL (anyone may write it) shown as inline code: never read as Markdown, at most `limit` long."""
    shown = "".join(c for c in text[:limit] if c.isprintable()).replace("`", "'")
    return f"`{shown}{'…' if len(text) > limit else ''}`"


def _notice(topic_id: str, text: str) -> None:
    st.session_state[f"practice-{topic_id}-link-notice"] = text


def _link_notice(topic_id: str, shown: tuple[str, int]) -> None:
    """The notice about the link that led here, while the exercise it put on show stays."""
    key = f"practice-{topic_id}-link-notice"
    if isinstance(st.session_state.get(key), str):
        st.session_state[key] = (st.session_state[key], shown)
    notice = st.session_state.get(key)
    if notice and notice[1] == shown:
        st.warning(notice[0], icon="🔗")
    else:
        st.session_state.pop(key, None)


def _show(topic_id: str, template_id: str, seed: int) -> None:
    """Make (template, seed) the current exercise and put it in the URL so it can be shared."""
    st.session_state[_state_key(topic_id)] = (template_id, seed)
    st.session_state[f"practice-{topic_id}-template"] = template_id
    st.query_params.update({"ex": template_id, "seed": str(seed)})


def _controls(topic_id: str, templates: list[Any], template_id: str, seed: int) -> None:
    """Template picker (title and difficulty) and the "another one" button."""
    titles = {tpl.id: f"{localized(tpl.title)} · {'★' * int(tpl.difficulty)}" for tpl in templates}
    picker, another = st.columns([4, 1], vertical_alignment="bottom")
    with picker:
        st.selectbox(t("practice.template"), list(titles), key=f"practice-{topic_id}-template",
                     format_func=titles.get, on_change=_picked, args=(topic_id,))
    with another:
        st.button(t("practice.another"), key=f"practice-{topic_id}-another", icon="🎲", width="stretch",
                  on_click=lambda: _show(topic_id, template_id, new_seed(avoid=seed)))


def _picked(topic_id: str) -> None:
    """Selectbox callback: a new exercise from the chosen template."""
    _show(topic_id, st.session_state[f"practice-{topic_id}-template"], new_seed())


def _exercise(ex: Any, note: str) -> None:
    """Prompt (``note`` beside the difficulty), one answer cell per part (checked one by one, with error carried
    forward), hints, solution."""
    prefix = f"ex-{ex.template_id}-{ex.seed}"
    st.session_state.setdefault(f"{prefix}-shown-at", time.time())
    if ex.network is not None:   # a network exercise is filled in on its drawn graph
        from ui.network_view import network_exercise

        network_exercise(ex, prefix, note)
        return
    show_prompt(ex, note)
    for part in ex.parts:
        with st.container(border=True) if len(ex.parts) > 1 else contextlib.nullcontext():
            show_part_prompt(ex, part)
            show_allowed_vars(part)
            _answer_cell(ex, part.id)
    show_hints(ex, prefix)
    show_solution(ex, prefix)


def _answer_text(ex: Any, part: Any) -> str:
    """What the learner has typed for ``part`` so far."""
    value = st.session_state.get(answer_key(ex.template_id, ex.seed, part.id))
    if isinstance(value, list):
        return ",".join(value)
    return (value or "").strip()


@st.fragment
def _answer_cell(ex: Any, part_id: str) -> None:
    """One answer: the input with its live preview, then the Check button and its verdict (`_check_cell`).

    A fragment of its own, so a typing pause reruns only this cell; the Check button and verdict are a fragment
    inside it, so a Check re-sends just those (not the input and the preview, which have not changed)."""
    part = ex.part(part_id)
    text = answer_input(ex, part, key=answer_key(ex.template_id, ex.seed, part.id))
    show_preview(text, part, with_vars=False)
    _check_cell(ex, part_id)


@st.fragment
def _check_cell(ex: Any, part_id: str) -> None:
    """The Check button, the attempts so far and the verdict on the answer as typed now (a verdict on other text
    is not shown). Earlier parts' answers (for error carried forward) are read when checking."""
    index = next(i for i, p in enumerate(ex.parts) if p.id == part_id)
    part = ex.parts[index]
    key = answer_key(ex.template_id, ex.seed, part.id)
    text = _answer_text(ex, part)
    checked = st.button(t("practice.check"), key=f"{key}-check", type="primary")
    if checked and text:
        earlier = {p.id: _answer_text(ex, p) for p in ex.parts[:index] if _answer_text(ex, p)}
        kept = pending_attempts()
        _check(ex, part, text, earlier)
        if pending_attempts() > kept:
            st.rerun()   # kept for the profile picked next: the panel's notice says so (rare: none chosen)
    attempts = int(st.session_state.get(f"{key}-attempts", 0))
    if attempts:
        st.caption(t("practice.attempts", n=attempts))
    last = st.session_state.get(f"{key}-verdict")
    if checked and not text:
        st.warning(t("practice.empty_answer"), icon="⌨️")
    elif last is not None and last[0] == text:
        show_verdict(last[1], interpreted=False)   # the live preview above already shows the reading


def _check(ex: Any, part: Any, text: str, earlier: dict[str, str]) -> None:
    """Judge ``text``; remember the verdict; count and record the attempt unless it could not be read."""
    key = answer_key(ex.template_id, ex.seed, part.id)
    try:
        verdict = ex.check(part.id, text, lang=lang(), earlier=earlier)
    except Exception:  # the checker promises never to raise; if it does, the learner loses nothing
        _log.exception("checking %s #%s part %r failed", ex.template_id, ex.seed, part.id)
        st.session_state[f"{key}-verdict"] = (text, {"status": "invalid", "score": 0.0,
                                                     "message": t("practice.check_failed"), "details": {}})
        return
    st.session_state[f"{key}-verdict"] = (text, verdict)
    if verdict.status != "invalid":
        st.session_state[f"{key}-attempts"] = int(st.session_state.get(f"{key}-attempts", 0)) + 1
    prefix = f"ex-{ex.template_id}-{ex.seed}"
    record_attempt_safely(
        template_id=ex.template_id, topic=ex.topic, seed=ex.seed, part=part.id, answer=text, verdict=verdict,
        hints_used=int(st.session_state.get(hints_key(prefix), 0)),
        seconds=time.time() - st.session_state.get(f"{prefix}-shown-at", time.time()),
    )


def record_attempt_safely(*, template_id: str, topic: str, seed: int, part: str, answer: str, verdict: Any,
                          hints_used: int = 0, seconds: float | None = None, quiz_id: str | None = None,
                          question: int | None = None) -> bool:
    """Record one attempt for the current profile; returns False (and says so once) if it cannot be saved now.

    With no profile picked yet, the attempt is kept in the session and saved to the profile picked next."""
    fields = dict(template_id=template_id, topic=topic, seed=int(seed), part=part, answer=answer,
                  status=verdict.status, score=float(verdict.score), mistake=mistake_label(verdict.details or {}),
                  hints_used=hints_used, seconds=seconds, quiz_id=quiz_id, question=question)
    try:
        from store import Attempt, get_store

        profile = current_profile()
        if not profile:
            keep_pending_attempt(fields)
            return False
        get_store().record_attempt(Attempt(profile=profile, **fields))
        profile_written(profile)
        return True
    except Exception:  # the app keeps working without the store
        if not st.session_state.get("practice-store-warned"):
            st.session_state["practice-store-warned"] = True
            st.toast(t("practice.store_unavailable"), icon="⚠️")
        return False
