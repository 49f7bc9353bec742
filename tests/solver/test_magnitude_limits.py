"""Towers of exponentials of constants are refused while they are read, not left to the time budget."""
from __future__ import annotations

import pytest

from solver import check
from solver.errors import ParseError
from solver.parser import parse


@pytest.mark.parametrize("text", [
    "exp(exp(exp(exp(100))))", "exp(exp(100))", "exp(3000)", "exp(-10^7)", "sinh(3000)", "cosh(-exp(10))",
    "exp(e^(e^5))", "2*exp(exp(100)) + x",
])
def test_exponential_towers_are_too_big(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(text, ["x"])
    assert info.value.code == "too_big"
    assert info.value.message("zh")


@pytest.mark.parametrize("text", ["exp(100)", "exp(-50)", "sinh(20)", "exp(x^2)", "exp(exp(x))", "cosh(exp(2))"])
def test_ordinary_exponentials_are_read(text: str) -> None:
    assert parse(text, ["x"]).value is not None


def test_a_tower_is_an_invalid_answer_with_a_reason() -> None:
    verdict = check("expression", "x", "exp(exp(exp(exp(100))))", vars=["x"])
    assert verdict.status == "invalid"
    assert verdict.details["error"]["code"] == "too_big"
