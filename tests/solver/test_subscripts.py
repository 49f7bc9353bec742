"""Subscripted names: digit subscripts join the name (w_1 = w1), letter subscripts stay visible (a_n)."""
from __future__ import annotations

import pytest

from solver import ParseError, check, parse, preview
from solver.parser import symbol


@pytest.mark.parametrize("declared", ["a_n", "a_{n}", "aₙ"])
@pytest.mark.parametrize("typed", ["a_n", "a_{n}", "aₙ"])
def test_letter_subscript_spellings_are_one_name(declared: str, typed: str) -> None:
    parsed = parse(typed, [declared])
    assert parsed.value == symbol("a_n")
    assert parsed.latex == "a_{n}"


def test_letter_subscript_symbol_shows_its_subscript() -> None:
    a_n = symbol("a_n")
    assert a_n.name == "a_n" and a_n != symbol("an")
    assert symbol("x_k").name == "x_k" and symbol("η_t").name == "eta_t"
    assert preview("2a_n + 1", vars=["a_n"]).latex == "2 a_{n} + 1"


def test_digit_subscripts_work_as_before() -> None:
    assert symbol("w_1") == symbol("w1") == symbol("w₁") and symbol("x_{12}").name == "x12"
    for typed in ("w_1", "w1", "w₁", "w_{1}"):
        assert parse(typed, ["w_1"]).value == symbol("w1")
        assert parse(typed, ["w_1"]).latex == "w_{1}"


def test_next_term_names() -> None:
    parsed = parse("a_{n+1} - 2a_n", ["a_{n+1}", "a_n"])
    assert parsed.value == symbol("a_{n+1}") - 2 * symbol("a_n")
    assert parsed.latex == "a_{n+1} - 2 a_{n}"
    assert parse("aₙ₊₁", ["a_{n+1}"]).value == symbol("a_{n+1}")
    assert symbol("a_{n+1}") != symbol("a_{n-1}")
    assert parse("a_{n-1}", ["a_{n-1}"]).latex == "a_{n-1}"


def test_letter_subscript_is_not_the_joined_name() -> None:
    with pytest.raises(ParseError) as err:
        parse("an", ["a_n"])
    assert err.value.code == "unknown_name"
    with pytest.raises(ParseError):
        parse("a_n", ["a", "n"])  # a_n is not a·n
    assert parse("an", ["a", "n", "a_n"]).value == symbol("a") * symbol("n")


def test_juxtaposition_with_subscripted_names() -> None:
    a_n, n, x_k, k = symbol("a_n"), symbol("n"), symbol("x_k"), symbol("k")
    assert parse("2na_n", ["a_n", "n"]).value == 2 * n * a_n
    assert parse("a_nn", ["a_n", "n"]).value == a_n * n
    assert parse("x_kk", ["x_k", "k"]).value == x_k * k
    assert parse("x_k^2k", ["x_k", "k"]).value == x_k ** 2 * k


def test_checker_matches_declared_letter_subscripts() -> None:
    assert check("expression", "2a_n + 1", "aₙ + a_{n} + 1", vars=["a_n"]).status == "correct"
    verdict = check("expression", "2a_n + 1", "2a_n", vars=["a_n"])
    assert verdict.status == "incorrect"
    assert verdict.details["counterexample"]["point"].keys() == {"a_n"}
    assert check("expression", "a_{n+1}/a_n", "aₙ₊₁/aₙ", vars=["a_{n+1}", "a_n"]).status == "correct"


def test_domain_keys_follow_the_declared_spelling() -> None:
    for name in ("a_n", "w_1", "η"):
        assert check("expression", f"log({name}^2)", f"2log({name})", vars=[name],
                     domain={name: (0.1, 3)}).status == "correct"
        assert check("expression", f"log({name}^2)", f"2log({name})", vars=[name]).status == "incorrect"
