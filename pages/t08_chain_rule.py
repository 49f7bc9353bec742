"""Topic 8 — the chain rule: a computation graph x → u → y → C with values and local derivatives."""
from __future__ import annotations

import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import chart_cache, practice, show, topic_header
from ui.network_invite import network_invitation

TOPIC = "chain-rule"


@chart_cache
def graph_chart(x: float, w: float, b: float, target: float) -> charts.Spec:
    """The computation graph x → u → y → C with each node's value and each edge's local derivative (its name above
    the edge, its value below: short enough to fit between the nodes on a phone)."""
    g = tm.chain_graph(x, w, b, target)
    nodes = {"x": [0, 1, 2, 3], "y": [0, 0, 0, 0],
             "label": [f"x={g.x:.2f}", f"u={g.u:.2f}", f"y={g.y:.3f}", f"C={g.cost:.3f}"],
             "value": [g.x, g.u, g.y, g.cost]}
    edges = {"x": [0, 1, 2], "y": [0, 0, 0], "x2": [1, 2, 3], "y2": [0, 0, 0],
             "weight": [g.du_dx, g.dy_du, g.dc_dy],
             "label": [f"∂u/∂x\n{g.du_dx:.2f}", f"∂y/∂u\n{g.dy_du:.3f}", f"∂C/∂y\n{g.dc_dy:.3f}"]}
    return charts.network(nodes, edges, height=160)


topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    x = st.slider("x", -3.0, 3.0, 1.0, 0.1, key="chain-rule-x")
    w = st.slider("w", -3.0, 3.0, 2.0, 0.1, key="chain-rule-w")
    b = st.slider("b", -3.0, 3.0, -1.0, 0.1, key="chain-rule-b")
    target = st.slider(t("topics.chain-rule.target"), 0.0, 1.0, 0.0, 0.05, key="chain-rule-t")
g = tm.chain_graph(x, w, b, target)
with chart:
    show(graph_chart(x, w, b, target))
    st.latex(r"u = wx + b,\quad y = \sigma(u),\quad C = \tfrac12 (y - t)^2")
    st.latex(rf"\frac{{dC}}{{dx}} = \frac{{\partial C}}{{\partial y}}\cdot\frac{{\partial y}}{{\partial u}}\cdot"
             rf"\frac{{\partial u}}{{\partial x}} = ({g.dc_dy:.3f})({g.dy_du:.3f})({g.du_dx:.2f}) = {g.dc_dx:.4f}")
    st.caption(t("topics.chain-rule.caption"))

network_invitation(TOPIC, "chain-net-111")
practice(TOPIC)
