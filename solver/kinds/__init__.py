"""Checkers by answer kind: each module has ``judge(expected, answer, opts) -> Verdict`` and
``same(expected, answer, opts) -> bool`` (used to match anticipated mistakes)."""
from __future__ import annotations

from typing import Any, Callable, NamedTuple

from solver.kinds import choice, expression, matrix, number, sets


class Kind(NamedTuple):
    """The two functions a kind provides."""

    judge: Callable[..., Any]
    same: Callable[..., bool]


KINDS: dict[str, Kind] = {
    "expression": Kind(expression.judge, expression.same),
    "number": Kind(number.judge, number.same),
    "vector": Kind(matrix.judge_vector, matrix.same),
    "matrix": Kind(matrix.judge_matrix, matrix.same),
    "set": Kind(sets.judge, sets.same),
    "choice": Kind(choice.judge, choice.same),
}
