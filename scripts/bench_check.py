"""The checker's share of a Check: ``python -m scripts.bench_check [--seeds 200] [--top 25]``.

Builds the load benchmark's pinned exercises (``scripts.bench_load.PINNED``, the same right and wrong answers)
for ``--seeds`` seeds each and prints, in thread CPU time (what a Streamlit script thread spends; a loaded machine
does not change it much), the milliseconds of ``Exercise.check`` per answer:

* cold — a freshly generated exercise, checked once with a text the process has not seen (a learner's Check);
* warm — the same answer checked again on the same exercise;
* after the preview — ``solver.preview`` of the answer first (the live preview's typing rerun), then a cold
  check: the check's share only.

The checker remembers readings and values, so each of cold right, cold wrong, right after the preview and wrong
after the preview gets its own block of seeds (a seed's exercise is never checked twice across blocks). Then the
functions of ``solver/`` and ``exercises/`` that cold checks spend most in (cProfile, cumulative, another block).
A benchmark that prints figures, not a test.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import time
from dataclasses import dataclass
from typing import Any, Callable

from scripts.bench_load import PINNED, pinned_answers

FIRST_SEED = 1001
MAX_SEEDS = 2000


@dataclass
class Case:
    """One pinned exercise at one seed: how to build it fresh, which part, and a right and a wrong answer."""

    build: Callable[[], Any]
    part_id: str
    kind: str
    right: str
    wrong: str


def cases(seeds: int, first: int = FIRST_SEED) -> list[Case]:
    """The pinned exercises at ``seeds`` seeds each from ``first`` (a seed whose key has no plain wrong number
    is skipped)."""
    from exercises import load_library

    library = load_library()
    out: list[Case] = []
    for _, template_id, part_id in PINNED:
        template = library.get(template_id)
        for seed in range(first, first + seeds):
            ex = template.generate(seed)
            answers = pinned_answers(ex, part_id)
            if answers is None:
                continue
            right, wrong = answers
            out.append(Case(lambda t=template, s=seed: t.generate(s), part_id, ex.part(part_id).kind,
                            right(0), wrong(1)))
    return out


def _cpu_ms(fn: Callable[[], Any]) -> float:
    start = time.thread_time_ns()
    fn()
    return (time.thread_time_ns() - start) / 1e6


def measure(items: list[Case], answer: Callable[[Case], str], expect: str) -> dict[str, list[float]]:
    """Thread-CPU ms of a cold and then a warm check of ``answer`` on each of ``items``; verdicts verified."""
    times: dict[str, list[float]] = {"cold": [], "warm": []}
    for case in items:
        text, ex = answer(case), case.build()
        for name in ("cold", "warm"):
            times[name].append(_timed_check(ex, case.part_id, text, expect))
    return times


def after_preview(items: list[Case], answer: Callable[[Case], str], expect: str) -> list[float]:
    """Thread-CPU ms of the check alone, each after ``solver.preview`` of the same text on a fresh exercise."""
    from solver import preview

    times = []
    for case in items:
        text, ex = answer(case), case.build()
        part = ex.part(case.part_id)
        preview(text, part.kind, part.vars, lhs=tuple(part.spec.lhs))
        times.append(_timed_check(ex, case.part_id, text, expect))
    return times


def _timed_check(ex: Any, part_id: str, text: str, expect: str) -> float:
    start = time.thread_time_ns()
    verdict = ex.check(part_id, text)
    spent = (time.thread_time_ns() - start) / 1e6
    if verdict.status != expect:
        raise SystemExit(f"{expect} answer {text!r} judged {verdict.status}: {verdict.message}")
    return spent


def profile(items: list[Case], top: int) -> str:
    """cProfile of cold right and wrong checks, top ``top`` functions of solver/ and exercises/ by cumulative."""
    built = [(case, case.build(), case.build()) for case in items]
    profiler = cProfile.Profile()
    profiler.enable()
    for case, one, other in built:
        one.check(case.part_id, case.right)
        other.check(case.part_id, case.wrong)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(rf"{os.sep}(solver|exercises){os.sep}", top)
    return out.getvalue()


def _row(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"| {name} | {len(values)} | {statistics.fmean(values):.3f} | {statistics.median(values):.3f} "
            f"| {p95:.3f} | {ordered[-1]:.2f} |")


def main(argv: list[str] | None = None) -> None:
    """Measure and print the table (overall, then per kind of part), then the profile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200, help="seeds per pinned exercise and block (default 200)")
    parser.add_argument("--top", type=int, default=25, help="functions in the profile (default 25)")
    args = parser.parse_args(argv)
    seeds = max(1, min(args.seeds, MAX_SEEDS))
    blocks = [cases(seeds, FIRST_SEED + i * MAX_SEEDS) for i in range(4)]
    right, wrong = (lambda c: c.right), (lambda c: c.wrong)
    warm_up = cases(2, FIRST_SEED + 5 * MAX_SEEDS)  # SymPy's and mpmath's lazy imports, out of the figures
    measure(warm_up[::2], right, "correct")
    measure(warm_up[1::2], wrong, "incorrect")
    rows = {"right": measure(blocks[0], right, "correct"), "wrong": measure(blocks[1], wrong, "incorrect")}
    rows["right"]["after preview"] = after_preview(blocks[2], right, "correct")
    rows["wrong"]["after preview"] = after_preview(blocks[3], wrong, "incorrect")
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"Exercise.check on the pinned exercises ({', '.join(t for _, t, _ in PINNED)}), {seeds} seeds each "
          f"per block, thread CPU ms, load average {load}\n")
    print("| answer, check | checks | mean | p50 | p95 | max |")
    print("|---|---:|---:|---:|---:|---:|")
    for answer in ("right", "wrong"):
        for name, values in rows[answer].items():
            print(_row(f"{answer}, {name}", values))
    for block, answer in ((blocks[0], "right"), (blocks[1], "wrong")):
        for kind in sorted({c.kind for c in block}):
            cold = [ms for c, ms in zip(block, rows[answer]["cold"]) if c.kind == kind]
            print(_row(f"{kind}: {answer}, cold", cold))
    if args.top > 0:
        print("\ncold checks, right and wrong, by cumulative time (solver/ and exercises/ only):\n")
        print(profile(cases(max(1, seeds // 4), FIRST_SEED + 4 * MAX_SEEDS), args.top))


if __name__ == "__main__":
    main()
