"""The templates added to topics 1–8 for issue 10: every answer key recomputed independently.

Each template's params, at every seed of `SEEDS` (200; `DLMATH_LIBRARY_SEEDS` overrides), go to an "oracle"
written from the mathematics — iterated recurrences, explicit loops, NumPy shapes and products, least squares,
dense samples for extrema, bisection for equations, numeric polynomial roots, and central finite differences of
the original functions (Richardson-extrapolated ones for second derivatives, a whole small network for
∂C/∂w⁽²⁾ and the δ recursion) — and the engine's keys must agree. Each exercise is generated once per seed; at
that seed the anticipated mistakes must differ from the key, the texts must be clean in both languages, and the
variant statistics are gathered: trivial answers (0, ±1, a zero vector, a value the question shows or prints, or
another part's key) stay under `TRIVIAL_SHARE` of the seeds, and every template has at least `MIN_VARIANTS`
distinct questions and distinct answers. At
`SOLVER_SEED` the solver judges the key correct, a perturbed answer incorrect, and every listed mistake
incorrect with its own catalogue name or message.

The helpers (finite differences, NumPy evaluation of SymPy keys, the clean-text check…) are those of
`test_library_topics_1_8.py`, which checks the templates that were there before.
"""
from __future__ import annotations

import math
import os
import re
from fractions import Fraction
from typing import Any, Callable

import numpy as np
import pytest
import sympy as sp

import test_library_topics_1_8 as base
from exercises import render
from exercises.engine import LABELS

Expr, fd, num, sig, vec, mat = base.Expr, base.fd, base.num, base.sig, base.vec, base.mat

LIB = base.LIB
SEEDS = range(1, int(os.environ.get("DLMATH_LIBRARY_SEEDS", "200")) + 1)
SOLVER_SEED = 1
TRIVIAL_SHARE = 0.03
MIN_VARIANTS = 20
FAMILIES = {"sequences": ("sequences", "sigma"), "inner products": ("vectors",),
            "partial derivatives": ("partial-derivatives",)}


# -- helpers -----------------------------------------------------------------------------------------------------

def logit(a: float) -> float:
    """σ⁻¹(a)."""
    return math.log(a / (1 - a))


def bisect(f: Callable[[float], float], lo: float, hi: float) -> float:
    """The root of a continuous f with a sign change on [lo, hi]."""
    flo = f(lo)
    assert flo * f(hi) < 0
    for _ in range(200):
        mid = (lo + hi) / 2
        if (f(mid) < 0) == (flo < 0):
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def fd2(f: Callable[..., float], point: tuple[float, ...], i: int, j: int, h: float = 1e-2) -> float:
    """∂²f/∂xᵢ∂xⱼ by central differences, Richardson-extrapolated from steps h and h/2 (error O(h⁴))."""
    def central(step: float) -> float:
        def at(di: float, dj: float) -> float:
            p = list(point)
            p[i] += di
            p[j] += dj
            return f(*p)
        if i == j:
            return (at(step, 0) - 2 * f(*point) + at(-step, 0)) / step ** 2
        return (at(step, step) - at(step, -step) - at(-step, step) + at(-step, -step)) / (4 * step ** 2)
    return (4 * central(h / 2) - central(h)) / 3


def iterate(first: float, step: Callable[[Any], Any], count: int) -> list[Any]:
    terms = [first]
    while len(terms) < count:
        terms.append(step(terms[-1]))
    return terms


def by_index(terms: list[float]) -> Expr:
    """An oracle for a general term: the n-th term for n = 1..8."""
    return Expr(lambda n: terms[int(round(n)) - 1], 1, 8, integers=True)


# -- the oracles: (params as floats, the exercise) -> {part id: number, array, Expr, set or written label} --------

