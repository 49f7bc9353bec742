"""Σ and Π: expanded over the declared subscripted names with numeric bounds, closed or kept with symbolic ones."""
from __future__ import annotations

import time

import pytest
import sympy
from sympy import ImmutableMatrix, Integer, Rational, factorial

from solver import check, preview
from solver.errors import ParseError
from solver.parser import parse, symbol

FAMILY = ["w_1", "w_2", "w_3", "x1", "x2", "x3", "b", "n"]
w1, w2, w3, x1, x2, x3, b, n = (symbol(v) for v in FAMILY)


def val(text: str, variables=FAMILY):
    return parse(text, variables).value


def err(text: str, variables=FAMILY) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse(text, variables)
    return info.value


@pytest.mark.parametrize("text", [
    r"Σ_{i=1}^{3} w_i x_i", r"\sum_{i=1}^{3} w_i x_i", r"\sum_{i=1}^3 w_{i} x_{i}", "sum_{i=1}^{3} w_i x_i",
    "sum_{i=1}^3 w_i*x_i", "∑_{i=1}^{3} wᵢxᵢ", r"\sum\limits_{i=1}^{3} w_i x_i", r"\sum^{3}_{i=1} w_i x_i",
    r"\displaystyle\sum_{k=1}^{3} w_k x_k", "Σ_{j=1}^(3) w_j x_j",
])
def test_weighted_sum_expands_over_the_declared_names(text):
    assert val(text) == w1 * x1 + w2 * x2 + w3 * x3


@pytest.mark.parametrize("text, expected", [
    ("sum_{i=1}^3 x_i^2", x1 ** 2 + x2 ** 2 + x3 ** 2),
    (r"\sum_{i=1}^{3} w_i x_i + b", w1 * x1 + w2 * x2 + w3 * x3 + b),  # the body ends at +
    (r"\sum_{i=1}^{3} (w_i x_i + b)", w1 * x1 + w2 * x2 + w3 * x3 + 3 * b),
    (r"2\sum_{i=1}^{2} x_i", 2 * x1 + 2 * x2),
    (r"\sum_{i=1}^{2} x_{i+1} - x_i", x2 + x3 - x1 - x2 + x3 - x3),  # body x_{i+1}, then − x_i outside? no: see next test
    (r"\sum_{k=1}^{4} k", Integer(10)), (r"\sum_{k=1}^{4} k^2", Integer(30)), (r"\prod_{i=1}^{4} i", Integer(24)),
    (r"\prod_{i=1}^{3} x_i", x1 * x2 * x3), (r"\sum_{i=1}^{3} \sum_{j=1}^{2} i j", Integer(18)),
    (r"\sum_{i=3}^{1} x_i", Integer(0)), (r"Π_{i=1}^{3} 2", Integer(8)),
    (r"\sum_{i=1}^{3} \frac{1}{i}", Rational(11, 6)),
])
def test_numeric_bounds(text, expected):
    if "x_{i+1} - x_i" in text:
        with pytest.raises(ParseError) as info:  # the x_i after − is outside the sum
            parse(text, FAMILY)
        assert info.value.code == "index_outside"
        assert val(r"\sum_{i=1}^{2} (x_{i+1} - x_i)") == x3 - x1
        return
    assert val(text) == expected


@pytest.mark.parametrize("text, expected", [
    (r"\sum_{k=1}^{n} k", n * (n + 1) / 2), (r"\sum_{i=1}^{n} (2i-1)", n ** 2),
    (r"Σ_{k=1}^{n} k^2", n * (n + 1) * (2 * n + 1) / 6), (r"\sum_{i=1}^{n} 3 \cdot 2^{i-1}", 3 * 2 ** n - 3),
    (r"\sum_{n=1}^{\infty} \frac{1}{2^n}", Integer(1)), (r"\prod_{i=1}^{n} i", factorial(n)),
    (r"\sum_{k=0}^{n-1} 1", n),
])
def test_symbolic_bounds_get_closed_forms(text, expected):
    assert sympy.simplify(val(text) - expected) == 0


def test_symbolic_bound_without_closed_form_stays_a_sum():
    value = val(r"\sum_{k=1}^{n} \frac{1}{k^2}")
    assert isinstance(value, sympy.Sum)
    assert check("expression", value, r"\sum_{j=1}^{n} \frac{1}{j^2}", vars=["n"]).status == "correct"


