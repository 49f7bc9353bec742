"""Store benchmark: `python -m store.bench [--attempts N]`.

Prints attempts recorded per second on SQLite (a temp file, WAL) and on PostgreSQL (`$DLMATH_TEST_PG_URL`, or a
throw-away server from `scripts/ci_postgres.sh` when it can start one), one writer and 8 threads; then, with
10,000 recorded attempts, the time of the home page's store queries (`mastery` + `last_exercise`) and of a home
page rerun (AppTest on `app.py`).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from . import open_store, schema
from .models import Attempt
from .store import Store

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ("functions", "vectors", "derivatives", "chain-rule", "backprop", "attention")


def _attempt(profile: str, n: int) -> Attempt:
    return Attempt(profile, f"tpl-{n % 40}", TOPICS[n % len(TOPICS)], n, "", f"answer {n}",
                   "correct" if n % 3 else "incorrect", float(n % 3 > 0), mistake=None if n % 3 else "wrong-sign")


def attempts_per_second(store: Store, count: int, threads: int = 1) -> float:
    """Record `count` attempts split over `threads` writer threads; attempts per second."""
    def write(worker: int) -> None:
        for n in range(count // threads):
            store.record_attempt(_attempt(f"bench-{worker}", n))
    started = time.perf_counter()
    workers = [threading.Thread(target=write, args=(w,)) for w in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return count // threads * threads / (time.perf_counter() - started)


def fill(store: Store, profile: str, count: int) -> None:
    """Insert `count` attempts for `profile` in one transaction (fast set-up for the read benchmarks)."""
    start = datetime.now(timezone.utc) - timedelta(days=60)
    rows = [{**_attempt(profile, n).__dict__, "at": start + timedelta(minutes=8 * n)} for n in range(count)]
    with store._engine.begin() as conn:
        conn.execute(insert(schema.profiles).values(name=profile, created_at=start))
        conn.execute(insert(schema.attempts), rows)


def _median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _postgres_url() -> tuple[str | None, str | None]:
    if os.environ.get("DLMATH_TEST_PG_URL"):
        return os.environ["DLMATH_TEST_PG_URL"], None
    done = subprocess.run(["bash", str(ROOT / "scripts" / "ci_postgres.sh")], capture_output=True, text=True)
    if done.returncode != 0:
        return None, None
    values = dict(line.removeprefix("export ").split("=", 1) for line in done.stdout.splitlines())
    return values["DLMATH_TEST_PG_URL"], values["DLMATH_TEST_PG_STOP"].strip("'")


def bench_writes(name: str, url: str, count: int) -> None:
    """Print single-writer and 8-thread attempts per second on `url`."""
    store = open_store(url)
    if store.status.mode != "ok":
        print(f"{name}: not available ({store.status.message['en']})")
        return
    one = attempts_per_second(store, count)
    eight = attempts_per_second(store, count, threads=8)
    print(f"{name}: {one:,.0f} attempts/s (1 writer), {eight:,.0f} attempts/s (8 threads)")
    store.close()


def bench_home(home: Path, count: int = 10_000) -> None:
    """Print the home page's store-query time and (when app.py exists) its rerun time with `count` attempts."""
    os.environ["DLMATH_HOME"] = str(home)
    os.environ.pop("DLMATH_DB_URL", None)
    from . import get_store
    store = get_store()
    fill(store, "reader", count)
    ms = _median_ms(lambda: (store.mastery("reader"), store.last_exercise("reader")), 30)
    print(f"home queries (mastery + last_exercise) with {count:,} attempts: {ms:.1f} ms (median of 30)")
    ms = _median_ms(lambda: store.weak_spots("reader"), 30)
    print(f"weak_spots with {count:,} attempts: {ms:.1f} ms (median of 30)")
    if not (ROOT / "app.py").exists():
        print("home page rerun: app.py not found, skipped")
        return
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["profile"] = "reader"
    at.run()
    ms = _median_ms(at.run, 15)
    print(f"home page rerun (AppTest, app.py) with {count:,} attempts: {ms:.1f} ms (median of 15)")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=800, help="attempts to record per write benchmark")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_writes("SQLite (WAL, file)", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args.attempts)
        pg_url, stop = _postgres_url()
        if pg_url:
            bench_writes("PostgreSQL 15 (127.0.0.1)", pg_url, args.attempts)
            if stop:
                subprocess.run(stop, shell=True, capture_output=True)
        else:
            print("PostgreSQL: no server (set DLMATH_TEST_PG_URL or install postgresql), skipped")
        bench_home(Path(tmp) / "home")


if __name__ == "__main__":
    main()
