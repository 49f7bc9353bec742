"""Instructors' files on a shared server (issue 12, items 3 and 6; issue 13 §3).

Findings this guards: an upload became the default exercise of a topic page for everyone; replacing an uploaded file
silently broke a quiz that used it; a read-only exercises folder turned the whole Instructor page into "something went
wrong"; the Files tab showed server paths; an uploaded template id longer than its database column jammed the save
queue; uploads lived on one replica's disk.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from classroom import uploads
from classroom.library_source import library_source
from classroom.shelf import FolderShelf, current_shelf
from exercises.schema import MAX_ID_LENGTH
from store import get_accounts, get_store
from store.files import SharedFiles
from ui.exercise_view import get_library

from instructor_support import ROOT, TIMEOUT, instructor_home, open_instructor
from practice_support import panel_script

MINE = """\
templates:
  - id: aaa-first-vector-sum
    topic: vectors
    title: {en: "Add two numbers", zh: "两数相加"}
    difficulty: 1
    params:
      a: {int: [1, 5]}
      b: {int: [1, 5]}
    derived:
      s: "a + b"
    prompt: {en: "Add ${{a}}$ and ${{b}}$.", zh: "求 ${{a}} + {{b}}$。"}
    solution: {en: "${{a}} + {{b}} = {{s}}$", zh: "${{a}} + {{b}} = {{s}}$"}
    answer: {kind: number, expected: s}
"""
QUIZ = """\
quiz:
  id: class-quiz
  title: {en: "Class quiz", zh: "课堂测验"}
  seed: 99
  entries:
    - template: aaa-first-vector-sum
    - template: inner-product-2d
"""
TOPIC_QUIZ = """\
quiz:
  id: topic-quiz
  title: {en: "Vectors, drawn", zh: "向量（抽题）"}
  seed: 7
  entries:
    - topic: vectors
      difficulty: 1
      count: 2
