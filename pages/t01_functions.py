"""Topic 1 — functions and activations: curves with parameter sliders, their derivatives, softmax bars."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import labeller, lang, t
from ui.layout import chart_cache, formula, practice, show, topic_header

TOPIC = "functions"
# Each curve's formulas, one per line (a line wraps after "=" in a narrow column).
FORMULAS = {
    "linear": (r"f(x) = ax + b",),
    "quadratic": (r"f(x) = (ax + b)^2",),
    "step": (r"f(x) = u(ax + b)", r"u(s) = \begin{cases} 0 & s < 0 \\ 1 & s \ge 0 \end{cases}"),
    "exponential": (r"f(x) = e^{ax + b}",),
    "sigmoid": (r"f(x) = \sigma(ax + b) = \frac{1}{1 + e^{-(ax + b)}}", r"\sigma' = \sigma(1 - \sigma)"),
    "tanh": (r"f(x) = \tanh(ax + b)", r"\tanh' = 1 - \tanh^2"),
    "relu": (r"f(x) = \max(0,\ ax + b)",),
}
X = np.linspace(-5, 5, 241)


@chart_cache
def curve_chart(curve: str, a: float, b: float, with_derivative: bool, language: str) -> charts.Spec:
    """The curve (and its derivative, dashed) on [-5, 5], the y-range fitted to them (σ spans 0..1, not a sliver)."""
    y, dy = tm.activation(curve, X, a, b)
    f_name, df_name = t("topics.functions.series.f"), t("topics.functions.series.df")
    curves = {f_name: (X, y), **({df_name: (X, dy)} if with_derivative else {})}
    return charts.lines(curves, x_title="x", y_title="y", domain=tm.fit_range(*(ys for _, ys in curves.values())),
                        dashed=[df_name])


@chart_cache
def softmax_chart(z: tuple[float, ...], temperature: float, language: str) -> charts.Spec:
    """The softmax probabilities as bars."""
    probs = tm.softmax(np.array(z), temperature)
    return charts.bars(["1", "2", "3"], probs, x_title=t("topics.functions.class"), y_title=t("topics.functions.prob"))


topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    curve = st.selectbox(t("topics.functions.curve"), tm.ACTIVATIONS, key="functions-curve",
                         format_func=labeller("topics.functions.curve", tm.ACTIVATIONS))
    a = st.slider(t("topics.functions.a"), -3.0, 3.0, 1.0, 0.1, key="functions-a")
    b = st.slider(t("topics.functions.b"), -3.0, 3.0, 0.0, 0.1, key="functions-b")
    with_derivative = st.toggle(t("topics.functions.derivative"), value=True, key="functions-derivative")
    for line in FORMULAS[curve]:
        formula(line)
with chart:
    show(curve_chart(curve, a, b, with_derivative, lang()))

st.subheader(t("topics.functions.softmax"))
st.markdown(t("topics.functions.softmax_intro"))
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    z = tuple(st.slider(f"z{i}", -4.0, 4.0, v, 0.1, key=f"functions-z{i}") for i, v in ((1, 2.0), (2, 1.0), (3, 0.1)))
    temperature = st.slider(t("topics.functions.temperature"), 0.2, 5.0, 1.0, 0.1, key="functions-temperature")
with chart:
    show(softmax_chart(z, temperature, lang()))

practice(TOPIC)
