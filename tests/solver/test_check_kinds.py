"""Number, vector, matrix, set and choice kinds: behaviours and messages."""
from __future__ import annotations

import pytest

from solver import check


# --- number --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("expected, answer", [
    ("sqrt(2)/2", "1/sqrt(2)"), ("sqrt(2)/2", "0.7071"), ("1/3", "0.333"), ("18/5", "3.6"),
    ("e^2", "exp(2)"), ("e^2", "7.389"), ("0.5", "50%"), ("1/4", "0.25"), ("10^-4", "1e-4"),
])
def test_numbers_accepted(expected: str, answer: str) -> None:
    assert check("number", expected, answer).status == "correct"


@pytest.mark.parametrize("expected, answer", [
    ("sqrt(2)/2", "0.7"), ("1/3", "0.33"), ("18/5", "3.61"), ("1/3", "1/4"), ("e^2", "7.3"),
    ("sqrt(2)", "1.41"), ("pi", "22/7"), ("2", "-2"), ("0", "0.001"), ("1e-4", "1e-3"),
])
def test_numbers_rejected(expected: str, answer: str) -> None:
    assert check("number", expected, answer).status == "incorrect"


def test_exact_expected_and_exact_answer_compare_exactly() -> None:
    assert check("number", "1/3", "333/1000").status == "incorrect"


def test_explicit_tolerances() -> None:
    assert check("number", "10", "10.4", rtol=0.05).status == "correct"
    assert check("number", "10", "10.6", rtol=0.05).status == "incorrect"
    assert check("number", "0", "0.01", atol=0.02).status == "correct"
    assert check("number", "0", "0.03", atol=0.02).status == "incorrect"


def test_close_message() -> None:
    verdict = check("number", "1/3", "0.335")
    assert verdict.status == "incorrect"
    assert verdict.message.startswith("Close")
    assert check("number", "1/3", "0.335", lang="zh").message.startswith("很接近")


def test_sigfigs() -> None:
    assert check("number", "1/3", "0.333", sigfigs=3).status == "correct"
    half = check("number", "1/3", "0.33333", sigfigs=3)
    assert (half.status, half.score, half.details["sigfigs"]) == ("incorrect", 0.5, 3)
    assert "3 significant" in half.message
    assert check("number", "1/3", "0.334", sigfigs=3).status == "incorrect"


def test_number_with_variable_is_invalid() -> None:
    verdict = check("number", "2", "2x", vars=["x"])
    assert verdict.status == "invalid" and "x" in verdict.message


def test_number_wrong_sign_mistake() -> None:
    verdict = check("number", "3", "-3")
    assert verdict.details["mistake"]["name"] == "wrong-sign"


# --- vector ---------------------------------------------------------------------------------------------

BOOK_Y = "(3.6, 6.8, -3.5)"


@pytest.mark.parametrize("answer", ["(3.6, 6.8, -3.5)", "[3.6, 6.8, -3.5]", "3.6, 6.8, -3.5", "[[3.6, 6.8, -3.5]]",
                                    "(18/5, 34/5, -7/2)"])
def test_vector_forms_accepted(answer: str) -> None:
    assert check("vector", BOOK_Y, answer).status == "correct"


def test_vector_length() -> None:
    verdict = check("vector", BOOK_Y, "(3.6, 6.8)")
    assert verdict.status == "incorrect"
    assert verdict.message == "Not quite: expected 3 components, got 2."
    assert check("vector", BOOK_Y, "(3.6, 6.8)", lang="zh").message == "还不对：应有 3 个分量，你给了 2 个。"


def test_vector_wrong_entries_and_partial_score() -> None:
    verdict = check("vector", BOOK_Y, "(3.6, 6.9, 3.5)")
    assert verdict.status == "incorrect"
    assert verdict.details["wrong_entries"] == [[2], [3]]
    assert verdict.score == pytest.approx(1 / 3)
    assert "2, 3" in verdict.message


def test_vector_of_expressions() -> None:
    assert check("vector", "(2*x, 2*y)", "(x+x, 2y)", vars=["x", "y"]).status == "correct"
    verdict = check("vector", "(2*x, 2*y)", "(2x, y)", vars=["x", "y"])
    assert verdict.details["wrong_entries"] == [[2]]


def test_scalar_for_vector_is_invalid() -> None:
    assert check("vector", BOOK_Y, "{1, 2, 3}").status == "invalid"
    assert "vector" in check("vector", BOOK_Y, "[[1, 2], [3, 4]]").message


def test_negated_vector_is_wrong_sign() -> None:
    verdict = check("vector", "(1, 2)", "(-1, -2)")
    assert verdict.details["mistake"]["name"] == "wrong-sign"


