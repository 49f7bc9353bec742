"""The instructor page in AppTest — uploads (good and broken), the preview at a seed with a locked param, the
embedded tests run live, trying an answer, variants, results — and the upload handler and results table directly
(the CSV export round-trips)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from classroom import results, uploads
from classroom.shelf import FolderShelf, current_shelf
from exercises import build_questions, load_library
from exercises.loader import extra_dir
from store import Attempt, get_store
from store.files import SharedFiles
from ui.exercise_view import get_library

from instructor_support import instructor_home, open_instructor

GOOD = """\
templates:
  - id: class-sum-of-squares
    topic: sigma
    title: {en: "A sum of squares", zh: "平方和"}
    difficulty: 1
    symbols: [k]
    params:
      n: {int: [2, 6]}
      c: {int: [2, 5]}
    where: "n != c"
    derived:
      ans: "c*sum(k^2, k, 1, n)"
      plain: "sum(k^2, k, 1, n)"
    prompt: {en: "Compute $\\\\sum_{k=1}^{{n}} {{c}} k^2$.", zh: "计算 $\\\\sum_{k=1}^{{n}} {{c}} k^2$。"}
    hints:
      - {en: "Take the constant out of the sum.", zh: "把常数提到求和号外。"}
    solution: {en: "${{c}}\\\\cdot {{plain}} = {{ans}}$", zh: "${{c}}\\\\cdot {{plain}} = {{ans}}$"}
    answer:
      kind: number
      expected: ans
      mistakes:
        - expr: plain
          message: {en: "You left out the constant factor.", zh: "漏掉了常数因子。"}
    tests:
      - answer: "{{ans}}"
        expect: correct
      - answer: "{{plain}}"
        expect: incorrect
        message: "constant factor"
"""
BROKEN = """\
templates:
  - id: class-broken
    topic: sigma
    title: {en: "Broken", zh: "坏的"}
    difficulty: 1
    params:
      n: {int: [5, 1]}
    prompt: {en: "x", zh: "x"}
    solution: {en: "x", zh: "x"}
    answer: {kind: number, expected: n}
"""
QUIZ = """\
quiz:
  id: class-quiz
  title: {en: "Class quiz", zh: "课堂测验"}
  seed: 99
  entries:
    - template: class-sum-of-squares
      points: 2
    - template: inner-product-2d
