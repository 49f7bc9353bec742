"""The instructor page says what it means in either language: counts with the right noun, kinds in Chinese, the
library's state apart from an upload's errors, no empty chart, whole mistake messages, `#` comments in class lists."""
from __future__ import annotations

from pathlib import Path

import pytest

from exercises.seeds import student_list
from exercises.worksheet import read_students
from store import Attempt, get_store
from ui.i18n import t

from instructor_support import instructor_home, open_instructor
from test_instructor_page import BROKEN, GOOD, QUIZ


@pytest.fixture(autouse=True)
def folders(tmp_path, monkeypatch) -> Path:
    yield from instructor_home(tmp_path, monkeypatch)


def test_counts_take_the_singular_for_one_and_the_plural_otherwise():
    assert t("instructor.files.loaded", templates=1, quizzes=1) == "Loaded: 1 template, 1 quiz."
    assert t("instructor.files.loaded", templates=0, quizzes=12) == "Loaded: 0 templates, 12 quizzes."
    assert t("instructor.variants.points", points=1.5) == "1.5 points"
    assert t("quiz.file_info", count=1, points=2, attempts=1, limit="—") == \
        "1 question · 2 points · 1 attempt per answer · time limit: —"


def test_chinese_preview_names_the_answer_kind_in_chinese():
    at = open_instructor("zh")
    line = next(m.value for m in at.markdown if "类型：" in m.value)
    assert line.endswith("类型：表达式")


def test_a_rejected_upload_is_reported_apart_from_the_saved_files_which_load_fine(folders):
    at = open_instructor()
    at.file_uploader(key="instructor-upload").set_value([("broken.yaml", BROKEN.encode(), "application/yaml")]).run()
    assert any("broken.yaml was not saved" in e.value for e in at.error)
    captions = [c.value for c in at.caption]
    assert "Every file loaded without errors." not in captions
    assert "No problems: every saved file loads." in captions


def _record(profile: str, question: int, score: float) -> None:
    get_store().record_attempt(Attempt(profile, "class-sum-of-squares", "sigma", 1, "", "1", "correct", score,
                                       quiz_id="class-quiz", question=question))


def test_results_without_a_missed_question_say_so_instead_of_an_empty_chart(folders):
    (folders / "mine.yaml").write_text(GOOD, encoding="utf-8")
    (folders / "class-quiz.yaml").write_text(QUIZ, encoding="utf-8")
    _record("Ann Lee", 0, 1.0)
    _record("Ann Lee", 1, 1.0)
    at = open_instructor("zh")
    at.selectbox(key="instructor-results-quiz").set_value("class-quiz").run()
    assert not at.exception
    assert not at.get("vega_lite_chart")
    assert "所有作答的题目都完全正确。" in [c.value for c in at.caption]


def test_hash_lines_in_a_class_list_are_comments_on_the_variants_tab_as_in_the_worksheet_command(folders, tmp_path):
    text = "# period 3\nAnn Lee  # sits at the front\n\nWang Fang\n ann  lee \n#Bob\n"
    assert student_list(text) == ["Ann Lee", "Wang Fang"]
    names = tmp_path / "names.txt"
    names.write_text(text, encoding="utf-8")
    assert read_students(names) == ["Ann Lee", "Wang Fang"]
    (folders / "mine.yaml").write_text(GOOD, encoding="utf-8")
    (folders / "class-quiz.yaml").write_text(QUIZ, encoding="utf-8")
    at = open_instructor()
    at.selectbox(key="instructor-quizzes-quiz").set_value("class-quiz").run()
    at.text_area(key="instructor-names").input(text).run()
    assert at.selectbox(key="instructor-variant-student").options == ["Ann Lee", "Wang Fang"]
