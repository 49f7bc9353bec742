"""DL Math Lab — the Streamlit front door: navigation, language switch, profile picker.

Run with ``streamlit run app.py``.
"""
from __future__ import annotations

import logging

import streamlit as st

from exercises.topics import TOPICS
from ui.i18n import language_switch, lang, t
from ui.layout import ROOT, TOPIC_PAGES

st.set_page_config(page_title="DL Math Lab · 深度学习的数学", page_icon="🧮", layout="wide")

_log = logging.getLogger("dlmathlab")


def _optional(path: str, title_key: str, icon: str, url_path: str) -> list[st.Page]:
    """A page that another part of the app provides, listed only once its file exists."""
    if not (ROOT / path).exists():
        return []
    return [st.Page(path, title=t(title_key), icon=icon, url_path=url_path)]


def _pages() -> dict[str, list[st.Page]]:
    """The navigation, rebuilt every run so titles follow the language."""
    learn = [st.Page("pages/home.py", title=t("common.nav.home"), icon="🏠", url_path="home", default=True)]
    learn += [st.Page(TOPIC_PAGES[tp.id], title=f"{tp.number}. {tp.title(lang())}", icon=tp.icon, url_path=tp.id)
              for tp in TOPICS]
    practise = (_optional("pages/quiz.py", "common.nav.quiz", "📝", "quiz")
                + _optional("pages/progress.py", "common.nav.progress", "📈", "progress"))
    instructor = _optional("pages/instructor.py", "common.nav.instructor", "🧑‍🏫", "instructor")
    sections = {t("common.nav.learn"): learn, t("common.nav.practise"): practise,
                t("common.nav.instructor_section"): instructor}
    return {name: pages for name, pages in sections.items() if pages}


def _profile_sidebar() -> None:
    try:
        from ui.profile import profile_sidebar
    except ImportError:  # the profile picker is not installed yet
        return
    profile_sidebar()


language_switch()
page = st.navigation(_pages())
_profile_sidebar()
st.sidebar.caption(t("common.sidebar.about"))
try:
    page.run()
except Exception:  # never a raw traceback: log it, tell the learner kindly
    _log.exception("page %s failed", page.url_path)
    st.error(t("common.page_error"))
