"""The templates added to topics 9–16 for issue 10: every answer key recomputed independently.

Each template's params, at every seed of `SEEDS` (200; `DLMATH_LIBRARY_SEEDS` overrides), go to an "oracle"
written from the mathematics with NumPy — explicit loops over the book's tables, forward passes, central finite
differences of the cost for every δ and gradient (through softmax, pooling and convolution too), sliding windows
for convolutions, numerical maximisation of a Gaussian likelihood, optimizer loops — and the engine's keys must
agree. Each exercise is generated once per seed; there the anticipated mistakes must differ from the key, the
texts must be clean in both languages, and the variant statistics are gathered (trivial answers, a key equal to
another part's, distinct questions and answers: the rules of `test_library_new_1_8.py`, whose helpers are used
here). At `SOLVER_SEEDS` the solver judges the key correct, a perturbed answer incorrect, and every listed mistake
incorrect with its own catalogue name or message.
"""
from __future__ import annotations

import math
import os
from typing import Any, Callable

import numpy as np
import pytest

import test_library_new_1_8 as new18
import test_library_topics_1_8 as base
import test_library_topics_9_16 as older
from exercises import render

LIB = base.LIB
TOPICS = older.TOPICS
SEEDS = range(1, int(os.environ.get("DLMATH_LIBRARY_SEEDS", "200")) + 1)
SOLVER_SEEDS = (1, 2)
TRIVIAL_SHARE = new18.TRIVIAL_SHARE
MIN_VARIANTS = new18.MIN_VARIANTS

sig, fd, mat, vec = older.sig, base.fd, base.mat, base.vec


# -- helpers -----------------------------------------------------------------------------------------------------

def fd_grad(f: Callable[[np.ndarray], float], x: Any, h: float = 1e-6) -> np.ndarray:
    """Central finite-difference gradient of a scalar function of an array (any shape)."""
    return older.fd_grad(f, np.asarray(x, dtype=float), h)


def agree(template_id: str, ex: Any, part: Any, want: Any) -> None:
    """The key agrees with the oracle (to `TOLERANCE` where the key is a rounded decimal)."""
    tol = TOLERANCE.get((template_id, part.id))
    if tol is None:
        new18.agree(template_id, ex, part, want)
        return
    got = base.num(part.expected)
    assert np.allclose(got, want, rtol=tol, atol=tol), f"{template_id} seed {ex.seed} part {part.id!r}: {got} vs {want}"


def golden_max(f: Callable[[float], float], lo: float, hi: float) -> float:
    """The maximiser of a unimodal f on [lo, hi], by golden-section search."""
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(120):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        lo, hi = (a, hi) if f(a) < f(b) else (lo, b)
    return (lo + hi) / 2


def label(index: int) -> str:
    """The written label of option `index` (0-based)."""
    return "ABCDEFGH"[index]


# -- the oracles: (params as floats, the exercise) -> {part id: number, array or written label} --------------------

def gd_one_variable(P, ex):
    fam, n, k, dy = int(P["fam"]), int(P["n"]), P["k"], P["dy"]
    f = [np.sqrt, np.cbrt, lambda x: 1 / x, lambda x: x ** 3, lambda x: np.exp(k * x)][fam - 1]
    x0 = [n * n, n ** 3, (2, 4, 5, 8)[n - 2], (1, 2, 4, 5)[n - 2], 0.0][fam - 1]
    dx = [2 * n * dy, 3 * n * n * dy, x0 * dy, dy, dy][fam - 1]
    slope = fd(f, (x0,), 0)
    estimate = f(x0) + slope * dx
    return {"a": slope, "b": estimate, "c": label(0 if estimate > f(x0 + dx) else 1)}


def gd_approximate_vs_exact(P, ex):
    f = lambda x, y: P["p"] * x * x + P["r"] * x * y + P["q"] * y * y     # noqa: E731
    x0, y0, dx, dy = P["x0"], P["y0"], P["dx"], P["dy"]
    grad = [fd(f, (x0, y0), i) for i in (0, 1)]
    approx = grad[0] * dx + grad[1] * dy
    error = lambda s: f(x0 + s * dx, y0 + s * dy) - f(x0, y0) - s * approx   # noqa: E731
    ratio = error(0.5) / error(1.0)
    return {"a": approx, "b": f(x0 + dx, y0 + dy) - f(x0, y0),
            "c": label(int(np.argmin([abs(ratio - r) for r in (0.5, 0.25, 1.0, 2.0)])))}


