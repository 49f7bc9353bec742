"""How an exercise is shown: prompt, hints one at a time, the worked solution on request."""
from __future__ import annotations

from typing import Any

import streamlit as st

from ui.answer_box import localized
from ui.i18n import t


def show_prompt(ex: Any, note: str = "") -> None:
    """The exercise's title, a line with its difficulty (and ``note``), and its prompt (Markdown with LaTeX)."""
    stars = "★" * int(ex.difficulty) + "☆" * max(0, 3 - int(ex.difficulty))
    st.markdown(f"#### {localized(ex.title)}")
    st.caption(" · ".join([t("practice.difficulty", stars=stars), *([note] if note else [])]))
    st.markdown(localized(ex.prompt))


def show_part_prompt(ex: Any, part: Any) -> None:
    """The prompt of one part of a multi-part exercise (nothing for a single-answer one)."""
    if len(ex.parts) > 1 or part.id:
        st.markdown(f"**{t('practice.part', part=part.id)}** {localized(part.prompt)}")


def hints_key(prefix: str) -> str:
    """Session-state key counting the hints revealed for ``prefix`` (an exercise or quiz question)."""
    return f"{prefix}-hints"


def show_hints(ex: Any, prefix: str, *, on_reveal: Any = None) -> int:
    """Reveal hints one at a time; returns how many the learner has seen.

    ``on_reveal`` (optional) is called with no argument when a new hint is revealed (the quiz records it).
    """
    total = len(ex.hints)
    if not total:
        return 0
    count_key = hints_key(prefix)
    seen = int(st.session_state.get(count_key, 0))
    for n, hint in enumerate(ex.hints[:seen], start=1):
        st.info(f"**{t('practice.hint', n=n, total=total)}** · {localized(hint)}", icon="💡")
    if seen < total:
        label = t("practice.show_hint") if seen == 0 else t("practice.next_hint")
        st.button(label, key=f"{prefix}-hint", icon="💡", on_click=_reveal, args=(count_key, on_reveal))
    return seen


def _reveal(count_key: str, on_reveal: Any) -> None:
    """Button callback: one more hint."""
    st.session_state[count_key] = int(st.session_state.get(count_key, 0)) + 1
    if on_reveal is not None:
        on_reveal()


def show_solution(ex: Any, prefix: str) -> bool:
    """The worked solution behind a toggle; returns whether it is shown."""
    shown = st.toggle(t("practice.show_solution"), key=f"{prefix}-solution")
    if shown:
        with st.container(border=True):
            st.markdown(f"**{t('practice.solution')}**")
            st.markdown(localized(ex.solution))
    return shown


def get_library() -> Any:
    """The exercise library: built-in files (loaded once per server process) and the instructors' files, reloaded
    when those change (see `classroom.library_source`)."""
    from classroom.library_source import library_source

    return library_source().library()


def get_exercise(template_id: str, seed: int) -> Any:
    """The exercise generated from ``template_id`` and ``seed`` (deterministic, so kept by the library)."""
    return get_library().exercise(template_id, int(seed))
