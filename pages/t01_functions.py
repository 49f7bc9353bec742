"""Topic 1 — functions and activations: curves with parameter sliders, their derivatives, softmax bars."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import labeller, t
from ui.layout import practice, show, topic_header

TOPIC = "functions"
FORMULAS = {
    "linear": r"f(x) = ax + b",
    "quadratic": r"f(x) = (ax + b)^2",
    "step": r"f(x) = u(ax + b),\quad u(s) = \begin{cases} 0 & s < 0 \\ 1 & s \ge 0 \end{cases}",
    "exponential": r"f(x) = e^{ax + b}",
    "sigmoid": r"f(x) = \sigma(ax + b) = \frac{1}{1 + e^{-(ax + b)}},\quad \sigma' = \sigma(1 - \sigma)",
    "tanh": r"f(x) = \tanh(ax + b),\quad \tanh' = 1 - \tanh^2",
    "relu": r"f(x) = \max(0,\ ax + b)",
}

topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    curve = st.selectbox(t("topics.functions.curve"), tm.ACTIVATIONS, key="functions-curve",
                         format_func=labeller("topics.functions.curve", tm.ACTIVATIONS))
    a = st.slider(t("topics.functions.a"), -3.0, 3.0, 1.0, 0.1, key="functions-a")
    b = st.slider(t("topics.functions.b"), -3.0, 3.0, 0.0, 0.1, key="functions-b")
    with_derivative = st.toggle(t("topics.functions.derivative"), value=True, key="functions-derivative")
    st.latex(FORMULAS[curve])
with chart:
    x = np.linspace(-5, 5, 241)
    y, dy = tm.activation(curve, x, a, b)
    f_name, df_name = t("topics.functions.series.f"), t("topics.functions.series.df")
    frames = [pd.DataFrame({"x": x, "y": y, "series": f_name})]
    if with_derivative:
        frames.append(pd.DataFrame({"x": x, "y": dy, "series": df_name}))
    show(charts.lines(pd.concat(frames), "x", "y", "series", x_title="x", y_title="y",
                      domain=(-3, 5), dashed=[df_name]))

st.subheader(t("topics.functions.softmax"))
st.markdown(t("topics.functions.softmax_intro"))
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    z = [st.slider(f"z{i}", -4.0, 4.0, v, 0.1, key=f"functions-z{i}") for i, v in ((1, 2.0), (2, 1.0), (3, 0.1))]
    temperature = st.slider(t("topics.functions.temperature"), 0.2, 5.0, 1.0, 0.1, key="functions-temperature")
with chart:
    probs = tm.softmax(np.array(z), temperature)
    df = pd.DataFrame({"k": ["1", "2", "3"], "p": probs})
    show(charts.bars(df, "k", "p", x_title=t("topics.functions.class"), y_title=t("topics.functions.prob")))

practice(TOPIC)
