"""Load benchmark: many learners checking answers at once, at the protocol level, next to a minimal app.

    python -m scripts.bench_load [--target single,balancer,reference] [--sessions 10,50,200] [--checks 3] [--repeat 7]

Each target is started fresh by this script on 127.0.0.1 (it refuses any other host), with its own progress store:
  * ``single``    — one ``streamlit run app.py`` process;
  * ``balancer``  — ``--replicas`` app processes behind HAProxy or nginx (`scripts.serve_class`);
  * ``reference`` — `scripts/bench_reference_app.py`: a minimal app checking the same keys with the same checker
    (``solver.check``) in a fragment, with the same server settings.
Every server process is pinned to a core of its own, as `scripts.serve_class` pins its replicas (``--replicas 1``
for one process), so the targets are set up alike: ``--pin replicas`` pins only the balancer's replicas (one
process then runs as a plain ``streamlit run app.py``), ``--pin none`` none.
The app targets share one fresh SQLite file per target, or ``--db-url`` (e.g. PostgreSQL).
For each size, that many websocket sessions (`scripts.stream_client`, Streamlit's own protocol) open a topic page
with a pinned exercise (``?ex=…&seed=…&profile=…``) all at once, then, ``--checks`` times each for a right and a
wrong answer: everyone types (the live preview's fragment rerun), then everyone clicks Check at once. Every
verdict is verified from the returned elements. Printed: checks/s, p50/p95/max latency, server CPU per check,
per typing rerun and per page load (/proc/<pid>/stat of the server and its children), RSS, lost attempts
(acknowledged checks minus rows in the store), and launch-to-usable (process start → accepting a session → a
verdict through the practice panel) — as a Markdown table, with each target's ratio to the reference. With
``--repeat N`` the whole run is done N times: the table is then the median run's (by one process's right checks/s
at the largest size), followed by each measure's median and range and the share of runs in which each target
held (`scripts.bench_summary`).

The launch is a *restart* of an installed app, as a deployed server restarts: the project's modules are compiled
to bytecode first (`compileall`; this environment may set PYTHONDONTWRITEBYTECODE, which would make every start
compile them again) and the servers share this client's parsed-library cache (`exercises.yaml_cache`, filled when
the client builds its tasks). A first-ever start parses the library and compiles the modules: ~0.3 s more.
"""
from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from scripts.bench_summary import median_run, percentile, summary
from scripts.proc_stats import cpu_seconds, rss_mib
from scripts.stream_client import LOOPBACK, Run, StreamSession, require_loopback

ROOT = Path(__file__).resolve().parent.parent
MAX_SESSIONS = 400
MAX_CHECKS = 20
MAX_REPEATS = 15
# (page, template id, part): one-part number and expression exercises, and part "a" of a two-part one.
PINNED: tuple[tuple[str, str, str], ...] = (
    ("vectors", "inner-product-2d", ""),
    ("derivatives", "derivative-polynomial", ""),
    ("regression", "regression-cost-value", ""),
    ("partial-derivatives", "partial-polynomial", "a"),
)


# ----- what each session does --------------------------------------------------------------------------------
@dataclass
class Task:
    """One learner: a page, the exercise pinned in its URL, the answer cell's key, right and wrong answers."""

    page: str
    query: str
    answer_key: str
    right: Callable[[int], str]
    wrong: Callable[[int], str]
    profile: str = ""


def _wrong_number(expected: str) -> Callable[[int], str] | None:
    """Wrong answers to a numeric key that are still plain numbers (so `form: value` parts judge, not refuse)."""
    from solver import parse

    value = parse(expected, mode="template").value
    if not getattr(value, "is_Rational", False):
        return None
    return lambda k: str(value + k)


def pinned_answers(ex: Any, part_id: str) -> tuple[Callable[[int], str], Callable[[int], str]] | None:
    """The right and wrong answers (k-th variant) to a part of a pinned exercise: its key (with k % 2 leading
    spaces), and the key plus k (a plain number for number parts); None when a number key is not rational."""
    expected = ex.expected_text(part_id)
    wrong = _wrong_number(expected) if ex.part(part_id).kind == "number" else (lambda k: f"({expected}) + {k}")
    if wrong is None:
        return None
    return (lambda k: " " * (k % 2) + expected), wrong


