"""The mpmath contexts of the numeric layer are built once per process and shared safely by threads (Streamlit
runs every script run in a new thread; a per-thread cache rebuilt them for almost every wrong answer)."""
from __future__ import annotations

import threading

from solver import check
from solver.equivalence import CONTEXTS, HIGH_DPS, LOW_DPS


def _in_fresh_thread(fn) -> None:
    thread = threading.Thread(target=fn)
    thread.start()
    thread.join()


def test_fresh_threads_reuse_the_process_contexts() -> None:
    check("expression", "2*x", "x^2", vars=["x"])  # builds what one thread needs
    built = CONTEXTS.built
    results = []
    for _ in range(12):
        _in_fresh_thread(lambda: results.append(check("expression", "2*x", "x^2", vars=["x"]).status))
    assert results == ["incorrect"] * 12
    assert CONTEXTS.built == built


def test_concurrent_checks_borrow_separate_contexts_and_stay_right() -> None:
    """Threads checking at once each get their own context; every verdict is right and every context comes
    back at its own precision."""
    cases = [("sigma(x)*(1-sigma(x))", "e^(-x)/(1+e^(-x))^2", "correct"),
             ("2*x", "x^2", "incorrect"), ("log(x^2)", "2*log(x)", "incorrect"),
             ("tanh(x)", "(e^x-e^(-x))/(e^x+e^(-x))", "correct")]
    failures: list[str] = []
    barrier = threading.Barrier(8)

    def work(index: int) -> None:
        barrier.wait()
        for _ in range(5):
            expected, answer, status = cases[index % len(cases)]
            got = check("expression", expected, answer, vars=["x"]).status
            if got != status:
                failures.append(f"{expected} vs {answer}: {got}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    for dps in (LOW_DPS, HIGH_DPS):
        ctx = CONTEXTS.take(dps)
        try:
            assert ctx.dps == dps
        finally:
            CONTEXTS.give(ctx, dps)
