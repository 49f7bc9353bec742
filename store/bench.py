"""Store benchmark: `python -m store.bench [--attempts N]`.

Prints, on SQLite (a temp file, WAL) and on PostgreSQL (`$DLMATH_TEST_PG_URL`, or a throw-away server from
`scripts/ci_postgres.sh` when it can start one), with one writer thread and with 8: attempts recorded per second,
the CPU time `record_attempt` costs the calling (script) thread per attempt, and the whole process's CPU time per
attempt (the background writer's included). Then, with 10,000 recorded attempts, the time of the home page's
store queries (`mastery` + `last_exercise`) and of a home page rerun (AppTest on `app.py`).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.engine import make_url

from . import open_store, schema
from .models import Attempt
from .store import Store

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ("functions", "vectors", "derivatives", "chain-rule", "backprop", "attention")


def _attempt(profile: str, n: int) -> Attempt:
    return Attempt(profile, f"tpl-{n % 40}", TOPICS[n % len(TOPICS)], n, "", f"answer {n}",
                   "correct" if n % 3 else "incorrect", float(n % 3 > 0), mistake=None if n % 3 else "wrong-sign")


@dataclass(frozen=True)
class WriteFigures:
    """Attempts per second, and CPU ms per attempt on the calling threads and in the whole process."""

    per_second: float
    caller_cpu_ms: float
    process_cpu_ms: float


def record_many(store: Store, count: int, threads: int = 1) -> WriteFigures:
    """Record `count` attempts split over `threads` writer threads, each waiting for its own attempt's commit."""
    caller_cpu = [0.0] * threads

    def write(worker: int) -> None:
        started = time.thread_time()
        for n in range(count // threads):
            store.record_attempt(_attempt(f"bench-{worker}", n))
        caller_cpu[worker] = time.thread_time() - started

    wall, cpu = time.perf_counter(), time.process_time()
    workers = [threading.Thread(target=write, args=(w,)) for w in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    done = count // threads * threads
    return WriteFigures(done / (time.perf_counter() - wall), sum(caller_cpu) / done * 1000,
                        (time.process_time() - cpu) / done * 1000)


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


def _admin(url: str, sql: str) -> None:
    import psycopg
    with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A throw-away database on the PostgreSQL server of `server_url` (dropped afterwards), so the benchmark never
    writes into (or migrates) a database someone else uses."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    _admin(server_url, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin(server_url, f'DROP DATABASE "{name}" WITH (FORCE)')


def bench_writes(name: str, url: str, count: int) -> None:
    """Print attempts per second and CPU per attempt on `url`, with 1 and 8 writing threads."""
    store = open_store(url)
    if store.status.mode != "ok":
        print(f"{name}: not available ({store.status.message['en']})")
        return
    for threads in (1, 8):
        got = record_many(store, count, threads)
        print(f"{name}, {threads} thread(s): {got.per_second:,.0f} attempts/s; CPU per attempt: "
              f"{got.caller_cpu_ms:.3f} ms on the calling thread, {got.process_cpu_ms:.3f} ms in the process")
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
            with scratch_database(pg_url) as url:
                bench_writes("PostgreSQL 15 (127.0.0.1)", url, args.attempts)
            if stop:
                subprocess.run(stop, shell=True, capture_output=True)
        else:
            print("PostgreSQL: no server (set DLMATH_TEST_PG_URL or install postgresql), skipped")
        bench_home(Path(tmp) / "home")


if __name__ == "__main__":
    main()
