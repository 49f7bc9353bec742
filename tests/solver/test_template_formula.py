"""Template formulas read once (`solver.compile_template`): every evaluation gives what `parse` gives, errors too."""
from __future__ import annotations

import pytest
import sympy as sp

from solver import ParseError, compile_template, parse

VALUES = [
    {"a": sp.Integer(2), "b": sp.Rational(-1, 3), "M": sp.ImmutableMatrix([[1, 2], [3, 4]]), "v": sp.ImmutableMatrix([5, 6])},
    {"a": sp.Integer(-4), "b": sp.Integer(0), "M": sp.ImmutableMatrix([[0, 1], [1, 0]]), "v": sp.ImmutableMatrix([1, -1])},
    {"a": sp.Integer(1), "b": sp.Rational(7, 2), "M": sp.ImmutableMatrix([[2, 0], [0, 2]]), "v": sp.ImmutableMatrix([0, 3])},
]
TEXTS = [
    "a*x^2 + b*x", "diff(a*x^3 + b, x)", "subs(a*x^2, x, b)", "M*v + a*v", "dot(v, v) / a", "a > b and not (a == 3)",
    "ab x", "sqrt(a^2 + 1)", "a ± b", "sum_{i=1}^{a^2} i*b", "\\frac{a}{2} + b^2", "[[a, b], [b, a]]", "M^T",
]


@pytest.mark.parametrize("text", TEXTS)
def test_evaluations_equal_fresh_readings(text: str) -> None:
    formula = compile_template(text, ("x",), ("a", "b", "M", "v"))
    read = 0
    for values in VALUES + VALUES:  # the second round comes from the formula's memory
        try:
            expected = parse(text, ("x",), mode="template", names=values)
        except ParseError as err:
            with pytest.raises(ParseError) as got:
                formula.evaluate(values)
            assert (got.value.code, got.value.column) == (err.code, err.column)
            continue
        parsed = formula.evaluate(values)
        assert sp.srepr(parsed.value) == sp.srepr(expected.value)
        assert (parsed.shape, parsed.latex) == (expected.shape, expected.latex)
        read += 1
    assert read >= 4  # at most one of the three value sets is refused (a negative Σ bound)


def test_values_of_another_type_are_not_mixed_up() -> None:
    formula = compile_template("a", (), ("a",))
    assert formula.evaluate({"a": sp.Integer(1)}).value == 1
    assert formula.evaluate({"a": True}).value is True
    assert formula.evaluate({"a": 1}).value == sp.Integer(1)


def test_unreadable_text_fails_like_parse() -> None:
    for text, names in (("a + c", ("a",)), ("(a + 1", ("a",)), ("a $ 2", ("a",))):
        with pytest.raises(ParseError) as err:
            parse(text, mode="template", names={name: sp.Integer(1) for name in names})
        with pytest.raises(ParseError) as compiled:
            compile_template(text, (), names)
        assert (compiled.value.code, compiled.value.column) == (err.value.code, err.value.column)
    assert compiled.value.code != "unknown_name"


def test_an_error_at_some_values_only_is_raised_at_those_values() -> None:
    formula = compile_template("1/(a - 2)", (), ("a",))
    assert formula.evaluate({"a": sp.Integer(3)}).value == 1
    with pytest.raises(ParseError) as fresh:
        parse("1/(a - 2)", mode="template", names={"a": sp.Integer(2)})
    for _ in range(2):  # errors are not remembered as values
        with pytest.raises(ParseError) as err:
            formula.evaluate({"a": sp.Integer(2)})
        assert err.value.code == fresh.value.code == "division_by_zero"
