"""Exact equivalence of two SymPy expressions, decided in layers under a time budget (``solver.budget``).

1. Structural: identical trees, or a difference SymPy already reduces to 0.
2. Numbers: both sides evaluated with our own mpmath evaluator (no ``lambdify``, no ``exec``) at nice and
   random points from each variable's domain (default [-3, 3]). A difference counts only when it is stable
   between 40 and 80 digits, so cancellation never fakes one; it proves inequality and gives the
   counterexample shown to the learner. Real-domain rule: a point where one side is a finite real number and
   the other is not real (its value has an imaginary part, e.g. ``2 log(x)`` at x = −1) is a difference too
   (``log(x^2)`` is not ``2 log(x)`` on [-3, 3]; an exercise that means x > 0 says so with ``domain``).
   Values are computed with principal-branch complex arithmetic. A side that reaches a real value only
   through a value that is not real (``sqrt(k/m)*sqrt(m/k)`` = i·i = −1 at k < 0 < m, ``sqrt(x)^2`` at
   x < 0) is undefined there in real terms, and so are poles and 0/0 ((x²−1)/(x−1) at x = 1): such points are
   skipped — an answer is judged where both sides are real, and no counterexample is shown where a side is
   undefined. ``sqrt(x^2)`` is ``|x|``, not ``x``. Variables are sampled over their whole domain, negative
   values included, with extra points for powers with a variable exponent (negative bases with whole and
   half exponents), so ``(a^b)^c`` is not ``a^(bc)``: a = −2, b = 2, c = ½ gives 2 and −2.
3. When the numbers agree, exact algebra where it is cheap and decisive: for rational functions, exact
   rational evaluation at random points (a non-zero value proves a difference, even one below 25 digits;
   vanishing at three points proves identity up to an error below 10^-40, see ``_rational_zero``), and — to
   prove the sigmoid/tanh identities — the same test after each family of exp(k·L) terms is replaced by
   powers of one new symbol; with a ``domain`` of one sign a variable is known positive (or negative) here, so
   ``log(x^2) − 2 log(x)`` expands to 0 on [0.1, 3]. Only when the expression is small (``small_enough``).
4. ``simplify`` of the difference in the worker process, under the remaining budget — except for powers to
   whole exponents beyond 200 ((x−a)^6000 is never expanded; values are compared, up to 10^12000).

Policy when the symbolic step cannot finish or cannot reduce the difference to 0: if the two sides agree to
25 significant digits at every one of at least ``MIN_VALID_POINTS`` points (random, full-precision), the
answer is judged equal (``method="numeric"``). Two different functions built from the answer functions that
agree to 25 digits at a dozen random real points do not occur in practice, whereas refusing such answers
would turn many right answers away. With too few valid points and no proof the result is undecided.
"""
from __future__ import annotations

import functools
import itertools
import math
import random
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, Sequence

import mpmath
import sympy as sp

from solver import worker
from solver.budget import Deadline
from solver.functions import sigmoid

DEFAULT_DOMAIN = (-3.0, 3.0)
NICE_VALUES = ("0.5", "2", "-1", "1.5", "-0.5", "3", "-2", "0.25", "1", "-1.5", "2.5", "-3")
NICE_POINTS = 3
RANDOM_POINTS = 9
MIN_VALID_POINTS = 6
MAX_ATTEMPTS = 48
LOW_DPS, HIGH_DPS = 40, 80
SAME_REL = mpmath.mpf("1e-25")
SAME_REL_HIGH = mpmath.mpf("1e-50")
MAX_MAGNITUDE_LOG10 = 1000
MAX_POWER_LOG10 = 12000
"""Values may reach 10^12000 (a power to 10^4 of a base up to 10 on the default domain never overflows, so a
difference is never hidden where values overflow); the argument of sin, cos, tan… stays below 10^1000, which
bounds the cost of its reduction modulo 2π (exp, sinh and cosh refuse arguments above 2300)."""
MAX_EXPANSION_TERMS = 4000
MAX_EXPONENT_IN_PROCESS = 40
MAX_LARGE_EXPONENT = 200
MAX_OPS_IN_PROCESS = 200
IDENTITY_POINTS = 3
MAX_REWRITE_ROUNDS = 4


@dataclass
class Comparison:
    """The outcome of comparing an answer with the expected expression.

    ``equal`` is True, False, or None (undecided); ``method`` says which layer decided; ``counterexample``
    is ``{"point": {name: text}, "yours": text, "expected": text}`` when the values differ somewhere.
    """

    equal: bool | None
    method: str
    counterexample: dict[str, Any] | None = None
    valid_points: int = 0
    notes: list[str] = field(default_factory=list)
    never_real: dict[str, Any] | None = None
    """When undecided because no point of the domain has both sides real: ``{"side": "yours" | "expected" |
    "both" | "together", "domain": {name: [lo, hi]}}`` (see ``_never_both_real``)."""


class _NotANumber(Exception):
    """The expression has no finite value at this point (overflow, pole, unknown node)."""


class _NotReal(_NotANumber):
    """The expression's value at this point has a significant imaginary part."""


