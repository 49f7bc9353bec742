"""Placeholders → clean LaTeX / solver syntax, automatic brackets, and artefact detection."""
from __future__ import annotations

import pytest
import sympy as sp

from exercises.render import RenderError, answer_latex, answer_text, approximation, artefacts, fill, latex_of, significant, text_of
from solver.functions import sigmoid

x = sp.Symbol("x")


@pytest.mark.parametrize("value, latex", [
    (sp.Integer(-3), "-3"),
    (sp.Rational(1, 3), "\\frac{1}{3}"),
    (sp.Rational(-2, 7), "-\\frac{2}{7}"),
    (sp.Rational(1, 4), "0.25"),
    (sp.Rational(-7, 2), "-3.5"),
    (3 * x - 2, "3 x - 2"),
    (sp.Float(1.0) * x, "x"),
    (sp.ImmutableMatrix([2, -1]), "\\left(2, -1\\right)"),
    (sp.ImmutableMatrix([[1, 2], [3, 4]]), "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}"),
    (sp.sqrt(2) / 2, "\\frac{\\sqrt{2}}{2}"),
])
def test_latex_of(value, latex: str) -> None:
    assert latex_of(value) == latex


def test_formats() -> None:
    assert latex_of(sp.Rational(1, 4), "frac") == "\\frac{1}{4}"
    assert latex_of(1 / (1 + sp.exp(-2)), "d4") == "0.8808"
    assert latex_of(sp.Rational(-1, 200000), "d3") == "0.000"
    assert latex_of(sp.Rational(5, 2), "d0") == "3"
    assert latex_of(sp.ImmutableMatrix([1, 2]), "col") == "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}"
    with pytest.raises(RenderError):
        latex_of(x, "d2")


@pytest.mark.parametrize("value, text", [
    (3 * x**2 - 2, "3*x^2 - 2"),
    (sp.Rational(-1, 3), "-1/3"),
    (sp.E * x, "e*x"),
    (sp.Abs(x), "abs(x)"),
    (sp.ImmutableMatrix([1, sp.Rational(1, 2)]), "(1, 1/2)"),
    (sp.ImmutableMatrix([[1, 2], [3, 4]]), "[[1, 2], [3, 4]]"),
    (sp.FiniteSet(2, -2), "{-2, 2}"),
])
def test_text_of_is_solver_syntax(value, text: str) -> None:
    assert text_of(value) == text


def test_fill_brackets_negative_values_after_operators() -> None:
    values = {"a": sp.Integer(2), "b": sp.Integer(-1), "s": x + 1, "q": sp.Rational(1, 3), "n": sp.Integer(-2)}
    assert fill("${{a}}\\cdot{{b}}$", values) == "$2\\cdot\\left(-1\\right)$"
    assert fill("${{a}} + {{b}}$", values) == "$2 + \\left(-1\\right)$"
    assert fill("${{b}} + {{a}}$", values) == "$-1 + 2$"
    assert fill("$2 \\cdot {{s}}$", values) == "$2 \\cdot \\left(x + 1\\right)$"
    assert fill("${{b}}^2$", values) == "$\\left(-1\\right)^2$"
    assert fill("$x^{{n}}$", values) == "$x^{-2}$"
    assert fill("$e^{{{n}}}$", values) == "$e^{-2}$"
    assert fill("{{a}}*{{b}}", values, latex=False) == "2*(-1)"
    assert fill("1/{{q}}", values, latex=False) == "1/(1/3)"
    assert fill("{{s:text}}", values) == "x + 1"


def test_fill_rejects_unknown_names_and_formats() -> None:
    with pytest.raises(RenderError, match="names no param"):
        fill("{{zz}}", {})
    with pytest.raises(RenderError, match="unknown format"):
        fill("{{a:bold}}", {"a": sp.Integer(1)})


@pytest.mark.parametrize("text, found", [
    ("$3*x$", "'*' in maths"),
    ("$2 + -3$", "'+ -'"),
    ("$x - -3$", "'- -'"),
    ("$1.0 x$", "a float such as '1.0'"),
    ("$1x + 2$", "a coefficient 1 such as '1x'"),
    ("value None here", "'None'"),
    ("$ {{a}} $", "an unfilled '{{'"),
    ("$\\tilde{\\infty}$", "an undefined value"),
])
def test_artefacts_detected(text: str, found: str) -> None:
    assert any(found in a for a in artefacts(text)), artefacts(text)


