"""Topic 12 — backpropagation: a 2-2-1 sigmoid network with its errors δ and the gradients ∂C/∂w."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import t
from ui.layout import chart_cache, practice, show, table, topic_header
from ui.network_invite import network_invitation

TOPIC = "backprop"
W1 = np.array([[0.5, -0.3], [0.8, 0.2]])
B1 = np.array([0.1, -0.1])
W2 = np.array([1.2, -0.7])
B2 = 0.05
YS_IN, YS_HIDDEN = [0.8, -0.8], [0.8, -0.8]


@chart_cache
def backprop_chart(x: tuple[float, float], target: float, legend: tuple[str, str, str]) -> charts.Spec:
    """The 2-2-1 network with each neuron's δ and each weight's gradient ∂C/∂w on its edge, the edge coloured by
    the way gradient descent w ← w − η ∂C/∂w moves that weight, the sign of −∂C/∂w (`legend`: down, stays, up)."""
    net = tm.backprop(np.array(x), W1, B1, W2, B2, target)
    nodes = {"x": [0, 0, 1, 1, 2], "y": YS_IN + YS_HIDDEN + [0],
             "label": [f"x{i + 1}={v:g}" for i, v in enumerate(x)]
             + [f"δ={d:.3f}" for d in net.delta1] + [f"δ={net.delta2:.3f}"],
             "value": [*np.abs(x), *np.abs(net.delta1), abs(net.delta2)]}
    first = [(i, j) for i in range(2) for j in range(2)]
    edges = {"x": [0] * 4 + [1] * 2, "y": [YS_IN[i] for i, _ in first] + YS_HIDDEN,
             "x2": [1] * 4 + [2] * 2, "y2": [YS_HIDDEN[j] for _, j in first] + [0, 0],
             "weight": [-net.grad_w1[i, j] for i, j in first] + [-g for g in net.grad_w2],
             "label": [f"{net.grad_w1[i, j]:.3f}" for i, j in first] + [f"{g:.3f}" for g in net.grad_w2]}
    # Edge labels are the bare numbers (the caption says edges show ∂C/∂w): "∂C/∂w=-0.019" ran into the nodes on
    # a phone. A third of the way along keeps the crossing edges' labels apart and clear of the circles.
    return charts.network(nodes, edges, height=320, label_at=0.35, node_colors=("#FFF7ED", charts.HEAT_NEGATIVE),
                          edge_legend=legend)


topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    x = np.array([st.slider("x₁", -2.0, 2.0, 1.0, 0.1, key="backprop-x1"),
                  st.slider("x₂", -2.0, 2.0, 0.5, 0.1, key="backprop-x2")])
    target = st.slider(t("topics.backprop.target"), 0.0, 1.0, 1.0, 0.05, key="backprop-t")
net = tm.backprop(x, W1, B1, W2, B2, target)
with controls:
    st.metric(t("topics.backprop.cost"), f"{net.cost:.4f}")
    st.latex(r"\delta^{(3)} = (a^{(3)} - t)\,\sigma'(z^{(3)})")
    st.latex(r"\delta^{(2)}_j = \delta^{(3)} w^{(3)}_j\,\sigma'(z^{(2)}_j)")
    st.latex(r"\frac{\partial C}{\partial w_{ij}} = \delta_j\, a_i")
    st.latex(r"w \leftarrow w - \eta\,\frac{\partial C}{\partial w}")
with chart:
    show(backprop_chart((float(x[0]), float(x[1])), target,
                        (t("topics.backprop.legend_down"), t("topics.backprop.legend_stays"),
                         t("topics.backprop.legend_up"))))
    st.caption(t("topics.backprop.caption", a=f"{net.a2:.4f}"))

st.subheader(t("topics.backprop.table"))
table({
    t("topics.backprop.param"): ["w₁₁", "w₁₂", "w₂₁", "w₂₂", "b₁", "b₂", "w₁⁽³⁾", "w₂⁽³⁾", "b⁽³⁾"],
    "∂C/∂·": [float(g) for g in (*net.grad_w1.ravel(), *net.grad_b1, *net.grad_w2, net.grad_b2)],
}, fmt=".5f")

network_invitation(TOPIC, "backprop-net-sigmoid")
practice(TOPIC)