class _ContextPool:
    """mpmath contexts at fixed precisions, built once per process and shared by its threads.

    mpmath's global context is not thread-safe, and a context's precision is mutable state that some functions
    raise for a while (complex ``erf`` works at extra precision), so two threads must never use one context at
    the same time. A check borrows a context for one evaluation and gives it back; a new one is built only
    when every context at that precision is in use. Streamlit runs each script run in a new thread, so a
    per-thread cache built two fresh contexts (about 0.4 ms each) for almost every check of a wrong answer.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._free: dict[int, list[mpmath.MPContext]] = {}
        self.built = 0

    def take(self, dps: int) -> mpmath.MPContext:
        """A context at ``dps`` digits that no other thread uses until it is given back with ``give``."""
        with self._lock:
            free = self._free.get(dps)
            if free:
                return free.pop()
            self.built += 1
        ctx = mpmath.MPContext()
        ctx.dps = dps
        return ctx

    def give(self, ctx: mpmath.MPContext, dps: int) -> None:
        """Return a borrowed context (at its original precision)."""
        if ctx.dps != dps:
            ctx.dps = dps
        with self._lock:
            self._free.setdefault(dps, []).append(ctx)


CONTEXTS = _ContextPool()


# ---------------------------------------------------------------------------------------------------------
# Numeric evaluation
# ---------------------------------------------------------------------------------------------------------

def _unary(name: str) -> Callable[[mpmath.MPContext, Any], Any]:
    return lambda ctx, v: getattr(ctx, name)(v)


def _log(ctx: mpmath.MPContext, v: Any, base: Any = None) -> Any:
    if v == 0:
        raise _NotANumber
    return ctx.log(v) if base is None else ctx.log(v) / ctx.log(base)


def _real(ctx: mpmath.MPContext, v: Any) -> Any:
    if isinstance(v, ctx.mpc):
        if abs(v.imag) > SAME_REL * max(1, abs(v.real)):
            raise _NotReal
        return v.real
    return v


def _max(ctx: mpmath.MPContext, *vs: Any) -> Any:
    return max(_real(ctx, v) for v in vs)


def _min(ctx: mpmath.MPContext, *vs: Any) -> Any:
    return min(_real(ctx, v) for v in vs)


def _heaviside(ctx: mpmath.MPContext, v: Any, h0: Any = None) -> Any:
    v = _real(ctx, v)
    if v == 0:
        return ctx.mpf(1) if h0 is None else h0
    return ctx.mpf(1) if v > 0 else ctx.mpf(0)


def _sign(ctx: mpmath.MPContext, v: Any) -> Any:
    return ctx.sign(v)


def _factorial(ctx: mpmath.MPContext, v: Any) -> Any:
    v = _real(ctx, v)
    if v > 400 or v < 0:
        raise _NotANumber
    return ctx.factorial(v)


def _exp(ctx: mpmath.MPContext, v: Any) -> Any:
    if ctx.re(v) > 2300:
        raise _NotANumber
    return ctx.exp(v)


def _sigmoid(ctx: mpmath.MPContext, v: Any) -> Any:
    if ctx.re(v) < -2300:
        return ctx.mpf(0)
    if ctx.re(v) > 2300:
        return ctx.mpf(1)
    return 1 / (1 + ctx.exp(-v))


_FUNCTIONS: dict[type, Callable[..., Any]] = {
    sigmoid: _sigmoid,
    sp.exp: _exp,
    sp.log: _log,
    sp.sin: _unary("sin"), sp.cos: _unary("cos"), sp.tan: _unary("tan"),
    sp.cot: _unary("cot"), sp.sec: _unary("sec"), sp.csc: _unary("csc"),
    sp.asin: _unary("asin"), sp.acos: _unary("acos"), sp.atan: _unary("atan"),
    sp.sinh: _unary("sinh"), sp.cosh: _unary("cosh"), sp.tanh: _unary("tanh"),
    sp.asinh: _unary("asinh"), sp.acosh: _unary("acosh"), sp.atanh: _unary("atanh"),
    sp.Abs: lambda ctx, v: abs(v),
    sp.sign: _sign,
    sp.Max: _max, sp.Min: _min,
    sp.Heaviside: _heaviside,
    sp.factorial: _factorial,
    sp.erf: _unary("erf"),
    sp.floor: lambda ctx, v: ctx.floor(_real(ctx, v)),
    sp.ceiling: lambda ctx, v: ctx.ceil(_real(ctx, v)),
}


_PERIODIC = (sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc)


def _check_magnitude(ctx: mpmath.MPContext, v: Any, limit_log10: int = MAX_MAGNITUDE_LOG10) -> Any:
    """``v``, checked finite and below 10^``limit_log10``; a value that is not real marks the evaluation as a
    detour. (Runs for every node evaluated: a real value is checked on its raw (sign, mantissa, exponent,
    bits) tuple.)"""
    if type(v) is ctx.mpf:
        _, man, exp, bc = v._mpf_
        if not man:
            if exp:  # ±inf or nan
                raise _NotANumber
            return v
        if exp + bc > limit_log10 * 3.33:
            raise _NotANumber
        return v
    if not ctx.isfinite(v):
        raise _NotANumber
    if isinstance(v, ctx.mpc) and abs(v.imag) > SAME_REL * max(1, abs(v.real)):
        ctx.detour = True
    m = abs(v)
    if m != 0 and ctx.mag(m) > limit_log10 * 3.33:
        raise _NotANumber
    return v


def _pow(ctx: mpmath.MPContext, node: sp.Pow, env: Mapping[sp.Symbol, Any]) -> Any:
    base = _eval(ctx, node.base, env)
    e = node.exp
    if e.is_Integer:
        n = int(e)
        if base == 0 and n < 0:
            raise _NotANumber
        if base != 0 and abs(n) * abs(ctx.mag(base)) > MAX_POWER_LOG10 * 3.33:
            raise _NotANumber
        return base ** n
    if e.is_Rational and not isinstance(base, ctx.mpc) and base >= 0:
        if base == 0:
            if e < 0:
                raise _NotANumber
            return ctx.mpf(0)
        return ctx.root(base, int(e.q)) ** int(e.p) if abs(int(e.p)) < 10**6 else base ** _eval(ctx, e, env)
    ev = _eval(ctx, e, env)
    if base == 0:
        if ctx.re(ev) > 0:
            return ctx.mpf(0)
        raise _NotANumber
    if ctx.re(ev * ctx.log(base)) > 2300:
        raise _NotANumber
    return base ** ev


def _eval(ctx: mpmath.MPContext, node: sp.Basic, env: Mapping[sp.Symbol, Any]) -> Any:
    """The value of ``node`` at ``env`` in ``ctx`` (mpf or mpc); raises _NotANumber."""
    if node.is_Symbol:
        if node not in env:
            raise _NotANumber
        return env[node]
    if node.is_Integer:
        return ctx.mpf(int(node))
    if node.is_Rational:
        return ctx.mpf(int(node.p)) / int(node.q)
    if node.is_Float:
        return ctx.mpf(node._mpf_)
    if node is sp.pi:
        return +ctx.pi
    if node is sp.E:
        return +ctx.e
    if node is sp.I:
        return ctx.mpc(0, 1)
    if node.is_Add:
        total = ctx.mpf(0)
        for arg in node.args:
            total += _eval(ctx, arg, env)
        return _check_magnitude(ctx, total, MAX_POWER_LOG10)
    if node.is_Mul:
        prod = ctx.mpf(1)
        for arg in node.args:
            prod *= _eval(ctx, arg, env)
        return _check_magnitude(ctx, prod, MAX_POWER_LOG10)
    if node.is_Pow:
        return _check_magnitude(ctx, _pow(ctx, node, env), MAX_POWER_LOG10)
    fn = _FUNCTIONS.get(type(node))
    if fn is None:
        for cls, f in _FUNCTIONS.items():
            if isinstance(node, cls):
                fn = f
                break
    if fn is not None:
        args = [_eval(ctx, a, env) for a in node.args]
        if isinstance(node, _PERIODIC):  # reducing a huge argument modulo 2π costs its digits
            args = [_check_magnitude(ctx, a) for a in args]
        try:
            return _check_magnitude(ctx, fn(ctx, *args), MAX_POWER_LOG10)
        except (ValueError, ZeroDivisionError, OverflowError) as exc:
            raise _NotANumber from exc
    return _fallback(ctx, node, env)


def _fallback(ctx: mpmath.MPContext, node: sp.Basic, env: Mapping[sp.Symbol, Any]) -> Any:
    """Nodes we do not know: their ``exp`` form if they have one, else SymPy's own evalf."""
    if isinstance(node, sp.Function):
        rewritten = node.rewrite(sp.exp)
        if rewritten != node:
            return _eval(ctx, rewritten, env)
    if node.is_number and node.is_comparable is False and node.is_real is False:
        raise _NotANumber
    subs = {s: sp.Float(mpmath.nstr(v, ctx.dps), ctx.dps) for s, v in env.items() if not isinstance(v, ctx.mpc)}
    try:
        value = node.evalf(ctx.dps, subs=subs)
    except Exception as exc:  # SymPy raises many kinds on exotic nodes
        raise _NotANumber from exc
    if value.is_Number:
        if not value.is_finite:
            raise _NotANumber
        return ctx.mpf(value._mpf_) if value.is_Float else ctx.mpf(int(value.p)) / int(value.q)
    re, im = value.as_real_imag()
    if re.is_Number and im.is_Number:
        return ctx.mpc(ctx.mpf(str(re)), ctx.mpf(str(im)))
    raise _NotANumber


