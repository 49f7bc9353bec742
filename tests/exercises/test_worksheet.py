"""Printable worksheets: every student's questions on the sheet, answers and solutions only in the key, one student
per page, self-contained HTML, and the `worksheet` command."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from exercises import build_questions, load_library
from exercises.html_page import markdown_to_html_body
from exercises.worksheet import (SHEET_BREAK, add_worksheet_command, find_quiz, numbered_students, read_students,
                                 render_worksheets)

LIB = load_library()
QUIZ = LIB.quizzes["vectors-and-derivatives"]
STUDENTS = ["Ann Lee", "Wang Fang", "Zoë <b>Bold</b>"]


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return render_worksheets(QUIZ, LIB, STUDENTS, "en")


def exercises_of(student: str):
    return [LIB.get(q.template_id).generate(q.seed) for q in build_questions(QUIZ, LIB, student)]


def sheets(markdown: str) -> list[str]:
    return markdown.split(SHEET_BREAK.strip())


def test_worksheet_has_every_students_questions_and_no_answers(files):
    pages = sheets(files["worksheet.md"])
    assert len(pages) == len(STUDENTS)
    for page, student in zip(pages, ["Ann Lee", "Wang Fang", "Zoë &lt;b&gt;Bold&lt;/b&gt;"]):
        assert f"<b>{student}</b>" in page
        for ex in exercises_of(student.replace("&lt;", "<").replace("&gt;", ">")):
            assert ex.prompt["en"] in page
            assert f"{ex.template_id}@{ex.seed}" in page
            assert ex.solution["en"] not in page
        assert "**Answer:**" not in page and "Worked solution" not in page
        assert page.count('<div class="answer-line"></div>') >= len(QUIZ.entries)


def test_answer_key_has_answers_and_worked_solutions(files):
    pages = sheets(files["answer-key.md"])
    assert len(pages) == len(STUDENTS)
    for page, student in zip(pages, STUDENTS):
        for ex in exercises_of(student):
            assert ex.solution["en"] in page
            for part in ex.parts:
                assert f"**Answer:** $\\displaystyle {ex.expected_latex(part.id)}$" in page
    assert "Answer key" in pages[0].splitlines()[0]


def test_variants_differ_between_students(files):
    first, second = sheets(files["worksheet.md"])[:2]
    assert re.search(r"Variant: (.*)</p>", first).group(1) != re.search(r"Variant: (.*)</p>", second).group(1)


def test_html_is_self_contained_with_page_breaks(files):
    page = files["worksheet.html"]
    assert page.count('class="sheet-break"') == len(STUDENTS) - 1
    assert "katex.render" in page and "data-maths-rendered" in page
    assert not re.search(r"""(src|href)=["']?https?:|url\(\s*["']?https?:""", page)
    assert "data:font/woff2;base64," in page
    assert "<b>Zoë &lt;b&gt;Bold&lt;/b&gt;</b>" in page


def test_maths_is_kept_for_katex_not_mangled_by_markdown():
    body = markdown_to_html_body(r"Let $a_1 * b_1 = \frac{1}{2}$ and $$x^2$$, price \$5.")
    assert r'<span class="math">a_1 * b_1 = \frac{1}{2}</span>' in body
    assert '<div class="math display">x^2</div>' in body
    assert "<em>" not in body


def test_chinese_sheets_use_chinese_words():
    files = render_worksheets(QUIZ, LIB, ["王芳"], "zh")
    assert "第 1 题" in files["worksheet.md"] and "学生" in files["worksheet.md"]
    assert "答案与解析" in files["answer-key.md"]
    assert '<html lang="zh-CN">' in files["answer-key.html"]
    assert exercises_of("王芳")[0].prompt["zh"] in files["worksheet.md"]


def test_read_students_and_numbered_students(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("# class 3B\nAnn Lee\n\nWang Fang  # late\nAnn Lee\n", encoding="utf-8")
    assert read_students(names) == ["Ann Lee", "Wang Fang"]
    assert numbered_students(2) == ["Variant 1", "Variant 2"]
    assert numbered_students(1, "zh") == ["版本 1"]


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_worksheet_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["worksheet", *argv])
    return args.run(args)


def test_worksheet_command_writes_four_files(tmp_path, capsys):
    names = tmp_path / "names.txt"
    names.write_text("Ann Lee\nWang Fang\n", encoding="utf-8")
    out = tmp_path / "out"
    quiz_file = str(Path(QUIZ.path).resolve())
    assert run_cli(quiz_file, "--students", str(names), "--out", str(out), "--seeds", "2") == 0
    assert sorted(p.name for p in out.iterdir()) == ["answer-key.html", "answer-key.md", "worksheet.html",
                                                     "worksheet.md"]
    sheet = (out / "worksheet.md").read_text(encoding="utf-8")
    assert all(f"<b>{name}</b>" in sheet for name in ["Ann Lee", "Wang Fang", "Variant 1", "Variant 2"])
    assert str(out / "worksheet.html") in capsys.readouterr().out


def test_worksheet_command_by_quiz_id_in_chinese(tmp_path):
    assert run_cli(QUIZ.id, "--seeds", "1", "--out", str(tmp_path), "--lang", "zh") == 0
    assert "<b>版本 1</b>" in (tmp_path / "worksheet.md").read_text(encoding="utf-8")


def test_worksheet_command_refuses_unknown_quiz_and_no_students(tmp_path, capsys):
    assert run_cli("no-such-quiz", "--seeds", "1", "--out", str(tmp_path)) == 2
    assert "no-such-quiz" in capsys.readouterr().err
    assert run_cli(QUIZ.id, "--out", str(tmp_path)) == 2
    assert "--students" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_find_quiz_loads_a_quiz_file_not_in_the_library(tmp_path):
    quiz_file = tmp_path / "tiny.yaml"
    quiz_file.write_text("quiz:\n  title: {en: Tiny, zh: 小}\n  seed: 5\n  entries:\n"
                         "    - template: inner-product-2d\n", encoding="utf-8")
    library = load_library()
    quiz = find_quiz(library, str(quiz_file))
    assert quiz is not None and quiz.id == "tiny"
    assert find_quiz(library, str(quiz_file)) is quiz
    broken = tmp_path / "broken.yaml"
    broken.write_text("quiz:\n  title: {en: B, zh: B}\n  seed: 5\n  entries:\n    - template: nope\n",
                      encoding="utf-8")
    assert find_quiz(library, str(broken)) is None
    assert any(e.path.endswith("broken.yaml") and e.line == 5 for e in library.errors)
