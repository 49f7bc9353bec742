"""Topic 2 — sequences: terms and partial sums of arithmetic, geometric and recurrent sequences."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import labeller, t
from ui.layout import practice, show, topic_header

TOPIC = "sequences"
KINDS = ("arithmetic", "geometric", "recurrence")

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
    formula = rf"a_n = a_1 + (n-1)d = {a1:g} + (n-1)\cdot({d:g})"
elif kind == "geometric":
    terms = tm.geometric_terms(a1, r, n)
    formula = rf"a_n = a_1 r^{{n-1}} = {a1:g}\cdot({r:g})^{{n-1}}"
else:
    terms = tm.recurrence_terms(a1, p, q, n)
    formula = rf"a_1 = {a1:g},\quad a_{{n+1}} = {p:g}\,a_n + ({q:g})"
sums = tm.partial_sums(terms)

with controls:
    st.latex(formula)
    st.latex(r"S_n = \sum_{k=1}^{n} a_k")
with chart:
    term_name, sum_name = t("topics.sequences.term"), t("topics.sequences.sum")
    k = np.arange(1, n + 1)
    bars = alt.Chart(pd.DataFrame({"k": k, "value": terms, "series": term_name})).mark_bar(
        opacity=0.85, cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        x=alt.X("k:O", title="k", axis=alt.Axis(labelAngle=0)), y=alt.Y("value:Q", title=None),
        color=alt.Color("series:N", scale=alt.Scale(domain=[term_name, sum_name], range=list(charts.PALETTE[:2])),
                        title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["k", alt.Tooltip("value:Q", format=".4g")])
    line = alt.Chart(pd.DataFrame({"k": k, "value": sums, "series": sum_name})).mark_line(
        point=True, strokeWidth=2.5).encode(x="k:O", y="value:Q", color="series:N",
                                            tooltip=["k", alt.Tooltip("value:Q", format=".4g")])
    show((bars + line).properties(height=charts.HEIGHT))
    st.caption(t("topics.sequences.first_terms", terms=", ".join(f"{v:.4g}" for v in terms[:8])))

practice(TOPIC)
