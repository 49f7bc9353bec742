"""The load benchmark's yardstick: the least a Streamlit app can do to check one SymPy answer in a fragment.

A live text input, a Check button and the verdict — three elements re-sent per Check — judged by the same
checker as the app (`solver.check`, which builds SymPy objects with its own grammar). `scripts/bench_load.py`
starts it with the app's server settings and compares.
"""
from __future__ import annotations

import streamlit as st

from solver import check

EXPECTED = "2*x + 1"   # the bench types "1 + 2x" (right) and "2x + 1 + k" (wrong)


@st.fragment
def answer_cell() -> None:
    """Type, check, see the verdict."""
    text = st.text_input("Answer", key="answer", live="300ms") or ""
    if st.button("Check", key="check"):
        verdict = check("expression", EXPECTED, text, vars=["x"])
        (st.success if verdict.status == "correct" else st.error)(verdict.message)


answer_cell()