"""


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch) -> Path:
    yield from instructor_home(tmp_path, monkeypatch)


def practice(topic: str = "vectors") -> AppTest:
    at = AppTest.from_function(panel_script, args=(topic,), default_timeout=TIMEOUT)
    at.session_state["profile"] = "ada"
    at.run()
    assert not at.exception, at.exception
    return at


def everything_shown(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "success", "warning", "error", "info", "code")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


# ----- publishing -------------------------------------------------------------------------------------------------
def test_an_upload_is_not_on_its_topic_page_until_published(folder):
    (folder / "mine.yaml").write_text(MINE, encoding="utf-8")
    at = practice()
    options = at.selectbox(key="practice-vectors-template").options
    assert not any("Add two numbers" in o for o in options)  # it would sort first: it was the default for everyone
    assert at.session_state["practice-vectors-current"][0] != "aaa-first-vector-sum"
    assert "aaa-first-vector-sum" in get_library().templates  # loaded: quizzes and the preview use it

    page = open_instructor()
    switch = page.toggle(key="instructor-publish-aaa-first-vector-sum")
    assert switch.value is False
    switch.set_value(True).run()
    assert not page.exception
    assert SharedFiles(get_store().engine).published() == {"aaa-first-vector-sum"}
    at = practice()
    assert at.session_state["practice-vectors-current"][0] == "aaa-first-vector-sum"  # easiest first, now offered


def test_a_published_template_over_its_budget_at_a_seed_gives_learners_a_plain_message(folder, monkeypatch):
    slow = MINE.replace("derived:\n", "symbols: [x, y, z, w]\n"
                                        "    examples: [{seed: 1, params: {a: 1}}, {seed: 7, params: {a: 5}}]\n"
                                        "    derived:\n      big: \"expand((x+y+z+w)^(10*a))\"\n")
    (folder / "slow.yaml").write_text(slow, encoding="utf-8")  # cheap at seed 1 (it loads), costly at seed 7
    SharedFiles(get_store().engine).publish("aaa-first-vector-sum", True)
    library_source().invalidate()
    at = AppTest.from_function(panel_script, args=("vectors",), default_timeout=TIMEOUT)
    at.session_state["profile"] = "ada"
    at.query_params.update({"ex": "aaa-first-vector-sum", "seed": "7"})
    at.run(timeout=120)
    assert not at.exception
    [error] = at.error
    assert error.value == ("This exercise (aaa-first-vector-sum #7) could not be generated. Press “Another one” or "
                           "pick another exercise.")
    assert at.button(key="practice-vectors-another")  # the way on is there


# ----- replacing and removing files that quizzes use -----------------------------------------------------------
def test_replacing_a_file_a_quiz_uses_asks_first_then_replaces(folder):
    (folder / "mine.yaml").write_text(MINE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(QUIZ, encoding="utf-8")
    changed = MINE.replace("[1, 5]", "[2, 9]")
    at = open_instructor()
    at.file_uploader(key="instructor-upload").set_value([("mine.yaml", changed.encode(), "application/yaml")]).run()
    assert not at.exception
    assert any("replacing the file already uploaded" in w.value for w in at.warning)
    shown = everything_shown(at)
    assert "Templates that change: aaa-first-vector-sum" in shown
    assert "Quiz class-quiz uses aaa-first-vector-sum" in shown
    assert (folder / "mine.yaml").read_text(encoding="utf-8") == MINE  # not yet
    [confirm] = [b for b in at.button if b.key and b.key.startswith("instructor-confirm-")]
    confirm.click().run()
    assert (folder / "mine.yaml").read_text(encoding="utf-8") == changed
    assert any("mine.yaml is valid and saved" in s.value for s in at.success)


def test_cancelling_a_replacement_keeps_the_file(folder):
    (folder / "mine.yaml").write_text(MINE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(QUIZ, encoding="utf-8")
    at = open_instructor("zh")
    at.file_uploader(key="instructor-upload").set_value([
        ("mine.yaml", MINE.replace("[1, 5]", "[2, 9]").encode(), "application/yaml")]).run()
    [cancel] = [b for b in at.button if b.key and b.key.startswith("instructor-cancel-")]
    cancel.click().run()
    assert (folder / "mine.yaml").read_text(encoding="utf-8") == MINE
    assert any("mine.yaml 未做改动" in s.value for s in at.success)


def test_removing_a_file_a_quiz_uses_asks_first_then_removes(folder):
    (folder / "mine.yaml").write_text(MINE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(QUIZ, encoding="utf-8")
    at = open_instructor()
    at.button(key="instructor-delete-mine.yaml").click().run()
    shown = everything_shown(at)
    assert "Remove mine.yaml?" in shown and "Templates that disappear: aaa-first-vector-sum" in shown
    assert "Quiz class-quiz uses aaa-first-vector-sum" in shown
    assert (folder / "mine.yaml").exists()
    at.button(key="instructor-remove-mine.yaml").click().run()
    assert not at.exception and not (folder / "mine.yaml").exists()
    assert any("mine.yaml was removed" in s.value for s in at.success)
    assert "aaa-first-vector-sum" not in get_library().templates


def test_upload_impact_names_quizzes_templates_and_draws(folder):
    (folder / "mine.yaml").write_text(MINE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(QUIZ, encoding="utf-8")
    (folder / "topic.yaml").write_text(TOPIC_QUIZ, encoding="utf-8")
    library = get_library()
    shelf = current_shelf()
    removal = uploads.upload_impact(library, "mine.yaml", None)
    assert removal.removed == ["aaa-first-vector-sum"] and removal.changed == []
    assert removal.quizzes == {"class-quiz": ["aaa-first-vector-sum"], "topic-quiz": ["aaa-first-vector-sum"]}
    same = uploads.check_upload("mine.yaml", MINE.encode(), shelf, seeds=2)
    assert not uploads.upload_impact(library, "mine.yaml", same).any  # the same file again changes nothing
    other = MINE.replace("aaa-first-vector-sum", "zzz-another-sum").replace("difficulty: 1", "difficulty: 3")
    unrelated = uploads.check_upload("other.yaml", other.encode(), shelf, seeds=2)
    assert not uploads.upload_impact(library, "other.yaml", unrelated).any  # difficulty 3: no quiz draws it
    drawn = uploads.check_upload("new.yaml", other.replace("difficulty: 3", "difficulty: 1").encode(), shelf, seeds=2)
    assert uploads.upload_impact(library, "new.yaml", drawn).quizzes == {"topic-quiz": ["zzz-another-sum"]}
    quiz_gone = uploads.upload_impact(library, "quiz.yaml", None)
    assert quiz_gone.removed_quizzes == ["class-quiz"] and quiz_gone.any


# ----- a read-only folder, no server paths, long ids ------------------------------------------------------------
def test_a_read_only_exercises_folder_gives_a_message_and_the_page_works(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("DLMATH_EXERCISES_DIR", str(blocker / "exercises"))
    library_source().invalidate()
    at = open_instructor()
    assert any("cannot be written" in w.value for w in at.warning)
    assert not at.get("file_uploader")  # nothing to upload into; the rest of the page works
    assert at.selectbox(key="instructor-template").options and at.tabs
    shelf = current_shelf()
    result = uploads.save_upload("mine.yaml", MINE.encode(), shelf, seeds=2)
    assert not result.saved and "was not saved" in result.errors[0].message
    assert "不能在这里上传" in result.errors[0].text("zh")


def test_the_files_tab_shows_no_server_paths(folder, tmp_path):
    (folder / "broken.yaml").write_text("templates: [\n", encoding="utf-8")
    (folder / "mine.yaml").write_text(MINE, encoding="utf-8")
    at = open_instructor()
    shown = everything_shown(at)
    assert "broken.yaml:2: YAML syntax error" in shown or "broken.yaml:1: YAML syntax error" in shown
    assert str(tmp_path) not in shown and str(ROOT) not in shown and "/root" not in shown
    at.selectbox(key="instructor-template").set_value("aaa-first-vector-sum").run()
    assert any(c.value == "Defined in `mine.yaml`, line 2" for c in at.caption)


def test_a_template_id_longer_than_its_column_is_refused_at_upload(folder):
    long_id = "a" * (MAX_ID_LENGTH + 1)
    result = uploads.check_upload("long.yaml", MINE.replace("aaa-first-vector-sum", long_id).encode(),
                                  current_shelf(), seeds=2)
    [error] = result.errors
    assert (error.line, error.field) == (2, "id") and f"at most {MAX_ID_LENGTH}" in error.message
    from store.schema import attempts, published_templates, quiz_sessions

    assert MAX_ID_LENGTH <= min(attempts.c.template_id.type.length, attempts.c.quiz_id.type.length,
                                published_templates.c.template_id.type.length, quiz_sessions.c.quiz_key.type.length)


# ----- class mode: the files are in the database -------------------------------------------------------------------
def test_class_mode_keeps_uploads_in_the_database_not_on_disk(folder, monkeypatch):
    monkeypatch.setenv("DLMATH_MODE", "class")
    library_source().invalidate()
    accounts = get_accounts()
    accounts.create("Teacher", "instructor", "teacher-pass")
    at = open_instructor(account=accounts.get("Teacher"))
    assert any("class database" in c.value for c in at.caption)
    at.file_uploader(key="instructor-upload").set_value([("mine.yaml", MINE.encode(), "application/yaml")]).run()
    assert any("mine.yaml is valid and saved" in s.value for s in at.success)
    assert [(f.name, f.uploaded_by) for f in SharedFiles(get_store().engine).files()] == [("mine.yaml", "Teacher")]
    assert list(folder.iterdir()) == []
    assert "aaa-first-vector-sum" in get_library().templates
    assert isinstance(current_shelf(), FolderShelf) is False