def step_neuron(P, ex):
    tie = int(P["tie"]) - 1
    w = [P["u1"], P["u2"]]
    w.insert(tie, P["th"])                     # the weight equal to the threshold sits at input `tie`
    x = [0.0 if i == tie else 1.0 for i in range(3)]
    z = sum(wi * xi for wi, xi in zip(w, x)) - P["th"]
    step = lambda v: 1.0 if v >= 0 else 0.0   # noqa: E731 — the book's unit step, u(0) = 1
    return {"a": z, "b": np.array([step(wi - P["th"]) for wi in w])}


def exponential_basics(P, ex):
    k = math.log(math.exp(P["p"]) * math.exp(P["q"]) / math.exp(P["r"]))
    x = bisect(lambda v: math.exp(P["a"] * v + P["b"]) - P["c"], -60, 60)
    return {"a": k, "b": x, "c": float(sig(math.log(P["m"])))}


def geometric(P, ex):
    terms = iterate(P["a1"], lambda a: a * P["r"], 20)
    return {"a": by_index(terms), "b": terms[int(P["k"]) - 1], "c": sum(terms[:int(P["N"])])}


def recurrence_from_general_term(P, ex):
    A, r, B = P["A"], P["r"], P["B"]
    terms = [A * r ** n + B for n in range(1, 7)]
    slope, intercept = np.polyfit(terms[:-1], terms[1:], 1)      # the line through (aₙ, aₙ₊₁)
    return {"a": terms[0], "b": Expr(lambda a: slope * a + intercept, -3, 3)}


def simultaneous_decoupled(P, ex):
    p, q = num(P["pq"])
    step = lambda v: np.array([p * v[0] + q * v[1], q * v[0] + p * v[1]])  # noqa: E731
    pairs = iterate(np.array([P["a1"], P["b1"]]), step, 8)
    M = np.column_stack([step(np.array([1.0, 0.0])), step(np.array([0.0, 1.0]))])
    return {"a": M, "b": by_index([v.sum() for v in pairs]), "c": pairs[3][0]}


def backward_delta(P, ex):
    """A real chain network with the given activations; the cost's slope at z⁽⁴⁾ is δ⁽⁴⁾."""
    d4, w4, w3, a3, a2, x = (P[k] for k in ("d4", "w4", "w3", "a3", "a2", "x"))
    cost_of_z3 = lambda z3: d4 * w4 * float(sig(z3))                      # noqa: E731 — C = δ⁽⁴⁾ z⁽⁴⁾
    b3 = logit(a3) - w3 * a2
    cost_of_z2 = lambda z2: cost_of_z3(w3 * float(sig(z2)) + b3)          # noqa: E731
    w2 = 0.7
    b2 = logit(a2) - w2 * x
    cost_of_w2 = lambda w: cost_of_z2(w * x + b2)                         # noqa: E731
    return {"a": fd(cost_of_z3, (logit(a3),), 0), "b": fd(cost_of_z2, (logit(a2),), 0),
            "c": fd(cost_of_w2, (w2,), 0)}


def double_sum_cost(P, ex):
    costs = []
    for k in (1, 2, 3):
        t, a = num(P[f"t{k}"]), [P[f"a{k}1"], P[f"a{k}2"]]
        costs.append(sum(0.5 * (t[i] - a[i]) ** 2 for i in range(2)))
    return {"a": costs[0], "b": sum(costs)}


def sum_of_products(P, ex):
    x, y = vec(P, "x", 4), vec(P, "y", 4)
    return {"a": sum(x[k] * y[k] for k in range(4)),
            "b": sum(x[j] * y[k] for j in range(4) for k in range(4)),
            "c": sum((x[k] + P["c"]) * y[k] for k in range(4))}


def linear_combination(P, ex):
    a, b = vec(P, "a", 3), vec(P, "b", 3)
    x, g = vec(P, "x", 2), vec(P, "g", 2)
    return {"a": P["p"] * a + P["q"] * b, "b": x - P["eta"] * g}


