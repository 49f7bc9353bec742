"""Charts and formulas that must stay legible: network labels apart and inside/below nodes, formulas in lines."""
from __future__ import annotations

import json
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
    node_rows = _layer_data(spec, 3)
    assert [r["inside"] for r in node_rows] == ["a", "b", "", ""]
    assert [r["below"] for r in node_rows] == ["", "", "δ=-0.019", "δ=0.013"]
    below = spec["layer"][5]
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


def test_the_chain_rule_graph_names_each_edge_above_it_and_writes_its_value_below_it():
    at = AppTest.from_file(str(ROOT / "pages" / "t08_chain_rule.py"), default_timeout=30)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    texts = {child["encoding"]["text"]["field"]: child for child in spec["layer"] if child["mark"]["type"] == "text"}
    assert texts["above"]["mark"]["baseline"] == "bottom" and texts["under"]["mark"]["baseline"] == "top"
    data = at.get("vega_lite_chart")[0].proto.datasets
    rows = next(pa.ipc.open_stream(ds.data.data).read_all().to_pylist() for ds in data
                if ds.name == texts["above"]["data"]["name"])
    assert [r["above"] for r in rows] == ["∂u/∂x", "∂y/∂u", "∂C/∂y"]
    assert [r["under"] for r in rows] == ["2.00", "0.197", "0.731"]       # x = 1, w = 2, b = −1, t = 0
    assert max(len(r["above"]) for r in rows) <= 6, "short enough to fit between the nodes on a phone"


def test_an_edge_of_weight_near_zero_is_still_drawn_in_a_visible_colour():
    edges = {"x": [0], "y": [0], "x2": [1], "y2": [0], "weight": [0.01], "label": ["w"]}
    spec = charts.network({"x": [0, 1], "y": [0, 0], "label": ["a", "b"], "value": [0, 0]}, edges)
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domainMid"] == 0 and "#FFFFFF" not in [c.upper() for c in scale["range"]]
    assert spec["layer"][0]["encoding"]["strokeWidth"]["scale"]["range"][0] >= 1.5


def test_a_memoised_chart_spec_is_shared_and_drawing_it_leaves_it_as_built(monkeypatch):
    """`chart_cache` hands every session the same spec dict, so drawing one must not change it."""
    import copy
    import sys
    import types

    from ui.layout import chart_cache

    def build(slope: float) -> dict:
        line = charts.path([0.0, 1.0, 2.0], [0.0, slope, 2 * slope])
        return charts.plane(line, charts.arrows({"a": (1.0, slope)}), extent=3.0, height=200)

    memo = chart_cache(build)
    spec = memo(1.5)
    built = copy.deepcopy(spec)
    monkeypatch.setitem(sys.modules, "chart_memo_probe", types.SimpleNamespace(memo=memo))
    at = AppTest.from_string("import chart_memo_probe\nfrom ui.layout import show, show_row\n"
                             "show(chart_memo_probe.memo(1.5))\nshow_row(chart_memo_probe.memo(1.5), "
                             "chart_memo_probe.memo(1.5))\n", default_timeout=30)
    at.run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 3
    assert memo(1.5) is spec and spec == built
    assert memo(2.0) is not spec
