r"""Σ and Π: ``sum_{i=1}^{3} w_i x_i``, ``Σ_{k=1}^{n} k``, ``\prod_{i=1}^{4} i``.

The LaTeX front end writes every spelling as ``∑_{i=lo}^{hi}`` (``∏`` for products); the lexer reads that
header into a ``Header`` and lexes the rest of the text knowing the index (``index_entries``): ``i`` itself and
the subscripted names of the declared families that use it (``x_i``, ``w_{i+1}`` when x1, x2, … or w_1, w_2, …
are declared). The grammar reads the body (what follows, up to the next + or −) with the index in scope and
calls ``evaluate``:

- numeric bounds: a polynomial term in closed form (Faulhaber), else the finite sum or product term by term, each ``x_i`` becoming the declared ``x_1``, ``x_2``…
  (a name the sum reaches but that is not declared is an error naming it); at most ``MAX_TERMS`` terms and
  ``MAX_WORK`` terms × the body's size, so ``Σ_{i=1}^{10^9}`` is refused before anything is built;
- a bound that is a declared variable (or ∞): polynomial and geometric terms get their closed form
  (Σ_{i=1}^{n} (2i−1) = n²), anything else stays an unevaluated SymPy ``Sum``/``Product``, compared exactly.
  Subscripted families need numeric bounds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy import Add, ImmutableMatrix, Indexed, IndexedBase, Integer, Mul, Rational, Symbol

from .errors import ParseError

MAX_TERMS = 500        # terms of a sum or product with numeric bounds (a polynomial term is summed in closed form)
MAX_WORK = 10_000      # terms × the body's size (tokens typed, or nodes of its value)
MAX_DEGREE = 20        # degree of a polynomial term summed in closed form
MAX_OFFSET = 3         # x_{i+3} … x_{i-3} are read inside a sum over i
OPEN_INDEX = Symbol("k", integer=True)  # the index of every sum left open: equal sums are equal structurally
CHECK_POINTS = range(1, 9)  # integer values of the bounds' variables at which open sums are compared
_MEMBER = re.compile(r"(.*?[^\d])(\d+)")


@dataclass
class Header:
    """A Σ/Π header: ``op`` (sum | product), the index letter, the bounds' tokens and where it was typed."""

    op: str
    index: str
    lo: list[Any]
    hi: list[Any]
    column: int
    symbol: Symbol = field(init=False)
    members: dict[tuple[str, int], Any] = field(default_factory=dict)  # (family, k) -> declared symbol
    declared: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.symbol = Symbol(self.index, integer=True)


def index_entries(vocab: dict[str, Any], head: Header, declared: list[str]) -> dict[str, Any]:
    """Vocabulary entries for the text after ``head``: the index, and ``x_i``, ``x_{i±1…3}`` for every
    declared family (x1, x2, … declared as variables). Fills ``head.members`` for ``evaluate``."""
    from .lexer import Entry  # local: the lexer imports this module

    for key, entry in vocab.items():
        match = _MEMBER.fullmatch(key)
        if entry.role == "var" and match:
            head.members[(match.group(1), int(match.group(2)))] = entry.value
    head.declared = list(declared)
    out = {head.index: Entry("index", (head.symbol, vocab.get(head.index)), head.index)}
    i = head.symbol
    for family in {family for family, _ in head.members}:
        base = IndexedBase(Symbol(family))
        for offset in range(-MAX_OFFSET, MAX_OFFSET + 1):
            key = f"{family}_{head.index}" + (f"{offset:+d}" if offset else "")
            existing = vocab.get(key)
            if existing is None or existing.role != "var":
                value = Indexed(base, i + offset)
                out[key] = Entry("indexed", value, "%s_{%s}" % (sympy.latex(Symbol(family)), sympy.latex(i + offset)))
    return out


