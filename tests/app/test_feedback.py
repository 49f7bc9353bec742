"""The verdict panel: a counterexample is given once — in its own line only when the message does not name it."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _panel(verdict: dict) -> AppTest:
    def script(verdict: dict) -> None:
        from ui.feedback import show_verdict

        show_verdict(verdict)

    return AppTest.from_function(script, args=(verdict,), default_timeout=30).run()


def _wrong(message: str, counterexample: dict) -> dict:
    return {"status": "incorrect", "score": 0.0, "message": message, "details": {"counterexample": counterexample}}


def test_a_counterexample_the_message_names_is_not_repeated():
    at = _panel(_wrong("Not quite: at x = 0.5 yours gives 1.75, expected 2.75.", {"point": {"x": "0.5"}}))
    assert at.error[0].value.startswith("Not quite: at x = 0.5")
    assert not [c for c in at.caption if "x = 0.5" in c.value]


def test_a_counterexample_the_message_leaves_out_gets_its_own_line():
    at = _panel(_wrong("Not quite.", {"point": {"x": "0.5", "y": "2"}, "got": "1.75", "expected": "2.75"}))
    assert [c.value for c in at.caption if "x = 0.5, y = 2" in c.value and "1.75" in c.value]
    plain = _panel(_wrong("Not quite.", {"t": "3"}))
    assert [c.value for c in plain.caption if "t = 3" in c.value]


def test_the_position_of_a_reading_error_is_the_column_the_message_names():
    from solver import check

    verdict = check("vector", "(1, 2)", "(1;2)").to_dict()   # ';' is the third character typed
    assert verdict["details"]["error"]["column"] == 3 and "at column 3" in verdict["message"]
    at = _panel(verdict)
    assert [c.value for c in at.caption if c.value.startswith("at character")] == ["at character 3"]
