"""Several runs of the load benchmark summed up (`python -m scripts.bench_load --repeat N`): which run is the
median one, each measure's median and range, and in how many runs each of issue 13's targets held.

On a shared or virtual machine one run says little: its speed drifts within minutes, so the same code meets a
target in one run and misses it in the next. So a target is reported as the share of runs that met it, for every
target app alike (the reference app too, as a yardstick for the machine).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    from scripts.bench_load import Figures

RunFigures = Sequence["Figures"]
"""One run: the figures of every target at every size."""


@dataclass(frozen=True)
class Measure:
    """A figure of one target at one size, with its target: at least or at most ``limit`` (no limit: shown only)."""

    label: str
    value: Callable[[Figures], float | None]
    unit: str
    limit: float | None = None
    at_most: bool = False

    def held(self, value: float) -> bool:
        """Whether ``value`` meets the target."""
        assert self.limit is not None
        return value <= self.limit if self.at_most else value >= self.limit

    def goal(self) -> str:
        """The target as text, e.g. "≤ 3 ms"."""
        return "" if self.limit is None else f"{'≤' if self.at_most else '≥'} {self.limit:g}{self.unit}"


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _p95(figures: Figures, kind: str) -> float:
    return percentile(figures.checks[kind], 95)


MEASURES: tuple[Measure, ...] = (
    Measure("checks/s, right", lambda f: f.rate("right"), "/s", 250),
    Measure("checks/s, wrong", lambda f: f.rate("wrong"), "/s", 250),
    Measure("p95, right", lambda f: _p95(f, "right"), " s", 1.0, at_most=True),
    Measure("p95, wrong", lambda f: _p95(f, "wrong"), " s", 1.0, at_most=True),
    Measure("CPU per right check", lambda f: f.cpu_ms["right"], " ms", 3.0, at_most=True),
    Measure("CPU per wrong check", lambda f: f.cpu_ms["wrong"], " ms", 5.0, at_most=True),
    Measure("CPU per topic page", lambda f: f.page_cpu_ms, " ms", 8.0, at_most=True),
    Measure("usable after launch", lambda f: f.launch.usable if f.launch else None, " s", 1.5, at_most=True),
)


@dataclass(frozen=True)
class Ratio:
    """The checks/s of target ``over`` divided by those of ``under`` at one size, and the least it should be."""

    label: str
    over: str
    under: str
    kind: str
    least: float


RATIOS: tuple[Ratio, ...] = (
    Ratio("one process / the reference, right", "single", "reference", "right", 0.75),
    Ratio("one process / the reference, wrong", "single", "reference", "wrong", 0.75),
    Ratio("two replicas / one process, right", "balancer", "single", "right", 1.6),
    Ratio("two replicas / one process, wrong", "balancer", "single", "wrong", 1.6),
)
TARGETS = ("single", "balancer", "reference")


def at(run: RunFigures, target: str, sessions: int) -> Figures | None:
    """The figures of ``target`` at ``sessions`` in ``run`` (None if it was not measured)."""
    return next((f for f in run if f.target == target and f.sessions == sessions), None)


def ratio_value(run: RunFigures, ratio: Ratio, sessions: int) -> float | None:
    """``ratio`` in ``run`` at ``sessions``; None when a target is missing or checked nothing."""
    over, under = at(run, ratio.over, sessions), at(run, ratio.under, sessions)
    if over is None or under is None or not under.rate(ratio.kind):
        return None
    return over.rate(ratio.kind) / under.rate(ratio.kind)


def median_run(runs: Sequence[RunFigures], sessions: int) -> int:
    """The index of the run with the median right checks/s at ``sessions`` of one process (of the first target
    measured when no run has one)."""
    name = "single" if any(at(run, "single", sessions) for run in runs) else runs[0][0].target

    def rate(run: RunFigures) -> float:
        figures = at(run, name, sessions)
        return figures.rate("right") if figures else 0.0

    return sorted(range(len(runs)), key=lambda i: rate(runs[i]))[len(runs) // 2]


def _spread(values: list[float], unit: str) -> str:
    if not values:
        return "—"
    digits = {"/s": 0, " s": 2, "×": 2}.get(unit, 1)
    median = f"{statistics.median(values):.{digits}f}{unit}"
    return median if len(values) == 1 else f"{median} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def summary(runs: Sequence[RunFigures], sessions: int) -> str:
    """A Markdown table of every measure at ``sessions``, per target: median (range) over ``runs``, and in how many
    runs its target held; then the ratios between targets the same way."""
    targets = [t for t in TARGETS if any(at(run, t, sessions) for run in runs)]
    n = len(runs)
    lines = [f"Over {n} runs at {sessions} sessions: median (range), and in how many runs each target held.", "",
             "| measure | target | " + " | ".join(targets) + " |", "|---|---|" + "---|" * len(targets)]
    for measure in MEASURES:
        cells = []
        for name in targets:
            values = [v for run in runs if (f := at(run, name, sessions)) is not None
                      and (v := measure.value(f)) is not None]
            held = f", held {sum(map(measure.held, values))}/{n}" if values and measure.limit is not None else ""
            cells.append(_spread(values, measure.unit) + held)
        lines.append(f"| {measure.label} | {measure.goal()} | " + " | ".join(cells) + " |")
    for ratio in RATIOS:
        values = [v for run in runs if (v := ratio_value(run, ratio, sessions)) is not None]
        if values:
            held = sum(v >= ratio.least for v in values)
            lines.append(f"| {ratio.label} | ≥ {ratio.least:g}× | {_spread(values, '×')}, held {held}/{n} |"
                         + " |" * (len(targets) - 1))
    return "\n".join(lines)