def evaluate(head: Header, body: Any, lo: Any, hi: Any, body_tokens: int) -> Any:
    """The value of ``op_{index=lo}^{hi} body``; raises ParseError (at the header's column)."""
    col = head.column
    if not isinstance(body, (sympy.Basic, ImmutableMatrix)) or isinstance(body, sympy.Set) \
            or isinstance(body, sympy.logic.boolalg.Boolean) and not isinstance(body, sympy.Expr):
        raise ParseError("shape", col, {"en": "the terms of a sum or product must be numbers, expressions, "
                                              "vectors or matrices", "zh": "求和或连乘的项必须是数、表达式、向量或矩阵"})
    for bound in (lo, hi):
        if not isinstance(bound, sympy.Expr) or (bound.is_number and not (bound.is_Integer or bound.is_infinite)):
            raise ParseError("sum_whole_bounds", col)
    if lo.is_Integer and hi.is_Integer:
        count = int(hi) - int(lo) + 1
        if count > MAX_TERMS:
            raise _too_many(count, head.column)
        if head.op == "sum" and count > 0 and not isinstance(body, ImmutableMatrix) and not body.has(Indexed) \
                and body.has(head.symbol) and _polynomial(body, head.symbol):
            return sympy.expand(_polynomial_sum(body, head.symbol, lo, hi))
        return _expand(head, body, int(lo), int(hi), body_tokens)
    if isinstance(body, ImmutableMatrix) or body.has(Indexed):
        raise ParseError("sum_symbolic_family", col, {"index": head.index})
    return _closed_form(head.op, body, head.symbol, lo, hi)


def _expand(head: Header, body: Any, lo: int, hi: int, body_tokens: int) -> Any:
    count = hi - lo + 1
    if count * max(body_tokens, _size(body), 1) > MAX_WORK:
        raise _too_many(count, head.column)
    terms = [_term(head, body, k) for k in range(lo, hi + 1)]
    if isinstance(body, ImmutableMatrix):
        if not terms:
            return ImmutableMatrix.zeros(*body.shape) if head.op == "sum" else ImmutableMatrix.eye(body.rows)
        total = terms[0]
        for term in terms[1:]:
            total = total + term if head.op == "sum" else total * term
        return ImmutableMatrix(total)
    return Add(*terms) if head.op == "sum" else Mul(*terms)


def _too_many(count: int, column: int) -> ParseError:
    return ParseError("too_big", column, {"what": {"en": f"a sum or product of {count} terms",
                                                   "zh": f"{count} 项的求和或连乘"}, "hint": "sum"})


def _size(body: Any) -> int:
    """About how many nodes a term has (an inner sum already expanded counts all its terms)."""
    if isinstance(body, ImmutableMatrix):
        return sum(_size(e) for e in body)
    return sum(1 for _ in sympy.preorder_traversal(body)) if isinstance(body, sympy.Basic) else 1


def _term(head: Header, body: Any, k: int) -> Any:
    """The body at index = k, each ``x_{i…}`` replaced by the declared name it reaches."""
    value = body.xreplace({head.symbol: Integer(k)})
    members = value.atoms(Indexed)
    if not members:
        return value
    mapping = {}
    for member in members:
        family, index = str(member.base.label), member.indices[0]
        symbol = head.members.get((family, int(index)))
        if symbol is None:
            raise ParseError("sum_member", head.column, {"name": f"{family}_{index}",
                                                         "variables": ", ".join(head.declared)})
        mapping[member] = symbol
    return value.xreplace(mapping)


def _closed_form(op: str, body: Any, i: Symbol, lo: Any, hi: Any) -> Any:
    """Σ/Π with a symbolic or infinite bound: a closed form for polynomial and geometric terms, else the
    unevaluated Sum/Product."""
    if op == "product":
        if not body.has(i):
            return body ** (hi - lo + 1)
        if body == i and lo.is_Integer and lo >= 1:
            return sympy.factorial(hi) / sympy.factorial(lo - 1)
        return sympy.Product(body.xreplace({i: OPEN_INDEX}), (OPEN_INDEX, lo, hi))
    if _polynomial(body, i):
        if lo.is_infinite or hi.is_infinite:
            return sympy.summation(body, (i, lo, hi))
        return sympy.expand(_polynomial_sum(body, i, lo, hi))
    coeff, rest = body.as_independent(i, as_Add=False)
    if rest.is_Pow and not rest.base.has(i) and rest.exp.is_polynomial(i) and sympy.degree(rest.exp, i) == 1:
        return sympy.summation(body, (i, lo, hi))
    return sympy.Sum(body.xreplace({i: OPEN_INDEX}), (OPEN_INDEX, lo, hi))


