"""Automatic diagnosis of an incorrect answer: the common slips the checker names without an author's list.

Runs only on ``incorrect`` answers, after the exercise's own anticipated mistakes (those win). Each diagnosis
is a relation between the answer and the expected value, tested on their values at a few points (whole
numbers for sequence indices) to 15 digits — the answer is already known to differ, so a diagnosis is an
explanation, not a verdict — or with the check's tolerance for decimal numbers:

- scalars (expression, number): ``wrong-sign`` (−answer), ``reciprocal``, ``log-base`` (a factor ln 2,
  ln 10 or their ratio), ``degrees-radians`` (180/π), ``place-value`` (numbers: ×10ᵏ, also when rounded),
  ``rounded-too-coarsely`` (numbers: the key rounded to the digits typed), ``constant-factor`` (a simple
  factor, "exactly 2×"), ``recurrence-shifted`` (an index n, k, m, i, j or t: yours(n) = expected(n ± 1)),
  ``additive-constant`` (expressions only: differs by a constant), ``chain-rule-missing-inner`` (expressions:
  expected = g′ · answer, g′ not constant, g an inner function of the answer — the inner derivative left out);
- vectors and matrices: with ``operands`` (the two matrices of a product) ``hadamard-instead-of-product``,
  ``product-instead-of-hadamard``, ``product-order``; ``transposed``; ``wrong-sign`` and ``constant-factor``
  of the whole; ``swapped-components`` (two swapped, or all reversed); ``entry-sign`` and
  ``one-wrong-entry`` (which one).

A number is never called off by a factor, a constant or a shift merely because it is wrong: factors of
numbers are limited to 2, 3, 4, 3/2 and their inverses, and differences by a constant are not diagnosed for
numbers. The names are catalogue names (``solver.MISTAKES``); the messages (``solver.mistakes.DIAGNOSES``)
render the factor, the entry, the digits. The work is bounded: a few evaluations, skipped when the check's
deadline is near or the answer is large.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import islice
from typing import Any, Callable, Mapping, Sequence

import mpmath
import sympy as sp

from solver import equivalence
from solver.kinds import matrix
from solver.kinds.common import DEFAULT_RTOL, Options, display, is_scalar
from solver.messages import say
from solver.mistakes import DIAGNOSES, MISTAKES

INDEX_NAMES = frozenset({"n", "k", "m", "i", "j", "t"})
POINTS = 4
MIN_TIME_LEFT = 0.2
MAX_NODES = 400
CLOSE = mpmath.mpf("1e-15")
NUMBER_FACTORS = tuple(Fraction(p, q) for p, q in ((2, 1), (3, 1), (4, 1), (1, 2), (1, 3), (1, 4), (3, 2), (2, 3)))
_LN2, _LN10 = mpmath.log(2), mpmath.log(10)
LOG_FACTORS = {"ln 2": _LN2, "1/ln 2": 1 / _LN2, "ln 10": _LN10, "1/ln 10": 1 / _LN10,
               "log₁₀ 2": _LN2 / _LN10, "log₂ 10": _LN10 / _LN2}
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_DECIMAL_TEXT = re.compile(r"^\s*[-+−]?\s*(\d*)(?:\.(\d*))?\s*$")


@dataclass
class Diagnosis:
    """A named slip: catalogue ``name``, message ``key`` in DIAGNOSES, its ``params``, extra verdict details."""

    name: str
    key: str = ""
    params: dict[str, str] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def mistake(self, lang: str) -> dict[str, str]:
        """``{"name", "message"}`` in ``lang``, as the verdict's ``details["mistake"]``."""
        texts = DIAGNOSES.get(self.key or self.name) or MISTAKES[self.name]
        return {"name": self.name, "message": (texts.get(lang) or texts["en"]).format(**self.params)}


