"""Topic 15 — optimizers: SGD, momentum and Adam paths on the same narrow valley."""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import chart_cache, practice, show, topic_header

TOPIC = "optimizers"
EXTENT = 5.0
START = (-4.5, 2.0)
# The update rules, one line per assignment, each in its own column: they never run past the column's edge.
UPDATES = {
    "SGD": r"\theta \leftarrow \theta - \eta\,\nabla f",
    "Momentum": r"\begin{aligned} v &\leftarrow \beta v + \nabla f \\ \theta &\leftarrow \theta - \eta\, v \end{aligned}",
    "Adam": r"\begin{aligned} m &\leftarrow \beta m + (1-\beta)\nabla f \\ s &\leftarrow \beta_2 s + (1-\beta_2)(\nabla f)^2 \\"
            r" \hat m &= m / (1-\beta^k) \\ \hat s &= s / (1-\beta_2^k) \\"
            r" \theta &\leftarrow \theta - \eta\,\frac{\hat m}{\sqrt{\hat s} + \varepsilon} \end{aligned}",
}


@chart_cache
def race(eta: float, beta: float, steps: int) -> charts.Spec:
    """The valley's contour view with the three optimizers' paths on it."""
    paths = tm.optimizer_paths(START, eta, beta, steps)
    return charts.layer(charts.field(*tm.grid(tm.ravine_value, -EXTENT, EXTENT, 40), z_title="f"),
                        charts.paths({name: (p[:, 0], p[:, 1]) for name, p in paths.items()}),
                        resolve={"scale": {"color": "independent"}})


topic_header(TOPIC)
controls, chart = st.columns([1, 1.6], gap="large")
with controls:
    eta = st.slider(t("topics.optimizers.eta"), 0.01, 0.5, 0.1, 0.01, key="optimizers-eta")
    beta = st.slider("β", 0.5, 0.99, 0.9, 0.01, key="optimizers-beta")
    steps = st.slider(t("topics.optimizers.steps"), 5, 100, 40, key="optimizers-steps")
paths = tm.optimizer_paths(START, eta, beta, steps)
with chart:
    show(race(eta, beta, steps), stretch=False)
    st.latex(r"f(x, y) = 0.1x^2 + 2y^2")
for column, (name, rule) in zip(st.columns(3), UPDATES.items()):
    with column:
        st.markdown(f"**{name}**")
        st.latex(rule)
final = {name: float(tm.ravine_value(p[-1, 0], p[-1, 1])) for name, p in paths.items()}
for column, (name, value) in zip(st.columns(3), final.items()):
    column.metric(t("topics.optimizers.final", name=name), f"{value:.4g}")

practice(TOPIC)
