"""Topic 9 — gradient descent: the path on a contour plot for a learning rate η and a number of steps."""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import chart_cache, contour_chart, practice, show, topic_header

TOPIC = "gradient-descent"
EXTENT = 2.5
SURFACES = ("x² + y²", "x² + 3y²")
Y_START = 1.5


@chart_cache
def descent_chart(surface: str, x_start: float, eta: float, steps: int) -> charts.Spec:
    """The contour lines of f with the descent path from (x_start, 1.5), at equal scales and clipped to the plot
    (a run that diverges leaves it)."""
    run = tm.gradient_descent(surface, (x_start, Y_START), eta, steps)
    return charts.plane(contour_chart(tm.SURFACES[surface][0], EXTENT), charts.path(run.xs, run.ys, color="#F97316"),
                        extent=EXTENT)

topic_header(TOPIC)
controls, chart = st.columns([1, 1.6], gap="large")
with controls:
    surface = st.selectbox("f(x, y)", SURFACES, index=1, key="gradient-descent-surface")
    eta = st.slider(t("topics.gradient-descent.eta"), 0.01, 0.5, 0.1, 0.01, key="gradient-descent-eta")
    steps = st.slider(t("topics.gradient-descent.steps"), 1, 50, 15, key="gradient-descent-steps")
    x_start = st.slider(t("topics.gradient-descent.start"), -2.0, 2.0, -2.0, 0.1, key="gradient-descent-x0")
run = tm.gradient_descent(surface, (x_start, Y_START), eta, steps)
with controls:
    st.latex(r"(x, y) \leftarrow (x, y) - \eta\,\nabla f(x, y)")
    st.metric(t("topics.gradient-descent.final"), f"{run.values[-1]:.4g}")
    if run.diverged:
        st.error(t("topics.gradient-descent.diverged"))
with chart:
    show(descent_chart(surface, x_start, eta, steps))

practice(TOPIC)
