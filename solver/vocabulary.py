"""The parser's vocabulary: which names a text may use (declared variables, template names, functions,
constants) and the SymPy symbol of each declared name.

A declared variable gets several keys (as typed, ASCII, Greek-letter spelling: `η`, `eta`); template names
carry their substituted values. Lexers are cached per (variables, mode): answers repeat them.
"""
from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from typing import Any, Mapping

import sympy
from sympy import Basic, E, ImmutableMatrix, Integer, Rational, Symbol, pi

from .errors import ParseError
from .functions import ANSWER_FUNCTIONS, FunctionSpec
from .lexer import GREEK_LETTERS, Entry, Lexer, name_key

_GREEK_BY_NAME = {}
for _char, _name in GREEK_LETTERS.items():
    _GREEK_BY_NAME.setdefault(_name, _char)


@lru_cache(maxsize=512)
def symbol(name: str) -> Symbol:
    """The SymPy symbol for a declared variable name: real, Greek spelled out, digit subscripts joined,
    letter subscripts kept (so SymPy's LaTeX shows them).

    'x' -> x, 'w_1' -> w1, 'x_{12}' -> x12, 'η' -> eta, 'a_n' / 'aₙ' -> a_n (LaTeX a_{n}),
    'a_{n+1}' -> a_{n+1}. Checkers must build symbols with this too.
    """
    key = name_key(name)
    base, _, sub = key.partition("_")
    return Symbol(key if sub.isalnum() or not sub else "%s_{%s}" % (base, sub), real=True)


_NAME_KEY = re.compile(r"[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9+\-]*[A-Za-z0-9])?")
_STEM = re.compile(r"[A-Za-z]*")


@lru_cache(maxsize=2048)
def _aliases(name: str) -> tuple[str, ...]:
    """Vocabulary keys for a declared name: as typed (Greek kept), ASCII, and Greek-letter spellings."""
    ascii_name = name_key(name)
    keys = [name_key(name, spell_greek=False), ascii_name]
    stem = _STEM.match(ascii_name).group()
    if stem in _GREEK_BY_NAME:
        keys.append(_GREEK_BY_NAME[stem] + ascii_name[len(stem):])
    return tuple(dict.fromkeys(k for k in keys if k))


@lru_cache(maxsize=2048)
def _valid_name(name: str) -> bool:
    return _NAME_KEY.fullmatch(name_key(name)) is not None


def _to_value(value: Any, variables: tuple[str, ...]) -> Any:
    """A template `names` value as a parser value."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Integer(value)
    if isinstance(value, float):
        return Rational(Fraction(repr(value)).numerator, Fraction(repr(value)).denominator)
    if isinstance(value, Fraction):
        return Rational(value.numerator, value.denominator)
    if isinstance(value, str):
        from .parser import parse  # local: the parser reads with this vocabulary

        return parse(value, variables, mode="template").value
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(row, (list, tuple)) for row in value):
            return ImmutableMatrix([[_to_value(v, variables) for v in row] for row in value])
        return ImmutableMatrix([_to_value(v, variables) for v in value])
    if isinstance(value, sympy.MatrixBase):
        return ImmutableMatrix(value)
    if isinstance(value, Basic):
        return value
    raise ParseError("not_allowed", None, {"what": type(value).__name__})


@lru_cache(maxsize=4)
def _base_vocabulary(mode: str) -> dict[str, Entry]:
    """Functions, constants and keywords of a mode (copied before use: callers add names)."""
    from .template_functions import TEMPLATE_FUNCTIONS  # local: template functions import the parser's tools

    vocab: dict[str, Entry] = {}
    funcs = dict(ANSWER_FUNCTIONS)
    if mode == "template":
        funcs.update(TEMPLATE_FUNCTIONS)
    for name, spec in funcs.items():
        vocab[name] = Entry("func", spec, spec.latex or r"\operatorname{%s}" % name)
    vocab["e"] = Entry("const", E, "e")
    vocab["pi"] = Entry("const", pi, r"\pi")
    vocab["π"] = Entry("const", pi, r"\pi")
    if mode == "template":
        for word in ("and", "or", "not"):
            vocab[word] = Entry("kw", word, word)
    return vocab


@lru_cache(maxsize=256)
def _variable_entries(variables: tuple[str, ...]) -> tuple[tuple[str, Entry], ...]:
    """(key, entry) of every alias of the declared variables; raises ParseError for a bad name."""
    out = []
    for var in variables:
        if not _valid_name(var):
            raise ParseError("not_allowed", None, {"what": {"en": f"the variable name {var!r}",
                                                            "zh": f"变量名 {var!r}"}})
        sym = symbol(var)
        entry = Entry("var", sym, sympy.latex(sym))
        out.extend((alias, entry) for alias in _aliases(var))
    return tuple(out)


@lru_cache(maxsize=256)
def _cached_lexer(variables: tuple[str, ...], mode: str) -> Lexer:
    return _build_lexer(variables, mode, None, None)


def _names_key(names: Mapping[str, Any] | None) -> tuple[tuple[str, type, Any], ...] | None:
    """``names`` as a hashable key (the type too: True == 1, but not here), or None if a value cannot be hashed."""
    key = tuple((name, type(value), value) for name, value in (names or {}).items())
    try:
        hash(key)
    except TypeError:  # e.g. a list value
        return None
    return key


def _build_lexer(variables: tuple[str, ...], mode: str, names: Mapping[str, Any] | None,
                 functions: Mapping[str, FunctionSpec] | None, convert: bool = True) -> Lexer:
    """A lexer for these variables and names; `convert=False` keeps the names' values as given (placeholders
    filled in later, see ``solver.template_formula``)."""
    vocab = dict(_base_vocabulary(mode))
    for name, spec in (functions or {}).items():
        vocab[name] = Entry("func", spec, spec.latex or r"\operatorname{%s}" % name)
    for key, value in (names or {}).items():
        if not _valid_name(key):
            raise ParseError("not_allowed", None, {"what": {"en": f"the name {key!r}", "zh": f"名称 {key!r}"}})
        entry = Entry("name", _to_value(value, variables) if convert else value, "")  # LaTeX made if used
        for alias in _aliases(key):
            vocab[alias] = entry
    vocab.update(_variable_entries(variables))
    return Lexer(vocab, list(variables))
