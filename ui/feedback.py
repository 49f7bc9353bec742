"""The verdict panel: the solver's message and the details that help the learner see what went wrong."""
from __future__ import annotations

from typing import Any, Mapping

import streamlit as st

from ui.i18n import t


def show_verdict(verdict: Any, *, interpreted: bool = True) -> None:
    """Draw a ``solver.Verdict`` (or its ``to_dict()`` form): a coloured box with the solver's message, then
    the details. ``interpreted=False`` leaves out how the answer was read (when a live preview already shows it).
    """
    data = _as_dict(verdict)
    status, message = data.get("status"), data.get("message") or ""
    details: Mapping[str, Any] = data.get("details") or {}
    score = float(data.get("score") or 0)
    if status == "correct":   # right from the learner's own earlier values: its message says so (`exercises.ecf`)
        st.success(message or t("practice.correct"), icon="↪️" if details.get("ecf") else "✅")
    elif status == "invalid":
        st.warning(message or t("practice.invalid"), icon="⌨️")
        _show_error_position(details)
        st.caption(t("practice.invalid_free"))
        return
    elif score > 0:
        st.warning(f"**{t('practice.partial', percent=round(100 * score))}** · {message}", icon="🟡")
    else:
        st.error(message or t("practice.incorrect"), icon="❌")
    _show_details(data, details, interpreted=interpreted)


def _as_dict(verdict: Any) -> dict[str, Any]:
    """Accept a Verdict dataclass or a plain dict (as kept in a saved quiz)."""
    if isinstance(verdict, Mapping):
        return dict(verdict)
    return {
        "status": verdict.status, "score": verdict.score, "message": verdict.message,
        "interpreted": verdict.interpreted, "details": dict(verdict.details or {}),
    }


def _show_details(data: Mapping[str, Any], details: Mapping[str, Any], *, interpreted: bool) -> None:
    """Interpretation, wrong entries, counterexample and anticipated mistake."""
    mistake = details.get("mistake")
    if isinstance(mistake, Mapping) and mistake.get("message") and mistake["message"] != data.get("message"):
        st.info(f"**{t('practice.mistake')}:** {mistake['message']}", icon="💡")
    if details.get("transposed"):
        st.caption(t("practice.transposed"))
    wrong = details.get("wrong_entries")
    if wrong:
        st.caption(t("practice.wrong_entries", entries=_entries(wrong)))
    example = details.get("counterexample")
    if example and _point(example) not in str(data.get("message") or ""):   # not when the message names it
        st.caption(_counterexample(example))
    if interpreted and data.get("interpreted"):
        st.markdown(f"{t('practice.interpreted')}: $\\displaystyle {data['interpreted']}$")


def _show_error_position(details: Mapping[str, Any]) -> None:
    """Point at the column of a parse error, when the solver gave one."""
    error = details.get("error")
    if isinstance(error, Mapping) and error.get("column") is not None:
        st.caption(t("practice.error_column", column=int(error["column"])))   # the solver counts from 1


def _entries(wrong: Any) -> str:
    """Format the solver's 1-based wrong entries: ``(1, 2)`` for matrices, ``2`` for vectors."""
    if not isinstance(wrong, (list, tuple)):
        return str(wrong)
    items = []
    for entry in wrong:
        if isinstance(entry, (list, tuple)) and len(entry) == 1:
            items.append(str(entry[0]))
        elif isinstance(entry, (list, tuple)):
            items.append("(" + ", ".join(str(i) for i in entry) + ")")
        else:
            items.append(str(entry))
    return ", ".join(items)


def _point(example: Any) -> str:
    """Where the learner's expression and the answer differ, as written: ``x = 0.5, y = 2``."""
    if isinstance(example, Mapping):
        return ", ".join(f"{k} = {v}" for k, v in dict(example.get("point", example)).items())
    return str(example)


def _counterexample(example: Any) -> str:
    """A point where the learner's expression and the answer differ."""
    if isinstance(example, Mapping) and "got" in example and "expected" in example and "point" in example:
        return t("practice.counterexample", point=_point(example), got=example["got"], expected=example["expected"])
    return t("practice.counterexample_plain", point=_point(example))