def diagnose(kind: str, expected: Any, answer: Any, opts: Options, details: Mapping[str, Any],
             operands: Sequence[Any] = ()) -> Diagnosis | None:
    """The slip an incorrect ``answer`` shows, or None. ``details`` are the verdict's (wrong entries); an
    answer that is right but not in the required form or precision (``form``, ``sigfigs``) has no slip."""
    if opts.deadline.sooner(MIN_TIME_LEFT).passed() or "form" in details or "sigfigs" in details:
        return None
    try:
        if kind in ("expression", "number") and is_scalar(expected) and is_scalar(answer):
            if _too_large(expected) or _too_large(answer):
                return None
            return _scalar(kind, expected, answer, opts)
        if kind in ("vector", "matrix") and isinstance(expected, sp.MatrixBase) \
                and isinstance(answer, sp.MatrixBase):
            if any(_too_large(e) for e in list(expected) + list(answer)):
                return None
            return _array(expected, answer, opts, details, operands)
    except (ValueError, TypeError, ZeroDivisionError, ArithmeticError):
        return None
    return None


def _too_large(value: Any) -> bool:
    return isinstance(value, sp.Basic) and equivalence._node_count(value, MAX_NODES) > MAX_NODES


# ---------------------------------------------------------------------------------------------------------
# Comparing sampled values
# ---------------------------------------------------------------------------------------------------------

_SLACK = 1 + mpmath.mpf("1e-9")


@dataclass
class _Near:
    """When two sampled values count as the same: 15 digits, or the check's tolerance for two constants.

    Most pairs a diagnosis tries are far apart (the answer is not twice the key, nor a third of it…): a pair
    whose machine floats differ by far more than the rounding of floats could explain is told apart without
    mpmath (``_far_apart``); any other pair is compared exactly."""

    tolerance: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        self._bounds = None if self.tolerance is None else (mpmath.mpf(self.tolerance[0]), mpmath.mpf(self.tolerance[1]))

    def __call__(self, u: Any, v: Any) -> bool:
        if self._far_apart(u, v):
            return False
        if self._bounds is not None:
            rtol, atol = self._bounds
            return abs(u - v) <= (atol + rtol * abs(v)) * _SLACK
        return abs(u - v) <= CLOSE * max(abs(u), abs(v))

    def _far_apart(self, u: Any, v: Any) -> bool:
        """Whether ``u`` and ``v`` surely differ by more than the allowance: their floats (each within 2⁻⁵³ of
        the value, and finite, normal numbers) differ by twice the allowance plus 10⁻¹² of their size."""
        try:
            fu, fv = float(u), float(v)
        except (TypeError, ValueError):
            return False
        size = max(abs(fu), abs(fv))
        if not 1e-300 < size < 1e300:
            return False
        if self.tolerance is not None:
            rtol, atol = self.tolerance
            allowed = (atol + rtol * abs(fv)) * 1.000000001
        else:
            allowed = 1e-15 * size
        return abs(fu - fv) > 2 * allowed + 1e-12 * size


def _all(pairs: Sequence[tuple[Any, Any]], near: _Near, relation: Callable[[Any], Any]) -> bool:
    """Whether ``yours ≈ relation(expected)`` for every sampled ``(yours, expected)`` pair."""
    return bool(pairs) and all(near(a, relation(e)) for a, e in pairs)


def _ratio(pairs: Sequence[tuple[Any, Any]], near: _Near) -> Any | None:
    """The constant c with yours ≈ c·expected at every point, or None."""
    base = next(((a, e) for a, e in pairs if e != 0), None)
    if base is None or base[0] == 0:
        return None
    c = base[0] / base[1]
    return c if _all(pairs, near, lambda e: c * e) else None


def _rational(c: Any, max_denominator: int = 24, max_size: int = 1000) -> Fraction | None:
    """``c`` as a fraction p/q with q ≤ ``max_denominator`` when it is one (to 15 digits)."""
    if abs(c) > max_size:
        return None
    for q in range(1, max_denominator + 1):
        p = int(mpmath.nint(c * q))
        if p and abs(c - mpmath.mpf(p) / q) <= CLOSE * abs(c):
            return Fraction(p, q)
    return None


