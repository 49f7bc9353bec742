"""Anticipated mistakes whose shape differs from the expected answer's (a vector where a number is asked)."""
from __future__ import annotations

import sympy as sp

from solver import MISTAKES, check

AS_VECTOR = [{"name": "inner-product-as-vector", "expr": "(3, 8)"}]


def test_vector_answer_matching_the_mistake_is_incorrect_with_its_message() -> None:
    verdict = check("number", "11", "(3, 8)", mistakes=AS_VECTOR)
    assert verdict.status == "incorrect"
    assert verdict.score == 0.0
    assert verdict.message == MISTAKES["inner-product-as-vector"]["en"]
    assert verdict.details["mistake"] == {"name": "inner-product-as-vector",
                                          "message": MISTAKES["inner-product-as-vector"]["en"]}
    assert verdict.interpreted is not None


def test_mistake_message_in_chinese_and_other_vector_spellings() -> None:
    for answer in ("[3, 8]", "3, 8", "[[3, 8]]", "(6/2, 8.0)"):
        verdict = check("number", "11", answer, mistakes=AS_VECTOR, lang="zh")
        assert verdict.status == "incorrect", answer
        assert verdict.message == MISTAKES["inner-product-as-vector"]["zh"]


def test_mistake_given_as_a_sympy_matrix() -> None:
    mistakes = [{"name": "inner-product-as-vector", "expr": sp.ImmutableMatrix([3, 8])}]
    assert check("number", 11, "(3, 8)", mistakes=mistakes).details["mistake"]["name"] == "inner-product-as-vector"


def test_a_vector_that_is_not_the_mistake_stays_invalid() -> None:
    for answer in ("(3, 9)", "(8, 3)", "(3, 8, 0)"):
        verdict = check("number", "11", answer, mistakes=AS_VECTOR)
        assert verdict.status == "invalid", answer
        assert "mistake" not in verdict.details


def test_a_mistake_of_another_shape_than_the_answer_never_matches() -> None:
    # the answer is a set, the mistake a vector: still "expected a number"
    assert check("number", "11", "{3, 8}", mistakes=AS_VECTOR).status == "invalid"
    # a scalar mistake cannot make a vector answer incorrect
    assert check("number", "11", "(3, 8)", mistakes=[{"expr": "3", "message": "m"}]).status == "invalid"


def test_expression_kind_and_matrix_kind() -> None:
    gradient = [{"expr": "(2x, 2y)", "message": {"en": "That is the gradient, not the sum.", "zh": "这是梯度。"}}]
    verdict = check("expression", "2x + 2y", "(2x, 2y)", vars=["x", "y"], mistakes=gradient)
    assert verdict.status == "incorrect" and verdict.message == "That is the gradient, not the sum."
    outer = [{"name": "hadamard-instead-of-product", "expr": "[[1, 2], [3, 4]]"}]
    verdict = check("vector", "(5, 11)", "[[1, 2], [3, 4]]", mistakes=outer)
    assert verdict.status == "incorrect" and verdict.details["mistake"]["name"] == "hadamard-instead-of-product"
    scalar = [{"name": "inner-product-as-vector", "expr": "11"}]
    assert check("matrix", "[[1, 2], [3, 4]]", "11", mistakes=scalar).status == "incorrect"
    assert check("matrix", "[[1, 2], [3, 4]]", "12", mistakes=scalar).status == "invalid"


def test_same_shape_invalid_answers_are_not_matched() -> None:
    # a number with a variable is invalid for the number kind, whatever the mistakes say
    verdict = check("number", "11", "x", vars=["x"], mistakes=[{"expr": "x", "message": "m"}])
    assert verdict.status == "invalid"
