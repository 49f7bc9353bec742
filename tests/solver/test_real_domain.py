"""The real-domain rule: a point where one side is real and the other is not real is a difference."""
from __future__ import annotations

import pytest

from solver import Verdict, check


def expr(expected: str, answer: str, **kw) -> Verdict:
    return check("expression", expected, answer, vars=["x"], **kw)


def test_log_of_square_is_not_twice_log_on_the_default_domain() -> None:
    verdict = expr("2*log(x)", "log(x^2)")
    assert verdict.status == "incorrect"
    example = verdict.details["counterexample"]
    assert example["not_real"] == "expected" and example["expected"] is None
    assert float(example["point"]["x"]) < 0 and example["yours"] is not None
    assert "not defined" in verdict.message and example["yours"] in verdict.message


def test_the_reverse_names_the_learners_side() -> None:
    verdict = expr("log(x^2)", "2 log(x)", lang="zh")
    assert verdict.status == "incorrect"
    assert verdict.details["counterexample"]["not_real"] == "yours"
    assert "你的答案没有定义" in verdict.message


@pytest.mark.parametrize("expected, answer", [("2*log(x)", "log(x^2)"), ("log(x^2)", "2log(x)")])
def test_agreeing_on_the_declared_domain_is_correct(expected: str, answer: str) -> None:
    assert expr(expected, answer, domain={"x": (0.1, 3)}).status == "correct"


@pytest.mark.parametrize("expected, answer, status", [
    ("abs(x)", "sqrt(x^2)", "correct"),
    ("x", "sqrt(x^2)", "incorrect"),
    ("x", "sqrt(x)^2", "correct"),        # principal branch: (√x)² = x for every x, i² = −1
    ("x+1", "(x^2-1)/(x-1)", "correct"),  # a removable singularity is not a difference
    ("sqrt(x)", "sqrt(abs(x))", "incorrect"),
    ("log(abs(x))", "log(x)", "incorrect"),
])
def test_traps_under_the_real_domain_rule(expected: str, answer: str, status: str) -> None:
    assert expr(expected, answer).status == status


def test_a_constant_that_is_not_real() -> None:
    verdict = expr("1", "sqrt(-1)")
    assert verdict.status == "incorrect"
    assert "not a real number" in verdict.message
    assert check("number", "1", "sqrt(-1)").status == "incorrect"


def test_imaginary_rounding_noise_is_not_a_difference() -> None:
    # sqrt of a difference that is exactly 0 but computed with rounding: must stay equal, not "not real".
    assert expr("0", "sqrt(sin(x)^2 + cos(x)^2 - 1)").status == "correct"
