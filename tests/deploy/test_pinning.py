"""Pinning a replica to a core (`scripts.serve_class.replica_cpus`, `pinned`): which core, and that it holds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from scripts.serve_class import Cluster, pinned, replica_cpus

HAS_TASKSET = shutil.which("taskset") is not None


@pytest.mark.skipif(not HAS_TASKSET, reason="no taskset (util-linux)")
def test_replicas_take_the_allowed_cores_in_order():
    assert replica_cpus(2, {3, 1, 7}) == [1, 3]
    assert replica_cpus(1, {5}) == [5]
    assert replica_cpus(3, {0, 1, 2}) == [0, 1, 2]


def test_more_replicas_than_cores_are_not_pinned():
    assert replica_cpus(3, {0, 1}) == [None, None, None]


def test_an_unpinned_command_is_run_as_is():
    command = [sys.executable, "-c", "pass"]
    assert pinned(command, None) == command


@pytest.mark.skipif(not HAS_TASKSET, reason="no taskset (util-linux)")
def test_a_pinned_command_runs_on_that_core_only():
    core = max(os.sched_getaffinity(0))
    out = subprocess.run(pinned([sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"], core),
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == f"[{core}]"


def test_a_cluster_can_be_left_unpinned():
    assert Cluster(2, pin=False).cpus == [None, None]
    assert Cluster(2).cpus == replica_cpus(2)
