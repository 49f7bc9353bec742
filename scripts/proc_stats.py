"""CPU time and memory of a server and the processes it started, read from /proc (Linux)."""
from __future__ import annotations

import os
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()   # fields after "pid (comm) "; index 0 is field 3 (state)


def process_tree(pids: list[int]) -> list[int]:
    """``pids`` and all their living descendants (the solver's worker processes, for instance)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by ``pids`` and their descendants."""
    total = 0
    for pid in process_tree(pids):
        fields = _stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])   # utime, stime
    return total / _TICKS


def rss_mib(pids: list[int]) -> float:
    """Resident memory (MiB) of ``pids`` and their descendants."""
    total = 0
    for pid in process_tree(pids):
        fields = _stat(pid)
        if fields:
            total += int(fields[21]) * _PAGE   # rss, in pages
    return total / 2**20
