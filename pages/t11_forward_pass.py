"""Topic 11 — the forward pass: a 2→3 layer y = xW + b drawn as a network with its weights and values."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import labeller, t
from ui.layout import chart_cache, practice, show, topic_header
from ui.network_invite import network_invitation

TOPIC = "forward-pass"
ACTIVATIONS = ("none", "sigmoid", "relu")
IN_Y, OUT_Y = [0.75, -0.75], [1.2, 0.0, -1.2]


def layer_output(x: np.ndarray, act: str) -> tuple[np.ndarray, np.ndarray]:
    """z = xW + b and the activation applied to it."""
    z = tm.forward_layer(x, tm.FORWARD_W, tm.FORWARD_B)
    return z, {"none": z, "sigmoid": tm.sigmoid(z), "relu": np.maximum(z, 0)}[act]


@chart_cache
def network_chart(x: tuple[float, float], act: str) -> charts.Spec:
    """The 2 → 3 layer as a network: inputs, outputs and every weight on its edge."""
    _, out = layer_output(np.array(x), act)
    nodes = {"x": [0, 0, 1, 1, 1], "y": IN_Y + OUT_Y,
             "label": [f"x{i + 1}={v:g}" for i, v in enumerate(x)] + [f"y{j + 1}={v:.3g}" for j, v in enumerate(out)],
             "value": [*x, *out]}
    pairs = [(i, j) for i in range(2) for j in range(3)]
    edges = {"x": [0] * len(pairs), "y": [IN_Y[i] for i, _ in pairs], "x2": [1] * len(pairs),
             "y2": [OUT_Y[j] for _, j in pairs], "weight": [tm.FORWARD_W[i, j] for i, j in pairs],
             "label": [f"w{i + 1}{j + 1}={tm.FORWARD_W[i, j]:g}" for i, j in pairs]}
    return charts.network(nodes, edges, height=300, label_at=0.3)

topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    x = np.array([st.slider("x₁", -3.0, 3.0, 2.0, 0.5, key="forward-pass-x1"),
                  st.slider("x₂", -3.0, 3.0, 3.0, 0.5, key="forward-pass-x2")])
    act = st.radio(t("topics.forward-pass.activation"), ACTIVATIONS, key="forward-pass-activation",
                   horizontal=True, format_func=labeller("topics.forward-pass.act", ACTIVATIONS))
z, _ = layer_output(x, act)
with chart:
    show(network_chart((float(x[0]), float(x[1])), act))
    st.caption(t("topics.forward-pass.bias", b=", ".join(f"{v:g}" for v in tm.FORWARD_B)))
st.latex(r"y = xW + b = (" + r",\ ".join(f"{v:g}" for v in x) + r")\begin{pmatrix} 1 & 0.5 & -1 \\ 0.5 & 2 & -0.5"
         r"\end{pmatrix} + (0.1,\ -0.2,\ 0) = (" + r",\ ".join(f"{v:.4g}" for v in z) + ")")

network_invitation(TOPIC, "forward-net-232")
practice(TOPIC)
