"""LaTeX of how a text was read, built alongside the value (so `3.6` shows as 3.6, `x^1/2` as x^{1}/2 in a fraction).

Each parsed piece carries its LaTeX and a precedence; these helpers join pieces and add parentheses
only where the reading needs them.
"""
from __future__ import annotations

from typing import Any

import sympy
from sympy import FiniteSet, ImmutableMatrix

ATOM, POW, UNARY, MUL, ADD, CMP, NOT, AND, OR = 100, 90, 80, 70, 60, 50, 40, 30, 20


def wrap(tex: str, prec: int, need: int) -> str:
    """Parenthesise `tex` if its precedence is below `need`."""
    return r"\left(%s\right)" % tex if prec < need else tex


def strip_group(tex: str) -> str:
    r"""Drop one pair of outer \left( \right) if they enclose the whole text."""
    if tex.startswith(r"\left(") and tex.endswith(r"\right)"):
        inner = tex[6:-7]
        depth = 0
        for i in range(len(inner)):
            if inner.startswith(r"\left", i):
                depth += 1
            elif inner.startswith(r"\right", i):
                depth -= 1
                if depth < 0:
                    return tex
        if depth == 0:
            return inner
    return tex


def product(left: str, right: str, explicit: bool) -> str:
    """a·b as typed: explicit `*` shows \\cdot, juxtaposition shows a thin join (\\cdot before a digit)."""
    if explicit or right[:1].isdigit() or right.startswith(r"\frac") or right.startswith("-"):
        return r"%s \cdot %s" % (left, right)
    return "%s %s" % (left, right)


def fraction(num: str, den: str) -> str:
    r"""\frac{num}{den} without redundant outer parentheses."""
    return r"\frac{%s}{%s}" % (strip_group(num), strip_group(den))


def power(base: str, base_prec: int, exponent: str) -> str:
    """base^{exponent}; a non-atomic base is parenthesised."""
    return "%s^{%s}" % (wrap(base, base_prec, ATOM), strip_group(exponent))


def call(tex_name: str, args: list[str]) -> str:
    r"""f(args) with \left( \right); sqrt and abs get their own notation."""
    if tex_name == r"\sqrt" and len(args) == 1:
        return r"\sqrt{%s}" % strip_group(args[0])
    if tex_name == r"\sqrt" and len(args) == 2:
        return r"\sqrt[%s]{%s}" % (strip_group(args[1]), strip_group(args[0]))
    if tex_name == "abs" and len(args) == 1:
        return r"\left|%s\right|" % strip_group(args[0])
    return r"%s\left(%s\right)" % (tex_name, ", ".join(strip_group(a) for a in args))


def matrix(rows: list[list[str]]) -> str:
    r"""\begin{pmatrix} ... \end{pmatrix}."""
    body = r" \\ ".join(" & ".join(strip_group(t) for t in row) for row in rows)
    return r"\begin{pmatrix} %s \end{pmatrix}" % body


def set_of(items: list[str]) -> str:
    r"""\left\{a, b\right\}."""
    return r"\left\{%s\right\}" % ", ".join(strip_group(t) for t in items)


def of_value(value: Any) -> tuple[str, int]:
    """LaTeX and precedence of an already-built value (template names)."""
    if isinstance(value, bool):
        return (r"\text{true}" if value else r"\text{false}"), ATOM
    if isinstance(value, ImmutableMatrix):
        return matrix([[sympy.latex(e) for e in value.row(i)] for i in range(value.rows)]), ATOM
    if isinstance(value, FiniteSet):
        return set_of([sympy.latex(e) for e in value.args]), ATOM
    tex = sympy.latex(value)
    if isinstance(value, sympy.Add) or tex.startswith("-"):
        return tex, ADD
    if isinstance(value, sympy.Mul) or isinstance(value, sympy.Rational) and not value.is_Integer:
        return tex, MUL
    if isinstance(value, sympy.Pow):
        return tex, POW
    return tex, ATOM