def evaluate(expr: sp.Basic, point: Mapping[sp.Symbol, Any], dps: int = LOW_DPS) -> Any:
    """The real value of ``expr`` at ``point`` (decimal strings or mpf) with ``dps`` digits, or None if none
    (a real value reached through values that are not real counts: i·i = −1)."""
    kind, value = _value(expr, point, dps)
    return value if kind in (REAL, DETOUR) else None


REAL, DETOUR, NOT_REAL, UNDEFINED = "real", "detour", "not real", "undefined"


class _ValueMemo:
    """The values of expressions at points already computed in this process, keyed by (expression, point,
    digits): a check compares the same answer with the key and with each anticipated mistake at the same points.
    Values are immutable and the same in every thread; at most ``size`` entries (the least recently used go)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[Any, tuple[str, Any]] = OrderedDict()

    def get(self, key: Any) -> tuple[str, Any] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Any, value: tuple[str, Any]) -> None:
        with self._lock:
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)


VALUES = _ValueMemo(4096)


def _value(expr: sp.Basic, point: Mapping[sp.Symbol, Any], dps: int) -> tuple[str, Any]:
    """``(REAL, value)``, ``(DETOUR, value)`` (real, but computed through a value that is not: √ or log of a
    negative number), ``(NOT_REAL, imaginary part)`` or ``(UNDEFINED, None)`` of ``expr`` at ``point``
    (remembered: see ``_ValueMemo``)."""
    key = (expr, tuple(point.items()), dps)
    found = VALUES.get(key)
    if found is None:
        found = _computed_value(expr, point, dps)
        VALUES.put(key, found)
    return found


@functools.lru_cache(maxsize=2048)
def _decimal(text: str, prec: int, rounding: str) -> tuple[int, int, int, int]:
    """The mpmath value (raw ``_mpf_``) of a point's decimal ``text`` at ``prec`` bits (parsed once)."""
    return mpmath.libmp.from_str(text, prec, rounding)


def _coordinate(ctx: mpmath.MPContext, v: Any) -> Any:
    if isinstance(v, str):
        return ctx.make_mpf(_decimal(v, *ctx._prec_rounding))
    return ctx.mpf(v)


def _computed_value(expr: sp.Basic, point: Mapping[sp.Symbol, Any], dps: int) -> tuple[str, Any]:
    """``_value``, computed."""
    ctx = CONTEXTS.take(dps)
    try:
        ctx.detour = False
        env = {s: _coordinate(ctx, v) for s, v in point.items()}
        v = _eval(ctx, expr, env)
        if isinstance(v, ctx.mpc) and abs(v.imag) > SAME_REL * max(1, abs(v.real)):
            return NOT_REAL, v.imag
        return (DETOUR if ctx.detour else REAL), _real(ctx, v)
    except _NotReal:
        return NOT_REAL, None
    except (_NotANumber, ValueError, ZeroDivisionError, OverflowError, TypeError, RecursionError):
        return UNDEFINED, None
    finally:
        CONTEXTS.give(ctx, dps)


def free_symbols(expr: sp.Basic) -> frozenset[sp.Basic]:
    """``expr.free_symbols``, remembered (SymPy walks the whole tree each time; a check asks it of the same
    answer in every comparison)."""
    try:
        return _free_symbols(expr)
    except TypeError:  # not hashable (a mutable matrix)
        return frozenset(expr.free_symbols)


@functools.lru_cache(maxsize=1024)
def _free_symbols(expr: sp.Basic) -> frozenset[sp.Basic]:
    return frozenset(expr.free_symbols)


def sample_values(exprs: Sequence[sp.Basic], domain: Mapping[str, tuple[float, float]] | None = None, *,
                  whole: frozenset[sp.Symbol] = frozenset(), deadline: Deadline | None = None,
                  seed: int = 97) -> Iterator[list[Any]]:
    """The values of ``exprs`` (at ``LOW_DPS`` digits) at points where every one of them is a real number, one
    list per point, computed as they are asked for: random points of each variable's domain, whole numbers
    1, 2, … for the symbols in ``whole`` (sequence indices); one point when there are no variables. Stops
    after 40 points tried, or at the ``deadline``."""
    symbols = sorted(frozenset().union(*map(free_symbols, exprs)), key=lambda s: s.name)
    rng = random.Random(seed)
    for attempt in range(40 if symbols else 1):
        if deadline is not None and deadline.passed():
            return
        point = {s: str(1 + (attempt * 5 + i) % 11) if s in whole else repr(rng.uniform(*_domain_of(s, domain)))
                 for i, s in enumerate(symbols)}
        values = []
        for expr in exprs:
            kind, value = _value(expr, point, LOW_DPS)
            if kind != REAL:
                break
            values.append(value)
        else:
            yield values


# ---------------------------------------------------------------------------------------------------------
# Points and their relation
# ---------------------------------------------------------------------------------------------------------

