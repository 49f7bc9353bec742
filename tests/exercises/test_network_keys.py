"""Network exercises (`network:`): every cell's key recomputed independently with NumPy.

For each built-in network template, at `SEEDS` seeds (200; `DLMATH_LIBRARY_SEEDS` overrides), the params the
engine draws are fed to a NumPy network written here from the mathematics: the forward pass with matrices, the
cost, and — independently of any δ formula — central finite differences of the cost with respect to every weighted
input z, weight and bias, then one gradient-descent step with those. The engine's z, a, δ, ∂C/∂w, ∂C/∂b and new
weights and biases w', b' must agree, and so must the cost after the step (which must be lower). A few seeds also
go through the generated exercise and the solver.
"""
from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest
import sympy as sp

from exercises import load_library

SEEDS = int(os.environ.get("DLMATH_LIBRARY_SEEDS", "200"))
LIB = load_library()
NETWORKS = sorted(tid for tid, t in LIB.templates.items() if t.network is not None)
H = 1e-6


def _act(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "softmax":
        e = np.exp(z - z.max())
        return e / e.sum()
    return z


class Oracle:
    """A NumPy network with the template's architecture and the drawn params."""

    def __init__(self, template: Any, params: dict[str, Any]):
        spec = template.network.spec
        self.sizes, self.acts, self.loss = list(spec.layers), list(spec.activations), spec.loss
        p = {k: float(v) for k, v in params.items()}
        self.x = np.array([p[f"x{i}"] for i in range(1, self.sizes[0] + 1)])
        n_out = self.sizes[-1]
        if self.loss == "cross-entropy":
            self.t = np.eye(n_out)[int(p["target"]) - 1]
        else:
            self.t = np.array([p[f"t{j}"] for j in range(1, n_out + 1)])
        self.W = {l: np.array([[p[f"w{l}_{j}{i}"] for i in range(1, self.sizes[l - 2] + 1)]
                               for j in range(1, self.sizes[l - 1] + 1)]) for l in range(2, len(self.sizes) + 1)}
        self.b = {l: np.array([p[f"b{l}_{j}"] for j in range(1, self.sizes[l - 1] + 1)])
                  for l in range(2, len(self.sizes) + 1)}
        self.eta = p["eta"]

    def run(self, W=None, b=None, dz: tuple[int, int, float] | None = None) -> tuple[dict, dict, float]:
        """z and a per layer and the cost; `dz` = (layer, j, h) nudges one weighted input."""
        W, b = W or self.W, b or self.b
        a, zs, outs = self.x, {}, {}
        for layer in range(2, len(self.sizes) + 1):
            z = W[layer] @ a + b[layer]
            if dz and dz[0] == layer:
                z = z.copy()
                z[dz[1]] += dz[2]
            a = _act(self.acts[layer - 2], z)
            zs[layer], outs[layer] = z, a
        if self.loss == "cross-entropy":
            cost = -float(np.sum(self.t * np.log(a)))
        else:
            cost = 0.5 * float(np.sum((self.t - a) ** 2))
        return zs, outs, cost

    def keys(self) -> dict[str, float]:
        """Every cell by the forward pass and finite differences of the cost; the costs before and after."""
        zs, outs, cost = self.run()
        out = {"cost": cost}
        for layer, z in zs.items():
            for j in range(len(z)):
                out[f"z{layer}_{j + 1}"] = z[j]
                out[f"a{layer}_{j + 1}"] = outs[layer][j]
                out[f"delta{layer}_{j + 1}"] = (self.run(dz=(layer, j, H))[2] - self.run(dz=(layer, j, -H))[2]) / (2 * H)
        new_W, new_b = {}, {}
        for layer in self.W:
            gW, gb = np.zeros_like(self.W[layer]), np.zeros_like(self.b[layer])
            for j in range(gW.shape[0]):
                for i in range(gW.shape[1]):
                    gW[j, i] = self._slope(layer, "W", (j, i))
                    out[f"dw{layer}_{j + 1}{i + 1}"] = gW[j, i]
                gb[j] = self._slope(layer, "b", (j,))
                out[f"db{layer}_{j + 1}"] = gb[j]
            new_W[layer], new_b[layer] = self.W[layer] - self.eta * gW, self.b[layer] - self.eta * gb
            for (j, i), value in np.ndenumerate(new_W[layer]):
                out[f"nw{layer}_{j + 1}{i + 1}"] = value
            for j, value in enumerate(new_b[layer]):
                out[f"nb{layer}_{j + 1}"] = value
        out["cost_after"] = self.run(new_W, new_b)[2]
        return out

    def _slope(self, layer: int, which: str, index: tuple) -> float:
        costs = []
        for h in (H, -H):
            W = {k: v.copy() for k, v in self.W.items()}
            b = {k: v.copy() for k, v in self.b.items()}
            (W if which == "W" else b)[layer][index] += h
            costs.append(self.run(W, b)[2])
        return (costs[0] - costs[1]) / (2 * H)


def test_the_library_has_the_network_templates_the_brief_asks_for():
    shapes = {tid: (tuple(LIB.get(tid).network.sizes), LIB.get(tid).network.activations, LIB.get(tid).network.loss)
              for tid in NETWORKS}
    assert ((2, 2, 1), ("sigmoid", "sigmoid"), "squared-error") in shapes.values()
    assert any(s[0] == (2, 2, 1) and "relu" in s[1] for s in shapes.values())
    assert ((3, 3, 2), ("relu", "softmax"), "cross-entropy") in shapes.values()
    assert {LIB.get(tid).topic for tid in NETWORKS} >= {"backprop", "forward-pass", "chain-rule"}


def test_the_learner_takes_the_gradient_step_in_the_book_networks_family():
    """A 2-2-1 sigmoid squared-error template asks for every new weight and bias; the book's template itself is
    unchanged (its saved progress names its cells)."""
    steps = [tid for tid in NETWORKS if {"nw", "nb"} <= set(LIB.get(tid).network.fill)]
    assert any(LIB.get(tid).topic == "backprop" and tuple(LIB.get(tid).network.sizes) == (2, 2, 1)
               and LIB.get(tid).network.activations == ("sigmoid", "sigmoid") for tid in steps)
    assert "nw" not in LIB.get("backprop-net-sigmoid").network.fill


@pytest.mark.parametrize("template_id", [tid for tid in NETWORKS if LIB.get(tid).network.step_cells])
def test_every_new_weight_is_a_visible_step_from_the_old_one(template_id: str):
    """Typing the old weight again never passes: each step is larger than twice the cells' tolerance (exact cells:
    never zero)."""
    template = LIB.get(template_id)
    net = template.network
    for seed in range(1, SEEDS + 1):
        params, _ = template.draw_params(seed)
        truth = Oracle(template, params).keys()
        for cell in net.step_cells:
            old = float(params[cell[1:]])
            assert abs(truth[cell] - old) > 2 * (net.rtol or 0) * abs(truth[cell]), (template_id, seed, cell)
    ex = template.generate(1)
    for cell in net.step_cells:
        assert ex.check(cell, str(ex.params[cell[1:]])).status == "incorrect", (template_id, cell)


@pytest.mark.parametrize("template_id", NETWORKS)
def test_every_cell_agrees_with_numpy_and_finite_differences(template_id: str):
    template = LIB.get(template_id)
    net = template.network
    for seed in range(1, SEEDS + 1):
        params, _ = template.draw_params(seed)
        values = template.compute(params)
        truth = Oracle(template, params).keys()
        for cell in net.cell_ids + net.given_cells:
            assert float(values[cell]) == pytest.approx(truth[cell], rel=1e-5, abs=1e-6), (template_id, seed, cell)
        assert float(values["cost"]) == pytest.approx(truth["cost"], rel=1e-9, abs=1e-12)
        if net.gradient_step:
            assert float(values["cost_after"]) == pytest.approx(truth["cost_after"], rel=1e-6, abs=1e-9)
            assert truth["cost_after"] < truth["cost"], (template_id, seed)


@pytest.mark.parametrize("template_id", NETWORKS)
def test_the_generated_cells_are_keyed_and_judged_and_numbers_are_hand_sized(template_id: str):
    template = LIB.get(template_id)
    net = template.network
    for seed in (1, 2, 3):
        ex = template.generate(seed)
        truth = Oracle(template, ex.params).keys()
        assert [p.id for p in ex.parts] == list(net.cell_ids)
        for part in ex.parts:
            assert float(part.expected) == pytest.approx(truth[part.id], rel=1e-5, abs=1e-6)
        for name, value in ex.params.items():   # the given numbers: short decimals or whole numbers
            assert sp.Rational(value).q in (1, 2, 4, 5, 10, 20, 100), (template_id, name, value)
        calculator = any(a in ("sigmoid", "softmax") for a in net.activations)
        for lang, needs, exact in (("en", "calculator", "no calculator"), ("zh", "需要用计算器", "不需要计算器")):
            assert (exact in ex.prompt[lang]) is not calculator, (template_id, lang)
            assert needs in ex.prompt[lang] or not calculator, (template_id, lang)
        if not calculator:   # exact keys a learner can work out by hand
            assert all(sp.Rational(ex.part(c).expected).q in (1, 2, 4, 5, 10, 20, 100) for c in net.cell_ids)
    ex = template.generate(4)
    for part in ex.parts[:: max(1, len(ex.parts) // 6)]:
        key = f"{float(part.expected):.6f}"
        assert ex.check(part.id, key).status == "correct", (template_id, part.id, key)
        assert ex.check(part.id, f"{float(part.expected) + 0.5:.6f}").status == "incorrect"


def test_the_book_network_is_the_fixed_seed_example():
    """Seed 1 of the 2-2-1 sigmoid network is the network drawn on the backprop page (x = (1, 0.5), t = 1)."""
    ex = LIB.get("backprop-net-sigmoid").generate(1)
    assert ex.params["x1"] == 1 and ex.params["x2"] == sp.Rational(1, 2) and ex.params["w3_11"] == sp.Rational(6, 5)
    truth = Oracle(ex.template, ex.params).keys()
    assert float(ex.part("z2_1").expected) == pytest.approx(0.5 * 1 + 0.8 * 0.5 + 0.1)
    assert float(ex.part("a3_1").expected) == pytest.approx(truth["a3_1"], rel=1e-9)
    assert float(ex.values["cost_after"]) < float(ex.values["cost"])


@pytest.mark.parametrize("template_id", NETWORKS)
def test_every_cell_takes_its_answer_after_the_cells_own_name(template_id: str) -> None:
    """A learner may copy a cell's label from the network view before the value: z^{(2)}_{1} = …,
    \\delta^{(3)}_{1} = …, \\dfrac{\\partial C}{\\partial w^{(2)}_{11}} = …, w^{(2)'}_{11} = … (the updated weight)."""
    ex = LIB.get(template_id).generate(11)
    for part in ex.parts:
        label = ex.part_name(part.id).strip("$")
        verdict = ex.check(part.id, f"{label} = {ex.expected_text(part.id)}")
        assert verdict.status == "correct", (part.id, label, verdict.message)