def gd_why_negative_gradient(P, ex):
    g, eta = vec(P, "g", 2), P["eta"]
    alt = eta * [np.array([-g[0], g[1]]), np.array([g[0], -g[1]]), np.array([-g[1], -g[0]])][int(P["m"]) - 1]
    assert math.isclose(np.linalg.norm(alt), eta * np.linalg.norm(g))          # the same length
    units = base.unit_circle(1.0, 3601)
    best = units[np.argmin(units @ g)]                                         # the steepest descent direction
    assert np.allclose(best, -g / np.linalg.norm(g), atol=2e-3)
    return {"a": g @ (-eta * g), "b": g @ alt, "c": "A"}


def gd_spreadsheet_run(P, ex):
    f = lambda x, y: P["p"] * x * x + P["q"] * y * y     # noqa: E731
    point = np.array([P["x0"], P["y0"]])
    rows = []
    for _ in range(3):
        grad = np.array([fd(f, tuple(point), i) for i in (0, 1)])
        rows.append(grad)
        point = point - P["eta"] * grad
        rows.append(point)
    return {"a": rows[0], "b": rows[1], "c": rows[3], "d": rows[5], "e": f(*rows[5])}


def regression_several_outputs(P, ex):
    a = vec(P, "a", 3)
    t = np.eye(3)[int(P["k"]) - 1]
    cost = lambda out: 0.5 * np.sum((t - out) ** 2)     # noqa: E731
    return {"a": cost(a), "b": fd_grad(cost, a)}


def regression_compare_models(P, ex):
    x = vec(P, "x", 4)
    t = P["s"] * x + P["c"] + vec(P, "e", 4)
    costs = [0.5 * sum((tk - (P["s"] + P[f"d{m}"]) * xk - P[f"q{m}"]) ** 2 for xk, tk in zip(x, t)) for m in (1, 2)]
    return {"a": costs[0], "b": costs[1], "c": label(int(np.argmin(costs)))}


def regression_prediction(P, ex):
    x = P["m"] + P["s"] * np.arange(-2.0, 3.0)
    t = P["t0"] + P["r"] * np.arange(-2.0, 3.0) + vec(P, "e", 5)
    slope, intercept = np.polyfit(x, t, 1)
    return {"a": np.array([x.mean(), t.mean()]), "b": slope, "c": slope * (P["m"] + P["j"] * P["s"]) + intercept}


def forward_digit_recogniser(P, ex):
    x = vec(P, "x", 9)
    W2 = mat(P, "w", 2, 9)
    z2 = np.array([P["t1"], P["t2"]])                  # the weighted inputs the biases were chosen for
    b2 = z2 - W2 @ x
    assert np.allclose(base.num(ex.derived["b2"]), b2)   # the question shows these biases
    W3, b3 = mat(P, "v", 2, 2), np.array([P["d1"], P["d2"]])
    a2 = sig(W2 @ x + b2)
    z3 = W3 @ a2 + b3
    return {"a": W2 @ x + b2, "b": a2, "c": z3, "d": sig(z3), "e": label(int(np.argmax(sig(z3))))}


def forward_parameter_count(P, ex):
    def count(widths):
        layers = [np.zeros((m, n)) for n, m in zip(widths, widths[1:])]      # one weight matrix per layer
        return sum(W.size + W.shape[0] for W in layers)                         # … and one bias per unit
    n1, n2, n3, m = (int(P[k]) for k in ("n1", "n2", "n3", "m"))
    W2 = np.zeros((n2, n1))
    assert (W2 @ np.zeros(n1)).shape == (n2,)
    return {"a": np.array(W2.shape, float), "b": count([n1, n2, n3]), "c": count([n1, n2, m, n3])}


