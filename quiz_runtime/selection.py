"""Choosing the questions of a self-study quiz, and deriving fresh seeds deterministically."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any, Sequence

MAX_SEED = 999_999


@dataclass(frozen=True)
class QuestionSpec:
    """One question before the quiz starts: which template, which seed, how many points."""

    template_id: str
    seed: int
    points: float = 1.0


def derive_seed(*parts: object) -> int:
    """A seed in 1..999999 from any values (SHA-256, so the same on every machine)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") % MAX_SEED + 1


def self_study_questions(library: Any, topics: Sequence[str], n: int, difficulty: int | None,
                         seed: int) -> list[QuestionSpec]:
    """Pick ``n`` questions spread evenly over ``topics`` (round robin, book order), deterministic in ``seed``.

    With fewer questions than topics, a random subset of the topics (one question each) is asked.
    ``difficulty`` (1..3) keeps templates of that difficulty; a topic without any takes its nearest difficulty.
    ``None`` allows all. Templates repeat (with other seeds) only when a topic has fewer than it needs. Network
    exercises (filled in on their graph, on the topic page) are never drawn.
    """
    rng = random.Random(seed)
    pools = []
    for topic in topics:
        pool = _pool([tpl for tpl in library.by_topic(topic) if getattr(tpl, "quizzable", True)], difficulty)
        if pool:
            rng.shuffle(pool)
            pools.append(pool)
    if not pools or n <= 0:
        return []
    if n < len(pools):  # not every topic fits: a fair random subset, asked in book order
        pools = [pools[i] for i in sorted(rng.sample(range(len(pools)), n))]
    picked: list[QuestionSpec] = []
    for index in range(n):
        pool = pools[index % len(pools)]
        template = pool[(index // len(pools)) % len(pool)]
        picked.append(QuestionSpec(template.id, derive_seed(seed, index, template.id)))
    return picked


def _pool(templates: list[Any], difficulty: int | None) -> list[Any]:
    """Templates of the wanted difficulty, else of the nearest difficulty the topic has."""
    if difficulty is None or not templates:
        return sorted(templates, key=lambda tpl: tpl.id)
    nearest = min(abs(int(tpl.difficulty) - difficulty) for tpl in templates)
    return sorted((tpl for tpl in templates if abs(int(tpl.difficulty) - difficulty) == nearest),
                  key=lambda tpl: tpl.id)
