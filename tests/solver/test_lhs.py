"""A left-hand side is understood when it names what is asked, and refused with a clear message otherwise."""
from __future__ import annotations

import pytest

from solver import check, preview
from solver.lhs import declared, name_of


@pytest.mark.parametrize("kind, expected, answer, variables, lhs", [
    ("expression", "3 - 2^(n-1)", "a_n = 3 - 2^(n-1)", ["n"], ()),
    ("expression", "3 - 2^(n-1)", "a_n = 3 - 2^(n-1)", ["n"], ["a_n"]),
    ("expression", "3 - 2^(n-1)", "a_{n} = 3 - 2^{n-1}", ["n"], ["a_n"]),
    ("expression", "3 - 2^(n-1)", "aₙ = 3 - 2^(n-1)", ["n"], ["a_n"]),
    ("expression", "3 - 2^(n-1)", "a(n) = 3 - 2^(n-1)", ["n"], ["a(n)"]),
    ("expression", "2*x", "f'(x) = 2x", ["x"], ()),
    ("expression", "2*x", "f'(x) = 2x", ["x"], ["f'(x)"]),
    ("expression", "2*x", "f′(x) = 2x", ["x"], ["f'(x)"]),
    ("expression", "2*x", "f' = 2x", ["x"], ["f'(x)"]),
    ("expression", "2*x", "df/dx = 2x", ["x"], ["f'(x)"]),
    ("expression", "2*x", r"\frac{df}{dx} = 2x", ["x"], ["f'(x)"]),
    ("expression", "2*x", r"\frac{d}{dx} f(x) = 2x", ["x"], ["f'(x)"]),
    ("expression", "2*x", "y' = 2x", ["x"], ["dy/dx"]),
    ("expression", "2*x*y", "∂f/∂x = 2xy", ["x", "y"], ["∂f/∂x"]),
    ("expression", "2*x*y", r"\frac{\partial f}{\partial x} = 2xy", ["x", "y"], ["∂f/∂x"]),
    ("expression", "2*w_1", r"\frac{\partial L}{\partial w_1} = 2w_1", ["w_1"], ["∂L/∂w_1"]),
    ("expression", "2*x", "y = 2x", ["x"], ()),
    ("expression", "2*x", "y = 2x", ["x"], ["y"]),
    ("expression", "2*x", "δ = 2x", ["x"], ["delta"]),
    ("expression", "2*x", r"\delta = 2x", ["x"], ["δ"]),
    ("expression", "2*x", r"\delta^{(2)} = 2x", ["x"], ["δ^(2)"]),
    ("number", "3", "L = 3", [], ["L"]),
    ("set", "{1, -1}", "x = ±1", [], ()),
    ("set", "{1, -1}", r"x = \pm 1", [], ["x"]),
    ("set", "{1, -1}", "x = 1, x = -1", [], ()),
    ("set", "{1, -1}", "x = 1 or x = -1", [], ["x"]),
    ("set", "{1, -1}", "x = 1 或 x = -1", [], ["x"]),
    ("set", "{1, -1}", "x = 1，x = -1", [], ()),
    ("set", "{1, -1}", "x = 1、x = -1", [], ()),
    ("set", "{1, -1}", "x = 1；x = -1", [], ()),
    ("set", "{1, 2}", "x₁ = 1, x₂ = 2", [], ()),
    ("set", "{1, 2}", "x₁ = 2，x₂ = 1", [], ["x"]),
    ("set", "{1, 2, 3}", "x_1 = 1, x_2 = 2, x_3 = 3", ["x"], ()),
    ("vector", "(1, 2)", "w_1 = 1, w_2 = 2", [], ()),
    ("vector", "(1, 2)", "v = (1, 2)", [], ["v"]),
    ("number", "0.5", "δ^{(2)}_1 = 0.5", [], ()),                     # a neuron's error, layer written first
    ("number", "0.5", r"\delta^{(2)}_{1} = 0.5", [], ["δ_1^{(2)}"]),
    ("number", "0.5", "δ₁⁽²⁾ = 0.5", [], ["δ_1^{(2)}"]),
    ("number", "0.5", "δ⁽²⁾₁ = 0.5", [], ()),
    ("number", "0.5", "δ_1^2 = 0.5", [], ["δ_1^{(2)}"]),              # the book's δ_j^l
    ("number", "0.5", "δ₁² = 0.5", [], ()),
    ("number", "0.5", "w^{(2)}_{11} = 0.5", [], ["w_{11}^{[2]}"]),
    ("vector", "(2, 4)", "∇f = (2, 4)", [], ()),                        # the gradient
    ("vector", "(2, 4)", r"\nabla f = (2, 4)", [], ["∇f"]),
    ("vector", "(2, 4)", r"\nabla_{w} L = (2, 4)", [], ()),
    ("number", "0.5", "P(A|B) = 0.5", [], ["P(A|B)"]),                 # probability
    ("number", "0.5", r"P(A \mid B) = 0.5", [], ["P(A|B)"]),
    ("number", "0.5", "P(X=1) = 0.5", [], ()),
    ("number", "2.5", "E[X] = 2.5", [], ["E(X)"]),
    ("number", "0.5", r"\dfrac{\partial C}{\partial b^{(2)}_{2}} = 0.5", [], ()),   # as the network view labels it
    ("number", "0.5", "∂C/∂b_2^{(2)} = 0.5", [], [r"\frac{\partial C}{\partial b^{(2)}_{2}}"]),
    ("number", "0.5", "∂C/∂w₁₁⁽²⁾ = 0.5", [], ["∂C/∂w^{[2]}_{11}"]),
    ("number", "0.5", "∂C/∂w_{11}^2 = 0.5", [], ["∂C/∂w^{(2)}_{11}"]),
    ("matrix", "[[1,3],[2,4]]", r"A^T = \begin{pmatrix} 1 & 3 \\ 2 & 4 \end{pmatrix}", [], ()),
])
def test_left_sides_that_name_what_is_asked_are_accepted(kind, expected, answer, variables, lhs):
    verdict = check(kind, expected, answer, vars=variables, lhs=lhs)
    assert verdict.status == "correct", verdict.message
    assert " = " in verdict.interpreted


