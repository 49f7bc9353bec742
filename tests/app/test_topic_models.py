"""The computations behind the topic charts, checked against independent numpy and the book's examples."""
from __future__ import annotations

import math

import numpy as np
import pytest

from ui import topic_models as tm


def numeric_derivative(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize("name", ["linear", "quadratic", "exponential", "sigmoid", "tanh", "relu"])
def test_activation_derivative_matches_central_difference(name):
    x = np.array([-2.3, -0.7, 0.4, 1.9])  # away from ReLU's kink
    a, b = 1.3, -0.2
    _, dy = tm.activation(name, x, a, b)
    expected = numeric_derivative(lambda v: tm.activation(name, v, a, b)[0], x)
    np.testing.assert_allclose(dy, expected, rtol=1e-5, atol=1e-7)


def test_step_sigmoid_and_relu_values():
    x = np.array([-1.0, 0.0, 2.0])
    assert tm.activation("step", x)[0].tolist() == [0.0, 1.0, 1.0]
    assert tm.activation("relu", x)[0].tolist() == [0.0, 0.0, 2.0]
    np.testing.assert_allclose(tm.sigmoid(np.array([0.0, 800.0, -800.0])), [0.5, 1.0, 0.0])


def test_softmax_sums_to_one_and_temperature_sharpens():
    z = np.array([2.0, 1.0, 0.1])
    p = tm.softmax(z)
    np.testing.assert_allclose(p, np.exp(z) / np.exp(z).sum())
    assert tm.softmax(z, 0.2)[0] > p[0] > tm.softmax(z, 5.0)[0]
    np.testing.assert_allclose(tm.softmax(np.array([1000.0, 1000.0])), [0.5, 0.5])


def test_sequences_follow_the_book():
    assert tm.recurrence_terms(1, 1, 2, 4).tolist() == [1, 3, 5, 7]          # a₁=1, aₙ₊₁=aₙ+2
    assert tm.arithmetic_terms(1, 2, 4).tolist() == [1, 3, 5, 7]            # aₙ = 2n − 1
    assert tm.geometric_terms(3, 0.5, 3).tolist() == [3, 1.5, 0.75]
    assert tm.partial_sums([1, 3, 5, 7]).tolist() == [1, 4, 9, 16]


def test_sigma_linearity_both_sides_agree_with_closed_forms():
    n, c = 9, -2.5
    lin = tm.sigma_linearity(n, c)
    assert lin.sum_a == n * (n + 1) / 2
    assert lin.sum_b == n * (n + 1) * (2 * n + 1) / 6
    assert lin.left == pytest.approx(lin.right)
    assert lin.left == pytest.approx(c * n * (n + 1) / 2 + n * (n + 1) * (2 * n + 1) / 6)


def test_vector_pair_inner_product_angle_and_bounds():
    pair = tm.vector_pair((3, 1), (1, 2))
    assert pair.dot == 5
    assert pair.norm_a == pytest.approx(math.sqrt(10))
    assert pair.angle_deg == pytest.approx(45.0)
    assert abs(pair.dot) <= pair.bound
    assert tm.vector_pair((1, 0), (-2, 0)).dot == pytest.approx(-tm.vector_pair((1, 0), (-2, 0)).bound)
    assert tm.vector_pair((0, 0), (1, 2)).angle_deg is None


def test_matrix_views_hadamard_example_and_non_commuting_product():
    v = tm.matrix_views([[2, 7], [1, 8]], [[2, 8], [1, 3]])
    assert v["A⊙B"].tolist() == [[4, 56], [1, 24]]
    assert v["AB"].tolist() == [[11, 37], [10, 32]]
    assert v["Aᵀ"].tolist() == [[2, 1], [7, 8]]
    assert not np.array_equal(v["AB"], v["BA"])


def test_secant_slope_converges_to_the_tangent():
    s = tm.secant("x²", 1.0, 0.5)
    assert s.secant_slope == pytest.approx(2.5)          # ((1.5)² − 1) / 0.5
    assert s.tangent_slope == 2.0
    errors = np.abs(tm.secant_slopes("sin x", 0.3, np.array([1, 0.1, 0.01])) - math.cos(0.3))
    assert errors[0] > errors[1] > errors[2]


def test_gradient_and_lagrange_minimum_of_x_plus_y_on_the_circle():
    assert tm.gradient_at("x² + 3y²", 1.0, 0.5) == (2.0, 3.0)
    x, y, f = tm.constrained_minimum("x + y")
    assert f == pytest.approx(-math.sqrt(2), abs=1e-5)
    assert x == pytest.approx(-1 / math.sqrt(2), abs=1e-3) and y == pytest.approx(-1 / math.sqrt(2), abs=1e-3)


def test_gradient_descent_converges_for_small_eta_and_diverges_for_large():
    good = tm.gradient_descent("x² + 3y²", (-2, 1.5), 0.1, 50)
    assert not good.diverged and good.values[-1] < 1e-4
    # y ← y(1 − 6η): with η = 0.45 each step multiplies y by −1.7
    bad = tm.gradient_descent("x² + 3y²", (-2, 1.5), 0.45, 50)
    assert bad.diverged
    first = tm.gradient_descent("x² + y²", (1.0, 2.0), 0.25, 1)
    np.testing.assert_allclose([first.xs[1], first.ys[1]], [0.5, 1.0])


def test_chain_rule_matches_numeric_derivative():
    g = tm.chain_graph(0.7, 2.0, -1.0, 0.2)

    def cost(x):
        return 0.5 * (1 / (1 + math.exp(-(2.0 * x - 1.0))) - 0.2) ** 2

    assert g.dc_dx == pytest.approx(numeric_derivative(cost, 0.7), rel=1e-6)
    assert g.du_dx == 2.0


def test_least_squares_matches_polyfit_and_minimises_cost():
    x, y = tm.regression_data()
    w, b = tm.least_squares(x, y)
    np.testing.assert_allclose([w, b], np.polyfit(x, y, 1))
    assert tm.cost(w, b, x, y) < tm.cost(w + 0.05, b, x, y)
    assert tm.cost(w, b, x, y) < tm.cost(w, b - 0.1, x, y)
    np.testing.assert_allclose(tm.cost(np.array([w, 0.0]), b, x, y), [tm.cost(w, b, x, y), tm.cost(0.0, b, x, y)])


def test_forward_layer_reproduces_the_notes_example():
    np.testing.assert_allclose(tm.forward_layer([2, 3], tm.FORWARD_W, tm.FORWARD_B), [3.6, 6.8, -3.5])


def test_backprop_gradients_match_finite_differences():
    x, w1, b1, w2, b2, t = np.array([1.0, 0.5]), np.array([[0.5, -0.3], [0.8, 0.2]]), np.array([0.1, -0.1]), \
        np.array([1.2, -0.7]), 0.05, 1.0
    net = tm.backprop(x, w1, b1, w2, b2, t)

    def cost(w1_, b1_, w2_, b2_):
        return tm.backprop(x, w1_, b1_, w2_, b2_, t).cost

    h = 1e-6
    for i in range(2):
        for j in range(2):
            plus, minus = w1.copy(), w1.copy()
            plus[i, j] += h
            minus[i, j] -= h
            assert net.grad_w1[i, j] == pytest.approx((cost(plus, b1, w2, b2) - cost(minus, b1, w2, b2)) / (2 * h),
                                                      rel=1e-5, abs=1e-10)
    for j in range(2):
        plus, minus = w2.copy(), w2.copy()
        plus[j] += h
        minus[j] -= h
        assert net.grad_w2[j] == pytest.approx((cost(w1, b1, plus, b2) - cost(w1, b1, minus, b2)) / (2 * h), rel=1e-5)
    assert net.grad_b2 == pytest.approx((cost(w1, b1, w2, b2 + h) - cost(w1, b1, w2, b2 - h)) / (2 * h), rel=1e-5)


def test_convolution_and_pooling_match_sliding_windows():
    rng = np.random.default_rng(0)
    image, kernel = rng.normal(size=(6, 6)), rng.normal(size=(3, 3))
    windows = np.lib.stride_tricks.sliding_window_view(image, (3, 3))
    np.testing.assert_allclose(tm.convolve(image, kernel), np.einsum("ijkl,kl->ij", windows, kernel))
    np.testing.assert_allclose(tm.convolve(image, kernel, 2), np.einsum("ijkl,kl->ij", windows[::2, ::2], kernel))
    fm = np.arange(16.0).reshape(4, 4)
    assert tm.max_pool(fm).tolist() == [[5, 7], [13, 15]]
    edge = tm.convolve(tm.IMAGES["vertical edge"], tm.KERNELS["vertical edge"])
    assert edge[:, 1].tolist() == [3, 3, 3, 3] and edge[:, 0].tolist() == [0, 0, 0, 0]


def test_information_measures():
    p, q = tm.bernoulli(0.7), tm.bernoulli(0.4)
    assert tm.entropy(tm.bernoulli(0.5)) == pytest.approx(math.log(2))
    assert tm.entropy(tm.bernoulli(1.0)) == 0.0
    assert tm.cross_entropy(p, q) == pytest.approx(-(0.3 * math.log(0.6) + 0.7 * math.log(0.4)))
    assert tm.kl_divergence(p, q) == pytest.approx(0.3 * math.log(0.3 / 0.6) + 0.7 * math.log(0.7 / 0.4))
    assert tm.kl_divergence(p, p) == pytest.approx(0.0)
    assert tm.cross_entropy(tm.bernoulli(0.5), np.array([1.0, 0.0])) == math.inf


def test_normal_pdf_integrates_to_one_and_peaks_at_mu():
    x = np.linspace(-20, 20, 40001)
    y = tm.normal_pdf(x, 1.5, 2.0)
    assert np.trapezoid(y, x) == pytest.approx(1.0, abs=1e-6)
    assert x[np.argmax(y)] == pytest.approx(1.5)


def test_optimizer_paths_first_steps_by_hand():
    paths = tm.optimizer_paths((-4.0, 2.0), 0.1, 0.9, 2)
    g0 = np.array([0.2 * -4.0, 4.0 * 2.0])
    np.testing.assert_allclose(paths["SGD"][1], np.array([-4.0, 2.0]) - 0.1 * g0)
    np.testing.assert_allclose(paths["Momentum"][1], paths["SGD"][1])       # v₁ = ∇f
    # Adam's first bias-corrected step moves every coordinate by η against the gradient's sign
    np.testing.assert_allclose(paths["Adam"][1], [-4.0 + 0.1, 2.0 - 0.1], atol=1e-6)
    long = tm.optimizer_paths((-4.5, 2.0), 0.1, 0.9, 100)
    assert tm.ravine_value(*long["Momentum"][-1]) < tm.ravine_value(*long["SGD"][-1])


def test_attention_rows_are_probabilities_and_output_is_weighted_values():
    q = tm.attention_queries(45, 2.0)
    weights, out = tm.attention(q, tm.ATTENTION_KEYS, tm.ATTENTION_VALUES)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)
    scores = q @ tm.ATTENTION_KEYS.T / math.sqrt(2)
    expected = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(weights, expected)
    np.testing.assert_allclose(out, expected @ tm.ATTENTION_VALUES)
    sharp, _ = tm.attention(tm.attention_queries(45, 5.0), tm.ATTENTION_KEYS, tm.ATTENTION_VALUES)
    assert sharp[-1].max() > weights[-1].max()
