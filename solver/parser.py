"""Reading learner (and exercise-template) text straight into SymPy values: ``parse`` and ``Parsed``.

No `eval`, `sympify` or `parse_expr` is involved: the tokenizer (``solver.lexer``) only knows numbers,
operators and the names in its vocabulary (``solver.vocabulary``), and the grammar (``solver.grammar``)
builds every value with SymPy constructors under checked sizes. Declared variables become real SymPy symbols
(see ``symbol``).
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Callable, Iterator, Mapping, Sequence

import sympy
from sympy import FiniteSet, ImmutableMatrix, S

from . import arith
from . import typed as ty
from .errors import ParseError
from .functions import FunctionSpec
from .grammar import Node, Parser, check_defined
from . import latex_reader
from .latex_reader import Source
from .lexer import Lexer, Token
from .vocabulary import _build_lexer, _cached_lexer, _names_key, symbol

__all__ = ["Parsed", "literal_computation", "parse", "parse_source", "parse_typed", "symbol"]


class Parsed:
    """A parsed text: its SymPy `value`, the LaTeX of how it was read (`latex`), and its `shape`.

    shape: ("scalar",), ("vector", n), ("matrix", r, c), ("set", n) or ("bool",).
    `latex` may be given as a function: it is then called on first access (template texts are read for their
    values, and the LaTeX of their substituted names would cost more than the reading).
    """

    __slots__ = ("value", "shape", "_latex", "notes")

    def __init__(self, value: Any, latex: str | Callable[[], str], shape: tuple,
                 notes: tuple[dict[str, Any], ...] = ()):
        self.value = value
        self.shape = shape
        self._latex = latex
        self.notes = notes  # readings worth a hint, e.g. {"code": "power_then_product", "meant": "e^(-2x)"}

    @property
    def latex(self) -> str:
        """LaTeX of how the text was read."""
        if not isinstance(self._latex, str):
            self._latex = self._latex()
        return self._latex

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Parsed):
            return NotImplemented
        return (self.value, self.shape, self.latex) == (other.value, other.shape, other.latex)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Parsed(value={self.value!r}, shape={self.shape!r})"



def parse(text: str, variables: Sequence[str] = (), *, mode: str = "answer",
          names: Mapping[str, Any] | None = None,
          functions: Mapping[str, FunctionSpec] | None = None) -> Parsed:
    """Read `text` into a SymPy value. Raises ParseError (never anything else for any text).

    mode="answer": learner text — answer functions, declared `variables`, e and pi.
    mode="template": adds comparisons, and/or/not, template functions and `names` (substituted values).
    """
    if mode not in ("answer", "template"):
        raise ValueError(f"mode must be 'answer' or 'template', not {mode!r}")
    if not isinstance(text, str):
        raise ParseError("not_allowed", None, {"what": type(text).__name__})
    if isinstance(variables, str):
        variables = [v.strip() for v in variables.split(",") if v.strip()]
    variables = tuple(variables)
    if mode == "answer" and not names and not functions:
        return parse_source(latex_reader.read(text), variables)
    key = None if functions else _names_key(names)
    try:
        if mode == "template" and key is not None:
            return _read_template(text, variables, key)
        return _read(latex_reader.read(text), _build_lexer(variables, mode, names, functions), mode)
    except ParseError as err:
        if mode == "template" and err.code in AUTHOR_NAME_CODES:
            err.code = "unknown_name_template"  # an author's name: the advice is where to declare it
        raise


def parse_source(source: Source, variables: Sequence[str] = ()) -> Parsed:
    """An answer already through the LaTeX front end (``latex_reader.read``), e.g. the right-hand side of
    ``a_n = …``; error columns point into what was typed."""
    return _read(source, _cached_lexer(tuple(variables), "answer"), "answer")


@lru_cache(maxsize=1024)
def _read_template(text: str, variables: tuple[str, ...], names: tuple[tuple[str, type, Any], ...]) -> Parsed:
    """A template text read once per (text, variables, names): exercise files repeat them across seeds."""
    lexer = _build_lexer(variables, "template", {name: value for name, _, value in names}, None) if names \
        else _cached_lexer(variables, "template")
    return _read(latex_reader.read(text), lexer, "template")


def _read(source: Source, lexer: Lexer, mode: str) -> Parsed:
    with as_typed(source):
        tokens = tokenize(source, lexer)
        if mode == "answer":  # learner text: its LaTeX (the preview) is wanted and cheap, build it while reading
            parser = Parser(tokens, mode)
            node = parser.parse_top()
            return _finish(node, node.tex, tuple(parser.notes))
        node = Parser(tokens, mode, with_tex=False).parse_top()
    return _finish(node, lambda: Parser(tokenize(source, lexer), mode).parse_top().tex)  # holds no tokens


AUTHOR_NAME_CODES = frozenset({"unknown_name", "function_digits"})
"""Reading errors that, in an exercise file's formula, mean a name to declare (``unknown_name_template``)."""
_TOKEN_CODES = frozenset({"unexpected_token", "row_separator", "angle_brackets", "unmatched_open", "unmatched_close",
                          "comparison_not_allowed", "power_needs_exponent", "fraction_needs_denominator"})


