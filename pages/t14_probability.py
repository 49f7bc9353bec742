"""Topic 14 — probability and information: normal and Bernoulli distributions, entropy, cross-entropy, KL."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import practice, show, topic_header

TOPIC = "probability"

topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    mu = st.slider("μ", -3.0, 3.0, 0.0, 0.1, key="probability-mu")
    sigma = st.slider("σ", 0.3, 3.0, 1.0, 0.1, key="probability-sigma")
    st.latex(r"f(x) = \frac{1}{\sqrt{2\pi}\,\sigma} e^{-\frac{(x-\mu)^2}{2\sigma^2}}")
with chart:
    x = np.linspace(-6, 6, 241)
    yours, standard = t("topics.probability.yours"), t("topics.probability.standard")
    df = pd.concat([pd.DataFrame({"x": x, "y": tm.normal_pdf(x, mu, sigma), "series": yours}),
                    pd.DataFrame({"x": x, "y": tm.normal_pdf(x, 0, 1), "series": standard})])
    show(charts.lines(df, "x", "y", "series", x_title="x", y_title=t("topics.probability.density"),
                      dashed=[standard]).properties(height=260))

st.subheader(t("topics.probability.information"))
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    p = st.slider(t("topics.probability.p"), 0.01, 0.99, 0.7, 0.01, key="probability-p")
    q = st.slider(t("topics.probability.q"), 0.01, 0.99, 0.4, 0.01, key="probability-q")
    st.latex(r"H(p) = -\sum_i p_i \log p_i,\quad H(p, q) = -\sum_i p_i \log q_i")
    st.latex(r"D_{KL}(p\,\|\,q) = H(p, q) - H(p) \ge 0")
P, Q = tm.bernoulli(p), tm.bernoulli(q)
with chart:
    dist = pd.DataFrame({"x": ["X=0", "X=1", "X=0", "X=1"], "prob": [*P, *Q],
                         "who": [t("topics.probability.true")] * 2 + [t("topics.probability.model")] * 2})
    grouped = alt.Chart(dist).mark_bar().encode(
        x=alt.X("x:N", title=None, axis=alt.Axis(labelAngle=0)), xOffset="who:N",
        y=alt.Y("prob:Q", title=t("topics.probability.prob"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("who:N", title=None, scale=alt.Scale(range=list(charts.PALETTE[:2])),
                        legend=alt.Legend(orient="bottom")),
        tooltip=["who", "x", alt.Tooltip("prob:Q", format=".2f")]).properties(height=240, width=220)
    info = pd.DataFrame({"what": ["H(p)", "H(p, q)", "KL(p‖q)"],
                         "nats": [tm.entropy(P), tm.cross_entropy(P, Q), tm.kl_divergence(P, Q)]})
    show(alt.hconcat(grouped, charts.bars(info, "what", "nats", x_title=None, y_title=t("topics.probability.nats"),
                                          ordinal=False).properties(height=240, width=260)), stretch=False)

practice(TOPIC)
