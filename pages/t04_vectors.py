"""Topic 4 — vectors: arrows a and b, the angle between them, a·b and the Cauchy–Schwarz bounds."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import practice, show, topic_header

TOPIC = "vectors"

topic_header(TOPIC)
controls, chart = st.columns([1, 1.6], gap="large")
with controls:
    c1, c2 = st.columns(2)
    a = (c1.slider("a₁", -4.0, 4.0, 3.0, 0.5, key="vectors-a1"), c2.slider("a₂", -4.0, 4.0, 1.0, 0.5, key="vectors-a2"))
    b = (c1.slider("b₁", -4.0, 4.0, 1.0, 0.5, key="vectors-b1"), c2.slider("b₂", -4.0, 4.0, 2.0, 0.5, key="vectors-b2"))
pair = tm.vector_pair(a, b)
with controls:
    m1, m2 = st.columns(2)
    m1.metric("|a|", f"{pair.norm_a:.3f}")
    m2.metric("|b|", f"{pair.norm_b:.3f}")
    m1.metric("a·b", f"{pair.dot:g}")
    m2.metric("θ", "—" if pair.angle_deg is None else f"{pair.angle_deg:.1f}°")
with chart:
    show(charts.arrows({"a": a, "b": b}, extent=4.5).properties(height=380), stretch=True)
    st.latex(rf"a\cdot b = a_1 b_1 + a_2 b_2 = ({a[0]:g})({b[0]:g}) + ({a[1]:g})({b[1]:g}) = {pair.dot:g}"
             r" = |a|\,|b|\cos\theta")

st.subheader(t("topics.vectors.cauchy"))
bounds = pd.DataFrame({"what": ["−|a||b|", "a·b", "|a||b|"], "value": [-pair.bound, pair.dot, pair.bound]})
show(charts.bars(bounds, "what", "value", x_title=None, y_title=t("topics.vectors.value"), fmt=".3f",
                 ordinal=False).properties(height=220))
st.caption(t("topics.vectors.cauchy_caption"))

practice(TOPIC)
