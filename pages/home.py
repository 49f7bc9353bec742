"""Home: what DL Math Lab is, the 16 topics as cards with the learner's progress, and where to continue."""
from __future__ import annotations

import streamlit as st

from exercises.topics import TOPICS, topic_by_id
from ui.i18n import lang, t
from ui.layout import TOPIC_PAGES, current_profile

COLUMNS = 4


def _store():
    try:
        from store import get_store
        return get_store()
    except Exception:  # no store yet, or it cannot open: the home page still works
        return None


def _mastery(store, profile: str | None) -> dict[str, float]:
    if store is None or not profile:
        return {}
    try:
        return store.mastery(profile)
    except Exception:
        return {}


def _continue_link(store, profile: str | None) -> None:
    if store is None or not profile:
        return
    try:
        last = store.last_exercise(profile)
        if not last:
            return
        template_id, seed = last
        from ui.exercise_view import get_library
        topic = topic_by_id(get_library().get(template_id).topic)
    except Exception:
        return
    st.page_link(TOPIC_PAGES[topic.id], label=t("common.home.continue", topic=topic.title(lang()), seed=seed),
                 icon="▶️", query_params={"ex": template_id, "seed": str(seed)})


st.title(t("common.home.title"))
st.markdown(t("common.home.intro"))
store = _store()
profile = current_profile()
_continue_link(store, profile)
mastery = _mastery(store, profile)

st.subheader(t("common.home.topics"))
for start in range(0, len(TOPICS), COLUMNS):
    for column, topic in zip(st.columns(COLUMNS), TOPICS[start:start + COLUMNS]):
        with column.container(border=True, height="stretch"):
            st.markdown(f"#### {topic.icon} {topic.number}")
            st.page_link(TOPIC_PAGES[topic.id], label=topic.title(lang()))
            st.caption(t(f"topics.{topic.id}.card"))
            level = mastery.get(topic.id)
            if level is None:
                st.progress(0.0, text=t("common.home.not_started"))
            else:
                st.progress(min(max(float(level), 0.0), 1.0), text=t("common.home.mastery", pct=round(100 * level)))
