"""An automatic diagnosis travels like an author-listed mistake: the practice panel shows it, the attempt is
stored with its catalogue name, weak spots quote the catalogue's message in the learner's language, and a quiz
submission records it too."""
from __future__ import annotations

import pytest

from exercises import load_library
from practice_support import home, open_panel  # noqa: F401 — `home` is an autouse fixture
from quiz_runtime import QuestionSpec, QuizRun
from solver import MISTAKES

LIB = load_library()
TEMPLATE, SEED, KEY = "inner-product-2d", 7, "ex-inner-product-2d-7-"


def doubled() -> str:
    return str(2 * LIB.get(TEMPLATE).generate(SEED).derived["ans"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_practice_panel_shows_stores_and_weak_spots_quote_the_diagnosis(lang: str) -> None:
    at = open_panel("vectors", TEMPLATE, SEED, lang)
    for _ in range(2):  # the same slip twice
        at.text_input(key=KEY).input(doubled())
        at = at.button(key=f"{KEY}-check").click().run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert ("exactly 2×" if lang == "en" else "恰好是正确答案的 2 倍") in shown

    from store import get_store

    store = get_store()
    rows = store.attempts("ada")
    assert [(r.status, r.mistake) for r in rows] == [("incorrect", "constant-factor")] * 2
    spots = store.weak_spots("ada")
    assert spots and spots[0].template_id == TEMPLATE
    assert MISTAKES["constant-factor"][lang] in spots[0].reason[lang]


def test_quiz_submission_records_the_diagnosis() -> None:
    run = QuizRun.start([QuestionSpec(TEMPLATE, SEED)], lambda t, s: LIB.get(t).generate(s), now=1000.0)
    verdict = run.submit(0, "", doubled(), now=1001.0)
    assert verdict.details["mistake"]["name"] == "constant-factor"
    (submission,) = run.questions[0].submissions
    assert submission.mistake == "constant-factor" and submission.details["mistake"]["name"] == "constant-factor"
