r"""Left-hand sides: ``a_n = 3 - 2^(n-1)``, ``f'(x) = 2x``, ``∂f/∂x = 2x``, ``y = …``, ``δ = …``, ``x = ±1``.

``split`` finds the one top-level ``=`` of an answer (after the LaTeX front end, so ``\frac{\partial f}{\partial
x} = …`` works too); ``name_of`` reads what the left side *names*:

- a name, subscripts and Greek letters spelled any way (``a_n``, ``a_{n}``, ``aₙ``; ``δ``, ``\delta``, ``delta``),
  optionally with a layer superscript before or after the subscript (``δ^{(2)}``, ``a^{[1]}``, ``δ^{(2)}_1``,
  ``δ₁⁽²⁾``, and the book's ``δ_1^2`` / ``δ₁²``: a bare power is a layer only after a subscript);
- a gradient ``∇f``, ``∇_w L``; a probability or expectation ``P(A|B)``, ``P(X=1)``, ``E[X]``;
- a function value ``f(x)``; a derivative ``f'(x)``, ``f'``, ``y'``, ``∂f/∂x``, ``df/dx``, ``\frac{dy}{dx}``,
  ``\frac{d}{dx} f(x)``.

``Name.matches`` decides whether two left sides name the same thing: ``f'(x)`` = ``df/dx`` = ``∂f/∂x``; ``f(x)``
= ``f``; ``a_n`` = ``aₙ``. ``solver.reading`` applies the rule: a declared left side (``lhs=[…]``) must be
matched; without one, any name is accepted except a declared variable the right side uses (``x = x^2`` is an
equation, not an answer).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy

from .latex_reader import HIDDEN_CLOSE, HIDDEN_OPEN, Source
from .lexer import GREEK_LETTERS, name_key

_GREEK = "".join(GREEK_LETTERS)
_SUBSCRIPT_CHARS = "₀₁₂₃₄₅₆₇₈₉₊₋ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ"
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_STEM = rf"[A-Za-z{_GREEK}]+"
_SUB = rf"(?:_\{{[A-Za-z0-9+\-]+\}}|_[A-Za-z0-9]+|[{_SUBSCRIPT_CHARS}]+)"
_NAME = rf"(?:{_STEM}[0-9]*{_SUB}?)"
_MARKED_LAYER = (r"\^(?:\([A-Za-z0-9+\-]+\)'?|\(\([0-9]+\)\)|\[[A-Za-z0-9+\-]+\]|\{[A-Za-z0-9+\-()\[\]']+\}|T)|ᵀ"
                 rf"|⁽[{_SUPERSCRIPT_DIGITS}]+⁾")
"""``^(2)``, ``^[2]``, ``^{(2)}``, ``^T``, and ``⁽²⁾`` (which the LaTeX front end hands on as ``^((2))``); a prime in
the braces marks another quantity, as the network view writes an updated weight: ``w^{(2)'}_{11}``."""
_BARE_LAYER = rf"\^[0-9]|[{_SUPERSCRIPT_DIGITS}]+"
"""A layer written as a plain power, as the book writes δ_j^l: read so only after a subscript (δ_1^2, δ₁²)."""
_LAYER = rf"(?:{_MARKED_LAYER})?"
_ARG = rf"{_NAME}(?:=[0-9.]+)?"
_ARGS = rf"(?:(?P<open>[(\[])(?P<args>{_ARG}(?:[,|]{_ARG})*)[)\]])?"
_PLAIN = re.compile(rf"(?P<base>{_NAME})(?P<layer>{_LAYER})(?P<primes>'*){_ARGS}")
_BOOK_LAYER = re.compile(rf"(?P<base>{_STEM}[0-9]*{_SUB})(?P<layer>{_BARE_LAYER})(?P<primes>'*){_ARGS}")
_LAYER_FIRST = re.compile(rf"(?P<stem>{_STEM})(?P<layer>{_MARKED_LAYER}|{_BARE_LAYER})(?P<sub>{_SUB})"
                          rf"(?P<primes>'*){_ARGS}")
_GRADIENT = re.compile(rf"∇(?:_\{{?(?P<wrt>{_NAME})\}}?)?(?P<base>{_NAME})(?P<layer>{_LAYER}){_ARGS}")
_LAYERED = (rf"(?:{_STEM}(?:{_MARKED_LAYER}|{_BARE_LAYER}){_SUB}|{_STEM}[0-9]*{_SUB}(?:{_BARE_LAYER})"
            rf"|{_NAME}(?:{_MARKED_LAYER})?)")
"""A name with an optional layer, before or after its subscript: what ∂C/∂… is taken with respect to (b^{(2)}_2)."""
_FRACTION = re.compile(rf"(?P<d>[d∂])(?P<base>{_NAME})(?P<layer>{_LAYER})/(?P=d)(?P<wrt>{_LAYERED})")
_OPERATOR = re.compile(rf"(?P<d>[d∂])/(?P=d)(?P<wrt>[A-Za-z{_GREEK}](?:_\{{[A-Za-z0-9]+\}}|_[A-Za-z0-9])?)"
                       rf"(?P<base>{_NAME})(?P<layer>{_LAYER}){_ARGS}")
MAX_NAME_LENGTH = 100
"""A longer left side names nothing (the longest ones read, ∂C/∂w^{(2)'}_{11}, are ~20 characters); the patterns'
backtracking stays small."""
_TO_DIGITS = str.maketrans(_SUPERSCRIPT_DIGITS + "⁽⁾", "0123456789()")
_DROP = str.maketrans({HIDDEN_OPEN: None, HIDDEN_CLOSE: None, "′": "'", "’": "'", "·": None})


@dataclass(frozen=True)
class Name:
    """What a left-hand side names: ``base`` (a name key: ``a_n``, ``f``, ``delta``), an optional layer
    superscript, a derivative order with the variable it is taken with respect to, and call arguments."""

    base: str
    layer: str = ""
    order: int = 0
    wrt: str | None = None
    args: tuple[str, ...] | None = None
    latex: str = field(default="", compare=False)

    def matches(self, other: Name) -> bool:
        """Whether both name the same thing (an absent argument list or variable matches any; a layer in any
        brackets: δ^{(2)}, δ^{[2]}, δ^2)."""
        if (self.base, self.layer.strip("()[]"), self.order) != (other.base, other.layer.strip("()[]"), other.order):
            return False
        if self.wrt and other.wrt and self.wrt != other.wrt:
            return False
        return self.args is None or other.args is None or self.args == other.args


def split(source: Source) -> tuple[Source | None, Source, int | None]:
    """(left side, right side, column of ``=``) at the single top-level ``=``; (None, source, None) without one.

    ``==``, ``<=``, ``>=`` and ``!=`` are not ``=``. A second top-level ``=`` is left in the right side (the
    parser then refuses it, or ``items`` splits ``x = 1, x = -1``)."""
    text = source.text
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{" + HIDDEN_OPEN:
            depth += 1
        elif ch in ")]}" + HIDDEN_CLOSE:
            depth -= 1
        elif ch == "=" and depth == 0 and (i == 0 or text[i - 1] not in "=<>!") \
                and (i + 1 >= len(text) or text[i + 1] != "="):
            return source.slice(0, i), source.slice(i + 1, len(text)), source.column(i + 1)
    return None, source, None


def items(source: Source) -> list[tuple[Source, Source, int | None]] | None:
    """``x = 1, x = -1`` (also ``，``, ``、``, ``;``, ``or`` / ``或`` between items): (left, right, column of ``=``)
    of each item, or None when the answer is not a list of such items."""
    text = source.text
    cuts, depth, i = [], 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "([{" + HIDDEN_OPEN:
            depth += 1
        elif ch in ")]}" + HIDDEN_CLOSE:
            depth -= 1
        elif depth == 0 and ch in ",，、;；或":
            cuts.append((i, i + 1))
        elif depth == 0 and text.startswith(" or ", i):
            cuts.append((i, i + 4))
        i += 1
    if not cuts:
        return None
    bounds = [0] + [c for cut in cuts for c in cut] + [len(text)]
    out = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        left, right, column = split(source.slice(start, end))
        if left is None or "=" in right.text.replace("==", ""):
            return None
        out.append((left, right, column))
    return out


def name_of(text: str) -> Name | None:
    """What the left side ``text`` (plain notation) names, or None when it is not a name (``2x``, ``x+1``)."""
    compact = "".join(text.split()).translate(_DROP)
    if len(compact) > MAX_NAME_LENGTH:
        return None
    for pattern, kind in ((_FRACTION, "fraction"), (_OPERATOR, "operator"), (_PLAIN, "plain"),
                          (_BOOK_LAYER, "plain"), (_LAYER_FIRST, "plain"), (_GRADIENT, "gradient")):
        match = pattern.fullmatch(compact)
        if match is not None:
            return _name(match, kind)
    return None


def declared(spec: str) -> Name:
    """A declared left side (exercise ``lhs:`` entry) read like a typed one; ValueError if it names nothing."""
    from .latex_reader import read

    name = name_of(read(str(spec)).text)
    if name is None:
        raise ValueError(f"not a name: {spec!r}")
    return name


def _typed_base(groups: dict[str, str | None]) -> str:
    """The name as typed, without its layer: ``δ^{(2)}_1`` names δ_1 (of layer 2)."""
    return groups.get("base") or (groups["stem"] or "") + (groups["sub"] or "")


def _name(match: re.Match[str], kind: str) -> Name:
    groups = match.groupdict()
    typed_base = _typed_base(groups)
    base = name_key(typed_base)
    layer = _layer(match.group("layer"))
    arg_keys, args_tex = _args(groups.get("args"), groups.get("open") or "(")
    base_tex = _tex(typed_base) + (f"^{{{layer}}}" if layer else "")
    if kind == "plain":
        order = len(match.group("primes"))
        wrt = arg_keys[0] if order and arg_keys and len(arg_keys) == 1 else None
        return Name(base, layer, order, wrt, arg_keys, base_tex + "'" * order + args_tex)
    if kind == "gradient":   # ∇f, ∇_w L: the gradient is another quantity than f
        wrt = groups.get("wrt")
        return Name("∇" + base, layer, 0, name_key(wrt) if wrt else None, arg_keys,
                    r"\nabla" + (f"_{{{_tex(wrt)}}}" if wrt else "") + " " + base_tex + args_tex)
    d = r"\partial " if match.group("d") == "∂" else "d"
    wrt_key, wrt_tex = _layered(match.group("wrt"))
    tex = r"\frac{%s%s}{%s%s}" % (d, base_tex, d, wrt_tex)
    return Name(base, layer, 1, wrt_key, arg_keys, tex)


def _layered(text: str) -> tuple[str, str]:
    """The key and LaTeX of a name that may carry a layer (``b^{(2)}_2``, ``b_2^(2)`` → ``b2^2``, b_{2}^{(2)})."""
    for pattern in (_PLAIN, _BOOK_LAYER, _LAYER_FIRST):
        match = pattern.fullmatch(text)
        if match is not None and not match.group("primes") and match.group("args") is None:
            typed = _typed_base(match.groupdict())
            layer = _layer(match.group("layer"))
            key = name_key(typed) + (f"^{layer.strip('()[]')}" if layer else "")
            return key, _tex(typed) + (f"^{{{layer}}}" if layer else "")
    return name_key(text), _tex(text)


def _layer(text: str) -> str:
    """``^(2)``, ``^[2]``, ``^{(2)}``, ``⁽²⁾`` → ``(2)`` / ``[2]``: a layer superscript, brackets kept; ``^2``, ``²``
    → ``2``; ``^T`` → ``T``."""
    if text in ("ᵀ", "^T"):
        return "T"
    text = text.translate(_TO_DIGITS).removeprefix("^").strip("{}")
    return text[1:-1] if text.startswith("((") and text.endswith("))") else text


def _args(text: str | None, bracket: str = "(") -> tuple[tuple[str, ...] | None, str]:
    """The arguments of ``f(x)``, ``P(A|B)``, ``P(X=1)``, ``E[X]`` as keys (``|`` kept: P(A|B) is not P(A, B)),
    and their LaTeX in the `bracket` typed."""
    if not text:
        return None, ""
    keys, shown = [], []
    for piece in re.split(r"([,|])", text):
        if piece == ",":
            shown.append(", ")
        elif piece == "|":
            keys.append("|")
            shown.append(r" \mid ")
        else:
            name, equals, value = piece.partition("=")
            keys.append(name_key(name) + equals + value)
            shown.append(_tex(name) + equals + value)
    close = ")" if bracket == "(" else "]"
    return tuple(keys), r"\left%s%s\right%s" % (bracket, "".join(shown), close)


def _tex(name: str) -> str:
    """LaTeX of a name as the preview shows it (``a_n`` → a_{n}, ``delta`` → \\delta)."""
    key = name_key(name)
    base, _, sub = key.partition("_")
    return sympy.latex(sympy.Symbol(base + sub if sub.isdigit() else (f"{base}_{{{sub}}}" if sub else base)))