def orthogonal(P, ex):
    a, c = vec(P, "a", 3), vec(P, "c", 3)
    along = lambda k: a @ np.array([P["b1"], k, P["b3"]])   # noqa: E731 — linear in k
    perp = lambda t: (a + t * c) @ c                           # noqa: E731 — linear in t
    return {"a": -along(0) / (along(1) - along(0)), "b": -perp(0) / (perp(1) - perp(0))}


def steepest_descent(P, ex):
    f = lambda x, y: P["p"] * x * x + P["r"] * x * y + P["q"] * y * y   # noqa: E731
    g = np.array([fd(f, (P["x0"], P["y0"]), i) for i in (0, 1)])
    units = base.unit_circle(1.0)
    rates = units @ g                       # ∇f·e over a dense sample of unit vectors
    return {"a": g, "b": units[rates.argmin()], "c": float(rates.min())}


def product_defined(P, ex):
    A, B = np.zeros((int(P["r1"]), int(P["c1"]))), np.zeros((int(P["r2"]), int(P["c2"])))
    defined = []
    for label, product in zip("ABCD", (lambda: A @ B, lambda: B @ A, lambda: A.T @ B, lambda: A @ B.T)):
        try:
            defined.append((label, product().shape))
        except ValueError:
            pass
    assert len(defined) == 1
    return {"a": defined[0][0], "b": np.array(defined[0][1], float)}


def transpose(P, ex):
    A = mat(P, "a", 2, 3)
    return {"a": np.array([[A[i][j] for i in range(2)] for j in range(3)]), "b": A @ A.T}


def limit_definition(P, ex):
    f = lambda x: P["a"] * x ** P["deg"] + P["b"] * x + P["c"]   # noqa: E731
    quotient = lambda h: (f(P["x0"] + h) - f(P["x0"])) / h        # noqa: E731
    return {"a": Expr(quotient, 0.2, 2.0), "b": fd(f, (P["x0"],), 0)}


def exp_composite(P, ex):
    f1 = lambda x: P["c"] * np.exp(P["k"] * x)                   # noqa: E731
    f2 = lambda x: np.exp(P["p"] * x * x + P["q"] * x)           # noqa: E731
    return {"a": Expr(lambda x: fd(f1, (x,), 0), -1, 1), "b": Expr(lambda x: fd(f2, (x,), 0), -1, 1)}


def stationary_not_extremum(P, ex):
    """From the polynomial the question shows: the real roots of f′, and the sign of f′ on either side."""
    f = ex.derived["f"]
    coeffs = [float(c) for c in sp.Poly(f, *f.free_symbols).all_coeffs()]
    slope = np.poly1d(np.polyder(coeffs))
    roots = sorted({round(z.real, 6) for z in slope.roots if abs(z.imag) < 1e-5})
    kinds = {}
    for z in roots:
        left, right = slope(z - 1e-3), slope(z + 1e-3)
        kinds[z] = "min" if left < 0 < right else "max" if left > 0 > right else "none"
    found = sorted(kinds.values())
    option = {("min", "none"): "A", ("max", "none"): "B", ("max", "min"): "C", ("min", "min"): "D"}[tuple(found)]
    (extremum,) = [z for z, kind in kinds.items() if kind != "none"]
    return {"a": set(roots), "b": option, "c": extremum}


def saddle_point(P, ex):
    a, b, c, p, q = (P[k] for k in "abcpq")
    f = lambda x, y: a * x * x + b * x * y + c * y * y + p * x + q * y   # noqa: E731
    g0 = np.array([fd(f, (0.0, 0.0), i) for i in (0, 1)])
    H = np.array([[fd2(f, (0.0, 0.0), i, j) for j in (0, 1)] for i in (0, 1)])
    eig = np.linalg.eigvalsh(H)
    return {"a": np.linalg.solve(H, -g0), "b": "A" if eig.min() > 0 else "B" if eig.max() < 0 else "C"}


