"""Topic 15 — optimizers: SGD, momentum and Adam paths on the same narrow valley."""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import lang, t
from ui.layout import chart_cache, contour_chart, practice, show, topic_header

TOPIC = "optimizers"
EXTENT = 5.0
START = (-4.5, 2.0)
ETA, BETA = 0.4, 0.7   # at these, what the text says shows: SGD zig-zags and crawls, momentum overshoots but
                       # arrives first, Adam heads for the minimum at an even pace
# The update rules, one line per assignment, each in its own column: they never run past the column's edge.
UPDATES = {
    "SGD": r"\theta \leftarrow \theta - \eta\,\nabla f",
    "Momentum": r"\begin{aligned} v &\leftarrow \beta v + \nabla f \\ \theta &\leftarrow \theta - \eta\, v \end{aligned}",
    "Adam": r"\begin{aligned} m &\leftarrow \beta m + (1-\beta)\nabla f \\ s &\leftarrow \beta_2 s + (1-\beta_2)(\nabla f)^2 \\"
            r" \hat m &= m / (1-\beta^k) \\ \hat s &= s / (1-\beta_2^k) \\"
            r" \theta &\leftarrow \theta - \eta\,\frac{\hat m}{\sqrt{\hat s} + \varepsilon} \end{aligned}",
}


def optimizer_name(name: str) -> str:
    """SGD, momentum or Adam in the learner's language."""
    return t(f"topics.optimizers.name.{name.lower()}")


@chart_cache
def race(eta: float, beta: float, steps: int, language: str) -> charts.Spec:
    """The valley's contour lines with the three optimizers' paths on it, at equal scales (the valley is as long
    and narrow as it is)."""
    paths = tm.optimizer_paths(START, eta, beta, steps)
    return charts.plane(contour_chart(tm.ravine_value, EXTENT),
                        charts.paths({optimizer_name(name): (p[:, 0], p[:, 1]) for name, p in paths.items()}),
                        extent=EXTENT, resolve={"scale": {"color": "independent"}})


topic_header(TOPIC)
controls, chart = st.columns([1, 1.6], gap="large")
with controls:
    eta = st.slider(t("topics.optimizers.eta"), 0.01, 0.5, ETA, 0.01, key="optimizers-eta")
    beta = st.slider("β", 0.5, 0.99, BETA, 0.01, key="optimizers-beta")
    steps = st.slider(t("topics.optimizers.steps"), 5, 100, 40, key="optimizers-steps")
paths = tm.optimizer_paths(START, eta, beta, steps)
with chart:
    show(race(eta, beta, steps, lang()))
    st.latex(r"f(x, y) = 0.1x^2 + 2y^2")
for column, (name, rule) in zip(st.columns(3), UPDATES.items()):   # each optimizer's result heads its rule
    final = float(tm.ravine_value(*paths[name][-1]))
    column.metric(t("topics.optimizers.final", name=optimizer_name(name)), f"{final:.4g}")
    column.latex(rule)

practice(TOPIC)
