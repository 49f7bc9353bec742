"""AppTest of a network exercise on its graph: cells that open when what they need is filled in, error carried
forward from the learner's own values, the colours of the drawn network, hints and worked steps, the gradient step
and the cost, attempts recorded per cell, both languages."""
from __future__ import annotations

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from exercises import load_library
from exercises import network as netlib
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
    assert any("carried forward" in s.value and "z^{(3)}_{1}" in s.value and s.icon == "↪️" for s in at.success)
    assert not [box for box in at.info if "carried forward" in box.value]   # said once, in the verdict itself
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


# -- the learner takes the gradient step (`nw`, `nb` cells) -------------------------------------------------------

STEP, STEP_SEED = "backprop-net-sigmoid-step", 2


def cell_text(at: AppTest, template_id: str, seed: int, cell: str) -> str:
    """The first line of a cell: its state symbol and what it asks for."""
    prompt = LIB.get(template_id).generate(seed).part(cell).prompt["en"]
    return next(m.value for m in at.markdown if prompt in m.value)


def test_a_new_weight_from_a_wrong_gradient_is_right_from_your_values_and_a_wrong_one_gets_a_hint():
    ex = LIB.get(STEP).generate(STEP_SEED)
    v = ex.values
    at = open_panel("backprop", STEP, STEP_SEED)
    assert any("before the step" in c.value for c in at.caption)          # the graph shows the network before it
    assert at.text_input(key=key(STEP, STEP_SEED, "nw3_11")).disabled is True
    assert any(r"Fill in $\dfrac{\partial C}{\partial w^{(3)}_{11}}$ first" in c.value for c in at.caption)
    for cell in ("z2_1", "z2_2", "a2_1", "a2_2", "z3_1", "a3_1", "delta3_1"):
        enter(at, STEP, STEP_SEED, cell, f"{float(v[cell]):.8f}")
    wrong_gradient = float(v["dw3_11"]) + 0.2
    enter(at, STEP, STEP_SEED, "dw3_11", f"{wrong_gradient:.8f}")
    assert at.text_input(key=key(STEP, STEP_SEED, "nw3_11")).disabled is False
    own = float(v["w3_11"]) - float(v["eta"]) * wrong_gradient
    enter(at, STEP, STEP_SEED, "nw3_11", f"{own:.6f}")                  # right from the learner's own gradient
    assert any("carried forward" in s.value and r"\partial w^{(3)}_{11}" in s.value for s in at.success)
    assert cell_text(at, STEP, STEP_SEED, "nw3_11").startswith("↪")
    edge = next(e for e in graph(at)["edges"] if e["x"] == 1.0 and e["y"] == 0.5)
    assert edge["state"] == "✗ wrong"                     # an edge still shows its ∂C/∂w, not the new weight
    enter(at, STEP, STEP_SEED, "dw3_12", f"{float(v['dw3_12']):.8f}")
    uphill = float(v["w3_12"] + v["eta"] * v["dw3_12"])
    enter(at, STEP, STEP_SEED, "nw3_12", f"{uphill:.6f}")                # the step taken uphill
    assert cell_text(at, STEP, STEP_SEED, "nw3_12").startswith("✗")
    assert any("Wrong direction" in e.value for e in at.error)
    more = key(STEP, STEP_SEED, "nw3_12") + "-more"
    at.button(key=more).click().run()
    assert any("Hint" in i.value and "against the gradient" in i.value for i in at.info)
    at.button(key=more).click().run()
    assert any("Worked step" in i.value and r"w^{(3)'}_{12} = w^{(3)}_{12} - \eta" in i.value for i in at.info)
    assert not at.metric                                  # no cost after the step while cells are missing
    assert any("Fill in every new weight and bias" in c.value for c in at.caption)


RELU_STEP, RELU_STEP_SEED = "backprop-net-relu-step", 4


def test_all_new_weights_right_show_the_cost_after_lower_and_a_wrong_one_hides_it_in_chinese():
    ex = LIB.get(RELU_STEP).generate(RELU_STEP_SEED)
    v, net = ex.values, ex.network
    at = open_panel("backprop", RELU_STEP, RELU_STEP_SEED, lang="zh")
    given = next(c.value for c in at.caption if "已知" in c.value)
    assert r"\partial w^{(2)}_{11}" in given and "$、$" in given and "$, $" not in given   # gradients given, listed 、
    assert any("新的权重" in m.value for m in at.markdown) and any("新的偏置" in m.value for m in at.markdown)
    for cell in net.step_cells[:-1]:
        enter(at, RELU_STEP, RELU_STEP_SEED, cell, v[cell])
    assert not at.metric
    last = net.step_cells[-1]
    enter(at, RELU_STEP, RELU_STEP_SEED, last, v[last] + 1)
    assert any("还不行" in w.value and netlib.symbol(last) in w.value for w in at.warning) and not at.metric
    enter(at, RELU_STEP, RELU_STEP_SEED, last, v[last])
    before, after = (float(m.value) for m in at.metric)
    assert before == pytest.approx(float(v["cost"]), rel=1e-3)
    assert after == pytest.approx(float(v["cost_after"]), rel=1e-3) and after < before
    assert any("代价从" in s.value and "降到了" in s.value for s in at.success)
    table = next(m.value for m in at.markdown if "这一步之后" in m.value and "|" in m.value)
    row = next(r for r in table.splitlines() if r.startswith("| $w^{(2)}_{11}$"))
    assert row == f"| $w^{{(2)}}_{{11}}$ | {v['w2_11']} | {v['dw2_11']} | {float(v['nw2_11']):g} |"
    assert any("上面给出的梯度" in c.value for c in at.caption)


def _legends(spec: dict) -> list:
    return [layer["encoding"]["color"].get("legend") for layer in spec["layer"]
            if isinstance(layer.get("encoding", {}).get("color"), dict)]


@pytest.mark.parametrize("template_id, shown", [(RELU, True), (STEP, True), (RELU_STEP, False)])
def test_the_graph_has_a_legend_only_when_a_cell_is_drawn_on_it(template_id, shown):
    """A step drill with its gradients given asks only for new weights, which the graph (the network before the
    step) does not draw: no colour on it can change, so it has no legend to read."""
    from ui.network_chart import network_graph

    ex = LIB.get(template_id).generate(4)
    legends = _legends(network_graph(ex.network, ex.values, {}, "en"))
    assert legends and all((legend is not None) == shown for legend in legends)


def test_cells_answered_after_their_own_labels_are_judged_and_carried_forward(relu):
    """Copying a cell's label from the graph before the value (z^{(2)}_{1} = …, δ₁⁽³⁾ = …) is judged like the value
    alone, and the value is the one the next cells build on."""
    at = open_panel("backprop", RELU, SEED)
    v = relu.values
    labels = {"z2_1": "z^{(2)}_{1}", "z2_2": "z^{(2)}_2", "a2_1": "a₁⁽²⁾", "a2_2": "a_2^{(2)}"}
    for cell, label in labels.items():
        enter(at, RELU, SEED, cell, f"{label} = {v[cell]}")
    assert neuron(at, 0)["state"] == "✓ right" and neuron(at, 1)["state"] == "✓ right"
    wrong_z = v["z3_1"] + 2
    enter(at, RELU, SEED, "z3_1", f"z^{{(3)}}_{{1}} = {wrong_z}")
    assert neuron(at, 2)["state"] == "✗ wrong"
    enter(at, RELU, SEED, "delta3_1", f"δ₁⁽³⁾ = {wrong_z - v['t1']}")    # right from the learner's own z
    assert any("carried forward" in s.value and "z^{(3)}_{1}" in s.value for s in at.success)
