"""Template-mode functions, checked against NumPy (and by hand where NumPy has no counterpart)."""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from sympy import ImmutableMatrix, Integer, Rational, log

from solver.errors import ParseError
from solver.parser import parse, symbol

rng = np.random.default_rng(5)
X = rng.integers(-5, 6, size=(4, 5))
K = rng.integers(-2, 3, size=(2, 3))
A = rng.integers(-4, 5, size=(3, 3)) + 5 * np.eye(3, dtype=int)
B = rng.integers(-4, 5, size=(3, 3))
u = rng.integers(-6, 7, size=3)
v = rng.integers(-6, 7, size=3)


def m(arr) -> ImmutableMatrix:
    arr = np.asarray(arr)
    if arr.ndim == 1:
        return ImmutableMatrix([int(t) for t in arr])
    return ImmutableMatrix([[int(t) for t in row] for row in arr])


NAMES = {"X": m(X), "K": m(K), "A": m(A), "B": m(B), "u": m(u), "v": m(v)}


def t(text: str, variables=("x", "y", "k", "n")):
    return parse(text, variables, mode="template", names=NAMES).value


def as_array(value) -> np.ndarray:
    return np.array(value.tolist(), dtype=float)


def close(value, expected) -> bool:
    if isinstance(value, ImmutableMatrix):
        got = as_array(value)
        return got.shape == np.asarray(expected, dtype=float).reshape(got.shape).shape and np.allclose(
            got, np.asarray(expected, dtype=float).reshape(got.shape))
    return math.isclose(float(value), float(expected), rel_tol=1e-12, abs_tol=1e-12)


def test_linear_algebra_against_numpy():
    assert close(t("dot(u, v)"), u @ v)
    assert close(t("norm(u)"), np.linalg.norm(u))
    assert close(t("T(X)"), X.T) and t("T(X)").shape == (5, 4)
    assert close(t("X^T"), X.T) and close(t("Xᵀ"), X.T)
    assert close(t("hadamard(A, B)"), A * B)
    assert close(t("A ⊙ B"), A * B)
    assert close(t("A*B"), A @ B)
    assert close(t("A*u"), A @ u) and t("A*u").shape == (3, 1)
    assert close(t("2*A - B"), 2 * A - B)
    assert close(t("det(A)"), np.linalg.det(A))
    assert close(t("inv(A)"), np.linalg.inv(A))
    assert close(t("A^-1"), np.linalg.inv(A))
    assert close(t("A^3"), np.linalg.matrix_power(A, 3))
    assert close(t("outer(u, v)"), np.outer(u, v))
    assert close(t("total(X)"), X.sum())
    assert close(t("max(u)"), u.max()) and close(t("min(u)"), u.min())


def test_indexing_is_one_based():
    assert t("at(u, 1)") == int(u[0]) and t("at(u, 3)") == int(u[2])
    assert t("at(X, 2, 5)") == int(X[1, 4])
    assert t("argmax((3, 9, 9, 1))") == 2  # first of the ties
    assert t("argmax(u)") == int(np.argmax(u)) + 1


