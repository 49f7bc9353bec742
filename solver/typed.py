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

from dataclasses import dataclass
from typing import Any, Sequence

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


# ---------------------------------------------------------------------------------------------------------
# The literal form (``form: value``): which operation, if any, the answer leaves the checker to compute
# ---------------------------------------------------------------------------------------------------------

LITERAL_FUNCTIONS = frozenset({"sqrt", "√", "root", "cbrt"})
"""Functions a literal value may use: roots are part of how an exact number is written (√2/2)."""


@dataclass(frozen=True)
class Computation:
    """An operation in an answer that a literal value leaves to the learner: ``op`` is ``product``, ``sum``,
    ``difference``, ``scalar-multiple``, ``quotient``, ``negation``, ``power``, ``hadamard``, ``transpose``,
    ``function`` (then ``name`` is the function as typed), ``sum-notation`` or ``other`` (a construct the
    literal rule does not know, refused to be safe); ``column`` is where it was typed (0-based) or None."""

    op: str
    column: int | None = None
    name: str = ""


UNCHECKED = Computation("other")
"""What a node the parser did not mark counts as: not a literal."""

_MATRIX_OPS = {"+": "sum", "-": "difference", "/": "quotient", "^": "power", "neg": "negation",
               "⊙": "hadamard", "transpose": "transpose"}
_ATOMS = ("atom", "group", "vector", "matrix", "set", "±", "%")


def computation(op: str, column: int | None, value: Any, children: Sequence[Any], child_values: Sequence[Any],
                name: str = "") -> Computation | None:
    """The outermost operation that keeps a node from being a literal value, or None when it is one.

    ``op`` is the node's own operation (``atom`` for numbers, π, e and variables; the constructors ``group``,
    ``vector``, ``matrix``, ``set``, ``±``, ``%``; arithmetic ``+ - * / ^ neg ⊙``; ``transpose``; ``call`` of
    the function ``name``); ``children`` are the operands' own results (None for a literal operand).
    Literal: numbers, π, e and variables combined by + − × / ^ between scalars, roots, and vectors, matrices
    and sets of those. Not literal: any operation on a vector or matrix, any other function of constants.
    """
    own = _own_computation(op, column, value, child_values, name)
    if own is not None:
        return own
    return next((c for c in children if c is not None), None)


def _own_computation(op: str, column: int | None, value: Any, child_values: Sequence[Any],
                     name: str) -> Computation | None:
    if op in _ATOMS:
        return None
    matrices = [isinstance(v, MatrixBase) for v in child_values]
    if op == "call":
        if name in LITERAL_FUNCTIONS and not any(matrices):
            return None
        if any(matrices) or not any(getattr(v, "free_symbols", None) for v in child_values):
            return Computation("function", column, name)
        return None  # a function of the variables (sin(x)) is how an expression is written
    if op == "transpose":
        return Computation("transpose", column)
    if not any(matrices):
        return None if op in ("+", "-", "*", "/", "^", "neg") else Computation("other", column)
    if op == "*":
        return Computation("product" if all(matrices) else "scalar-multiple", column)
    return Computation(_MATRIX_OPS.get(op, "other"), column)
