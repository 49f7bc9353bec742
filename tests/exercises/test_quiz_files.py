"""Quiz files: schema and meaning errors with file:line, settings, and per-student variants."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from exercises import build_questions, load_library
from exercises.quiz import variants
from exercises.validate import validate_paths

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATES = FIXTURES / "quiz-templates.yaml"

GOOD = """\
quiz:
  id: week-one
  title: {en: "Week one", zh: "第一周"}
  instructions: {en: "Answer all.", zh: "全部作答。"}
  seed: 42
  attempts: 2
  time_limit_minutes: 20
  hints: after
  solutions: never
  opens: 2025-03-01
  closes: 2025-03-08 18:00
  entries:
    - template: qd-one
      points: 1
    - topic: vectors
      difficulty: 1
      count: 2
      points: 0.5
"""


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


CASES = {
    "unknown-field": (edit("  seed: 42\n", "  seed: 42\n  titel: x  # <-\n"), "quiz.titel",
                      "unknown field 'titel' (did you mean 'title'?)"),
    "missing-seed": (edit("  seed: 42\n", ""), "quiz.seed", "is required"),
    "unknown-template": (edit("    - template: qd-one\n", "    - template: qd-onee  # <-\n"),
                         "quiz.entries[0].template", "unknown template id 'qd-onee' (did you mean 'qd-one'?)"),
    "template-and-topic": (edit("    - template: qd-one\n", "    - template: qd-one  # <-\n      topic: vectors\n"),
                           "quiz.entries[0]", "give either template: ID or topic: TOPIC"),
    "unknown-topic": (edit("    - topic: vectors\n", "    - topic: vector  # <-\n"), "quiz.entries[1].topic",
                      "unknown topic 'vector' (did you mean 'vectors'?)"),
    "empty-draw": (edit("      difficulty: 1\n", "      difficulty: 3\n").replace("      count: 2\n", "")
                   .replace("    - topic: vectors\n", "    - topic: vectors  # <-\n"),
                   "quiz.entries[1]", "no template matches topic 'vectors' at difficulty 3: the draw is empty"),
    "too-few-to-draw": (edit("      count: 2\n", "      count: 5  # <-\n"), "quiz.entries[1].count",
                        "asks for 5 templates but only 3 match topic 'vectors' at difficulty 1"),
    "bad-date": (edit("  opens: 2025-03-01\n", "  opens: 2025-13-01  # <-\n"), "quiz.opens", "is not a date"),
    "closes-before-opens": (edit("  closes: 2025-03-08 18:00\n", "  closes: 2025-02-01  # <-\n"), "quiz.closes",
                            "closes (2025-02-01) before it opens (2025-03-01)"),
    "bad-hints-setting": (edit("  hints: after\n", "  hints: sometimes  # <-\n"), "quiz.hints",
                          "must be 'during', 'after' or 'never'"),
    "zero-attempts": (edit("  attempts: 2\n", "  attempts: 0  # <-\n"), "quiz.attempts", "at least 1"),
    "negative-points": (edit("      points: 1\n", "      points: -1  # <-\n"), "quiz.entries[0].points",
                        "must not be negative"),
    "bad-time-limit": (edit("  time_limit_minutes: 20\n", "  time_limit_minutes: 0  # <-\n"),
                       "quiz.time_limit_minutes", "must be positive"),
    "no-entries": (GOOD[:GOOD.index("  entries:")] + "  entries: []  # <-\n", "quiz.entries",
                   "at least one entry"),
    "repeated-template": (edit("    - topic: vectors\n", "    - template: qd-one  # <-\n    - topic: vectors\n"),
                          "quiz.entries[1].template", "already in this quiz"),
    "count-with-template": (edit("      points: 1\n", "      points: 1\n      count: 3  # <-\n"),
                            "quiz.entries[0].count", "count goes with topic:"),
    "wrong-type-seed": (edit("  seed: 42\n", "  seed: forty-two  # <-\n"), "quiz.seed", "expected a whole number"),
}


def marked_line(text: str) -> int:
    return next((i for i, line in enumerate(text.splitlines(), 1) if "# <-" in line), 1)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    shutil.copy(TEMPLATES, tmp_path / "templates.yaml")
    return tmp_path


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_quiz_file_reports_file_line_field(name: str, folder: Path) -> None:
    text, field, message = CASES[name]
    path = folder / "quiz.yaml"
    path.write_text(text, encoding="utf-8")
    lib = load_library([folder])
    assert "week-one" not in lib.quizzes
    line = marked_line(text)
    found = [e for e in lib.errors if e.field == field and message in e.message]
    assert found, f"wanted {field!r} {message!r}; got {[str(e) for e in lib.errors]}"
    assert found[0].line == line and found[0].path.endswith("quiz.yaml")


def test_good_quiz_loads_with_its_settings(folder: Path) -> None:
    (folder / "quiz.yaml").write_text(GOOD, encoding="utf-8")
    lib = load_library([folder])
    assert lib.errors == []
    quiz = lib.quizzes["week-one"]
    assert quiz.title == {"en": "Week one", "zh": "第一周"}
    assert (quiz.attempts, quiz.time_limit_minutes, quiz.hints, quiz.solutions) == (2, 20, "after", "never")
    assert quiz.opens == dt.datetime(2025, 3, 1) and quiz.closes == dt.datetime(2025, 3, 8, 18, 0)
    assert quiz.is_open(dt.datetime(2025, 3, 5)) and not quiz.is_open(dt.datetime(2025, 3, 8, 18, 1))
    assert quiz.total_points() == 2.0


def test_quiz_id_defaults_to_file_name(folder: Path) -> None:
    (folder / "midterm.yaml").write_text(GOOD.replace("  id: week-one\n", ""), encoding="utf-8")
    assert "midterm" in load_library([folder]).quizzes


def test_student_variants_are_stable_distinct_and_draw_distinct_templates(folder: Path) -> None:
    (folder / "quiz.yaml").write_text(GOOD, encoding="utf-8")
    lib = load_library([folder])
    quiz = lib.quizzes["week-one"]
    ann = build_questions(quiz, lib, "Ann Lee")
    assert ann == build_questions(quiz, lib, "  ann   LEE ")
    assert [q.points for q in ann] == [1.0, 0.5, 0.5]
    assert ann[0].template_id == "qd-one"
    drawn = [q.template_id for q in ann[1:]]
    assert len(set(drawn)) == 2 and set(drawn) <= {"qv-one", "qv-two", "qv-three"}
    many = variants(quiz, lib, [f"student {i}" for i in range(30)])
    seeds = {tuple(q.seed for q in qs) for qs in many.values()}
    assert len(seeds) == 30
    assert len({tuple(q.template_id for q in qs) for qs in many.values()}) > 1
    for qs in many.values():  # every variant generates
        for q in qs:
            lib.get(q.template_id).generate(q.seed)


def test_validate_checks_quiz_files_with_builtin_templates(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(GOOD.replace("qd-one", "inner-product-2d").replace("count: 2", "count: 1")
                    .replace("      difficulty: 1\n", ""), encoding="utf-8")
    report = validate_paths([path], seeds=5)
    assert report.ok, [str(e) for e in report.errors]
    assert report.quizzes == 1
    path.write_text(GOOD.replace("qd-one", "no-such-template"), encoding="utf-8")
    report = validate_paths([path], seeds=5)
    assert any("unknown template id 'no-such-template'" in str(e) and ":13:" in str(e) for e in report.errors)


def test_builtin_example_quiz_is_valid() -> None:
    lib = load_library()
    quiz = lib.quizzes["vectors-and-derivatives"]
    assert not [e for e in lib.errors if "quizzes" in e.path]
    questions = build_questions(quiz, lib, "Li Lei")
    assert len(questions) == 4 and questions[0].template_id == "inner-product-2d"