@contextmanager
def as_typed(source: Source) -> Iterator[None]:
    """Errors raised inside name their operator or bracket as the learner typed it (``\\cdot``, ``\\right)``,
    ``**``, ``×``), not as the grammar reads it (``*``, ``)``, ``^``): the token at the error's column in what
    was typed."""
    try:
        yield
    except ParseError as err:
        token = err.params.get("token")
        if err.code in _TOKEN_CODES and isinstance(token, str) and not token.isalnum():
            err.params["token"] = source.typed_token(err.column) or token
        raise


def tokenize(source: Source, lexer: Lexer) -> list[Token]:
    """The tokens of ``source`` with columns in what was typed; ParseError ``empty`` if there are none."""
    try:
        tokens = lexer.tokenize(source.text)
    except ParseError as err:
        err.column = source.column(err.column)
        raise
    if source.columns is not None:
        _remap(tokens, source)
    if tokens[0].kind == "end":
        raise ParseError("empty", None)
    return tokens


def _remap(tokens: list[Token], source: Source) -> None:
    for tok in tokens:
        tok.column = source.column(tok.column)
        if tok.kind == "big":
            head = tok.extra
            head.column = tok.column
            _remap(head.lo, source)
            _remap(head.hi, source)


def parse_typed(text: str | Source, variables: Sequence[str] = ()) -> Any:
    """The answer ``text`` as typed: sums, products, quotients and powers left unevaluated (see ``solver.typed``),
    so ``2(x+1)`` stays a product. For judging the form of an answer; raises ParseError like ``parse``."""
    source = text if isinstance(text, Source) else latex_reader.read(text)
    with as_typed(source):
        tokens = tokenize(source, _cached_lexer(tuple(variables), "answer"))
        node = Parser(tokens, "answer", keep_form=True).parse_top()
    return node.value if node.typed is None else node.typed


def literal_computation(text: str | Source, variables: Sequence[str] = ()) -> ty.Computation | None:
    """The outermost operation in the answer ``text`` that a literal value (``form: value``) leaves to the
    learner — ``[[1,2],[3,4]]*[[5],[6]]`` is a product, ``σ(0.5)`` a function — or None when ``text`` is a
    number, vector, matrix or set written out (see ``solver.typed.computation``). Raises ParseError like ``parse``."""
    source = text if isinstance(text, Source) else latex_reader.read(text)
    with as_typed(source):
        tokens = tokenize(source, _cached_lexer(tuple(variables), "answer"))
        return Parser(tokens, "answer", mark_literal=True).parse_top().computed


def _finish(node: Node, tex: str | Callable[[], str], notes: tuple[dict[str, Any], ...] = ()) -> Parsed:
    value = node.value
    if isinstance(value, arith.PlusMinus):
        value = FiniteSet(*value.items)
    if isinstance(value, bool):
        return Parsed(value, tex, ("bool",), notes)
    if isinstance(value, FiniteSet) or value is S.EmptySet:
        check_defined(value.args)
        return Parsed(value, tex, ("set", len(value.args)), notes)
    if isinstance(value, ImmutableMatrix):
        check_defined(list(value))
        r, c = value.shape
        return Parsed(value, tex, ("vector", r) if c == 1 else ("matrix", r, c), notes)
    if isinstance(value, sympy.logic.boolalg.BooleanAtom):
        return Parsed(bool(value), tex, ("bool",), notes)
    check_defined([value])
    return Parsed(value, tex, ("scalar",), notes)