def _domain_of(sym: sp.Symbol, domain: Mapping[str, tuple[float, float]] | None) -> tuple[float, float]:
    if domain and sym.name in domain:
        lo, hi = domain[sym.name]
        return float(lo), float(hi)
    return DEFAULT_DOMAIN


def _nice_values(lo: float, hi: float) -> list[str]:
    inside = [v for v in NICE_VALUES if lo <= float(v) <= hi]
    if len(inside) >= 4:
        return inside
    span = hi - lo
    extra = [_short(lo + span * f, 2) for f in (0.5, 0.25, 0.75, 0.1, 0.9, 0.4, 0.6)]
    return inside + [v for v in extra if v not in inside and lo <= float(v) <= hi] or [_short(lo, 6)]


def _short(v: float, digits: int) -> str:
    """``v`` as a short decimal string with ``digits`` significant digits."""
    if v == 0:
        return "0"
    text = f"{v:.{digits}g}"
    if "e" in text:
        text = f"{v:.{max(digits, 1) + 10}f}".rstrip("0").rstrip(".")
    return text


def _points(symbols: Sequence[sp.Symbol], domain: Mapping[str, tuple[float, float]] | None,
            seed: int) -> list[tuple[Mapping[sp.Symbol, str], bool]]:
    """Candidate points as (point, is_nice): nice ones first, then random full-precision ones (drawn from
    ``random.Random(seed)``). The same symbols, domain and seed give the same points: they are drawn once."""
    return list(_drawn_points(tuple(symbols), tuple(_domain_of(s, domain) for s in symbols), seed))


@functools.lru_cache(maxsize=256)
def _drawn_points(symbols: tuple[sp.Symbol, ...], bounds: tuple[tuple[float, float], ...],
                  seed: int) -> tuple[tuple[Mapping[sp.Symbol, str], bool], ...]:
    rng = random.Random(seed)
    nice = [_nice_values(lo, hi) for lo, hi in bounds]
    out: list[tuple[Mapping[sp.Symbol, str], bool]] = []
    for i in range(NICE_POINTS):
        point = {s: nice[j][(i + 2 * j) % len(nice[j])] for j, s in enumerate(symbols)}
        out.append((MappingProxyType(point), True))
    for _ in range(MAX_ATTEMPTS - NICE_POINTS):
        point = {s: repr(rng.uniform(lo, hi)) for s, (lo, hi) in zip(symbols, bounds)}
        out.append((MappingProxyType(point), False))
    return tuple(out)


def _edge_points(exprs: Sequence[sp.Basic], symbols: Sequence[sp.Symbol],
                 domain: Mapping[str, tuple[float, float]] | None) -> list[tuple[dict[sp.Symbol, str], bool]]:
    """Points that random sampling misses: the domain's corners and points just inside them, and — for
    piecewise functions (max, min, |·|, relu, Heaviside, sign, Piecewise) — points on both sides of each
    breakpoint, so a difference confined to a narrow strip (``x + relu(x - 2.999)`` vs ``x``) is seen."""
    if not symbols:
        return []
    bounds = {s: _domain_of(s, domain) for s in symbols}
    corners = list(_corner_points(tuple(symbols), tuple(bounds.values())))
    if not any(expr.has(*PIECEWISE) for expr in exprs):
        return corners
    base = {s: float(_nice_values(*bounds[s])[0]) for s in symbols}
    breaks = [{**base, s: v} for s, v in _breakpoint_values(exprs, bounds, base)]
    return corners + [(_decimal_point(pt), True) for pt in breaks]


@functools.lru_cache(maxsize=256)
def _corner_points(symbols: tuple[sp.Symbol, ...],
                   bounds: tuple[tuple[float, float], ...]) -> tuple[tuple[Mapping[sp.Symbol, str], bool], ...]:
    """The domain's corners and the points just inside them (see ``_edge_points``), drawn once."""
    inside = [(lo + (hi - lo) * 1e-6, hi - (hi - lo) * 1e-6) for lo, hi in bounds]
    corners = [{s: b[0] for s, b in zip(symbols, bounds)}, {s: b[1] for s, b in zip(symbols, bounds)},
               {s: b[0] for s, b in zip(symbols, inside)}, {s: b[1] for s, b in zip(symbols, inside)}]
    if len(symbols) > 1:
        corners += [{s: b[i % 2] for i, (s, b) in enumerate(zip(symbols, bounds))},
                    {s: b[1 - i % 2] for i, (s, b) in enumerate(zip(symbols, bounds))}]
    return tuple((_decimal_point(pt), True) for pt in corners)


def _decimal_point(point: Mapping[sp.Symbol, float]) -> Mapping[sp.Symbol, str]:
    return MappingProxyType({s: _short(float(v), 15) for s, v in point.items()})


POWER_EXPONENTS = ("2", "-1", "3", "0.5", "-2", "1.5", "1", "-0.5")
POWER_BASES = ("-2", "2", "-0.5", "3")
MAX_POWER_POINTS = 32


def _power_points(exprs: Sequence[sp.Basic], symbols: Sequence[sp.Symbol],
                  domain: Mapping[str, tuple[float, float]] | None) -> list[tuple[dict[sp.Symbol, str], bool]]:
    """Points for powers with a variable exponent, where random points see only complex values: negative bases
    with whole and half exponents, so (a^b)^c is told from a^(bc) (a = −2, b = 2, c = ½ gives 2 and −2).
    Variables of exponents take POWER_EXPONENTS, the other variables of those powers POWER_BASES (both within
    the domain), the rest their first nice value; at most MAX_POWER_POINTS points."""
    exponents: set[sp.Symbol] = set()
    bases: set[sp.Symbol] = set()
    for expr in exprs:
        for node in expr.atoms(sp.Pow):
            if not node.exp.is_number:
                exponents |= node.exp.free_symbols
                bases |= node.base.free_symbols
    if not exponents:
        return []
    choices = []
    for s in symbols:
        lo, hi = _domain_of(s, domain)
        wanted = POWER_EXPONENTS if s in exponents else POWER_BASES if s in bases else ()
        inside = [v for v in wanted if lo <= float(v) <= hi] or _nice_values(lo, hi)[:1]
        choices.append(inside)
    grid = itertools.islice(itertools.product(*choices), MAX_POWER_POINTS)
    return [(dict(zip(symbols, values)), True) for values in grid]


PIECEWISE = (sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.sign, sp.Piecewise)
MAX_SWITCHES = 8
MAX_BREAKPOINTS = 24
MAX_ROOT_DEGREE = 6
SCAN_STEPS = 300


