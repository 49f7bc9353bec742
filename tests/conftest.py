"""Fixtures shared by several test folders: a PostgreSQL server (see `pg_support`)."""
from __future__ import annotations

import os
import subprocess
import warnings

import pytest

from pg_support import start_server


@pytest.fixture(scope="session")
def pg_admin_url():
    """A PostgreSQL URL whose server lets us create databases, or a skip with the reason (also given as a warning
    in the summary)."""
    url = os.environ.get("DLMATH_TEST_PG_URL")
    stop = None
    if not url:
        url, stop, reason = start_server()
        if url is None:
            warnings.warn(f"PostgreSQL tests skipped: {reason}")
            pytest.skip(f"PostgreSQL tests skipped: {reason}")
    yield url
    if stop:
        subprocess.run(stop, shell=True, capture_output=True, timeout=60)
