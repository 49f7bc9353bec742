"""Every field is cleaned and capped before it is queued (store.clean)."""
from __future__ import annotations

import math
import tracemalloc

import pytest

from store import Attempt
from store.clean import (MAX_ANSWER_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS, TRUNCATED, clean_attempt, clean_id,
                         clean_text)


def attempt(**changes) -> Attempt:
    values = dict(profile="ann", template_id="sig-1", topic="functions", seed=3, part="", answer="2x",
                  status="correct", score=1.0)
    values.update(changes)
    return Attempt(**values)


def test_control_characters_and_lone_surrogates_are_removed():
    got = clean_attempt(attempt(answer="2\x00x\x1b[31m\ud800 + 1\x7f", profile="a\x00nn", part="b\n",
                                mistake="slip\x00\tnote"))
    assert got.answer == "2x[31m + 1" and got.profile == "ann" and got.part == "b"
    assert got.mistake == "slip\tnote"                      # tab and newline are kept in free text
    got.answer.encode("utf-8")                              # encodable: no surrogate left


def test_ordinary_text_is_unchanged():
    plain = attempt(answer="σ(x)(1−σ(x)) · √2 中文\nnext", mistake="wrong-sign", quiz_id="quiz-1", question=2)
    assert clean_attempt(plain) == plain


def test_long_answer_is_cut_and_marked():
    got = clean_attempt(attempt(answer="1+" * 5000))
    assert len(got.answer) == MAX_ANSWER_CHARS and got.answer.endswith(TRUNCATED)
    assert got.answer.startswith("1+1+")
    exact = "y" * MAX_ANSWER_CHARS
    assert clean_attempt(attempt(answer=exact)).answer == exact     # exactly at the cap: untouched


def test_long_ids_fit_their_columns_and_stay_distinct():
    a = clean_id("t" * 300 + "a")
    b = clean_id("t" * 300 + "b")
    assert len(a) <= MAX_ID_CHARS and len(b) <= MAX_ID_CHARS and a != b
    got = clean_attempt(attempt(template_id="u" * 500, topic="v" * 100, part="w" * 100, quiz_id="q" * 999))
    assert len(got.template_id) <= MAX_ID_CHARS and len(got.quiz_id) <= MAX_ID_CHARS
    assert len(got.topic) <= MAX_NAME_CHARS and len(got.part) <= MAX_NAME_CHARS


@pytest.mark.parametrize("field, bad, good", [
    ("score", math.nan, 0.0), ("score", 7.5, 1.0), ("score", -1.0, 0.0), ("seconds", math.inf, None),
    ("seconds", -3.0, 0.0), ("seed", 2 ** 80, 2 ** 63 - 1), ("hints_used", -2, 0), ("question", 2 ** 40, 2 ** 31 - 1),
    ("status", "maybe", "invalid"), ("mistake", "", None),
])
def test_numbers_and_statuses_are_brought_into_range(field, bad, good):
    assert getattr(clean_attempt(attempt(**{field: bad})), field) == good


def test_a_huge_answer_is_never_copied_whole():
    huge = "x" * (20 * 1024 * 1024)
    tracemalloc.start()
    got = clean_attempt(attempt(answer=huge))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(got.answer) == MAX_ANSWER_CHARS and peak < 1024 * 1024


def test_clean_text_of_only_control_characters():
    assert clean_text("\x00" * 10_000, 100) == TRUNCATED
    assert clean_text(None, 10) == ""