def test_a_wrong_right_side_is_still_wrong():
    verdict = check("expression", "3 - 2^(n-1)", "a_n = 3 - 2^n", vars=["n"], lhs=["a_n"])
    assert verdict.status == "incorrect"


@pytest.mark.parametrize("answer, variables, lhs, code, words", [
    ("b_n = 3 - 2^(n-1)", ["n"], ["a_n"], "lhs_mismatch", ["b_n", "a_n"]),
    ("a_{n+1} = 3 - 2^(n-1)", ["n"], ["a_n"], "lhs_mismatch", ["a_{n+1}"]),
    ("g'(x) = 2x", ["x"], ["f'(x)"], "lhs_mismatch", ["g'(x)", "f'(x)"]),
    ("∂f/∂y = 2x", ["x", "y"], ["∂f/∂x"], "lhs_mismatch", ["∂f/∂y"]),
    ("f(x) = 2x", ["x"], ["f'(x)"], "lhs_mismatch", ["f(x)"]),
    ("x = 2x", ["x"], (), "lhs_is_variable", ["type only the expression"]),
    ("2y = 2x", ["x"], (), "lhs_not_a_name", ["right-hand side"]),
    ("y + 1 = 2x", ["x"], (), "lhs_not_a_name", ["y = 2x"]),
    ("a = b = 2x", ["x"], (), "lhs_twice", ["second ="]),
    ("x = 1, y = -1", [], (), "lhs_twice", ["second ="]),
    ("x₂ = 1, x₁ = -1", [], (), "lhs_twice", ["second ="]),
    ("x₁ = 1, y₂ = -1", [], (), "lhs_twice", ["second ="]),
    ("x₁ = 1, x₃ = -1", [], (), "lhs_twice", ["second ="]),
    ("δ_2^{(2)} = 2x", ["x"], ["δ_1^{(2)}"], "lhs_mismatch", ["δ_2^{(2)}"]),
    ("δ_1^{(3)} = 2x", ["x"], ["δ^{(2)}_1"], "lhs_mismatch", ["δ_1^{(3)}"]),
    ("P(B|A) = 2x", ["x"], ["P(A|B)"], "lhs_mismatch", ["P(B|A)"]),
    ("P(A, B) = 2x", ["x"], ["P(A|B)"], "lhs_mismatch", ["P(A, B)"]),
    ("∇g = 2x", ["x"], ["∇f"], "lhs_mismatch", ["∇g"]),
    ("f = 2x", ["x"], ["∇f"], "lhs_mismatch", ["f"]),
    ("x^2 = 2x", ["x"], (), "lhs_not_a_name", ["y = 2x"]),
    ("∂C/∂w_{12}^{(2)} = 2x", ["x"], ["∂C/∂w^{(2)}_{11}"], "lhs_mismatch", ["∂C/∂w_{12}^{(2)}"]),
    ("∂C/∂w_{11}^{(3)} = 2x", ["x"], ["∂C/∂w^{(2)}_{11}"], "lhs_mismatch", ["∂C/∂w_{11}^{(3)}"]),
    ("∂f/∂x² = 2x", ["x"], (), "lhs_not_a_name", ["y = 2x"]),
])
def test_left_sides_that_name_something_else_are_refused(answer, variables, lhs, code, words):
    verdict = check("expression", "2*x", answer, vars=variables, lhs=lhs)
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == code
    for word in words:
        assert word in verdict.message, verdict.message
    zh = check("expression", "2*x", answer, vars=variables, lhs=lhs, lang="zh").message
    assert zh != verdict.message and ("例如" in zh)


