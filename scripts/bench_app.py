"""Benchmark the app: each page's rerun server time (p50/p95, AppTest) and `streamlit run` → first full page.

    python scripts/bench_app.py [--reruns 20] [--no-browser]

Prints a table; targets: rerun p95 ≤ 50 ms, first full page ≤ 3 s.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from exercises.topics import TOPICS  # noqa: E402
from ui.layout import TOPIC_PAGES  # noqa: E402

PAGES: list[tuple[str, str]] = [("home", "pages/home.py")] + [(tp.id, TOPIC_PAGES[tp.id]) for tp in TOPICS]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def rerun_times(reruns: int) -> list[tuple[str, float, float]]:
    """(page, p50 ms, p95 ms) of `reruns` reruns of each page after one warm-up run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    rows = []
    for name, path in PAGES:
        at.switch_page(path).run()
        samples = []
        for _ in range(reruns):
            start = time.perf_counter()
            at.run()
            samples.append((time.perf_counter() - start) * 1000)
        if at.exception:
            print(f"warning: {name} raised {at.exception[0].value}", file=sys.stderr)
        rows.append((name, statistics.median(samples), percentile(samples, 95)))
    return rows


def first_page_seconds(url_path: str = "vectors") -> float | None:
    """Seconds from `streamlit run` to the first fully rendered topic page in headless Chromium."""
    from e2e_support import CHROMIUM, free_port, launch_chromium, start_app, wait_healthy, wait_rendered

    if not CHROMIUM.exists():
        print(f"skipping the browser figure: {CHROMIUM} is missing", file=sys.stderr)
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        port = free_port()
        start = time.perf_counter()
        server = start_app(port)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url)
            tab.goto(f"{url}/{url_path}")
            wait_rendered(tab)
            return time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=10)
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=20, help="timed reruns per page (default 20)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium start-up figure")
    args = parser.parse_args()

    rows = rerun_times(args.reruns)
    print(f"{'page':<22}{'rerun p50 (ms)':>16}{'rerun p95 (ms)':>16}")
    for name, p50, p95 in rows:
        print(f"{name:<22}{p50:>16.1f}{p95:>16.1f}")
    worst = max(p95 for _, _, p95 in rows)
    print(f"{'worst p95':<22}{'':>16}{worst:>16.1f}   (target ≤ 50 ms)")
    if not args.no_browser:
        seconds = first_page_seconds()
        if seconds is not None:
            print(f"`streamlit run` → first full page in Chromium: {seconds:.2f} s   (target ≤ 3 s)")


if __name__ == "__main__":
    main()
