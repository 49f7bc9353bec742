"""Arithmetic on parsed values (expressions, vectors/matrices, ± alternatives, sets, booleans).

Every operation checks shapes (with a bilingual message) and size limits before SymPy computes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from itertools import product
from typing import Any, Callable

import sympy
from sympy import Basic, FiniteSet, ImmutableMatrix, Integer, S
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanAtom, BooleanFunction

from .errors import ParseError
from .functions import exp_of
from .limits import (MAX_ALTERNATIVES, MAX_MATRIX_ENTRIES, MAX_MATRIX_NODES, MAX_MATRIX_POWER,
                     MAX_SYMBOLIC_MATRIX_POWER, check_number, check_power)



@dataclass(frozen=True)
class PlusMinus:
    """The alternatives produced by ±: `1 ± 2` is PlusMinus((3, -1))."""
    items: tuple


def shape_text(value: Any) -> tuple[str, str]:
    """How to name a value's shape in a message, (en, zh)."""
    if isinstance(value, ImmutableMatrix):
        r, c = value.shape
        if c == 1:
            return f"a vector with {r} components", f"{r} 维向量"
        return f"a {r}×{c} matrix", f"{r}×{c} 矩阵"
    if isinstance(value, FiniteSet):
        return "a set", "集合"
    if isinstance(value, bool):
        return "a condition", "条件"
    return "a number or expression", "数或表达式"


def shape_error(en: str, zh: str, column: int | None = None) -> ParseError:
    """A `shape` ParseError with its two messages."""
    return ParseError("shape", column, {"en": en, "zh": zh})


def is_logical(value: Any) -> bool:
    """True for conditions: Python bools and SymPy truth values, relations and logic (not Symbols)."""
    return isinstance(value, (bool, BooleanAtom, BooleanFunction, Relational))


def _scalar(value: Any) -> bool:
    return isinstance(value, Basic) and not isinstance(value, (ImmutableMatrix, FiniteSet)) \
        and not is_logical(value)


def _refuse(op_en: str, op_zh: str, a: Any, b: Any, column: int | None) -> ParseError:
    a_en, a_zh = shape_text(a)
    b_en, b_zh = shape_text(b)
    return shape_error(f"cannot {op_en} {a_en} and {b_en}", f"不能对{a_zh}和{b_zh}做{op_zh}", column)


def _lift(op: Callable[[Any, Any], Any], a: Any, b: Any) -> Any:
    """Apply op over ± alternatives."""
    xs = a.items if isinstance(a, PlusMinus) else (a,)
    ys = b.items if isinstance(b, PlusMinus) else (b,)
    if len(xs) * len(ys) > MAX_ALTERNATIVES:
        raise ParseError("too_big", None, {"what": {"en": "this number of ± alternatives", "zh": "这么多 ± 组合"},
                                           "hint": "alternatives"})
    out: list[Any] = []
    for x, y in product(xs, ys):
        value = op(x, y)
        if value not in out:
            out.append(value)
    return out[0] if len(out) == 1 else PlusMinus(tuple(out))


def _check_plain(a: Any, b: Any, op_en: str, op_zh: str, column: int | None) -> None:
    for v in (a, b):
        if isinstance(v, FiniteSet) or is_logical(v):
            raise _refuse(op_en, op_zh, a, b, column)


