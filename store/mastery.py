"""Mastery: how well a learner currently does a topic, from their recent attempts.

Per template: the exponentially weighted mean of the scores (0..1, partial credit counts) of its last
`WINDOW` non-invalid attempts, the newest weighing 1 and each older one `DECAY` times the next newer one, so
recent work counts most and an old mistake fades as it is put right. Per topic: the plain mean over the topic's
templates the learner has tried. `invalid` attempts (unreadable input) never count.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

WINDOW = 20
DECAY = 0.7


def template_mastery(scores: Sequence[float]) -> float:
    """The weighted mean of chronologically ordered scores (last `WINDOW` only); 0.0 for none."""
    recent = list(scores)[-WINDOW:]
    if not recent:
        return 0.0
    weights = [DECAY ** age for age in range(len(recent) - 1, -1, -1)]
    return sum(w * s for w, s in zip(weights, recent)) / sum(weights)


def topic_mastery(rows: Iterable[tuple[str, str, float]]) -> dict[str, float]:
    """Mastery per topic from chronological `(template_id, topic, score)` rows of non-invalid attempts."""
    scores: dict[str, list[float]] = defaultdict(list)
    topic_of: dict[str, str] = {}
    for template_id, topic, score in rows:
        scores[template_id].append(score)
        topic_of[template_id] = topic
    by_topic: dict[str, list[float]] = defaultdict(list)
    for template_id, template_scores in scores.items():
        by_topic[topic_of[template_id]].append(template_mastery(template_scores))
    return {topic: sum(values) / len(values) for topic, values in by_topic.items()}


def mastery_over_time(rows: Iterable[tuple[datetime, str, str, float]]) -> list[dict]:
    """Replay chronological `(at, template_id, topic, score)` rows; after each UTC day with attempts, the mastery
    of every topic tried so far: `[{"day": date, "topic": str, "mastery": float}, ...]`."""
    scores: dict[str, list[float]] = defaultdict(list)
    templates_of: dict[str, set[str]] = defaultdict(set)
    history: list[dict] = []
    day = None

    def snapshot() -> None:
        for topic, templates in templates_of.items():
            values = [template_mastery(scores[t]) for t in templates]
            history.append({"day": day, "topic": topic, "mastery": sum(values) / len(values)})

    for at, template_id, topic, score in rows:
        if day is not None and at.date() != day:
            snapshot()
        day = at.date()
        scores[template_id].append(score)
        templates_of[topic].add(template_id)
    if day is not None:
        snapshot()
    return history
