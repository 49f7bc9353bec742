"""Topic 3 — Σ notation: the terms and their running sum, and linearity shown side by side."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import practice, show, topic_header

TOPIC = "sigma"

topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    n = st.slider("n", 1, 15, 6, key="sigma-n")
    c = st.slider("c", -3.0, 3.0, 2.0, 0.5, key="sigma-c")
lin = tm.sigma_linearity(n, c)
with controls:
    st.latex(rf"\sum_{{k=1}}^{{{n}}} ({c:g}\,k + k^2) = {lin.left:g}")
    st.latex(rf"{c:g}\sum_{{k=1}}^{{{n}}} k + \sum_{{k=1}}^{{{n}}} k^2 = {c:g}\cdot{lin.sum_a:g} + {lin.sum_b:g}"
             rf" = {lin.right:g}")
with chart:
    term, running = t("topics.sigma.term"), t("topics.sigma.running")
    df = pd.DataFrame({"k": lin.k.astype(int), "term": lin.combined, "running": lin.combined.cumsum()})
    base = alt.Chart(df).encode(x=alt.X("k:O", title="k", axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color=charts.PALETTE[0], cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        y=alt.Y("term:Q", title=f"{term} · {running}"), tooltip=["k", "term", "running"])
    line = base.mark_line(color=charts.PALETTE[1], point=True, strokeWidth=2.5).encode(y="running:Q")
    show((bars + line).properties(height=260, title=f"{term} (■) · {running} (—)"))

st.subheader(t("topics.sigma.linearity"))
left_label, right_label = "Σ(c·aₖ + bₖ)", "c·Σaₖ + Σbₖ"
parts = pd.DataFrame({
    "side": [left_label, right_label, right_label],
    "part": [left_label, "c·Σaₖ", "Σbₖ"],
    "value": [lin.left, c * lin.sum_a, lin.sum_b],
})
stack = alt.Chart(parts).mark_bar(size=70).encode(
    x=alt.X("side:N", title=None, sort=[left_label, right_label], axis=alt.Axis(labelAngle=0, labelFontSize=14)),
    y=alt.Y("value:Q", title=t("topics.sigma.total")),
    color=alt.Color("part:N", title=None, scale=alt.Scale(range=list(charts.PALETTE[:3])),
                    legend=alt.Legend(orient="bottom")),
    tooltip=["part", alt.Tooltip("value:Q", format=".4g")])
show(stack.properties(height=260))
st.caption(t("topics.sigma.linearity_caption"))

practice(TOPIC)