def _switches(exprs: Sequence[sp.Basic]) -> list[sp.Basic]:
    """The expressions whose sign decides which piece of a piecewise function applies (at most MAX_SWITCHES)."""
    out: list[sp.Basic] = []
    for expr in exprs:
        if not expr.has(*PIECEWISE):
            continue
        for node in sp.preorder_traversal(expr):
            if isinstance(node, (sp.Abs, sp.sign, sp.Heaviside)):
                out.append(node.args[0])
            elif isinstance(node, (sp.Max, sp.Min)):
                out += [a - b for i, a in enumerate(node.args) for b in node.args[i + 1:]]
            elif isinstance(node, sp.Piecewise):
                out += [c.lhs - c.rhs for _, c in node.args if isinstance(c, sp.core.relational.Relational)]
            if len(out) >= MAX_SWITCHES:
                return out[:MAX_SWITCHES]
    return out


def _breakpoint_values(exprs: Sequence[sp.Basic], bounds: Mapping[sp.Symbol, tuple[float, float]],
                       base: Mapping[sp.Symbol, float]) -> list[tuple[sp.Symbol, float]]:
    """``(variable, value)`` pairs just either side of each breakpoint in the domain (other variables at
    ``base``), with a bounded effort: polynomial roots up to a small degree, else a sign-change scan."""
    out: list[tuple[sp.Symbol, float]] = []
    for switch in _switches(exprs):
        for s in sorted(switch.free_symbols & set(bounds), key=lambda v: v.name):
            others = {o: sp.Rational(repr(base[o])) for o in switch.free_symbols if o != s and o in base}
            lo, hi = bounds[s]
            roots = sorted(r for r in _real_roots(switch.xreplace(others), s, lo, hi) if lo < r < hi)
            for i, r in enumerate(roots):
                gaps = [hi - lo] + [abs(r - q) for q in roots[max(i - 1, 0):i + 2] if q != r]
                delta = min((hi - lo) * 1e-4, min(gaps) / 3)
                out += [(s, max(lo, r - delta)), (s, min(hi, r + delta))]
            if len(out) >= MAX_BREAKPOINTS:
                return out[:MAX_BREAKPOINTS]
    return out


def _real_roots(expr: sp.Basic, s: sp.Symbol, lo: float, hi: float) -> list[float]:
    """Real roots of ``expr`` (in ``s`` only) in [lo, hi], found numerically; may miss some, never hangs."""
    if expr.free_symbols != {s}:
        return []
    try:
        if small_enough(expr) and expr.is_polynomial(s):
            poly = sp.Poly(expr, s)
            if poly.degree() <= MAX_ROOT_DEGREE and all(c.is_number for c in poly.all_coeffs()):
                return [float(sp.re(r)) for r in poly.nroots(n=15, maxsteps=60)
                        if abs(sp.im(r)) <= 1e-9 * max(1.0, abs(float(sp.re(r))))]
    except (sp.PolynomialError, mpmath.libmp.NoConvergence, ValueError, TypeError):
        pass
    return _scan_roots(expr, s, lo, hi)


def _scan_roots(expr: sp.Basic, s: sp.Symbol, lo: float, hi: float) -> list[float]:
    """Sign changes of ``expr`` on a grid of the domain, refined by bisection."""
    def sign_at(v: float) -> int | None:
        kind, value = _computed_value(expr, {s: repr(v)}, 15)
        return None if kind not in (REAL, DETOUR) else (value > 0) - (value < 0)

    roots = []
    step = (hi - lo) / SCAN_STEPS
    prev_x, prev = lo, sign_at(lo)
    for k in range(1, SCAN_STEPS + 1):
        x = lo + k * step
        cur = sign_at(x)
        if prev is not None and cur is not None and prev * cur <= 0 and (prev, cur) != (0, 0):
            a, b = prev_x, x
            for _ in range(40):
                mid = (a + b) / 2
                m = sign_at(mid)
                if m is None:
                    break
                a, b = (mid, b) if m == prev and prev != 0 else (a, mid)
            roots.append((a + b) / 2)
        prev_x, prev = x, cur
    return roots


def _relation(expected: sp.Basic, answer: sp.Basic, point: Mapping[sp.Symbol, str]) -> tuple[str, Any, Any]:
    """``(relation, yours, expected)`` at ``point``; relation is ``"same"``, ``"differ"`` (both real),
    ``"yours not real"`` / ``"expected not real"`` (that side has an imaginary part, the other is real; its
    value is None) or ``"skip"``. A side that is real only through a value that is not (√(k/m)·√(m/k) = −1 at
    k < 0 < m) is undefined there in real terms: the point is skipped, unless both sides are constants."""
    (a_kind, a), (b_kind, b) = _value(answer, point, LOW_DPS), _value(expected, point, LOW_DPS)
    if DETOUR in (a_kind, b_kind) and point:
        (a_kind, a), (b_kind, b) = _value(answer, point, HIGH_DPS), _value(expected, point, HIGH_DPS)
        if DETOUR in (a_kind, b_kind):  # still at 80 digits: not rounding noise in a square root
            return "skip", None, None
        return _real_relation(expected, answer, point, a, b) if a_kind == b_kind == REAL else ("skip", None, None)
    if a_kind in (REAL, DETOUR) and b_kind in (REAL, DETOUR):
        return _real_relation(expected, answer, point, a, b)
    if {a_kind, b_kind} == {REAL, NOT_REAL} or {a_kind, b_kind} == {DETOUR, NOT_REAL}:
        (a2_kind, a2), (b2_kind, b2) = _value(answer, point, HIGH_DPS), _value(expected, point, HIGH_DPS)
        if (a2_kind, b2_kind) != (a_kind, b_kind):
            return "skip", None, None
        if a_kind == NOT_REAL and _stable_imaginary(a, a2):
            return "yours not real", None, b2
        if b_kind == NOT_REAL and _stable_imaginary(b, b2):
            return "expected not real", a2, None
    return "skip", None, None


DIFFERENCES = ("differ", "yours not real", "expected not real")


def _stable_imaginary(low: Any, high: Any) -> bool:
    """Whether an imaginary part is the same at both precisions (not rounding noise); None means 'raised'."""
    if low is None or high is None:
        return low is None and high is None
    return abs(high - low) <= mpmath.mpf("1e-8") * abs(high)


