"""Soundness of powers and roots: variables are sampled over their whole domain (negative values too), answers
are compared where both sides are real, no counterexample is shown where a side is undefined, and large powers
are decided from their values without expansion."""
from __future__ import annotations

import threading

import pytest

from solver import Verdict, check, warm_up
from solver.parser import parse
from solver.warm import THREAD_NAME


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """A warm process, as the app has: the verdicts, not a cold start's lazy imports, are under test."""
    warm_up()
    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join()


def expr(expected: str, answer: str, variables: str, **options) -> Verdict:
    return check("expression", expected, answer, vars=variables.split(","), **options)


def test_power_of_a_power_is_not_the_power_of_the_product() -> None:
    """STACK's AlgEquiv fixture: (a^b)^c ≠ a^(bc); a = −2, b = 2, c = ½ gives 2 against −2."""
    verdict = expr("a^(b*c)", "(a^b)^c", "a,b,c")
    assert verdict.status == "incorrect"
    example = verdict.details["counterexample"]
    assert example["point"] == {"a": "-2", "b": "2", "c": "0.5"}
    assert (example["yours"], example["expected"]) == ("2", "-2")
    assert expr("(a^b)^c", "a^(b*c)", "a,b,c").status == "incorrect"


def test_a_positive_base_makes_them_equal() -> None:
    assert expr("a^(b*c)", "(a^b)^c", "a,b,c", domain={"a": (0.1, 3)}).status == "correct"


@pytest.mark.parametrize("expected, answer, variables", [
    ("1", "sqrt(k/m)*sqrt(m/k)", "k,m"),            # i·i = −1 where k/m < 0: undefined there, not a difference
    ("sqrt(k/m)*sqrt(m/k)", "1", "k,m"),
    ("a^(b+c)", "a^b*a^c", "a,b,c"),
    ("a^(b-c)", "a^b/a^c", "a,b,c"),
    ("x", "sqrt(x)^2", "x"),
    ("exp(x)", "e^x", "x"),
    ("(x-a)^6000", "(x-a)^6000", "x,a"),
    ("(x-1)^6000", "(x-1)^5999*(x-1)", "x"),
    ("(x-a)^6000", "(a-x)^6000", "x,a"),
    ("(x+1)^9999*(x-1)^9999", "(x^2-1)^9999", "x"),
])
def test_equal_where_both_sides_are_real(expected: str, answer: str, variables: str) -> None:
    verdict = expr(expected, answer, variables)
    assert verdict.status == "correct", verdict.message


@pytest.mark.parametrize("expected, answer, variables", [
    ("x", "sqrt(x^2)", "x"),                          # |x|, not x
    ("sqrt(a*b)", "sqrt(a)*sqrt(-b)", "a,b"),
    ("(a*b)^c", "a^c*b^c", "a,b,c"),                   # a = b = −2, c = ½: 2 against −2… or not real
    ("x^(1/3)", "abs(x)^(1/3)", "x"),
    ("(x-a)^6000", "(x-a)^5999", "x,a"),
    ("(x-a)^5999", "(a-x)^5999", "x,a"),
    ("(x+1)^9999-x^9999", "1", "x"),
    ("(x+1)^9000", "(x+1)^9000+relu(x-2.99)", "x"),   # below 25 digits of 10^5418, but a difference
    ("x^1000", "x^1000+relu(x-2.9)", "x"),
    ("abs((x-1)^6000-2)", "abs((x-1)^6000-2)+relu(x-2.9)", "x"),
])
def test_different(expected: str, answer: str, variables: str) -> None:
    assert expr(expected, answer, variables).status == "incorrect"


def test_no_counterexample_where_a_side_is_undefined() -> None:
    """A wrong answer built from √(k/m)·√(m/k) is shown wrong at a point where every step is real."""
    verdict = expr("1", "sqrt(k/m)*sqrt(m/k) + k", "k,m")
    assert verdict.status == "incorrect"
    point = {name: float(v) for name, v in verdict.details["counterexample"]["point"].items()}
    assert point["k"] * point["m"] > 0


def test_a_difference_too_small_for_the_digits_is_named_by_its_size() -> None:
    verdict = expr("(x+1)^9000", "(x+1)^9000+relu(x-2.99)", "x", lang="zh")
    assert verdict.details["counterexample"]["difference"] == "0.01"
    assert "相差 0.01" in verdict.message


def test_the_size_refusal_still_holds_beyond_what_stays_cheap() -> None:
    verdict = expr("x", "(x+1)^20000", "x")
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == "too_big"
    assert parse("(x-1)^6000", ["x"]).value.exp == 6000  # kept as a power, never expanded


@pytest.mark.parametrize("expected, answer, variables, status", [
    ("1", "1+exp(-200)", "", "incorrect"),               # 10^-87 apart: still a difference
    ("cos(2*pi/17)", "(-1+sqrt(17)+sqrt(34-2*sqrt(17)))/16+(2*sqrt(17+3*sqrt(17)-sqrt(34-2*sqrt(17))"
     "-2*sqrt(34+2*sqrt(17))))/16", "", "correct"),     # Gauss: equal constants, agreeing to 70 digits
    ("abs(x-2)*abs(x+2)", "abs(x^2-4)", "x", "correct"),
    ("2+sqrt(12+4*x)", "2+2*sqrt(3+x)", "x", "correct"),
    ("abs(x-2)*abs(x+3)", "abs(x^2-4)", "x", "incorrect"),
])
def test_constants_and_factored_insides(expected: str, answer: str, variables: str, status: str) -> None:
    verdict = expr(expected, answer, variables) if variables else check("expression", expected, answer)
    assert verdict.status == status, verdict.message


def test_a_tiny_constant_difference_says_how_big() -> None:
    verdict = check("expression", "1", "1+exp(-200)")
    assert verdict.details["counterexample"]["difference"] == "1.384e-87"
    assert "differs from the expected value by 1.384e-87" in verdict.message
