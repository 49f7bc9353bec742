"""Error carried forward: judge a later part against the learner's own earlier values.

Every earlier answer the solver can read and judge (`correct` or `incorrect`, never a blank or unreadable one)
stands for the derived value its part `binds`: a wrong one, so that a slip is only counted once, and a right
one too, because a value accepted within the tolerance (α rounded to 4 figures) is what the learner goes on
computing with.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from exercises.engine import GenerationError, check_part, solver_api

if TYPE_CHECKING:
    from exercises.engine import Exercise, Part

ECF_NOTE = {
    "en": "Correct given your earlier answer to {parts} (error carried forward — that slip is only counted once).",
    "zh": "根据你在{parts}的答案，这一步是对的（误差传递：前面的错误只扣一次）。",
}


def _part_names(exercise: Exercise, ids: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(exercise.part_name(i, lang) for i in ids)


def _read(text: str, part: Part) -> Any | None:
    """The learner's earlier answer as a value, read as the checker reads it (a left side such as z^{(2)}_{1} = …,
    a label before it), or None if it cannot be read."""
    api = solver_api()
    try:
        return api.read_answer(text, part.vars, tuple(part.spec.lhs)).parsed.value
    except api.ParseError:
        return None


def own_values(exercise: Exercise, answers: Mapping[str, str]) -> dict[str, Any]:
    """Every value of the exercise recomputed from the learner's own answers (part id → text the solver read and
    judged, right or wrong): each readable answer to a part with `binds` stands for its derived value, as in error
    carried forward — e.g. the cost after a gradient step from the learner's own new weights."""
    pinned = {}
    for part in exercise.parts:
        text = answers.get(part.id)
        if part.binds and text is not None and (value := _read(text, part)) is not None:
            pinned[part.binds] = value
    return exercise.template.compute(exercise.params, pinned)


def carried_forward(exercise: Exercise, part: Part, answer_text: str, lang: str,
                    earlier: Mapping[str, str]) -> Any | None:
    """A `correct` verdict if the answer is right given the learner's own earlier answers to parts with `binds`
    (read and judged, right or wrong); otherwise None. When a wrong earlier answer was used, the message says the
    error was carried forward, `details["ecf"]` is True and `details["ecf_parts"]` lists those parts; the parts
    whose values were used are in `details["earlier_parts"]`."""
    pinned: dict[str, Any] = {}
    used: list[str] = []
    wrong: list[str] = []
    for prior in exercise.parts[:part.index]:
        text = earlier.get(prior.id)
        if not prior.binds or text is None:
            continue
        status = check_part(prior, prior.expected, [], text, "en").status
        if status == "invalid":
            continue
        value = _read(text, prior)
        if value is not None:
            pinned[prior.binds] = value
            used.append(prior.id)
            if status == "incorrect":
                wrong.append(prior.id)
    if not pinned:
        return None
    try:
        expected, mistakes = exercise.template.answer_at(exercise.params, pinned, part.index)
    except GenerationError:
        return None
    verdict = check_part(part, expected, mistakes, answer_text, lang)
    if verdict.status != "correct":
        return None
    verdict.details["earlier_parts"] = used
    if wrong:
        verdict.message = ECF_NOTE["zh" if lang == "zh" else "en"].format(parts=_part_names(exercise, wrong, lang))
        verdict.details["ecf"] = True
        verdict.details["ecf_parts"] = wrong
    return verdict