def _conv2d_valid(x: np.ndarray, k: np.ndarray) -> np.ndarray:
    out = np.zeros((x.shape[0] - k.shape[0] + 1, x.shape[1] - k.shape[1] + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(x[i:i + k.shape[0], j:j + k.shape[1]] * k)
    return out


def test_convolution_and_pooling():
    assert close(t("conv2d(X, K)"), _conv2d_valid(X, K))
    windows = np.lib.stride_tricks.sliding_window_view(X.astype(float), (2, 3))
    assert np.allclose(_conv2d_valid(X, K), np.einsum("ijkl,kl->ij", windows, K))
    assert close(t("maxpool(X, 2)"), X[:4, :4].reshape(2, 2, 2, 2).max(axis=(1, 3)))
    assert close(t("avgpool(X, 2)"), X[:4, :4].reshape(2, 2, 2, 2).mean(axis=(1, 3)))
    assert t("avgpool([[1, 2], [3, 5]], 2)") == ImmutableMatrix([[Rational(11, 4)]])


def test_activations_elementwise():
    z = np.array([-2.0, 0.0, 1.5])
    assert close(t("softmax((-2, 0, 1.5))"), np.exp(z) / np.exp(z).sum())
    assert t("total(softmax(u))").equals(1)
    assert close(t("sigma((-2, 0, 1.5))").applyfunc(lambda e: e.evalf()), 1 / (1 + np.exp(-z)))
    assert close(t("relu((-2, 0, 1.5))"), np.maximum(z, 0))
    assert close(t("exp((-2, 0, 1.5))").evalf(), np.exp(z))
    assert close(t("tanh((-2, 0, 1.5))").evalf(), np.tanh(z))
    assert close(t("abs(X)"), np.abs(X))
    assert close(t("sqrt(abs(X))").evalf(), np.sqrt(np.abs(X)))
    assert close(t("log((1, 2, 3))").evalf(), np.log([1, 2, 3]))


def test_information_measures():
    p, q = np.array([0.5, 0.25, 0.25]), np.array([0.25, 0.25, 0.5])
    assert close(t("entropy((0.5, 0.25, 0.25))"), -(p * np.log(p)).sum())
    assert close(t("cross_entropy((0.5, 0.25, 0.25), (0.25, 0.25, 0.5))"), -(p * np.log(q)).sum())
    assert close(t("kl((0.5, 0.25, 0.25), (0.25, 0.25, 0.5))"), (p * np.log(p / q)).sum())
    assert t("entropy((1, 0))") == 0  # 0 log 0 = 0
    assert t("entropy((1/2, 1/2))") == log(2)


def test_calculus_and_algebra():
    x, n = symbol("x"), symbol("n")
    assert t("diff(x^3, x)") == 3 * x ** 2
    assert t("diff(x^3, x, 2)") == 6 * x
    assert t("diff(sigma(x), x)") == t("sigma(x)*(1 - sigma(x))")
    assert t("subs(x^2 + y, x, 3)") == 9 + symbol("y")
    assert t("subs(x*y, x, 2, y, 5)") == 10
    assert t("simplify((x^2 - 1)/(x - 1))") == x + 1
    assert t("expand((x + 1)^2)") == x ** 2 + 2 * x + 1
    assert t("factor(x^2 - 1)") == (x - 1) * (x + 1)
    assert t("sum(k^2, k, 1, 10)") == sum(i * i for i in range(1, 11))
    assert t("sum(2k - 1, k, 1, n)") == n ** 2
    assert t("sum(k, k, 5, 4)") == 0


def test_numbers():
    assert t("round(2.345, 2)") == Rational(235, 100)  # exact: halves round away from zero
    assert t("round(-2.5)") == -3 and t("round(2.5)") == 3 and t("round(2.4)") == 2
    assert t("round(pi, 4)") == Rational(31416, 10000)
    assert t("round((1.25, -1.25), 1)") == ImmutableMatrix([Rational(13, 10), Rational(-13, 10)])
    assert t("floor(-2.5)") == -3 and t("ceil(2.1)") == 3
    assert t("acos(0)") == sympy.pi / 2 and t("asin(1)") == sympy.pi / 2 and t("atan(1)") == sympy.pi / 4
    assert t("binomial(5, 2)") == 10 and t("binomial(52, 5)") == math.comb(52, 5)
    assert t("max(3, 7, 5)") == 7 and t("min(3, 7, 5)") == 3


def test_conditions():
    assert t("1 < 2 and not 3 <= 2") is True
    assert t("2 == 2.0") is True and t("1/3 != 0.333") is True
    assert t("cond(1 > 2, 10, 20)") == 20
    assert t("A == A") is True and t("A == B") is False
    assert t("x == x") is True
    assert t("1 > 2 or 2 >= 2") is True


@pytest.mark.parametrize("text, code", [
    ("dot(u, (1, 2))", "shape"), ("A*X*X", "shape"), ("u*v", "shape"), ("det(X)", "shape"), ("inv([[1,2],[2,4]])", "shape"),
    ("at(u, 4)", "shape"), ("at(u, 0)", "shape"), ("conv2d(K, X)", "shape"), ("A + u", "shape"), ("diff(x, 2)", "shape"),
    ("cond(1, 2, 3)", "not_bool"), ("x < y", "undecidable"), ("norm(3)", "shape"), ("round(x, 2)", "not_number"),
    ("subs(x, x)", "wrong_arg_count"), ("dot(u)", "wrong_arg_count"), ("kl((1, 0), (0, 1))", "undefined"),
    ("sin(A)", "shape"),
])
def test_template_errors(text, code):
    with pytest.raises(ParseError) as info:
        t(text)
    assert info.value.code == code
    assert info.value.message("en") and info.value.message("zh")


def test_names_substitution():
    names = {"a1": 2, "a2": 3, "f": sympy.Symbol("x", real=True) ** 2, "eta": Rational(1, 10), "W": [[1, 2]],
             "w_1": Integer(4)}
    assert parse("a1*a2 + f", ["x"], mode="template", names=names).value == 6 + symbol("x") ** 2
    assert parse("2f", ["x"], mode="template", names=names).latex == "2 x^{2}"
    assert parse("eta", mode="template", names=names).value == Rational(1, 10)
    assert parse("η", mode="template", names=names).value == Rational(1, 10)
    assert parse("w_1 + w1", mode="template", names=names).value == 8
    assert parse("W", mode="template", names=names).shape == ("matrix", 1, 2)
    assert parse("(a1, a2)", mode="template", names=names).value == ImmutableMatrix([2, 3])
    assert parse("a1 a2", mode="template", names=names).value == 6


def test_template_functions_not_in_answers():
    with pytest.raises(ParseError) as info:
        parse("dot((1, 2), (3, 4))")
    assert info.value.code == "unknown_function"


def test_det_and_inv_of_symbolic_matrices_are_bounded_in_size() -> None:
    """det/inv of a matrix with variables or irrational entries grows factorially: at most 4×4 (an 8×8 one used to
    keep a core busy for hours); matrices of plain numbers up to 8×8 stay cheap and allowed."""
    names = {f"s{n}": ImmutableMatrix(n, n, sympy.symbols(f"a0:{n * n}")) for n in (4, 5, 8)}
    names["r5"] = ImmutableMatrix(5, 5, lambda i, j: sympy.sqrt(i + j + 2))
    names["n8"] = ImmutableMatrix(8, 8, lambda i, j: Integer((3 * i + 5 * j) % 7 - 3 + (8 if i == j else 0)))
    assert parse("det(s4)", mode="template", names=names).value.free_symbols
    assert parse("det(n8)", mode="template", names=names).value == round(np.linalg.det(
        np.array(names["n8"].tolist(), dtype=float)))
    for text in ("det(s5)", "det(s8)", "inv(s5)", "det(r5)"):
        with pytest.raises(ParseError) as caught:
            parse(text, mode="template", names=names)
        assert caught.value.code == "too_big" and "at most 4×4" in caught.value.message("en")
        assert "最多 4×4" in caught.value.message("zh")
