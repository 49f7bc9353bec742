"""The ``vector`` and ``matrix`` kinds: shape first, then entry by entry.

- A vector may be written as a row or a column (``(1, 2)``, ``[1, 2]``, ``1, 2``, ``[[1, 2]]``); a single
  value counts as a vector with one component only when one component is expected. A matrix must be a matrix.
- A single number where a vector of several components (or a matrix) is expected is ``invalid`` ("expected a
  vector like (1, 2)"): it was not read as a vector at all, so it costs no attempt.
- A wrong length or shape is ``incorrect`` (score 0) with "expected 3 components, got 2" /
  "expected a 2×2 matrix, got 2×3" (``details["shape"]``). A transposed matrix is scored by the entries that
  are right where they stand (a square matrix's diagonal, at least) and named by the automatic diagnosis
  (``solver.diagnose``: ``transposed``, ``details["transposed"] = True``).
- Entries are numbers (tolerance rule of ``solver.kinds.common``) or expressions (exact equivalence).
  ``details["wrong_entries"]`` lists the wrong ones, 1-based (``[i]`` for vectors, ``[i, j]`` for
  matrices); the score is the fraction of right entries.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from solver.kinds.common import Options, ScalarResult, compare_scalar, is_scalar, undecided
from solver.messages import say
from solver.verdict import CORRECT, INCORRECT, INVALID, Verdict


def as_vector(value: Any) -> list[Any] | None:
    """The components of a row/column vector (or a single value), else None."""
    if isinstance(value, sp.MatrixBase):
        return list(value) if 1 in value.shape else None
    if is_scalar(value):
        return [value]
    return None


def _entry_result(expected: Any, answer: Any, opts: Options) -> ScalarResult:
    if not is_scalar(answer):
        return ScalarResult(False)
    return compare_scalar(expected, answer, opts)


def _compare_entries(expected: list[Any], answer: list[Any],
                     opts: Options) -> tuple[list[int], ScalarResult | None]:
    """Indices (0-based) of wrong entries, and the first comparison that was undecided (None if none was)."""
    wrong, undecided_entry = [], None
    for i, (e, a) in enumerate(zip(expected, answer)):
        result = _entry_result(e, a, opts)
        if result.equal is None and undecided_entry is None:
            undecided_entry = result
        if not result.equal:
            wrong.append(i)
    return wrong, undecided_entry


def same(expected: Any, answer: Any, opts: Options) -> bool:
    """Whether ``answer`` has the expected shape and every entry matches."""
    if isinstance(expected, sp.MatrixBase) and 1 not in expected.shape:
        if not isinstance(answer, sp.MatrixBase) or answer.shape != expected.shape:
            return False
        exp_entries, ans_entries = list(expected), list(answer)
    else:
        exp_entries, ans_entries = as_vector(expected) or [], as_vector(answer)
        if ans_entries is None or len(ans_entries) != len(exp_entries):
            return False
    wrong, _ = _compare_entries(exp_entries, ans_entries, opts)
    return not wrong


def judge_vector(expected: Any, answer: Any, opts: Options) -> Verdict:
    """Judge a vector answer."""
    lang = opts.lang
    exp_entries, ans_entries = as_vector(expected), as_vector(answer)
    if exp_entries is None:
        return judge_matrix(expected, answer, opts)
    if ans_entries is None or (len(exp_entries) > 1 and not isinstance(answer, sp.MatrixBase)):
        return Verdict(INVALID, 0.0, say("expected_vector", lang))  # a single number is not a vector
    n, m = len(exp_entries), len(ans_entries)
    if n != m:
        return Verdict(INCORRECT, 0.0, say("vector_length", lang, n=n, m=m), details={"shape": {"expected": [n], "got": [m]}})
    wrong, undecided_entry = _compare_entries(exp_entries, ans_entries, opts)
    if not wrong:
        return Verdict(CORRECT, 1.0, say("correct", lang))
    if undecided_entry is not None:
        return undecided(undecided_entry, opts)
    where = say("list_sep", lang).join(str(i + 1) for i in wrong)
    return Verdict(INCORRECT, (n - len(wrong)) / n,
                   say("wrong_components", lang, count=len(wrong), total=n, where=where),
                   details={"wrong_entries": [[i + 1] for i in wrong]})


def _shape(rows: int, cols: int) -> str:
    return f"{rows}×{cols}"


def judge_matrix(expected: Any, answer: Any, opts: Options) -> Verdict:
    """Judge a matrix answer."""
    lang = opts.lang
    if not isinstance(answer, sp.MatrixBase):
        return Verdict(INVALID, 0.0, say("expected_matrix", lang))
    if not isinstance(expected, sp.MatrixBase):
        expected = sp.ImmutableMatrix([[expected]])
    (r, c), (r2, c2) = expected.shape, answer.shape
    if (r, c) != (r2, c2):
        return Verdict(INCORRECT, 0.0, say("matrix_shape", lang, shape=_shape(r, c), got=_shape(r2, c2)),
                       details={"shape": {"expected": [r, c], "got": [r2, c2]}})
    wrong, undecided_entry = _compare_entries(list(expected), list(answer), opts)
    if not wrong:
        return Verdict(CORRECT, 1.0, say("correct", lang))
    if undecided_entry is not None:
        return undecided(undecided_entry, opts)
    cells = [[i // c + 1, i % c + 1] for i in wrong]
    where = say("list_sep", lang).join(f"({i}, {j})" for i, j in cells)
    return Verdict(INCORRECT, (r * c - len(wrong)) / (r * c),
                   say("wrong_entries", lang, count=len(wrong), total=r * c, where=where),
                   details={"wrong_entries": cells})

