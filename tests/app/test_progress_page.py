"""AppTest of the progress page and the sidebar profile picker, on a temporary database ($DLMATH_HOME)."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from store import Attempt, get_store

ROOT = Path(__file__).resolve().parents[2]
SLIP = "sigmoid-derivative-missing-factor"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    return tmp_path


def record(profile: str, template: str, topic: str, status: str, answer: str = "x", mistake: str | None = None):
    get_store().record_attempt(Attempt(profile, template, topic, 7, "", answer, status,
                                       1.0 if status == "correct" else 0.0, mistake=mistake))


def progress_page(lang: str = "en", profile: str | None = "ann") -> AppTest:
    """The progress page reached through the app's navigation (its practise links need the other pages)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    if profile:
        at.session_state["profile"] = profile
    return at.run().switch_page("pages/progress.py").run()


def sidebar_app() -> AppTest:
    """The profile picker alone (AppTest drops sidebar elements on reruns under `st.navigation`)."""
    def script():
        from ui.profile import current_profile, profile_sidebar
        profile_sidebar()
        import streamlit as st
        st.write(f"profile={current_profile()}")
    return AppTest.from_function(script, default_timeout=60).run()


def chart_rows(at: AppTest, index: int) -> list[dict]:
    """The rows of the chart's data (Streamlit sends them as Arrow IPC next to the Vega-Lite spec)."""
    proto = at.get("vega_lite_chart")[index].proto
    assert json.loads(proto.spec)["data"]["name"] == proto.datasets[0].name
    return pa.ipc.open_stream(proto.datasets[0].data.data).read_all().to_pylist()


def test_empty_history_says_how_to_start(home):
    at = progress_page()
    assert not at.exception
    assert "No answers recorded yet for ann" in at.info[0].value
    assert not at.get("vega_lite_chart") and not at.get("download_button")


def test_progress_shows_mastery_weak_spots_history_and_csv(home):
    for status in ("incorrect", "incorrect", "correct", "incorrect"):
        record("ann", "sig-deriv", "functions", status, mistake=SLIP if status == "incorrect" else None)
    record("ann", "dot-2d", "vectors", "correct", answer="11")
    record("ann", "dot-2d", "vectors", "invalid", answer="((")
    record("bo", "dot-2d", "vectors", "incorrect", answer="bo's secret answer")
    at = progress_page()
    assert not at.exception
    assert at.caption[0].value == "6 answers · 2 correct · 2 topics tried"
    mastery = {row["topic"]: row["mastery"] for row in chart_rows(at, 0)}
    assert mastery == {"4. Vectors and inner products": 1.0,
                       "1. Functions and activations": pytest.approx(0.7 ** 1 / (1 + 0.7 + 0.49 + 0.343))}
    assert {row["topic"] for row in chart_rows(at, 1)} == set(mastery)
    [spot] = [m.value for m in at.markdown if "sig-deriv" in m.value]
    assert "3 of your last 4 attempts were wrong" in spot and "(1 − σ)" in spot
    [link] = at.get("page_link")
    assert link.proto.page.endswith("t01_functions.py") or "functions" in link.proto.page
    table = at.dataframe[0].value
    assert len(table) == 6 and "bo's secret answer" not in table.to_string()
    assert list(table.iloc[0])[4] == "(("                      # newest first
    assert at.get("download_button")


def test_progress_page_in_chinese(home):
    record("ann", "sig-deriv", "functions", "incorrect", mistake=SLIP)
    at = progress_page(lang="zh")
    assert at.title[0].value == "📈 我的进度"
    [spot] = [m.value for m in at.markdown if "sig-deriv" in m.value]
    assert "你最近一次作答是错的" in spot and "漏掉了因子 (1 − σ)" in spot


def test_no_weak_spots_once_everything_is_right(home):
    record("ann", "dot-2d", "vectors", "correct")
    at = progress_page()
    assert "No weak spots right now" in at.success[0].value and not at.get("page_link")


def test_several_profiles_and_none_picked_asks_to_pick(home):
    record("ann", "dot-2d", "vectors", "correct")
    record("bo", "dot-2d", "vectors", "correct")
    at = progress_page(profile=None)
    assert "Pick or create a profile" in at.info[0].value


def test_sidebar_creates_and_picks_profiles(home):
    record("ann", "dot-2d", "vectors", "correct")
    at = sidebar_app()
    picker = at.sidebar.selectbox(key="profile-select")
    assert picker.value == "ann"                          # the only profile is chosen automatically
    picker.set_value("\x00new").run()
    at.sidebar.text_input(key="profile-new-name").input("   ").run()
    at.sidebar.button(key="profile-create").click().run()
    assert "1 to 40 characters" in at.sidebar.error[0].value and get_store().profiles() == ["ann"]
    at.sidebar.text_input(key="profile-new-name").input("Bo Li").run()
    at.sidebar.button(key="profile-create").click().run()
    assert get_store().profiles() == ["ann", "Bo Li"]
    assert at.session_state["profile"] == "Bo Li" and at.query_params["profile"] == "Bo Li"
    assert at.sidebar.selectbox(key="profile-select").value == "Bo Li" and at.markdown[0].value == "profile=Bo Li"
    at.sidebar.selectbox(key="profile-select").set_value("ann").run()
    assert at.markdown[0].value == "profile=ann" and at.query_params["profile"] == "ann"


def test_damaged_database_is_reported_in_the_sidebar(home):
    (home / "progress.sqlite3").write_bytes(b"junk" * 1000)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception
    assert any("已损坏" in w.value for w in at.sidebar.warning)
    assert (home / "progress.sqlite3").read_bytes() == b"junk" * 1000


def _spec(at: AppTest, index: int) -> dict:
    return json.loads(at.get("vega_lite_chart")[index].proto.spec)


def test_zero_mastery_shows_a_stub_and_a_label_and_dates_follow_the_language(home):
    record("ann", "inner-product-2d", "vectors", "incorrect")
    at = progress_page("zh")
    assert not at.exception
    rows = chart_rows(at, 0)
    assert [(r["mastery"], r["label"]) for r in rows] == [(0.0, "0%")] and rows[0]["shown"] > 0
    assert _spec(at, 0)["layer"][0]["encoding"]["x"]["field"] == "shown"
    day_axis = _spec(at, 1)["encoding"]["x"]["axis"]
    assert day_axis["format"] == "%m月%d日" and day_axis["formatType"] == "time"


def test_weak_spots_and_history_name_exercises_and_quizzes_by_title(home):
    from exercises import load_library

    title = load_library().get("inner-product-2d").title
    for _ in range(3):
        record("ann", "inner-product-2d", "vectors", "incorrect")
    get_store().save_quiz("ann", "q-d1a8c0ffee", {"title": {"en": "Self-study quiz: Vectors", "zh": "自选测验：向量"}})
    get_store().record_attempt(Attempt("ann", "inner-product-2d", "vectors", 8, "", "1", "incorrect", 0.0,
                                       quiz_id="q-d1a8c0ffee", question=0))
    at = progress_page("en")
    assert not at.exception
    spots = [m.value for m in at.markdown if "Vectors" in m.value and "**" in m.value]
    assert spots and all(title["en"] in s and "inner-product-2d" not in s for s in spots)
    table = at.dataframe[0].value
    assert set(table["Exercise"].str.rsplit(" #", n=1).str[0]) == {title["en"]}
    assert "Self-study quiz: Vectors" in set(table["Quiz"]) and not any("q-d1a8" in q for q in table["Quiz"])
