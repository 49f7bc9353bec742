"""``warm_up``: get the checker ready before the first learner submits an answer.

The first check in a fresh process pays for SymPy's and mpmath's lazily loaded parts (hundreds of ms), and
the worker processes that run ``simplify`` take a second or two to start. ``warm_up()`` starts the workers
and, in a daemon thread, runs a few representative checks; it returns at once. Calling it again does nothing.
"""
from __future__ import annotations

import threading

THREAD_NAME = "solver-warm-up"
CASES: tuple[tuple[str, str, str, str], ...] = (  # kind, expected, answer, variables
    ("expression", "3*t^2", "3t²", "t"),
    ("expression", "cos(t)", "sin(t)", "t"),
    ("expression", "sigma(t)*(1-sigma(t))", "e^(-t)/(1+e^(-t))^2", "t"),
    ("expression", "2*log(t)", "log(t^2)", "t"),
    ("number", "7/8", "0.875", ""),
    ("vector", "(7, 8)", "(7, 9)", ""),
    ("matrix", "[[7,8],[9,10]]", "[[7,9],[8,10]]", ""),
    ("set", "{7, -7}", "±7", ""),
)

_lock = threading.Lock()
_started = False


def warm_up() -> None:
    """Start the worker processes and warm the checker in the background; returns at once (non-blocking)."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
    threading.Thread(target=_warm, name=THREAD_NAME, daemon=True).start()


def warm_now(timeout: float = 30.0) -> None:
    """Start the simplify workers and wait (at most ``timeout`` s) until one is ready: for ``python -m solver
    batch``, whose first case should not wait for a worker to start (or run out of time waiting)."""
    from solver import worker

    worker.wait_ready(timeout)


def _warm() -> None:
    # Imported here: importing SymPy alone takes a few hundred ms, and warm_up must return at once.
    from solver import worker
    from solver.checker import check

    worker.prestart()
    for kind, expected, answer, variables in CASES:
        check(kind, expected, answer, vars=[v for v in variables.split(",") if v])
    check("expression", "2*t+2", "2(t+1)", vars=["t"], form="expanded")