def three_variables(P, ex):
    f = lambda x, y, z: P["a"] * x * x * y + P["b"] * y * z * z + P["c"] * x * z   # noqa: E731
    point = (P["x0"], P["y0"], P["z0"])
    return {"a": Expr(lambda x, y, z: fd(f, (x, y, z), 2)), "b": np.array([fd(f, point, i) for i in range(3)])}


def nearest_point_on_plane(P, ex):
    n = np.array([P["a"], P["b"], P["c"]])
    point = np.linalg.lstsq(n[None, :], [P["d"]], rcond=None)[0]    # the least-norm solution of n·x = d
    return {"a": 2 * (point @ n) / (n @ n), "b": point, "c": point @ point}   # ∇f = 2x = λn


def product_on_line(P, ex):
    a, b, c = P["a"], P["b"], P["c"]
    x = base.grid_argmin(lambda v: -v * (c - a * v) / b, 0.0, c / a)
    return {"a": np.array([x, (c - a * x) / b]), "b": x * (c - a * x) / b}


def second_order(P, ex):
    f = lambda x, y: P["p"] * x ** 3 * y ** 2 + P["q"] * x * y + math.exp(P["a"] * x + P["b"] * y)  # noqa: E731
    fxx = lambda x, y: fd2(f, (x, y), 0, 0)     # noqa: E731
    fxy = lambda x, y: fd2(f, (x, y), 0, 1)     # noqa: E731
    D = fxx(0.0, 0.0) * fd2(f, (0.0, 0.0), 1, 1) - fxy(0.0, 0.0) ** 2
    return {"a": Expr(fxx, -0.5, 0.5), "b": Expr(fxy, -0.5, 0.5), "c": D}


def _two_layer_cost(x: float, a2: float, a3: float, t: float, w3: float) -> Callable[[float], float]:
    """C as a function of w⁽²⁾ for a real two-unit network whose activations at w⁽²⁾ = 0.5 are a2 and a3."""
    b2 = logit(a2) - 0.5 * x
    b3 = logit(a3) - w3 * a2
    return lambda w2: 0.5 * (t - float(sig(w3 * float(sig(w2 * x + b2)) + b3))) ** 2


def two_layers_weight(P, ex):
    delta3 = lambda a3, t: fd(lambda z: 0.5 * (t - float(sig(z))) ** 2, (logit(a3),), 0)   # noqa: E731
    grad = lambda a2, a3, t, w3, x: fd(_two_layer_cost(x, a2, a3, t, w3), (0.5,), 0)       # noqa: E731
    return {"a": Expr(lambda a3, t: delta3(a3.real, t.real), 0.1, 0.9),
            "b": Expr(lambda *v: grad(*(u.real for u in v)), 0.1, 0.9),
            "c": grad(P["av2"], P["av3"], P["tv"], P["wv3"], P["xv"])}


def exp_log(P, ex):
    softplus = lambda x: np.log(1 + np.exp(P["k"] * x + P["m0"]))                     # noqa: E731
    t = P["tv"]
    cost = lambda z: -(t * np.log(sig(z)) + (1 - t) * np.log(1 - sig(z)))             # noqa: E731
    return {"a": Expr(lambda x: fd(softplus, (x,), 0), -1, 1), "b": fd(cost, (P["sg"] * math.log(P["mm"]),), 0)}


