"""Run unbounded SymPy work (``simplify``) in reusable worker processes under a hard time budget.

Signals cannot interrupt Streamlit's script threads, so the only reliable bound for ``simplify`` is another
process: it gets the task over a pipe; if no answer comes in time it is killed and a fresh one is started in
the background. Workers are plain ``python -m solver.worker`` subprocesses speaking length-prefixed pickles
on stdin/stdout (``multiprocessing`` start methods re-import the parent's ``__main__``, which is fragile under
Streamlit, pytest-xdist and ``python -``). They start lazily, cap their own address space at
``MEMORY_LIMIT`` and only ever unpickle what this package sent them.
"""
from __future__ import annotations

import atexit
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

import sympy as sp

MEMORY_LIMIT = 1 << 30
POOL_SIZE = 2
TIMEOUT = "timeout"


# ---------------------------------------------------------------------------------------------------------
# Inside the worker
# ---------------------------------------------------------------------------------------------------------

def _zero_test(diff: sp.Basic) -> str:
    """``"zero"`` if simplification reduces ``diff`` to 0, ``"nonzero"`` if to a non-zero number, else ``"unknown"``."""
    for candidate in (diff, diff.rewrite(sp.exp)):
        simplified = sp.simplify(candidate)
        if simplified == 0:
            return "zero"
        if simplified.is_number and simplified.is_zero is False and not simplified.has(sp.nan, sp.zoo):
            return "nonzero"
    return "unknown"


def _compare_open(expected: sp.Basic, answer: sp.Basic) -> tuple[bool, Any]:
    """``solver.bigops.compare_open`` (an answer holding a Σ/Π left open), here because it may be costly."""
    from solver.bigops import compare_open

    return compare_open(expected, answer)


_TASKS = {"zero_test": _zero_test, "compare_open": _compare_open}


def _warm_up() -> None:
    """Import and exercise what ``simplify`` loads lazily, so the first real task is not slowed by it."""
    x = sp.Symbol("x", real=True)
    _zero_test(sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1)


def _limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass


def _read_message(stream: BinaryIO) -> Any:
    header = stream.read(4)
    if len(header) < 4:
        raise EOFError
    (size,) = struct.unpack(">I", header)
    body = stream.read(size)
    if len(body) < size:
        raise EOFError
    return pickle.loads(body)


def _write_message(stream: BinaryIO, obj: Any) -> None:
    body = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">I", len(body)) + body)
    stream.flush()


def serve() -> None:
    """The worker's loop on stdin/stdout: receive ``(task, args)``, reply ``("ok", result)`` or ``("error", text)``."""
    _limit_memory()
    sys.setrecursionlimit(10_000)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but replies may reach the pipe
    _warm_up()
    _write_message(stdout, ("ready", None))
    while True:
        try:
            task, args = _read_message(stdin)
        except (EOFError, OSError, pickle.UnpicklingError):
            return
        try:
            reply: tuple[str, Any] = ("ok", _TASKS[task](*args))
        except MemoryError:
            reply = ("error", "memory")
        except Exception as exc:  # a task failing must not end the worker
            reply = ("error", type(exc).__name__)
        try:
            _write_message(stdout, reply)
        except (OSError, ValueError, pickle.PicklingError):
            return


# ---------------------------------------------------------------------------------------------------------
# In the calling process
# ---------------------------------------------------------------------------------------------------------

_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)


class _Worker:
    """One worker process and the pipes to it; used by one caller at a time (hold ``lock``)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.ready = False

    def is_ready(self) -> bool:
        """Whether the worker has started and said so (reads its 'ready' message if it is waiting)."""
        if self.process is None or self.process.poll() is not None:
            return False
        if not self.ready:
            try:
                self._await_ready(time.monotonic())
            except (TimeoutError, EOFError, OSError, ValueError, pickle.PickleError, struct.error):
                return False
        return self.ready

    def _await_ready(self, deadline: float) -> None:
        (size,) = struct.unpack(">I", self._read_exactly(4, deadline))
        if pickle.loads(self._read_exactly(size, deadline + 1.0)) != ("ready", None):
            raise ValueError("unexpected greeting")
        self.ready = True

    def ensure_started(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        self.ready = False
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PROJECT_ROOT, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "solver.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, cwd=_PROJECT_ROOT, env=env, close_fds=True)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        try:
            process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()

    def _read_exactly(self, size: int, deadline: float) -> bytes:
        """``size`` bytes from the worker, or TimeoutError at ``deadline``."""
        assert self.process is not None and self.process.stdout is not None
        fd = self.process.stdout.fileno()
        chunks, remaining = [], size
        while remaining:
            left = max(deadline - time.monotonic(), 0.0)
            if not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, remaining)
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def call(self, task: str, args: tuple, timeout: float) -> tuple[str, Any]:
        """Run ``task`` here; a worker still starting up is left to start, a busy one is killed and replaced."""
        deadline = time.monotonic() + timeout
        try:
            self.ensure_started()
            if not self.ready:
                self._await_ready(deadline)
        except TimeoutError:
            return ("error", TIMEOUT)
        except (OSError, EOFError, ValueError, pickle.PickleError, struct.error):
            self.stop()
            return ("error", "worker failed")
        assert self.process is not None and self.process.stdin is not None
        try:
            _write_message(self.process.stdin, (task, args))
            (size,) = struct.unpack(">I", self._read_exactly(4, deadline))
            return pickle.loads(self._read_exactly(size, deadline))
        except TimeoutError:
            reason = TIMEOUT
        except (OSError, EOFError, ValueError, pickle.PickleError, struct.error):
            reason = "worker failed"
        self.stop()
        self.ensure_started()  # the replacement warms up while the caller carries on
        return ("error", reason)


_POOL = [_Worker() for _ in range(POOL_SIZE)]


def prestart() -> None:
    """Start any worker not yet running, without waiting for it to be ready."""
    for w in _POOL:
        if w.lock.acquire(blocking=False):
            try:
                w.ensure_started()
            except OSError:
                pass
            finally:
                w.lock.release()


def wait_ready(timeout: float) -> bool:
    """Start the workers if needed and wait (at most ``timeout`` seconds) until one is ready for tasks."""
    prestart()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for w in _POOL:
            if w.lock.acquire(blocking=False):
                try:
                    if w.is_ready():
                        return True
                finally:
                    w.lock.release()
        time.sleep(0.02)
    return False


def run(task: str, *args: Any, timeout: float) -> tuple[str, Any]:
    """Run ``task`` in a worker; ``("ok", result)``, or ``("error", reason)`` (``TIMEOUT`` when out of time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for want_ready in (True, False):  # a warm worker first; a starting one only if none is free
            for w in _POOL:
                if w.lock.acquire(blocking=False):
                    try:
                        if w.is_ready() or not want_ready:
                            return w.call(task, args, deadline - time.monotonic())
                    finally:
                        w.lock.release()
        time.sleep(0.002)
    return ("error", TIMEOUT)


def zero_test(diff: sp.Basic, timeout: float) -> str:
    """``"zero"``, ``"nonzero"``, ``"unknown"``, or ``TIMEOUT``: whether ``simplify`` reduces ``diff`` to 0."""
    if timeout <= 0.01:
        return TIMEOUT
    status, result = run("zero_test", diff, timeout=timeout)
    return result if status == "ok" else (TIMEOUT if result == TIMEOUT else "unknown")


def shutdown() -> None:
    """Stop all worker processes."""
    for w in _POOL:
        with w.lock:
            w.stop()


atexit.register(shutdown)

if __name__ == "__main__":
    serve()
