"""Topic 4 — vectors: arrows a and b, the angle between them, a·b and the Cauchy–Schwarz bounds."""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import lang, t
from ui.layout import chart_cache, formula, practice, show, topic_header

TOPIC = "vectors"
EXTENT = 4.5
ARC_RADIUS = 0.9


@chart_cache
def arrows_chart(a: tuple[float, float], b: tuple[float, float]) -> charts.Spec:
    """The arrows a and b from the origin and the arc of the angle θ between them, at equal scales (so the angle
    drawn is the angle computed)."""
    xs, ys = tm.angle_arc(a, b, ARC_RADIUS)
    parts = [charts.arrows({"a": a, "b": b})]
    if len(xs):
        mid = len(xs) // 2
        parts += [charts.path(xs, ys, color=charts.TEXT, dots=False),
                  charts.labels([1.45 * xs[mid]], [1.45 * ys[mid]], ["θ"])]
    return charts.plane(*parts, extent=EXTENT, height=380, x_title=None, y_title=None)


@chart_cache
def bounds_chart(a: tuple[float, float], b: tuple[float, float], language: str) -> charts.Spec:
    """−|a||b| ≤ a·b ≤ |a||b| as three bars."""
    pair = tm.vector_pair(a, b)
    return charts.bars(["−|a||b|", "a·b", "|a||b|"], [-pair.bound, pair.dot, pair.bound], x_title=None,
                       y_title=t("topics.vectors.value"), ordinal=False, height=220)


topic_header(TOPIC)
controls, chart = st.columns([1, 1.6], gap="large")
with controls:   # a grid of two columns, side by side on a phone too: a vector's coordinates in a row
    first, second = st.columns(2, wrap=False)
a = (first.slider("a₁", -4.0, 4.0, 3.0, 0.5, key="vectors-a1"), second.slider("a₂", -4.0, 4.0, 1.0, 0.5, key="vectors-a2"))
b = (first.slider("b₁", -4.0, 4.0, 1.0, 0.5, key="vectors-b1"), second.slider("b₂", -4.0, 4.0, 2.0, 0.5, key="vectors-b2"))
pair = tm.vector_pair(a, b)
first.metric("|a|", f"{pair.norm_a:.3f}")
second.metric("|b|", f"{pair.norm_b:.3f}")
first.metric("a·b", f"{pair.dot:g}")
second.metric("θ", "—" if pair.angle_deg is None else f"{pair.angle_deg:.1f}°")
with chart:
    show(arrows_chart(a, b))
    formula(rf"a\cdot b = a_1 b_1 + a_2 b_2 = ({a[0]:g})({b[0]:g}) + ({a[1]:g})({b[1]:g}) = {pair.dot:g}"
            r" = |a|\,|b|\cos\theta")

st.subheader(t("topics.vectors.cauchy"))
show(bounds_chart(a, b, lang()))
st.caption(t("topics.vectors.cauchy_caption"))

practice(TOPIC)
