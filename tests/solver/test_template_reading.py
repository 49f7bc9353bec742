"""Template reading: LaTeX built only when asked for, results remembered without mixing up names' values."""
from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from solver import ParseError, parse
from solver import latex as tx
from solver.parser import symbol


def test_template_latex_is_built_on_first_access(monkeypatch: pytest.MonkeyPatch) -> None:
    names = {"A": sp.ImmutableMatrix([[1, 2], [3, 4]]), "c": sp.Rational(1, 3), "v": sp.ImmutableMatrix([5, 6])}

    def no_printing(value: object) -> tuple[str, int]:
        raise AssertionError("a name's value was printed while reading")

    monkeypatch.setattr(tx, "of_value", no_printing)
    monkeypatch.setattr(sp, "latex", no_printing)
    parsed = parse("c*A*v + ((1, 2), (3, 4))*v", mode="template", names=names)
    assert parsed.value == sp.ImmutableMatrix([sp.Rational(68, 3), 52])  # A·v = (17, 39), twice, once / 3
    assert parsed.shape == ("vector", 2)
    monkeypatch.undo()
    matrix, vector = r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", r"\begin{pmatrix} 5 \\ 6 \end{pmatrix}"
    assert parsed.latex == rf"\frac{{1}}{{3}} \cdot {matrix} \cdot {vector} + {matrix} \cdot {vector}"
    assert parsed.latex is parsed.latex  # computed once


def test_answer_latex_is_ready() -> None:
    assert parse("x^1/2", ["x"]).latex == r"\frac{x^{1}}{2}"


def test_remembered_readings_keep_names_apart() -> None:
    # True == 1 and hash(True) == hash(1): the reading of `a` must still follow the type
    assert parse("a", mode="template", names={"a": sp.Integer(1)}).value == 1
    assert parse("a", mode="template", names={"a": True}).value is True
    assert parse("a", mode="template", names={"a": 1}).value == sp.Integer(1)
    # equal-looking values of different kinds stay different
    assert parse("a/3", mode="template", names={"a": sp.Rational(1, 2)}).value == sp.Rational(1, 6)
    assert isinstance(parse("a/3", mode="template", names={"a": sp.Float(0.5)}).value, sp.Float)
    assert parse("a + 1", mode="template", names={"a": Fraction(1, 2)}).value == sp.Rational(3, 2)


def test_unhashable_names_and_repeated_errors() -> None:
    assert parse("dot(v, v)", mode="template", names={"v": [1, 2]}).value == 5
    for _ in range(2):  # an error is raised every time, not remembered as a value
        with pytest.raises(ParseError):
            parse("a +", mode="template", names={"a": sp.Integer(2)})


def test_template_variables_are_part_of_the_reading() -> None:
    assert parse("xy", ["x", "y"], mode="template").value == symbol("x") * symbol("y")
    assert parse("xy", ["xy"], mode="template").value == symbol("xy")
