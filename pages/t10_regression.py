"""Topic 10 — regression: data, your line and its residuals, the least-squares line, the cost C_T against w."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import practice, show, topic_header

TOPIC = "regression"

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
        st.latex(rf"\hat y = {w_best:.3f}\,x + {b_best:.3f}")
with chart:
    pred = w * x + b
    pts = pd.DataFrame({"x": x, "y": y, "pred": pred})
    grid = np.array([0.0, 10.0])
    lines = [pd.DataFrame({"x": grid, "y": w * grid + b, "series": t("topics.regression.your_line")})]
    if show_fit:
        lines.append(pd.DataFrame({"x": grid, "y": w_best * grid + b_best, "series": t("topics.regression.fit")}))
    residuals = alt.Chart(pts).mark_rule(color="#E11D48", strokeDash=[3, 3]).encode(x="x:Q", y="y:Q", y2="pred:Q")
    dots = alt.Chart(pts).mark_circle(size=80, color="#1F2937").encode(x="x:Q", y="y:Q", tooltip=["x", "y"])
    show(charts.lines(pd.concat(lines), "x", "y", "series", x_title="x", y_title="y",
                      dashed=[t("topics.regression.fit")]).properties(height=300) + residuals + dots)

st.subheader(t("topics.regression.cost_title"))
ws = np.linspace(-1.0, 2.5, 141)
curve = pd.DataFrame({"w": ws, "C": tm.cost(ws, b, x, y), "series": t("topics.regression.cost_curve", b=f"{b:g}")})
show(charts.lines(curve, "w", "C", "series", x_title="w", y_title="C_T").properties(height=240)
     + charts.marks(pd.DataFrame({"x": [w], "y": [c_now]})))

practice(TOPIC)