def test_clean_text_has_no_artefacts() -> None:
    clean = ("**Bold** markdown, $3 x - 2$, $\\frac{1}{3}$, $x_1 x_2$, $10.5$, $2\\cdot\\left(-1\\right)$, "
             "$\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}$")
    assert artefacts(clean) == []


# -- answer keys for people: exact when short, always the decimals of an irrational number --------------------

NESTED = (1 - sigmoid(-sigmoid(2))) * sigmoid(-sigmoid(2)) ** 2  # δ of the sigmoid backprop flagship


@pytest.mark.parametrize("value, latex", [
    (sigmoid(sp.Rational(1, 2)), "\\sigma\\left(\\frac{1}{2}\\right) \\approx 0.6225"),
    (-sp.sqrt(2), "- \\sqrt{2} \\approx -1.414"),
    (NESTED, "\\approx 0.06070"),
    (sp.ImmutableMatrix([sigmoid(2), sp.Rational(1, 3)]),
     "\\left(\\sigma\\left(2\\right), \\frac{1}{3}\\right) \\approx \\left(0.8808, 0.3333\\right)"),
    (sp.ImmutableMatrix([[NESTED, 1], [2 * NESTED, sp.Rational(1, 4)]]),
     "\\approx \\begin{pmatrix} 0.06070 & 1 \\\\ 0.1214 & 0.25 \\end{pmatrix}"),
    (sp.Rational(1, 3), "\\frac{1}{3}"),                        # rational: exact only
    (sp.ImmutableMatrix([1, sp.Rational(1, 2)]), "\\left(1, 0.5\\right)"),
    (x + sp.sqrt(2), "x + \\sqrt{2}"),                            # symbolic: exact only
    (sp.I * sp.sqrt(2), "\\sqrt{2} i"),                           # not real: exact only
])
def test_answer_latex(value, latex: str) -> None:
    assert answer_latex(value) == latex


@pytest.mark.parametrize("value, text", [
    (sp.Rational(693147, 1000000), "0.693147"),                   # the app's decimal, not 693147/1000000
    (sp.Rational(-7, 2), "-3.5"),
    (sp.Rational(1, 3), "1/3"),                                   # a fraction that never ends stays one
    (sp.Rational(1, 10**7), "1/10000000"),                        # so does one past MAX_DECIMALS, as in the app
    (sp.ImmutableMatrix([sp.Rational(4, 125), sp.Rational(-63, 1000)]), "(0.032, -0.063)"),
    (sp.ImmutableMatrix([[sp.Rational(1, 2), 2], [sp.Rational(1, 3), 0]]), "[[0.5, 2], [1/3, 0]]"),
    (sp.FiniteSet(sp.Rational(1, 4), -1), "{-1, 0.25}"),
    (sigmoid(2), "sigma(2) ≈ 0.8808"),
    (NESTED, "≈ 0.06070"),
    (3 * x - sp.Rational(1, 2), "3*x - 1/2"),                     # inside an expression: solver syntax
])
def test_answer_text_writes_numbers_as_the_app_shows_them(value, text: str) -> None:
    assert answer_text(value) == text


@pytest.mark.parametrize("value, text", [
    (sp.exp(-1), "0.3679"), (-sp.sqrt(2) * 1000, "-1414"), (sp.sqrt(2) * 10**5, "141421"),
    (sp.exp(-20), "0.000000002061"), (sp.Rational(1, 3), "0.3333"), (sp.Rational(-7, 2), "-3.5"),
    (sp.Integer(12), "12"),
])
def test_significant_figures_never_use_exponents(value, text: str) -> None:
    assert significant(value) == text


def test_approximation_is_none_for_exact_keys() -> None:
    assert approximation(sp.Rational(2, 3)) is None and approximation(x ** 2) is None
    assert approximation(sp.ImmutableMatrix([1, 2])) is None
    assert approximation(sp.ImmutableMatrix([1, sp.E])) == "(1, 2.718)"
