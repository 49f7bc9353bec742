"""`load_library(check_builtin=False)` (the app's start): the built-in library loads unchecked, every other file is
still checked in full; and the built-in library passes the tests its templates carry."""
from __future__ import annotations

from pathlib import Path

from exercises.loader import LIBRARY_DIR, QUIZZES_DIR, Library, load_library

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_builtin_library_loads_the_same_unchecked():
    checked = load_library([LIBRARY_DIR, QUIZZES_DIR])
    unchecked = load_library([LIBRARY_DIR, QUIZZES_DIR], check_builtin=False)
    assert checked.errors == [] and unchecked.errors == []
    assert list(unchecked.templates) == list(checked.templates) and list(unchecked.quizzes) == list(checked.quizzes)
    assert unchecked.smoke_test and unchecked.check_trusted        # later files (uploads) get every check


def test_an_instructors_file_is_checked_when_the_builtins_are_not(tmp_path):
    good = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(good.replace("topic: vectors", "topic: vectorz", 1), encoding="utf-8")
    library = load_library([LIBRARY_DIR, mine], check_builtin=False)
    assert [(e.path.endswith("mine.yaml"), e.field, "unknown topic 'vectorz'" in e.message)
            for e in library.errors] == [(True, "topic", True)]


def test_a_trusted_file_is_checked_unless_told_otherwise():
    broken = (FIXTURES / "good.yaml").read_text(encoding="utf-8").replace("difficulty: 1", "difficulty: 7", 1)
    assert [e.field for e in Library(smoke_test=False).add_text("t.yaml", broken, trusted=True)] == ["difficulty"]
    assert Library(smoke_test=False, check_trusted=False).add_text("t.yaml", broken, trusted=True) == []
    assert [e.field for e in Library(smoke_test=False, check_trusted=False).add_text("u.yaml", broken)] == ["difficulty"]


def test_every_builtin_templates_own_tests_pass():
    """The `tests:` each built-in template carries (at seeds 1, 2, 3), as `python -m exercises validate` runs them:
    a change to the checker that changes a verdict they pin shows here, not only in the slower CLI run."""
    from exercises.validate import run_template_tests

    library = load_library([LIBRARY_DIR], check_builtin=False)
    failed = [f"{tid}: tests[{r.index}] seed {r.seed}: {r.describe()}"
              for tid, template in library.templates.items() for r in run_template_tests(template) if not r.passed]
    assert sum(len(t.tests) for t in library.templates.values()) > 500
    assert failed == []
