"""Placeholders → clean LaTeX or solver syntax, and detection of rendering artefacts.

`{{name}}` renders a value as LaTeX (`3 x - 2`, `\\frac{1}{3}`, `0.25`), `{{name:text}}` in solver syntax
(`3x - 2` style that the solver reads back), `{{name:frac}}` forces a fraction, `{{name:d2}}` two decimals,
`{{name:s4}}` four significant figures, `{{name:col}}` a vector as a column. `{{{name}}}` keeps the outer braces as a LaTeX group.
A negative value or a sum placed after an operator is bracketed automatically (`2 \\cdot \\left(-3\\right)`).
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import Any, Callable, Iterator

import mpmath
import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

PLACEHOLDER = re.compile(
    r"\{\{\{\s*(?P<n3>[A-Za-z]\w*)(?::(?P<f3>\w+))?\s*\}\}\}"
    r"|\{\{\s*(?P<n2>[A-Za-z]\w*)(?::(?P<f2>\w+))?\s*\}\}"
)
FORMAT = re.compile(r"^(text|frac|col|d(\d{1,2})|s([1-9]|1\d))$")
MAX_DECIMALS = 6


class RenderError(ValueError):
    """A placeholder that names nothing, has an unknown format, or cannot format its value."""


def placeholders(text: str) -> Iterator[tuple[str, str | None]]:
    """The (name, format) of every placeholder in `text`."""
    for m in PLACEHOLDER.finditer(text):
        yield (m.group("n3") or m.group("n2"), m.group("f3") or m.group("f2"))


def check_format(fmt: str | None) -> str | None:
    """None if `fmt` is a known placeholder format, else the problem."""
    if fmt is None or FORMAT.match(fmt):
        return None
    return f"unknown format ':{fmt}' (use :text, :frac, :col, :dN such as :d2 or :sN such as :s4)"


# ---------------------------------------------------------------------------------------------- numbers


def _terminating_decimal(q: sp.Rational) -> str | None:
    """`q` as a decimal if it terminates within MAX_DECIMALS places (1/4 → 0.25), else None."""
    d = int(q.q)
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return None
    text = format(Decimal(int(q.p)) / Decimal(int(q.q)), "f")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return text if decimals <= MAX_DECIMALS else None


def _float_text(x: float) -> str:
    text = format(x, ".12g")
    if "e" in text:
        return format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def fixed_decimals(value: Any, places: int) -> str:
    """A real number rounded half-up to `places` decimals (exact for rationals), e.g. 0.8808."""
    if isinstance(value, sp.Rational):
        exact = Decimal(int(value.p)) / Decimal(int(value.q))
    else:
        exact = _approximate(sp.sympify(value), places)
    with localcontext() as ctx:
        ctx.prec = 200
        text = format(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")
    return text[1:] if text.startswith("-") and set(text[1:]) <= set("0.") else text


_MP_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "exp": mpmath.exp, "log": mpmath.log, "sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan,
    "tanh": mpmath.tanh, "sinh": mpmath.sinh, "cosh": mpmath.cosh, "asin": mpmath.asin, "acos": mpmath.acos,
    "atan": mpmath.atan, "Abs": abs, "sigmoid": lambda x: 1 / (1 + mpmath.exp(-x)),
    "Max": max, "Min": min,
}


def _mp(expr: Any) -> Any:
    """A closed-form SymPy number evaluated with mpmath (fast for nested sigmoids); evalf for the rest."""
    if isinstance(expr, sp.Rational):
        return mpmath.mpf(int(expr.p)) / int(expr.q)
    if isinstance(expr, sp.Float):
        return mpmath.mpf(expr)
    if expr is sp.E:
        return mpmath.e
    if expr is sp.pi:
        return mpmath.pi
    if isinstance(expr, sp.Add):
        return mpmath.fsum(_mp(a) for a in expr.args)
    if isinstance(expr, sp.Mul):
        return mpmath.fprod(_mp(a) for a in expr.args)
    if isinstance(expr, sp.Pow):
        return mpmath.power(_mp(expr.base), _mp(expr.exp))
    function = _MP_FUNCTIONS.get(type(expr).__name__)
    if function is not None:
        return function(*(_mp(a) for a in expr.args))
    return mpmath.mpmathify(str(expr.evalf(30)))


def _approximate(value: sp.Expr, places: int) -> Decimal:
    """A real number as a Decimal accurate well beyond `places` decimals."""
    if not value.is_number:
        raise RenderError(f"format :d{places} needs a number, got {value}")
    with mpmath.workdps(30 + places):
        number = _mp(value)
        if isinstance(number, mpmath.mpc):
            raise RenderError(f"format :d{places} needs a real number, got {value}")
        return Decimal(mpmath.nstr(number, 25 + places, strip_zeros=False, min_fixed=-mpmath.inf,
                                   max_fixed=mpmath.inf))


# ---------------------------------------------------------------------------------------------- printers


class _Latex(LatexPrinter):
    """SymPy's LaTeX, with floats never shown as `1.0`, and a sum of numbers written with a positive term first
    (`e^{-2} - e^{2}`, not `- e^{2} + e^{-2}`)."""

    def _print_Float(self, expr: sp.Float) -> str:  # noqa: N802 (SymPy's naming)
        return _float_text(float(expr))

    def _print_Add(self, expr: sp.Add, order: str | None = None) -> str:  # noqa: N802
        terms = list(self._as_ordered_terms(expr, order=order))
        if expr.free_symbols or not terms[0].could_extract_minus_sign() or \
                all(t.could_extract_minus_sign() for t in terms):
            return super()._print_Add(expr, order)
        first = next(i for i, t in enumerate(terms) if not t.could_extract_minus_sign())
        terms.insert(0, terms.pop(first))
        tex = ""
        for i, term in enumerate(terms):
            if i and term.could_extract_minus_sign():
                tex += " - "
                term = -term
            elif i:
                tex += " + "
            term_tex = self._print(term)
            tex += rf"\left({term_tex}\right)" if self._needs_add_brackets(term) else term_tex
        return tex


class _Text(StrPrinter):
    """Solver syntax: `e`, `abs`, `^` (applied after printing), vectors `(1, 2)`, matrices `[[1, 2], [3, 4]]`."""

    def _print_Exp1(self, expr: Any) -> str:  # noqa: N802
        return "e"

    def _print_Abs(self, expr: Any) -> str:  # noqa: N802
        return f"abs({self._print(expr.args[0])})"

    def _print_Float(self, expr: sp.Float) -> str:  # noqa: N802
        return _float_text(float(expr))

    def _print_ImaginaryUnit(self, expr: Any) -> str:  # noqa: N802
        return "i"

    def _print_MatrixBase(self, expr: Any) -> str:  # noqa: N802
        return _matrix_text(expr, self._print)

    _print_ImmutableDenseMatrix = _print_MatrixBase
    _print_MutableDenseMatrix = _print_MatrixBase

    def _print_FiniteSet(self, expr: Any) -> str:  # noqa: N802
        return "{" + ", ".join(self._print(a) for a in sorted(expr.args, key=sp.default_sort_key)) + "}"


_LATEX = _Latex({"ln_notation": True})
_TEXT = _Text()


def _matrix_text(m: Any, item: Callable[[Any], str]) -> str:
    if m.cols == 1:
        return "(" + ", ".join(item(m[i, 0]) for i in range(m.rows)) + ")"
    return "[" + ", ".join("[" + ", ".join(item(m[i, j]) for j in range(m.cols)) + "]" for i in range(m.rows)) + "]"


def _is_matrix(value: Any) -> bool:
    return isinstance(value, sp.MatrixBase)


def _whole_floats_exact(value: Any) -> Any:
    """1.0 → 1 inside an expression, so that it never shows as `1.0 x` (or `1 x`)."""
    floats = value.atoms(sp.Float) if isinstance(value, sp.Basic) else set()
    whole = {f: sp.Integer(int(f)) for f in floats if float(f).is_integer()}
    return value.xreplace(whole) if whole else value


def latex_of(value: Any, fmt: str | None = None) -> str:
    """A value as clean LaTeX (see the module doc for the formats)."""
    return _cached(_latex_of, value, fmt)


def text_of(value: Any, fmt: str | None = None) -> str:
    """A value in solver syntax, e.g. `3*x^2 - 2`, `1/3`, `(1, 2)`, `[[1, 2], [3, 4]]`."""
    return _cached(_text_of, value, fmt)


def _cached(printer: Callable[[Any, str | None], str], value: Any, fmt: str | None) -> str:
    """`printer(value, fmt)`, kept for the values printed last: exercises print the same numbers and expressions
    at many seeds. A value's type is part of the key (equal values of two types, 2 and 2.0, may print differently);
    a value that cannot be a key (a mutable matrix) is printed each time."""
    try:
        return _printed(printer, type(value), value, fmt)
    except TypeError:
        return printer(value, fmt)


@lru_cache(maxsize=4096)
def _printed(printer: Callable[[Any, str | None], str], kind: type, value: Any, fmt: str | None) -> str:
    return printer(value, fmt)


def _latex_of(value: Any, fmt: str | None) -> str:
    if fmt == "text":
        return text_of(value)
    if _is_matrix(value):
        if value.cols == 1 and fmt != "col":
            return r"\left(" + ", ".join(latex_of(value[i, 0], fmt) for i in range(value.rows)) + r"\right)"
        rows = [" & ".join(latex_of(value[i, j], fmt) for j in range(value.cols)) for i in range(value.rows)]
        return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"
    if isinstance(value, sp.FiniteSet):
        items = sorted(value.args, key=sp.default_sort_key)
        return r"\left\{" + ", ".join(latex_of(a, fmt) for a in items) + r"\right\}"
    if isinstance(value, (bool, sp.logic.boolalg.BooleanAtom)) or value is None:
        raise RenderError(f"cannot show {value!r} as maths")
    value = _whole_floats_exact(sp.sympify(value))
    if fmt and fmt.startswith("d"):
        return fixed_decimals(value, int(fmt[1:]))
    if fmt and fmt.startswith("s"):
        return significant(value, int(fmt[1:]))
    if isinstance(value, sp.Rational) and not isinstance(value, sp.Integer):
        decimal = None if fmt == "frac" else _terminating_decimal(value)
        if decimal is not None:
            return decimal
        sign = "-" if value < 0 else ""
        return f"{sign}\\frac{{{abs(value.p)}}}{{{value.q}}}"
    return _LATEX.doprint(value)


def _text_of(value: Any, fmt: str | None) -> str:
    if fmt and fmt.startswith("d"):
        if _is_matrix(value):
            return _matrix_text(value, lambda v: fixed_decimals(v, int(fmt[1:])))
        return fixed_decimals(value, int(fmt[1:]))
    if fmt and fmt.startswith("s"):
        figures = int(fmt[1:])
        return _matrix_text(value, lambda v: significant(v, figures)) if _is_matrix(value) else significant(value, figures)
    if isinstance(value, (bool, sp.logic.boolalg.BooleanAtom)) or value is None:
        raise RenderError(f"cannot write {value!r} as an answer")
    if not _is_matrix(value) and not isinstance(value, sp.FiniteSet):
        value = _whole_floats_exact(sp.sympify(value))
    return _TEXT.doprint(value).replace("**", "^")


# ---------------------------------------------------------------------------------------------- answer keys

KEY_FIGURES = 4
"""Significant figures of the decimal shown next to an exact irrational answer key (at least 0 decimals)."""
SHORT_KEY = 30
"""An exact key longer than this (in solver syntax) is shown by its decimal alone: `\\approx 0.06070`."""


def needs_approximation(value: Any) -> bool:
    """A number (or vector/matrix of numbers) with an irrational exact entry such as √2, σ(1/2) or e⁻¹."""
    if _is_matrix(value):
        return not value.free_symbols and any(needs_approximation(v) for v in value)
    return (isinstance(value, sp.Expr) and not isinstance(value, (sp.Rational, sp.Float))
            and not value.free_symbols and bool(value.is_number))


def significant(value: Any, figures: int = KEY_FIGURES) -> str:
    """A real number to `figures` significant figures, never in exponent form: 0.6225, 0.06070, -2.053, 12346."""
    if isinstance(value, sp.Integer):
        return str(value)
    if isinstance(value, sp.Rational) and _terminating_decimal(value) is not None:
        return _terminating_decimal(value)
    size = abs(_approximate(sp.sympify(value), figures + 2))
    if not size:
        return "0"   # e.g. a difference of softmax outputs that is exactly 0 without looking like it
    magnitude = size.adjusted()
    return fixed_decimals(value, min(max(0, figures - 1 - magnitude), 60))


def approximation(value: Any) -> str | None:
    """The decimal form of an irrational answer key in solver syntax (`0.6225`, `(0.8808, 0.8808)`), else None."""
    if not needs_approximation(value):
        return None
    try:
        return _matrix_text(value, significant) if _is_matrix(value) else significant(value)
    except (RenderError, TypeError, ValueError, ArithmeticError):
        return None  # e.g. a complex value: the exact form alone


def answer_latex(value: Any) -> str:
    """An answer key for people: the exact LaTeX, plus `\\approx` its decimal when irrational; only the decimal
    when the exact form is long (e.g. `\\sigma\\left(2\\right) \\approx 0.8808`, `\\approx 0.06070`)."""
    decimal = approximation(value)
    if decimal is None:
        return latex_of(value)
    if _is_matrix(value):
        entries = [[significant(value[i, j]) for j in range(value.cols)] for i in range(value.rows)]
        if value.cols == 1:
            decimal = r"\left(" + ", ".join(row[0] for row in entries) + r"\right)"
        else:
            decimal = r"\begin{pmatrix} " + r" \\ ".join(" & ".join(row) for row in entries) + r" \end{pmatrix}"
    if _short_key(value):
        return f"{latex_of(value)} \\approx {decimal}"
    return f"\\approx {decimal}"


def answer_text(value: Any) -> str:
    """An answer key as plain text, as `answer_latex` shows it in the app: fractions that end within
    `MAX_DECIMALS` places as decimals (`0.693147`, `(0.032, -0.063)`), other numbers in solver syntax, an irrational
    key followed by `≈` its decimals, or only the decimals when the exact form is long."""
    decimal = approximation(value)
    if decimal is None:
        return _numbers_as_shown(value)
    return f"{_numbers_as_shown(value)} ≈ {decimal}" if _short_key(value) else f"≈ {decimal}"


def _short_key(value: Any) -> bool:
    """Whether an irrational key is short enough to show exactly beside its decimals."""
    return len(text_of(value)) <= SHORT_KEY


def _numbers_as_shown(value: Any) -> str:
    """`value` in solver syntax, with each fraction `latex_of` writes as a decimal written so (entry by entry)."""
    if _is_matrix(value):
        return _matrix_text(value, _numbers_as_shown)
    if isinstance(value, sp.FiniteSet):
        return "{" + ", ".join(_numbers_as_shown(a) for a in sorted(value.args, key=sp.default_sort_key)) + "}"
    if isinstance(value, sp.Rational) and not isinstance(value, sp.Integer):
        return _terminating_decimal(value) or text_of(value)
    return text_of(value)


# ---------------------------------------------------------------------------------------------- filling

_LATEX_OPS = (r"\cdot", r"\times", r"\pm", r"\mp", "+", "-", "/", "*")
_TEXT_OPS = ("+", "-", "*", "/")


def _is_negative(value: Any, rendered: str) -> bool:
    return rendered.lstrip().startswith("-")


def _is_compound(value: Any) -> bool:
    """A sum, product, fraction or power: needs brackets next to `^` or after `/`."""
    if _is_matrix(value) or isinstance(value, sp.FiniteSet):
        return False
    v = sp.sympify(value)
    if isinstance(v, sp.Rational):
        return not isinstance(v, sp.Integer)
    return isinstance(v, (sp.Add, sp.Mul, sp.Pow))


def _is_sum(value: Any) -> bool:
    return not _is_matrix(value) and not isinstance(value, sp.FiniteSet) and isinstance(sp.sympify(value), sp.Add)


def _decimal_shown(value: Any, rendered: str) -> bool:
    """A fraction written as a decimal (0.19), which needs no brackets after `/` or before `^`."""
    return isinstance(_plain_number(value), sp.Rational) and not any(c in rendered for c in "/\\-")


def _bracket(value: Any, rendered: str, before: str, after: str, latex: bool) -> str:
    """Bracket `rendered` when its neighbours in the text would change its meaning or look wrong."""
    if _is_matrix(value) or isinstance(value, sp.FiniteSet):
        return rendered
    if latex and (before.endswith("^") or before.endswith("_")):
        return "{" + rendered + "}"
    ops = _LATEX_OPS if latex else _TEXT_OPS
    op_before = before.endswith(ops) or (not latex and before.endswith("^"))
    power_after = after.startswith("^") or after.startswith("**")
    times_after = after.startswith((r"\cdot", r"\times", "*", "/"))
    wrap = (
        (_is_negative(value, rendered) and (op_before or power_after))
        or (_is_sum(value) and (before.endswith((r"\cdot", r"\times", "-", "*", "/", "^")) or times_after or power_after))
        or (_is_compound(value) and not _decimal_shown(value, rendered) and (power_after or before.endswith(("/", "^"))))
    )
    if not wrap:
        return rendered
    return rf"\left({rendered}\right)" if latex else f"({rendered})"


_OPEN = ("\\left(", "(")
_CLOSE = ("\\right)", ")")
_GROUPING_BEFORE = ("$", "{", "=", "+", "-", "*", "/", ",", "(", "&", "[", ":", ";", "\\\\", r"\cdot", r"\times",
                    r"\pm", r"\mp", r"\approx", r"\ne", r"\le", r"\ge", r"\quad")
_COEFFICIENT_AFTER = re.compile(r"[A-Za-z]|\\(?!cdot|times|right|left|approx|le\b|ge\b|ne\b|quad|qquad|ldots|cdots|"
                                r"dots|[,;:! ]|\\)")


def _plain_number(value: Any) -> sp.Number | None:
    """A value that is a single real number (not a sum, product or matrix), else None."""
    if _is_matrix(value) or isinstance(value, (sp.FiniteSet, bool)) or value is None:
        return None
    v = sp.sympify(value)
    return v if isinstance(v, (sp.Rational, sp.Float)) else None


def _literal_brackets(done: str, pre: str, post: str) -> tuple[str, str] | None:
    """The literal `(`…`)` (or `\\left(`…`\\right)`) written around a placeholder for grouping, e.g. `({{a}})^2` or
    `+ ({{b}})x`, not the brackets of a call such as `f({{x}})` or `\\sigma({{z}})`."""
    opening = next((o for o in _OPEN if pre.endswith(o)), None)
    closing = next((c for c in _CLOSE if post.startswith(c)), None)
    if opening is None or closing is None or (opening == "(") != (closing == ")"):
        return None
    ahead = (done + pre[:-len(opening)]).rstrip()
    return (opening, closing) if not ahead or ahead.endswith(_GROUPING_BEFORE) else None


def fill(text: str, values: dict[str, Any], *, latex: bool = True, memo: dict | None = None) -> str:
    """Replace every placeholder in `text` by its value (LaTeX, or solver syntax when `latex` is False).

    In LaTeX, brackets follow the value: they are added where a negative value or a sum would change the meaning
    (`2 \\cdot \\left(-3\\right)`), and brackets written around a placeholder for grouping are dropped when the value
    does not need them (`({{a}})\\cdot({{x}})^2` with 1 and 4 shows `1\\cdot 4^2`). A negative number added as a
    coefficient is written with a minus sign: `A + {{k}}B` with k = −2 shows `A - 2B`.
    `memo` (a dict kept between calls with the same `values`) saves re-rendering a value.
    Raises `RenderError` for a name not in `values` or an unknown format.
    """
    memo = {} if memo is None else memo
    out: list[str] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        name = m.group("n3") or m.group("n2")
        fmt = m.group("f3") or m.group("f2")
        triple = m.group("n3") is not None
        problem = check_format(fmt)
        if problem:
            raise RenderError(problem)
        if name not in values:
            raise RenderError(f"placeholder {{{{{name}}}}} names no param or derived value")
        value = values[name]
        as_latex = latex and fmt != "text"
        key = (name, fmt, as_latex)
        if key not in memo:
            memo[key] = latex_of(value, fmt) if as_latex else text_of(value, fmt)
        rendered = memo[key]
        pre, end = text[pos:m.start()], m.end()
        if as_latex and not triple and (fmt is None or fmt == "frac"):
            pre, rendered, end = _tidy(value, rendered, "".join(out), pre, text, end, fmt)
        if not triple:
            rendered = _bracket(value, rendered, ("".join(out) + pre).rstrip(), text[end:].lstrip(), as_latex)
        out.append(pre)
        out.append("{" + rendered + "}" if triple else rendered)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _tidy(value: Any, rendered: str, done: str, pre: str, text: str, end: int,
          fmt: str | None) -> tuple[str, str, int]:
    """Drop grouping brackets a number does not need, and write a number that multiplies what follows it (a
    coefficient, `{{w}}x_1`) the way one writes it by hand: `x_1` for 1, `-x_1` for −1, and after `+` a negative
    coefficient as a subtraction (`A - 2B`). Returns the text before the value, the value and where the text after
    it starts."""
    number = _plain_number(value)
    if number is None:
        return pre, rendered, end
    brackets = _literal_brackets(done, pre, text[end:])
    if brackets is not None:
        inner_pre, inner_end = pre[:-len(brackets[0])], end + len(brackets[1])
    else:
        inner_pre, inner_end = pre, end
    coefficient = bool(_COEFFICIENT_AFTER.match(text[inner_end:].lstrip()))
    head = inner_pre.rstrip()
    if coefficient and number < 0 and head.endswith("+"):
        magnitude = "" if number == -1 else latex_of(-number, fmt)
        return head[:-1] + "-" + inner_pre[len(head):], magnitude, inner_end
    if coefficient and abs(number) == 1:
        return inner_pre, "" if number == 1 else "-", inner_end
    if brackets is not None and number >= 0:
        return inner_pre, rendered, inner_end
    return pre, rendered, end


# ---------------------------------------------------------------------------------------------- artefacts

_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)
_MATH_ARTEFACTS = (
    (re.compile(r"\*"), "'*' in maths"),
    (re.compile(r"\+\s*-(?!\s*\\infty)"), "'+ -'"),
    (re.compile(r"(?<![-=<>])-\s*-(?!>)"), "'- -'"),
    (re.compile(r"\+\s*\+"), "'+ +'"),
    (re.compile(r"(?<![\d.])\d+\.0(?!\d)"), "a float such as '1.0'"),
    (re.compile(r"(?<![\w.\^_{])1\s?[a-zA-Z](?![a-zA-Z])"), "a coefficient 1 such as '1x'"),
    (re.compile(r"zoo|\\tilde\{\\infty\}|\bnan\b|\bNaN\b"), "an undefined value"),
    (re.compile(r"\b(True|False)\b"), "a truth value"),
)
_TEXT_ARTEFACTS = (
    (re.compile(r"\{\{"), "an unfilled '{{'"),
    (re.compile(r"\bNone\b"), "'None'"),
    (re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]"),
     "a control character (inside \"double quotes\" write \\\\ for a backslash, as in \\\\boldsymbol)"),
)


def artefacts(rendered: str) -> list[str]:
    """Descriptions of rendering artefacts in a rendered Markdown/LaTeX text (empty when clean)."""
    found = [what for pattern, what in _TEXT_ARTEFACTS if pattern.search(rendered)]
    for m in _MATH.finditer(rendered):
        maths = m.group(1) or m.group(2)
        for pattern, what in _MATH_ARTEFACTS:
            hit = pattern.search(maths)
            if hit:
                found.append(f"{what} in ${maths.strip()}$")
    return found