def forward_batch(P, ex):
    W, b, X = mat(P, "w", 2, 2), np.array([P["b1"], P["b2"]]), mat(P, "x", 2, 3)
    columns = [np.maximum(W @ X[:, k] + b, 0) for k in range(3)]              # one example at a time
    return {"a": np.column_stack([W @ X[:, k] + b for k in range(3)]), "b": np.column_stack(columns)}


def logit(a: Any) -> Any:
    """σ⁻¹, entry by entry."""
    a = np.asarray(a, dtype=float)
    return np.log(a / (1 - a))


def backprop_output_delta_vector(P, ex):
    a, ap = vec(P, "a", 3), vec(P, "p", 2)
    t = np.eye(3)[int(P["k"]) - 1]
    b3 = logit(a) - 0.3 * np.ones((3, 2)) @ ap                     # a real layer W⁽³⁾ = 0.3 giving these outputs
    cost = lambda W: 0.5 * np.sum((t - sig(W @ ap + b3)) ** 2)     # noqa: E731
    W0 = 0.3 * np.ones((3, 2))
    return {"a": fd_grad(lambda z: 0.5 * np.sum((t - sig(z)) ** 2), logit(a)), "b": fd_grad(cost, W0)}


def backprop_summed_over_examples(P, ex):
    X = mat(P, "x", 3, 2)
    a, t = vec(P, "p", 3), vec(P, "t", 3)
    w0, b0 = np.array([0.4, -0.7]), 0.2
    offsets = logit(a) - (X @ w0 + b0)                              # each example reaches its given output
    total = lambda w, b: sum(0.5 * (t[k] - sig(X[k] @ w + b + offsets[k])) ** 2 for k in range(3))  # noqa: E731
    deltas = [fd(lambda z: 0.5 * (t[k] - float(sig(z))) ** 2, (logit(a[k]),), 0) for k in range(3)]
    return {"a": np.array(deltas), "b": fd_grad(lambda w: total(w, b0), w0), "c": fd(lambda b: total(w0, b), (b0,), 0)}


def backprop_two_hidden_layers(P, ex):
    x, a2, a3 = vec(P, "x", 2), vec(P, "q", 2), vec(P, "p", 2)
    W3, w4 = mat(P, "w", 2, 2), vec(P, "v", 2)
    W2 = np.array([[0.5, -0.25], [0.75, 0.25]])
    b2 = logit(a2) - W2 @ x
    b3 = logit(a3) - W3 @ a2
    cost_z4 = lambda z4: P["d4"] * z4                                        # noqa: E731 — ∂C/∂z⁽⁴⁾ = δ⁽⁴⁾
    cost_z3 = lambda z3: cost_z4(w4 @ sig(z3))                               # noqa: E731
    cost_z2 = lambda z2: cost_z3(W3 @ sig(z2) + b3)                          # noqa: E731
    cost_W2 = lambda W: cost_z2(W @ x + b2)                                  # noqa: E731
    return {"a": fd_grad(cost_z3, logit(a3)), "b": fd_grad(cost_z2, logit(a2)), "c": fd_grad(cost_W2, W2)}


def backprop_softmax_cross_entropy(P, ex):
    z = np.log(vec(P, "m", 3))
    t = np.eye(3)[int(P["k"]) - 1]
    cost = lambda v: -np.sum(t * np.log(older.softmax(v)))      # noqa: E731
    return {"a": older.softmax(z), "b": cost(z), "c": fd_grad(cost, z)}


