"""The structure of an answer as it was typed: SymPy trees built with ``evaluate=False``.

SymPy rearranges while it builds (``2*(x+1)`` becomes ``2x + 2``), which is right for deciding equivalence but
wrong for judging the *form* of an answer. The parser can build this unevaluated tree alongside the value
(``solver.parser.parse_typed``); sums, differences, products, quotients and powers of scalar expressions
are kept as typed, and so are the arguments of a plain function call (``exp(2(x+1))``); everything else
(√, |x|, max/min, log with a base, matrices, ±) is its evaluated value.
``evaluate=False`` is always passed explicitly: the global ``sympy.evaluate(False)`` switch is per thread but
SymPy's cache is shared, so it would leak unevaluated trees into other threads.
"""
from __future__ import annotations

from typing import Any

from sympy import Add, Expr, Integer, MatrixBase, Mul, Pow


def _scalar(value: Any) -> bool:
    return isinstance(value, Expr) and not isinstance(value, MatrixBase)


def build(op: str, operands: list[Any], value: Any) -> Any:
    """The unevaluated ``op`` ("+", "-", "neg", "*", "/", "^") of typed operands, or ``value`` if not scalar."""
    if not _scalar(value) or not all(_scalar(o) for o in operands):
        return value
    if op == "+":
        return Add(*operands, evaluate=False)
    if op == "-":
        left, right = operands
        return Add(left, _negate(right), evaluate=False)
    if op == "neg":
        return _negate(operands[0])
    if op == "*":
        return Mul(*operands, evaluate=False)
    if op == "/":
        left, right = operands
        return Mul(left, Pow(right, Integer(-1), evaluate=False), evaluate=False)
    if op == "^":
        return Pow(*operands, evaluate=False)
    raise ValueError(f"unknown operation {op!r}")


def _negate(value: Expr) -> Expr:
    return -value if value.is_Number else Mul(Integer(-1), value, evaluate=False)


def terms(expr: Expr) -> list[Expr]:
    """The terms of a typed sum, nested sums flattened (``[expr]`` if it is not a sum)."""
    if expr.is_Add:
        return [t for a in expr.args for t in terms(a)]
    return [expr]


def factors(expr: Expr) -> list[Expr]:
    """The factors of a typed product, nested products flattened (``[expr]`` if it is not a product)."""
    if expr.is_Mul:
        return [f for a in expr.args for f in factors(a)]
    return [expr]


def is_denominator(factor: Expr) -> bool:
    """A factor that divides: a power with a negative exponent (``/ (x - 1)`` is typed as (x − 1)^−1)."""
    return factor.is_Pow and factor.exp.is_number and factor.exp.is_negative is True


def is_sum(expr: Expr) -> bool:
    """A sum of two or more terms."""
    return expr.is_Add and len(expr.args) > 1
