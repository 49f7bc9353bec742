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
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import mpmath
import sympy as sp

from solver import equivalence
from solver.budget import Deadline
from solver.messages import say
from solver.verdict import INVALID, Verdict

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
    deadline: Deadline = field(default_factory=lambda: Deadline(2.0))
    names: Mapping[str, str] = field(default_factory=dict)
    """The learner's spelling of each variable by SymPy symbol name (``w1`` → ``w_1``), for messages."""

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
    never_real: dict[str, Any] | None = None  # undecided: no point with both sides real (Comparison.never_real)


def compare_scalar(expected: sp.Expr, answer: sp.Expr, opts: Options, *, explain: bool = False) -> ScalarResult:
    """Exact equivalence; for constants, also within the tolerance when one applies. With ``explain``, a
    difference comes with its counterexample (``equivalence.compare``)."""
    tol = opts.tolerance
    constant = not equivalence.free_symbols(expected) and not equivalence.free_symbols(answer)
    if constant and tol is not None:
        close = within_tolerance(expected, answer, *tol)
        if close is not None:
            return ScalarResult(close, None, "tolerance", True)
    result = equivalence.compare(expected, answer, domain=opts.domain, deadline=opts.deadline, explain=explain)
    never_real = result.never_real and {**result.never_real, "domain": renamed(result.never_real["domain"], opts.names)}
    return ScalarResult(result.equal, with_names(result.counterexample, opts.names), result.method,
                        never_real=never_real)


def renamed(by_symbol: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """``by_symbol`` keyed by the learner's names (``{"w1": …}`` → ``{"w_1": …}``)."""
    return {names.get(key, key): value for key, value in by_symbol.items()}


def with_names(counterexample: dict[str, Any] | None, names: Mapping[str, str]) -> dict[str, Any] | None:
    """A counterexample whose point is keyed by the learner's names of the variables."""
    if not counterexample or not names:
        return counterexample
    return {**counterexample, "point": renamed(counterexample["point"], names)}


_TYPED_BRACE = re.compile(r"(?<!\\)\{")
_DECIMAL_COMMA = re.compile(r"^\s*[-+−]?\s*\d+\s*[,，]\s*\d+\s*$")
"""Two whole numbers with a comma between them and nothing else (0,25 or 1,000): a decimal comma or a thousands
separator, read as a vector of two entries."""


def shape_hint(answer: Any, opts: Options) -> str:
    """Why a scalar was wanted but the answer was read as a set or a vector, when the typing explains it (to append
    to the "expected a number/expression" message): braces typed to group (``{x+1}``: " Braces { } group only after
    ^ and _…"), or a comma typed in a number (``0,25``, ``1,000``: "a comma separates entries…"); else ""."""
    if isinstance(answer, sp.Set) and _TYPED_BRACE.search(opts.answer_text):
        hint = say("hint_braces_group", opts.lang)
    elif isinstance(answer, sp.MatrixBase) and _DECIMAL_COMMA.match(opts.answer_text):
        hint = say("hint_decimal_comma", opts.lang, typed=opts.answer_text.strip())
    else:
        return ""
    return ("" if opts.lang == "zh" else " ") + hint


def undecided(result: ScalarResult | None, opts: Options, details: dict[str, Any] | None = None) -> Verdict:
    """The ``invalid`` verdict of a comparison that could not be decided: why, when the reason is that the two
    sides are never both real on the domain (``sqrt((x-3)(x-5))`` against ``sqrt(x-3)·sqrt(x-5)`` on [−3, 3]),
    else "could not be checked in time"."""
    details = dict(details or {})
    never = result.never_real if result is not None else None
    if never is None:
        return Verdict(INVALID, 0.0, say("undecided", opts.lang), details=details)
    domain = say("list_sep", opts.lang).join(f"{name} ∈ [{lo}, {hi}]" for name, (lo, hi) in never["domain"].items())
    details["error"] = {"code": "never_real", "side": never["side"], "domain": never["domain"]}
    return Verdict(INVALID, 0.0, say("never_real_" + never["side"], opts.lang, domain=domain), details=details)


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


def display(value: Any, names: Mapping[str, str] | None = None) -> str:
    """A short plain-text rendering of a learner's value for messages, in readable notation (``2x``,
    ``sin(x)² + cos(x)²``, ``x·y``, ``π``): no ``**`` or ``*``, no LaTeX; variables by the learner's ``names``
    (``w_1``, not ``w1``)."""
    if names and isinstance(value, sp.Basic):
        value = value.xreplace({s: sp.Symbol(names[s.name]) for s in value.free_symbols
                                if isinstance(s, sp.Symbol) and names.get(s.name, s.name) != s.name})
    text = sp.sstr(value)
    for pattern, replace in _READABLE:
        text = pattern.sub(replace, text)
    return text if len(text) <= 40 else text[:37] + "…"
