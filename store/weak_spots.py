"""Weak spots: the templates most worth practising again, each with the reason in English and Chinese.

For each template, look at its last `RECENT` non-invalid attempts. It is a weak spot when at least one of them
was wrong. Its weight is `(1 − mastery of those attempts) × (1 + 0.5 × times the most frequent anticipated
mistake was matched)`: recent, repeated errors — especially the same slip again and again — come first; a
template since answered correctly several times sinks down the list.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from .mastery import template_mastery
from .models import WeakSpot

RECENT = 6


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict[str, str]]:
    try:
        from solver.mistakes import MISTAKES
    except ImportError:                      # the store also runs without the solver (benchmarks, tools)
        return {}
    return MISTAKES


def describe_mistake(mistake: str, lang: str) -> str:
    """The catalogue message for a named slip in `lang`, or the recorded text itself."""
    entry = _catalogue().get(mistake)
    return entry.get(lang, entry.get("en", mistake)) if entry else mistake


def _times(count: int) -> tuple[str, str]:
    return ("twice" if count == 2 else f"{count} times"), f"{count} 次"


def _reason(wrong: int, total: int, mistake: str | None, repeats: int) -> dict[str, str]:
    if total == 1:
        en, zh = "Your last attempt was wrong.", "你最近一次作答是错的。"
    else:
        en, zh = f"{wrong} of your last {total} attempts were wrong.", f"最近 {total} 次作答中错了 {wrong} 次。"
    if mistake and repeats > 1:
        times_en, times_zh = _times(repeats)
        en += f" The same slip came up {times_en}: {describe_mistake(mistake, 'en')}"
        zh += f"同一个失误出现了 {times_zh}：{describe_mistake(mistake, 'zh')}"
    elif mistake:
        en += f" One slip to watch: {describe_mistake(mistake, 'en')}"
        zh += f"要留意的失误：{describe_mistake(mistake, 'zh')}"
    return {"en": en, "zh": zh}


def find_weak_spots(rows: Iterable[tuple[str, str, str, float, str | None]], limit: int = 5) -> list[WeakSpot]:
    """Weak spots, most useful first, from chronological `(template_id, topic, status, score, mistake)` rows of
    non-invalid attempts."""
    by_template: dict[str, list[tuple[str, str, float, str | None]]] = defaultdict(list)
    order: dict[str, int] = {}
    for index, (template_id, topic, status, score, mistake) in enumerate(rows):
        by_template[template_id].append((topic, status, score, mistake))
        order[template_id] = index
    spots: list[tuple[float, int, WeakSpot]] = []
    for template_id, attempts in by_template.items():
        recent = attempts[-RECENT:]
        wrong = sum(1 for _, status, _, _ in recent if status == "incorrect")
        if wrong == 0:
            continue
        slips = Counter(m for _, status, _, m in recent if m and status == "incorrect")
        mistake, repeats = slips.most_common(1)[0] if slips else (None, 0)
        weight = (1 - template_mastery([score for _, _, score, _ in recent])) * (1 + 0.5 * repeats)
        spot = WeakSpot(template_id, recent[-1][0], _reason(wrong, len(recent), mistake, repeats), round(weight, 4))
        spots.append((weight, order[template_id], spot))
    spots.sort(key=lambda item: (-item[0], -item[1]))
    return [spot for _, _, spot in spots[:limit]]
