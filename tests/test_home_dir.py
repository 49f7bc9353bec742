"""The app's folder (`$DLMATH_HOME`, default `~/.dlmathlab`) is the same for the progress database, the spool of unsaved answers, the
instructor's exercise folder and the parsed-file cache — a leading `~` included."""
from __future__ import annotations

from pathlib import Path

import pytest

from exercises.loader import extra_dir
from exercises.yaml_cache import cache_dir
from store.engine import database_url, sqlite_path
from store.spool import spool_folder


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ("DLMATH_DB_URL", "DLMATH_EXERCISES_DIR", "DLMATH_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("home", ["~/class-7", "{tmp}/class-7", ""])
def test_every_part_of_the_app_uses_one_folder(home: str, clean_env: Path, monkeypatch) -> None:
    monkeypatch.setenv("DLMATH_HOME", home.format(tmp=clean_env))
    folder = clean_env / ("class-7" if home else ".dlmathlab")
    assert sqlite_path(database_url()) == folder / "progress.sqlite3"
    assert extra_dir() == folder / "exercises"
    assert cache_dir() == folder / "cache"
    assert spool_folder(database_url()) == folder / "progress.sqlite3.waiting"
    assert spool_folder("postgresql+psycopg://dl@db.example:5432/class").parent.parent == folder
