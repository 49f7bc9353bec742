"""My progress: mastery per topic and over time, weak spots to practise, the answer history and its CSV."""
from __future__ import annotations

import random
import re

import altair as alt
import pandas as pd
import streamlit as st

from exercises.topics import TOPICS
from store import get_store
from ui.i18n import lang, t
from ui.layout import TOPIC_PAGES
from ui.profile import current_profile

TITLES = {topic.id: f"{topic.number}. {topic.title(lang())}" for topic in TOPICS}
ORDER = [TITLES[topic.id] for topic in TOPICS]
SAFE_NAME = re.compile(r"[^\w.-]+")


def _title(topic_id: str) -> str:
    return TITLES.get(topic_id, topic_id)


def mastery_chart(mastery: dict[str, float]) -> alt.Chart:
    """Horizontal bars, one per topic tried, in the book's order."""
    data = pd.DataFrame({"topic": [_title(k) for k in mastery], "mastery": list(mastery.values())})
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("mastery:Q", title=t("progress.mastery.axis"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        y=alt.Y("topic:N", title=t("progress.topic.axis"), sort=[o for o in ORDER if o in set(data.topic)]),
        color=alt.Color("mastery:Q", scale=alt.Scale(domain=[0, 1], scheme="redyellowgreen"), legend=None),
        tooltip=["topic", alt.Tooltip("mastery:Q", format=".0%")],
    )


def history_chart(history: list[dict]) -> alt.Chart:
    """A line per topic: mastery after each day with answers."""
    data = pd.DataFrame({"day": [pd.Timestamp(h["day"]) for h in history],
                         "topic": [_title(h["topic"]) for h in history],
                         "mastery": [h["mastery"] for h in history]})
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("day:T", title=t("progress.day.axis")),
        y=alt.Y("mastery:Q", title=t("progress.mastery.axis"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color("topic:N", title=t("progress.topic.axis")),
        tooltip=["topic", alt.Tooltip("day:T"), alt.Tooltip("mastery:Q", format=".0%")],
    )


def history_table(rows) -> pd.DataFrame:
    """The answers, newest first, with headings in the learner's language."""
    return pd.DataFrame([{
        t("progress.col.at"): row.at.strftime("%Y-%m-%d %H:%M"),
        t("progress.col.topic"): _title(row.topic),
        t("progress.col.exercise"): f"{row.template_id} #{row.seed}",
        t("progress.col.part"): row.part,
        t("progress.col.answer"): row.answer,
        t("progress.col.verdict"): t(f"progress.verdict.{row.status}"),
        t("progress.col.score"): row.score,
        t("progress.col.hints"): row.hints_used,
        t("progress.col.quiz"): row.quiz_id or "",
    } for row in reversed(rows)])


st.title(t("progress.title"))
store = get_store()
profile = current_profile()
if not profile:
    st.info(t("progress.profile.none"))
    st.stop()
rows = store.attempts(profile)
if not rows:
    st.info(t("progress.empty", profile=profile))
    st.stop()

mastery = store.mastery(profile)
st.caption(t("progress.summary", attempts=len(rows), correct=sum(r.status == "correct" for r in rows),
             topics=len(mastery)))

st.subheader(t("progress.mastery.header"))
st.caption(t("progress.intro"))
if mastery:
    st.altair_chart(mastery_chart(mastery), width="stretch")
history = store.mastery_history(profile)
if history:
    st.subheader(t("progress.history.header"))
    st.altair_chart(history_chart(history), width="stretch")

st.subheader(t("progress.weak.header"))
spots = store.weak_spots(profile)
if not spots:
    st.success(t("progress.weak.none"))
for spot in spots:
    seed = random.Random(f"{profile}|{spot.template_id}|{len(rows)}").randint(1, 999_999)  # fresh after each answer
    text, link = st.columns([5, 1], vertical_alignment="center")
    text.markdown(f"**{_title(spot.topic)}** · `{spot.template_id}`  \n{spot.reason.get(lang(), spot.reason['en'])}")
    if spot.topic in TOPIC_PAGES:
        with link:
            st.page_link(TOPIC_PAGES[spot.topic], label=t("progress.weak.practise"), icon="🎯",
                         query_params={"ex": spot.template_id, "seed": str(seed)})

st.subheader(t("progress.table.header"))
st.dataframe(history_table(rows), hide_index=True, width="stretch")
st.download_button(t("progress.download"), data=store.export_csv(profile), mime="text/csv",
                   file_name=f"dlmathlab-{SAFE_NAME.sub('_', profile)}.csv", key="progress-download",
                   on_click="ignore")
