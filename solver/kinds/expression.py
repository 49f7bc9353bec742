"""The ``expression`` kind: exact equivalence, an optional required form, a counterexample when it differs.

Required form (``form``): an equivalent answer that is not in the form asked for is ``incorrect`` with score
0.5 and a message saying which form is wanted (``details["form"]``):
- ``expanded``: SymPy's ``expand`` leaves it unchanged (no products of sums or powers of sums are left);
- ``factored``: not a sum that ``factor`` can split, and every sum inside a product is irreducible;
- ``simplified``: no more operations than the expected answer as the exercise writes it.
SymPy already distributes a number over a sum while reading (``2(x+1)`` is read as ``2x + 2``), so such an
answer counts as expanded.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from solver.equivalence import small_enough
from solver.kinds.common import Options, compare_scalar, is_scalar
from solver.messages import say
from solver.verdict import CORRECT, INCORRECT, INVALID, Verdict

FORMS = ("expanded", "factored", "simplified")


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
    if not counterexample["point"]:
        return say("value_differs", lang, yours=counterexample["yours"])
    return say("counterexample", lang, point=point_text(counterexample["point"]),
               yours=counterexample["yours"], expected=counterexample["expected"])


def in_form(answer: sp.Expr, expected: sp.Expr, form: str) -> bool:
    """Whether ``answer`` is written in ``form`` (see the module docstring); unknown forms always pass."""
    if form == "expanded":
        return not small_enough(answer) or sp.expand(answer) == answer
    if form == "factored":
        if not small_enough(answer):
            return True
        if answer.is_Add:
            return sp.factor(answer).is_Add
        for factor in sp.Mul.make_args(answer):
            base = factor.base if factor.is_Pow else factor
            if base.is_Add and not sp.factor(base).is_Add:
                return False
        return True
    if form == "simplified":
        return sp.count_ops(answer) <= sp.count_ops(expected)
    return True


def judge(expected: sp.Expr, answer: Any, opts: Options) -> Verdict:
    """Judge an expression answer."""
    lang = opts.lang
    if not is_scalar(answer):
        return Verdict(INVALID, 0.0, say("expected_expression", lang, got=shape_name(answer, lang)))
    result = compare_scalar(expected, answer, opts)
    details: dict[str, Any] = {"method": result.method}
    if result.equal is None:
        return Verdict(INVALID, 0.0, say("undecided", lang), details=details)
    if result.equal:
        if opts.form in FORMS and not in_form(answer, expected, opts.form):
            details["form"] = opts.form
            return Verdict(INCORRECT, 0.5, say(f"form_{opts.form}", lang), details=details)
        return Verdict(CORRECT, 1.0, say("correct", lang), details=details)
    if result.counterexample:
        details["counterexample"] = result.counterexample
    return Verdict(INCORRECT, 0.0, differs_message(result.counterexample, lang), details=details)
