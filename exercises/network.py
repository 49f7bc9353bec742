"""Network exercises: a tiny network (2-2-1 … 3-3-2) whose cells the learner fills in on its drawn graph.

A template with `network:` (`schema.NetworkSpec`) gives the architecture, the activations, the loss, the ranges its
numbers are drawn from and η. `expand` turns it into an ordinary multi-part template: a param per input, weight,
bias and target; a derived value per cell — z, a, δ = ∂C/∂z, ∂C/∂w, ∂C/∂b in the book's notation (layer 1 is the
input, w^{(l)}_{ji} leads from neuron i of layer l−1 to neuron j of layer l) — and one part per cell the learner fills
in, bound to that value, so that error carried forward works as for any multi-part exercise (`exercises.ecf`).

Everything about a cell comes from one list of `Step`s: its exact value (`Network.values`, SymPy, from the learner's
own earlier values when given), its formula in the template language, what it depends on, its hint and its worked
step.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterable, Mapping

import sympy as sp

from exercises.params import ParamError, build_domain
from exercises.plural import counted
from exercises.schema import AnswerSpec, MistakeSpec, NetworkSpec, ParamSpec, PartSpec, TemplateSpec, Text

KINDS = ("z", "a", "delta", "dw", "db", "nw", "nb")
"""The cells a learner can fill in, in the order the work goes: forward, backward, gradients, the new weights and
biases after one gradient-descent step."""
GRADIENT_KINDS = ("dw", "db")
STEP_KINDS = ("nw", "nb")
"""The gradients, and the new weights and biases after one gradient-descent step."""
DEFAULT_FILL = ("z", "a", "delta", "dw", "db")
"""The cells filled in when a template has no `fill:` (the gradient step is then shown, not asked)."""
MAX_LAYERS, MAX_NEURONS, MAX_CELLS = 4, 4, 80
CALCULATOR_RTOL = 0.002
"""The tolerance of every cell when a calculator is needed (σ, softmax): 4 significant figures pass."""
STEP_MARGIN = 2
"""A new weight the learner fills in must differ from the old one by more than this many tolerances."""
ETA = "eta"
DIGITS = 30
"""The digits kept of a value that is not exact (far beyond any tolerance)."""
ACTIVATION_KINDS = ("sigmoid", "relu", "linear", "softmax")
Problem = tuple[tuple, str]
"""(field path in the template, message), as in `exercises.checks`."""


@dataclass(frozen=True)
class Step:
    """One value of the network, computed from others: `op` on `args` (names, or pairs of names)."""

    name: str
    op: str
    args: tuple = ()
    kind: str | None = None
    """The cell kind (`z`, `a`, `delta`, `dw`, `db`, `nw`, `nb`) when the learner may fill it in; None for other
    values."""
    layer: int = 0
    j: int = 0
    i: int = 0

    @property
    def deps(self) -> tuple[str, ...]:
        """The names this value is computed from, in order (an activation's derivative needs a for the sigmoid,
        z for ReLU)."""
        if self.op in ("delta_out", "delta_hidden"):
            head, out, z, act = self.args[:4]
            names = [head] if self.op == "delta_out" else [n for pair in head for n in pair]
            if self.op == "delta_out" or act == "sigmoid":
                names.append(out)
            if act == "relu" and not (self.op == "delta_out" and len(self.args) > 4 and self.args[4] == "cross-entropy"):
                names.append(z)
            return tuple(dict.fromkeys(names))
        out: list[str] = []
        for arg in self.args:
            items = arg if isinstance(arg, tuple) else (arg,)
            for item in items:
                for name in item if isinstance(item, tuple) else (item,):
                    if isinstance(name, str) and _NAME.match(name) and name not in out:
                        out.append(name)
        if self.op == "step":
            out.append(ETA)
        return tuple(o for o in out if o not in ("squared-error", "cross-entropy") + ACTIVATION_KINDS)


_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


# ---------------------------------------------------------------------------------------------- names

def symbol(name: str) -> str:
    """The book's LaTeX for a value's name: `z2_1` → `z^{(2)}_{1}`, `dw3_12` → ∂C/∂w^{(3)}_{12}."""
    m = re.match(r"^(n?)(z|a|delta|b|db)(\d)_(\d)$", name)
    if m:
        new, kind, layer, j = m.groups()
        base = {"z": "z", "a": "a", "delta": r"\delta", "b": "b", "db": "b"}[kind]
        text = f"{base}^{{({layer}){chr(39) if new else ''}}}_{{{j}}}"
        return rf"\dfrac{{\partial C}}{{\partial {text}}}" if kind == "db" else text
    m = re.match(r"^(n?)(w|dw)(\d)_(\d)(\d)$", name)
    if m:
        new, kind, layer, j, i = m.groups()
        text = f"w^{{({layer}){chr(39) if new else ''}}}_{{{j}{i}}}"
        return rf"\dfrac{{\partial C}}{{\partial {text}}}" if kind == "dw" else text
    m = re.match(r"^(x|t)(\d)$", name)
    if m:
        return f"{m.group(1)}_{{{m.group(2)}}}"
    return {ETA: r"\eta", "cost": "C", "cost_after": "C'", "target": "k"}.get(name, name)


def cell_id(kind: str, layer: int, j: int, i: int = 0) -> str:
    """The id (and value name) of a cell: `z2_1`, `a2_1`, `delta3_1`, `dw2_11`, `db2_1`, `nw2_11`, `nb2_1`."""
    return f"{kind}{layer}_{j}{i}" if kind in ("dw", "nw") else f"{kind}{layer}_{j}"


# ---------------------------------------------------------------------------------------------- the network

class Network:
    """The steps of one network layout: forward pass, cost, backward pass, gradients, one gradient step."""

    def __init__(self, spec: NetworkSpec):
        self.spec = spec
        self.sizes = tuple(spec.layers)
        self.activations = tuple(spec.activations)
        self.loss = spec.loss
        self.fill = tuple(k for k in KINDS if k in (spec.fill or DEFAULT_FILL))
        self._last: tuple[tuple, dict[str, Any]] | None = None
        """The values at the last params computed without pinned ones (a draw is checked, then built)."""

    # -- layout --------------------------------------------------------------------------------------------
    @property
    def depth(self) -> int:
        """The number of layers, the input layer included (the output layer's number)."""
        return len(self.sizes)

    def activation(self, layer: int) -> str:
        """The activation of layer `layer` (2 … depth)."""
        return self.activations[layer - 2]

    @property
    def calculator(self) -> bool:
        """Whether the numbers need a calculator (σ or softmax somewhere)."""
        return any(a in ("sigmoid", "softmax") for a in self.activations)

    @property
    def rtol(self) -> float | None:
        """The tolerance of every cell."""
        if self.spec.rtol is not None:
            return self.spec.rtol
        return CALCULATOR_RTOL if self.calculator else None

    def out_name(self, layer: int, j: int, prefix: str = "") -> str:
        """The name holding neuron j's output in `layer`: `x1` in the input layer, z for a linear layer, else a."""
        if layer == 1:
            return f"x{j}"
        kind = "z" if self.activation(layer) == "linear" else "a"
        return prefix + cell_id(kind, layer, j)

    # -- the steps -----------------------------------------------------------------------------------------
    def _forward(self, prefix: str = "") -> list[Step]:
        """z and a layer by layer (`prefix` "n": the same pass with the weights after the gradient step)."""
        steps: list[Step] = []
        for layer in range(2, self.depth + 1):
            act = self.activation(layer)
            for j in range(1, self.sizes[layer - 1] + 1):
                pairs = tuple((f"{prefix}w{layer}_{j}{i}", self.out_name(layer - 1, i, prefix))
                              for i in range(1, self.sizes[layer - 2] + 1))
                steps.append(Step(prefix + cell_id("z", layer, j), "lin", (pairs, f"{prefix}b{layer}_{j}"),
                                  None if prefix else "z", layer, j))
            zs = tuple(prefix + cell_id("z", layer, j) for j in range(1, self.sizes[layer - 1] + 1))
            if act == "linear":
                continue
            for j in range(1, self.sizes[layer - 1] + 1):
                args = (zs, j) if act == "softmax" else (zs[j - 1],)
                steps.append(Step(prefix + cell_id("a", layer, j), act, args, None if prefix else "a", layer, j))
        return steps

    def _cost(self, prefix: str, name: str) -> Step:
        top = self.depth
        pairs = tuple((f"t{j}", self.out_name(top, j, prefix)) for j in range(1, self.sizes[-1] + 1))
        return Step(name, "cost", (pairs, self.loss))

    @cached_property
    def steps(self) -> list[Step]:
        """Every value in the order it is computed."""
        top, n_out = self.depth, self.sizes[-1]
        steps = self._forward()
        for j in range(1, n_out + 1):
            steps.append(Step(f"t{j}", "onehot", ("target", j)) if self.loss == "cross-entropy"
                         else Step(f"t{j}", "given"))
        steps.append(self._cost("", "cost"))
        for j in range(1, n_out + 1):
            steps.append(Step(cell_id("delta", top, j), "delta_out",
                              (self.out_name(top, j), f"t{j}", cell_id("z", top, j), self.activation(top), self.loss),
                              "delta", top, j))
        for layer in range(top - 1, 1, -1):
            for j in range(1, self.sizes[layer - 1] + 1):
                pairs = tuple((f"w{layer + 1}_{k}{j}", cell_id("delta", layer + 1, k))
                              for k in range(1, self.sizes[layer] + 1))
                steps.append(Step(cell_id("delta", layer, j), "delta_hidden",
                                  (pairs, self.out_name(layer, j), cell_id("z", layer, j), self.activation(layer)),
                                  "delta", layer, j))
        for layer in range(top, 1, -1):
            for j in range(1, self.sizes[layer - 1] + 1):
                delta = cell_id("delta", layer, j)
                for i in range(1, self.sizes[layer - 2] + 1):
                    steps.append(Step(cell_id("dw", layer, j, i), "grad", (delta, self.out_name(layer - 1, i)),
                                      "dw", layer, j, i))
                steps.append(Step(cell_id("db", layer, j), "copy", (delta,), "db", layer, j))
        for layer in range(2, top + 1):
            for j in range(1, self.sizes[layer - 1] + 1):
                for i in range(1, self.sizes[layer - 2] + 1):
                    steps.append(Step(cell_id("nw", layer, j, i), "step",
                                      (f"w{layer}_{j}{i}", cell_id("dw", layer, j, i)), "nw", layer, j, i))
                steps.append(Step(cell_id("nb", layer, j), "step", (f"b{layer}_{j}", cell_id("db", layer, j)),
                                  "nb", layer, j))
        steps += self._forward("n")
        steps.append(self._cost("n", "cost_after"))
        return steps

    @cached_property
    def exact(self) -> frozenset[str]:
        """The values that are exact numbers whenever the params are (no σ, e or ln on the way): their worked
        steps say `=`, the others `≈`."""
        exact = set(self.param_names())
        for step in self.steps:
            inexact_op = step.op in ("sigmoid", "softmax") or (step.op == "cost" and step.args[1] == "cross-entropy")
            if step.op == "given" or (not inexact_op and not self.shown_only(step)
                                      and all(d in exact for d in step.deps)):
                exact.add(step.name)
        return frozenset(exact)

    def shown_only(self, step: Step) -> bool:
        """Whether a value is only shown, never filled in: the gradient step's values and the pass after it, unless
        the learner fills the new weights in (then those are exact like any cell)."""
        return (step.name.startswith("n") or step.name == "cost_after") and step.kind not in self.fill

    @cached_property
    def by_name(self) -> dict[str, Step]:
        """The step defining each value."""
        return {s.name: s for s in self.steps}

    @cached_property
    def cells(self) -> list[Step]:
        """The cells the learner fills in, in an order their dependencies allow."""
        return [s for s in self.steps if s.kind in self.fill]

    @cached_property
    def cell_ids(self) -> tuple[str, ...]:
        """The ids of the cells the learner fills in."""
        return tuple(c.name for c in self.cells)

    def needs(self, name: str) -> tuple[str, ...]:
        """The cells the learner fills in that cell `name` is computed from directly."""
        return tuple(d for d in self.by_name[name].deps if d in self.cell_ids)

    @cached_property
    def given_cells(self) -> tuple[str, ...]:
        """Values of cell kinds the learner does not fill in but which an asked cell needs: shown as given."""
        wanted: set[str] = set()
        todo = [d for c in self.cells for d in c.deps]
        while todo:
            name = todo.pop()
            step = self.by_name.get(name)
            if step is None or step.kind is None or name in wanted or name in self.cell_ids:
                continue
            wanted.add(name)
        return tuple(s.name for s in self.steps if s.name in wanted)

    @property
    def gradient_step(self) -> bool:
        """Whether the exercise asks for gradients or new weights, and so closes with one gradient-descent step."""
        return any(k in self.fill for k in GRADIENT_KINDS + STEP_KINDS)

    @property
    def step_cells(self) -> tuple[str, ...]:
        """The new weights and biases the learner fills in (empty: the app takes the gradient step)."""
        return tuple(c.name for c in self.cells if c.kind in STEP_KINDS)

    # -- names of params and values ------------------------------------------------------------------------
    def weights(self, prefix: str = "") -> Iterable[tuple[str, int, int, int]]:
        """(name, layer, j, i) of every weight."""
        for layer in range(2, self.depth + 1):
            for j in range(1, self.sizes[layer - 1] + 1):
                for i in range(1, self.sizes[layer - 2] + 1):
                    yield f"{prefix}w{layer}_{j}{i}", layer, j, i

    def biases(self, prefix: str = "") -> Iterable[tuple[str, int, int]]:
        """(name, layer, j) of every bias."""
        for layer in range(2, self.depth + 1):
            for j in range(1, self.sizes[layer - 1] + 1):
                yield f"{prefix}b{layer}_{j}", layer, j

    def param_specs(self) -> dict[str, ParamSpec]:
        """The params drawn for this network: inputs, weights, biases, targets (or the class), η."""
        spec = self.spec
        params: dict[str, ParamSpec] = {f"x{i}": spec.inputs for i in range(1, self.sizes[0] + 1)}
        params.update({name: spec.weights for name, *_ in self.weights()})
        params.update({name: spec.biases for name, *_ in self.biases()})
        if self.loss == "cross-entropy":
            params["target"] = spec.targets or ParamSpec(int=[1, self.sizes[-1]])
        else:
            targets = spec.targets or ParamSpec(int=[0, 1])
            params.update({f"t{j}": targets for j in range(1, self.sizes[-1] + 1)})
        eta = spec.eta if isinstance(spec.eta, ParamSpec) else ParamSpec(choice=[str(spec.eta)])
        params[ETA] = eta
        return params

    def param_names(self) -> tuple[str, ...]:
        """The names of the params this network draws."""
        return tuple(self.param_specs())

    def matrices(self) -> dict[str, str]:
        """Vectors and matrices of the given numbers, for texts: x, t, W2, b2, W3, b3 …"""
        out = {"x": _vector([f"x{i}" for i in range(1, self.sizes[0] + 1)]),
               "t": _vector([f"t{j}" for j in range(1, self.sizes[-1] + 1)])}
        for layer in range(2, self.depth + 1):
            rows = [[f"w{layer}_{j}{i}" for i in range(1, self.sizes[layer - 2] + 1)]
                    for j in range(1, self.sizes[layer - 1] + 1)]
            out[f"W{layer}"] = "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]"
            out[f"b{layer}"] = _vector([f"b{layer}_{j}" for j in range(1, self.sizes[layer - 1] + 1)])
        return out

    def formulas(self) -> dict[str, str]:
        """Every value's formula in the template language (what `derived:` would say; `values` computes them)."""
        out = {s.name: formula(s) for s in self.steps if s.op != "given"}
        out.update(self.matrices())
        return out

    @cached_property
    def names(self) -> frozenset[str]:
        """The names of every value this network computes (its derived values)."""
        return frozenset(self.formulas())

    # -- values --------------------------------------------------------------------------------------------
    def values(self, params: Mapping[str, Any], pinned: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Every value of the network from the params; a name in `pinned` keeps the given value (the learner's own,
        for error carried forward) and later values are computed from it. Exact (SymPy), except the pass after the
        gradient step and its cost, which are only shown (`shown_only`): those are floats. A value with σ, e or ln on
        the way (not in `exact`) is a `DIGITS`-digit number."""
        key = tuple(sorted((k, params[k]) for k in self.param_names() if k in params))
        if not pinned and self._last is not None and self._last[0] == key:
            return {**params, **self._last[1]}
        pinned = pinned or {}
        v: dict[str, Any] = dict(params)
        f: dict[str, float] = {k: float(params[k]) for k in self.param_names() if k in params}
        for step in self.steps:
            if step.op == "given":
                continue
            if step.name in pinned and step.kind:
                v[step.name] = pinned[step.name]
                f[step.name] = float(pinned[step.name])
                continue
            f[step.name] = evaluate_float(step, f)
            if self.shown_only(step):
                v[step.name] = sp.Float(f[step.name], 15)
            elif step.name in self.exact:
                v[step.name] = evaluate(step, v, f)
            else:   # σ, e or ln on the way: a 30-digit number rather than an ever deeper exact expression
                v[step.name] = sp.Float(sp.N(evaluate(step, v, f), DIGITS), DIGITS)
        for name, text in self.matrices().items():
            entries = [v[n] for n in re.findall(r"[A-Za-z][A-Za-z0-9_]*", text)]
            if len(entries) == 1:
                v[name] = entries[0]
            elif text.startswith("[["):
                cols = text.count(",", 0, text.index("]")) + 1
                v[name] = sp.ImmutableMatrix(len(entries) // cols, cols, entries)
            else:
                v[name] = sp.ImmutableMatrix(len(entries), 1, entries)
        if not pinned:
            self._last = (key, {k: v[k] for k in self.names})
        return v

    def floats(self, params: Mapping[str, Any]) -> dict[str, float]:
        """Every value of the network in floating point (cheap: for deciding whether a draw is usable)."""
        f: dict[str, float] = {k: float(params[k]) for k in self.param_names() if k in params}
        for step in self.steps:
            if step.op != "given":
                f[step.name] = evaluate_float(step, f)
        return f

    def rejects(self, params: Mapping[str, Any]) -> bool:
        """Whether a draw is redrawn: a ReLU neuron exactly at z = 0 (its derivative is undefined there); when the
        exercise closes with a gradient step, a step that does not lower the cost; when the learner fills in the new
        weights, a step too small to tell from the old value at the cells' tolerance, or none at all (the old weight
        typed again would pass)."""
        f = self.floats(params)
        if any(s.op == "relu" and not s.name.startswith("n") and abs(f[s.args[0]]) < 1e-9 for s in self.steps):
            return True
        if self.gradient_step and not f["cost_after"] < f["cost"]:
            return True
        rtol = self.rtol or 0.0   # exact cells: a step of zero (a ReLU neuron that is off) is refused too
        return any(abs(f[c] - f[self.by_name[c].args[0]]) <= STEP_MARGIN * rtol * abs(f[c]) for c in self.step_cells)


def _vector(names: list[str]) -> str:
    """A vector in the template language; a single entry is that number itself."""
    return names[0] if len(names) == 1 else "(" + ", ".join(names) + ")"


# ---------------------------------------------------------------------------------------------- one step

def _sigmoid(x: Any) -> Any:
    from solver.functions import sigmoid  # the solver's σ, so values print and compare as the checker's

    return sigmoid(x)


def _derivative(act: str, out: Any, z: float) -> Any:
    """An activation's derivative from the neuron's output (the sigmoid: a(1 − a)) or its z (ReLU: 1 for z > 0)."""
    if act == "sigmoid":
        return out * (1 - out)
    if act == "relu":
        return 1 if z > 0 else 0
    return 1


@dataclass(frozen=True)
class _Arithmetic:
    """How one step's numbers are combined: exactly (SymPy) or in floating point."""

    total: Callable[[Iterable[Any]], Any]
    log: Callable[[Any], Any]
    sigmoid: Callable[[Any], Any]
    softmax: Callable[[list[Any], int], Any]   # the j-th output (from 1) of softmax over the values
    number: Callable[[int], Any]


def _softmax_float(zs: list[float], j: int) -> float:
    top = max(zs)   # shifted by the largest z: the same value, no overflow
    return math.exp(zs[j - 1] - top) / sum(math.exp(z - top) for z in zs)


_EXACT = _Arithmetic(total=lambda terms: sp.Add(*terms), log=sp.log, sigmoid=_sigmoid,
                     softmax=lambda zs, j: sp.exp(zs[j - 1]) / sp.Add(*(sp.exp(z) for z in zs)), number=sp.Integer)
_FLOAT = _Arithmetic(total=sum, log=math.log, sigmoid=lambda x: 1 / (1 + math.exp(-x)), softmax=_softmax_float,
                     number=float)


def _evaluate(step: Step, v: Mapping[str, Any], f: Mapping[str, float], arithmetic: _Arithmetic) -> Any:
    """The value of `step` from the values `v` of what it depends on, in `arithmetic` (`f`: the same values as
    floats, which decide a ReLU's and a one-hot label's branch)."""
    op, args, a = step.op, step.args, arithmetic
    if op == "lin":
        pairs, bias = args
        return a.total(v[w] * v[x] for w, x in pairs) + v[bias]
    if op == "sigmoid":
        return a.sigmoid(v[args[0]])
    if op == "relu":
        return v[args[0]] if f[args[0]] > 0 else a.number(0)
    if op == "softmax":
        zs, j = args
        return a.softmax([v[z] for z in zs], j)
    if op == "onehot":
        return a.number(1 if round(f[args[0]]) == args[1] else 0)
    if op == "cost":
        pairs, loss = args
        if loss == "cross-entropy":
            return -a.total(v[t] * a.log(v[x]) for t, x in pairs if v[t] != 0)
        return a.total((v[t] - v[x]) ** 2 for t, x in pairs) / 2
    if op == "delta_out":
        out, t, z, act, loss = args
        if loss == "cross-entropy":
            return v[out] - v[t]
        return (v[out] - v[t]) * _derivative(act, v[out], f[z])
    if op == "delta_hidden":
        pairs, out, z, act = args
        return a.total(v[w] * v[d] for w, d in pairs) * _derivative(act, v[out], f[z])
    if op == "grad":
        return v[args[0]] * v[args[1]]
    if op == "copy":
        return v[args[0]]
    if op == "step":
        return v[args[0]] - v[ETA] * v[args[1]]
    raise ValueError(f"unknown step {op}")


def evaluate(step: Step, v: Mapping[str, Any], f: Mapping[str, float]) -> Any:
    """The exact value of `step` from the values `v` of what it depends on (`f`: the same as floats, to decide
    the sign of a ReLU's z)."""
    return _evaluate(step, v, f, _EXACT)


def evaluate_float(step: Step, v: Mapping[str, float]) -> float:
    """The value of `step` in floating point (the pass after the gradient step is only shown, and a ReLU needs
    the sign of its z)."""
    return _evaluate(step, v, v, _FLOAT)


def formula(step: Step) -> str:
    """The step in the template language (solver syntax)."""
    op, args = step.op, step.args
    if op == "lin":
        pairs, bias = args
        return " + ".join([f"{w}*{a}" for w, a in pairs] + [bias])
    if op in ("sigmoid", "relu"):
        return f"{op if op == 'relu' else 'sigma'}({args[0]})"
    if op == "softmax":
        zs, j = args
        return f"exp({zs[j - 1]})/(" + " + ".join(f"exp({z})" for z in zs) + ")"
    if op == "onehot":
        return f"cond({args[0]} == {args[1]}, 1, 0)"
    if op == "cost":
        pairs, loss = args
        if loss == "cross-entropy":
            return "-(" + " + ".join(f"{t}*log({a})" for t, a in pairs) + ")"
        return "(" + " + ".join(f"({t} - {a})^2" for t, a in pairs) + ")/2"
    if op == "delta_out":
        out, t, z, act, loss = args
        if loss == "cross-entropy":
            return f"{out} - {t}"
        return f"({out} - {t})*{_derivative_text(act, out, z)}"
    if op == "delta_hidden":
        pairs, out, z, act = args
        return "(" + " + ".join(f"{w}*{d}" for w, d in pairs) + f")*{_derivative_text(act, out, z)}"
    if op == "grad":
        return f"{args[0]}*{args[1]}"
    if op == "copy":
        return args[0]
    if op == "step":
        return f"{args[0]} - {ETA}*{args[1]}"
    raise ValueError(f"unknown step {op}")


def _derivative_text(act: str, out: str, z: str) -> str:
    return {"sigmoid": f"{out}*(1 - {out})", "relu": f"cond({z} > 0, 1, 0)"}.get(act, "1")


# ---------------------------------------------------------------------------------------------- formulas in LaTeX

def _s(name: str) -> str:
    """A placeholder for a number in a worked step: 4 significant figures (exact when short)."""
    return "{{" + name + ":s4}}"


def _prime(act: str, out: str, z: str) -> tuple[str, str]:
    """(symbolic, numeric) LaTeX of the activation's derivative at a neuron (empty for a linear one)."""
    if act == "sigmoid":
        return (rf"\,{symbol(out)}\left(1 - {symbol(out)}\right)",
                rf"\cdot{_s(out)}\cdot\left(1 - {_s(out)}\right)")
    if act == "relu":
        return rf"\,\mathrm{{ReLU}}'\left({symbol(z)}\right)", rf"\cdot\mathrm{{ReLU}}'\left({_s(z)}\right)"
    return "", ""


def latex_parts(step: Step) -> tuple[str, str]:
    """(symbolic, numeric) LaTeX of the right-hand side of a step, the numbers as placeholders."""
    op, args = step.op, step.args
    if op == "lin":
        pairs, bias = args
        return (" + ".join([f"{symbol(w)}{symbol(a)}" for w, a in pairs] + [symbol(bias)]),
                " + ".join([rf"{_s(w)}\cdot{_s(a)}" for w, a in pairs] + [_s(bias)]))
    if op == "sigmoid":
        return rf"\sigma\left({symbol(args[0])}\right)", rf"\sigma\left({_s(args[0])}\right)"
    if op == "relu":
        return rf"\max\left({symbol(args[0])}, 0\right)", rf"\max\left({_s(args[0])}, 0\right)"
    if op == "softmax":
        zs, j = args
        return (rf"\dfrac{{e^{{{symbol(zs[j - 1])}}}}}{{{' + '.join(f'e^{{{symbol(z)}}}' for z in zs)}}}",
                rf"\dfrac{{e^{_s(zs[j - 1])}}}{{{' + '.join(f'e^{_s(z)}' for z in zs)}}}")
    if op == "cost":
        pairs, loss = args
        if loss == "cross-entropy":
            return (r"-\left(" + " + ".join(rf"{symbol(t)}\ln {symbol(a)}" for t, a in pairs) + r"\right)",
                    r"-\left(" + " + ".join(rf"{_s(t)}\cdot\ln {_s(a)}" for t, a in pairs) + r"\right)")
        return (r"\tfrac{1}{2}\left[" + " + ".join(rf"\left({symbol(t)} - {symbol(a)}\right)^2" for t, a in pairs)
                + r"\right]",
                r"\tfrac{1}{2}\left[" + " + ".join(rf"\left({_s(t)} - {_s(a)}\right)^2" for t, a in pairs)
                + r"\right]")
    if op == "delta_out":
        out, t, z, act, loss = args
        if loss == "cross-entropy" or act == "linear":
            return f"{symbol(out)} - {symbol(t)}", f"{_s(out)} - {_s(t)}"
        symbolic, numeric = _prime(act, out, z)
        return (rf"\left({symbol(out)} - {symbol(t)}\right){symbolic}",
                rf"\left({_s(out)} - {_s(t)}\right){numeric}")
    if op == "delta_hidden":
        pairs, out, z, act = args
        symbolic, numeric = _prime(act, out, z)
        total = " + ".join(f"{symbol(w)}{symbol(d)}" for w, d in pairs)
        numbers = " + ".join(rf"{_s(w)}\cdot{_s(d)}" for w, d in pairs)
        if not symbolic:
            return total, numbers
        return rf"\left({total}\right){symbolic}", rf"\left({numbers}\right){numeric}"
    if op == "grad":
        return rf"{symbol(args[0])}\,{symbol(args[1])}", rf"{_s(args[0])}\cdot{_s(args[1])}"
    if op == "copy":
        return symbol(args[0]), _s(args[0])
    if op == "step":
        return (rf"{symbol(args[0])} - \eta\,{symbol(args[1])}", rf"{_s(args[0])} - {_s(ETA)}\cdot{_s(args[1])}")
    raise ValueError(f"no formula for {op}")


def equation(step: Step) -> str:
    """`lhs = symbolic` in LaTeX (no numbers): the formula a hint shows."""
    return f"{symbol(step.name)} = {latex_parts(step)[0]}"


def worked_step(step: Step, exact: bool = False) -> str:
    """`lhs = symbolic = numbers = value` as Markdown maths with placeholders (fill with `render.fill`)."""
    symbolic, numeric = latex_parts(step)
    relation = "=" if exact else r"\approx"
    if step.op == "copy":
        return f"${symbol(step.name)} = {symbolic} = {numeric}$"
    return f"${symbol(step.name)} = {symbolic} = {numeric} {relation} {_s(step.name)}$"


# ---------------------------------------------------------------------------------------------- texts

ACTIVATION_NAMES = {
    "sigmoid": {"en": r"the sigmoid $\sigma(z) = \dfrac{1}{1 + e^{-z}}$", "zh": r"Sigmoid 函数 $\sigma(z) = \dfrac{1}{1 + e^{-z}}$"},
    "relu": {"en": r"ReLU, $\max(z, 0)$", "zh": r"ReLU 函数 $\max(z, 0)$"},
    "linear": {"en": r"no activation ($a = z$)", "zh": r"恒等函数（$a = z$）"},
    "softmax": {"en": r"softmax, $a_j = e^{z_j}/\sum_k e^{z_k}$", "zh": r"Softmax 函数 $a_j = e^{z_j}/\sum_k e^{z_k}$"},
}
KIND_NAMES = {
    "z": {"en": "the weighted inputs $z$", "zh": "加权输入 $z$"},
    "a": {"en": "the outputs $a$", "zh": "输出 $a$"},
    "delta": {"en": r"the neuron errors $\delta = \partial C/\partial z$", "zh": r"神经单元误差 $\delta = \partial C/\partial z$"},
    "dw": {"en": r"the gradients $\partial C/\partial w$", "zh": r"梯度 $\partial C/\partial w$"},
    "db": {"en": r"the gradients $\partial C/\partial b$", "zh": r"梯度 $\partial C/\partial b$"},
    "nw": {"en": r"the new weights $w' = w - \eta\,\partial C/\partial w$",
           "zh": r"新的权重 $w' = w - \eta\,\partial C/\partial w$"},
    "nb": {"en": r"the new biases $b' = b - \eta\,\partial C/\partial b$",
           "zh": r"新的偏置 $b' = b - \eta\,\partial C/\partial b$"},
}
HINTS = {
    "z": {"en": "Weighted input: multiply each value coming in by the weight on its edge, add them up, then add the "
                "bias.",
          "zh": "加权输入：把每个输入值乘以其连线上的权重，相加，再加上偏置。"},
    "sigmoid": {"en": r"Apply the sigmoid, $\sigma(z) = 1/(1 + e^{-z})$, to this neuron's $z$ (a calculator gives "
                      r"$e^{-z}$).",
                "zh": r"对这个神经单元的 $z$ 应用 Sigmoid 函数 $\sigma(z) = 1/(1 + e^{-z})$（$e^{-z}$ 用计算器求）。"},
    "relu": {"en": r"ReLU keeps a positive $z$ and turns a negative one into 0.",
             "zh": r"ReLU 保留正的 $z$，把负的 $z$ 变成 0。"},
    "softmax": {"en": r"Softmax: exponentiate every $z$ of the output layer and divide this neuron's by their sum.",
                "zh": r"Softmax：对输出层的每个 $z$ 取指数，再用这个神经单元的指数除以它们的和。"},
    "delta_out": {"en": r"Output error: $\delta = \dfrac{\partial C}{\partial a}\,a'(z)$, where for the squared "
                        r"error $\dfrac{\partial C}{\partial a} = a - t$; the sigmoid has $\sigma'(z) = a(1 - a)$ and "
                        r"ReLU has $\mathrm{ReLU}'(z) = 1$ for $z > 0$, 0 for $z < 0$.",
                  "zh": r"输出层误差：$\delta = \dfrac{\partial C}{\partial a}\,a'(z)$，平方误差时 "
                        r"$\dfrac{\partial C}{\partial a} = a - t$；Sigmoid 的导数为 $\sigma'(z) = a(1 - a)$，"
                        r"ReLU 的导数在 $z > 0$ 时为 1，$z < 0$ 时为 0。"},
    "delta_ce": {"en": r"With softmax and the cross-entropy the output error is simply $\delta_j = a_j - t_j$.",
                 "zh": r"Softmax 与交叉熵搭配时，输出层误差就是 $\delta_j = a_j - t_j$。"},
    "delta_linear": {"en": r"A linear output has $a = z$, so $\delta = \partial C/\partial z = z - t$.",
                     "zh": r"线性输出满足 $a = z$，所以 $\delta = \partial C/\partial z = z - t$。"},
    "delta_hidden": {"en": r"Backward recurrence: add up the errors $\delta$ of the next layer, each times the weight "
                           r"of the edge leaving this neuron towards it, then multiply by this neuron's $a'(z)$.",
                     "zh": r"反向递推：把下一层各神经单元的误差 $\delta$ 乘以从本神经单元指向它的连线权重后相加，"
                           r"再乘以本神经单元的 $a'(z)$。"},
    "dw": {"en": r"$\partial C/\partial w^{(l)}_{ji} = \delta^{(l)}_j\,a^{(l-1)}_i$: the error of the neuron the edge "
                 r"leads to, times the value the edge comes from.",
           "zh": r"$\partial C/\partial w^{(l)}_{ji} = \delta^{(l)}_j\,a^{(l-1)}_i$：连线所指向神经单元的误差，乘以连线"
                 r"出发处的值。"},
    "db": {"en": r"$\partial C/\partial b^{(l)}_j = \delta^{(l)}_j$, because $\partial z/\partial b = 1$.",
           "zh": r"$\partial C/\partial b^{(l)}_j = \delta^{(l)}_j$，因为 $\partial z/\partial b = 1$。"},
    "step": {"en": r"Gradient descent moves against the gradient: from the old value subtract $\eta$ times its "
                   r"gradient (your own value of it), and type the result as a number.",
             "zh": r"梯度下降沿梯度的反方向移动：用原来的值减去 $\eta$ 乘以它的梯度（用你自己求出的梯度），"
                   r"把结果写成一个数。"},
}


def _hint_key(step: Step) -> str:
    if step.op == "delta_out":
        return "delta_ce" if step.args[4] == "cross-entropy" else (
            "delta_linear" if step.args[3] == "linear" else "delta_out")
    return {"lin": "z", "grad": "dw", "copy": "db"}.get(step.op, step.op)


def hint(step: Step, lang: str) -> str:
    """The hint of one cell: what to do, and its formula without numbers."""
    return f"{HINTS[_hint_key(step)][lang]} ${equation(step)}$"


def _where(layer: int, j: int, lang: str) -> str:
    if lang == "zh":
        return f"第 {layer} 层第 {j} 个神经单元"
    return f"neuron {j} in layer {layer}"


def cell_prompt(step: Step) -> dict[str, str]:
    """What a cell asks for, in both languages."""
    s, layer, j, i = symbol(step.name), step.layer, step.j, step.i
    source = {"en": f"input {i}" if layer == 2 else f"neuron {i} of layer {layer - 1}",
              "zh": f"第 {i} 个输入" if layer == 2 else f"第 {layer - 1} 层第 {i} 个神经单元"}
    texts = {
        "z": ("the weighted input of {w}", "{w}的加权输入"),
        "a": ("the output of {w}", "{w}的输出"),
        "delta": (r"the error $\delta = \partial C/\partial z$ of {w}", r"{w}的误差 $\delta = \partial C/\partial z$"),
        "dw": ("the gradient of the weight from {src} to {w}", "从{src}到{w}的权重的梯度"),
        "db": ("the gradient of the bias of {w}", "{w}的偏置的梯度"),
        "nw": ("the weight from {src} to {w} after the step", "这一步之后从{src}到{w}的权重"),
        "nb": ("the bias of {w} after the step", "这一步之后{w}的偏置"),
    }[step.kind]
    return {lang: f"${s}$" + (": " if lang == "en" else "：") + text.format(w=_where(layer, j, lang), src=source[lang])
            for lang, text in zip(("en", "zh"), texts)}


def _given_lines(net: Network, lang: str) -> list[str]:
    def vec(name: str, label: str, single: str, size: int) -> str:
        return f"${label if size > 1 else single} = {{{{{name}}}}}$"

    n_in, n_out = net.sizes[0], net.sizes[-1]
    x = vec("x", r"\boldsymbol x", "x_{1}", n_in)
    t = vec("t", r"\boldsymbol t", "t_{1}", n_out)
    if net.loss == "cross-entropy":
        target = (f"the right class is $k = {{{{target}}}}$, so {t}" if lang == "en"
                  else f"正确的类别是 $k = {{{{target}}}}$，即 {t}")
    else:
        target = f"target {t}" if lang == "en" else f"正解 {t}"
    lines = [f"input {x}, {target}" if lang == "en" else f"输入 {x}，{target}"]
    for layer in range(2, net.depth + 1):
        rows, cols = net.sizes[layer - 1], net.sizes[layer - 2]
        w = f"$W^{{({layer})}} = {{{{W{layer}}}}}$" if rows * cols > 1 else f"$w^{{({layer})}}_{{11}} = {{{{W{layer}}}}}$"
        b = vec(f"b{layer}", rf"\boldsymbol b^{{({layer})}}", f"b^{{({layer})}}_{{1}}", rows)
        act = ACTIVATION_NAMES[net.activation(layer)][lang]
        if lang == "en":
            row_note = rf" (row $j$ holds the weights $w^{{({layer})}}_{{ji}}$ into neuron $j$)" if rows * cols > 1 else ""
            lines.append(f"layer {layer}: weights {w}{row_note}, biases {b}; activation {act}")
        else:
            row_note = rf"（第 $j$ 行是进入神经单元 $j$ 的权重 $w^{{({layer})}}_{{ji}}$）" if rows * cols > 1 else ""
            lines.append(f"第 {layer} 层：权重 {w}{row_note}，偏置 {b}；激活函数为{act}")
    lines.append(r"learning rate $\eta = {{eta}}$" if lang == "en" else r"学习率 $\eta = {{eta}}$")
    return lines


def prompt_block(net: Network, lang: str) -> str:
    """The network in words and numbers (what the graph shows), what to fill in, and whether a calculator is
    needed — placeholders are filled with the exercise's values."""
    shape = "-".join(str(n) for n in net.sizes)
    top = net.depth
    if net.loss == "cross-entropy":
        cost = rf"$C = -\sum_j t_j \ln a^{{({top})}}_j$"
    else:
        out = "z" if net.activation(top) == "linear" else "a"
        cost = rf"$C = \frac{{1}}{{2}}\sum_j \left(t_j - {out}^{{({top})}}_j\right)^2$"
    kinds = [KIND_NAMES[k][lang] for k in net.fill if any(c.kind == k for c in net.cells)]
    lines = "\n".join(f"- {line}" for line in _given_lines(net, lang))
    chained = any(net.needs(c.name) for c in net.cells)   # some cell is computed from another one the learner fills
    if lang == "en":
        head = (f"**The network** ({shape}): {counted(net.sizes[0], 'input')} in layer 1 and "
                f"{counted(net.sizes[-1], 'output neuron')} in layer {top}; the cost is {cost}.")
        fill = (f"Fill in {', '.join(kinds)}. A cell opens once the cells it needs are filled, and each is checked "
                f"against your own earlier values (error carried forward)." if chained else
                f"Fill in {', '.join(kinds)}: every cell is open, and each is checked on its own.")
        calc = ("You need a calculator for $e^{x}$: give decimals to at least 4 significant figures."
                if net.calculator else "Every value here is exact: no calculator needed.")
        close = " One gradient-descent step with $\\eta$ closes it." if net.gradient_step and not net.step_cells else ""
    else:
        head = (f"**神经网络**（{shape}）：第 1 层有 {net.sizes[0]} 个输入，第 {top} 层有 {net.sizes[-1]} 个输出神经单元；"
                f"代价函数为 {cost}。")
        fill = (f"请填写{'、'.join(kinds)}。某格所需的格子都填好后它才会打开；每一格都按照你自己前面的值来判分（误差传递）。"
                if chained else f"请填写{'、'.join(kinds)}：所有格子都已打开，每一格单独判分。")
        calc = ("需要用计算器计算 $e^{x}$：小数至少保留 4 位有效数字。" if net.calculator
                else "本题所有数值都是精确的，不需要计算器。")
        close = "最后用 $\\eta$ 做一次梯度下降。" if net.gradient_step and not net.step_cells else ""
    return f"{head}\n\n{lines}\n\n{fill}{' ' if lang == 'en' else ''}{calc}{close}"


SECTIONS = {
    "forward": {"en": "**Forward pass.**", "zh": "**前向传播。**"},
    "cost": {"en": "**Cost.**", "zh": "**代价。**"},
    "backward": {"en": "**Backward pass.**", "zh": "**反向传播。**"},
    "gradients": {"en": "**Gradients.**", "zh": "**梯度。**"},
    "step": {"en": r"**One gradient-descent step** ($\eta = {{eta}}$).", "zh": r"**一次梯度下降**（$\eta = {{eta}}$）。"},
    "after": {"en": r"The cost goes from $C = {{cost:s4}}$ to $C' = {{cost_after:s4}}$.",
              "zh": r"代价从 $C = {{cost:s4}}$ 变为 $C' = {{cost_after:s4}}$。"},
}


def solution_text(net: Network, lang: str) -> str:
    """Every step worked out with the exercise's numbers (placeholders), section by section."""
    asked = set(net.fill)

    def block(steps: Iterable[Step]) -> str:
        return "\n".join(f"- {worked_step(s, s.name in net.exact)}" for s in steps)

    forward = [s for s in net.steps if s.kind in ("z", "a")]
    cost = net.by_name["cost"]
    relation = "=" if "cost" in net.exact else r"\approx"
    out = [SECTIONS["forward"][lang], block(forward), "",
           f"{SECTIONS['cost'][lang]} $C = {latex_parts(cost)[0]} = {latex_parts(cost)[1]} {relation} {_s('cost')}$"]
    if asked & {"delta", "dw", "db"}:
        out += ["", SECTIONS["backward"][lang], block(s for s in net.steps if s.kind == "delta")]
    if net.gradient_step:
        out += ["", SECTIONS["gradients"][lang], block(s for s in net.steps if s.kind in GRADIENT_KINDS)]
        out += ["", SECTIONS["step"][lang], block(s for s in net.steps if s.op == "step"), "", SECTIONS["after"][lang]]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- anticipated slips

def _mistakes(step: Step) -> list[MistakeSpec]:
    """The slips worth naming in a cell, as expressions of the network's values."""
    if step.op == "lin" and step.kind == "z":
        return [MistakeSpec(name="forgot-bias", expr=f"{step.name} - {step.args[1]}")]
    if step.op == "sigmoid":
        return [MistakeSpec(expr=step.args[0], message=Text(
            en="That is the weighted input z; the output is a = σ(z).", zh="这是加权输入 z；输出是 a = σ(z)。"))]
    if step.op == "softmax":
        zs, j = step.args
        return [MistakeSpec(name="softmax-no-normalise", expr=f"exp({zs[j - 1]})")]
    if step.op == "delta_out":
        out, t, z, act, loss = step.args
        slips = [MistakeSpec(name="wrong-sign", expr=f"-({formula(step)})")]
        if loss != "cross-entropy" and act == "sigmoid":
            slips.append(MistakeSpec(name="delta-missing-activation-derivative", expr=f"{out} - {t}"))
        return slips
    if step.op == "delta_hidden" and step.args[3] == "sigmoid":
        return [MistakeSpec(name="delta-missing-activation-derivative",
                            expr=" + ".join(f"{w}*{d}" for w, d in step.args[0]))]
    if step.op == "step":
        old, gradient = step.args
        return [MistakeSpec(name="gradient-wrong-sign", expr=f"{old} + {ETA}*{gradient}"),
                MistakeSpec(expr=f"{old} - {gradient}", message=Text(
                    en="You left out η: the step is η times the gradient.",
                    zh="你漏掉了 η：移动的步长是 η 乘以梯度。")),
                MistakeSpec(expr=f"{ETA}*{gradient}", message=Text(
                    en="That is the size of the step, η times the gradient; the new value is the old one minus it.",
                    zh="这是步长（η 乘以梯度）；新的值是原来的值减去它。"))]
    return []


# ---------------------------------------------------------------------------------------------- the template

def expand(spec: TemplateSpec) -> TemplateSpec:
    """A network template as an ordinary multi-part template (unchanged when it has no `network:` or is expanded
    already): the network's params (the author's `params:` of the same name override their ranges), its values
    before the author's `derived:`, one part per cell, the prompt with the network's numbers, the worked solution."""
    if spec.network is None or spec.parts is not None:
        return spec
    net = Network(spec.network)
    parts = [PartSpec(id=c.name, prompt=Text(**cell_prompt(c)), binds=c.name,
                      answer=AnswerSpec(kind="number", expected=c.name, form="value", rtol=net.rtol,
                                        mistakes=_mistakes(c)))
             for c in net.cells]
    own = spec.prompt
    prompt = Text(**{lang: "\n\n".join(x for x in (getattr(own, lang) if own else "", prompt_block(net, lang)) if x)
                     for lang in ("en", "zh")})
    solution = spec.solution or Text(**{lang: solution_text(net, lang) for lang in ("en", "zh")})
    return spec.model_copy(update={
        "params": {**net.param_specs(), **spec.params}, "derived": {**net.formulas(), **spec.derived},
        "parts": parts, "prompt": prompt, "solution": solution,
    })


def network_problems(spec: TemplateSpec) -> list[Problem]:
    """What is wrong with a template's `network:` (and how the rest of the template fits it), before expanding."""
    net_spec = spec.network
    out: list[Problem] = []
    base = ("network",)
    if spec.answer is not None or spec.parts is not None:
        out.append((("answer",) if spec.answer is not None else ("parts",),
                    "a network exercise has no answer: or parts: — its cells are the parts"))
    layers = net_spec.layers
    if not 2 <= len(layers) <= MAX_LAYERS:
        out.append((base + ("layers",), f"give 2 to {MAX_LAYERS} layers, the input layer first (e.g. [2, 2, 1]), "
                                        f"not {len(layers)}"))
    for k, size in enumerate(layers):
        if not 1 <= size <= MAX_NEURONS:
            out.append((base + ("layers", k), f"layer {k + 1} has {size} neurons; use 1 to {MAX_NEURONS}"))
    acts = net_spec.activations
    if len(acts) != max(0, len(layers) - 1):
        out.append((base + ("activations",), f"give one activation per layer after the input ({len(layers) - 1} "
                                             f"for layers {layers}), not {len(acts)}"))
    for k, act in enumerate(acts[:-1]):
        if act == "softmax":
            out.append((base + ("activations", k), "softmax is for the output layer only"))
    if acts and acts[-1] == "softmax":
        if layers and layers[-1] < 2:
            out.append((base + ("activations", len(acts) - 1), "softmax needs at least two output neurons"))
        if net_spec.loss != "cross-entropy":
            out.append((base + ("loss",), "a softmax output layer goes with loss: cross-entropy"))
    elif net_spec.loss == "cross-entropy":
        out.append((base + ("loss",), "cross-entropy goes with a softmax output layer (the last activation: softmax)"))
    for key in ("inputs", "weights", "biases", "targets", "eta"):
        value = getattr(net_spec, key)
        if isinstance(value, ParamSpec):
            try:
                domain = build_domain(value.model_dump(by_alias=True))
            except ParamError as err:
                out.append((base + (key,) + ((err.field,) if err.field else ()), err.message))
                continue
            if key == "targets" and net_spec.loss == "cross-entropy" and layers and (
                    domain.kind != "int" or not all(1 <= v <= layers[-1] for v in domain.values)):
                out.append((base + (key,), f"with cross-entropy, targets: is the right class: whole numbers 1 to "
                                           f"{layers[-1]}"))
            if key == "eta" and domain.kind != "choice" and min(domain.values) <= 0:
                out.append((base + (key,), "η must be positive"))
        elif key == "eta" and value <= 0:
            out.append((base + (key,), f"η must be positive, not {value}"))
    if net_spec.fill is not None:
        if not net_spec.fill:
            out.append((base + ("fill",), "list at least one kind of cell: z, a, delta, dw, db, nw, nb"))
        for k, kind in enumerate(net_spec.fill):
            if kind in net_spec.fill[:k]:
                out.append((base + ("fill", k), f"'{kind}' is listed twice"))
    if net_spec.rtol is not None and net_spec.rtol < 0:
        out.append((base + ("rtol",), "rtol must not be negative"))
    if out:
        return out
    net = Network(net_spec)
    if not net.cells:
        out.append((base + ("fill",), "there is no cell of these kinds to fill in (a linear layer has no a)"))
    elif len(net.cells) > MAX_CELLS:
        out.append((base + ("layers",), f"this network has {len(net.cells)} cells to fill in; at most {MAX_CELLS}: "
                                        f"use fewer neurons or fewer kinds in fill:"))
    params = set(net.param_names())
    for name in spec.derived:
        if name in net.names or name in params:
            out.append((("derived", name), f"'{name}' is a value of the network; choose another name"))
    for name in spec.params:
        if name in net.names:
            out.append((("params", name), f"'{name}' is a value of the network; choose another name"))
    return out
