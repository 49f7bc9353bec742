"""Charts and formulas that must stay legible: network labels apart and inside/below nodes, formulas in lines."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from ui import charts

ROOT = Path(__file__).resolve().parents[2]


def _layer_data(spec: dict, index: int) -> list[dict]:
    """The rows of the ``index``-th layer (charts.dataset keeps them as Arrow streams in the spec's datasets)."""
    data = spec["datasets"][spec["layer"][index]["data"]["name"]]
    return pa.ipc.open_stream(data).read_all().to_pylist()


def test_crossing_edges_get_labels_apart_and_long_node_labels_sit_below_their_circle():
    nodes = {"x": [0, 0, 1, 1], "y": [1, -1, 1, -1], "label": ["a", "b", "δ=-0.019", "δ=0.013"],
             "value": [1, 1, 1, 1]}
    edges = {"x": [0, 0], "y": [1, -1], "x2": [1, 1], "y2": [-1, 1], "weight": [1, -1], "label": ["p", "q"]}
    spec = charts.network(nodes, edges, label_at=0.3)
    edge_rows = _layer_data(spec, 1)
    assert [(round(r["mx"], 6), round(r["my"], 6)) for r in edge_rows] == [(0.3, 0.4), (0.3, -0.4)]
    node_rows = _layer_data(spec, 2)
    assert [r["inside"] for r in node_rows] == ["a", "b", "", ""]
    assert [r["below"] for r in node_rows] == ["", "", "δ=-0.019", "δ=0.013"]
    below = spec["layer"][4]
    assert below["encoding"]["text"]["field"] == "below" and below["mark"]["dy"] >= 22   # past the circle's radius


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_optimizer_update_rules_are_written_one_assignment_a_line(lang):
    at = AppTest.from_file(str(ROOT / "pages" / "t15_optimizers.py"), default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    rules = [e.value for e in at.latex if r"\leftarrow" in e.value]
    assert len(rules) == 3
    for rule in rules:
        lines = rule.split(r"\\")
        assert all(line.count(r"\leftarrow") + line.count("&=") <= 1 for line in lines), rule
