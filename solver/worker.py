"""Run unbounded SymPy work in reusable worker processes under a hard time budget and a memory cap.

Signals cannot interrupt Streamlit's script threads, so the only reliable bound for ``simplify`` — or for an
exercise file's formulas — is another process: it gets the task over a pipe; if no answer comes in time it is
killed and a fresh one is started in the background. Workers are plain ``python -m solver.worker`` subprocesses
speaking length-prefixed pickles on stdin/stdout (``multiprocessing`` start methods re-import the parent's
``__main__``, which is fragile under Streamlit, pytest-xdist and ``python -``). They start lazily, cap their own
address space at ``MEMORY_LIMIT`` and only ever unpickle what their parent process sent them.

Workers come in named pools so that one kind of work never waits behind another: ``check`` (the checker's
``simplify``) is built in; other packages add theirs with ``configure_pool`` (the exercise engine runs authors'
formulas in its own pools). A task is a name in ``_TASKS`` or ``"package.module:function"``. Inside a worker,
``time_limit`` bounds a piece of work with a timer signal (the worker's main thread can be interrupted), and
``run`` executes nested tasks in place under such a limit instead of starting workers of its own. Those limits count
the worker's CPU time (a profiling timer), so a loaded machine slows work down without making it fail.
"""
from __future__ import annotations

import atexit
import importlib
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator

import sympy as sp

MEMORY_LIMIT = 1 << 30
POOL_SIZE = 2
TIMEOUT = "timeout"
MEMORY = "memory"
WARM_UP_FLAG = "--warm-up"
REFIRE_SECONDS = 0.05
"""After a time limit has run out, the alarm repeats at this interval until the work has stopped, in case some
library code caught the first interruption."""


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


_TASKS: dict[str, Callable[..., Any]] = {"zero_test": _zero_test, "compare_open": _compare_open}
_inside_worker = False


def _task(name: str) -> Callable[..., Any]:
    """The function of a task: a built-in name, or ``"package.module:function"`` (imported in the worker)."""
    if name in _TASKS:
        return _TASKS[name]
    module, _, function = name.partition(":")
    if not module or not function:
        raise KeyError(name)
    found = getattr(importlib.import_module(module), function)
    _TASKS[name] = found
    return found


# ---------------------------------------------------------------------------------------------------------
# Time limits inside a worker (its main thread can take an alarm signal)
# ---------------------------------------------------------------------------------------------------------

class OutOfTime(BaseException):
    """Raised inside a worker when a ``time_limit`` runs out (a BaseException, so ``except Exception`` in library
    code does not swallow it)."""


@dataclass(eq=False)  # limits are told apart by identity: two may share a deadline
class Limit:
    """One active ``time_limit``: ``expired`` tells whether it was this limit that ran out."""

    deadline: float
    expired: bool = field(default=False)


_limits: list[Limit] = []


def _arm() -> None:
    if not _limits:
        signal.setitimer(signal.ITIMER_PROF, 0)
        return
    left = max(min(lim.deadline for lim in _limits) - time.process_time(), 0.001)
    signal.setitimer(signal.ITIMER_PROF, left, REFIRE_SECONDS)


def _on_alarm(_signum: int, _frame: Any) -> None:
    now = time.process_time()
    due = [lim for lim in _limits if lim.deadline <= now]
    if not due:
        _arm()
        return
    for lim in due:
        lim.expired = True
    raise OutOfTime


def limits_available() -> bool:
    """Whether ``time_limit`` can interrupt work here (inside a worker, on its main thread)."""
    return _inside_worker and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[Limit]:
    """Inside a worker: raise ``OutOfTime`` in the work of the ``with`` block once it has used ``seconds`` of CPU
    time (CPU, not wall-clock time: a busy machine does not make cheap work fail; the caller's wall-clock timeout
    still bounds the whole call).

    Limits nest; catch ``OutOfTime`` outside the block and check ``limit.expired`` to know whether this limit (and
    not an outer one) ran out. Outside a worker it does nothing (the caller's process is the limit there)."""
    limit = Limit(time.process_time() + max(seconds, 0.0))
    if not limits_available():
        yield limit
        return
    _limits.append(limit)
    _arm()
    try:
        yield limit
    finally:
        _limits.remove(limit)
        _arm()


def _run_here(task: str, args: tuple, timeout: float) -> tuple[str, Any]:
    """Run a task in this worker under ``timeout`` (a task that itself needs a worker, run from inside one)."""
    try:
        with time_limit(timeout) as limit:
            return ("ok", _task(task)(*args))
    except OutOfTime:
        if not limit.expired:
            raise
        return ("error", TIMEOUT)
    except MemoryError:
        return ("error", MEMORY)
    except Exception as exc:  # noqa: BLE001 — a task failing is a reply, as in a worker of its own
        return ("error", type(exc).__name__)


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


def _read_message(stream: IO[bytes]) -> Any:
    header = stream.read(4)
    if len(header) < 4:
        raise EOFError
    (size,) = struct.unpack(">I", header)
    body = stream.read(size)
    if len(body) < size:
        raise EOFError
    return pickle.loads(body)


def _write_message(stream: IO[bytes], obj: Any) -> None:
    body = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)  # before writing: a failure sends nothing
    stream.write(struct.pack(">I", len(body)) + body)
    stream.flush()