def _blocks(P):
    """The 4×4 positions of the four 2×2 blocks' winners, from the block params r1..r4."""
    out = {}
    for b in range(4):
        r = int(P[f"r{b + 1}"]) - 1
        out[b] = (2 * (b // 2) + r // 2, 2 * (b % 2) + r % 2)
    return out


def backprop_cnn_pooling(P, ex):
    A = np.array([[P[f"o{i}{j}"] for j in range(1, 5)] for i in range(1, 5)])
    for b, (i, j) in _blocks(P).items():
        A[i, j] = P[f"m{b + 1}"]
    Dp = vec(P, "g", 4).reshape(2, 2)
    maxpool = lambda M: M.reshape(2, 2, 2, 2).max(axis=(1, 3))              # noqa: E731
    cost = lambda z: np.sum(Dp * maxpool(sig(z)))                           # noqa: E731 — ∂C/∂p = Dp
    Z = logit(A)
    return {"a": fd_grad(cost, Z), "b": fd(lambda b: cost(Z + b), (0.0,), 0)}


def backprop_cnn_filter_gradient(P, ex):
    X = mat(P, "x", 5, 5)
    D = np.zeros((4, 4))
    for b, (i, j) in _blocks(P).items():
        D[i, j] = P[f"g{b + 1}"]
    feature = lambda W: np.array([[np.sum(W * X[i:i + 2, j:j + 2]) for j in range(4)] for i in range(4)])  # noqa: E731
    K = mat(P, "k", 2, 2)
    G = fd_grad(lambda W: np.sum(D * feature(W)), K)                        # C is linear in z with ∂C/∂z = δ
    return {"a": G, "b": K - P["eta"] * G}


def conv_padded_feature_map(P, ex):
    n, k, pad = int(P["n"]), int(P["kk"]), int(P["pp"])
    image = np.zeros((n, n))
    size = older.cross_correlate(np.pad(image, pad), np.zeros((k, k))).shape[0]      # slide over the padded image
    X, K = mat(P, "x", 3, 3), mat(P, "k", 2, 2)
    return {"a": size, "b": older.cross_correlate(np.pad(X, 1), K) + P["b"]}


def conv_pool_dense_forward(P, ex):
    X, K, V = mat(P, "x", 5, 5), mat(P, "k", 2, 2), mat(P, "v", 2, 2)
    Z = np.array([[np.sum(K * X[i:i + 2, j:j + 2]) for j in range(4)] for i in range(4)]) + P["b"]
    A = sig(Z)
    pooled = np.array([[A[2 * i:2 * i + 2, 2 * j:2 * j + 2].max() for j in range(2)] for i in range(2)])
    return {"a": Z, "b": pooled, "c": float(sig(np.sum(V * pooled) + P["c"]))}


def prob_expectation_variance(P, ex):
    x1 = P["x1"]
    values = np.array([x1, x1 + P["s2"], x1 + P["s2"] + P["s3"]])
    probs = np.array([P["p1"], P["p2"], 1 - P["p1"] - P["p2"]])
    rng = np.random.default_rng(0)
    sample = rng.choice(values, size=4000, p=probs)                       # a sanity check on the definition
    mean = float(probs @ values)
    assert abs(sample.mean() - mean) < 0.3
    var = float(probs @ (values - mean) ** 2)
    y = P["c"] * values + P["d"]
    return {"a": mean, "b": var, "c": float(probs @ (y - probs @ y) ** 2)}


def prob_classifier_cross_entropy(P, ex):
    rows = [base.num(ex.params[f"Q{k}"]) for k in (1, 2, 3)]
    labels = [int(P[f"y{k}"]) - 1 for k in (1, 2, 3)]
    losses = [-np.sum(np.eye(3)[y] * np.log(q)) for q, y in zip(rows, labels)]
    return {"a": losses[0], "b": float(np.mean(losses)), "c": label(int(np.argmax(losses)))}


def prob_gaussian_mle(P, ex):
    t = vec(P, "t", 4)
    loglik = lambda mu, var: float(np.sum(-0.5 * np.log(2 * np.pi * var) - (t - mu) ** 2 / (2 * var)))  # noqa: E731
    mu_hat = golden_max(lambda m: loglik(m, 1.0), -3.0, 7.0)
    var_hat = golden_max(lambda v: loglik(mu_hat, v), 0.01, 40.0)
    var = P["s"] ** 2
    return {"a": loglik(P["mA"], var) - loglik(P["mB"], var), "b": mu_hat, "c": var_hat}


def opt_adagrad_rmsprop(P, ex):
    grads = base.num(ex.params["g"])
    w, h = P["w0"], 0.0
    adagrad = []
    for g in grads:                                      # AdaGrad, ε = 0
        h += g * g
        w -= P["eta"] * g / math.sqrt(h)
        adagrad.append(w)
    v = 0.9 * 0.0 + 0.1 * grads[0] ** 2                  # RMSProp, one step from w0
    return {"a": adagrad[0], "b": adagrad[1], "c": P["w0"] - P["eta"] * grads[0] / math.sqrt(v)}


def opt_sgd_vs_full_batch(P, ex):
    x, t = vec(P, "x", 4), vec(P, "t", 4)
    w0, k = P["w0"], int(P["k"]) - 1
    per_example = [fd(lambda w: 0.5 * (w * x[j] - t[j]) ** 2, (w0,), 0) for j in range(4)]
    full = fd(lambda w: np.mean(0.5 * (w * x - t) ** 2), (w0,), 0)
    return {"a": np.array(per_example), "b": full, "c": w0 - P["eta"] * per_example[k], "d": w0 - P["eta"] * full}


def opt_learning_rate_schedule(P, ex):
    eta0, s, k = P["eta0"], int(P["s"]), P["k"]
    rate = eta0
    for epoch in range(1, int(P["ep"]) + 1):              # halve at every multiple of s
        if epoch % s == 0:
            rate /= 2
    w = P["w0"]
    for t in range(2):
        w -= eta0 / (1 + k * t) * fd(lambda v: v * v, (w,), 0)
    return {"a": rate, "b": eta0 / (1 + k * P["t"]), "c": w}


def attention_scores_several_queries(P, ex):
    Q, K = mat(P, "q", 2, 4), mat(P, "k", 3, 4)
    S = np.array([[Q[i] @ K[j] / math.sqrt(4) for j in range(3)] for i in range(2)])
    weights = older.softmax(S[1])
    return {"a": S, "b": label(int(np.argmax(weights)))}


def attention_causal_mask(P, ex):
    E = np.array([[1, P["m12"], P["m13"]], [P["m21"], P["m22"], P["m23"]], [P["m31"], P["m32"], P["m33"]]])
    scores = np.log(E)
    scores[np.triu_indices(3, k=1)] = -np.inf                     # token i sees j <= i only
    A = np.array([older.softmax(row) for row in scores])
    V = mat(P, "v", 3, 2)
    return {"a": A, "b": (A @ V)[1]}


def attention_multi_head_shapes(P, ex):
    h, dk, n = int(P["h"]), int(P["dk"]), int(P["n"])
    d = h * dk
    X = np.zeros((n, d))
    WQ, WK, WV = (np.zeros((d, dk)) for _ in range(3))
    Qi, Ki = X @ WQ, X @ WK
    layer = [np.zeros((d, dk)) for _ in range(3 * h)] + [np.zeros((d, d))]    # every head's three projections, and W^O
    return {"a": np.array(Qi.shape, float), "b": np.array((Qi @ Ki.T).shape, float), "c": sum(W.size for W in layer)}


def attention_rnn_two_steps(P, ex):
    W, u, b = mat(P, "w", 2, 2), vec(P, "u", 2), vec(P, "b", 2)
    h = np.zeros(2)
    states, inputs = [], []
    for x in (P["x1"], P["x2"]):
        inputs.append(W @ h + u * x + b)
        h = sig(inputs[-1])
        states.append(h)
    return {"a": states[0], "b": inputs[1], "c": states[1]}


ORACLES: dict[str, Callable[[dict, Any], dict]] = {
    "gd-approximation-one-variable": gd_one_variable,
    "gd-approximate-vs-exact": gd_approximate_vs_exact,
    "gd-why-negative-gradient": gd_why_negative_gradient,
    "gd-spreadsheet-run": gd_spreadsheet_run,
    "regression-several-outputs": regression_several_outputs,
    "regression-compare-models": regression_compare_models,
    "regression-prediction": regression_prediction,
    "forward-digit-recogniser": forward_digit_recogniser,
    "forward-parameter-count": forward_parameter_count,
    "forward-batch": forward_batch,
    "backprop-output-delta-vector": backprop_output_delta_vector,
    "backprop-summed-over-examples": backprop_summed_over_examples,
    "backprop-two-hidden-layers": backprop_two_hidden_layers,
    "backprop-softmax-cross-entropy": backprop_softmax_cross_entropy,
    "backprop-cnn-pooling": backprop_cnn_pooling,
    "backprop-cnn-filter-gradient": backprop_cnn_filter_gradient,
    "conv-padded-feature-map": conv_padded_feature_map,
    "conv-pool-dense-forward": conv_pool_dense_forward,
    "prob-expectation-variance": prob_expectation_variance,
    "prob-classifier-cross-entropy": prob_classifier_cross_entropy,
    "prob-gaussian-mle-squared-error": prob_gaussian_mle,
    "opt-adagrad-rmsprop": opt_adagrad_rmsprop,
    "opt-sgd-vs-full-batch": opt_sgd_vs_full_batch,
    "opt-learning-rate-schedule": opt_learning_rate_schedule,
    "attention-scores-several-queries": attention_scores_several_queries,
    "attention-causal-mask": attention_causal_mask,
    "attention-multi-head-shapes": attention_multi_head_shapes,
    "attention-rnn-two-steps": attention_rnn_two_steps,
}
NEW_TEMPLATES = sorted(ORACLES)
# Keys written as 6-decimal values (σ of a calculator exercise), and values computed from them: agreement to that.
TOLERANCE = {("forward-digit-recogniser", "c"): 1e-5, ("forward-digit-recogniser", "d"): 1e-5,
             ("backprop-softmax-cross-entropy", "b"): 1e-5,
             ("conv-pool-dense-forward", "b"): 1e-5, ("conv-pool-dense-forward", "c"): 1e-5,
             ("prob-classifier-cross-entropy", "a"): 1e-5, ("prob-classifier-cross-entropy", "b"): 1e-5,
             ("prob-gaussian-mle-squared-error", "b"): 1e-5, ("prob-gaussian-mle-squared-error", "c"): 1e-5,
             ("opt-adagrad-rmsprop", "c"): 1e-5, ("attention-rnn-two-steps", "a"): 1e-5,
             ("attention-rnn-two-steps", "b"): 1e-5, ("attention-rnn-two-steps", "c"): 1e-5}
FAMILIES = {"tiny backprop by hand": ("backprop",)}


# -- tests -------------------------------------------------------------------------------------------------------

def test_every_template_of_topics_9_to_16_has_an_oracle_here_or_in_the_older_file():
    templates = {tid for tid, t in LIB.templates.items() if t.topic in TOPICS and t.network is None}
    assert not set(ORACLES) & set(older.ORACLES)       # network exercises: cell by cell in test_network_keys.py
    assert templates == set(ORACLES) | set(older.ORACLES)
    assert not [e for e in LIB.errors if any(f"/{topic}.yaml" in str(e.path) for topic in TOPICS)]


def test_every_topic_has_six_templates_and_backprop_by_hand_ten():
    assert len(LIB.templates) >= 120
    for topic in TOPICS:
        assert len(LIB.by_topic(topic)) >= 6, topic
    for family, topics in FAMILIES.items():
        assert sum(len(LIB.by_topic(t)) for t in topics) >= 10, family


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_keys_agree_with_an_independent_computation_and_variants_are_not_trivial(template_id):
    """Every seed of SEEDS, each exercise generated once: key vs oracle, mistakes vs key, clean texts, then the
    variant statistics over all seeds."""
    template = LIB.get(template_id)
    shown = new18.shown_names(template)
    trivial: dict[str, list[int]] = {}
    questions, answers = set(), set()
    for seed in SEEDS:
        ex = template.generate(seed)
        wanted = ORACLES[template_id](base.floats(ex.params), ex)
        assert set(wanted) == {p.id for p in ex.parts}, template_id
        printed = new18.printed_fractions(ex)
        for part in ex.parts:
            agree(template_id, ex, part, wanted[part.id])
            new18.never_the_key(template_id, ex, part)
            if new18.is_trivial(ex, part, shown, printed):
                trivial.setdefault(part.id, []).append(seed)
        for part_id in new18.same_keys(ex):
            trivial.setdefault(part_id, []).append(seed)
        base.assert_clean_and_bilingual(template_id, ex)
        questions.add((ex.prompt["en"], *(p.prompt["en"] for p in ex.parts), *(str(p.choices) for p in ex.parts)))
        answers.add(tuple(p.expected for p in ex.parts if p.kind != "choice"))
    for part_id, seeds in trivial.items():
        assert len(seeds) <= TRIVIAL_SHARE * len(SEEDS), (template_id, part_id, seeds[:5])
    wanted = min(MIN_VARIANTS, len(SEEDS) // 4)
    assert len(questions) >= wanted and len(answers) >= wanted, (template_id, len(questions), len(answers))


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_the_solver_accepts_the_key_and_names_every_listed_mistake(template_id):
    for seed in SOLVER_SEEDS:
        ex = LIB.get(template_id).generate(seed)
        for part in ex.parts:
            verdict = ex.check(part.id, ex.expected_text(part.id))
            assert verdict.status == "correct", (template_id, seed, part.id, verdict.message)
            assert ex.check(part.id, new18.perturbed(ex, part)).status == "incorrect", (template_id, seed, part.id)
            assert part.mistakes, (template_id, part.id, "names no common slip")
            for mistake in part.mistakes:
                typed = new18.mistake_text(part, mistake)
                verdict = ex.check(part.id, typed)
                assert verdict.status == "incorrect", (template_id, seed, part.id, mistake)
                if mistake["name"]:
                    assert verdict.details["mistake"]["name"] == mistake["name"], (template_id, part.id, mistake)
                if mistake["message"]:
                    assert mistake["message"]["en"] in verdict.message, (template_id, part.id, verdict.message)
                    zh = ex.check(part.id, typed, lang="zh")
                    assert mistake["message"]["zh"] in zh.message, (template_id, part.id, zh.message)


def test_every_computation_is_asked_as_a_value():
    """`form: value` on every part that is not a choice: typing the question's own calculation is refused."""
    for template_id in NEW_TEMPLATES:
        for _, part_id, spec in LIB.get(template_id).answer_specs():
            if spec.kind != "choice":
                assert spec.form == "value", (template_id, part_id)


# -- behaviour the templates exist to teach ----------------------------------------------------------------------

def test_the_books_gradient_descent_table():
    """z = x² + y² from (3, 2) with η = 0.1: (2.4, 1.6), (1.92, 1.28), (1.536, 1.024)."""
    ex = LIB.get("gd-spreadsheet-run").generate(1)
    assert np.allclose(base.num(ex.part("d").expected), [1.536, 1.024])
    assert ex.check("b", "(2.4, 1.6)").status == "correct"
    assert ex.check("c", "(1.92, 1.28)").status == "correct"
    stale = ex.check("c", "(2.4 - 0.1*6, 1.6 - 0.1*4)")
    assert stale.status == "incorrect" and "recompute" in stale.message
    # a slip in step 1 is carried into step 2
    carried = ex.check("c", "(3.6*0.8, 2.4*0.8)", earlier={"b": "(3.6, 2.4)"})
    assert carried.status == "correct" and carried.details.get("ecf") is True


def test_the_one_variable_estimate_is_the_tangent_line_not_the_calculator():
    ex = LIB.get("gd-approximation-one-variable").generate(1)        # √9.06 ≈ 3 + 0.06/6
    assert ex.check("b", "3.01").status == "correct"
    assert ex.check("b", f"{math.sqrt(9.06):.6f}").status == "incorrect"
    assert ex.check("b", "sqrt(9.06)").status == "incorrect"


LITERAL = [  # template, part, the question's own calculation typed with its numbers (solver syntax), message
    ("gd-spreadsheet-run", "b", "{{P0}} - {{eta}}*{{g0}}", "yourself"),
    ("forward-batch", "a", "{{W}}*{{X}} + {{B}}", "yourself"),
    ("forward-digit-recogniser", "b", "sigma({{z2}})", "Work out"),
]


@pytest.mark.parametrize("template_id, part_id, typed, message", LITERAL)
def test_a_calculation_left_to_the_checker_is_refused(template_id, part_id, typed, message):
    ex = LIB.get(template_id).generate(2)
    verdict = ex.check(part_id, render.fill(typed, ex.values, latex=False))
    assert verdict.status == "invalid" and message in verdict.message
