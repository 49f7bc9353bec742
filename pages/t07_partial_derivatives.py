"""Topic 7 — partial derivatives: contour view of f(x, y), ∂f/∂x, ∂f/∂y and the gradient; Lagrange on a circle."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import chart_cache, contour_chart, formula, practice, show, topic_header

TOPIC = "partial-derivatives"
EXTENT = 2.5
ARROW_SCALE = 0.25
THETA = np.linspace(0, 2 * np.pi, 121)


@chart_cache
def gradient_chart(surface: str, x0: float, y0: float, constraint: bool) -> charts.Spec:
    """The contour lines of f with the (scaled) gradient arrow at (x₀, y₀), at equal scales (so the arrow meets the
    contour line at a right angle, as it does), and optionally the unit circle x² + y² = 1 with the constrained
    minimum marked."""
    gx, gy = tm.gradient_at(surface, x0, y0)
    layers = [contour_chart(tm.SURFACES[surface][0], EXTENT),
              charts.arrows({"∇f": (ARROW_SCALE * gx, ARROW_SCALE * gy)}, origin=(x0, y0), colors=["#E11D48"])]
    if constraint:
        cx, cy, cf = tm.constrained_minimum(surface)
        layers += [charts.path(np.cos(THETA), np.sin(THETA), color=charts.TEXT, dots=False),
                   charts.marks([cx], [cy], [f"min {cf:.3f}"], color="#F97316")]
    return charts.plane(*layers, extent=EXTENT, resolve={"scale": {"color": "independent"}})


topic_header(TOPIC)
controls, chart = st.columns([1, 1.6], gap="large")
with controls:
    surface = st.selectbox("f(x, y)", list(tm.SURFACES), key="partial-derivatives-surface")
    x0 = st.slider("x₀", -2.0, 2.0, 1.0, 0.1, key="partial-derivatives-x0")
    y0 = st.slider("y₀", -2.0, 2.0, 0.5, 0.1, key="partial-derivatives-y0")
    constraint = st.toggle(t("topics.partial-derivatives.constraint"), value=False,
                           key="partial-derivatives-constraint")
gx, gy = tm.gradient_at(surface, x0, y0)
with controls:
    m1, m2 = st.columns(2, wrap=False)
    m1.metric("∂f/∂x", f"{gx:.3f}")
    m2.metric("∂f/∂y", f"{gy:.3f}")
    formula(rf"\nabla f({x0:g}, {y0:g}) = \left(\frac{{\partial f}}{{\partial x}}, \frac{{\partial f}}{{\partial y}}\right)"
            rf" = ({gx:.3g},\ {gy:.3g})")
with chart:
    show(gradient_chart(surface, x0, y0, constraint))
    st.caption(t("topics.partial-derivatives.arrow_caption", scale=ARROW_SCALE))
if constraint:
    cx, cy, cf = tm.constrained_minimum(surface)
    st.markdown(t("topics.partial-derivatives.lagrange", x=f"{cx:.3f}", y=f"{cy:.3f}", f=f"{cf:.4f}"))

practice(TOPIC)
