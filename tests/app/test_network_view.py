"""AppTest of a network exercise on its graph: cells that open when what they need is filled in, error carried
forward from the learner's own values, the colours of the drawn network, hints and worked steps, the gradient step
and the cost, attempts recorded per cell, both languages."""
from __future__ import annotations

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from exercises import load_library
from practice_support import home, open_panel  # noqa: F401 — `home` is an autouse fixture

LIB = load_library()


def key(template_id: str, seed: int, cell: str) -> str:
    return f"ex-{template_id}-{seed}-{cell}"


def enter(at: AppTest, template_id: str, seed: int, cell: str, value) -> AppTest:
    k = key(template_id, seed, cell)
    at.text_input(key=k).input(str(value))
    at.button(key=f"{k}-check").click().run()
    assert not at.exception, at.exception
    return at


def graph(at: AppTest) -> dict[str, list[dict]]:
    """The drawn network's rows: `nodes` (neurons), `edges` (every weight)."""
    proto = at.get("vega_lite_chart")[0].proto
    tables = [pa.ipc.open_stream(ds.data.data).read_all().to_pylist() for ds in proto.datasets]
    return {"nodes": next(rows for rows in tables if rows and "below" in rows[0]),
            "edges": next(rows for rows in tables if rows and "mx" in rows[0] and "state" in rows[0])}


def neuron(at: AppTest, index: int) -> dict:
    return graph(at)["nodes"][index]


RELU, SEED = "backprop-net-relu", 5


@pytest.fixture(scope="module")
def relu():
    return LIB.get(RELU).generate(SEED)


def test_cells_open_once_what_they_need_is_filled_in_and_say_what_they_need(relu):
    at = open_panel("backprop", RELU, SEED)
    assert at.text_input(key=key(RELU, SEED, "z2_1")).disabled is False
    assert at.text_input(key=key(RELU, SEED, "a2_1")).disabled is True
    assert any("Fill in $z^{(2)}_{1}$ first" in c.value for c in at.caption)
    assert graph(at)["nodes"][0]["state"] == "· not filled in yet"
    enter(at, RELU, SEED, "z2_1", relu.values["z2_1"] + 3)     # a wrong value still opens what depends on it
    assert at.text_input(key=key(RELU, SEED, "a2_1")).disabled is False
    assert at.text_input(key=key(RELU, SEED, "z3_1")).disabled is True


def test_a_delta_from_a_wrong_z_is_right_from_your_values_and_the_graph_says_so(relu, home):
    at = open_panel("backprop", RELU, SEED)
    v = relu.values
    for cell in ("z2_1", "z2_2", "a2_1", "a2_2"):
        enter(at, RELU, SEED, cell, v[cell])
    wrong_z = v["z3_1"] + 2
    enter(at, RELU, SEED, "z3_1", wrong_z)
    assert at.error and neuron(at, 2)["state"] == "✗ wrong"
    enter(at, RELU, SEED, "delta3_1", wrong_z - v["t1"])      # right, computed from the learner's own z
    assert any("carried forward" in s.value and "z^{(3)}_{1}" in s.value for s in at.success)
    assert "δ↪" in neuron(at, 2)["below"] and "z✗" in neuron(at, 2)["below"]
    assert neuron(at, 0)["state"] == "✓ right" and neuron(at, 0)["mark"] == "✓"
    enter(at, RELU, SEED, "dw3_11", (wrong_z - v["t1"]) * v["a2_1"])
    edges = graph(at)["edges"]
    dw311 = next(e for e in edges if e["x"] == 1.0 and e["y"] == 0.5)
    assert dw311["state"] == "↪ right from your values" and dw311["label"].endswith("↪")
    assert all(e["state"] == "· not filled in yet" for e in edges if e is not dw311 and e["x"] == 0.0)
    from store import get_store

    rows = get_store().attempts("ada")
    assert [(r.part, r.status) for r in rows] == [("z2_1", "correct"), ("z2_2", "correct"), ("a2_1", "correct"),
                                                  ("a2_2", "correct"), ("z3_1", "incorrect"),
                                                  ("delta3_1", "correct"), ("dw3_11", "correct")]
    assert all(r.template_id == RELU and r.seed == SEED for r in rows)


def test_a_wrong_delta_from_right_values_is_wrong_and_correcting_a_value_rejudges_what_follows(relu):
    at = open_panel("backprop", RELU, SEED)
    v = relu.values
    for cell in ("z2_1", "z2_2", "a2_1", "a2_2", "z3_1"):
        enter(at, RELU, SEED, cell, v[cell])
    enter(at, RELU, SEED, "delta3_1", v["delta3_1"] + 1)
    assert at.error and not any("carried forward" in s.value for s in at.success)
    assert neuron(at, 2)["state"] == "✗ wrong"
    enter(at, RELU, SEED, "z3_1", v["z3_1"] + 1)   # now the δ typed before is right from the learner's new z
    assert "δ↪" in neuron(at, 2)["below"]


def test_a_wrong_cell_reveals_a_hint_then_the_worked_step_in_chinese(relu):
    at = open_panel("backprop", RELU, SEED, lang="zh")
    enter(at, RELU, SEED, "z2_1", relu.values["z2_1"] - relu.values["b2_1"])   # the bias forgotten
    more = key(RELU, SEED, "z2_1") + "-more"
    assert at.button(key=more).label == "看提示"
    at.button(key=more).click().run()
    assert any("提示" in i.value and "偏置" in i.value for i in at.info)
    assert at.button(key=more).label == "看详细步骤"
    at.button(key=more).click().run()
    worked = [i.value for i in at.info if "详细步骤" in i.value]
    assert worked and "z^{(2)}_{1} = w^{(2)}_{11}x_{1}" in worked[0] and f"= {relu.values['z2_1']}$" in worked[0]
    assert not [b for b in at.button if b.key == more]
    assert neuron(at, 0)["state"] == "✗ 错误"
    assert any("前向传播" in m.value for m in at.markdown)


def test_every_cell_right_then_one_gradient_step_lowers_the_cost():
    template_id, seed = "chain-net-111", 3
    ex = LIB.get(template_id).generate(seed)
    at = open_panel("chain-rule", template_id, seed)
    net = ex.network
    for cell in net.cell_ids[:-1]:
        enter(at, template_id, seed, cell, f"{float(ex.values[cell]):.8f}")
    assert any("Fill in every gradient first" in c.value for c in at.caption)
    enter(at, template_id, seed, net.cell_ids[-1], f"{float(ex.values[net.cell_ids[-1]]):.8f}")
    nodes = graph(at)["nodes"]
    assert {n["state"] for n in nodes} == {"✓ right"} and {e["state"] for e in graph(at)["edges"]} == {"✓ right"}
    assert any("Every cell is right" in s.value for s in at.success)
    at.button(key=f"ex-{template_id}-{seed}-step-button").click().run()
    before, after = (m.value for m in at.metric)
    assert float(before) == pytest.approx(float(ex.values["cost"]), rel=1e-3)
    assert float(after) == pytest.approx(float(ex.values["cost_after"]), rel=1e-3)
    assert float(after) < float(before)
    assert any("The cost went down" in s.value for s in at.success)
    table = next(m.value for m in at.markdown if "after the step" in m.value)
    assert "w^{(2)}_{11}" in table and "b^{(3)}_{1}" in table