ORACLES: dict[str, Callable[[dict, Any], dict]] = {
    "function-step-neuron": step_neuron,
    "function-exponential-basics": exponential_basics,
    "sequence-geometric": geometric,
    "sequence-recurrence-from-general-term": recurrence_from_general_term,
    "sequence-simultaneous-decoupled": simultaneous_decoupled,
    "sequence-backward-delta": backward_delta,
    "sigma-double-sum-cost": double_sum_cost,
    "sigma-sum-of-products": sum_of_products,
    "vector-linear-combination": linear_combination,
    "vector-orthogonal": orthogonal,
    "vector-steepest-descent": steepest_descent,
    "matrix-product-defined": product_defined,
    "matrix-transpose": transpose,
    "derivative-limit-definition": limit_definition,
    "derivative-exp-composite": exp_composite,
    "derivative-stationary-not-extremum": stationary_not_extremum,
    "partial-saddle-point": saddle_point,
    "partial-three-variables": three_variables,
    "lagrange-nearest-point-on-plane": nearest_point_on_plane,
    "lagrange-product-on-line": product_on_line,
    "partial-second-order": second_order,
    "chain-two-layers-weight": two_layers_weight,
    "chain-exp-log": exp_log,
}
NEW_TEMPLATES = sorted(ORACLES)
# Oracles that sample a grid (extrema): agreement to the grid's resolution.
TOLERANCE = {("vector-steepest-descent", "b"): 1e-3, ("vector-steepest-descent", "c"): 1e-3,
             ("lagrange-product-on-line", "a"): 1e-5}


# -- checks at one seed ------------------------------------------------------------------------------------------

def agree(template_id: str, ex: Any, part: Any, want: Any) -> None:
    where = lambda: f"{template_id} seed {ex.seed} part {part.id!r}: key {ex.expected_text(part.id)}"  # noqa: E731
    key = part.expected
    tol = TOLERANCE.get((template_id, part.id), 1e-6)
    if part.kind == "choice":
        base.assert_choice_key(ex, part, want, where)
    elif part.kind == "expression":
        got, expected = base.expression_values(key, part.vars, want)
        assert np.allclose(got, expected, rtol=1e-5, atol=1e-6), f"{where()}: {got} vs {expected}"
    elif part.kind == "set":
        assert sorted(float(v) for v in key) == pytest.approx(sorted(want), abs=1e-6), where()
    elif isinstance(key, sp.MatrixBase):
        assert np.allclose(num(key), want, rtol=tol, atol=tol), f"{where()}: {num(key)} vs {want}"
    else:
        assert math.isclose(num(key), want, rel_tol=tol, abs_tol=tol), f"{where()}: {num(key)} vs {want}"


def never_the_key(template_id: str, ex: Any, part: Any) -> None:
    if part.kind != "set":
        base.never_the_key(template_id, ex, part)
        return
    for mistake in part.mistakes:
        assert mistake["expr"] != part.expected, (template_id, ex.seed, part.id, mistake)


def shown_names(template: Any) -> set[str]:
    """The placeholders of what the learner reads with the question: the prompt, every part's prompt (all parts
    are displayed at once) and the choices."""
    texts = [template.spec.prompt.en]
    for _, _, spec in template.answer_specs():
        texts += [c.en for c in spec.choices or []]
    texts += [p.prompt.en for p in template.spec.parts]
    return {name for text in texts for name, _ in render.placeholders(text)}


NUMBER = re.compile(r"\\frac\{(-?\d+)\}\{(\d+)\}|(?<![\d.])-?\d+(?:\.\d+)?")


def printed_fractions(ex: Any) -> set[Fraction]:
    """Every number written in what the learner reads with the question (English texts)."""
    texts = [ex.prompt["en"], *(p.prompt["en"] for p in ex.parts), *(c["en"] for p in ex.parts for c in p.choices or [])]
    out = set()
    for m in NUMBER.finditer("\n".join(texts)):
        out.add(Fraction(int(m.group(1)), int(m.group(2))) if m.group(1) else Fraction(m.group(0)))
    return out


def is_trivial(ex: Any, part: Any, shown: set[str], printed: set[Fraction]) -> bool:
    """0, ±1, a zero vector or matrix, equal to a value the question shows, or a fraction printed in it."""
    key = part.expected
    if part.kind in ("choice", "expression", "set"):
        return False
    if isinstance(key, sp.MatrixBase):
        return all(v == 0 for v in key) or any(
            isinstance(v, sp.MatrixBase) and v.shape == key.shape and v == key for v in map(ex.values.get, shown))
    if isinstance(key, sp.Rational) and not isinstance(key, sp.Integer) and Fraction(int(key.p), int(key.q)) in printed:
        return True
    return key in (0, 1, -1) or any(
        not isinstance(v, sp.MatrixBase) and v == key for v in map(ex.values.get, shown))


