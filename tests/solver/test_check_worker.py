"""The worker process: a hard time budget that kills and replaces a busy worker."""
from __future__ import annotations

import sympy as sp

from solver import check, worker

X, Y = sp.symbols("x y", real=True)
HARD = sp.expand((sp.sin(X) + sp.cos(Y) + sp.tan(X * Y)) ** 9) - (sp.sin(X) + sp.cos(Y) + sp.tan(X * Y)) ** 9 + sp.exp(X)


def test_timeout_kills_and_the_next_task_still_runs() -> None:
    assert worker.zero_test(sp.sin(X) ** 2 + sp.cos(X) ** 2 - 1, timeout=60) == "zero"
    assert worker.zero_test(HARD, timeout=0.3) == worker.TIMEOUT
    assert worker.zero_test(sp.sin(X) ** 2 + sp.cos(X) ** 2 - 1, timeout=60) == "zero"
    assert worker.zero_test(sp.exp(X) - sp.exp(X) + 1, timeout=60) == "nonzero"


def test_failed_task_reports_instead_of_killing() -> None:
    assert worker.run("zero_test", "not an expression", timeout=60)[0] == "error"
    assert worker.run("no_such_task", timeout=60)[0] == "error"
    assert worker.zero_test(sp.cosh(X) ** 2 - sp.sinh(X) ** 2 - 1, timeout=60) == "zero"


def test_tiny_budget_still_gives_a_verdict() -> None:
    verdict = check("expression", "abs(x)", "sqrt(x^2)", vars=["x"], timeout=0.01)
    assert verdict.status in ("correct", "invalid")
    verdict = check("expression", "x", "x^2", vars=["x"], timeout=0.01)
    assert verdict.status in ("incorrect", "invalid")
