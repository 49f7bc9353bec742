"""Page furniture shared by the topic pages: where each page lives, its header, charts and practice panel."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import altair as alt
import streamlit as st

from exercises.topics import TOPICS, Topic, topic_by_id
from ui.i18n import lang, t

ROOT = Path(__file__).resolve().parent.parent


def topic_page_path(topic: Topic) -> str:
    """The page file of a topic, relative to the app root: ``pages/t07_partial_derivatives.py``."""
    return f"pages/t{topic.number:02d}_{topic.id.replace('-', '_')}.py"


TOPIC_PAGES: dict[str, str] = {topic.id: topic_page_path(topic) for topic in TOPICS}


def topic_header(topic_id: str) -> Topic:
    """Title (number, icon, title in the current language) and the topic's short explanation."""
    topic = topic_by_id(topic_id)
    st.title(f"{topic.icon} {topic.number}. {topic.title(lang())}")
    st.markdown(t(f"topics.{topic_id}.intro"))
    return topic


def show(chart: alt.TopLevelMixin, *, stretch: bool = True) -> None:
    """Draw an Altair chart (stretched to the column, or at its own width)."""
    st.altair_chart(chart, width="stretch" if stretch else "content")


@st.cache_data(max_entries=512, show_spinner=False)
def _spec(where: str, _build: Callable[..., alt.TopLevelMixin], args: tuple, language: str) -> dict:
    return _build(*args).to_dict(validate=False)


def show_cached(build: Callable[..., alt.TopLevelMixin], *args: Any, stretch: bool = True) -> None:
    """Draw `build(*args)`, memoised on (where `build` is defined, `args`, the language): building and
    serialising a big Altair chart costs far more than a rerun should, and slider values repeat."""
    where = f"{build.__code__.co_filename}:{build.__qualname__}"
    st.vega_lite_chart(_spec(where, build, args, lang()), width="stretch" if stretch else "content")


def practice(topic_id: str) -> None:
    """The shared practice panel at the bottom of a topic page (a note until the panel is installed)."""
    st.divider()
    try:
        from ui.practice import practice_panel
    except ImportError:
        st.info(t("common.practice_soon"))
        return
    practice_panel(topic_id)


def current_profile() -> str | None:
    """The learner's profile name, if the profile picker has chosen one."""
    try:
        from ui.profile import current_profile as picked
    except ImportError:
        return st.session_state.get("profile")
    try:
        return picked()
    except Exception:
        return st.session_state.get("profile")
