"""Benchmark the app: each page's rerun time (p50/p95, AppTest) and `streamlit run` → first full page.

    python scripts/bench_app.py [--reruns 20] [--no-browser] [--pages vectors,home]

For every page it prints two kinds of rerun, each as wall-clock ms (server time as AppTest sees it) and CPU ms
(`time.process_time`, much less sensitive to other load on a shared machine):
  * "same"  — a rerun with nothing changed (a language switch, a click in the practice panel);
  * "moved" — a rerun after moving the page's main control to a new value (a cache miss for its chart).
The home page runs with a progress store of 10,000 attempts. The load average is printed before and after.
Targets: rerun p95 ≤ 50 ms; first full page ≤ 3 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

HOME_ATTEMPTS = 10_000
HOME_PROFILE = "reader"
# The control moved on each "moved" rerun: (widget kind, key, values to cycle through).
MOVES: dict[str, tuple[str, str, list]] = {
    "functions": ("slider", "functions-a", [round(-3 + 0.1 * i, 1) for i in range(61)]),
    "sequences": ("slider", "sequences-a1", [-5 + 0.5 * i for i in range(21)]),
    "sigma": ("slider", "sigma-n", list(range(1, 16))),
    "vectors": ("slider", "vectors-b1", [-4 + 0.5 * i for i in range(17)]),
    "matrices": ("slider", "matrices-A11", list(range(-9, 10))),
    "derivatives": ("slider", "derivatives-dx", [round(0.01 + 0.05 * i, 2) for i in range(40)]),
    "partial-derivatives": ("slider", "partial-derivatives-x0", [round(-2 + 0.1 * i, 1) for i in range(41)]),
    "chain-rule": ("slider", "chain-rule-w", [round(-3 + 0.1 * i, 1) for i in range(61)]),
    "gradient-descent": ("slider", "gradient-descent-eta", [round(0.01 + 0.01 * i, 2) for i in range(50)]),
    "regression": ("slider", "regression-w", [round(-1 + 0.05 * i, 2) for i in range(71)]),
    "forward-pass": ("slider", "forward-pass-x1", [-3 + 0.5 * i for i in range(13)]),
    "backprop": ("slider", "backprop-t", [round(0.05 * i, 2) for i in range(21)]),
    "convolution": ("slider", "convolution-stride", [1, 2, 3]),
    "probability": ("slider", "probability-mu", [round(-3 + 0.1 * i, 1) for i in range(61)]),
    "optimizers": ("slider", "optimizers-eta", [round(0.01 + 0.01 * i, 2) for i in range(50)]),
    "attention": ("slider", "attention-angle", list(range(0, 361, 5))),
}


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (as `uptime` prints them)."""
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


def _timed(action: Callable[[], object], reruns: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(reruns):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return walls, cpus


def _fill_home_store() -> None:
    """A throw-away progress store with HOME_ATTEMPTS attempts for HOME_PROFILE."""
    os.environ["DLMATH_HOME"] = tempfile.mkdtemp(prefix="dlmath-bench-")
    os.environ.pop("DLMATH_DB_URL", None)
    from store import get_store
    from store.bench import fill
    fill(get_store(), HOME_PROFILE, HOME_ATTEMPTS)


def rerun_times(reruns: int, only: set[str] | None) -> list[tuple[str, str, list[float], list[float]]]:
    """(page, kind, wall ms samples, CPU ms samples) after one warm-up run of each page."""
    from streamlit.testing.v1 import AppTest

    from exercises.topics import TOPICS
    from ui.layout import TOPIC_PAGES

    _fill_home_store()
    pages = [("home", "pages/home.py")] + [(tp.id, TOPIC_PAGES[tp.id]) for tp in TOPICS]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["profile"] = HOME_PROFILE
    at.session_state["lang"] = "en"
    at.run()
    rows = []
    for name, path in pages:
        if only and name not in only:
            continue
        at.switch_page(path).run()
        rows.append((name, "same", *_timed(at.run, reruns)))
        if name in MOVES:
            kind, key, values = MOVES[name]
            cycle = iter(values * (reruns // len(values) + 2))
            next(cycle)
            rows.append((name, "moved", *_timed(lambda: getattr(at, kind)(key=key).set_value(next(cycle)).run(),
                                                reruns)))
        if at.exception:
            print(f"warning: {name} raised {at.exception[0].value}", file=sys.stderr)
    return rows


def first_page_seconds(url_path: str = "vectors") -> tuple[float, bool] | None:
    """Seconds from `streamlit run` to the first fully rendered topic page in headless Chromium (a fresh server,
    the deep link opened first), and whether a "Page not found" dialog appeared."""
    from e2e_support import CHROMIUM, free_port, launch_chromium, start_app, wait_healthy, wait_rendered

    if not CHROMIUM.exists():
        print(f"skipping the browser figure: {CHROMIUM} is missing", file=sys.stderr)
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        tab = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US").new_page()
        port = free_port()
        start = time.perf_counter()
        server = start_app(port, {"DLMATH_HOME": tempfile.mkdtemp(prefix="dlmath-bench-")})
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url)
            tab.goto(f"{url}/{url_path}")
            wait_rendered(tab)
            seconds = time.perf_counter() - start
            return seconds, tab.get_by_text("Page not found").count() > 0
        finally:
            server.terminate()
            server.wait(timeout=10)
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=20, help="timed reruns per page and kind (default 20)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium start-up figure")
    parser.add_argument("--browser-only", action="store_true", help="only the Chromium start-up figure")
    parser.add_argument("--pages", default="", help="comma-separated page names to time (default: all)")
    args = parser.parse_args()

    print(f"load average before: {load_average()}  ({os.cpu_count()} CPUs)")
    if not args.browser_only:
        rows = rerun_times(args.reruns, set(filter(None, args.pages.split(","))) or None)
        print(f"{'page':<22}{'rerun':<7}{'wall p50':>10}{'wall p95':>10}{'CPU p50':>10}{'CPU p95':>10}   (ms)")
        for name, kind, walls, cpus in rows:
            print(f"{name:<22}{kind:<7}{statistics.median(walls):>10.1f}{percentile(walls, 95):>10.1f}"
                  f"{statistics.median(cpus):>10.1f}{percentile(cpus, 95):>10.1f}")
        print(f"{'worst p95':<29}{max(percentile(w, 95) for *_, w, _ in rows):>20.1f}"
              f"{max(percentile(c, 95) for *_, c in rows):>20.1f}   (target ≤ 50 ms)")
    if not args.no_browser:
        result = first_page_seconds()
        if result is not None:
            seconds, not_found = result
            print(f"`streamlit run` → first full page (/vectors, fresh server) in Chromium: {seconds:.2f} s"
                  f"   (target ≤ 3 s){'   PAGE NOT FOUND dialog shown' if not_found else ''}")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
