"""Home: what DL Math Lab is, the 16 topics as cards with the learner's progress, and where to continue."""
from __future__ import annotations

import streamlit as st

from exercises.topics import TOPICS, topic_by_id
from store import get_store
from ui.auth import require_signed_in
from ui.i18n import lang, t
from ui.layout import page_of
from ui.profile import current_profile

COLUMNS = 4


def continue_link(profile: str) -> None:
    """A link back to the learner's last exercise (nothing when there is none, or its template is gone)."""
    last = get_store().last_exercise(profile)
    if not last:
        return
    from ui.exercise_view import get_library   # here: the exercise library is only needed for this link

    template_id, seed = last
    template = get_library().templates.get(template_id)
    if template is None:
        return
    topic = topic_by_id(template.topic)
    st.page_link(page_of(topic.id), label=t("common.home.continue", topic=topic.title(lang()), seed=seed),
                 icon="▶️", query_params={"ex": template_id, "seed": str(seed)})


def topic_cards(mastery: dict[str, float]) -> None:
    """The 16 topics in the book's order, each a card with its link, summary and the learner's mastery."""
    for start in range(0, len(TOPICS), COLUMNS):
        for column, topic in zip(st.columns(COLUMNS), TOPICS[start:start + COLUMNS]):
            with column.container(border=True, height="stretch"):
                st.markdown(f"##### {topic.icon} {topic.number}. {topic.title(lang())}")   # wraps: never cut off
                st.page_link(page_of(topic.id), label=t("common.home.open"), icon=":material/arrow_forward:")
                st.caption(t(f"topics.{topic.id}.card"))
                level = mastery.get(topic.id)
                if level is None:
                    st.progress(0.0, text=t("common.home.not_started"))
                else:
                    st.progress(min(max(float(level), 0.0), 1.0), text=t("common.home.mastery", pct=round(100 * level)))


require_signed_in()   # class mode: never for a visitor
st.title(t("common.home.title"))
st.markdown(t("common.home.intro"))
profile = current_profile()
if profile:
    continue_link(profile)
st.subheader(t("common.home.topics"))
topic_cards(get_store().mastery(profile) if profile else {})
