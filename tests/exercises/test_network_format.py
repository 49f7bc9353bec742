"""The `network:` layout of the exercise-file format: bad files give `file:line: field: message`, the documented
examples validate, a quiz refuses a network exercise, and each cell is judged with error carried forward."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercises import load_library
from exercises.network import KINDS
from exercises.quiz import quiz_problems
from exercises.schema import QuizSpec
from exercises.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
BASE = """\
templates:
  - id: t-net
    topic: backprop
    title: {en: "Net", zh: "网络"}
    difficulty: 2
    network:
      layers: [2, 2, 1]
      activations: [relu, linear]
      loss: squared-error
      inputs: {int: [-2, 2], exclude: [0]}
      weights: {int: [-2, 2], exclude: [0]}
      biases: {int: [-1, 1], exclude: [0]}
      targets: {int: [-2, 2]}
      eta: 0.1
"""


def case(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


CASES = {
    "too-many-layers": (case("      layers: [2, 2, 1]\n", "      layers: [2, 2, 2, 2, 1]  # <-\n"),
                        "network.layers", "give 2 to 4 layers"),
    "too-wide": (case("      layers: [2, 2, 1]\n", "      layers: [2, 7, 1]  # <-\n"),
                 "network.layers[1]", "layer 2 has 7 neurons; use 1 to 4"),
    "activation-count": (case("      activations: [relu, linear]\n", "      activations: [relu]  # <-\n"),
                         "network.activations", "one activation per layer after the input"),
    "unknown-activation": (case("      activations: [relu, linear]\n", "      activations: [tanh, linear]  # <-\n"),
                           "network.activations[0]", "'sigmoid', 'relu', 'linear' or 'softmax'"),
    "hidden-softmax": (case("      activations: [relu, linear]\n", "      activations: [softmax, linear]  # <-\n"),
                       "network.activations[0]", "softmax is for the output layer only"),
    "softmax-without-ce": (case("      layers: [2, 2, 1]\n      activations: [relu, linear]\n",
                                "      layers: [2, 2, 2]\n      activations: [relu, softmax]\n")
                           .replace("      loss: squared-error\n", "      loss: squared-error  # <-\n"),
                           "network.loss", "a softmax output layer goes with loss: cross-entropy"),
    "ce-without-softmax": (case("      loss: squared-error\n", "      loss: cross-entropy  # <-\n"),
                           "network.loss", "cross-entropy goes with a softmax output layer"),
    "empty-range": (case("      weights: {int: [-2, 2], exclude: [0]}\n", "      weights: {int: [2, -2]}  # <-\n"),
                    "network.weights.int", "range [2, -2] is empty"),
    "negative-eta": (case("      eta: 0.1\n", "      eta: -0.1  # <-\n"), "network.eta", "η must be positive"),
    "unknown-cell-kind": (case("      eta: 0.1\n", "      eta: 0.1\n      fill: [z, grad]  # <-\n"),
                          "network.fill[1]", "'z', 'a', 'delta', 'dw', 'db', 'nw' or 'nb'"),
    "new-weight-as-notation": (case("      eta: 0.1\n", "      eta: 0.1\n      fill: [dw, \"w'\"]  # <-\n"),
                               "network.fill[1]", "'nw' or 'nb'"),
    "empty-fill": (case("      eta: 0.1\n", "      eta: 0.1\n      fill: []  # <-\n"),   # every kind listed, as
                   "network.fill", "list at least one kind of cell: " + ", ".join(KINDS)),  # the message is literal
    "new-weight-twice": (case("      eta: 0.1\n", "      eta: 0.1\n      fill: [dw, nw, db,\n             nw]  # <-\n"),
                         "network.fill[3]", "'nw' is listed twice"),
    "network-and-answer": (BASE + "    answer:  # <-\n      kind: number\n      expected: z2_1\n",
                           "answer", "a network exercise has no answer: or parts:"),
    "name-clash": (BASE + "    derived:\n      z2_1: \"x1 + 1\"  # <-\n",
                   "derived.z2_1", "'z2_1' is a value of the network; choose another name"),
    "unknown-field": (case("      eta: 0.1\n", "      eta: 0.1\n      learning_rate: 0.1  # <-\n"),
                      "network.learning_rate", "unknown field 'learning_rate'"),
    "missing-weights": (case("      weights: {int: [-2, 2], exclude: [0]}\n", "").replace("    network:\n",
                                                                                           "    network:  # <-\n"),
                        "network.weights", "is required"),
}


def marked_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if "# <-" in line)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_network_file_reports_file_line_field(name: str, tmp_path: Path) -> None:
    text, field, message = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    report = validate_paths([path], seeds=5, builtin_context=False)
    assert not report.ok
    line = marked_line(text)
    found = [e for e in report.errors if message in e.message and e.field == field and e.line == line]
    assert found, f"wanted {line} {field!r} {message!r}; got {[str(e) for e in report.errors]}"
    assert str(found[0]).startswith(f"{path}:{line}: {field}: ")


def test_the_base_file_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "net.yaml"
    path.write_text(BASE, encoding="utf-8")
    report = validate_paths([path], seeds=10, builtin_context=False)
    assert report.ok, [str(e) for e in report.errors]


@pytest.mark.parametrize("doc, header", [("docs/exercise-format.md", "## Network exercises"),
                                         ("docs/exercise-format.md", "### The gradient step as cells"),
                                         ("docs/authoring.md", "### A network to fill in on its graph"),
                                         ("docs/authoring.md", "#### The learner takes the gradient step")])
def test_the_documented_example_validates(doc: str, header: str, tmp_path: Path) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text[text.index(header):], re.S).group(1)
    if not block.startswith("templates:"):
        block = "templates:\n" + block
    path = tmp_path / "example.yaml"
    path.write_text(block, encoding="utf-8")
    report = validate_paths([path], seeds=20, builtin_context=False)
    assert report.ok, [str(e) for e in report.errors]
    assert len(load_library([path]).templates) == 1


def test_a_quiz_refuses_a_network_exercise_and_topic_entries_skip_them() -> None:
    library = load_library()
    spec = QuizSpec.model_validate({"id": "q", "title": {"en": "Q", "zh": "测"}, "seed": 1,
                                    "entries": [{"template": "backprop-net-relu"}, {"topic": "backprop", "count": 2}]})
    problems = quiz_problems(spec, library.templates)
    assert any(path[-1] == "template" and "network exercise" in message and "quiz cannot hold it" in message
               for path, message in problems)
    from exercises.quiz import entry_pool

    pool = entry_pool(spec.entries[1], library.templates, set())
    assert pool and not any(library.get(tid).network for tid in pool)


# -- error carried forward, cell by cell -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def relu():
    return load_library().get("backprop-net-relu").generate(5)


def test_a_delta_right_from_the_learners_wrong_z_is_right_and_says_so(relu):
    wrong_z = relu.values["z3_1"] + 2
    delta = wrong_z - relu.values["t1"]           # linear output: δ = z − t, from the learner's own z
    verdict = relu.check("delta3_1", str(delta), earlier={"z3_1": str(wrong_z)})
    assert verdict.status == "correct" and verdict.details.get("ecf") and verdict.details["ecf_parts"] == ["z3_1"]
    assert "carried forward" in verdict.message and "z^{(3)}_{1}" in verdict.message
    zh = relu.check("delta3_1", str(delta), lang="zh", earlier={"z3_1": str(wrong_z)})
    assert zh.status == "correct" and "z^{(3)}_{1}" in zh.message and "误差" in zh.message


def test_a_wrong_delta_from_right_values_is_wrong(relu):
    right = relu.values["delta3_1"]
    verdict = relu.check("delta3_1", str(right + 1), earlier={"z3_1": str(relu.values["z3_1"])})
    assert verdict.status == "incorrect" and not verdict.details.get("ecf")
    assert relu.check("delta3_1", str(right), earlier={"z3_1": str(relu.values["z3_1"])}).status == "correct"


def test_a_cell_typed_as_a_formula_of_the_given_numbers_is_invalid(relu):
    v = relu.values
    verdict = relu.check("z2_1", f"relu({v['w2_11']}*{v['x1']})")
    assert verdict.status == "invalid"


def test_the_sigmoid_cells_name_the_slips():
    ex = load_library().get("backprop-net-sigmoid").generate(1)
    v = ex.values
    forgot = ex.check("z2_1", f"{float(v['z2_1'] - v['b2_1']):.6f}")
    assert forgot.status == "incorrect" and forgot.details["mistake"]["name"] == "forgot-bias"
    no_prime = ex.check("delta3_1", f"{float(v['a3_1'] - v['t1']):.6f}")
    assert no_prime.details["mistake"]["name"] == "delta-missing-activation-derivative"


# -- the gradient step as cells (`nw`, `nb`) ---------------------------------------------------------------------

def test_new_weights_without_their_gradients_show_the_gradients_as_given(tmp_path: Path) -> None:
    path = tmp_path / "step.yaml"
    path.write_text(case("      eta: 0.1\n", "      eta: 0.1\n      fill: [nw, nb]\n"), encoding="utf-8")
    report = validate_paths([path], seeds=10, builtin_context=False)
    assert report.ok, [str(e) for e in report.errors]
    net = load_library([path]).get("t-net").network
    assert net.cell_ids == ("nw2_11", "nw2_12", "nb2_1", "nw2_21", "nw2_22", "nb2_2", "nw3_11", "nw3_12", "nb3_1")
    assert net.given_cells == ("dw3_11", "dw3_12", "db3_1", "dw2_11", "dw2_12", "db2_1", "dw2_21", "dw2_22", "db2_2")
    assert net.gradient_step and net.needs("nw2_12") == ()
    ex = load_library([path]).get("t-net").generate(3)
    assert ex.part("nw2_12").expected == ex.values["w2_12"] - ex.values["eta"] * ex.values["dw2_12"]
    assert "the new weights $w' = w" in ex.prompt["en"] and "新的偏置" in ex.prompt["zh"]
    # no cell waits for another: the prompt says every cell is open, not that errors are carried forward
    assert "every cell is open" in ex.prompt["en"] and "carried forward" not in ex.prompt["en"]
    assert "所有格子都已打开" in ex.prompt["zh"] and "误差传递" not in ex.prompt["zh"]
    chained = load_library().get("backprop-net-sigmoid-step").generate(3)
    assert "carried forward" in chained.prompt["en"] and "误差传递" in chained.prompt["zh"]
    assert "。 " not in chained.prompt["zh"]   # Chinese sentences follow each other without a space


def test_a_template_without_fill_does_not_ask_for_the_new_weights() -> None:
    for tid in ("backprop-net-sigmoid", "backprop-net-relu", "backprop-net-softmax"):
        net = load_library().get(tid).network
        assert net.gradient_step and not net.step_cells and not any(c.startswith("n") for c in net.cell_ids)


@pytest.fixture(scope="module")
def step():
    return load_library().get("backprop-net-sigmoid-step").generate(2)


def test_a_new_weight_right_from_the_learners_wrong_gradient_is_right_and_says_so(step):
    v = step.values
    assert step.network.needs("nw3_11") == ("dw3_11",) and step.network.needs("nb2_2") == ("db2_2",)
    wrong_gradient = float(v["dw3_11"]) + 0.1
    own = float(v["w3_11"] - v["eta"] * wrong_gradient)
    earlier = {"dw3_11": f"{wrong_gradient:.6f}"}
    verdict = step.check("nw3_11", f"{own:.6f}", earlier=earlier)
    assert verdict.status == "correct" and verdict.details["ecf"] and verdict.details["ecf_parts"] == ["dw3_11"]
    assert "carried forward" in verdict.message and "w^{(3)}_{11}" in verdict.message
    zh = step.check("nw3_11", f"{own:.6f}", lang="zh", earlier=earlier)
    assert zh.status == "correct" and "误差传递" in zh.message


def test_a_wrong_new_weight_from_right_gradients_is_wrong_and_names_the_slip(step):
    v = step.values
    earlier = {"dw2_21": f"{float(v['dw2_21']):.8f}"}
    right = step.check("nw2_21", f"{float(v['nw2_21']):.6f}", earlier=earlier)
    assert right.status == "correct" and not right.details.get("ecf")
    uphill = step.check("nw2_21", f"{float(v['w2_21'] + v['eta'] * v['dw2_21']):.6f}", earlier=earlier)
    assert uphill.status == "incorrect" and uphill.details["mistake"]["name"] == "gradient-wrong-sign"
    no_eta = step.check("nw2_21", f"{float(v['w2_21'] - v['dw2_21']):.6f}", earlier=earlier)
    assert no_eta.status == "incorrect" and "η" in no_eta.message
    assert step.check("nw2_21", str(v["w2_21"]), earlier=earlier).status == "incorrect"   # no step taken


def test_a_new_weight_is_typed_as_a_number_not_as_the_update_rule(step):
    for text in ("w - eta*g", "w2_21 - eta*dw2_21", "w' = w - η·∂C/∂w"):
        assert step.check("nw2_21", text).status == "invalid", text


def test_the_cost_after_the_learners_step_is_computed_from_their_own_new_weights(step):
    import numpy as np

    from exercises.ecf import own_values

    v = step.values
    answers = {c: f"{float(v[c]):.8f}" for c in step.network.cell_ids}
    slip = float(v["dw3_11"]) + 0.2
    answers["dw3_11"] = f"{slip:.8f}"
    answers["nw3_11"] = f"{float(v['w3_11']) - float(v['eta']) * slip:.8f}"     # right from the wrong gradient
    own = own_values(step, answers)
    assert float(own["nw3_11"]) == pytest.approx(float(answers["nw3_11"]))
    assert float(own["dw3_11"]) == pytest.approx(slip)

    def sigma(z):
        return 1 / (1 + np.exp(-z))

    new = {name: float(answers[f"n{name}"]) for name in ("w2_11", "w2_12", "w2_21", "w2_22", "w3_11", "w3_12",
                                                          "b2_1", "b2_2", "b3_1")}
    x = np.array([float(v["x1"]), float(v["x2"])])
    hidden = sigma(np.array([[new["w2_11"], new["w2_12"]], [new["w2_21"], new["w2_22"]]]) @ x
                   + np.array([new["b2_1"], new["b2_2"]]))
    out = sigma(new["w3_11"] * hidden[0] + new["w3_12"] * hidden[1] + new["b3_1"])
    assert float(own["cost_after"]) == pytest.approx(0.5 * (float(v["t1"]) - out) ** 2, rel=1e-6)
    assert float(own["cost_after"]) != pytest.approx(float(v["cost_after"]), rel=1e-9)
