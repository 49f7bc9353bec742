"""Exercises: the exercise-file format, the template engine, seeds and quiz files.

    from exercises import load_library, student_seed
    lib = load_library()
    ex = lib.get("inner-product-2d").generate(7)
    ex.check("", "11")

Names are loaded on first use, so `import exercises.topics` (the app's first page) does not pay for SymPy.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Exercise": "exercises.engine", "GenerationError": "exercises.engine", "Part": "exercises.engine",
    "Template": "exercises.engine", "Library": "exercises.loader", "load_library": "exercises.loader",
    "Question": "exercises.quiz", "Quiz": "exercises.quiz", "build_questions": "exercises.quiz",
    "student_seed": "exercises.seeds", "TestResult": "exercises.validate", "acceptance_rate": "exercises.validate",
    "run_template_tests": "exercises.validate", "FileError": "exercises.yamlread",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'exercises' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