def _fraction_text(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


_SURDS = (("π", mpmath.pi), ("√2", mpmath.sqrt(2)), ("√3", mpmath.sqrt(3)))


def _factor_text(c: Any) -> str | None:
    """A readable exact form of the constant ``c`` (2, 1/2, −3, π/2, √2, 2√3), or None."""
    f = _rational(c)
    if f is not None:
        return _fraction_text(f)
    for name, unit in _SURDS:
        f = _rational(c / unit, 12, 100)
        if f is not None:  # 2π, π/2, √2/2
            head = "−" * (f < 0) + ("" if abs(f.numerator) == 1 else str(abs(f.numerator)))
            return head + name + ("" if f.denominator == 1 else f"/{f.denominator}")
        f = _rational(c * unit, 1, 100)
        if f is not None:  # 1/π, 2/√3
            return f"{f.numerator}/{name}"
    return None


def _short(value: Any) -> str:
    """A short decimal (at most 4 significant figures) for a message."""
    f = _rational(value, 12)
    if f is not None:
        return _fraction_text(f)
    return equivalence.format_value(value)


# ---------------------------------------------------------------------------------------------------------
# Scalars
# ---------------------------------------------------------------------------------------------------------

def _scalar(kind: str, expected: sp.Expr, answer: sp.Expr, opts: Options) -> Diagnosis | None:
    symbols = equivalence.free_symbols(expected) | equivalence.free_symbols(answer)
    constant = not symbols
    near = _Near(opts.tolerance if constant else None)
    indices = sorted((s for s in symbols if s.name in INDEX_NAMES), key=lambda s: s.name)
    shifted = [expected.xreplace({n: n + step}) for n in indices for step in (1, -1)]
    stream = equivalence.sample_values([answer, expected, *shifted], opts.domain, whole=frozenset(indices),
                                       deadline=opts.deadline.sooner(MIN_TIME_LEFT))
    rows = list(islice(stream, 1 if constant else 2))
    if not constant:  # two points rule out most answers; the rest are confirmed at four
        if len(rows) < 2 or not _plausible(rows, near):
            return _missing_inner_derivative(expected, answer, opts)
        rows += islice(stream, POINTS - 2)
    if len(rows) < (1 if constant else POINTS):
        return None
    pairs = [(r[0], r[1]) for r in rows]
    number = kind == "number" or constant
    decimal_answer = _DECIMAL_TEXT.match(opts.answer_text or "")
    rounded = _rounded(expected, answer, opts, decimal_answer) if number and decimal_answer else None
    if rounded is not None and decimal_answer.group(2):
        return rounded  # typed with a decimal point: rounding first (0.6 for 0.6225 is not "about 1×")
    found = _by_ratio(pairs, near, number, opts, expected, answer)
    if found is not None:
        return found
    if rounded is not None:
        return rounded
    if _reciprocal(pairs, near):
        return Diagnosis("reciprocal")
    for i, n in enumerate(indices):
        for j, key in ((0, "ahead"), (1, "behind")):
            column = 2 + 2 * i + j
            moved = [(r[0], r[column]) for r in rows]
            if _all(moved, near, lambda e: e) and not _all([(r[column], r[1]) for r in rows], near, lambda e: e):
                return Diagnosis("recurrence-shifted", f"recurrence-shifted:{key}", {"var": n.name})
    if not number and any(not near(r[1], rows[0][1]) for r in rows):
        d = pairs[0][0] - pairs[0][1]
        if not near(*pairs[0]) and _all(pairs, near, lambda e: e + d):
            return Diagnosis("additive-constant", params={"difference": _short(d)})
    return None if constant else _missing_inner_derivative(expected, answer, opts)


def _plausible(rows: Sequence[Sequence[Any]], near: _Near) -> bool:
    """Whether some scalar relation (a constant ratio, difference or product, or a shifted index — columns
    2… of ``rows`` are the shifted expected values) holds at the points of ``rows``."""
    (a0, e0, *s0), (a1, e1, *s1) = rows[0], rows[1]
    return (near(a0 * e1, a1 * e0) or near(a0 - e0, a1 - e1) or near(a0 * e0, a1 * e1)
            or any(near(a0, u) and near(a1, v) for u, v in zip(s0, s1)))


MAX_INNER = 8


def _inner_derivatives(answer: sp.Expr) -> list[sp.Expr]:
    """The non-constant derivatives g′ (by each of its variables) of the inner functions g of ``answer``: the
    arguments of its functions (sin(g), e^g, σ(g)), the bases of its powers (g², √g, 1/g) and the variable
    exponents of constant bases (2^g); at most ``MAX_INNER``, outermost first."""
    found: list[sp.Expr] = []
    for node in sp.preorder_traversal(answer):
        if node.is_Function:
            inners = node.args
        elif node.is_Pow:
            base, exponent = node.args
            inners = (base,) if not exponent.free_symbols else (exponent,) if not base.free_symbols else ()
        else:
            continue
        for g in inners:
            for s in sorted(g.free_symbols, key=lambda s: s.name) if not g.is_Symbol else ():
                d = sp.diff(g, s)
                if d.free_symbols and not d.has(sp.Derivative, sp.Subs) and d not in found:
                    found.append(d)
                    if len(found) == MAX_INNER:
                        return found
    return found


def _missing_inner_derivative(expected: sp.Expr, answer: sp.Expr, opts: Options) -> Diagnosis | None:
    """expected = g′ · yours for an inner function g of yours whose derivative g′ is not a constant (the key
    2x·cos(x²), the answer cos(x²)): the chain rule's inner derivative left out, named."""
    inner = _inner_derivatives(answer)
    if not inner:
        return None
    rows = list(islice(equivalence.sample_values([answer, expected, *inner], opts.domain,
                                                 deadline=opts.deadline.sooner(MIN_TIME_LEFT)), POINTS))
    if len(rows) < POINTS or all(r[1] == 0 for r in rows):
        return None
    near = _Near()
    for k, d in enumerate(inner, start=2):
        varies = any(not near(r[k], rows[0][k]) for r in rows)
        if varies and all(near(r[1], r[k] * r[0]) for r in rows):
            return Diagnosis("chain-rule-missing-inner", "chain-rule-missing-inner:factor",
                             {"factor": display(inner[k - 2], opts.names)})
    return None


def _reciprocal(pairs: Sequence[tuple[Any, Any]], near: _Near) -> bool:
    """yours ≈ 1/expected everywhere, and expected is not ±1 everywhere (then 1/e = e)."""
    if any(e == 0 for _, e in pairs) or all(abs(e) == 1 for _, e in pairs):
        return False
    return _all(pairs, near, lambda e: 1 / e)


def _by_ratio(pairs: Sequence[tuple[Any, Any]], near: _Near, number: bool, opts: Options, expected: sp.Expr,
              answer: sp.Expr) -> Diagnosis | None:
    """The diagnoses that say yours = c · expected for a telling constant c."""
    c = _ratio(pairs, near)
    if c is None:
        return _place_value(expected, answer, opts) if number else None
    if near(c, -1) or near(-c, 1):
        return Diagnosis("wrong-sign")
    for text, value in LOG_FACTORS.items():
        if near(c, value) and _all(pairs, near, lambda e, v=value: v * e):
            return Diagnosis("log-base", params={"factor": text})
    for key, value in (("degrees", 180 / mpmath.pi), ("radians", mpmath.pi / 180)):
        if _all(pairs, near, lambda e, v=value: v * e):
            return Diagnosis("degrees-radians", f"degrees-radians:{key}")
    if number:
        place = _place_value(expected, answer, opts)
        if place is not None:
            return place
        for f in NUMBER_FACTORS:
            for factor in (f, -f):
                if _all(pairs, near, lambda e, k=factor: k.numerator * e / k.denominator):
                    exact = _all(pairs, _Near(), lambda e, k=factor: k.numerator * e / k.denominator)
                    return Diagnosis("constant-factor", "constant-factor" if exact else "constant-factor:about",
                                     {"factor": _fraction_text(factor)})
        return None
    text = _factor_text(c)
    if text is None or near(c, 1):
        return None
    return Diagnosis("constant-factor", params={"factor": text})


def _digits(match: re.Match[str]) -> tuple[int, int]:
    """(significant figures, decimal places) of a typed decimal such as ``0.062`` (2, 3) or ``1200`` (2, 0)."""
    whole, frac = match.group(1) or "", match.group(2) or ""
    places = len(frac)
    digits = (whole + frac).lstrip("0")
    if not frac:
        digits = digits.rstrip("0") or "0"
    return max(len(digits), 1), places


def _round(value: Any, figures: int) -> Any:
    """``value`` rounded to ``figures`` significant figures (an mpf at 15 digits: compare with ``_Near``)."""
    return mpmath.mpf(mpmath.nstr(value, figures, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))


def _rounded(expected: sp.Expr, answer: sp.Expr, opts: Options, typed: re.Match[str]) -> Diagnosis | None:
    """The key rounded to the significant figures typed (and too coarse for the tolerance), else None."""
    e, a = equivalence.evaluate(expected, {}), equivalence.evaluate(answer, {})
    if e is None or a is None or e == 0 or opts.sigfigs:
        return None
    figures, _ = _digits(typed)
    if not _Near()(a, _round(e, figures)):
        return None
    rtol, atol = opts.tolerance or (DEFAULT_RTOL, 0.0)
    near = _Near((rtol, atol))
    needed = next((n for n in range(figures + 1, 16) if near(_round(e, n), e)), None)
    if needed is None:
        return None
    return Diagnosis("rounded-too-coarsely", params={"digits": str(figures), "needed": str(needed)})


def _place_value(expected: sp.Expr, answer: sp.Expr, opts: Options) -> Diagnosis | None:
    """yours ≈ expected × 10ᵏ (k ≠ 0): within the tolerance, or equal to it rounded to the digits typed."""
    e, a = equivalence.evaluate(expected, {}), equivalence.evaluate(answer, {})
    if e is None or a is None or e == 0 or a == 0 or (a > 0) != (e > 0):
        return None
    k = int(mpmath.nint(mpmath.log10(abs(a / e))))
    if k == 0 or abs(k) > 12:
        return None
    target = e * mpmath.mpf(10) ** k
    near = _Near(opts.tolerance or (DEFAULT_RTOL, 0.0))
    typed = _DECIMAL_TEXT.match(opts.answer_text or "")
    if not near(a, target) and not (typed and _Near()(a, _round(target, _digits(typed)[0]))):
        return None
    factor = str(10 ** abs(k)) if abs(k) <= 6 else "10" + str(abs(k)).translate(_SUPERSCRIPTS)
    return Diagnosis("place-value", f"place-value:{'large' if k > 0 else 'small'}", {"factor": factor})


# ---------------------------------------------------------------------------------------------------------
# Vectors and matrices
# ---------------------------------------------------------------------------------------------------------

def _array(expected: sp.MatrixBase, answer: sp.MatrixBase, opts: Options, details: Mapping[str, Any],
           operands: Sequence[Any]) -> Diagnosis | None:
    found = _products(expected, answer, opts, operands)
    if found is not None:
        return found
    vector = 1 in expected.shape
    if not vector and _transposed(expected, answer, opts):
        return Diagnosis("transposed", details={"transposed": True})
    exp_entries = list(expected)
    ans_entries = matrix.as_vector(answer) if vector else list(answer)
    if ans_entries is None or len(ans_entries) != len(exp_entries) or (not vector and answer.shape != expected.shape):
        return None
    constant = not any(v.free_symbols for v in exp_entries + ans_entries)
    near = _Near(opts.tolerance if constant else None)
    rows = list(islice(equivalence.sample_values(ans_entries + exp_entries, opts.domain,
                                                 deadline=opts.deadline.sooner(MIN_TIME_LEFT)), 1 if constant else POINTS))
    if not rows:
        return None
    n = len(exp_entries)
    pairs = [(r[i], r[n + i]) for r in rows for i in range(n)]
    c = _ratio(pairs, near)
    if c is not None:
        if near(c, -1) or near(-c, 1):
            return Diagnosis("wrong-sign")
        f = _rational(c, 4, 4)
        if f is not None and abs(f) != 1:
            return Diagnosis("constant-factor", params={"factor": _fraction_text(f)})
    wrong = [_flat_index(w, expected.shape) for w in details.get("wrong_entries") or ()]
    same = _entry_relation(rows, n, near)
    if vector and n > 2 and len(wrong) >= 2 and all(same(i, n - 1 - i, 1) for i in range(n)):
        return Diagnosis("swapped-components", "swapped-components:reversed")
    if len(wrong) == 2:
        i, j = wrong
        if same(i, j, 1) and same(j, i, 1):
            return Diagnosis("swapped-components", "swapped-components:pair",
                             {"first": _where(i, expected.shape, vector, opts.lang),
                              "second": _where(j, expected.shape, vector, opts.lang)})
    if len(wrong) == 1 and n > 1:
        (i,) = wrong
        params = {"where": _where(i, expected.shape, vector, opts.lang), "others": str(n - 1)}
        if same(i, i, -1):
            return Diagnosis("entry-sign", params=params)
        return Diagnosis("one-wrong-entry", params=params)
    return None


def _entry_relation(rows: Sequence[Sequence[Any]], n: int, near: _Near) -> Callable[[int, int, int], bool]:
    """``same(i, j, s)``: whether answer entry i ≈ s × expected entry j at every sampled point."""
    def same(i: int, j: int, sign: int) -> bool:
        return all(near(r[i], sign * r[n + j]) for r in rows) and not all(near(r[i], 0) for r in rows)
    return same


def _flat_index(entry: Sequence[int], shape: tuple[int, int]) -> int:
    """The 0-based row-major index of a 1-based ``[i]`` (vector) or ``[i, j]`` (matrix) entry."""
    if len(entry) == 1:
        return int(entry[0]) - 1
    return (int(entry[0]) - 1) * shape[1] + int(entry[1]) - 1


def _where(index: int, shape: tuple[int, int], vector: bool, lang: str) -> str:
    """'component 2' / 'the entry in row 1, column 2', in ``lang``."""
    if vector:
        return say("diag_component", lang, i=index + 1)
    return say("diag_entry", lang, i=index // shape[1] + 1, j=index % shape[1] + 1)


def _transposed(expected: sp.MatrixBase, answer: sp.MatrixBase, opts: Options) -> bool:
    """Whether ``answer`` is ``expected``ᵀ and not ``expected`` (so symmetric matrices never count)."""
    if answer.shape != expected.T.shape or expected.shape == (1, 1):
        return False
    if answer.shape == expected.shape and expected == expected.T:
        return False
    return matrix.same(expected.T, answer, opts) and not matrix.same(expected, answer, opts)


def _products(expected: sp.MatrixBase, answer: sp.MatrixBase, opts: Options,
              operands: Sequence[Any]) -> Diagnosis | None:
    """With the two operands A, B of the exercise: which of AB, A⊙B, BA is expected, and which one was typed."""
    if len(operands) != 2 or not all(isinstance(m, sp.MatrixBase) for m in operands):
        return None
    a, b = operands
    candidates: dict[str, sp.MatrixBase] = {}
    if a.shape[1] == b.shape[0]:
        candidates["AB"] = sp.ImmutableMatrix(a * b)
    if b.shape[1] == a.shape[0]:
        candidates["BA"] = sp.ImmutableMatrix(b * a)
    if a.shape == b.shape:
        candidates["A⊙B"] = sp.ImmutableMatrix(a.multiply_elementwise(b))
    wanted = next((k for k, v in candidates.items() if matrix.same(v, expected, opts)), None)
    typed = next((k for k, v in candidates.items() if k != wanted and matrix.same(v, answer, opts)), None)
    if wanted is None or typed is None:
        return None
    if typed == "A⊙B":
        return Diagnosis("hadamard-instead-of-product")
    if wanted == "A⊙B":
        return Diagnosis("product-instead-of-hadamard")
    return Diagnosis("product-order")
