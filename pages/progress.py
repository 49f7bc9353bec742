"""My progress: mastery per topic and over time, weak spots to practise, the answer history and its CSV."""
from __future__ import annotations

import random
import re

import altair as alt
import pandas as pd
import streamlit as st

from exercises.topics import TOPICS
from store import get_store
from ui.auth import require_signed_in
from ui.i18n import lang, t
from ui.layout import TOPIC_PAGES
from ui.profile import current_profile, profile_label

TITLES = {topic.id: f"{topic.number}. {topic.title(lang())}" for topic in TOPICS}
ORDER = [TITLES[topic.id] for topic in TOPICS]
SAFE_NAME = re.compile(r"[^\w.-]+")


def _title(topic_id: str) -> str:
    return TITLES.get(topic_id, topic_id)


ZERO_STUB = 0.012   # a bar this long stands for 0 %, so a topic tried but not yet mastered is still seen


def mastery_chart(mastery: dict[str, float]) -> alt.Chart:
    """Horizontal bars, one per topic tried, in the book's order, each labelled with its percentage."""
    data = pd.DataFrame({"topic": [_title(k) for k in mastery], "mastery": list(mastery.values()),
                         "shown": [max(float(v), ZERO_STUB) for v in mastery.values()],
                         "label": [f"{round(100 * v)}%" for v in mastery.values()]})
    base = alt.Chart(data).encode(
        x=alt.X("shown:Q", title=t("progress.mastery.axis"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])),
        y=alt.Y("topic:N", title=t("progress.topic.axis"), sort=[o for o in ORDER if o in set(data.topic)],
                axis=alt.Axis(labelLimit=320, labelOverlap=False)),
        tooltip=["topic", alt.Tooltip("mastery:Q", format=".0%")],
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        color=alt.Color("mastery:Q", scale=alt.Scale(domain=[0, 1], scheme="redyellowgreen"), legend=None))
    labels = base.mark_text(align="left", dx=5, color="#374151").encode(text="label:N")
    return (bars + labels).properties(height=34 * len(data) + 20)


def history_chart(history: list[dict]) -> alt.Chart:
    """A line per topic: mastery after each day with answers."""
    data = pd.DataFrame({"day": [pd.Timestamp(h["day"]) for h in history],
                         "topic": [_title(h["topic"]) for h in history],
                         "mastery": [h["mastery"] for h in history]})
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("day:T", title=t("progress.day.axis"),
                axis=alt.Axis(format=t("progress.day.format"), formatType="time", labelAngle=0)),
        y=alt.Y("mastery:Q", title=t("progress.mastery.axis"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color("topic:N", title=t("progress.topic.axis")),
        tooltip=["topic", alt.Tooltip("day:T", format=t("progress.day.format")),
                 alt.Tooltip("mastery:Q", format=".0%")],
    )


def exercise_title(template_id: str) -> str:
    """The exercise's title in the learner's language (its id only if the template is gone)."""
    from ui.answer_box import localized
    from ui.exercise_view import get_library

    template = get_library().templates.get(template_id)
    return localized(template.title) if template is not None else template_id


def quiz_name(profile: str, quiz_id: str | None) -> str:
    """A quiz as the learner knows it: its saved title, else a quiz file's id, else "self-study quiz"."""
    if not quiz_id:
        return ""
    state = get_store().load_quiz(profile, quiz_id) or {}
    title = state.get("title") or {}
    if title.get(lang()) or title.get("en"):
        return title.get(lang()) or title["en"]
    return t("progress.quiz.unnamed") if state else quiz_id


def history_table(rows, profile: str) -> pd.DataFrame:
    """The answers, newest first, with headings in the learner's language and exercises and quizzes by name."""
    titles = {tid: exercise_title(tid) for tid in {row.template_id for row in rows}}
    quizzes = {qid: quiz_name(profile, qid) for qid in {row.quiz_id for row in rows}}
    return pd.DataFrame([{
        t("progress.col.at"): row.at.strftime("%Y-%m-%d %H:%M"),
        t("progress.col.topic"): _title(row.topic),
        t("progress.col.exercise"): f"{titles[row.template_id]} #{row.seed}",
        t("progress.col.part"): row.part,
        t("progress.col.answer"): row.answer,
        t("progress.col.verdict"): t(f"progress.verdict.{row.status}"),
        t("progress.col.score"): row.score,
        t("progress.col.hints"): row.hints_used,
        t("progress.col.quiz"): quizzes[row.quiz_id],
    } for row in reversed(rows)])


require_signed_in()   # class mode: never for a visitor
st.title(t("progress.title"))
store = get_store()
profile = current_profile()
if not profile:
    st.info(t("progress.profile.none"))
    st.stop()
rows = store.attempts(profile)
if not rows:
    st.info(t("progress.empty", profile=profile_label(profile)))
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
    text.markdown(f"**{_title(spot.topic)}** · {exercise_title(spot.template_id)}  \n"
                  f"{spot.reason.get(lang(), spot.reason['en'])}")
    if spot.topic in TOPIC_PAGES:
        with link:
            st.page_link(TOPIC_PAGES[spot.topic], label=t("progress.weak.practise"), icon="🎯",
                         query_params={"ex": spot.template_id, "seed": str(seed)})

st.subheader(t("progress.table.header"))
st.dataframe(history_table(rows, profile), hide_index=True, width="stretch")
st.download_button(t("progress.download"), data=store.export_csv(profile), mime="text/csv",
                   file_name=f"dlmathlab-{SAFE_NAME.sub('_', profile)}.csv", key="progress-download",
                   on_click="ignore")