def app_tasks(sessions: int, tag: str, *, reference: bool = False) -> list[Task]:
    """A task per session, each with a different seed (right answers from the key): the first quarter of the
    sessions on PINNED[0], the next on PINNED[1], and so on. In blocks, not in turn: the balancer hands new
    sessions to the replicas in turn, and with the templates in turn too, every learner of one template landed on
    the same replica (one replica got the cheapest checks and idled for up to a third of each burst while the
    other finished the dearest). With ``reference``, the same keys and answers for the reference app (``?kind=…&expected=…&vars=…``)."""
    from urllib.parse import urlencode

    from exercises import load_library

    library = load_library()
    tasks: list[Task] = []
    seed = 1000
    while len(tasks) < sessions:
        page, template_id, part_id = PINNED[len(tasks) * len(PINNED) // sessions]
        seed += 1
        ex = library.get(template_id).generate(seed)
        answers = pinned_answers(ex, part_id)
        if answers is None:
            continue
        right, wrong = answers
        expected = ex.expected_text(part_id)
        part = ex.part(part_id)
        if reference:
            query = urlencode({"kind": part.kind, "expected": expected, "vars": ",".join(part.vars or ())})
            tasks.append(Task("", query, "answer", right, wrong))
            continue
        profile = f"bench-{tag}-{len(tasks)}"
        tasks.append(Task(page, f"ex={template_id}&seed={seed}&profile={profile}",
                          f"ex-{template_id}-{seed}-{part_id}", right, wrong, profile))
    return tasks


def tasks_for(target: str, sessions: int, tag: str) -> list[Task]:
    """The tasks for ``target``: the app's pinned exercises, or the same keys on the reference app."""
    return app_tasks(sessions, tag, reference=target == "reference")


def verdict_of(run: Run) -> str:
    """"right", "wrong" or what else came back (the alerts), from a Check's elements."""
    kinds = [kind for kind, _ in run.alerts()]
    if "success" in kinds:
        return "right"
    if "error" in kinds:
        return "wrong"
    return "none: " + ", ".join(f"{k} {text[:60]!r}" for k, text in run.alerts())


# ----- a target: processes to start, measure and stop ---------------------------------------------------------
@dataclass
class Target:
    """A running server (or replicas behind a balancer) and how to stop it."""

    name: str
    url: str
    pids: list[int]
    db_url: str | None
    launched_at: float
    stop: Callable[[], None]
    extra: dict[str, Any] = field(default_factory=dict)


def _streamlit(script: str, port: int, env: dict[str, str], cpu: int | None) -> subprocess.Popen:
    from scripts.serve_class import pinned

    return subprocess.Popen(pinned(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.address", LOOPBACK, "--server.port", str(port), "--browser.gatherUsageStats", "false"], cpu),
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_target(name: str, db_url: str | None, replicas: int, balancer: str, pin: str = "all") -> Target:
    """Start ``single``, ``balancer`` or ``reference`` with a fresh progress store; `pin`: which to pin to a core
    of its own (``all``, ``replicas`` or ``none``)."""
    from scripts.serve_class import free_port, replica_cpus, stop_processes

    from exercises.yaml_cache import CACHE_DIR_ENV, cache_dir

    home = tempfile.mkdtemp(prefix=f"dlmath-bench-{name}-")
    env = {"DLMATH_HOME": home, CACHE_DIR_ENV: str(cache_dir())}   # the library as this client parsed it
    if db_url:
        env["DLMATH_DB_URL"] = db_url
    else:
        os.environ.pop("DLMATH_DB_URL", None)
    store_url = db_url or f"sqlite:///{home}/progress.sqlite3"
    launched = time.monotonic()
    if name == "balancer":
        from scripts.serve_class import Cluster

        cluster = Cluster(replicas=replicas, balancer=balancer, env=env, pin=pin != "none").start()
        return Target(name, cluster.url, cluster.replica_pids, store_url, launched,
                      lambda: (cluster.stop(), shutil.rmtree(home, ignore_errors=True)),
                      {"balancer_pids": cluster.balancer_pids, "replica_urls": cluster.replica_urls})
    script = "scripts/bench_reference_app.py" if name == "reference" else "app.py"
    port = free_port()
    proc = _streamlit(script, port, env, replica_cpus(1)[0] if pin == "all" else None)
    return Target(name, f"http://{LOOPBACK}:{port}", [proc.pid], None if name == "reference" else store_url,
                  launched, lambda: (stop_processes([proc]), shutil.rmtree(home, ignore_errors=True)))


@dataclass(frozen=True)
class Launch:
    """A start, in seconds after the process started: when it accepted a session, when it gave the first verdict."""

    listening: float
    usable: float

    def text(self) -> str:
        return f"{self.usable:.2f} ({self.listening:.2f} + {self.usable - self.listening:.2f})"


async def launch_to_usable(target: Target, task: Task, limit: float = 60.0) -> Launch:
    """From the process start: when the server accepts a session, and when the first verdict comes through the
    practice panel (or the reference's cell) — connect as soon as the server accepts, open the page, wait for
    the panel (as the browser does), check."""
    deadline = time.monotonic() + limit
    while True:
        try:
            session = StreamSession(target.url, timeout=limit)
            await session.open()
            listening = time.monotonic() - target.launched_at
            break
        except (OSError, asyncio.TimeoutError, Exception):   # not listening yet
            if time.monotonic() > deadline:
                raise TimeoutError(f"{target.name} did not accept a session in {limit} s")
            await asyncio.sleep(0.05)
    try:
        await session.load(task.page, task.query)
        while not session.has_widget(task.answer_key):
            if await session.follow_auto_rerun(deadline) is None:
                raise TimeoutError(f"{target.name}: no answer cell within {limit} s")
        await session.type_text(task.answer_key, task.right(0))
        run = await session.click(f"{task.answer_key}-check" if task.page else "check")
        if verdict_of(run) != "right":
            raise RuntimeError(f"{target.name}: first check gave {verdict_of(run)}")
        return Launch(listening, time.monotonic() - target.launched_at)
    finally:
        await session.close()


async def warm(target: Target, tasks: list[Task]) -> None:
    """Open each task's page on every replica and check once (first imports, caches), untimed."""
    for url in target.extra.get("replica_urls", [target.url]):
        for task in tasks:
            async with StreamSession(url) as session:
                await session.load(task.page, task.query)
                await session.type_text(task.answer_key, task.right(0))
                await session.click(f"{task.answer_key}-check" if task.page else "check")


# ----- one size against one target ------------------------------------------------------------------------------
@dataclass
class Figures:
    target: str
    sessions: int
    page_seconds: list[float] = field(default_factory=list)
    page_cpu_ms: float = 0.0
    typing_cpu_ms: float = 0.0
    checks: dict[str, list[float]] = field(default_factory=lambda: {"right": [], "wrong": []})
    walls: dict[str, float] = field(default_factory=lambda: {"right": 0.0, "wrong": 0.0})
    cpu_ms: dict[str, float] = field(default_factory=lambda: {"right": 0.0, "wrong": 0.0})
    deltas: dict[str, list[int]] = field(default_factory=lambda: {"right": [], "wrong": []})
    failures: list[str] = field(default_factory=list)
    acknowledged: int = 0
    stored: int | None = None
    rss: float = 0.0
    launch: Launch | None = None

    def rate(self, kind: str) -> float:
        return len(self.checks[kind]) / self.walls[kind] if self.walls[kind] else 0.0


async def _gather_timed(coros: list) -> tuple[list, float]:
    start = time.perf_counter()
    results = await asyncio.gather(*coros, return_exceptions=True)
    return results, time.perf_counter() - start


async def run_size(target: Target, tasks: list[Task], checks: int, deadline: float) -> Figures:
    """Open every task's page at once, then ``checks`` rounds of (type, Check) for right and for wrong answers."""
    figures = Figures(target.name, len(tasks))
    sessions = [StreamSession(target.url) for _ in tasks]
    cpu = cpu_seconds(target.pids)

    async def open_page(session: StreamSession, task: Task) -> float:
        start = time.perf_counter()
        await session.open()
        await session.load(task.page, task.query)
        if not session.has_widget(task.answer_key):
            raise RuntimeError(f"no answer cell on /{task.page}?{task.query}")
        return time.perf_counter() - start

    results, _ = await _gather_timed([open_page(s, t) for s, t in zip(sessions, tasks)])
    figures.page_cpu_ms = (cpu_seconds(target.pids) - cpu) * 1000 / len(tasks)
    live = []
    for session, task, result in zip(sessions, tasks, results):
        if isinstance(result, BaseException):
            figures.failures.append(f"page load: {result!r}")
        else:
            figures.page_seconds.append(result)
            live.append((session, task))
    typing_cpu, typed = 0.0, 0
    try:
        for round_ in range(checks):
            for kind in ("right", "wrong"):
                if time.monotonic() > deadline:
                    figures.failures.append("time limit reached: rounds cut short")
                    return figures
                k = round_ + 1
                answers = [(task.right if kind == "right" else task.wrong)(k) for _, task in live]
                cpu = cpu_seconds(target.pids)
                results, _ = await _gather_timed([s.type_text(t.answer_key, a)
                                                  for (s, t), a in zip(live, answers)])
                typing_cpu += cpu_seconds(target.pids) - cpu
                typed += len(live)
                figures.failures += [f"typing: {r!r}" for r in results if isinstance(r, BaseException)]
                cpu = cpu_seconds(target.pids)
                results, wall = await _gather_timed([s.click(f"{t.answer_key}-check" if t.page else "check")
                                                     for s, t in live])
                figures.cpu_ms[kind] += (cpu_seconds(target.pids) - cpu) * 1000
                figures.walls[kind] += wall
                for result in results:
                    if isinstance(result, BaseException):
                        figures.failures.append(f"check: {result!r}")
                        continue
                    got = verdict_of(result)
                    if got != kind:
                        figures.failures.append(f"{kind} answer judged {got}")
                        continue
                    figures.checks[kind].append(result.seconds)
                    figures.deltas[kind].append(result.deltas)
                    if not any("not saved" in text.lower() or "保存" in text for text in result.toasts()):
                        figures.acknowledged += 1
    finally:
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
        for kind in ("right", "wrong"):
            figures.cpu_ms[kind] /= max(1, len(figures.checks[kind]))
        figures.typing_cpu_ms = typing_cpu * 1000 / max(1, typed)
        figures.rss = rss_mib(target.pids)
    return figures


def stored_attempts(db_url: str, profiles: list[str]) -> int:
    """Rows the store holds for ``profiles`` (read in this process, from the database the servers share)."""
    from store import open_store

    store = open_store(db_url)
    try:
        return sum(len(store.attempts(p)) for p in profiles)
    finally:
        store.close()


# ----- output -----------------------------------------------------------------------------------------------------
def _mean(values: list[int]) -> float:
    return statistics.fmean(values) if values else 0.0


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def table(results: list[Figures]) -> str:
    """The figures as a Markdown table, each app row with its checks/s ratio to the reference at that size."""
    reference = {f.sessions: f for f in results if f.target == "reference"}
    head = ("| target | sessions | checks/s right · wrong | p50 / p95 / max ms right | p50 / p95 / max ms wrong "
            "| CPU ms/check right · wrong | deltas/check right · wrong | CPU ms/typing rerun | page load p95 ms · CPU ms | RSS MiB "
            "| lost / acknowledged | vs reference | launch → usable s (→ listening + → verdict) |")
    lines = [head, "|" + "|".join(["---"] * 13) + "|"]
    for f in results:
        ref = reference.get(f.sessions)
        ratio = "—"
        if ref and f.target != "reference" and ref.rate("right") and ref.rate("wrong"):
            ratio = f"{f.rate('right') / ref.rate('right'):.2f} · {f.rate('wrong') / ref.rate('wrong'):.2f}"
        lat = {k: " / ".join(_ms(v) for v in (percentile(f.checks[k], 50), percentile(f.checks[k], 95),
                                               max(f.checks[k], default=0))) for k in ("right", "wrong")}
        lost = "—" if f.stored is None else f"{max(0, f.acknowledged - f.stored)} / {f.acknowledged}"
        usable = "—" if f.launch is None else f.launch.text()
        lines.append(f"| {f.target} | {f.sessions} | {f.rate('right'):.0f} · {f.rate('wrong'):.0f} | {lat['right']} "
                     f"| {lat['wrong']} | {f.cpu_ms['right']:.1f} · {f.cpu_ms['wrong']:.1f} "
                     f"| {_mean(f.deltas['right']):.0f} · {_mean(f.deltas['wrong']):.0f} | {f.typing_cpu_ms:.1f} "
                     f"| {_ms(percentile(f.page_seconds, 95))} · {f.page_cpu_ms:.1f} | {f.rss:.0f} | {lost} | {ratio} "
                     f"| {usable} |")
    return "\n".join(lines)


# ----- main -------------------------------------------------------------------------------------------------------
PACKAGES = ("classroom", "exercises", "quiz_runtime", "scripts", "solver", "store", "ui")


def compile_project() -> None:
    """Bytecode for the project's modules, as an installed app has (the launch is timed as a restart)."""
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=1)
    for module in ROOT.glob("*.py"):   # the top-level ones: app.py (the server module), dlmath_home.py
        compileall.compile_file(module, quiet=1)


async def bench(args: argparse.Namespace) -> list[Figures]:
    deadline = time.monotonic() + args.time_limit
    results: list[Figures] = []
    compile_project()
    for name in args.target:
        probe = tasks_for(name, 1, f"{name}-probe")[0]   # before the start: the launch is timed from there
        target = start_target(name, args.db_url, args.replicas, args.balancer, args.pin)
        try:
            require_loopback(target.url)
            launch = await launch_to_usable(target, probe)
            print(f"{name}: listening {launch.listening:.2f} s, usable {launch.usable:.2f} s after launch",
                  file=sys.stderr)
            await warm(target, tasks_for(name, len(PINNED), f"{name}-warm"))
            for size in args.sessions:
                tasks = tasks_for(name, size, f"{name}-{size}")
                figures = await run_size(target, tasks, args.checks, deadline)
                figures.launch = launch
                if target.db_url:
                    figures.stored = stored_attempts(target.db_url, [t.profile for t in tasks])
                results.append(figures)
                print(table([figures]).splitlines()[-1], file=sys.stderr)
                for failure in sorted(set(figures.failures))[:5]:
                    print(f"  ! {failure}", file=sys.stderr)
        finally:
            target.stop()
    return results


def _sizes(text: str) -> list[int]:
    sizes = [int(s) for s in text.split(",") if s.strip()]
    if not sizes or any(not 1 <= s <= MAX_SESSIONS for s in sizes):
        raise argparse.ArgumentTypeError(f"sizes between 1 and {MAX_SESSIONS}")
    return sizes


def _targets(text: str) -> list[str]:
    names = [s.strip() for s in text.split(",") if s.strip()]
    if not names or set(names) - {"single", "balancer", "reference"}:
        raise argparse.ArgumentTypeError("targets: single, balancer, reference")
    return names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=_targets, default=["single", "reference"],
                        help="comma-separated: single, balancer, reference (default single,reference)")
    parser.add_argument("--sessions", type=_sizes, default=[10, 50], help="comma-separated sizes (default 10,50)")
    parser.add_argument("--checks", type=int, default=3, choices=range(1, MAX_CHECKS + 1), metavar="N",
                        help="checks per session for a right and for a wrong answer (default 3)")
    parser.add_argument("--replicas", type=int, default=2, help="app processes behind the balancer (default 2)")
    parser.add_argument("--balancer", choices=("haproxy", "nginx"), default="haproxy")
    parser.add_argument("--pin", choices=("all", "replicas", "none"), default="all",
                        help="pin server processes to a core each, as serve_class does: every target's (default), "
                             "only the balancer's replicas, or none")
    parser.add_argument("--db-url", default=None,
                        help="a SQLAlchemy URL the app processes share (default: a fresh SQLite file per target)")
    parser.add_argument("--time-limit", type=float, default=600, help="seconds for each run (default 600)")
    parser.add_argument("--repeat", type=int, default=1, choices=range(1, MAX_REPEATS + 1), metavar="N",
                        help="do the whole run N times and sum them up (default 1)")
    args = parser.parse_args(argv)
    print(f"load average before: {', '.join(f'{v:.2f}' for v in os.getloadavg())} ({os.cpu_count()} CPUs)",
          file=sys.stderr)
    runs = []
    for number in range(1, args.repeat + 1):
        if args.repeat > 1:
            print(f"run {number} of {args.repeat}", file=sys.stderr)
        runs.append(asyncio.run(bench(args)))
    largest = max(args.sessions)
    median = median_run(runs, largest)
    which = f"; the table is run {median + 1} of {args.repeat}, the median one" if args.repeat > 1 else ""
    print(f"\nLoad benchmark, {date.today().isoformat()}, {os.cpu_count()} CPUs, load average after "
          f"{os.getloadavg()[0]:.2f}; {args.checks} right + {args.checks} wrong checks per session, each after a "
          f"typing rerun; balancer: {args.replicas} replicas behind {args.balancer}; pinned to a core: {args.pin}{which}.\n")
    print(table(runs[median]))
    if args.repeat > 1:
        print("\n" + summary(runs, largest))


if __name__ == "__main__":
    main()