def serve(preload: list[str]) -> None:
    """The worker's loop on stdin/stdout: receive ``(task, args)``, reply ``("ok", result)`` or ``("error", text)``.

    ``preload``: modules imported before saying "ready" (a pool's tasks then start without import delays);
    ``--warm-up`` among them: run ``simplify`` once first (the checker's pool)."""
    global _inside_worker
    _inside_worker = True
    _limit_memory()
    sys.setrecursionlimit(10_000)
    signal.signal(signal.SIGPROF, _on_alarm)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but replies may reach the pipe
    if WARM_UP_FLAG in preload:
        _warm_up()
    for module in preload:
        if module != WARM_UP_FLAG:
            importlib.import_module(module)
    _write_message(stdout, ("ready", None))
    while True:
        try:
            task, args = _read_message(stdin)
        except (EOFError, OSError, pickle.UnpicklingError):
            return
        try:
            reply: tuple[str, Any] = ("ok", _task(task)(*args))
        except MemoryError:
            reply = ("error", MEMORY)
        except (Exception, OutOfTime) as exc:  # a task failing must not end the worker
            reply = ("error", type(exc).__name__)
        try:
            _write_message(stdout, reply)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            _write_message(stdout, ("error", "unpicklable result"))
        except (OSError, ValueError):
            return


# ---------------------------------------------------------------------------------------------------------
# In the calling process
# ---------------------------------------------------------------------------------------------------------

_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)


class _Worker:
    """One worker process and the pipes to it; used by one caller at a time (hold ``lock``)."""

    def __init__(self, preload: tuple[str, ...] = (WARM_UP_FLAG,)) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.ready = False
        self.preload = preload

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
            [sys.executable, "-m", "solver.worker", *self.preload], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
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

    def call(self, task: str, args: tuple, timeout: float, startup: float = 0.0) -> tuple[str, Any]:
        """Run ``task`` here; a worker still starting up is left to start (waited for up to ``startup`` seconds
        besides ``timeout``), a busy one is killed and replaced."""
        start = time.monotonic()
        try:
            self.ensure_started()
            if not self.ready:
                self._await_ready(start + timeout + startup)
        except TimeoutError:
            return ("error", TIMEOUT)
        except (OSError, EOFError, ValueError, pickle.PickleError, struct.error):
            self.stop()
            return ("error", "worker failed")
        deadline = (time.monotonic() if startup else start) + timeout
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


_POOLS: dict[str, list[_Worker]] = {"check": [_Worker() for _ in range(POOL_SIZE)]}
_POOL = _POOLS["check"]
_pools_lock = threading.Lock()


def configure_pool(name: str, size: int, preload: tuple[str, ...] = (), warm_up: bool = False) -> None:
    """Declare a pool of ``size`` workers that import ``preload`` (and, with ``warm_up``, run ``simplify`` once)
    before their first task. No-op if the pool exists."""
    with _pools_lock:
        if name not in _POOLS:
            _POOLS[name] = [_Worker(tuple(preload) + ((WARM_UP_FLAG,) if warm_up else ())) for _ in range(size)]


def prestart(pool: str = "check") -> None:
    """Start any worker of ``pool`` not yet running, without waiting for it to be ready."""
    for w in _POOLS[pool]:
        if w.lock.acquire(blocking=False):
            try:
                w.ensure_started()
            except OSError:
                pass
            finally:
                w.lock.release()


def wait_ready(timeout: float, pool: str = "check") -> bool:
    """Start the workers of ``pool`` if needed and wait (at most ``timeout`` seconds) until one is ready for tasks."""
    prestart(pool)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for w in _POOLS[pool]:
            if w.lock.acquire(blocking=False):
                try:
                    if w.is_ready():
                        return True
                finally:
                    w.lock.release()
        time.sleep(0.02)
    return False


def run(task: str, *args: Any, timeout: float, pool: str = "check", startup: float = 0.0) -> tuple[str, Any]:
    """Run ``task`` in a worker of ``pool``; ``("ok", result)``, or ``("error", reason)`` (``TIMEOUT`` when out of
    time, ``MEMORY`` when over the memory cap). ``startup``: how long a worker still starting may take besides
    ``timeout`` (0: a caller that cannot wait gets ``TIMEOUT``). Inside a worker the task runs in place, under
    ``timeout``."""
    if limits_available():
        return _run_here(task, args, timeout)
    deadline = time.monotonic() + timeout
    workers = _POOLS[pool]
    while time.monotonic() < deadline + startup:
        for want_ready in (True, False):  # a warm worker first; a starting one only if none is free
            for w in workers:
                if w.lock.acquire(blocking=False):
                    try:
                        if w.is_ready() or not want_ready:
                            return w.call(task, args, max(deadline - time.monotonic(), 0.0), startup)
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
    for workers in list(_POOLS.values()):
        for w in workers:
            with w.lock:
                w.stop()


atexit.register(shutdown)

if __name__ == "__main__":
    # Serve from the importable module, not from `__main__`: tasks import `solver.worker` (for `time_limit`), and
    # must see the same state and the same `OutOfTime` class.
    importlib.import_module("solver.worker").serve(sys.argv[1:])
