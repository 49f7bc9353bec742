"""The drawn network of a network exercise: neurons in layers, edges with their weights, each coloured by the
state of the learner's cells (not filled yet / right / right from your own values / wrong), with a legend.

A plain Vega-Lite spec built from `ui.charts` pieces (no Streamlit here). The colours are the Okabe–Ito
colour-blind-safe ones, and every state also has its own symbol, inside the neuron and after the value on an edge.
"""
from __future__ import annotations

from typing import Any, Mapping

from ui import charts

STATES = ("unknown", "right", "ecf", "wrong")
"""A cell's state, in the legend's order."""
COLOURS = {"unknown": "#CBD5E1", "right": "#009E73", "ecf": "#56B4E9", "wrong": "#D55E00"}
SYMBOLS = {"unknown": "·", "right": "✓", "ecf": "↪", "wrong": "✗"}
GIVEN = "#FFFFFF"
"""The fill of an input (given, nothing to fill in)."""
EDGE_GIVEN = "#9CA3AF"
"""The colour of an edge whose gradient is not asked (a forward-pass exercise)."""
CELL_LETTERS = {"z": "z", "a": "a", "delta": "δ", "db": "∂b"}
"""The cells drawn on a neuron (∂C/∂w is on the edge; the new weights and biases of the step are not drawn: the
graph is the network before the step)."""
LEGEND = {
    "en": {"unknown": "not filled in yet", "right": "right", "ecf": "right from your values", "wrong": "wrong"},
    "zh": {"unknown": "尚未填写", "right": "正确", "ecf": "按你的数值正确", "wrong": "错误"},
}
ROW_HEIGHT, BASE_HEIGHT = 120, 110


def legend_label(state: str, lang: str) -> str:
    """The legend's text for a state, with its symbol: "✓ right"."""
    return f"{SYMBOLS[state]} {LEGEND['zh' if lang == 'zh' else 'en'][state]}"


def _number(value: Any) -> str:
    """A given number, short: 0.5, -2, 1.2."""
    number = float(value)
    return f"{number:.4g}" if number != int(number) else str(int(number))


def node_state(states: list[str]) -> str:
    """A neuron's colour from its cells' states: wrong before right-from-your-values before right; unknown when
    none is filled in."""
    for state in ("wrong", "ecf", "right"):
        if state in states:
            return state
    return "unknown"


def network_graph(net: Any, values: Mapping[str, Any], states: Mapping[str, str], lang: str) -> charts.Spec:
    """The chart of `net` (an `exercises.network.Network`) with the exercise's given `values` and the learner's
    cell `states` (cell id → one of `STATES`; a cell not listed is unknown)."""
    sizes, depth = net.sizes, net.depth
    tall = max(sizes)
    ys = {(layer, j): (sizes[layer - 1] - 1) / 2 - (j - 1)
          for layer in range(1, depth + 1) for j in range(1, sizes[layer - 1] + 1)}
    legend = {s: legend_label(s, lang) for s in STATES}

    nodes: dict[str, list[Any]] = {k: [] for k in ("x", "y", "state", "mark", "above", "below")}
    inputs: dict[str, list[Any]] = {k: [] for k in ("x", "y", "above")}
    for (layer, j), y in ys.items():
        if layer == 1:
            inputs["x"].append(0.0)
            inputs["y"].append(y)
            inputs["above"].append(f"x{j} = {_number(values[f'x{j}'])}")
            continue
        cells = [c for c in net.cells if c.layer == layer and c.j == j and c.kind in CELL_LETTERS]
        cell_states = [states.get(c.name, "unknown") for c in cells]
        state = node_state(cell_states)
        above = f"b = {_number(values[f'b{layer}_{j}'])}"
        if layer == depth and f"t{j}" in values and "delta" in net.fill:   # the target matters from δ on
            above += f",  t = {_number(values[f't{j}'])}"
        nodes["x"].append(float(layer - 1))
        nodes["y"].append(y)
        nodes["state"].append(legend[state])
        nodes["mark"].append(SYMBOLS[state] if state != "unknown" else "")
        nodes["above"].append(above)
        nodes["below"].append(" ".join(f"{CELL_LETTERS[c.kind]}{SYMBOLS[s]}" for c, s in zip(cells, cell_states)))

    edges: dict[str, list[Any]] = {k: [] for k in ("x", "y", "x2", "y2", "state", "label", "mx", "my", "asked")}
    for name, layer, j, i in net.weights():
        cell = f"dw{layer}_{j}{i}"
        asked = cell in net.cell_ids
        state = states.get(cell, "unknown")
        x, y, x2, y2 = float(layer - 2), ys[(layer - 1, i)], float(layer - 1), ys[(layer, j)]
        at = 0.28 if sizes[layer - 2] * sizes[layer - 1] > 1 else 0.5
        edges["x"].append(x)
        edges["y"].append(y)
        edges["x2"].append(x2)
        edges["y2"].append(y2)
        edges["state"].append(legend[state] if asked else "")
        edges["label"].append(_number(values[name]) + (f" {SYMBOLS[state]}" if asked and state != "unknown" else ""))
        edges["mx"].append(x + at * (x2 - x))
        edges["my"].append(y + at * (y2 - y))
        edges["asked"].append(asked)
    drawn_cells = any(edges["asked"]) or any(c.kind in CELL_LETTERS for c in net.cells)
    return _spec(nodes, inputs, edges, legend, depth, tall, show_legend=drawn_cells)


