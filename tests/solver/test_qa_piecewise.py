"""QA defect: differences confined to narrow strips near the domain's ends or a breakpoint must be found."""
from __future__ import annotations

import pytest

from solver import check


@pytest.mark.parametrize(("expected", "answer", "vars_"), [
    ("x", "x + relu(x-2.999)", ["x"]),
    ("0", "relu(x^2-8.99)", ["x"]),
    ("x", "x + relu(-(x-1)*(x-1.00001))", ["x"]),
    ("x", "x + relu(sin(20x)-0.9999)", ["x"]),
    ("x", "x + relu(x-y-0.00001) - relu(x-y)", ["x", "y"]),
    ("|x|", "|x| + relu(0.001 - |x - 1.3|)", ["x"]),
])
def test_narrow_strip_differences_are_found(expected: str, answer: str, vars_: list[str]) -> None:
    verdict = check("expression", expected, answer, vars=vars_)
    assert verdict.status == "incorrect"
    example = verdict.details["counterexample"]
    assert example["yours"] != example["expected"]


def test_counterexample_point_at_the_end_is_written_simply() -> None:
    verdict = check("expression", "x", "x + relu(x-2.999)", vars=["x"])
    assert verdict.details["counterexample"]["point"] == {"x": "3"}


@pytest.mark.parametrize(("expected", "answer"), [
    ("relu(x)", "(x+|x|)/2"),
    ("max(x, 1)", "(x + 1 + |x - 1|)/2"),
    ("|x - 2.5|", "max(x - 2.5, 2.5 - x)"),
])
def test_equal_piecewise_functions_stay_correct(expected: str, answer: str) -> None:
    assert check("expression", expected, answer, vars=["x"]).status == "correct"


def test_a_domain_is_respected_at_its_ends() -> None:
    assert check("expression", "log(x^2)", "2log(x)", vars=["x"], domain={"x": [0.1, 3]}).status == "correct"
    assert check("expression", "x", "x + relu(x-0.999)", vars=["x"], domain={"x": [0, 1]}).status == "incorrect"
