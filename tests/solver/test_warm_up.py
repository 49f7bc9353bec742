"""``solver.warm_up``: starts the workers and warms the checker in the background; the package's names stay
bound to the functions whatever is imported first."""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import solver
from solver import warm, worker

ROOT = Path(__file__).resolve().parents[2]


def _warm_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == warm.THREAD_NAME]


def test_warm_up_starts_workers_in_the_background_once() -> None:
    solver.warm_up()
    for thread in _warm_threads():
        thread.join(timeout=120)
        assert not thread.is_alive()
    assert all(w.process is not None for w in worker._POOL)
    solver.warm_up()  # a second call starts nothing
    assert not _warm_threads()
    assert solver.check("expression", "2*x", "x+x", vars=["x"]).status == "correct"


def test_check_stays_the_function_when_submodules_are_imported_first() -> None:
    code = ("import solver.checker, solver.cli, solver.warm, solver; "
            "from solver import check, preview; "
            "assert callable(check) and callable(preview) and callable(solver.check), solver.check; "
            "print(check('expression', 'x', 'x', vars=['x']).status)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "correct"
