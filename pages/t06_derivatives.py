"""Topic 6 — derivatives: the secant through x₀ and x₀+Δx turning into the tangent as Δx shrinks."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import practice, show, topic_header

TOPIC = "derivatives"

topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    curve = st.selectbox(t("topics.derivatives.curve"), list(tm.CURVES), key="derivatives-curve")
    x0 = st.slider("x₀", -2.0, 2.0, 0.5, 0.1, key="derivatives-x0")
    dx = st.slider("Δx", 0.01, 2.0, 1.0, 0.01, key="derivatives-dx")
sec = tm.secant(curve, x0, dx)
with controls:
    st.latex(rf"\frac{{f(x_0+\Delta x) - f(x_0)}}{{\Delta x}} = {sec.secant_slope:.4f}")
    st.latex(rf"f'(x_0) = \lim_{{\Delta x \to 0}} \frac{{f(x_0+\Delta x) - f(x_0)}}{{\Delta x}} = {sec.tangent_slope:.4f}")
with chart:
    f = tm.CURVES[curve][0]
    x = np.linspace(-3, 3, 181)
    names = {k: t(f"topics.derivatives.series.{k}") for k in ("f", "secant", "tangent")}
    df = pd.concat([
        pd.DataFrame({"x": x, "y": f(x), "series": names["f"]}),
        pd.DataFrame({"x": x, "y": sec.y0 + sec.secant_slope * (x - x0), "series": names["secant"]}),
        pd.DataFrame({"x": x, "y": sec.y0 + sec.tangent_slope * (x - x0), "series": names["tangent"]}),
    ])
    y_all = f(x)
    pad = 0.5 + 0.1 * float(np.ptp(y_all))
    points = pd.DataFrame({"x": [x0, x0 + dx], "y": [sec.y0, sec.y0 + sec.secant_slope * dx],
                           "label": ["x₀", "x₀+Δx"]})
    show(charts.lines(df, "x", "y", "series", x_title="x", y_title="y",
                      domain=(float(y_all.min()) - pad, float(y_all.max()) + pad), dashed=[names["tangent"]])
         + charts.marks(points, text="label"))

st.subheader(t("topics.derivatives.table"))
dxs = np.array([1.0, 0.1, 0.01, 0.001, 0.0001])
st.dataframe(pd.DataFrame({"Δx": dxs, t("topics.derivatives.secant_slope"): tm.secant_slopes(curve, x0, dxs),
                           "f′(x₀)": sec.tangent_slope}), hide_index=True)

practice(TOPIC)
