"""Nothing acknowledged is lost: a writer killed with SIGKILL (while saving, and while its answers wait for the
database), 8 writer processes, 8 writer threads."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import sqlite3
import threading
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

from store import Attempt, open_store

WRITER = Path(__file__).with_name("writer_process.py")


def start_writer(url: str, profile: str, count: int, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), url, profile, str(count)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, **env})


def kill_after(writer: subprocess.Popen, lines: int) -> list[str]:
    """Read `lines` outputs of the writer, SIGKILL it, and return every line it printed."""
    printed = []
    for line in writer.stdout:
        printed.append(line.strip())
        if len(printed) == lines:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    printed += writer.stdout.read().split()
    assert writer.returncode == -signal.SIGKILL
    return printed


def test_sigkill_while_answers_wait_for_a_locked_file_loses_none_of_them(tmp_path):
    path = tmp_path / "p.sqlite3"
    url = f"sqlite:///{path}"
    open_store(url).close()
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")                           # another program holds the write lock
    writer = start_writer(url, "ann", 0, DLMATH_DB_BUSY_MS="50")
    assert writer.stdout.readline().strip() == "ready ok"
    printed = kill_after(writer, 5)
    assert set(printed[:5]) == {"None"}                          # told: waiting, not saved
    locker.execute("ROLLBACK")
    locker.close()
    store = open_store(url)
    assert store.flush()
    seeds = [row.seed for row in store.attempts("ann")]
    assert seeds[:5] == [0, 1, 2, 3, 4] and seeds == list(range(len(seeds)))   # all of them, each once
    assert all(row.id > 0 for row in store.attempts("ann"))
    store.close()


def test_sigkill_while_postgresql_is_unreachable_loses_no_kept_answer(pg_admin_url, admin_sql, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))                    # where the spool of a server URL lives
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    writer = start_writer(url, "ann", 0)                                # no such database yet
    assert writer.stdout.readline().strip() == "ready memory"
    printed = kill_after(writer, 5)
    assert set(printed[:5]) == {"None"}
    admin_sql(f'CREATE DATABASE "{name}"')
    try:
        store = open_store(url)
        assert store.flush()
        seeds = [row.seed for row in store.attempts("ann")]
        assert seeds[:5] == [0, 1, 2, 3, 4] and seeds == list(range(len(seeds)))
        store.close()
    finally:
        admin_sql(f'DROP DATABASE "{name}" WITH (FORCE)')


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


def test_records_still_queued_when_the_app_exits_are_written(db_url):
    """The writer flushes at exit: 200 records submitted without waiting, then the interpreter ends."""
    code = (f"import sys; sys.path.insert(0, {str(WRITER.parents[2])!r})\n"
            "from store import Attempt, open_store\n"
            "from store.records import AttemptRecord\n"
            f"store = open_store({db_url!r})\n"
            "for n in range(200):\n"
            "    store._writer.submit(AttemptRecord.new(Attempt('ann', 't', 'vectors', n, '', 'a', 'correct', 1.0),"
            " -1 - n))\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    store = open_store(db_url)
    assert [row.seed for row in store.attempts("ann")] == list(range(200))
    store.close()