def _polynomial(body: Any, i: Symbol) -> bool:
    """Whether ``body`` is a polynomial in the index of degree at most MAX_DEGREE."""
    return body.is_polynomial(i) and sympy.degree(body, i) <= MAX_DEGREE


def _polynomial_sum(body: Any, i: Symbol, lo: Any, hi: Any) -> Any:
    """Σ_{i=lo}^{hi} body for a polynomial body, term by term with ``_power_sum`` (no expansion over i)."""
    return Add(*(coeff * _power_sum(power, lo, hi) for (power,), coeff in sympy.Poly(body, i).terms()))


def _power_sum(k: int, lo: Any, hi: Any) -> Any:
    """Σ_{i=lo}^{hi} i^k = (B_{k+1}(hi+1) − B_{k+1}(lo)) / (k+1), with Bernoulli polynomials."""
    x = Symbol("x")
    bernoulli = sympy.bernoulli(k + 1, x)
    return (bernoulli.subs(x, hi + 1) - bernoulli.subs(x, lo)) / (k + 1)


def is_open(value: Any) -> bool:
    """Whether ``value`` holds a sum or product left unevaluated (a symbolic bound without a closed form)."""
    return isinstance(value, sympy.Basic) and value.has(sympy.Sum, sympy.Product)


def cheap_to_compare(expected: Any, answer: Any) -> bool:
    """Whether ``compare_open`` is bounded here: no power with a variable exponent and no factorial, so the
    terms at the integer points stay small (else it runs in a worker process)."""
    for value in (expected, answer):
        if value.has(sympy.factorial) or any(not p.exp.is_number for p in value.atoms(sympy.Pow)):
            return False
    return True


def compare_open(expected: Any, answer: Any) -> tuple[bool, dict[str, Any] | None]:
    """Compare an answer holding an open Σ/Π exactly: structurally, else at the integer values 1…8 of the
    bounds' variables (other variables at fixed rationals), where every sum is finite and exact. Agreement at
    all of them counts as equal (as agreement at random points does for other expressions); else the first
    point where they differ is the counterexample ``{point, yours, expected}``."""
    if expected == answer:
        return True, None
    bound_vars = sorted({s for term in answer.atoms(sympy.Sum, sympy.Product) for limit in term.limits
                         for s in limit[1:] for s in s.free_symbols} | {s for term in expected.atoms(
                             sympy.Sum, sympy.Product) for limit in term.limits for s in limit[1:]
                             for s in s.free_symbols}, key=str)
    others = sorted((answer.free_symbols | expected.free_symbols) - set(bound_vars), key=str)
    fixed = {s: Rational(2 * k + 3, 7) for k, s in enumerate(others)}
    for value in CHECK_POINTS:
        point = {**fixed, **{s: Integer(value) for s in bound_vars}}
        yours, wanted = _finite(answer, point), _finite(expected, point)
        if yours is None or wanted is None:
            continue
        if sympy.simplify(yours - wanted) != 0:
            shown = {str(s): str(v) for s, v in point.items()}
            return False, {"point": shown, "yours": _short(yours), "expected": _short(wanted)}
    return True, None


def _finite(value: Any, point: dict[Any, Any]) -> Any:
    """``value`` at ``point`` with every sum made finite and added up, or None if a bound is not a small integer."""
    at = value.xreplace(point)
    for term in at.atoms(sympy.Sum, sympy.Product):
        for _, lo, hi in term.limits:
            if not (lo.is_Integer and hi.is_Integer) or hi - lo > MAX_TERMS:
                return None
    try:
        return at.doit()
    except (ValueError, TypeError, ArithmeticError):
        return None


def _short(value: Any) -> str:
    return str(sympy.N(value, 6)) if not value.is_Rational else str(value)

