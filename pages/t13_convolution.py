"""Topic 13 — convolution and pooling: input grid, kernel, feature map and the max-pooled map."""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import labeller, lang, t
from ui.layout import chart_cache, formula, practice, show_row, topic_header

TOPIC = "convolution"


@chart_cache
def grids(image_name: str, kernel_name: str, stride: int, language: str) -> tuple[charts.Spec, ...]:
    """Input, kernel, feature map and max-pooled map (side by side, or one under the other on a phone)."""
    image, kernel = tm.IMAGES[image_name], tm.KERNELS[kernel_name]
    feature = tm.convolve(image, kernel, stride)
    pooled = tm.max_pool(feature, 2) if min(feature.shape) >= 2 else feature
    return tuple(charts.frameless(chart) for chart in (
        charts.heatmap(image, t("topics.convolution.input"), fmt=".0f", size=30),
        charts.heatmap(kernel, t("topics.convolution.kernel"), fmt=".2g", size=30),
        charts.heatmap(feature, t("topics.convolution.feature"), fmt=".2g", size=34),
        charts.heatmap(pooled, t("topics.convolution.pooled"), fmt=".2g", size=40)))


topic_header(TOPIC)
controls, chart = st.columns([1, 2.6], gap="large")
patterns = labeller("topics.convolution.pattern", [*tm.IMAGES, *tm.KERNELS])
with controls:
    image_name = st.selectbox(t("topics.convolution.image"), list(tm.IMAGES), key="convolution-image",
                              format_func=patterns)
    kernel_name = st.selectbox(t("topics.convolution.kernel"), list(tm.KERNELS), key="convolution-kernel",
                               format_func=patterns)
    stride = st.slider(t("topics.convolution.stride"), 1, 3, 1, key="convolution-stride")
feature = tm.convolve(tm.IMAGES[image_name], tm.KERNELS[kernel_name], stride)
with controls:
    formula(r"c_{ij} = \sum_{p}\sum_{q} x_{i+p,\,j+q}\, k_{pq}")
    formula(rf"m_{{ij}} = \max_{{\text{{{t('topics.convolution.window')}}}}} c")
with chart:
    show_row(*grids(image_name, kernel_name, stride, lang()), gap="small")
    st.caption(t("topics.convolution.caption", rows=feature.shape[0], cols=feature.shape[1]))

practice(TOPIC)
