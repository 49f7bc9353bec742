"""Topic 3 — Σ notation: the terms and their running sum, and linearity shown side by side."""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import lang, t
from ui.layout import chart_cache, formula, practice, show, topic_header

TOPIC = "sigma"
LEFT, RIGHT = "Σ(c·aₖ + bₖ)", "c·Σaₖ + Σbₖ"


@chart_cache
def running_sum_chart(n: int, c: float, language: str) -> charts.Spec:
    """The terms c·k + k² as bars and their running sum as a line."""
    lin = tm.sigma_linearity(n, c)
    return charts.bars_and_line(lin.k.astype(int), lin.combined, lin.combined.cumsum(), height=260,
                                bar_name=t("topics.sigma.term"), line_name=t("topics.sigma.running"))


@chart_cache
def linearity_chart(n: int, c: float, language: str) -> charts.Spec:
    """Σ(c·aₖ + bₖ) next to c·Σaₖ + Σbₖ, the right one stacked from its two parts."""
    lin = tm.sigma_linearity(n, c)
    return charts.stacked([LEFT, RIGHT, RIGHT], [LEFT, "c·Σaₖ", "Σbₖ"], [lin.left, c * lin.sum_a, lin.sum_b],
                          y_title=t("topics.sigma.total"))


topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    n = st.slider("n", 1, 15, 6, key="sigma-n")
    c = st.slider("c", -3.0, 3.0, 2.0, 0.5, key="sigma-c")
lin = tm.sigma_linearity(n, c)
with controls:
    formula(rf"\sum_{{k=1}}^{{{n}}} ({c:g}\,k + k^2) = {lin.left:g}")
    formula(rf"{c:g}\sum_{{k=1}}^{{{n}}} k + \sum_{{k=1}}^{{{n}}} k^2 = {c:g}\cdot{lin.sum_a:g} + {lin.sum_b:g}"
            rf" = {lin.right:g}")
with chart:
    show(running_sum_chart(n, c, lang()))

st.subheader(t("topics.sigma.linearity"))
show(linearity_chart(n, c, lang()))
st.caption(t("topics.sigma.linearity_caption"))

practice(TOPIC)