def _binary(op_en: str, op_zh: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a binary operation: applied over ± alternatives one pair at a time, and refused (with
    "cannot <op_en> …") for sets and conditions, before the operation itself sees its operands."""
    def decorate(operation: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(operation)
        def checked(a: Any, b: Any, column: int | None = None) -> Any:
            if isinstance(a, PlusMinus) or isinstance(b, PlusMinus):
                return _lift(lambda x, y: checked(x, y, column), a, b)
            _check_plain(a, b, op_en, op_zh, column)
            return operation(a, b, column)
        return checked
    return decorate


@_binary("add", "加法")
def add(a: Any, b: Any, column: int | None = None) -> Any:
    """a + b."""
    a_mat, b_mat = isinstance(a, ImmutableMatrix), isinstance(b, ImmutableMatrix)
    if a_mat or b_mat:
        if not (a_mat and b_mat) or a.shape != b.shape:
            raise _refuse("add", "加法", a, b, column)
        return a + b
    return check_number(a + b, column)


def neg(a: Any, column: int | None = None) -> Any:
    """−a."""
    if isinstance(a, PlusMinus):
        return PlusMinus(tuple(neg(x, column) for x in a.items))
    _check_plain(a, S.Zero, "negate", "取负", column)
    return -a


@_binary("subtract", "减法")
def sub(a: Any, b: Any, column: int | None = None) -> Any:
    """a − b."""
    return add(a, neg(b, column), column)


@_binary("multiply", "乘法")
def mul(a: Any, b: Any, column: int | None = None) -> Any:
    """a·b: numbers and expressions multiply; a scalar scales a matrix; matrices use the matrix product."""
    a_mat, b_mat = isinstance(a, ImmutableMatrix), isinstance(b, ImmutableMatrix)
    if a_mat and b_mat:
        if a.shape[1] != b.shape[0]:
            a_en, a_zh = shape_text(a)
            b_en, b_zh = shape_text(b)
            hint_en = " (for the inner product use dot(a, b))" if a.shape[1] == 1 and b.shape[1] == 1 else ""
            raise shape_error(
                f"cannot multiply {a_en} by {b_en}: the first has {a.shape[1]} columns, the second "
                f"{b.shape[0]} rows{hint_en}",
                f"不能用{a_zh}乘{b_zh}：前者有 {a.shape[1]} 列，后者有 {b.shape[0]} 行", column)
        if a.shape[0] * b.shape[1] > MAX_MATRIX_ENTRIES:
            raise ParseError("too_big", column, {"what": {"en": "this matrix", "zh": "这个矩阵"}, "hint": "matrix"})
        return _check_entries(ImmutableMatrix(a * b), column)
    if a_mat:
        return a.applyfunc(lambda e: e * b)
    if b_mat:
        return b.applyfunc(lambda e: a * e)
    return check_number(a * b, column)


def hadamard(a: Any, b: Any, column: int | None = None) -> Any:
    """Entrywise product of equal-shaped matrices (scalars multiply as usual)."""
    if isinstance(a, ImmutableMatrix) and isinstance(b, ImmutableMatrix):
        if a.shape != b.shape:
            raise _refuse("take the entrywise product of", "逐元素乘法", a, b, column)
        return ImmutableMatrix(a.multiply_elementwise(b))
    return mul(a, b, column)


@_binary("divide", "除法")
def div(a: Any, b: Any, column: int | None = None) -> Any:
    """a / b (b a scalar; division by an exact zero is refused)."""
    if isinstance(b, ImmutableMatrix):
        raise _refuse("divide", "除法", a, b, column)
    if exactly_zero(b):
        raise ParseError("division_by_zero", column)
    if isinstance(a, ImmutableMatrix):
        return a.applyfunc(lambda e: e / b)
    return check_number(a * raw_power(b, S.NegativeOne), column)


@_binary("raise", "乘方")
def power(a: Any, b: Any, column: int | None = None) -> Any:
    """a ^ b, refused when it would explode; square matrices take integer powers (−1 is the inverse)."""
    if isinstance(b, ImmutableMatrix):
        raise _refuse("raise to a power", "乘方", a, b, column)
    if isinstance(a, ImmutableMatrix):
        r, c = a.shape
        if r != c or not isinstance(b, Integer):
            raise shape_error("only a square matrix can be raised to a power, and only to a whole number",
                              "只有方阵才能取幂，且指数必须是整数", column)
        if abs(int(b)) > MAX_MATRIX_POWER:
            raise ParseError("too_big", column, {"what": {"en": f"a matrix power above {MAX_MATRIX_POWER}",
                                                          "zh": f"超过 {MAX_MATRIX_POWER} 次的矩阵幂"},
                                                 "hint": "matrix_power"})
        if a.free_symbols and (abs(int(b)) > MAX_SYMBOLIC_MATRIX_POWER or r > 4):
            raise ParseError("too_big", column, {"what": {"en": "a power of a matrix with variables",
                                                          "zh": "含变量矩阵的幂"}, "hint": "matrix_power"})
        if b < 0 and a.det() == 0:
            raise shape_error("this matrix has no inverse (its determinant is 0)", "该矩阵不可逆（行列式为 0）",
                              column)
        base = ImmutableMatrix(a.inv()) if b < 0 else a
        result = ImmutableMatrix.eye(r)
        for _ in range(abs(int(b))):
            result = ImmutableMatrix(result * base)
            _check_entries(result, column)
        return result
    check_power(a, b, column)
    if exactly_zero(a) and b.is_number and b.is_negative:
        raise ParseError("division_by_zero", column)
    if a is sympy.E:
        return exp_of(b)
    return check_number(raw_power(a, b), column)


def raw_power(base: Basic, exponent: Basic) -> Basic:
    """base ** exponent. A symbolic sum to a number stays as it is: SymPy's evaluation could only give it back,
    after asking whether any term is infinite (an assumption query that costs milliseconds). So does a power
    of a power to a symbolic exponent, (a^b)^c: SymPy may combine it only when signs allow, and asking costs
    up to a second."""
    if base.is_Add and not base.is_number and exponent.is_Number and exponent not in (S.Zero, S.One):
        return sympy.Pow(base, exponent, evaluate=False)
    if base.is_Pow and not base.is_number and not exponent.is_number:
        return sympy.Pow(base, exponent, evaluate=False)
    return base ** exponent


def exactly_zero(value: Basic) -> bool:
    """Whether ``value`` is 0: a constant that is 0. A symbolic value is not asked (SymPy's assumption queries
    on it cost milliseconds and almost never say yes); one that vanishes identically leaves the answer undefined
    everywhere, which the checker reports."""
    return value == 0 or (value.is_number and value.is_zero is True)


def _check_entries(m: ImmutableMatrix, column: int | None) -> ImmutableMatrix:
    """Refuse matrix results whose entries have grown too large (huge numbers or expression trees)."""
    budget = MAX_MATRIX_NODES
    for entry in m:
        check_number(entry, column)
        if entry.is_Atom:
            continue
        for _ in sympy.preorder_traversal(entry):
            budget -= 1
            if budget < 0:
                raise ParseError("too_big", column, {"what": {"en": "the entries of this matrix",
                                                              "zh": "这个矩阵的元素"}, "hint": "matrix"})
    return m


def to_bool(value: Any, column: int | None = None) -> bool:
    """A Python bool from a condition value; refuses anything else."""
    if isinstance(value, bool):
        return value
    if value is sympy.true or value is S.true:
        return True
    if value is sympy.false or value is S.false:
        return False
    raise ParseError("not_bool", column)


def compare(a: Any, op: str, b: Any, column: int | None = None) -> bool:
    """Template comparison `a op b` decided exactly (== / != also for matrices)."""
    if op in ("==", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            equal = to_bool(a, column) == to_bool(b, column)
        elif isinstance(a, FiniteSet) or isinstance(b, FiniteSet):
            equal = a == b
        else:
            if isinstance(a, ImmutableMatrix) != isinstance(b, ImmutableMatrix) or (
                    isinstance(a, ImmutableMatrix) and a.shape != b.shape):
                equal = False
            else:
                equal = _is_zero(sub(a, b, column), column)
        return equal if op == "==" else not equal
    if not (_scalar(a) and _scalar(b)):
        raise _refuse("compare", "比较", a, b, column)
    rel = {"<": sympy.Lt, "<=": sympy.Le, ">": sympy.Gt, ">=": sympy.Ge}[op](a, b)
    if rel in (sympy.true, sympy.false):
        return bool(rel)
    raise ParseError("undecidable", column, {"what": f"{a} {op} {b}"})


def _is_zero(d: Any, column: int | None) -> bool:
    if isinstance(d, ImmutableMatrix):
        return all(_is_zero(e, column) for e in d)
    z = d.is_zero
    if z is None:
        z = sympy.simplify(d).is_zero
    if z is None:
        raise ParseError("undecidable", column, {"what": f"{d} = 0"})
    return bool(z)