# --- matrix ---------------------------------------------------------------------------------------------

HADAMARD = "[[4,56],[1,24]]"


def test_book_hadamard_matrix() -> None:
    assert check("matrix", HADAMARD, "[[4, 56], [1, 24]]").status == "correct"


def test_transposed_matrix_is_recognised() -> None:
    verdict = check("matrix", HADAMARD, "[[4, 1], [56, 24]]")
    assert verdict.status == "incorrect"
    assert verdict.details["transposed"] is True
    assert "transpose" in verdict.message
    rect = check("matrix", "[[1,2,3],[4,5,6]]", "[[1,4],[2,5],[3,6]]", lang="zh")
    assert rect.details["transposed"] is True and "转置" in rect.message


def test_symmetric_matrix_is_not_called_transposed() -> None:
    verdict = check("matrix", "[[1,2],[2,1]]", "[[1,2],[2,5]]")
    assert "transposed" not in verdict.details
    assert verdict.details["wrong_entries"] == [[2, 2]]


def test_matrix_shape_message() -> None:
    verdict = check("matrix", HADAMARD, "[[4, 56, 0], [1, 24, 0]]")
    assert verdict.message == "Not quite: expected a 2×2 matrix, got 2×3."
    assert verdict.details["shape"] == {"expected": [2, 2], "got": [2, 3]}


def test_matrix_wrong_entries() -> None:
    verdict = check("matrix", HADAMARD, "[[4, 56], [1, 25]]")
    assert verdict.details["wrong_entries"] == [[2, 2]]
    assert verdict.score == 0.75
    assert "row 2, column 2" in verdict.message  # one wrong entry: diagnosed and named
    several = check("matrix", HADAMARD, "[[4, 50], [1, 25]]")
    assert several.details["wrong_entries"] == [[1, 2], [2, 2]] and "(1, 2), (2, 2)" in several.message


def test_matrix_product_mistake_by_name() -> None:
    mistakes = [{"name": "product-instead-of-hadamard", "expr": "[[2,7],[1,8]]*[[2,8],[1,3]]"}]
    verdict = check("matrix", HADAMARD, "[[11, 37], [10, 32]]", mistakes=mistakes)
    assert verdict.details["mistake"]["name"] == "product-instead-of-hadamard"


def test_scalar_for_matrix_is_invalid() -> None:
    assert check("matrix", HADAMARD, "4").status == "invalid"


# --- set ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", ["±2", "{2, -2}", "{-2, 2, 2}", "2, -2", "{sqrt(4), -2}"])
def test_sets_accepted(answer: str) -> None:
    assert check("set", "{2, -2}", answer).status == "correct"


def test_set_missing_and_extra() -> None:
    verdict = check("set", "{2, -2}", "{2, 3}")
    assert verdict.status == "incorrect"
    assert verdict.details["missing"] == 1 and verdict.details["extra"] == ["3"]
    assert "missing" in verdict.message and "3" in verdict.message
    assert verdict.score == 0.5


def test_set_of_expressions() -> None:
    assert check("set", "{x, -x}", "±x", vars=["x"]).status == "correct"


# --- choice ---------------------------------------------------------------------------------------------

CHOICES = ["one", "two", "three", "four"]


@pytest.mark.parametrize("answer", ["A,C", "a c", "CA", " c , a ", "(A)(C)", "A and C", "A 和 C", "Ａ，Ｃ", "ａ、ｃ",
                                    "A, C."])
def test_choice_letters(answer: str) -> None:
    assert check("choice", "A,C", answer, choices=CHOICES).status == "correct"


def test_choice_wrong_and_partial() -> None:
    assert check("choice", "B", "A", choices=CHOICES).status == "incorrect"
    partial = check("choice", "A,C", "A", choices=CHOICES)
    assert partial.status == "incorrect" and partial.score == 0.5
    assert check("choice", "A,C", "A,B", choices=CHOICES).score == 0.0


def test_choice_unreadable_is_invalid() -> None:
    assert check("choice", "B", "band", choices=CHOICES).status == "invalid"   # not "and" around a B
    verdict = check("choice", "B", "E", choices=CHOICES)
    assert verdict.status == "invalid" and "A–D" in verdict.message
    assert check("choice", "B", "A,B", choices=CHOICES).status == "invalid"
    assert check("choice", "B", "", choices=CHOICES).status == "invalid"


def test_blank_variable_names_are_ignored() -> None:
    # "".split(",") gives [""]: a caller passing that must not have every answer refused.
    assert check("number", "18/5", "3.6", vars=[""]).status == "correct"
    assert check("vector", "(1, 2)", "1, 2", vars=["", " "]).status == "correct"
