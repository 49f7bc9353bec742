"""The trigonometric and hyperbolic functions learners type besides sin, cos, tan, sinh, cosh, tanh: sec, csc
(cosec), cot, arcsin/asin, arccos/acos, arctan/atan, sech, csch (cosech), coth, arsinh/asinh, arcosh/acosh,
artanh/atanh — in plain text and LaTeX, judged exactly, and never a wrong answer marked right."""
from __future__ import annotations

import pytest
import sympy as sp

from solver import check, parse
from solver.parser import symbol
from solver.errors import ParseError


@pytest.mark.parametrize(("expected", "answer"), [
    ("1/cos(x)", "sec(x)"), ("1/sin(x)", "csc(x)"), ("1/sin(x)", "cosec x"), ("cos(x)/sin(x)", "cot(x)"),
    ("tan(x)^2", "sec(x)^2 - 1"), ("1/(1+x^2)", "1/(1 + tan(arctan(x))^2)"),
    ("arctan(x)", "atan(x)"), ("arcsin(x)", r"\arcsin x"), ("arcsin(x)", "pi/2 - acos(x)"),
    ("arccos(x)", r"\arccos\left(x\right)"), ("1 - tanh(x)^2", "sech(x)^2"), ("1/sinh(x)", "cosech(x)"),
    ("cosh(x)/sinh(x)", r"\coth x"), ("ln(x + sqrt(x^2 + 1))", "asinh(x)"), ("arsinh(x)", r"\operatorname{arsinh}(x)"),
    ("artanh(x)", "arctanh(x)"), ("arcosh(x)", "acosh(x)"),
])
def test_each_spelling_is_read_and_judged_equal(expected: str, answer: str) -> None:
    assert check("expression", expected, answer, vars=["x"]).status == "correct", answer


def test_identities_on_a_domain() -> None:
    assert check("expression", "ln((1 + x)/(1 - x))/2", "atanh(x)", vars=["x"],
                 domain={"x": [-0.9, 0.9]}).status == "correct"
    assert check("expression", "ln(x + sqrt(x^2 - 1))", "arcosh(x)", vars=["x"],
                 domain={"x": [1.1, 3]}).status == "correct"


@pytest.mark.parametrize(("expected", "answer"), [
    ("arctan(x)", "arcsin(x)"), ("sec(x)", "csc(x)"), ("cot(x)", "tan(x)"), ("arsinh(x)", "sinh(x)"),
    ("sech(x)^2", "sec(x)^2"), ("1/(1+x^2)", "arctan(x)"), ("pi/4", "arctan(1)/2"),
])
def test_different_functions_are_not_marked_right(expected: str, answer: str) -> None:
    assert check("expression", expected, answer, vars=["x"]).status == "incorrect", answer


def test_values_of_inverse_functions_are_exact() -> None:
    assert check("number", "pi/4", "arctan(1)").status == "correct"
    assert check("number", "pi/6", r"\arcsin\frac{1}{2}").status == "correct"
    assert check("number", "pi/4", "0.785").status == "correct"  # a decimal: the usual tolerance


@pytest.mark.parametrize("make", [sp.sec, sp.csc, sp.cot, sp.asin, sp.acos, sp.atan, sp.sech, sp.csch, sp.coth,
                                  sp.asinh, sp.acosh, sp.atanh])
def test_sympy_latex_of_each_function_is_read_back(make) -> None:
    x = symbol("x")
    value = make(x / 2)
    assert parse(sp.latex(value), ["x"]).value == value
    assert check("expression", value, sp.latex(value), vars=["x"]).status == "correct"


def test_inverse_power_is_ambiguous_and_says_both_readings() -> None:
    for text in ("sin^-1(x)", r"\sin^{-1} x", "sin⁻¹x", "tanh^-1(x)"):
        with pytest.raises(ParseError) as caught:
            parse(text, ["x"])
        en, zh = caught.value.message("en"), caught.value.message("zh")
        inverse = "artanh" if "tanh" in text else "arcsin"
        assert f"{inverse}(x)" in en and "^(-1)" in en, en
        assert f"{inverse}(x)" in zh and "反函数" in zh, zh
    with pytest.raises(ParseError) as caught:
        parse("σ^-1(x)", ["x"])
    assert "1/σ(x)" in caught.value.message("en") and "inverse function" not in caught.value.message("en")


def test_function_name_beats_a_split_into_declared_variables() -> None:
    """With a, t, n declared, ``atan(x)`` is arctan x (a·tan x is written ``a tan(x)``)."""
    assert check("expression", "arctan(x)", "atan(x)", vars=["a", "t", "n", "x"]).status == "correct"
    assert check("expression", "a*tan(x)", "a tan(x)", vars=["a", "t", "n", "x"]).status == "correct"


def test_forbidden_and_literal_form_know_every_spelling() -> None:
    verdict = check("number", "pi/4", "arctan(1)", forbidden=["atan"])
    assert verdict.status == "invalid" and verdict.details["forbidden"] == "atan"
    refusal = check("number", "pi/4", "atan(1)", form="value")
    assert refusal.status == "invalid" and refusal.details["error"]["operation"] == "function"
    assert "atan(…)" in refusal.message


def test_unknown_function_lists_the_new_ones() -> None:
    with pytest.raises(ParseError) as caught:
        parse("arcsec(x)", ["x"])
    message = caught.value.message("en")
    assert caught.value.code == "unknown_function" and "arctan" in message and "sech" in message
