"""Property: an answer the checker accepts is accepted too when written in LaTeX by SymPy's ``latex()``."""
from __future__ import annotations

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from solver import check
from solver.functions import sigmoid
from solver.parser import symbol

x, y, eta, w1 = symbol("x"), symbol("y"), symbol("eta"), symbol("w_1")
VARS = ["x", "y", "eta", "w_1"]

_numbers = st.one_of(st.integers(1, 9).map(sympy.Integer),
                     st.tuples(st.integers(-9, 9), st.integers(2, 7)).map(lambda p: sympy.Rational(*p)),
                     st.sampled_from([sympy.pi, sympy.E, sympy.sqrt(2), sympy.sqrt(3) / 2]))
_unary = [sympy.exp, sympy.sin, sympy.cos, sympy.tanh, sigmoid, sympy.Abs, lambda e: -e,
          lambda e: sympy.sqrt(e ** 2 + 1), lambda e: sympy.log(e ** 2 + 1)]


def _expressions(leaves: st.SearchStrategy) -> st.SearchStrategy:
    def extend(children: st.SearchStrategy) -> st.SearchStrategy:
        return st.one_of(
            st.tuples(st.sampled_from(_unary), children).map(lambda p: p[0](p[1])),
            st.tuples(children, children).map(lambda p: p[0] + p[1]),
            st.tuples(children, children).map(lambda p: p[0] * p[1]),
            st.tuples(children, _numbers).map(lambda p: p[0] / p[1]),
            st.tuples(children, st.integers(-3, 3)).map(lambda p: p[0] ** p[1]),
        )
    return st.recursive(leaves, extend, max_leaves=6)


EXPRESSIONS = _expressions(st.one_of(st.sampled_from([x, y, eta, w1]), _numbers))
NUMBERS = _expressions(_numbers)
_LEAN = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _accepted(kind: str, value, variables=()) -> None:
    if not value.is_finite and not isinstance(value, sympy.MatrixBase):
        return
    verdict = check(kind, value, sympy.latex(value), vars=variables, timeout=10)
    # e^{e^{8}} is past the checker's bound on a value's size however it is written (exp(exp(8)) too): an answer
    # the checker does not accept in any form is outside this property.
    assume((verdict.details or {}).get("error", {}).get("code") != "too_big")
    assert verdict.status == "correct", (sympy.latex(value), verdict.message)


@_LEAN
@given(EXPRESSIONS)
def test_expressions_in_sympy_latex_are_accepted(value):
    if value.has(sympy.zoo, sympy.nan):
        return
    _accepted("expression", value, VARS)


@_LEAN
@given(NUMBERS)
def test_numbers_in_sympy_latex_are_accepted(value):
    if value.has(sympy.zoo, sympy.nan) or not value.is_real:
        return
    _accepted("number", value)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_expressions(st.one_of(st.just(x), _numbers)), min_size=4, max_size=4), st.booleans())
def test_vectors_and_matrices_in_sympy_latex_are_accepted(entries, square):
    if any(e.has(sympy.zoo, sympy.nan) for e in entries):
        return
    value = sympy.ImmutableMatrix(2, 2, entries) if square else sympy.ImmutableMatrix(entries)
    _accepted("matrix" if square else "vector", value, ["x"])


def test_a_value_past_the_size_bound_is_refused_alike_in_latex_and_plain():
    """The one refusal the properties above set aside: it does not depend on how the value is written."""
    value = sympy.exp(sympy.exp(8))
    for text in (sympy.latex(value), "exp(exp(8))"):
        verdict = check("expression", value, text, vars=VARS, timeout=10)
        assert verdict.status == "invalid" and verdict.details["error"]["code"] == "too_big", text
