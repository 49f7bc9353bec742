"""Required forms of an expression answer, judged on what the learner *typed* (see ``solver.typed``).

- ``expanded``: no product still to multiply out — no factor that is a sum multiplied by anything but a
  divisor (``2(x+1)``, ``-(x+1)``, ``(x+1)(x-1)`` are not expanded; ``2x+2``, ``(x+1)/(x-1)``, ``(x+1)/2`` are),
  and no sum raised to a whole power ≥ 2 (``(x+1)^2``); this holds inside function arguments too.
- ``factored``: a sum only if it cannot be factored (``x^2+1``); otherwise a product whose sum factors
  (numerators and denominators alike) cannot be factored further (``(x-1)(x+1)`` yes, ``x^2-1`` no,
  ``(2x+2)(x-1)`` no — the 2 can come out).
- ``simplified``: no more operations than the expected answer, and no like terms left to collect
  (``(x^2-1)/(x-1)`` and ``x+x`` are not simplified when ``x+1`` / ``2x`` is expected).
Answers too large for cheap algebra (``small_enough``) pass the factored check rather than risk the budget.

The literal form ``value`` applies to every kind but choice and is checked before the answer is judged (an
answer that is not a literal value is ``invalid``, never a wrong attempt — ``literal_refusal``): the answer
must be a number, or a vector, matrix or set of numbers, written out — numbers, fractions, roots, π, e and
powers, combined by + − × / between numbers; no operation on vectors or matrices (product, sum, scalar
multiple, ⊙, power, transpose), no other function applied to numbers (σ(0.5), exp(2), |−3|, 3!), no Σ.
The parser marks what was typed (``solver.parser.literal_computation``; rules in ``solver.typed``).
"""
from __future__ import annotations

from typing import Any, Sequence

import sympy as sp

from solver.equivalence import small_enough
from solver.latex_reader import Source
from solver.messages import say
from solver.parser import literal_computation
from solver.typed import Computation, factors, is_denominator, is_sum, terms
from solver.verdict import INVALID, Verdict

FORMS = ("expanded", "factored", "simplified")
VALUE = "value"
ALL_FORMS = FORMS + (VALUE,)
"""Every ``form`` an answer may require: the expression forms, and the literal ``value`` of any kind."""


def in_form(typed: sp.Expr, expected: sp.Expr, form: str) -> bool:
    """Whether the typed answer ``typed`` is in ``form``; unknown forms always pass."""
    if form == "expanded":
        return is_expanded(typed)
    if form == "factored":
        return is_factored(typed)
    if form == "simplified":
        return is_simplified(typed, expected)
    return True


def is_expanded(typed: sp.Expr) -> bool:
    """No sum multiplied by a numerator factor, no sum to a whole power ≥ 2 (anywhere in the tree)."""
    for node in sp.preorder_traversal(typed):
        if node.is_Mul:
            numerators = [f for f in factors(node) if not is_denominator(f)]
            if len(numerators) > 1 and any(is_sum(f) for f in numerators):
                return False
        elif node.is_Pow and is_sum(node.base) and node.exp.is_Integer and node.exp > 1:
            return False
    return True


def _factorable(total: sp.Expr) -> bool:
    """Whether a typed sum can be written as a product (``factor`` does not return a sum)."""
    value = total.doit()
    if not small_enough(value):
        return False
    return not sp.factor(value).is_Add


def is_factored(typed: sp.Expr) -> bool:
    """An irreducible sum, or a product of irreducible pieces."""
    parts = factors(typed)
    if len(parts) == 1 and is_sum(typed):
        return not _factorable(typed)
    for part in parts:
        base = part.base if part.is_Pow else part
        if is_sum(base) and _factorable(base):
            return False
    return True


def is_simplified(typed: sp.Expr, expected: sp.Expr) -> bool:
    """No more operations than ``expected`` and no like terms left."""
    if sp.count_ops(typed) > sp.count_ops(expected):
        return False
    written = terms(typed)
    return len(written) == 1 or len(sp.Add.make_args(typed.doit())) >= len(written)


def literal_refusal(source: Source, variables: Sequence[str], value: Any, lang: str) -> Verdict | None:
    """An ``invalid`` verdict saying what to do when the answer ``source`` (through the LaTeX front end, already
    read as ``value``) is not a literal value, else None."""
    done = literal_computation(source, variables)
    if done is None:
        return None
    return Verdict(INVALID, 0.0, literal_message(done, value, lang),
                   details={"form": VALUE, "error": {"code": "not_literal", "operation": done.op,
                                                     "column": done.column}})


def literal_message(done: Computation, value: Any, lang: str) -> str:
    """What to type instead of the operation ``done`` whose result is ``value``, in ``lang``."""
    if isinstance(value, sp.MatrixBase):
        shape = say("shape_vector" if 1 in value.shape else "shape_matrix", lang)
    else:
        shape = say("shape_set" if isinstance(value, sp.Set) else "shape_number", lang)
    name = {"|…|": "|…|", "!": "…!", "√": "√…"}.get(done.name, f"{done.name}(…)")
    return say(f"literal_{done.op}", lang, shape=shape, name=name)
