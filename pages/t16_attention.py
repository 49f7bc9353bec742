"""Topic 16 — attention: the softmax(QKᵀ/√d) weight heatmap, with one query you can turn."""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import lang, t
from ui.layout import chart_cache, formula, practice, show_row, topic_header

TOPIC = "attention"


@chart_cache
def attention_charts(angle: float, scale: float, language: str) -> tuple[charts.Spec, charts.Spec]:
    """The softmax weight heatmap (queries × keys) and the output rows (side by side, or stacked on a phone)."""
    weights, output = tm.attention(tm.attention_queries(angle, scale), tm.ATTENTION_KEYS, tm.ATTENTION_VALUES)
    tokens = t("topics.attention.tokens").split()    # one word per key, in the learner's language
    return (charts.frameless(charts.heatmap(weights, t("topics.attention.weights"), size=52, domain=(0, 1),
                                            row_labels=[f"q: {w}" for w in tokens],
                                            col_labels=[f"k: {w}" for w in tokens])),
            charts.frameless(charts.heatmap(output, t("topics.attention.output"), size=52, row_labels=tokens,
                                            col_labels=["v₁", "v₂"])))

topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    angle = st.slider(t("topics.attention.angle"), 0, 360, 45, 5, key="attention-angle")
    scale = st.slider(t("topics.attention.scale"), 0.5, 5.0, 1.0, 0.1, key="attention-scale")
    formula(r"\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\!\left(\frac{QK^{\top}}{\sqrt{d}}\right) V")
with chart:
    show_row(*attention_charts(angle, scale, lang()))
    st.caption(t("topics.attention.caption"))

practice(TOPIC)
