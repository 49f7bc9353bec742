"""Topic 6 — derivatives: the secant through x₀ and x₀+Δx turning into the tangent as Δx shrinks."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import lang, t
from ui.layout import chart_cache, formula, practice, show, table, topic_header

TOPIC = "derivatives"
X = np.linspace(-3, 3, 181)


@chart_cache
def secant_chart(curve: str, x0: float, dx: float, language: str) -> charts.Spec:
    """f, the secant through x₀ and x₀+Δx (its two points marked) and the tangent at x₀."""
    sec = tm.secant(curve, x0, dx)
    y = tm.CURVES[curve][0](X)
    names = {k: t(f"topics.derivatives.series.{k}") for k in ("f", "secant", "tangent")}
    pad = 0.5 + 0.1 * float(np.ptp(y))
    curves = {names["f"]: (X, y), names["secant"]: (X, sec.y0 + sec.secant_slope * (X - x0)),
              names["tangent"]: (X, sec.y0 + sec.tangent_slope * (X - x0))}
    return charts.layer(
        charts.lines(curves, x_title="x", y_title="y", domain=(float(y.min()) - pad, float(y.max()) + pad),
                     dashed=[names["tangent"]]),
        charts.marks([x0, x0 + dx], [sec.y0, sec.y0 + sec.secant_slope * dx], ["x₀", "x₀+Δx"]))


topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    curve = st.selectbox(t("topics.derivatives.curve"), list(tm.CURVES), key="derivatives-curve")
    x0 = st.slider("x₀", -2.0, 2.0, 0.5, 0.1, key="derivatives-x0")
    dx = st.slider("Δx", 0.01, 2.0, 1.0, 0.01, key="derivatives-dx")
sec = tm.secant(curve, x0, dx)
with controls:
    formula(rf"\frac{{f(x_0+\Delta x) - f(x_0)}}{{\Delta x}} = {sec.secant_slope:.4f}")
    formula(rf"f'(x_0) = \lim_{{\Delta x \to 0}} \frac{{f(x_0+\Delta x) - f(x_0)}}{{\Delta x}} = {sec.tangent_slope:.4f}")
with chart:
    show(secant_chart(curve, x0, dx, lang()))

st.subheader(t("topics.derivatives.table"))
dxs = np.array([1.0, 0.1, 0.01, 0.001, 0.0001])
table({"Δx": dxs.tolist(), t("topics.derivatives.secant_slope"): tm.secant_slopes(curve, x0, dxs).tolist(),
       "f′(x₀)": [sec.tangent_slope] * len(dxs)})

practice(TOPIC)
