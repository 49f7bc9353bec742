"""Error carried forward: judge a later part against the learner's own (wrong) earlier answers."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from exercises.engine import GenerationError, check_part, solver_api

if TYPE_CHECKING:
    from exercises.engine import Exercise, Part

ECF_NOTE = {
    "en": "Correct given your earlier answer to {parts} (error carried forward — that slip is only counted once).",
    "zh": "根据你在{parts}的答案，这一步是对的（误差传递：前面的错误只扣一次）。",
}


def _part_names(ids: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(f"第 ({i}) 小题" for i in ids)
    return ", ".join(f"part ({i})" for i in ids)


def _read(text: str, part: Part) -> Any | None:
    """The learner's earlier answer as a value, or None if it cannot be read."""
    api = solver_api()
    try:
        return api.parse(text, part.vars, mode="answer").value
    except api.ParseError:
        return None


def carried_forward(exercise: Exercise, part: Part, answer_text: str, lang: str,
                    earlier: Mapping[str, str]) -> Any | None:
    """A `correct` verdict with `details["ecf"] = True` if the answer is right given the learner's earlier
    readable-but-wrong answers to parts with `binds`; otherwise None."""
    pinned: dict[str, Any] = {}
    used: list[str] = []
    for prior in exercise.parts[:part.index]:
        text = earlier.get(prior.id)
        if not prior.binds or text is None:
            continue
        if check_part(prior, prior.expected, [], text, "en").status != "incorrect":
            continue
        value = _read(text, prior)
        if value is not None:
            pinned[prior.binds] = value
            used.append(prior.id)
    if not pinned:
        return None
    try:
        expected, mistakes = exercise.template.answer_at(exercise.params, pinned, part.index)
    except GenerationError:
        return None
    verdict = check_part(part, expected, mistakes, answer_text, lang)
    if verdict.status != "correct":
        return None
    note = ECF_NOTE["zh" if lang == "zh" else "en"].format(parts=_part_names(used, lang))
    verdict.message = note
    verdict.details["ecf"] = True
    verdict.details["ecf_parts"] = used
    return verdict
