"""What the instructor's preview shows of a template at a seed: every value, the embedded tests' results, and the
locks (params fixed by the instructor) read safely in the template language."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from exercises import render
from exercises.engine import GenerationError
from exercises.validate import DEFAULT_TEST_SEEDS, TestResult, run_template_tests
from exercises.yamlread import FileError

if TYPE_CHECKING:
    from exercises.engine import Exercise, Template


@dataclass(frozen=True)
class Preview:
    """An exercise generated for the preview, or the reason it could not be (`file:line: field: message`; its
    `text(lang)` in English or Chinese)."""

    exercise: Exercise | None
    error: FileError | None = None


def locks_from_text(texts: Mapping[str, str]) -> dict[str, str]:
    """The locked params: the non-blank entries, stripped (each is read by the template engine, never eval'd)."""
    return {name: text.strip() for name, text in texts.items() if text and text.strip()}


def generate_preview(template: Template, seed: int, locks: Mapping[str, str] | None = None) -> Preview:
    """The exercise at `seed` with `locks`; a template or lock that cannot generate gives its error instead."""
    try:
        return Preview(template.generate(int(seed), overrides=dict(locks or {})))
    except GenerationError as err:
        return Preview(None, template.file_error(err))


def value_rows(ex: Exercise) -> list[dict[str, str]]:
    """Every param then every derived value: name, kind, value in solver syntax and as LaTeX."""
    rows = []
    for kind, values in (("param", ex.params), ("derived", ex.derived)):
        for name, value in values.items():
            rows.append({"name": name, "kind": kind, "value": render.text_of(value), "latex": render.latex_of(value)})
    return rows


def embedded_test_seeds(seed: int) -> list[int]:
    """The seeds the preview runs the embedded tests at: the default ones and the seed on show."""
    return sorted(set(DEFAULT_TEST_SEEDS) | {int(seed)})


def embedded_test_results(template: Template, seed: int) -> list[TestResult]:
    """The embedded tests run now (a test with its own `seed:` runs only there)."""
    return run_template_tests(template, embedded_test_seeds(seed))
