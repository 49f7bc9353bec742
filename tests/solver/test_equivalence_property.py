"""Property: random polynomial and rational expressions equal their expanded/factored forms and differ from
perturbed ones (+1, one coefficient changed)."""
from __future__ import annotations

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import check

X, Y = sp.symbols("x y")
coeff = st.integers(min_value=-5, max_value=5)


@st.composite
def polynomials(draw: st.DrawFn) -> sp.Expr:
    """A product of 1–3 small linear/quadratic factors in x and y."""
    factors = []
    for _ in range(draw(st.integers(1, 3))):
        a, b, c = draw(coeff), draw(coeff), draw(coeff)
        power = draw(st.integers(1, 2))
        factor = a * X + b * Y + c if draw(st.booleans()) else a * X**2 + b * X + c
        if factor == 0 or factor.is_number:
            factor = X + c
        factors.append(factor**power)
    return sp.Mul(*factors)


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def text(value: sp.Expr) -> str:
    return sp.sstr(value)


@SETTINGS
@given(polynomials())
def test_expanded_and_factored_forms_are_equal(p: sp.Expr) -> None:
    for form in (sp.expand(p), sp.factor(p)):
        verdict = check("expression", p, text(form), vars=["x", "y"])
        assert verdict.status == "correct", (p, form, verdict.message)


@SETTINGS
@given(polynomials(), st.sampled_from(["plus_one", "coefficient", "power"]))
def test_perturbed_forms_differ(p: sp.Expr, how: str) -> None:
    expanded = sp.expand(p)
    if how == "plus_one":
        wrong = expanded + 1
    elif how == "coefficient":
        terms = sp.Add.make_args(expanded)
        wrong = expanded + terms[0]  # doubles one term's coefficient
    else:
        wrong = expanded * X
    verdict = check("expression", p, text(wrong), vars=["x", "y"])
    assert verdict.status == "incorrect", (p, wrong, verdict.message)


@SETTINGS
@given(polynomials(), polynomials())
def test_rational_function_equals_its_cancelled_form(p: sp.Expr, q: sp.Expr) -> None:
    ratio = p * q / q
    verdict = check("expression", p, text(sp.together(p * q) / q), vars=["x", "y"])
    assert verdict.status == "correct", (ratio, verdict.message)
    wrong = check("expression", p, text((p * q + 1) / q), vars=["x", "y"])
    assert wrong.status == "incorrect"
