"""Shared by the instructor-page tests: a personal-mode home with an empty instructor folder, and the page in
AppTest."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

from streamlit.testing.v1 import AppTest

from classroom.library_source import library_source

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "instructor.py")
TIMEOUT = 60


def instructor_home(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """Personal mode, a fresh progress store and an empty instructor folder (yielded); the app's library is checked
    again before and after."""
    extra = tmp_path / "extra"
    extra.mkdir()
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.setenv("DLMATH_EXERCISES_DIR", str(extra))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    monkeypatch.delenv("DLMATH_MODE", raising=False)
    library_source().invalidate()
    yield extra
    library_source().invalidate()


def open_instructor(lang: str = "en", account: Any = None) -> AppTest:
    """The instructor page, run once, in `lang` (in class mode signed in as `account`); it must not have raised."""
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    if account is not None:
        at.session_state["auth-account"] = account
        at.session_state["auth-checked"] = time.monotonic()
    at.run()
    assert not at.exception, at.exception
    return at
