"""The time budget of one check, counted in the checking thread's CPU time and its waits for worker processes.

A check's own work (evaluating both sides at points, pairing set elements, looking for a diagnosis) runs in the
caller's thread; its cost is the CPU time that thread uses (``time.thread_time``), not the wall clock: on a busy
machine the same work takes the same budget, so a starved check is slower but never turns a verdict into "could not
be checked in time". Waiting for a worker process (``simplify``) is charged as the wall-clock time waited, since
the caller's thread uses no CPU meanwhile. On an idle machine both clocks agree, so a check still answers within
its budget (2 s by default). A wall-clock cap, ``WALL_FACTOR`` times the budget, bounds a check however starved the
machine is (or however many threads share the interpreter's lock).

A ``Deadline`` belongs to the thread that created it (its CPU clock is that thread's).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

WALL_FACTOR = 5.0


class _Clock:
    """What one check has used so far: CPU time of its thread, plus the wall-clock time spent waiting."""

    def __init__(self) -> None:
        self.cpu = time.thread_time()
        self.wall = time.monotonic()
        self.waited = 0.0

    def used(self) -> float:
        return time.thread_time() - self.cpu + self.waited

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
        return self.left() <= 0

    def sooner(self, seconds: float) -> Deadline:
        """A deadline ``seconds`` before this one, on the same clock (keeping time for what follows)."""
        return Deadline(self.seconds - seconds, self._clock, self.wall_seconds - seconds)

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """Charge the wall-clock time of the ``with`` block (a wait for a worker process) to the budget."""
        wall, cpu = time.monotonic(), time.thread_time()
        try:
            yield
        finally:
            self._clock.waited += max(time.monotonic() - wall - (time.thread_time() - cpu), 0.0)
