"""Topic 11 — the forward pass: a 2→3 layer y = xW + b drawn as a network with its weights and values."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ui import charts
from ui import topic_models as tm
from ui.i18n import labeller, t
from ui.layout import practice, show, topic_header

TOPIC = "forward-pass"
ACTIVATIONS = ("none", "sigmoid", "relu")

topic_header(TOPIC)
controls, chart = st.columns([1, 2.2], gap="large")
with controls:
    x = np.array([st.slider("x₁", -3.0, 3.0, 2.0, 0.5, key="forward-pass-x1"),
                  st.slider("x₂", -3.0, 3.0, 3.0, 0.5, key="forward-pass-x2")])
    act = st.radio(t("topics.forward-pass.activation"), ACTIVATIONS, key="forward-pass-activation",
                   horizontal=True, format_func=labeller("topics.forward-pass.act", ACTIVATIONS))
z = tm.forward_layer(x, tm.FORWARD_W, tm.FORWARD_B)
out = {"none": z, "sigmoid": tm.sigmoid(z), "relu": np.maximum(z, 0)}[act]
with chart:
    in_y, out_y = [0.75, -0.75], [1.2, 0.0, -1.2]
    nodes = pd.DataFrame({
        "x": [0, 0, 1, 1, 1], "y": in_y + out_y,
        "label": [f"x{i + 1}={v:g}" for i, v in enumerate(x)] + [f"y{j + 1}={v:.3g}" for j, v in enumerate(out)],
        "value": list(x) + list(out),
    })
    edges = pd.DataFrame([
        {"x": 0, "y": in_y[i], "x2": 1, "y2": out_y[j], "weight": tm.FORWARD_W[i, j],
         "label": f"w{i + 1}{j + 1}={tm.FORWARD_W[i, j]:g}"}
        for i in range(2) for j in range(3)])
    show(charts.network(nodes, edges, height=300))
    st.caption(t("topics.forward-pass.bias", b=", ".join(f"{v:g}" for v in tm.FORWARD_B)))
st.latex(r"y = xW + b = (" + r",\ ".join(f"{v:g}" for v in x) + r")\begin{pmatrix} 1 & 0.5 & -1 \\ 0.5 & 2 & -0.5"
         r"\end{pmatrix} + (0.1,\ -0.2,\ 0) = (" + r",\ ".join(f"{v:.4g}" for v in z) + ")")

practice(TOPIC)
