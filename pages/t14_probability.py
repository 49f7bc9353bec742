"""Topic 14 — probability and information: normal and Bernoulli distributions, entropy, cross-entropy, KL."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import lang, t
from ui.layout import chart_cache, formula, practice, show, show_row, topic_header

TOPIC = "probability"
X = np.linspace(-6, 6, 241)


@chart_cache
def normal_chart(mu: float, sigma: float, language: str) -> charts.Spec:
    """Your normal density next to the standard one (dashed)."""
    yours, standard = t("topics.probability.yours"), t("topics.probability.standard")
    return charts.lines({yours: (X, tm.normal_pdf(X, mu, sigma)), standard: (X, tm.normal_pdf(X, 0, 1))},
                        x_title="x", y_title=t("topics.probability.density"), dashed=[standard], height=260)


@chart_cache
def information_charts(p: float, q: float, language: str) -> tuple[charts.Spec, charts.Spec]:
    """The true and model Bernoulli distributions side by side, and H(p), H(p, q), KL(p‖q) as bars (the two charts
    side by side, or stacked on a phone)."""
    P, Q = tm.bernoulli(p), tm.bernoulli(q)
    who = [t("topics.probability.true")] * 2 + [t("topics.probability.model")] * 2
    grouped = charts.grouped_bars(["X=0", "X=1", "X=0", "X=1"], who, [*P, *Q], y_title=t("topics.probability.prob"),
                                  y_domain=(0, 1))
    info = charts.bars(["H(p)", "H(p, q)", "KL(p‖q)"], [tm.entropy(P), tm.cross_entropy(P, Q), tm.kl_divergence(P, Q)],
                       x_title=None, y_title=t("topics.probability.nats"), ordinal=False, height=240, width=260)
    return grouped, info


topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    mu = st.slider("μ", -3.0, 3.0, 0.0, 0.1, key="probability-mu")
    sigma = st.slider("σ", 0.3, 3.0, 1.0, 0.1, key="probability-sigma")
    formula(r"f(x) = \frac{1}{\sqrt{2\pi}\,\sigma} e^{-\frac{(x-\mu)^2}{2\sigma^2}}")
with chart:
    show(normal_chart(mu, sigma, lang()))

st.subheader(t("topics.probability.information"))
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    p = st.slider(t("topics.probability.p"), 0.01, 0.99, 0.7, 0.01, key="probability-p")
    q = st.slider(t("topics.probability.q"), 0.01, 0.99, 0.4, 0.01, key="probability-q")
    formula(r"H(p) = -\sum_i p_i \log p_i")
    formula(r"H(p, q) = -\sum_i p_i \log q_i")
    formula(r"D_{\mathrm{KL}}(p\,\|\,q) = H(p, q) - H(p) \ge 0")
with chart:
    show_row(*information_charts(p, q, lang()))

practice(TOPIC)
