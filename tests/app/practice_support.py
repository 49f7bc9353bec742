"""Shared by the practice-panel tests: the smallest page that shows the panel, a fresh personal-mode progress store
per test (the autouse fixture `home`: import it into a test module to use it), and the panel opened in AppTest."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 90


def panel_script(topic: str) -> None:
    """The smallest page that shows the panel (what every topic page does at its bottom)."""
    from ui.practice import practice_panel

    practice_panel(topic)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own progress store (SQLite in a temporary home)."""
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    return tmp_path


def open_panel(topic: str, template_id: str | None = None, seed: int | None = None, lang: str = "en",
               profile: str = "ada") -> AppTest:
    """The practice panel of `topic` run once for `profile` in `lang`, on a deep link to `template_id` at `seed`
    when given."""
    at = AppTest.from_function(panel_script, args=(topic,), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.session_state["profile"] = profile
    if template_id is not None:
        at.query_params["ex"] = template_id
        at.query_params["seed"] = str(seed)
    return at.run()