def test_sums_are_judged():
    assert check("expression", "w_1*x1 + w_2*x2 + w_3*x3", r"Σ_{i=1}^{3} w_i x_i", vars=FAMILY).status == "correct"
    assert check("expression", "x1^2 + x2^2 + x3^2", "sum_{i=1}^3 x_i^2", vars=FAMILY).status == "correct"
    assert check("expression", "x1^2 + x2^2 + x3^2", "sum_{i=1}^2 x_i^2", vars=FAMILY).status == "incorrect"
    assert check("number", "30", r"\sum_{k=1}^{4} k^2").status == "correct"
    assert check("expression", "n*(n+1)/2", r"\sum_{k=1}^{n} k", vars=["n"]).status == "correct"
    assert check("expression", "n^2", r"\sum_{k=1}^{n} k", vars=["n"]).status == "incorrect"
    verdict = check("expression", "x1 + x2 + x3", "sum_{i=1}^{3} x_i", vars=FAMILY)
    assert verdict.interpreted == r"\sum_{i=1}^{3} x_{i}"


def test_vector_terms():
    assert val(r"\sum_{i=1}^{2} (i, 2i)", []) == ImmutableMatrix([3, 6])


@pytest.mark.parametrize("text, code", [
    ("sum_{i=1}^{4} x_i", "sum_member"), (r"Σ_{i=0}^{3} w_i x_i", "sum_member"), ("sum_i x_i", "sum_bounds"),
    (r"\sum x_i", "sum_bounds"), (r"\sum_{i=1} x_i", "sum_bounds"), (r"\sum_{i=1}^{3}", "sum_body"),
    (r"\sum_{i=1}^{n} x_i", "sum_symbolic_family"), (r"\sum_{i=1}^{2.5} i", "sum_whole_bounds"),
    (r"\sum_{i=1}^{3} x_i + x_i", "index_outside"), ("i + sum_{i=1}^{2} i", "unknown_name"),
    (r"\sum_{ii=1}^{3} i", "sum_bounds"), (r"\sum_{i=1}^{10^9} i", "too_big"), (r"\sum_{i=1}^{10^{100}} x_i", "too_big"),
    (r"\prod_{i=1}^{5000} i", "too_big"),
])
def test_sum_errors(text, code):
    e = err(text)
    assert e.code == code, e.message("en")
    assert e.message("en") and e.message("zh")


def test_sum_member_message_names_the_missing_variable():
    message = err("sum_{i=1}^{4} x_i").message("en")
    assert "x_4" in message and "w_1" in message


def test_huge_sums_are_refused_before_anything_is_built():
    start = time.monotonic()
    verdict = check("expression", "x1", r"\sum_{i=1}^{1000000000} x_i", vars=FAMILY)
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == "too_big"
    assert time.monotonic() - start < 5


def test_index_that_shadows_a_declared_variable():
    assert val(r"\sum_{n=1}^{3} n", ["n"]) == 6
    assert val(r"n + \sum_{k=1}^{3} k", ["n"]) == n + 6


def test_sigma_as_a_declared_name_is_not_a_sum():
    assert val("Σ_1 + 1", ["Sigma_1"]) == symbol("Sigma_1") + 1


def test_preview_shows_the_sum():
    shown = preview(r"\sum_{i=1}^{3} w_i x_i", vars=FAMILY)
    assert shown.ok and shown.latex == r"\sum_{i=1}^{3} w_{i} x_{i}"


def test_open_sums_are_compared_exactly_at_integer_points_within_the_budget():
    verdict = check("expression", "n^3", r"\sum_{k=1}^{n} \frac{1}{k^2}", vars=["n"])
    assert verdict.status == "incorrect" and verdict.details["counterexample"]["point"] == {"n": "2"}
    assert check("expression", "sum(1/k^2, k, 1, n)", r"\sum_{j=1}^{n} \frac{1}{j^2}", vars=["n", "k"]).status == "correct"
    start = time.monotonic()
    verdict = check("expression", "n", r"\sum_{k=1}^{n} k^{k^{k^k}}", vars=["n"], timeout=2)
    assert verdict.status in ("incorrect", "invalid") and time.monotonic() - start < 5
    vector = check("vector", "(1, 2)", r"(\sum_{k=1}^{n} \frac{1}{k^2}, 2)", vars=["n"])
    assert vector.status == "invalid" and vector.details["error"]["code"] == "sum_open"


def test_nested_sums_stay_within_their_bounds():
    assert val(r"\sum_{a=1}^{499} \sum_{b=1}^{499} a b", []) == (499 * 500 // 2) ** 2
    for text in (r"\prod_{i=1}^{600} i", r"\sum_{a=1}^{200} \sum_{b=1}^{200} x_1^a x_2^b", r"\sum_{i=1}^{501} i"):
        assert err(text).code == "too_big", text
