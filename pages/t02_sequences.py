"""Topic 2 — sequences: terms and partial sums of arithmetic, geometric and recurrent sequences."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import labeller, lang, t
from ui.layout import chart_cache, formula, practice, show, topic_header

TOPIC = "sequences"
KINDS = ("arithmetic", "geometric", "recurrence")


@chart_cache
def terms_chart(terms: tuple[float, ...], language: str) -> charts.Spec:
    """The terms as bars and the partial sums as a line."""
    return charts.bars_and_line(np.arange(1, len(terms) + 1), terms, tm.partial_sums(np.array(terms)),
                                bar_name=t("topics.sequences.term"), line_name=t("topics.sequences.sum"))


topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    kind = st.radio(t("topics.sequences.kind"), KINDS, key="sequences-kind", horizontal=True,
                    format_func=labeller("topics.sequences.kind", KINDS))
    a1 = st.slider("a₁", -5.0, 5.0, 1.0, 0.5, key="sequences-a1")
    if kind == "arithmetic":
        d = st.slider(t("topics.sequences.d"), -3.0, 3.0, 2.0, 0.5, key="sequences-d")
    elif kind == "geometric":
        r = st.slider(t("topics.sequences.r"), -2.0, 2.0, 0.5, 0.1, key="sequences-r")
    else:
        p = st.slider("p", -2.0, 2.0, 1.0, 0.1, key="sequences-p")
        q = st.slider("q", -3.0, 3.0, 2.0, 0.5, key="sequences-q")
    n = st.slider(t("topics.sequences.n"), 2, 20, 8, key="sequences-n")

if kind == "arithmetic":
    terms = tm.arithmetic_terms(a1, d, n)
    rule = [r"a_n = a_1 + (n-1)d", rf"a_n = {a1:g} + (n-1)\cdot({d:g})"]
elif kind == "geometric":
    terms = tm.geometric_terms(a1, r, n)
    rule = [r"a_n = a_1 r^{n-1}", rf"a_n = {a1:g}\cdot({r:g})^{{n-1}}"]
else:
    terms = tm.recurrence_terms(a1, p, q, n)
    rule = [rf"a_1 = {a1:g}", rf"a_{{n+1}} = {p:g}\,a_n + ({q:g})"]
with controls:
    for line in rule:
        formula(line)
    formula(r"S_n = \sum_{k=1}^{n} a_k")
with chart:
    show(terms_chart(tuple(float(v) for v in terms), lang()))
    st.caption(t("topics.sequences.first_terms", terms=", ".join(f"{v:.4g}" for v in terms[:8])))

practice(TOPIC)