def _spec(nodes: dict, inputs: dict, edges: dict, legend: dict[str, str], depth: int, tall: int, *,
          show_legend: bool) -> charts.Spec:
    """The layered chart; no legend when no cell is drawn on the graph (a step drill whose gradients are given:
    its cells are the new weights, and nothing on the graph changes colour)."""
    x_scale = {"domain": [-0.35, depth - 1 + 0.35], "nice": False, "zero": False}
    y_scale = {"domain": [-(tall - 1) / 2 - 0.6, (tall - 1) / 2 + 0.6], "nice": False, "zero": False}
    x = {"field": "x", "type": "quantitative", "axis": None, "scale": x_scale}
    y = {"field": "y", "type": "quantitative", "axis": None, "scale": y_scale}
    colour = {"field": "state", "type": "nominal", "title": None,
              "scale": {"domain": [legend[s] for s in STATES], "range": [COLOURS[s] for s in STATES]},
              "legend": None if not show_legend else {
                  "orient": "bottom", "direction": "horizontal", "columns": 2, "symbolType": "circle",
                  "labelFontSize": 12, "symbolSize": 160, "labelLimit": 0}}
    asked = {k: [v for v, a in zip(vals, edges["asked"]) if a] for k, vals in edges.items() if k != "asked"}
    given = {k: [v for v, a in zip(vals, edges["asked"]) if not a] for k, vals in edges.items() if k != "asked"}
    parts: list[charts.Spec] = []
    if given["x"]:
        name, data = charts.dataset(**given)
        parts.append(charts.with_data({"mark": {"type": "rule", "strokeWidth": 2, "color": EDGE_GIVEN},
                            "encoding": {"x": x, "y": y, "x2": {"field": "x2"}, "y2": {"field": "y2"}}}, name, data))
    if asked["x"]:
        name, data = charts.dataset(**asked)
        parts.append(charts.with_data({"mark": {"type": "rule", "strokeWidth": 3},
                            "encoding": {"x": x, "y": y, "x2": {"field": "x2"}, "y2": {"field": "y2"},
                                         "color": colour}}, name, data))
    name, data = charts.dataset(**edges)
    parts.append(charts.with_data({"mark": {"type": "text", "fontSize": 12, "fontWeight": "bold", "color": charts.TEXT,
                                 "dy": -8},
                        "encoding": {"x": {**x, "field": "mx"}, "y": {**y, "field": "my"},
                                     "text": {"field": "label", "type": "nominal"}}}, name, data))
    name, data = charts.dataset(**inputs)
    at = {"x": x, "y": y}
    parts.append(charts.with_data({"mark": {"type": "circle", "size": 900, "opacity": 1, "color": GIVEN, "stroke": "#312E81",
                                 "strokeWidth": 2}, "encoding": at}, name, data))
    parts.append(charts.with_data({"mark": {"type": "text", "fontSize": 12, "fontWeight": "bold", "color": charts.TEXT,
                                 "dy": -26},
                        "encoding": {**at, "text": {"field": "above", "type": "nominal"}}}, name, data))
    name, data = charts.dataset(**nodes)
    parts.append(charts.with_data({"mark": {"type": "circle", "size": 900, "opacity": 1, "stroke": "#312E81", "strokeWidth": 2},
                        "encoding": {**at, "color": colour}}, name, data))
    for field, props in (("mark", {"fontSize": 18, "fontWeight": "bold", "color": "#111827"}),
                         ("above", {"fontSize": 12, "color": charts.TEXT, "dy": -26}),
                         ("below", {"fontSize": 12, "color": charts.TEXT, "dy": 28})):
        parts.append(charts.with_data({"mark": {"type": "text", **props},
                            "encoding": {**at, "text": {"field": field, "type": "nominal"}}}, name, data))
    return charts.layer(*parts, height=BASE_HEIGHT + ROW_HEIGHT * (tall - 1) + 60,
                        config={"view": {"strokeWidth": 0}})
