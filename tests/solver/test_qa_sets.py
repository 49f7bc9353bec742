"""QA defects of the set kind: bounded size, one-to-one matching, readable messages."""
from __future__ import annotations

from solver import check
from solver.kinds.sets import MAX_ELEMENTS


def _set(items: list[str]) -> str:
    return "{" + ", ".join(items) + "}"


def test_too_many_elements_is_invalid_with_a_message() -> None:
    answer = _set([str(i) for i in range(MAX_ELEMENTS + 1)])
    verdict = check("set", "{1}", answer)
    assert verdict.status == "invalid"
    assert str(MAX_ELEMENTS) in verdict.message
    assert "100" in check("set", "{1}", answer, lang="zh").message


def test_hundred_numbers_in_any_order_still_match() -> None:
    expected = _set([f"{i}/7" for i in range(MAX_ELEMENTS)])
    answer = _set([f"{i / 7:.4f}" for i in reversed(range(MAX_ELEMENTS))])
    assert check("set", expected, answer).status == "correct"


def test_many_expressions_are_judged_within_the_budget_and_right() -> None:
    answer = _set([f"sin(x)^2+cos(x)^2+{i}" for i in range(60)])
    verdict = check("set", "{1}", answer, vars=["x"])
    assert verdict.status in ("incorrect", "invalid")
    if verdict.status == "incorrect":
        assert verdict.details["missing"] == 0 and len(verdict.details["extra"]) == 59


def test_one_answer_element_cannot_stand_for_two_expected_ones() -> None:
    verdict = check("set", "{1, 1.0005}", "{1}")
    assert verdict.status == "incorrect"
    assert verdict.details["missing"] == 1
    assert verdict.score == 0.5
    assert check("set", "{1, 1.0005}", "{1.0005, 1}").status == "correct"


def test_tolerance_still_pairs_each_decimal_with_its_element() -> None:
    assert check("set", "{0.5, 1/3}", "{0.333, 0.5}").status == "correct"
    assert check("set", "{x, 2x}", "{x+x, x}", vars=["x"]).status == "correct"


def test_messages_are_readable_counted_and_capped() -> None:
    verdict = check("set", "{sin(x)^2, 2x}", "{sin(x)^2+cos(x)^2+5, 3x, 4x, 5x, 6x, 7x, 8x, sin(x)^2}",
                    vars=["x"])
    assert "**" not in verdict.message and "*" not in verdict.message
    assert "sin(x)² + cos(x)² + 5" in verdict.details["extra"]
    assert "3x" in verdict.message
    assert "and 2 more" in verdict.message
    assert "1 expected element is missing" in verdict.message
    two = check("set", "{1, 2, 3}", "{1, 7}")
    assert "2 expected elements are missing" in two.message and "7 does not belong" in two.message


def test_chinese_set_message_uses_chinese_punctuation() -> None:
    verdict = check("set", "{1, 2, 3}", "{1, 7, 8}", lang="zh")
    assert "；" in verdict.message and "7、8" in verdict.message
    assert "; " not in verdict.message and ", " not in verdict.message


def test_the_solutions_may_be_joined_by_or_as_spoken() -> None:
    for answer in ("1 or -1", "-1 或 1", "x = 1 or x = -1", "(1 or -1)"):
        assert check("set", "{1, -1}", answer, vars=["x"]).status == "correct", answer
    assert check("set", "{1, -1}", "1 or 2").status == "incorrect"
    lone = check("set", "{1, -1}", "or 1")
    assert lone.status == "invalid" and "unexpected 'or' at column 1" in lone.message
    assert check("set", "{1, -1}", "color").details["error"]["code"] == "unknown_name"   # a word, not a separator
    assert check("expression", "o*r", "or", vars=["o", "r"]).status == "correct"   # declared names multiply
