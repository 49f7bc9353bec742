"""Nothing committed is lost: a writer killed with SIGKILL, 8 writer processes, 8 writer threads."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from store import Attempt, open_store

WRITER = Path(__file__).with_name("writer_process.py")


def start_writer(url: str, profile: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), url, profile, str(count)], stdout=subprocess.PIPE,
                            text=True)


def test_sigkill_mid_recording_loses_no_committed_attempt(db_url):
    writer = start_writer(db_url, "ann", 0)
    assert writer.stdout.readline().strip() == "ready ok"
    reported = []
    for line in writer.stdout:
        reported.append(int(line))
        if len(reported) == 150:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    reported += [int(line) for line in writer.stdout.read().split()]   # ids printed before it died
    store = open_store(db_url)
    ids = {row.id for row in store.attempts("ann")}
    store.close()
    assert writer.returncode == -signal.SIGKILL
    assert set(reported) <= ids and len(reported) >= 150


def test_eight_writer_processes_lose_nothing(db_url):
    open_store(db_url).close()                                  # schema in place before the race
    writers = [start_writer(db_url, f"p{i}", 40) for i in range(8)]
    outputs = [w.communicate(timeout=120)[0].split("\n") for w in writers]
    store = open_store(db_url)
    for i, lines in enumerate(outputs):
        assert lines[0] == "ready ok"
        reported = [int(x) for x in lines[1:] if x]
        assert len(reported) == 40
        assert [row.id for row in store.attempts(f"p{i}")] == reported
    assert store.status.pending == 0
    store.close()


def test_eight_writer_threads_lose_nothing(store):
    ids: list[list[int | None]] = [[] for _ in range(8)]

    def write(n: int) -> None:
        for k in range(50):
            ids[n].append(store.record_attempt(Attempt(f"t{n}", "t", "sigma", k, "", str(k), "correct", 1.0)))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in range(8):
        rows = store.attempts(f"t{n}")
        assert [r.id for r in rows] == ids[n] and [r.seed for r in rows] == list(range(50))
    assert len(store.profiles()) == 8 and store.status.pending == 0
