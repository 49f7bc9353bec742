"""The ``set`` kind: unordered, duplicates ignored, ``±a`` means {a, −a}.

The answer may be a set ``{1, -1}``, a list ``1, -1`` / ``(1, -1)``, ``±1``, or a single value. Elements are
matched by the scalar comparison of ``solver.kinds.common``. A wrong answer says how many expected elements
are missing and shows the learner's elements that do not belong (``details["missing"]`` is the count,
``details["extra"]`` the learner's extra elements as text). Score: matched / max(|expected|, |answer|).
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from solver.kinds.common import Options, compare_scalar, display, is_scalar
from solver.messages import say
from solver.verdict import CORRECT, INCORRECT, INVALID, Verdict


def elements(value: Any) -> list[Any] | None:
    """The elements of a set, a row/column vector or a single value, else None."""
    if isinstance(value, sp.FiniteSet):
        items = list(value.args)
    elif isinstance(value, sp.MatrixBase) and 1 in value.shape:
        items = list(value)
    elif is_scalar(value):
        items = [value]
    else:
        return None
    return items if all(is_scalar(i) for i in items) else None


def _equal(a: Any, b: Any, opts: Options) -> bool:
    return a == b or compare_scalar(a, b, opts).equal is True


def _distinct(items: list[Any], opts: Options) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if not any(_equal(seen, item, opts) for seen in out):
            out.append(item)
    return out


def _match(expected: list[Any], answer: list[Any], opts: Options) -> tuple[int, list[Any]]:
    """(number of expected elements found, the answer's elements that match none)."""
    found = sum(1 for e in expected if any(_equal(e, a, opts) for a in answer))
    extra = [a for a in answer if not any(_equal(e, a, opts) for e in expected)]
    return found, extra


def same(expected: Any, answer: Any, opts: Options) -> bool:
    """Whether ``answer`` is the expected set."""
    exp_items, ans_items = elements(expected), elements(answer)
    if exp_items is None or ans_items is None:
        return False
    exp_items, ans_items = _distinct(exp_items, opts), _distinct(ans_items, opts)
    found, extra = _match(exp_items, ans_items, opts)
    return found == len(exp_items) and not extra


def judge(expected: Any, answer: Any, opts: Options) -> Verdict:
    """Judge a set answer."""
    lang = opts.lang
    exp_items, ans_items = elements(expected), elements(answer)
    if ans_items is None or exp_items is None:
        return Verdict(INVALID, 0.0, say("expected_set", lang))
    exp_items, ans_items = _distinct(exp_items, opts), _distinct(ans_items, opts)
    found, extra = _match(exp_items, ans_items, opts)
    missing = len(exp_items) - found
    if not missing and not extra:
        return Verdict(CORRECT, 1.0, say("correct", lang))
    reasons = []
    if missing:
        reasons.append(say("set_missing", lang, n=missing))
    if extra:
        reasons.append(say("set_extra", lang, items=say("list_sep", lang).join(display(a) for a in extra)))
    score = found / max(len(exp_items), len(ans_items), 1)
    return Verdict(INCORRECT, score, say("not_quite_because", lang, reasons="; ".join(reasons)),
                   details={"missing": missing, "extra": [display(a) for a in extra]})
