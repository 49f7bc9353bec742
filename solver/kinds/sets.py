"""The ``set`` kind: unordered, duplicates ignored, ``±a`` means {a, −a}.

The answer may be a set ``{1, -1}``, a list ``1, -1`` / ``(1, -1)``, ``±1``, or a single value. At most
``MAX_ELEMENTS`` elements (more is ``invalid``). Duplicates are removed by *exact* equality; elements are then
paired one-to-one (a maximum bipartite matching) by the scalar comparison of ``solver.kinds.common``, so a
tolerance never lets one answer element stand for two expected ones: {1, 1.0005} is not {1}.

Cost is bounded by construction: each element gets a numeric fingerprint (its value, or its values at two
fixed points of the domain, computed once), and only pairs whose fingerprints agree (within the tolerance for
constants) are compared in full — under the check's deadline; an undecided comparison when time runs out makes
the verdict ``invalid`` ("could not be checked in time").

A wrong answer says how many expected elements are missing and shows up to ``SHOWN_ELEMENTS`` of the learner's
elements that do not belong (``details["missing"]`` is the count, ``details["extra"]`` the learner's extra
elements as text). Score: matched / max(|expected|, |answer|).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import mpmath
import sympy as sp

from solver import equivalence
from solver.kinds.common import Options, compare_scalar, display, is_scalar
from solver.messages import say
from solver.verdict import CORRECT, INCORRECT, INVALID, Verdict

MAX_ELEMENTS = 100
SHOWN_ELEMENTS = 5
_FINGERPRINT_POINTS = (("0.61803398874989484820", "-1.41421356237309504880"),
                       ("-2.23606797749978969640", "0.3183098861837906715"))
_CLOSE = mpmath.mpf("1e-20")


class _OutOfTime(Exception):
    """The deadline passed before every needed comparison was decided."""


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


@dataclass
class _Element:
    """One element with its numeric fingerprint (None where a value is undefined)."""

    value: Any
    constant: bool
    prints: tuple[Any, ...]
    key: tuple[float | None, ...] = ()  # the fingerprint as floats, for a cheap first test

    def __post_init__(self) -> None:
        self.key = tuple(_as_float(p) for p in self.prints)


def _as_float(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _floats_differ(u: float, v: float, slack: tuple[float, float] | None) -> bool:
    """Whether two fingerprint values certainly differ (by far more than float rounding)."""
    allowed = 1e-9 * max(1.0, abs(u), abs(v))
    if slack is not None:
        allowed += (slack[1] + slack[0] * abs(u)) * 1.01
    return abs(u - v) > allowed


def _fingerprint(value: Any, opts: Options) -> _Element:
    symbols = sorted(value.free_symbols, key=lambda s: s.name)
    if not symbols:
        constant = equivalence.evaluate(value, {})
        return _Element(value, True, (constant,) * len(_FINGERPRINT_POINTS))
    prints = []
    for coords in _FINGERPRINT_POINTS:
        point = {}
        for i, s in enumerate(symbols):
            lo, hi = (opts.domain or {}).get(s.name, equivalence.DEFAULT_DOMAIN)
            t = (mpmath.mpf(coords[i % 2]) + 3) / 6  # a fixed irrational-looking point of [lo, hi]
            point[s] = lo + (hi - lo) * min(max(t, 0), 1)
        prints.append(equivalence.evaluate(value, point))
    return _Element(value, False, tuple(prints))


def _prints_agree(a: _Element, b: _Element, slack: tuple[float, float] | None) -> bool:
    """False only when the fingerprints prove the two elements differ (a tolerance applies to constants)."""
    both_constant = a.constant and b.constant
    for fu, fv in zip(a.key, b.key):
        if fu is not None and fv is not None and _floats_differ(fu, fv, slack if both_constant else None):
            return False
    for u, v in zip(a.prints, b.prints):
        if u is None or v is None:
            continue
        if slack is not None and both_constant:
            rtol, atol = slack
            if abs(u - v) > (atol + rtol * abs(u)) * (1 + mpmath.mpf("1e-9")) + _CLOSE * max(1, abs(v)):
                return False
        elif abs(u - v) > _CLOSE * max(1, abs(u), abs(v)):
            return False
    return True


def _checked(opts: Options, test: Callable[[], bool | None]) -> bool:
    if opts.deadline.passed():
        raise _OutOfTime
    result = test()
    if result is None:
        raise _OutOfTime
    return result


def _exactly_equal(a: _Element, b: _Element, opts: Options) -> bool:
    if a.value == b.value:
        return True
    if not _prints_agree(a, b, None):
        return False
    return _checked(opts, lambda: equivalence.compare(a.value, b.value, domain=opts.domain,
                                                      deadline=opts.deadline, explain=False).equal)


def _matches(expected: _Element, answer: _Element, opts: Options, slack: tuple[float, float] | None) -> bool:
    if expected.value == answer.value:
        return True
    if not _prints_agree(expected, answer, slack):
        return False
    return _checked(opts, lambda: compare_scalar(expected.value, answer.value, opts).equal)


def _distinct(items: list[Any], opts: Options) -> list[_Element]:
    """The items without exact duplicates (tolerance never merges two elements)."""
    out: list[_Element] = []
    for item in items:
        element = _fingerprint(item, opts)
        if not any(_exactly_equal(seen, element, opts) for seen in out):
            out.append(element)
    return out


def _matching(expected: list[_Element], answer: list[_Element], opts: Options) -> dict[int, int]:
    """A maximum one-to-one pairing ``{answer index: expected index}`` (augmenting paths, Kuhn's algorithm)."""
    slack = opts.tolerance
    edges = [[j for j, e in enumerate(expected) if _matches(e, a, opts, slack)] for a in answer]
    owner: dict[int, int] = {}  # expected index -> answer index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(answer)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _compare(expected: Any, answer: Any, opts: Options) -> tuple[list[_Element], list[_Element], dict[int, int]]:
    exp_items, ans_items = _distinct(elements(expected) or [], opts), _distinct(elements(answer) or [], opts)
    return exp_items, ans_items, _matching(exp_items, ans_items, opts)


def _too_many(value: Any) -> bool:
    items = elements(value)
    return items is not None and len(items) > MAX_ELEMENTS


def same(expected: Any, answer: Any, opts: Options) -> bool:
    """Whether ``answer`` is the expected set (False when it cannot be decided in time)."""
    if elements(expected) is None or elements(answer) is None or _too_many(expected) or _too_many(answer):
        return False
    try:
        exp_items, ans_items, pairs = _compare(expected, answer, opts)
    except _OutOfTime:
        return False
    return len(pairs) == len(exp_items) == len(ans_items)


def _listed(items: list[str], lang: str) -> str:
    shown = say("list_sep", lang).join(items[:SHOWN_ELEMENTS])
    if len(items) > SHOWN_ELEMENTS:
        shown += say("and_more", lang, n=len(items) - SHOWN_ELEMENTS)
    return shown


def judge(expected: Any, answer: Any, opts: Options) -> Verdict:
    """Judge a set answer."""
    lang = opts.lang
    if elements(answer) is None or elements(expected) is None:
        return Verdict(INVALID, 0.0, say("expected_set", lang))
    if _too_many(answer):
        return Verdict(INVALID, 0.0, say("set_too_large", lang, n=MAX_ELEMENTS),
                       details={"error": {"code": "too_many_elements"}})
    if _too_many(expected):
        return Verdict(INVALID, 0.0, say("bad_expected", lang, error=f"more than {MAX_ELEMENTS} elements"),
                       details={"error": {"code": "bad_expected"}})
    try:
        exp_items, ans_items, pairs = _compare(expected, answer, opts)
    except _OutOfTime:
        return Verdict(INVALID, 0.0, say("undecided", lang), details={"error": {"code": "timeout"}})
    found = len(pairs)
    missing = len(exp_items) - found
    extra = [display(a.value, opts.names) for i, a in enumerate(ans_items) if i not in pairs]
    if not missing and not extra:
        return Verdict(CORRECT, 1.0, say("correct", lang))
    reasons = []
    if missing:
        reasons.append(say("set_missing_one" if missing == 1 else "set_missing", lang, n=missing))
    if extra:
        key = "set_extra_one" if len(extra) == 1 else "set_extra"
        reasons.append(say(key, lang, items=_listed(extra, lang)))
    score = found / max(len(exp_items), len(ans_items), 1)
    return Verdict(INCORRECT, score, say("not_quite_because", lang, reasons=say("reason_sep", lang).join(reasons)),
                   details={"missing": missing, "extra": extra})