"""


@pytest.fixture(autouse=True)
def folders(tmp_path, monkeypatch) -> Path:
    yield from instructor_home(tmp_path, monkeypatch)


def shelf(folder: Path) -> FolderShelf:
    return FolderShelf(SharedFiles(get_store().engine), folder)


def codes(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


# ----- the upload handler ------------------------------------------------------------------------------------
def test_upload_handler_saves_a_good_file_and_refuses_a_broken_one(folders):
    mine = shelf(folders)
    good = uploads.save_upload("mine.yaml", GOOD.encode(), mine, seeds=5)
    assert good.ok and good.templates == ["class-sum-of-squares"] and good.saved and (folders / "mine.yaml").exists()
    broken = uploads.save_upload("broken.yaml", BROKEN.encode(), mine, seeds=5)
    assert not broken.ok and not broken.saved and not (folders / "broken.yaml").exists()
    assert [(e.path, e.line, e.field) for e in broken.errors] == [("broken.yaml", 7, "params.n.int")]
    quiz = uploads.save_upload("class-quiz.yaml", QUIZ.encode(), mine, seeds=5)
    assert quiz.ok and quiz.quizzes == ["class-quiz"]  # it may use the template uploaded before
    again = uploads.check_upload("mine.yaml", GOOD.encode(), mine, seeds=5)
    assert again.ok, again.errors  # replacing a file is not a duplicate of itself
    clash = uploads.check_upload("copy.yaml", GOOD.encode(), mine, seeds=5)
    assert "duplicate id 'class-sum-of-squares'" in clash.errors[0].message
    assert uploads.check_upload("../evil.sh", b"templates: []", mine).errors[0].line == 1
    assert "UTF-8" in uploads.check_upload("bad.yaml", b"\xff\xfe", mine).errors[0].message
    assert sorted(p.name for p in folders.iterdir()) == ["class-quiz.yaml", "mine.yaml"]


def test_failing_embedded_test_rejects_the_upload(folders):
    failing = GOOD.replace('message: "constant factor"', 'message: "no such words"')
    result = uploads.check_upload("mine.yaml", failing.encode(), shelf(folders), seeds=3)
    assert not result.ok and result.errors[0].field.startswith("tests")


def test_extra_dir_defaults_to_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DLMATH_EXERCISES_DIR")
    assert extra_dir() == tmp_path / "exercises"


# ----- the page ----------------------------------------------------------------------------------------------
def test_upload_on_the_page_good_and_broken(folders):
    at = open_instructor()
    at.file_uploader(key="instructor-upload").set_value([
        ("mine.yaml", GOOD.encode(), "application/yaml"), ("broken.yaml", BROKEN.encode(), "application/yaml"),
    ]).run()
    assert not at.exception
    assert any("mine.yaml is valid and saved" in s.value for s in at.success)
    assert any("broken.yaml was not saved" in e.value for e in at.error)
    assert "broken.yaml:7: params.n.int:" in codes(at)
    assert (folders / "mine.yaml").exists() and not (folders / "broken.yaml").exists()
    assert any(o.startswith("class-sum-of-squares") for o in at.selectbox(key="instructor-template").options)
    assert "class-sum-of-squares" in get_library().templates  # every page's library has it now


def test_broken_file_in_the_folder_is_listed_and_the_rest_loads(folders):
    (folders / "mine.yaml").write_text(GOOD, encoding="utf-8")
    (folders / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    at = open_instructor("zh")
    assert any("已加载的文件中有 1 处问题" in w.value for w in at.warning)
    assert "broken.yaml:7: params.n.int:" in codes(at)
    assert any(o.startswith("class-sum-of-squares") for o in at.selectbox(key="instructor-template").options)


def test_preview_at_a_seed_with_a_locked_param_tests_and_trying_answers(folders):
    (folders / "mine.yaml").write_text(GOOD, encoding="utf-8")
    at = open_instructor()
    at.selectbox(key="instructor-template").set_value("class-sum-of-squares").run()
    at.number_input(key="instructor-seed").set_value(7).run()
    ex = load_library().get("class-sum-of-squares").generate(7)
    shown = [m.value for m in at.markdown]
    assert ex.prompt["en"] in shown and ex.prompt["zh"] in shown
    assert ex.solution["en"] in shown and ex.hints[0]["zh"] in shown
    assert any(f"`{ex.expected_text('')}`" in m for m in shown)
    values = at.dataframe[0].value
    assert list(values.iloc[:, 0]) == ["n", "c", "ans", "plain"]
    assert any("`where: n != c` holds for" in c.value for c in at.caption)

    at.text_input(key="instructor-lock-class-sum-of-squares-n").input("3").run()
    locked = load_library().get("class-sum-of-squares").generate(7, overrides={"n": "3"})
    assert locked.params["n"] == 3 and locked.prompt["en"] in [m.value for m in at.markdown]

    at.button(key="instructor-run-tests").click().run()
    assert [s.value for s in at.success] == ["8 of 8 test runs passed."]  # 2 tests at seeds 1, 2, 3, 7

    box = "instructor-try-class-sum-of-squares-7-"
    at.text_input(key=box).input(locked.expected_text("")).run()
    at.button(key=f"{box}-check").click().run()
    assert at.success and not at.error
    at.text_input(key=box).input(str(locked.derived["plain"])).run()
    at.button(key=f"{box}-check").click().run()
    assert any("constant factor" in e.value for e in at.error)

    at.text_input(key="instructor-lock-class-sum-of-squares-n").input("n +").run()
    assert any("cannot be generated" in e.value and "mine.yaml" in e.value for e in at.error)


def test_variants_for_pasted_names_and_regenerating_one(folders):
    (folders / "mine.yaml").write_text(GOOD, encoding="utf-8")
    (folders / "class-quiz.yaml").write_text(QUIZ, encoding="utf-8")
    at = open_instructor()
    at.selectbox(key="instructor-quizzes-quiz").set_value("class-quiz").run()
    at.text_area(key="instructor-names").input("Ann Lee\nWang Fang\n ann  lee \n").run()
    lib = load_library()
    quiz = lib.quizzes["class-quiz"]
    table = next(d.value for d in at.dataframe if "Q1" in d.value.columns)
    for name in ("Ann Lee", "Wang Fang"):
        q = build_questions(quiz, lib, name)[0]
        assert f"{q.template_id}@{q.seed}" in list(table["Q1"])
    assert len(table) == 2   # " ann  lee " is Ann Lee again: one row, in the first spelling
    assert at.selectbox(key="instructor-variant-student").options == ["Ann Lee", "Wang Fang"]
    at.selectbox(key="instructor-variant-student").set_value("Wang Fang").run()
    q = build_questions(quiz, lib, "Wang Fang")[0]
    assert lib.get(q.template_id).generate(q.seed).prompt["en"] in [m.value for m in at.markdown]
    at.button(key="instructor-variant-open").click().run()
    assert at.session_state["instructor-seed"] == q.seed
    assert at.session_state["instructor-template"] == "class-sum-of-squares"
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["worksheet.md", "worksheet.html", "answer-key.md", "answer-key.html"]


def _record(store, profile: str, question: int, ex, answer: str, quiz_id: str = "class-quiz") -> None:
    verdict = ex.check("", answer)
    mistake = (verdict.details.get("mistake") or {})
    store.record_attempt(Attempt(profile, ex.template_id, ex.topic, ex.seed, "", answer, verdict.status, verdict.score,
                                 mistake=mistake.get("name") or mistake.get("message"), quiz_id=quiz_id,
                                 question=question))


def _take_quiz(lib) -> None:
    """Ann gets both right; Wang makes the anticipated slip on Q1 then gets it, and gets Q2 wrong."""
    quiz = lib.quizzes["class-quiz"]
    store = get_store()
    for name in ("Ann Lee", "Wang Fang"):
        exs = [lib.get(q.template_id).generate(q.seed) for q in build_questions(quiz, lib, name)]
        if name == "Ann Lee":
            _record(store, name, 0, exs[0], exs[0].expected_text(""))
            _record(store, name, 1, exs[1], exs[1].expected_text(""))
        else:
            _record(store, name, 0, exs[0], str(exs[0].derived["plain"]))
            _record(store, name, 0, exs[0], exs[0].expected_text(""))
            _record(store, name, 1, exs[1], "12345")
            _record(store, name, 1, exs[1], "2 +* 3")


def test_results_table_csv_round_trip_and_summaries(folders):
    (folders / "mine.yaml").write_text(GOOD, encoding="utf-8")
    (folders / "class-quiz.yaml").write_text(QUIZ, encoding="utf-8")
    lib = load_library()
    _take_quiz(lib)
    rows = get_store().quiz_results("class-quiz")
    scores = results.score_table(rows, lib.quizzes["class-quiz"], lib)
    table = results.results_matrix(scores, 2)
    assert table.loc["Ann Lee"].tolist() == [2.0, 1.0, 3.0]
    assert table.loc["Wang Fang"].tolist() == [2.0, 0.0, 2.0]
    assert scores.set_index("student").loc["Wang Fang", "attempts"].tolist() == [2, 1]  # invalid is no attempt
    text = results.matrix_to_csv(table)
    assert text.splitlines()[0] == "student,Q1,Q2,total"
    back = results.matrix_from_csv(text)
    assert back.equals(table)
    missed = results.missed_questions(scores)
    assert missed["question"].tolist() == ["Q2", "Q1"]  # most missed first
    assert missed.set_index("question").loc["Q2", "missed"] == 1
    assert missed.set_index("question").loc["Q1", "missed"] == 0  # best attempt counts
    mistakes = results.mistake_counts(rows, {}, "en")
    assert mistakes.to_dict("records") == [{"mistake": "You left out the constant factor.", "times": 1,
                                            "students": 1}]


def test_csv_round_trip_keeps_unanswered_cells_and_odd_names():
    assert results.score_table([]).empty
    scores = pd.DataFrame([
        {"student": "王芳, \"Fang\"", "question": 0, "template_id": "t", "seed": 1, "parts": 1, "attempts": 1,
         "score": 0.5, "points": 1.5, "earned": 0.75},
        {"student": "007", "question": 2, "template_id": "t", "seed": 2, "parts": 2, "attempts": 3,
         "score": 1.0, "points": 1.0, "earned": 1.0},
    ])
    table = results.results_matrix(scores, 3)
    back = results.matrix_from_csv(results.matrix_to_csv(table))
    assert back.equals(table)
    assert list(back.index) == ["王芳, \"Fang\"", "007"]
    assert pd.isna(back.loc["007", "Q1"]) and back.loc["007", "total"] == 1.0


def test_results_on_the_page(folders):
    (folders / "mine.yaml").write_text(GOOD, encoding="utf-8")
    (folders / "class-quiz.yaml").write_text(QUIZ, encoding="utf-8")
    _take_quiz(load_library())
    at = open_instructor()
    at.selectbox(key="instructor-results-quiz").set_value("class-quiz").run()
    assert not at.exception
    frames = [d.value for d in at.dataframe]
    table = next(f for f in frames if "total" in f.columns)
    assert table.loc["Ann Lee", "total"] == 3.0 and table.loc["Wang Fang", "Q2"] == 0.0
    assert [b.label for b in at.get("download_button")] == ["Download the table (CSV)"]
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert len(specs) == 1                                   # questions missed; the mistakes are a list
    assert any("You left out the constant factor." in m.value and "**1×** (1 student)" in m.value
               for m in at.markdown)


def test_default_folder_is_created_and_read_when_the_variable_is_unset(monkeypatch, tmp_path):
    monkeypatch.delenv("DLMATH_EXERCISES_DIR")
    assert current_shelf().problem() is None
    folder = tmp_path / "exercises"
    assert folder.is_dir()
    (folder / "mine.yaml").write_text(GOOD, encoding="utf-8")
    lib = load_library()
    assert "class-sum-of-squares" in lib.templates and lib.errors == []


def test_a_network_template_is_previewed_with_its_drawn_network():
    """An instructor previewing a backprop-by-hand template sees the network the learner fills in: every weight on
    its edge, with this seed's values."""
    at = open_instructor()
    at.selectbox(key="instructor-template").set_value("backprop-net-relu").run()
    at.number_input(key="instructor-seed").set_value(5).run()
    ex = load_library().get("backprop-net-relu").generate(5)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    tables = [pa.ipc.open_stream(ds.data.data).read_all().to_pylist() for ds in charts[0].proto.datasets]
    edges = next(rows for rows in tables if rows and "mx" in rows[0] and "label" in rows[0])
    weights = [name for name, *_ in ex.network.weights()]
    shown = [float(row["label"].split(" ")[0]) for row in edges]
    assert shown == pytest.approx([float(ex.values[w]) for w in weights], rel=1e-3)
    assert any("each edge carries its weight" in c.value for c in at.caption)
