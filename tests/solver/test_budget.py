"""A check's time budget counts the work it does, not the time the machine spent elsewhere (``solver.budget``).

A loaded machine is simulated deterministically: the wall clock seen by the budget jumps ahead right after the
check starts, as when the checking thread loses the CPU for a while. No assertion here is about speed.
"""
from __future__ import annotations

import time

import pytest

from solver import budget, check
from solver.budget import Deadline
from solver.kinds.sets import MAX_ELEMENTS


class _StalledClock:
    """``time`` as ``solver.budget`` sees it when the machine stalls ``stall`` seconds just after a check starts."""

    def __init__(self, stall: float) -> None:
        self.stall = stall
        self.started = False

    def monotonic(self) -> float:
        now = time.monotonic()
        if not self.started:
            self.started = True
            return now
        return now + self.stall

    @staticmethod
    def thread_time() -> float:
        return time.thread_time()


def _set(items: list[str]) -> str:
    return "{" + ", ".join(items) + "}"


HUNDRED = (_set([f"{i}/7" for i in range(MAX_ELEMENTS)]),
           _set([f"{i / 7:.4f}" for i in reversed(range(MAX_ELEMENTS))]))


@pytest.mark.parametrize(("kind", "expected", "answer", "vars_", "status", "mistake"), [
    ("set", *HUNDRED, [], "correct", None),
    ("expression", "x - y", "y - x", ["x", "y"], "incorrect", "wrong-sign"),
    ("expression", "x", "x + relu(x-2.999)", ["x"], "incorrect", None),
    ("expression", "sin(x)^2", "1 - cos(x)^2", ["x"], "correct", None),
], ids=["hundred-numbers", "wrong-sign", "narrow-strip", "identity"])
def test_a_stall_longer_than_the_budget_does_not_change_the_verdict(
        monkeypatch: pytest.MonkeyPatch, kind: str, expected: str, answer: str, vars_: list[str], status: str,
        mistake: str | None) -> None:
    monkeypatch.setattr(budget, "time", _StalledClock(stall=1.9))  # beyond the 2 s budget less its margin
    verdict = check(kind, expected, answer, vars=vars_)
    assert verdict.status == status
    if mistake:
        assert verdict.details["mistake"]["name"] == mistake


def test_a_machine_starved_beyond_the_wall_clock_cap_still_gets_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "time", _StalledClock(stall=2.0 * budget.WALL_FACTOR))
    verdict = check("set", *HUNDRED)
    assert verdict.status == "invalid"
    assert verdict.details["error"]["code"] == "timeout"


def test_time_not_spent_working_is_not_charged() -> None:
    deadline = Deadline(0.05)
    time.sleep(0.1)  # the thread uses no CPU while asleep, as when the machine is busy elsewhere
    assert not deadline.passed()
    assert deadline.left() > 0


def test_waiting_for_a_worker_is_charged() -> None:
    deadline = Deadline(0.05)
    with deadline.waiting():
        time.sleep(0.1)
    assert deadline.passed()


def test_cpu_time_is_charged_and_a_sooner_deadline_shares_the_clock() -> None:
    deadline = Deadline(0.05)
    early = deadline.sooner(0.03)
    start = time.thread_time()
    while time.thread_time() - start < 0.03:
        pass
    assert early.passed()
    while time.thread_time() - start < 0.06:
        pass
    assert deadline.passed()


def test_a_runaway_computation_still_runs_out_of_budget() -> None:
    deadline = Deadline(0.05)
    start = time.monotonic()
    while not deadline.passed() and time.monotonic() - start < 30:
        sum(range(1000))  # CPU work, as a check's loop does between two questions to its deadline
    assert deadline.passed()
    assert deadline.left() <= 0


def test_the_cpu_clock_is_not_read_while_the_wall_clock_is_within_the_budget(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []
    monkeypatch.setattr(budget, "thread_cpu", lambda: reads.append(1) or time.thread_time())
    deadline = Deadline(60.0)
    early = deadline.sooner(1.0)
    for _ in range(1000):
        assert not deadline.passed() and not early.passed()
    assert len(reads) == 1  # the check's starting point only
    assert deadline.left() > 0 and len(reads) == 2  # left() is exact: it reads the clock
