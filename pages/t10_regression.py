"""Topic 10 — regression: data, your line and its residuals, the least-squares line, the cost C_T against w."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import lang, t
from ui.layout import chart_cache, formula, practice, show, topic_header

TOPIC = "regression"
X_RANGE = np.array([0.0, 10.0])
WS = np.linspace(-1.0, 2.5, 141)


@chart_cache
def fit_chart(w: float, b: float, show_fit: bool, language: str) -> charts.Spec:
    """The data, your line ŷ = wx + b with the residuals, and (optionally) the least-squares line."""
    x, y = tm.regression_data()
    w_best, b_best = tm.least_squares(x, y)
    lines = {t("topics.regression.your_line"): (X_RANGE, w * X_RANGE + b)}
    if show_fit:
        lines[t("topics.regression.fit")] = (X_RANGE, w_best * X_RANGE + b_best)
    return charts.layer(charts.lines(lines, x_title="x", y_title="y", dashed=[t("topics.regression.fit")],
                                     height=300),
                        charts.residuals(x, y, w * x + b))


@chart_cache
def cost_chart(w: float, b: float, language: str) -> charts.Spec:
    """The cost C_T as a function of w for this b, with your w marked."""
    x, y = tm.regression_data()
    curve = {t("topics.regression.cost_curve", b=f"{b:g}"): (WS, tm.cost(WS, b, x, y))}
    return charts.layer(charts.lines(curve, x_title="w", y_title=t("topics.regression.cost_axis"), height=240),
                        charts.marks([w], [float(tm.cost(w, b, x, y))]))


topic_header(TOPIC)
x, y = tm.regression_data()
w_best, b_best = tm.least_squares(x, y)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    w = st.slider("w", -1.0, 2.5, 0.4, 0.05, key="regression-w")
    b = st.slider("b", -3.0, 5.0, 2.0, 0.1, key="regression-b")
    show_fit = st.toggle(t("topics.regression.show_fit"), value=False, key="regression-fit")
    c_now = tm.cost(w, b, x, y)
    st.metric(t("topics.regression.cost"), f"{c_now:.3f}",
              delta=f"{c_now - tm.cost(w_best, b_best, x, y):+.3f} " + t("topics.regression.vs_best"),
              delta_color="inverse")
    if show_fit:
        formula(rf"\hat y = {w_best:.3f}\,x + {b_best:.3f}")
with chart:
    show(fit_chart(w, b, show_fit, lang()))

st.subheader(t("topics.regression.cost_title"))
show(cost_chart(w, b, lang()))

practice(TOPIC)
