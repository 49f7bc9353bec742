"""Bounds that keep every parse cheap: input size, nesting, and the size of numbers and powers.

Everything is checked *before* SymPy is asked to build a value, so no input can make it compute a huge
integer, expand an enormous power or recurse without end.
"""
from __future__ import annotations

import math
from functools import lru_cache

from sympy import Basic, Integer, Rational

from .errors import ParseError

MAX_LENGTH = 2000            # characters of input
MAX_DEPTH = 60               # nested brackets / operators
MAX_TOKENS = 1000            # tokens after splitting
MAX_DIGITS = 5000            # decimal digits of any exact integer / rational part we build
MAX_SYMBOLIC_EXPONENT = 10000  # |n| in base^n when the base is not a plain number (kept symbolic, never expanded)
MAX_DECIMAL_EXPONENT = 300   # |k| in 1e<k>
MAX_FACTORIAL = 1000         # factorial(n), n! and binomial(n, k) need n <= this
MAX_MATRIX_ENTRIES = 400     # entries of any vector or matrix we build
MAX_MATRIX_POWER = 64        # A^n for square A
MAX_SYMBOLIC_MATRIX_POWER = 3  # A^n when A has variables (and at most 4×4)
MAX_SYMBOLIC_SQUARE = 4      # det(A) / inv(A) when an entry of A is not a plain number (a variable, √2, π): n×n
MAX_SQUARE = 8               # det(A) / inv(A) of a matrix of plain numbers: n×n
MAX_MATRIX_NODES = 5000      # expression-tree nodes in all entries of a matrix product
MAX_ALTERNATIVES = 16        # combinations of ± in one expression
MAX_SUM_TERMS = 10000        # sum(expr, k, lo, hi) with numeric bounds
MAX_DIFF_ORDER = 20          # diff(f, x, n)
MAX_EXP_ARGUMENT = 2300      # exp(a), sinh(a), cosh(a) of a constant: e^2300 ≈ 10^999
MIN_EXP_ARGUMENT = -10**6    # exp(a) below e^-1000000 is refused too (its evaluation needs huge precision)

_LOG10_2 = math.log10(2)


def digits_of(value: Basic) -> int:
    """Approximate number of decimal digits of an exact Rational (numerator and denominator together)."""
    if isinstance(value, Rational):
        return int((int(value.p).bit_length() + int(value.q).bit_length()) * _LOG10_2) + 1
    return 0


def check_number(value: Basic, column: int | None) -> Basic:
    """Refuse an exact rational result with too many digits."""
    if isinstance(value, Rational) and digits_of(value) > MAX_DIGITS:
        raise ParseError("too_big", column, {"what": {"en": "a number with more than %d digits" % MAX_DIGITS,
                                                      "zh": "超过 %d 位的数" % MAX_DIGITS}, "hint": "number"})
    return value


def _magnitude_log10(value: Basic) -> float | None:
    """log10 |value| for a numeric SymPy value, None if it cannot be bounded cheaply."""
    if isinstance(value, Rational):
        if value == 0:
            return -math.inf
        p, q = abs(int(value.p)), int(value.q)
        return (p.bit_length() - q.bit_length()) * _LOG10_2
    if value.is_number:
        return _evaluated_magnitude(value)
    return None


@lru_cache(maxsize=4096)
def _evaluated_magnitude(value: Basic) -> float | None:
    """log10 |value| of an irrational constant by evaluation (remembered: exercise values repeat)."""
    try:
        approx = value.evalf(15, maxn=30)
        if approx.is_real or approx.is_Float:
            mag = abs(float(approx))
        else:
            mag = abs(complex(approx))
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        return None
    if mag == 0:
        return -math.inf
    if math.isinf(mag) or math.isnan(mag):
        return None
    return math.log10(mag)


def check_power(base: Basic, exponent: Basic, column: int | None) -> None:
    """Refuse base^exponent when the value or its expansion would explode (9^9^9^9, x^(10^10))."""
    too_big = ParseError("too_big", column, {"what": {"en": "this power", "zh": "这个幂"},
                                              "hint": "power"})
    if not isinstance(exponent, Basic) or not isinstance(base, Basic):
        return
    if not exponent.is_number:
        return  # x^y, 2^x: stays symbolic, nothing is computed
    exp_log = _magnitude_log10(exponent)
    if exp_log is None:
        raise too_big
    if exp_log == -math.inf:
        return
    exp_mag = 10 ** min(exp_log, 300.0)
    if not base.is_number:
        if exp_mag > MAX_SYMBOLIC_EXPONENT:
            raise too_big
        return
    base_log = _magnitude_log10(base)
    if base_log is None:
        raise too_big
    if base_log == -math.inf:
        return  # 0^n
    # digits of the result ~ |exponent| * |log10 |base||; also count the digits of a rational base's parts
    size = abs(base_log)
    if isinstance(base, Rational):
        size = max(size, digits_of(base) / 2)
    if size == 0:
        # |base| == 1 (1, -1): harmless unless the exponent itself is absurd
        if exp_mag > 10 ** 12:
            raise too_big
        return
    if exp_mag * size > MAX_DIGITS:
        raise too_big
    if not isinstance(exponent, Integer) and exp_mag > 10 ** 6:
        raise too_big


def check_exponential(arg: Basic, column: int | None, symmetric: bool = False) -> None:
    """Refuse exp(arg) of a constant whose value would exceed about 10^1000 (with ``symmetric``, as for sinh and
    cosh, also exp(−arg)). Checked as each call is built, so a tower like exp(exp(exp(exp(100)))) stops at
    exp(exp(100)) ≈ e^(2.7·10^43) before anything is computed."""
    if not isinstance(arg, Basic) or not arg.is_number:
        return
    too_big = ParseError("too_big", column, {"what": {"en": "this exponential", "zh": "这个指数函数值"},
                                             "hint": "exponential"})
    try:
        real = float(arg) if isinstance(arg, Rational) else float(arg.evalf(15, maxn=30).as_real_imag()[0])
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        raise too_big from None
    if math.isnan(real):
        raise too_big
    low, high = (-MAX_EXP_ARGUMENT if symmetric else MIN_EXP_ARGUMENT), MAX_EXP_ARGUMENT
    if not low <= real <= high:
        raise too_big


def check_factorial(n: Basic, column: int | None) -> None:
    """Refuse factorial / binomial of a number beyond MAX_FACTORIAL."""
    if n.is_number:
        mag = _magnitude_log10(n)
        if mag is None or (mag != -math.inf and 10 ** min(mag, 300.0) > MAX_FACTORIAL):
            raise ParseError("too_big", column, {"what": {"en": "factorial of a number above %d" % MAX_FACTORIAL,
                                                          "zh": "大于 %d 的数的阶乘" % MAX_FACTORIAL}, "hint": "factorial"})
