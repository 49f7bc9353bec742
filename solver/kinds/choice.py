"""The ``choice`` kind: options labelled A, B, C…; the expected answer is ``"B"`` or ``"A,C"``.

The answer is read as letters, ignoring case, spaces and commas/semicolons (``b``, ``A, C``, ``ac``) and a label
before them (``答：B``, ``Answer: A, C``). Letters
beyond the options, or anything else, make it ``invalid`` ("answer with option letters"). Two letters where
one is expected is ``invalid`` ("choose exactly one option"). Scoring of several choices: correct only when the
chosen set equals the expected set; otherwise score = max(0, (right picks − wrong picks) / expected picks).
"""
from __future__ import annotations

import re
import string
import unicodedata
from typing import Any, Sequence

from solver.kinds.common import Options
from solver.lexer import without_answer_label
from solver.messages import say
from solver.verdict import CORRECT, INCORRECT, INVALID, Verdict

_SEPARATORS = re.compile(r"[\s,;，、；()（）.。]+|\band\b|和|与|及", re.IGNORECASE)
"""What may stand between (and around) option letters: spaces, commas, brackets, a full stop, "and" / 和."""


def letters(text: str, count: int) -> set[str] | None:
    """The option letters in ``text`` (within the first ``count`` letters), or None if unreadable."""
    compact = _SEPARATORS.sub("", without_answer_label(unicodedata.normalize("NFKC", str(text)))).upper()
    allowed = string.ascii_uppercase[:count]
    if not compact or any(ch not in allowed for ch in compact):
        return None
    return set(compact)


def option_count(choices: Sequence[Any] | None) -> int:
    """How many options there are (26 when unknown)."""
    if choices:
        return min(len(choices), 26)
    return 26


def same(expected: str, answer: str, opts: Options) -> bool:
    """Whether the chosen letters are the expected ones."""
    n = option_count(opts.choices)
    exp, ans = letters(expected, n), letters(answer, n)
    return exp is not None and exp == ans


def judge(expected: str, answer: str, opts: Options) -> Verdict:
    """Judge a choice answer."""
    lang = opts.lang
    n = option_count(opts.choices)
    exp = letters(expected, n)
    if exp is None:
        return Verdict(INVALID, 0.0, say("bad_expected", lang, error=str(expected)[:40]))
    ans = letters(answer, n)
    last = string.ascii_uppercase[n - 1]
    if ans is None:
        return Verdict(INVALID, 0.0, say("choice_unreadable", lang, first="A", last=last))
    details: dict[str, Any] = {"chosen": sorted(ans)}
    if len(exp) == 1 and len(ans) > 1:
        return Verdict(INVALID, 0.0, say("choice_one", lang), details=details)
    if ans == exp:
        return Verdict(CORRECT, 1.0, say("correct", lang), details=details)
    right, wrong = len(ans & exp), len(ans - exp)
    score = max(0.0, (right - wrong) / len(exp)) if len(exp) > 1 else 0.0
    key = "choice_partial" if right and len(exp) > 1 else "incorrect"
    return Verdict(INCORRECT, score, say(key, lang), details=details)