def test_default_accepts_a_declared_variable_the_right_side_does_not_use():
    assert check("expression", "2*y", "x = 2y", vars=["x", "y"]).status == "correct"


def test_column_points_at_the_equals_sign():
    verdict = check("expression", "2*x", "2y = 2x", vars=["x"])
    assert verdict.details["error"]["column"] == 4
    verdict = check("expression", "2*x", "y = 2q", vars=["x"])
    assert verdict.details["error"] == {"code": "unknown_name", "column": 6}


def test_comparisons_are_not_left_sides():
    assert check("expression", "x", "x <= 1", vars=["x"]).status == "invalid"


def test_preview_shows_the_left_side():
    assert preview("a_n = 3 - 2^{n-1}", vars=["n"]).latex == "a_{n} = 3 - 2^{n - 1}"
    assert preview(r"\frac{\partial f}{\partial x} = 2x", vars=["x"]).latex == r"\frac{\partial f}{\partial x} = 2 x"
    assert preview("f'(x) = 2x", vars=["x"]).latex == r"f'\left(x\right) = 2 x"
    shown = preview("b_n = 1", vars=["n"], lhs=["a_n"])
    assert not shown.ok and "a_n" in shown.message


@pytest.mark.parametrize("one, two", [
    ("f'(x)", "df/dx"), ("f'(x)", r"\frac{\partial f}{\partial x}"), ("a_n", "a_{n}"), ("a_n", "aₙ"), ("delta", "δ"),
    ("f(x)", "f"), ("w_1", "w1"), ("∂L/∂w_1", "dL/dw_{1}"), ("y'", "dy/dx"),
])
def test_declared_names_match_their_spellings(one, two):
    assert declared(one).matches(declared(two))


@pytest.mark.parametrize("text", ["2x", "x+1", "", "f(", "∂/∂x", "1"])
def test_what_is_not_a_name(text):
    assert name_of(text) is None
    with pytest.raises(ValueError):
        declared(text)


def test_numbered_roots_show_each_name_as_typed():
    verdict = check("set", "{1, 2}", "x₁ = 1, x₂ = 2", vars=["x"])
    assert verdict.status == "correct" and verdict.interpreted == "x_{1} = 1, x_{2} = 2"


@pytest.mark.parametrize("answer", [
    "a_n = 2n + 1 (n ≥ 1)", "a_n = 2n + 1, n ≥ 1", "a_n = 2n + 1 （n∈N*）", "a_n=2n+1,n∈N^*", "a_n = 2n+1 (n ⩾ 1)",
    r"a_n = 2n+1 \ (n \in \mathbb{N}^*)", r"a_n = 2n+1 (n \geqslant 1)", "2n+1 (n≥1)", "2n+1, n>0"])
def test_a_condition_on_the_index_at_the_end_is_read_as_the_textbook_writes_it(answer):
    verdict = check("expression", "2*n + 1", answer, vars=["n"], lhs=["a_n"] if answer.startswith("a") else ())
    assert verdict.status == "correct", verdict.message


def test_the_formula_before_a_condition_is_still_judged():
    assert check("expression", "2*n + 1", "a_n = 2n - 1 (n ≥ 1)", vars=["n"], lhs=["a_n"]).status == "incorrect"


@pytest.mark.parametrize(("answer", "code"), [("2n+1 (m≥1)", "unknown_name"), ("2n+1, n ≥ k", "unknown_name"),
                                              ("2n+1 (n≥1", "unmatched_open")])
def test_a_condition_on_anything_else_is_not_dropped(answer, code):
    verdict = check("expression", "2*n + 1", answer, vars=["n"])
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == code


def test_a_left_side_longer_than_any_name_is_not_read_as_one():
    """The name patterns backtrack over a long run of letters (∇_aaaa…: which part is the variable? ~0.4 s for
    2,000 characters): a left side longer than `MAX_NAME_LENGTH` is refused before they run."""
    from solver.lhs import MAX_NAME_LENGTH, name_of

    assert name_of("a" * MAX_NAME_LENGTH) is not None
    assert name_of("a" * (MAX_NAME_LENGTH + 1)) is None
    verdict = check("number", "1", "∇_" + "a" * 1900 + " = 1")
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == "lhs_not_a_name"