def _real_relation(expected: sp.Basic, answer: sp.Basic, point: Mapping[sp.Symbol, str], a: Any,
                   b: Any) -> tuple[str, Any, Any]:
    scale = max(abs(a), abs(b))
    if scale == 0 or abs(a - b) <= SAME_REL * scale:
        return "same", a, b
    a2, b2 = evaluate(answer, point, HIGH_DPS), evaluate(expected, point, HIGH_DPS)
    if a2 is None or b2 is None:
        return "skip", a, b
    d1, d2 = a - b, a2 - b2
    scale2 = max(abs(a2), abs(b2))
    if abs(d2) <= SAME_REL_HIGH * scale2:
        return "same", a, b
    if abs(d2 - d1) <= mpmath.mpf("1e-8") * abs(d2):
        return "differ", a2, b2
    return "skip", a, b


def format_value(v: Any, other: Any = None) -> str:
    """A short decimal for display: 4 significant digits, more (or scientific notation) when needed so that
    it reads as a different number from ``other`` — never "1.0" against "1" or "0" against 3e-109."""
    for digits in (4, 6, 8, 12, 16, 24):
        text = _fmt(v, digits)
        if other is None or v == other or mpmath.mpf(text) != mpmath.mpf(_fmt(other, digits)):
            return text
    return _fmt(v, 30)


def _fmt(v: Any, digits: int) -> str:
    nearest = mpmath.nint(v)
    if v == nearest and abs(nearest) < 10**15:
        return str(int(nearest))
    text = mpmath.nstr(v, digits, min_fixed=-4, max_fixed=digits + 1, strip_zeros=True)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace("e-0", "e-").replace("e+0", "e+").replace("e+", "e")


def _rounded_point(point: Mapping[sp.Symbol, str], digits: int) -> dict[sp.Symbol, str]:
    return {s: _short(float(v), digits) for s, v in point.items()}


def _counterexample(expected: sp.Basic, answer: sp.Basic, point: Mapping[sp.Symbol, str], is_nice: bool,
                    relation: str, yours: Any, wanted: Any) -> dict[str, Any]:
    """The counterexample at the nicest nearby point that still shows the difference.

    ``{"point", "yours", "expected"}`` with values as short decimals; when one side is not a real number there,
    its value is None and ``"not_real"`` says which side (``"yours"`` or ``"expected"``).
    """
    if not is_nice or any(len(v) > 8 for v in point.values()):
        for digits in (1, 2, 3):
            p = _rounded_point(point, digits)
            rel, a, b = _relation(expected, answer, p)
            if rel == relation:
                point, yours, wanted = p, a, b
                break
    example: dict[str, Any] = {
        "point": {s.name: v for s, v in point.items()},
        "yours": None if yours is None else format_value(yours, wanted),
        "expected": None if wanted is None else format_value(wanted, yours),
    }
    if relation != "differ":
        example["not_real"] = "yours" if yours is None else "expected"
    return example


# ---------------------------------------------------------------------------------------------------------
# Exact layers
# ---------------------------------------------------------------------------------------------------------

def _expansion_terms(expr: sp.Basic) -> int:
    """A rough upper bound on the number of terms ``expr`` expands to (capped)."""
    cap = 10**7
    if expr.is_Atom:
        return 1
    if expr.is_Add:
        return min(cap, sum(_expansion_terms(a) for a in expr.args))
    if expr.is_Mul:
        total = 1
        for a in expr.args:
            total = min(cap, total * _expansion_terms(a))
        return total
    if expr.is_Pow:
        k = _expansion_terms(expr.base)
        e = expr.exp
        if e.is_Integer:
            n = abs(int(e))
            if n > MAX_EXPONENT_IN_PROCESS and k > 1:
                return cap
            return min(cap, math.comb(n + k - 1, max(k - 1, 0)) if k > 1 else 1)
        return k
    return min(cap, 1 + sum(_expansion_terms(a) for a in expr.args))


def small_enough(expr: sp.Basic) -> bool:
    """Whether exact algebra on ``expr`` is cheap enough to run in-process."""
    return _node_count(expr, 2 * MAX_OPS_IN_PROCESS) <= 2 * MAX_OPS_IN_PROCESS \
        and _expansion_terms(expr) <= MAX_EXPANSION_TERMS


def _node_count(expr: sp.Basic, cap: int) -> int:
    """The number of nodes of ``expr``'s tree, counted up to ``cap + 1`` (cheaper than ``count_ops``)."""
    count = 0
    for _ in sp.preorder_traversal(expr):
        count += 1
        if count > cap:
            break
    return count


def _is_rational_function(expr: sp.Basic) -> bool:
    """Symbols and rational numbers combined by +, ×, and integer powers only."""
    for node in sp.preorder_traversal(expr):
        if node.is_Symbol or node.is_Rational:
            continue
        if node.is_Add or node.is_Mul:
            continue
        if node.is_Pow and node.exp.is_Integer:
            continue
        return False
    return True


def _rational_zero(expr: sp.Basic, rng: random.Random) -> bool | None:
    """Whether a rational function (see ``_is_rational_function``) with rational coefficients is identically 0.

    Evaluated exactly, in rational arithmetic, at random points whose coordinates are fractions of 62-bit
    integers. A non-zero value proves it is not 0. A non-zero rational function N/D of degree d vanishes at
    such a random point with probability at most d / 2^62 (Schwartz–Zippel), so vanishing at
    ``IDENTITY_POINTS`` independent points shows it is 0 with an error below 10^-40 for every degree the
    size limits allow. Much faster than ``cancel`` or expanding over a polynomial ring.
    """
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    zeros = 0
    for _ in range(4 * IDENTITY_POINTS):
        point = {s: Fraction(rng.randrange(-2**62, 2**62), rng.randrange(1, 2**62)) for s in symbols}
        value = _exact_value(expr, point, {})
        if value is None:
            continue  # a pole of some part: try another point
        if value != 0:
            return False
        zeros += 1
        if zeros >= IDENTITY_POINTS:
            return True
    return None  # poles at every random point: a divisor that is identically 0


def _exact_value(node: sp.Basic, point: Mapping[sp.Symbol, Fraction],
                 memo: dict[sp.Basic, Fraction | None]) -> Fraction | None:
    """The exact value of a rational function at ``point``, or None at a pole."""
    if node in memo:
        return memo[node]
    if node.is_Symbol:
        value: Fraction | None = point[node]
    elif node.is_Rational:
        value = Fraction(int(node.p), int(node.q))
    elif node.is_Add or node.is_Mul:
        value = Fraction(0) if node.is_Add else Fraction(1)
        for arg in node.args:
            part = _exact_value(arg, point, memo)
            if part is None:
                value = None
                break
            value = value + part if node.is_Add else value * part
    else:  # an integer power
        base, n = _exact_value(node.base, point, memo), int(node.exp)
        value = None if base is None or (base == 0 and n < 0) else base ** n
    memo[node] = value
    return value


