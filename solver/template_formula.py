"""Template formulas read once, evaluated many times: ``compile_template`` → ``TemplateFormula``.

An exercise template evaluates the same texts (derived values, ``where``, expected answers, mistakes) at every
seed with other values of its names. ``parse(text, variables, mode="template", names=values)`` reads the text
again each time; a ``TemplateFormula`` keeps the text's tokens, with a slot where each template name stands, and
at each evaluation only puts the current values in the slots and runs the grammar over them. The grammar, its
checks and its SymPy constructors are the same, so the value (and every error) is the one ``parse`` gives.

The values of the last evaluations are kept by the formula (a few hundred at most): equal names' values give the
same value, so they are not computed again.
"""
from __future__ import annotations

import copy
from typing import Any, Mapping, Sequence

from . import latex_reader
from .errors import ParseError
from .grammar import Parser
from .lexer import Token
from .parser import AUTHOR_NAME_CODES, Parsed, _finish, tokenize
from .vocabulary import _build_lexer, _to_value

MEMO_SIZE = 256
"""Values kept per formula (the oldest is dropped first)."""


class _Slot:
    """Where a template name stands in the tokens (its value is put in at each evaluation)."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


class TemplateFormula:
    """A template text read once for given declared `variables` and template `names` (in the order ``parse``
    receives them); ``evaluate(values)`` is ``parse(text, variables, mode="template", names=values)``."""

    def __init__(self, text: str, variables: tuple[str, ...], names: tuple[str, ...], tokens: list[Token]):
        self.text = text
        self.variables = variables
        self.names = names
        self._tokens = tokens
        self._memo: dict[tuple, Parsed] = {}

    def evaluate(self, values: Mapping[str, Any]) -> Parsed:
        """The parsed text with `values` (one for each of `names`) in place of the names. Raises ParseError."""
        converted = {name: _to_value(values[name], self.variables) for name in self.names}
        try:
            key = tuple((type(v), v) for v in converted.values())
            hash(key)
        except TypeError:  # a value that cannot be hashed (never from a template, which has SymPy values)
            key = None
        if key is not None and key in self._memo:
            return self._memo[key]
        tokens = _filled(self._tokens, converted)
        try:
            node = Parser(tokens, "template", with_tex=False).parse_top()
            parsed = _finish(node, lambda: Parser(tokens, "template").parse_top().tex)
        except ParseError as err:
            if err.code in AUTHOR_NAME_CODES:
                err.code = "unknown_name_template"  # as `parse` says it
            raise
        if key is not None:
            if len(self._memo) >= MEMO_SIZE:
                del self._memo[next(iter(self._memo))]
            self._memo[key] = parsed
        return parsed


def compile_template(text: str, variables: Sequence[str], names: Sequence[str]) -> TemplateFormula:
    """Read a template text whose names (`names`, in this order) get their values later. Raises ParseError when
    the text cannot be read whatever the values (e.g. an unknown name, an unmatched bracket)."""
    variables = tuple(variables)
    names = tuple(names)
    try:
        lexer = _build_lexer(variables, "template", {name: _Slot(name) for name in names}, None,
                             convert=False)
        tokens = tokenize(latex_reader.read(text), lexer)
    except ParseError as err:
        if err.code in AUTHOR_NAME_CODES:
            err.code = "unknown_name_template"
        raise
    return TemplateFormula(text, variables, names, tokens)


def _filled(tokens: list[Token], values: Mapping[str, Any]) -> list[Token]:
    """A copy of `tokens` with each name's value in its slot (Σ/Π bounds too); the other tokens are shared."""
    out = []
    for tok in tokens:
        if isinstance(tok.value, _Slot):
            tok = Token(tok.kind, tok.text, tok.column, values[tok.value.name], tok.tex, tok.extra)
        elif tok.kind == "big":
            head = copy.copy(tok.extra)
            head.lo, head.hi = _filled(head.lo, values), _filled(head.hi, values)
            tok = Token(tok.kind, tok.text, tok.column, tok.value, tok.tex, head)
        out.append(tok)
    return out
