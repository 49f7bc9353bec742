"""The time budget of one check, counted in the checking thread's CPU time and its waits for worker processes.

A check's own work (evaluating both sides at points, pairing set elements, looking for a diagnosis) runs in the
caller's thread; its cost is the CPU time that thread uses (``thread_cpu``), not the wall clock: on a busy
machine the same work takes the same budget, so a starved check is slower but never turns a verdict into "could not
be checked in time". Waiting for a worker process (``simplify``) is charged as the wall-clock time waited, since
the caller's thread uses no CPU meanwhile. On an idle machine both clocks agree, so a check still answers within
its budget (2 s by default). A wall-clock cap, ``WALL_FACTOR`` times the budget, bounds a check however starved the
machine is (or however many threads share the interpreter's lock).

A ``Deadline`` belongs to the thread that created it (its CPU clock is that thread's).

Reading the clocks cheaply. The loops of a check ask ``passed()`` at every step. A thread never uses more CPU time
than the wall-clock time that has elapsed, so while the wall-clock time elapsed plus the time waited is within the
budget, the budget is not spent and ``passed()`` answers from ``time.monotonic()`` alone (no system call). The CPU
clock itself is read with ``getrusage(RUSAGE_THREAD)`` where the system has it (Linux), not ``time.thread_time()``:
reading the thread's CPU clock brings the scheduler's accounting up to date, and on a busy machine that often hands
the CPU to another process on the spot — for milliseconds, while this thread holds the interpreter's lock and the
whole server waits. ``getrusage`` reads the accounting as of the last scheduler tick (a few milliseconds old at
most: nothing against a budget of seconds).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]


def _rusage_thread() -> float:
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    return usage.ru_utime + usage.ru_stime


thread_cpu: Callable[[], float] = _rusage_thread if hasattr(resource, "RUSAGE_THREAD") else time.thread_time
"""The CPU seconds the calling thread has used (see the module docstring)."""

WALL_FACTOR = 5.0


class _Clock:
    """What one check has used so far: CPU time of its thread, plus the wall-clock time spent waiting."""

    def __init__(self) -> None:
        self.cpu = thread_cpu()
        self.wall = time.monotonic()
        self.waited = 0.0

    def used(self) -> float:
        return thread_cpu() - self.cpu + self.waited

    def elapsed(self) -> float:
        return time.monotonic() - self.wall


class Deadline:
    """The point at which a check has used ``seconds`` of its budget (see the module docstring)."""

    def __init__(self, seconds: float, clock: _Clock | None = None, wall_seconds: float | None = None) -> None:
        self.seconds = seconds
        self.wall_seconds = seconds * WALL_FACTOR if wall_seconds is None else wall_seconds
        self._clock = clock or _Clock()

    def left(self) -> float:
        """Seconds of budget left (negative once passed)."""
        return min(self.seconds - self._clock.used(), self.wall_seconds - self._clock.elapsed())

    def passed(self) -> bool:
        """Whether the budget is spent."""
        elapsed = self._clock.elapsed()
        if elapsed + self._clock.waited < self.seconds and elapsed < self.wall_seconds:
            return False  # the fast path: not even the wall-clock time has used up the budget
        return self.left() <= 0

    def sooner(self, seconds: float) -> Deadline:
        """A deadline ``seconds`` before this one, on the same clock (keeping time for what follows)."""
        return Deadline(self.seconds - seconds, self._clock, self.wall_seconds - seconds)

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """Charge the wall-clock time of the ``with`` block (a wait for a worker process) to the budget."""
        wall, cpu = time.monotonic(), thread_cpu()
        try:
            yield
        finally:
            self._clock.waited += max(time.monotonic() - wall - (thread_cpu() - cpu), 0.0)
