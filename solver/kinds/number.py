"""The ``number`` kind: exact, within a tolerance, or to a number of significant figures.

Exact answers (``sqrt(2)/2``, ``e^2``, ``18/5``) are compared exactly; a decimal on either side switches on the
tolerance (see ``solver.kinds.common``). With ``sigfigs = n`` the answer must equal the expected value rounded
to n significant figures; the right value given to a different precision is ``incorrect`` with score 0.5 and
a message asking for n significant figures (``details["sigfigs"]``).
A value that misses the tolerance by less than a factor of 10 gets a "close" message.
"""
from __future__ import annotations

from typing import Any

import mpmath
import sympy as sp

from solver import equivalence
from solver.kinds.common import DEFAULT_RTOL, Options, compare_scalar, is_scalar, shape_hint, within_tolerance
from solver.kinds.expression import differs_message
from solver.messages import say
from solver.verdict import CORRECT, INCORRECT, INVALID, Verdict


def readable(answer: Any, opts: Options) -> Verdict | None:
    """An ``invalid`` verdict when ``answer`` is not a single constant, else None."""
    if not is_scalar(answer):
        return Verdict(INVALID, 0.0, say("expected_number", opts.lang) + shape_hint(answer, opts))
    if answer.free_symbols:
        names = ", ".join(sorted(opts.names.get(s.name, s.name) for s in answer.free_symbols))
        return Verdict(INVALID, 0.0, say("number_has_variables", opts.lang, names=names))
    return None


def same(expected: Any, answer: Any, opts: Options) -> bool:
    """Whether ``answer`` equals ``expected`` (exactly or within the tolerance)."""
    return is_scalar(answer) and not answer.free_symbols and is_scalar(expected) \
        and compare_scalar(expected, answer, opts).equal is True


def round_sig(value: sp.Expr, n: int) -> sp.Rational | None:
    """``value`` rounded to ``n`` significant figures, as an exact decimal Rational."""
    v = equivalence.evaluate(value, {})
    if v is None:
        return None
    if v == 0:
        return sp.Integer(0)
    return sp.Rational(mpmath.nstr(v, n, strip_zeros=False, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))


def _tolerance_text(tol: tuple[float, float]) -> str:
    rtol, atol = tol
    parts = [f"{rtol * 100:g}%"] if rtol else []
    parts += [f"±{atol:g}"] if atol else []
    return " + ".join(parts) or "0"


def judge(expected: sp.Expr, answer: Any, opts: Options) -> Verdict:
    """Judge a number answer."""
    lang = opts.lang
    refusal = readable(answer, opts)
    if refusal is not None:
        return refusal
    if opts.sigfigs:
        return _judge_sigfigs(expected, answer, opts)
    result = compare_scalar(expected, answer, opts)
    details: dict[str, Any] = {"method": result.method}
    if result.equal is None:
        return Verdict(INVALID, 0.0, say("undecided", lang), details=details)
    if result.equal:
        return Verdict(CORRECT, 1.0, say("correct", lang), details=details)
    tol = opts.tolerance or (DEFAULT_RTOL, 0.0)
    if within_tolerance(expected, answer, tol[0] * 10, tol[1] * 10) and opts.tolerance is not None:
        return Verdict(INCORRECT, 0.0, say("close_not_within", lang, tol=_tolerance_text(tol)), details=details)
    return Verdict(INCORRECT, 0.0, differs_message(None, lang), details=details)


def _judge_sigfigs(expected: sp.Expr, answer: sp.Expr, opts: Options) -> Verdict:
    lang, n = opts.lang, int(opts.sigfigs or 0)
    target = round_sig(expected, n)
    details: dict[str, Any] = {"method": "sigfigs"}
    if target is None:
        return Verdict(INVALID, 0.0, say("undecided", lang), details=details)
    if equivalence.compare(target, answer, deadline=opts.deadline).equal is True:
        return Verdict(CORRECT, 1.0, say("correct", lang), details=details)
    half_unit = abs(target) * sp.Rational(5, 10**n) if target != 0 else sp.Rational(1, 10**n)
    if within_tolerance(expected, answer, 0.0, float(half_unit)):
        details["sigfigs"] = n
        return Verdict(INCORRECT, 0.5, say("sigfigs", lang, n=n), details=details)
    return Verdict(INCORRECT, 0.0, differs_message(None, lang), details=details)
