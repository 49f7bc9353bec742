"""Personal mode remembers the language and the profile across pages, reloads and new tabs (cookies the page
writes, read back through `st.context.cookies`), and shows a profile just created as the one selected.
The cookie a real browser keeps is modelled here by `ui.prefs.remembered`; tests/e2e has the browser round trip."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store import get_store

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    monkeypatch.delenv("DLMATH_MODE", raising=False)
    return tmp_path


def browser_keeps(monkeypatch, **cookies: str) -> None:
    """The cookies this browser sent when the tab connected."""
    monkeypatch.setattr("ui.prefs.remembered", lambda name: cookies.get(name))


def cookie_scripts(at: AppTest) -> str:
    return " ".join(element.proto.body for element in at.get("html"))


def sidebar_app() -> AppTest:
    def script():
        import streamlit as st

        from ui.i18n import language_switch
        from ui.profile import current_profile, profile_sidebar
        language_switch()
        profile_sidebar()
        st.write(f"profile={current_profile()}")
    return AppTest.from_function(script, default_timeout=TIMEOUT)


def test_a_language_switch_is_written_to_the_browser_and_read_back(monkeypatch):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert at.title[0].value == "🧮 DL Math Lab" and "dlmath_lang" not in cookie_scripts(at)   # nothing to keep
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert 'document.cookie = "dlmath_lang=zh; path=/; max-age=31536000; SameSite=Lax"' in cookie_scripts(at)
    browser_keeps(monkeypatch, dlmath_lang="zh")                   # a reload, another page, a new tab
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert again.title[0].value == "🧮 深度学习的数学 · 实验室" and "dlmath_lang" not in cookie_scripts(again)
    again.switch_page("pages/t04_vectors.py").run()
    assert "向量" in again.title[0].value


def test_a_created_profile_is_selected_and_remembered(monkeypatch):
    get_store().create_profile("ann")
    get_store().create_profile("cy")
    at = sidebar_app().run()
    assert at.sidebar.selectbox(key="profile-select").value == "\x00new"    # several, none chosen yet
    at.sidebar.text_input(key="profile-new-name").input("Bo Li")
    at.sidebar.button(key="profile-create").click().run()
    assert at.sidebar.selectbox(key="profile-select").value == "Bo Li" and at.markdown[0].value == "profile=Bo Li"
    assert "dlmath_profile=Bo%20Li;" in cookie_scripts(at)
    browser_keeps(monkeypatch, dlmath_profile="Bo Li")
    tab = sidebar_app().run()                                   # a new tab: no URL parameter, the cookie says Bo Li
    assert tab.markdown[0].value == "profile=Bo Li" and tab.sidebar.selectbox(key="profile-select").value == "Bo Li"
    assert "dlmath_profile" not in cookie_scripts(tab)          # already kept: not written again
    linked = sidebar_app()
    linked.query_params["profile"] = "cy"                       # a link naming a profile wins over the cookie
    linked.run()
    assert linked.markdown[0].value == "profile=cy" and "dlmath_profile=cy;" in cookie_scripts(linked)


def test_a_profile_made_in_another_tab_is_in_this_tabs_picker_at_the_next_click():
    get_store().create_profile("ann")
    get_store().create_profile("cy")
    first, second = sidebar_app().run(), sidebar_app().run()
    assert "Dee" not in second.sidebar.selectbox(key="profile-select").options
    first.sidebar.text_input(key="profile-new-name").input("Dee")
    first.sidebar.button(key="profile-create").click().run()
    second.run()                                                 # any click in the other tab
    assert "Dee" in second.sidebar.selectbox(key="profile-select").options


def test_the_remembered_profile_survives_a_page_change(monkeypatch):
    get_store().create_profile("ann")
    get_store().create_profile("Bo Li")
    browser_keeps(monkeypatch, dlmath_profile="Bo Li")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    at.switch_page("pages/progress.py").run()
    assert "No answers recorded yet for Bo Li" in at.info[0].value


def test_a_bad_cookie_is_ignored(monkeypatch):
    get_store().create_profile("ann")
    browser_keeps(monkeypatch, dlmath_profile="x" * 300, dlmath_lang="fr")
    at = sidebar_app().run()
    assert at.markdown[0].value == "profile=ann" and at.sidebar.radio(key="lang").value == "en"


def test_class_mode_ignores_the_profile_cookie(monkeypatch):
    monkeypatch.setenv("DLMATH_MODE", "class")
    browser_keeps(monkeypatch, dlmath_profile="ann")
    at = sidebar_app()
    at.query_params["profile"] = "ann"
    at.run()
    assert at.markdown[0].value == "profile="                   # nobody signed in: no profile at all


def test_the_default_profile_is_named_in_the_learners_language():
    at = sidebar_app()
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception
    picker = at.selectbox(key="profile-select")
    assert picker.value == "learner" and "学习者" in picker.options and "learner" not in picker.options
