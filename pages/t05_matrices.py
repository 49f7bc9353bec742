"""Topic 5 — matrices: heatmaps of A, B, AB, BA, A⊙B and Aᵀ for 2×2 matrices you set."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import chart_cache, practice, show, topic_header

TOPIC = "matrices"
DEFAULTS = {"A": [[2, 7], [1, 8]], "B": [[2, 8], [1, 3]]}


def matrix_sliders(name: str) -> np.ndarray:
    """Four sliders (one per entry) for a 2×2 matrix, laid out as its rows (on a phone too)."""
    st.markdown(f"**{name}**")
    cells = np.zeros((2, 2))
    columns = st.columns(2, wrap=False)
    for i in range(2):
        for j, col in enumerate(columns):
            cells[i, j] = col.slider(f"{name.lower()}{i + 1}{j + 1}", -9, 9, DEFAULTS[name][i][j],
                                     key=f"matrices-{name}{i + 1}{j + 1}")
    return cells


@chart_cache
def heatmaps(a: tuple[float, ...], b: tuple[float, ...]) -> charts.Spec:
    """A, B, Aᵀ above AB, BA, A⊙B (the matrices given row by row)."""
    views = tm.matrix_views(np.reshape(a, (2, 2)), np.reshape(b, (2, 2)))
    top = charts.hconcat(*(charts.heatmap(views[k], k, fmt=".0f") for k in ("A", "B", "Aᵀ")), spacing=30)
    bottom = charts.hconcat(*(charts.heatmap(views[k], k, fmt=".0f") for k in ("AB", "BA", "A⊙B")), spacing=30)
    return charts.frameless(charts.vconcat(top, bottom))


topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    a = matrix_sliders("A")
    b = matrix_sliders("B")
views = tm.matrix_views(a, b)
with chart:
    show(heatmaps(tuple(map(float, a.ravel())), tuple(map(float, b.ravel()))), stretch=False)
    if np.array_equal(views["AB"], views["BA"]):
        st.info(t("topics.matrices.commute"))
    else:
        st.caption(t("topics.matrices.not_commute"))

practice(TOPIC)
