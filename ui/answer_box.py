"""The answer input with a live preview of how the learner's text is read."""
from __future__ import annotations

from typing import Any

import streamlit as st

from solver import preview
from store import MAX_ANSWER_CHARS
from ui.i18n import lang, t

CHOICE_LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def answer_key(template_id: str, seed: int, part: str) -> str:
    """The deterministic widget key of one answer cell (architecture contract)."""
    return f"ex-{template_id}-{seed}-{part}"


def localized(text: Any) -> str:
    """Pick the current language from an ``{"en", "zh"}`` dict; plain strings pass through."""
    if isinstance(text, dict):
        return str(text.get(lang()) or text.get("en") or next(iter(text.values()), ""))
    return "" if text is None else str(text)


def answer_input(ex: Any, part: Any, *, key: str, disabled: bool = False) -> str:
    """Draw the input for one part and return the learner's answer text ("" when empty).

    Free text commits while typing (after a short pause) so the preview is live; choice parts show radio
    buttons (or a multiselect when several labels are expected) and return labels such as ``"A,C"``.
    """
    if part.kind == "choice":
        return _choice_box(ex, part, key=key, disabled=disabled)
    text = st.text_input(
        t("practice.answer"),
        key=key,
        placeholder=t("practice.answer_placeholder"),
        disabled=disabled,
        live=True,   # a 250 ms pause (a duration string would be parsed by pandas at every run)
        autocomplete="off",
        max_chars=MAX_ANSWER_CHARS,   # what the progress store keeps of an answer
    ) or ""
    return text.strip()


def show_allowed_vars(part: Any) -> None:
    """The variables an expression answer may use (a caption; nothing for other kinds)."""
    variables = list(getattr(part, "vars", ()) or ())
    if variables and part.kind == "expression":
        st.caption(t("practice.vars_allowed", vars=", ".join(f"`{v}`" for v in variables)))


def show_preview(text: str, part: Any, *, with_vars: bool = True) -> None:
    """Show how ``text`` is read (LaTeX), or why it cannot be read; nothing for choice parts. ``with_vars``
    first lists the variables allowed (leave it out where `show_allowed_vars` is drawn once, above the input)."""
    if part.kind == "choice":
        return
    if with_vars:
        show_allowed_vars(part)
    variables = list(getattr(part, "vars", ()) or ())
    if not text.strip():
        st.caption(t("practice.preview_waiting"))
        return
    spec = getattr(part, "spec", None)
    shown = preview(text, kind=part.kind, vars=variables, lang=lang(), lhs=tuple(getattr(spec, "lhs", ()) or ()))
    if shown.ok and shown.latex:
        st.markdown(f"🔎 {t('practice.preview_label')} $\\displaystyle {shown.latex}$")
        if shown.message:  # a reading worth a hint: e^-2x is e^(-2)·x
            st.caption(f"💡 {shown.message}")
    elif shown.message:
        st.caption(f"⚠️ {shown.message}")


def _choice_box(ex: Any, part: Any, *, key: str, disabled: bool) -> str:
    """Radio (one expected label) or multiselect (several) over the part's choices."""
    options = [localized(c) for c in (part.choices or [])]
    labels = list(CHOICE_LABELS[: len(options)])
    shown = {label: f"**{label}.** {text}" for label, text in zip(labels, options)}
    if "," in ex.expected_text(part.id):
        plain = {label: f"{label}. {text}" for label, text in zip(labels, options)}
        picked = st.multiselect(t("practice.choose_all"), labels, key=key, disabled=disabled,
                                format_func=plain.get)
        return ",".join(picked)
    picked_one = st.radio(t("practice.choose"), labels, index=None, key=key, disabled=disabled,
                          format_func=shown.get)
    return picked_one or ""
