"""The load benchmark's yardstick: the least a Streamlit app can do to check one SymPy answer in a fragment.

A live text input, a Check button and the verdict — three elements re-sent per Check — judged by the same
checker as the app (`solver.check`, which builds SymPy objects with its own grammar) against the same key the
benchmark pins in the app: ``?kind=number&expected=-7&vars=`` (default: the expression ``2*x + 1`` of ``x``).
`scripts/bench_load.py` starts it with the app's server settings and compares.
"""
from __future__ import annotations

import streamlit as st

from solver import check


@st.fragment
def answer_cell(kind: str, expected: str, variables: list[str]) -> None:
    """Type, check, see the verdict."""
    text = st.text_input("Answer", key="answer", live=True) or ""
    if st.button("Check", key="check"):
        verdict = check(kind, expected, text, vars=variables)
        (st.success if verdict.status == "correct" else st.error)(verdict.message)


answer_cell(st.query_params.get("kind", "expression"), st.query_params.get("expected", "2*x + 1"),
            [v for v in st.query_params.get("vars", "x").split(",") if v])