def _constant_ratio(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    """``a / b`` reduced when it is a number (then a Rational or other constant), else some non-number."""
    if a == b:
        return sp.Integer(1)
    (ca, ra), (cb, rb) = a.as_coeff_Mul(), b.as_coeff_Mul()
    if ra == rb:
        return ca / cb
    if ra == -rb:
        return -ca / cb
    return sp.cancel(a / b)


def _exp_to_powers(expr: sp.Basic) -> sp.Basic | None:
    """``expr`` with every family of exp(k·L) (k rational) replaced by powers of one new symbol, or None."""
    exps = sorted(expr.atoms(sp.exp), key=sp.default_sort_key)
    if not exps:
        return None
    families: list[tuple[sp.Basic, list[tuple[sp.exp, sp.Rational]]]] = []
    for node in exps:
        arg = node.args[0]
        for base, members in families:
            ratio = _constant_ratio(arg, base)
            if ratio.is_Rational:
                members.append((node, ratio))
                break
        else:
            families.append((arg, [(node, sp.Integer(1))]))
    replacements = {}
    for i, (base, members) in enumerate(families):
        t = sp.Dummy(f"t{i}", positive=True)
        denominator = sp.ilcm(*[int(r.q) for _, r in members]) if len(members) > 1 else int(members[0][1].q)
        for node, ratio in members:
            replacements[node] = t ** int(ratio * denominator)
    replaced = expr.xreplace(replacements)
    return replaced if _is_rational_function(replaced) else None


def _exact_zero(diff: sp.Basic, seed: int = 0) -> bool | None:
    """True/False when cheap exact algebra decides ``diff == 0``; None when it cannot."""
    if diff == 0:
        return True
    if not small_enough(diff):
        return None
    rng = random.Random(seed)
    if _is_rational_function(diff):
        return _rational_zero(diff, rng)
    rewritten = _rewrite_as_exp(diff)
    if rewritten == 0 or (rewritten.has(sp.log) and sp.expand_log(rewritten) == 0):
        return True
    replaced = _exp_to_powers(rewritten)
    if replaced is not None and small_enough(replaced) and _rational_zero(replaced, rng):
        return True
    return None


CONSTANT_AGREEMENT = mpmath.mpf("1e-70")


def _constants_agree(expected: sp.Basic, answer: sp.Basic) -> bool:
    """Whether two constants agree to 70 significant digits (evaluated at 80)."""
    a, b = evaluate(answer, {}, HIGH_DPS), evaluate(expected, {}, HIGH_DPS)
    if a is None or b is None:
        return False
    return abs(a - b) <= CONSTANT_AGREEMENT * max(abs(a), abs(b), mpmath.mpf(1))


def _has_large_power(expr: sp.Basic) -> bool:
    """Whether ``expr`` holds a power of a non-constant to a whole exponent beyond exact expansion's reach."""
    return any(p.exp.is_Integer and abs(int(p.exp)) > MAX_LARGE_EXPONENT and not p.base.is_number
               for p in expr.atoms(sp.Pow))


def _zero_where_positive(diff: sp.Basic) -> bool:
    """Whether ``diff`` is exactly 0 when every variable is positive (roots and logs of products then split,
    so SymPy's own evaluation or the cheap exact layers decide it). Only meaningful with numeric agreement
    elsewhere: √(x²) − x is 0 for positive x too."""
    if not diff.has(sp.Pow, sp.log, sp.Abs) or not small_enough(diff):
        return False
    positive = diff.xreplace({s: sp.Dummy(s.name, positive=True) for s in diff.free_symbols
                              if isinstance(s, sp.Symbol)})
    if positive == 0 or sp.powsimp(positive) == 0 or _exact_zero(positive) is True:
        return True
    # roots and absolute values of sums: factor what is inside, so sqrt(4x + 12) = 2 sqrt(x + 3) once x > 0 and
    # |x^2 - 4| = |x - 2| |x + 2| (SymPy splits both once the inside is a product)
    factored = positive.replace(
        lambda n: ((n.is_Pow and not n.exp.is_Integer) or isinstance(n, sp.Abs)) and n.args[0].is_Add
        and bool(n.args[0].free_symbols),
        lambda n: n.func(sp.factor(n.args[0]), *n.args[1:]))
    return factored != positive and sp.powsimp(factored) == 0


def _with_domain_signs(expr: sp.Basic, domain: Mapping[str, tuple[float, float]] | None) -> sp.Basic:
    """``expr`` with each variable whose domain has one sign replaced by a symbol that says so (positive,
    negative, nonnegative, nonpositive), so exact algebra may use it: on x ∈ [0.1, 3], log(x²) − 2 log(x) is 0."""
    if not domain:
        return expr
    replacements = {}
    for sym in expr.free_symbols:
        if not isinstance(sym, sp.Symbol) or sym.name not in domain:
            continue
        lo, hi = domain[sym.name]
        sign = ("positive" if lo > 0 else "negative" if hi < 0 else "nonnegative" if lo >= 0
                else "nonpositive" if hi <= 0 else None)
        if sign:
            replacements[sym] = sp.Symbol(sym.name, real=True, **{sign: True})
    return expr.xreplace(replacements) if replacements else expr


def _rewrite_as_exp(expr: sp.Basic) -> sp.Basic:
    """``expr`` with tanh, sinh, cosh and σ written with exp (only those nodes: ``expr.rewrite(exp)`` would
    also turn every power into exp(log(…)) after costly assumption queries)."""
    for _ in range(MAX_REWRITE_ROUNDS):  # σ(tanh(x)): the rewritten σ still holds a tanh
        nodes = expr.atoms(sp.tanh, sp.sinh, sp.cosh, sigmoid)
        if not nodes:
            break
        expr = expr.xreplace({node: node.rewrite(sp.exp) for node in nodes})
    return expr


# ---------------------------------------------------------------------------------------------------------
# The comparison
# ---------------------------------------------------------------------------------------------------------

def compare(expected: sp.Basic, answer: sp.Basic, *, domain: Mapping[str, tuple[float, float]] | None = None,
            deadline: Deadline | None = None, seed: int = 20240611, explain: bool = True) -> Comparison:
    """Whether ``answer`` equals ``expected`` as functions of their free symbols (see the module docstring).
    With ``explain=False`` a difference comes without its counterexample (for callers that only need
    ``equal``: finding the nicest point that shows it costs more evaluations)."""
    deadline = deadline if deadline is not None else Deadline(2.0)
    if expected == answer:
        return Comparison(True, "structural")
    symbols = sorted(free_symbols(expected) | free_symbols(answer), key=lambda s: s.name)
    points = _points(symbols, domain, seed) if symbols else [({}, True)]
    points[NICE_POINTS:NICE_POINTS] = _edge_points((expected, answer), symbols, domain) \
        + _power_points((expected, answer), symbols, domain)
    nice = [p for p in points if p[1]]
    # Most wrong answers end here, before SymPy builds the difference (when it reduces the difference to 0, the
    # two sides are sums of the same terms, whose values never differ stably between 40 and 80 digits).
    quick = _numeric(expected, answer, nice, deadline, required=0, explain=explain)
    if quick.equal is False:
        return quick
    diff = answer - expected
    if diff == 0:
        return Comparison(True, "structural")
    diff = _with_domain_signs(diff, domain)
    exact = _exact_zero(diff, seed)
    if exact:
        return Comparison(True, "algebraic")
    numeric = _numeric(expected, answer, points, deadline, required=MIN_VALID_POINTS if symbols else 1,
                       explain=explain)
    if numeric.equal is False:
        return numeric
    if exact is False:
        # Exact algebra (decisive for rational functions) says different though no point showed it: the
        # difference is below 25 digits or there were too few valid points.
        numeric.equal, numeric.method = False, "algebraic"
        return numeric
    if numeric.valid_points == 0 and symbols:
        numeric.never_real = _never_both_real(expected, answer, symbols, points, domain, deadline)
        if numeric.never_real is not None:
            return numeric  # nothing to compare in real terms: simplify could not change that
    if numeric.equal:
        hidden = _hidden_difference(expected, answer, diff, points, deadline)
        if hidden is not None:
            return hidden
    if numeric.equal and not symbols and _constants_agree(expected, answer):
        return numeric  # two constants equal to 70 digits: simplify could only confirm it, in seconds
    if numeric.equal and _zero_where_positive(diff):
        # Equal at every sampled point where both sides are real, and provably equal where every variable is
        # positive (√(k/m)·√(m/k) = 1): no need for simplify.
        numeric.method = "algebraic"
        return numeric
    if numeric.equal and _has_large_power(diff):
        return numeric  # simplify cannot finish on (x+1)^9999-sized powers: the 25-digit agreement stands
    with deadline.waiting():
        symbolic = worker.zero_test(diff, timeout=deadline.left())
    if symbolic == "zero":
        numeric.equal, numeric.method = True, "symbolic"
    elif symbolic == "nonzero":
        numeric.equal, numeric.method = False, "symbolic"
    elif numeric.equal:
        numeric.notes.append(f"symbolic: {symbolic}")
    return numeric


def _never_both_real(expected: sp.Basic, answer: sp.Basic, symbols: Sequence[sp.Symbol],
                     points: Sequence[tuple[dict[sp.Symbol, str], bool]],
                     domain: Mapping[str, tuple[float, float]] | None, deadline: Deadline) -> dict[str, Any] | None:
    """Why no point of ``points`` compares the two sides, when that is so: ``side`` is ``"yours"`` or
    ``"expected"`` (that side is a real number at none of them — √(x−3)·√(x−5) on [−3, 3] is real only through
    i·i), ``"both"``, or ``"together"`` (each is real somewhere, never at the same point); ``domain`` gives each
    variable's interval as short decimals. None if some point has both sides real, or time ran out."""
    yours = theirs = False
    for point, _ in points:
        if deadline.passed():
            return None
        a, b = _value(answer, point, LOW_DPS)[0] == REAL, _value(expected, point, LOW_DPS)[0] == REAL
        if a and b:
            return None
        yours, theirs = yours or a, theirs or b
    side = "together" if yours and theirs else "expected" if yours else "yours" if theirs else "both"
    return {"side": side, "domain": {s.name: [_short(v, 6) for v in _domain_of(s, domain)] for s in symbols}}


HIDDEN_POINTS = 12


def _hidden_difference(expected: sp.Basic, answer: sp.Basic, diff: sp.Basic,
                       points: Sequence[tuple[dict[sp.Symbol, str], bool]], deadline: Deadline) -> Comparison | None:
    """A difference below the 25 digits the two sides agree to: a point where ``diff`` — answer − expected as
    SymPy reduced it — is a non-zero real number, the same at 40 and 80 digits (not cancellation noise),
    while both sides are real (x^9000 + relu(x − 2.99) against x^9000 at x = 3). None if there is none among
    the first ``HIDDEN_POINTS`` points where the difference is real (for constants, the one point: 1 + e^-200
    is not 1)."""
    tried = 0
    for point, _ in points:
        if tried >= HIDDEN_POINTS or deadline.passed():
            break
        kind, low = _value(diff, point, LOW_DPS)
        if kind != REAL:
            continue
        tried += 1
        if low == 0:
            continue
        kind, high = _value(diff, point, HIGH_DPS)
        if kind != REAL or high == 0 or abs(high - low) > mpmath.mpf("1e-8") * abs(high):
            continue
        (a_kind, a), (b_kind, b) = _value(answer, point, HIGH_DPS), _value(expected, point, HIGH_DPS)
        if a_kind == b_kind == REAL:
            example = {"point": {s.name: v for s, v in point.items()}, "yours": format_value(a, b),
                       "expected": format_value(b, a), "difference": format_value(high)}
            return Comparison(False, "numeric", example)
    return None


def _numeric(expected: sp.Basic, answer: sp.Basic, points: Sequence[tuple[Mapping[sp.Symbol, str], bool]],
             deadline: Deadline, required: int, explain: bool = True) -> Comparison:
    """Evaluate at ``points``: a stable difference proves inequality (with a counterexample); agreement at
    ``required`` or more random points (any point when there are no variables) suggests equality."""
    valid = random_valid = 0
    for point, is_nice in points:
        if deadline.passed():
            break
        rel, a, b = _relation(expected, answer, point)
        if rel in DIFFERENCES:
            example = _counterexample(expected, answer, point, is_nice, rel, a, b) if explain else None
            return Comparison(False, "numeric", example, valid)
        if rel == "same":
            valid += 1
            random_valid += not is_nice or not point
            if random_valid >= RANDOM_POINTS:
                break
    equal = True if required and random_valid >= required else None
    return Comparison(equal, "numeric", None, valid)
