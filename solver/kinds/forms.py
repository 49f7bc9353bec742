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
"""
from __future__ import annotations

import sympy as sp

from solver.equivalence import small_enough
from solver.typed import factors, is_denominator, is_sum, terms

FORMS = ("expanded", "factored", "simplified")


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