def same_keys(ex: Any) -> list[str]:
    """Parts whose key equals an earlier part's key."""
    keyed = [p for p in ex.parts if p.kind not in ("choice", "expression")]
    return [q.id for i, p in enumerate(keyed) for q in keyed[i + 1:]
            if p.kind == q.kind and type(p.expected) is type(q.expected) and p.expected == q.expected]


# -- tests -------------------------------------------------------------------------------------------------------

def test_every_template_of_topics_1_to_8_has_an_oracle_here_or_in_the_older_file():
    templates = {tid for tid, t in LIB.templates.items() if t.topic in base.TOPICS and t.network is None}
    assert not set(ORACLES) & set(base.ORACLES)
    assert templates == set(ORACLES) | set(base.ORACLES)


def test_every_topic_has_six_templates_and_the_families_ten():
    for topic in base.TOPICS:
        assert len(LIB.by_topic(topic)) >= 6, topic
    for family, topics in FAMILIES.items():
        assert sum(len(LIB.by_topic(t)) for t in topics) >= 10, family


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_keys_agree_with_an_independent_computation_and_variants_are_not_trivial(template_id):
    """Every seed of SEEDS, each exercise generated once: key vs oracle, mistakes vs key, clean texts, then the
    variant statistics over all seeds."""
    template = LIB.get(template_id)
    shown = shown_names(template)
    trivial: dict[str, list[int]] = {}
    questions, answers = set(), set()
    for seed in SEEDS:
        ex = template.generate(seed)
        wanted = ORACLES[template_id](base.floats(ex.params), ex)
        assert set(wanted) == {p.id for p in ex.parts}, template_id
        printed = printed_fractions(ex)
        for part in ex.parts:
            agree(template_id, ex, part, wanted[part.id])
            never_the_key(template_id, ex, part)
            if is_trivial(ex, part, shown, printed):
                trivial.setdefault(part.id, []).append(seed)
        for part_id in same_keys(ex):
            trivial.setdefault(part_id, []).append(seed)
        base.assert_clean_and_bilingual(template_id, ex)
        questions.add((ex.prompt["en"], *(p.prompt["en"] for p in ex.parts), *(str(p.choices) for p in ex.parts)))
        answers.add(tuple(p.expected for p in ex.parts if p.kind != "choice"))
    for part_id, seeds in trivial.items():
        assert len(seeds) <= TRIVIAL_SHARE * len(SEEDS), (template_id, part_id, seeds[:5])
    wanted = min(MIN_VARIANTS, len(SEEDS) // 4)
    assert len(questions) >= wanted and len(answers) >= wanted, (template_id, len(questions), len(answers))


def perturbed(ex: Any, part: Any) -> str:
    """A nearby wrong answer in solver syntax."""
    if part.kind == "set":
        return render.text_of(part.expected | sp.FiniteSet(max(part.expected) + 1))
    return base.perturbed(ex, part)


def mistake_text(part: Any, mistake: dict) -> str:
    return mistake["expr"] if part.kind == "choice" else render.text_of(mistake["expr"])


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_the_solver_accepts_the_key_and_names_every_listed_mistake(template_id):
    ex = LIB.get(template_id).generate(SOLVER_SEED)
    for part in ex.parts:
        verdict = ex.check(part.id, ex.expected_text(part.id))
        assert verdict.status == "correct", (template_id, part.id, verdict.message)
        assert ex.check(part.id, perturbed(ex, part)).status == "incorrect", (template_id, part.id)
        assert part.mistakes, (template_id, part.id, "names no common slip")
        for mistake in part.mistakes:
            verdict = ex.check(part.id, mistake_text(part, mistake))
            assert verdict.status == "incorrect", (template_id, part.id, mistake)
            if mistake["name"]:
                assert verdict.details["mistake"]["name"] == mistake["name"], (template_id, part.id, mistake)
            if mistake["message"]:
                assert mistake["message"]["en"] in verdict.message, (template_id, part.id, verdict.message)
                zh = ex.check(part.id, mistake_text(part, mistake), lang="zh")
                assert mistake["message"]["zh"] in zh.message, (template_id, part.id, zh.message)


# -- behaviour the templates exist to teach ----------------------------------------------------------------------

def test_the_step_neuron_fires_at_a_weighted_input_of_exactly_zero():
    for seed in (1, 2, 3):
        ex = LIB.get("function-step-neuron").generate(seed)
        P = base.floats(ex.params)
        assert num(ex.part("b").expected)[int(P["tie"]) - 1] == 1      # z = w − θ = 0 there, and u(0) = 1
        strict = ex.check("b", render.text_of(ex.derived["strict"]))
        assert strict.status == "incorrect" and "u(0) = 1" in strict.message


def test_the_backward_delta_recursion_carries_an_earlier_error_forward():
    ex = LIB.get("sequence-backward-delta").generate(2)
    P = base.floats(ex.params)
    wrong_d3 = float(ex.derived["d3"]) + 0.5
    d2 = wrong_d3 * P["w3"] * P["a2"] * (1 - P["a2"])
    verdict = ex.check("b", f"{d2:.10g}", earlier={"a": f"{wrong_d3:g}"})
    assert verdict.status == "correct" and verdict.details.get("ecf") is True


def test_the_limit_definition_wants_the_quotient_simplified():
    ex = LIB.get("derivative-limit-definition").generate(1)
    P = base.floats(ex.params)
    f = f"{P['a']:g}*(x0 + h)^{P['deg']:g} + {P['b']:g}*(x0 + h) + {P['c']:g}"
    unsimplified = f"(({f}) - ({render.text_of(ex.derived['fx0'])}))/h".replace("x0", f"({P['x0']:g})")
    verdict = ex.check("a", unsimplified)
    assert verdict.status == "incorrect" and "simplified" in verdict.message
    assert ex.check("a", ex.expected_text("a")).status == "correct"


def test_the_two_layer_gradient_is_read_in_the_books_notation():
    ex = LIB.get("chain-two-layers-weight").generate(1)
    assert ex.check("b", "(a_3 - t) a_3 (1 - a_3) w_3 a_2 (1 - a_2) x").status == "correct"
    assert ex.check("b", "(a_3 - t) a_3 (1 - a_3) w_3 a_2 (1 - a_2) x^2").status == "incorrect"


LITERAL = [  # template, part, the question's own calculation typed with its numbers (solver syntax), message
    ("vector-linear-combination", "a", "{{p}}*{{a}} + {{q}}*{{b}}", "Compute the sum yourself"),
    ("vector-steepest-descent", "b", "-{{g}}/sqrt({{gg}})", "Divide each entry yourself"),
    ("matrix-transpose", "b", "{{A}}*{{AT}}", "Compute the product yourself"),
    ("sequence-simultaneous-decoupled", "a", "[[1, 0], [0, 1]] + [[{{p}} - 1, {{q}}], [{{q}}, {{p}} - 1]]",
     "Compute the sum yourself"),
    ("chain-exp-log", "b", "σ({{z0}}) - {{tv}}", "Work out σ"),
    ("function-exponential-basics", "c", "1/(1 + e^(-ln({{m}})))", "Work out"),
]


@pytest.mark.parametrize("template_id, part_id, typed, message", LITERAL)
def test_a_calculation_left_to_the_checker_is_refused(template_id, part_id, typed, message):
    ex = LIB.get(template_id).generate(2)
    verdict = ex.check(part_id, render.fill(typed, ex.values, latex=False))
    assert verdict.status == "invalid" and message in verdict.message
    assert ex.part(part_id).spec.form == "value"
