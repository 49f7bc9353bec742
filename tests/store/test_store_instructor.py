"""The instructor's view of the progress store: set-aside answers (count, CSV) and the full integrity check."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from store import Attempt, get_store

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "instructor.py")


def test_set_aside_answers_and_the_integrity_check_on_the_results_tab(tmp_path, monkeypatch):
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    store = get_store()
    with store._engine.begin() as conn:            # the database refuses this one answer for its data
        conn.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON attempts WHEN NEW.answer = '=2+5' "
                          "BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    assert store.record_attempt(Attempt("ann", "t", "vectors", 1, "", "=2+5", "correct", 1.0)) is None
    assert store.record_attempt(Attempt("ann", "t", "vectors", 2, "", "7", "correct", 1.0)) is not None
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert any("1 answer could not be stored" in w.value for w in at.warning)
    assert [b for b in at.get("download_button") if "set-aside" in b.proto.label]
    rows = list(csv.DictReader(io.StringIO(store.set_aside_csv())))
    assert (rows[0]["profile"], rows[0]["kind"], json.loads(rows[0]["record"])["answer"]) == ("ann", "attempt", "=2+5")
    at.button(key="instructor-integrity-check").click().run()
    assert any("passed a full integrity check" in s.value for s in at.success)
    at.session_state["lang"] = "zh"
    at.button(key="instructor-integrity-check").click().run()
    assert any("通过了完整性检查" in s.value for s in at.success)
    store.close()
