"""What every kind's checker shares: the options of one check, and comparing two scalar values.

Tolerance rule (numbers, and number entries of vectors, matrices and sets):
- explicit ``rtol``/``atol``: equal when |answer − expected| ≤ atol + rtol·|expected|;
- otherwise exact, unless the answer or the expected answer is written as a decimal (a digit after a decimal
  point, an exponent like ``1e-4``, or ``%``) — then the default relative tolerance ``DEFAULT_RTOL`` (0.1 %).
  The ``expression`` kind has no default tolerance: there decimals are exact (``3.14159x`` is not ``πx``).
Entries with variables are always compared exactly (see ``solver.equivalence``).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import mpmath
import sympy as sp

from solver import equivalence

DEFAULT_RTOL = 1e-3
_DECIMAL = re.compile(r"\d\.\d|\d\s*[eE]\s*[-+]?\d|%|\.\d")


@dataclass
class Options:
    """The options of one check (see ``solver.checker.check`` for their meaning)."""

    lang: str = "en"
    rtol: float | None = None
    atol: float | None = None
    sigfigs: int | None = None
    form: str | None = None
    domain: Mapping[str, tuple[float, float]] | None = None
    choices: Sequence[Any] | None = None
    answer_text: str = ""
    answer_typed: Any = None  # the answer as typed, unevaluated (for a required form; see solver.typed)
    expected_text: str = ""
    expected_inexact: bool = False
    decimal_tolerance: bool = True
    deadline: float = field(default_factory=lambda: time.monotonic() + 2.0)

    @property
    def decimal_looking(self) -> bool:
        """Whether either side is written as a decimal (which switches on the default tolerance)."""
        return self.expected_inexact or bool(_DECIMAL.search(self.answer_text)) or bool(
            _DECIMAL.search(self.expected_text))

    @property
    def tolerance(self) -> tuple[float, float] | None:
        """``(rtol, atol)`` for number comparisons, or None for exact comparison."""
        if self.rtol is not None or self.atol is not None:
            return (self.rtol or 0.0, self.atol or 0.0)
        if self.decimal_tolerance and self.decimal_looking:
            return (DEFAULT_RTOL, 0.0)
        return None


def is_scalar(value: Any) -> bool:
    """A SymPy expression (not a matrix, set or condition)."""
    return isinstance(value, sp.Expr) and not isinstance(value, sp.MatrixBase)


def has_float(value: Any) -> bool:
    """Whether a SymPy value contains a floating-point number."""
    return isinstance(value, sp.Basic) and any(a.is_Float for a in value.atoms(sp.Number))


def within_tolerance(expected: sp.Expr, answer: sp.Expr, rtol: float, atol: float) -> bool | None:
    """|answer − expected| ≤ atol + rtol·|expected| for two constants; None if either has no real value."""
    a = equivalence.evaluate(answer, {})
    b = equivalence.evaluate(expected, {})
    if a is None or b is None:
        return None
    slack = 1 + mpmath.mpf("1e-9")  # 0.333 is within 0.1 % of 1/3, not lost to rounding
    return abs(a - b) <= (mpmath.mpf(atol) + mpmath.mpf(rtol) * abs(b)) * slack


@dataclass
class ScalarResult:
    """Outcome of comparing two scalar values."""

    equal: bool | None
    counterexample: dict[str, Any] | None = None
    method: str = ""
    tolerance_used: bool = False


def compare_scalar(expected: sp.Expr, answer: sp.Expr, opts: Options) -> ScalarResult:
    """Exact equivalence; for constants, also within the tolerance when one applies."""
    tol = opts.tolerance
    constant = not expected.free_symbols and not answer.free_symbols
    if constant and tol is not None:
        close = within_tolerance(expected, answer, *tol)
        if close is not None:
            return ScalarResult(close, None, "tolerance", True)
    result = equivalence.compare(expected, answer, domain=opts.domain, deadline=opts.deadline)
    return ScalarResult(result.equal, result.counterexample, result.method)


def entries(value: Any) -> list[Any]:
    """The entries of a matrix in row order, or [value] for a scalar."""
    if isinstance(value, sp.MatrixBase):
        return list(value)
    return [value]


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_READABLE = (
    (re.compile(r"\*\*(\d+|\(-\d+\))"), lambda m: m.group(1).strip("()").translate(_SUPERSCRIPT)),
    (re.compile(r"\*\*"), lambda m: "^"),
    (re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\*(?=[A-Za-z(])"), lambda m: m.group(1)),
    (re.compile(r"\*"), lambda m: "·"),
    (re.compile(r"\bpi\b"), lambda m: "π"),
    (re.compile(r"\bE\b"), lambda m: "e"),
    (re.compile(r"\bsigmoid\("), lambda m: "σ("),
)


def display(value: Any) -> str:
    """A short plain-text rendering of a learner's value for messages, in readable notation (``2x``,
    ``sin(x)² + cos(x)²``, ``x·y``, ``π``): no ``**`` or ``*``, no LaTeX."""
    text = sp.sstr(value)
    for pattern, replace in _READABLE:
        text = pattern.sub(replace, text)
    return text if len(text) <= 40 else text[:37] + "…"
