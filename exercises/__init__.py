"""Exercises: the exercise-file format, the template engine, seeds and quiz files.

    from exercises import load_library, student_seed
    lib = load_library()
    ex = lib.get("inner-product-2d").generate(7)
    ex.check("", "11")
"""
from exercises.engine import Exercise, GenerationError, Part, Template
from exercises.loader import Library, load_library
from exercises.quiz import Question, Quiz, build_questions
from exercises.seeds import student_seed
from exercises.validate import TestResult, acceptance_rate, run_template_tests
from exercises.yamlread import FileError

__all__ = [
    "Exercise", "FileError", "GenerationError", "Library", "Part", "Question", "Quiz", "Template", "TestResult",
    "acceptance_rate", "build_questions", "load_library", "run_template_tests", "student_seed",
]
