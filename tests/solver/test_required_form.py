"""Required forms are judged on what the learner typed, not on SymPy's evaluated value."""
from __future__ import annotations

import pytest

from solver import Verdict, check
from solver.parser import parse_typed


def expr(expected: str, answer: str, form: str, lang: str = "en") -> Verdict:
    return check("expression", expected, answer, vars=["x", "y"], form=form, lang=lang)


@pytest.mark.parametrize("form, expected, answer, ok", [
    ("expanded", "2*x+2", "2(x+1)", False),
    ("expanded", "2*x+2", "2x+2", True),
    ("expanded", "-x-1", "-(x+1)", False),
    ("expanded", "x-y-1", "x-(y+1)", False),
    ("expanded", "x^2+2*x+1", "(x+1)^2", False),
    ("expanded", "x^2+2*x+1", "x^2+2x+1", True),
    ("expanded", "(x+1)/(x-1)", "(x+1)/(x-1)", True),
    ("expanded", "exp(2*x+2)", "exp(2(x+1))", False),
    ("factored", "x^2-1", "(x-1)(x+1)", True),
    ("factored", "x^2-1", "x^2-1", False),
    ("factored", "2*x+2", "2(x+1)", True),
    ("factored", "2*x+2", "2x+2", False),
    ("factored", "x^2+1", "x^2+1", True),
    ("factored", "2*x^2-2", "(2x+2)(x-1)", False),
    ("factored", "(x^2-1)/(x+2)", "(x-1)(x+1)/(x+2)", True),
    ("simplified", "x+1", "(x^2-1)/(x-1)", False),
    ("simplified", "x+1", "x+1", True),
    ("simplified", "x+1", "1+x", True),
    ("simplified", "x+1", "x+2-1", False),
    ("simplified", "2*x", "x+x", False),
])
def test_form_of_what_was_typed(form: str, expected: str, answer: str, ok: bool) -> None:
    verdict = expr(expected, answer, form)
    if ok:
        assert verdict.status == "correct", verdict.message
    else:
        assert (verdict.status, verdict.score, verdict.details.get("form")) == ("incorrect", 0.5, form)
        assert "Equivalent, but not" in verdict.message


def test_form_messages_in_chinese() -> None:
    assert expr("2*x+2", "2(x+1)", "expanded", lang="zh").message == "结果等价，但还没有展开：请把括号乘开。"
    assert "因式分解" in expr("x^2-1", "x^2-1", "factored", lang="zh").message


def test_a_wrong_answer_in_the_right_form_is_still_wrong() -> None:
    verdict = expr("2*x+2", "2x+3", "expanded")
    assert (verdict.status, verdict.score) == ("incorrect", 0.0)


def test_typed_tree_keeps_the_product() -> None:
    typed = parse_typed("2(x+1)", ["x"])
    assert typed.is_Mul and any(a.is_Add for a in typed.args)
    assert parse_typed("2x+2", ["x"]).is_Add
