"""The ``expression`` kind: exact equivalence, an optional required form, a counterexample when it differs.

Required form (``form``): an equivalent answer that is not in the form asked for is ``incorrect`` with score
0.5 and a message saying which form is wanted (``details["form"]``). The form is judged on the answer as
typed (``opts.answer_typed``), not on SymPy's evaluated value: ``2(x+1)`` is not expanded even though SymPy
reads it as 2x + 2. The rules are in ``solver.kinds.forms``.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from solver.kinds.common import Options, compare_scalar, is_scalar, shape_hint, undecided
from solver.kinds.forms import FORMS, in_form
from solver.messages import say
from solver.verdict import CORRECT, INCORRECT, INVALID, Verdict


def shape_name(value: Any, lang: str) -> str:
    """'vector', 'matrix', 'set' or 'comparison' in ``lang``, for 'expected an expression, not a …'."""
    if isinstance(value, sp.MatrixBase):
        return say("shape_vector" if 1 in value.shape else "shape_matrix", lang)
    if isinstance(value, sp.Set):
        return say("shape_set", lang)
    return say("shape_statement", lang)


def same(expected: Any, answer: Any, opts: Options) -> bool:
    """Whether ``answer`` is equivalent to ``expected``."""
    return is_scalar(answer) and is_scalar(expected) and compare_scalar(expected, answer, opts).equal is True


def point_text(point: dict[str, str]) -> str:
    """``x = 0.5, y = 2``."""
    return ", ".join(f"{name} = {value}" for name, value in point.items())


def differs_message(counterexample: dict[str, Any] | None, lang: str) -> str:
    """The 'not quite' message, with the counterexample when there is one."""
    if not counterexample:
        return say("incorrect", lang)
    point, yours, expected = counterexample["point"], counterexample["yours"], counterexample["expected"]
    difference = counterexample.get("difference")
    if difference:  # below the digits shown: say by how much
        if not point:
            return say("value_differs_by", lang, difference=difference)
        return say("counterexample_difference", lang, point=point_text(point), difference=difference)
    if not point:
        if yours is None:
            return say("value_not_real", lang)
        return say("value_differs", lang, yours=yours) if expected is not None else say("incorrect", lang)
    if yours is None:
        return say("counterexample_yours_not_real", lang, point=point_text(point), expected=expected)
    if expected is None:
        return say("counterexample_expected_not_real", lang, point=point_text(point), yours=yours)
    return say("counterexample", lang, point=point_text(point), yours=yours, expected=expected)


def judge(expected: sp.Expr, answer: Any, opts: Options) -> Verdict:
    """Judge an expression answer."""
    lang = opts.lang
    if not is_scalar(answer):
        return Verdict(INVALID, 0.0, say("expected_expression", lang, got=shape_name(answer, lang))
                       + shape_hint(answer, opts))
    result = compare_scalar(expected, answer, opts, explain=True)
    details: dict[str, Any] = {"method": result.method}
    if result.equal is None:
        return undecided(result, opts, details)
    if result.equal:
        typed = answer if opts.answer_typed is None else opts.answer_typed
        if opts.form in FORMS and not in_form(typed, expected, opts.form):
            details["form"] = opts.form
            return Verdict(INCORRECT, 0.5, say(f"form_{opts.form}", lang), details=details)
        return Verdict(CORRECT, 1.0, say("correct", lang), details=details)
    if result.counterexample:
        details["counterexample"] = result.counterexample
    return Verdict(INCORRECT, 0.0, differs_message(result.counterexample, lang), details=details)
