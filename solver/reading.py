"""Reading a learner's answer: the LaTeX front end, an optional left-hand side, then the parser.

``read_answer`` is what ``check`` and ``preview`` use. The left-hand-side rule (documented in docs/solver.md):

- with declared names (``lhs=["a_n"]``, an exercise part's ``lhs:``), a left side must name one of them
  (``a_n = …``, ``aₙ = …``; ``f'(x) = …`` or ``df/dx = …`` for ``f'(x)``), else ``lhs_mismatch``;
- without, a left side that names something is accepted (``y = 2x``, ``a_n = …``, ``∂f/∂x = …``, ``x = ±1``)
  unless it is a declared variable that the right side uses (``x = x^2 + 1`` is an equation:
  ``lhs_is_variable``); a left side that names nothing (``2x = …``) is ``lhs_not_a_name``;
- for sets, ``x = 1, x = -1`` (or ``x = 1 or x = -1``) lists the elements under one name.

The live preview reads the answer as it is typed, and the check reads the same text again: the last
``CACHE_ENTRIES`` readings (of texts up to ``CACHE_MAX_TEXT`` characters) are kept, keyed by the text, the
variables and the left-hand-side names, with the error for a text that cannot be read. A ``Reading`` is
immutable (SymPy values, frozen dataclasses), so threads share it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from . import latex_reader
from . import lhs as lhs_rules
from .errors import ParseError
from .latex_reader import HIDDEN_CLOSE, HIDDEN_OPEN, Source
from .lexer import name_key
from .parser import Parsed, parse_source, symbol


CACHE_ENTRIES = 512
CACHE_MAX_TEXT = latex_reader.MAX_LENGTH  # longer texts are refused at once ("too_long"): nothing to remember


@dataclass(frozen=True)
class Reading:
    """An answer as read: the parsed right-hand side, its source, the left side's name (if any) and the LaTeX
    of the whole answer (``a_{n} = 3 - 2^{n - 1}``)."""

    parsed: Parsed
    source: Source
    lhs: lhs_rules.Name | None
    latex: str


def read_answer(text: str, variables: Sequence[str] = (), lhs: Sequence[str] = ()) -> Reading:
    """Read an answer that may start with a left-hand side; raises ParseError (columns in ``text``)."""
    if len(text) > CACHE_MAX_TEXT:
        return _read(text, tuple(variables), tuple(lhs))
    found = _cached(text, tuple(variables), tuple(lhs))
    if isinstance(found, Reading):
        return found
    code, column, params = found
    raise ParseError(code, column, params)  # a new error each time: a raised exception carries its traceback


@lru_cache(maxsize=CACHE_ENTRIES)
def _cached(text: str, variables: tuple[str, ...], lhs: tuple[str, ...]) -> Reading | tuple[str, int | None, Any]:
    """``_read``, remembered: the reading, or the error as (code, column, params)."""
    try:
        return _read(text, variables, lhs)
    except ParseError as err:
        return err.code, err.column, err.params


_AT_LEAST = rf"\s*(?:≥|⩾|≧|>=|>|∈)\s*(?:[0-9]+|[NℕZℤ][\^*+₊⁺{HIDDEN_OPEN}{HIDDEN_CLOSE}]*)"
_CONDITION = re.compile(rf"(?:[,，;；]\s*(?P<var>[A-Za-z][A-Za-z0-9_]*){_AT_LEAST}\s*$"
                        rf"|[(（]\s*(?P<var2>[A-Za-z][A-Za-z0-9_]*){_AT_LEAST}\s*[)）]\s*$)")
"""A condition on the index at the end, as textbooks write a general term: ``a_n = 2n + 1 (n ≥ 1)``,
``…, n ∈ N*``, ``…（n∈ℕ*）``."""


def _without_condition(source: Source, variables: Sequence[str]) -> Source:
    """`source` without a condition on a declared variable at its end (the formula is judged as it stands)."""
    match = _CONDITION.search(source.text)
    if match is None:
        return source
    var = match.group("var") or match.group("var2")
    if name_key(var) not in {name_key(v) for v in variables}:
        return source
    return source.slice(0, match.start())


def _read(text: str, variables: tuple[str, ...], lhs: tuple[str, ...]) -> Reading:
    source = _without_condition(latex_reader.read(text), variables)
    left, right, column = lhs_rules.split(source)
    if left is None:
        parsed = parse_source(right, variables)
        return Reading(parsed, right, None, parsed.latex)
    many = lhs_rules.items(source)
    if many is not None and len(many) > 1:
        return _read_items(text, many, variables, lhs)
    again = lhs_rules.split(right)[2]
    if again is not None:
        raise ParseError("lhs_twice", again)
    name = _name(left, column)
    parsed = parse_source(right, variables)
    _judge_name(name, _typed(text, left, column), column, parsed, variables, lhs)
    return Reading(parsed, right, name, f"{name.latex} = {parsed.latex}")


def _typed(text: str, left: Source, column: int | None) -> str:
    """The left side as the learner typed it (for messages)."""
    start = left.column(1) or 1
    return text[start - 1:(column or len(text) + 1) - 1].strip() or left.text.strip()


def _name(left: Source, column: int | None) -> lhs_rules.Name:
    name = lhs_rules.name_of(left.text)
    if name is None:
        raise ParseError("lhs_not_a_name", column)
    return name


def _judge_name(name: lhs_rules.Name, given: str, column: int | None, parsed: Parsed,
                variables: Sequence[str], lhs: Sequence[str]) -> None:
    """Refuse a left side that names something other than what is asked (see the module's rule)."""
    wanted = [w for w in (_declared(spec) for spec in lhs) if w is not None]
    if wanted:
        if not any(name.matches(w) for w in wanted):
            raise ParseError("lhs_mismatch", column, {"given": given, "expected": " / ".join(map(str, lhs)),
                                                      "example": str(lhs[0])})
        return
    if name.order or name.args is not None or name.layer:
        return
    for var in variables:
        if name_key(var) == name.base and _uses(parsed.value, symbol(var)):
            raise ParseError("lhs_is_variable", column, {"given": given})


def _declared(spec: str) -> lhs_rules.Name | None:
    try:
        return lhs_rules.declared(spec)
    except (ValueError, ParseError):
        return None  # exercise files are validated; an unreadable entry here constrains nothing


def _uses(value: object, sym: object) -> bool:
    free = getattr(value, "free_symbols", None)
    return bool(free) and sym in free


def _read_items(text: str, many: list[tuple[Source, Source, int | None]], variables: Sequence[str],
                lhs: Sequence[str]) -> Reading:
    """``x = 1, x = -1``: every item names the same thing, or the items are numbered in order as textbooks list
    roots (``x₁ = 1, x₂ = -1``: each names a value of x); the right sides make a list (a set answer)."""
    names = [_name(left, column) for left, _, column in many]
    named = names[0]
    mismatch = next((column for name, (_, _, column) in zip(names[1:], many[1:]) if not name.matches(names[0])),
                    None)
    if mismatch is not None:
        stem = _numbered_stem(names)
        if stem is None:
            raise ParseError("lhs_twice", mismatch)
        named = stem
    rights = [right for _, right, _ in many]
    joined = _join(rights)
    parsed = parse_source(joined, variables)
    for left, _, column in many:
        _judge_name(named, _typed(text, left, column), column, parsed, variables, lhs)
    latex = ", ".join(f"{name.latex} = {parse_source(right, variables).latex}" for name, right in zip(names, rights))
    return Reading(parsed, joined, named, latex)


def _numbered_stem(names: Sequence[lhs_rules.Name]) -> lhs_rules.Name | None:
    """The name x when `names` are x₁, x₂, …, xₙ in this order (plain names, the same letters before the number),
    else None."""
    stem = ""
    for k, name in enumerate(names, start=1):
        number = str(k)
        base = name.base[:-len(number)] if name.base.endswith(number) else ""
        if name.layer or name.order or name.args is not None or not base or base[-1].isdigit() \
                or (stem and base != stem):
            return None
        stem = base
    return lhs_rules.name_of(stem)


def _join(parts: list[Source]) -> Source:
    """Sources joined with commas, each character keeping its column."""
    text, columns = [], []
    for index, part in enumerate(parts):
        if index:
            text.append(",")
            columns.append(part.column(1) or 1)
        text.append(part.text)
        columns.extend(part.columns or range(1, len(part.text) + 1))
    return Source("".join(text), tuple(columns), parts[0].length, parts[0].typed)
