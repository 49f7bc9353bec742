"""Printable worksheets: for a quiz and a list of students (or N numbered seeds), one worksheet per student and a
separate answer key with worked solutions, each as Markdown and as self-contained HTML (KaTeX inlined)."""
from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exercises.engine import LABELS, Exercise
from exercises.html_page import standalone_html
from exercises.quiz import Question, Quiz, build_questions
from exercises.seeds import student_list

if TYPE_CHECKING:
    from exercises.loader import Library

WORDS = {
    "en": {"student": "Student", "variant": "Variant", "question": "Question", "points": "points",
           "point": "point", "answer": "Answer", "solution": "Worked solution", "key": "Answer key",
           "name": "Name", "part": "Part", "options": "Options", "total": "Total"},
    "zh": {"student": "学生", "variant": "版本", "question": "第 {n} 题", "points": "分", "point": "分",
           "answer": "答案", "solution": "详细解答", "key": "答案与解析", "name": "姓名", "part": "小题",
           "options": "选项", "total": "总分"},
}
SHEET_BREAK = '\n\n<div class="sheet-break"></div>\n\n'  # blank lines: an HTML block ends at one


@dataclass(frozen=True)
class Sheet:
    """One student's variant: the questions and the exercises generated from them."""

    student: str
    questions: list[Question]
    exercises: list[Exercise]


def build_sheets(quiz: Quiz, library: Library, students: list[str]) -> list[Sheet]:
    """The variant of every student, generated (the same as the app gives that student)."""
    sheets = []
    for student in students:
        questions = build_questions(quiz, library, student)
        exercises = [library.get(q.template_id).generate(q.seed) for q in questions]
        sheets.append(Sheet(student, questions, exercises))
    return sheets


def _question_heading(n: int, question: Question, exercise: Exercise, lang: str) -> str:
    w = WORDS[lang]
    pts = f"{question.points:g}"
    unit = w["point"] if question.points == 1 else w["points"]
    label = w["question"].format(n=n) if lang == "zh" else f"{w['question']} {n}"
    return f"## {label} · {exercise.title[lang]} ({pts} {unit})"


def _choices_markdown(labels_and_text: list[tuple[str, str]]) -> str:
    return "\n".join(f"- **{label}.** {text}" for label, text in labels_and_text)


def _question_markdown(n: int, question: Question, exercise: Exercise, lang: str, key: bool) -> str:
    w = WORDS[lang]
    out = [_question_heading(n, question, exercise, lang), "", exercise.prompt[lang], ""]
    for part in exercise.parts:
        if part.id:
            out += [f"**({part.id})** {part.prompt[lang]}", ""]
        elif part.prompt.get(lang):
            out += [part.prompt[lang], ""]
        if part.choices:
            out += [_choices_markdown([(LABELS[i], c[lang]) for i, c in enumerate(part.choices)]), ""]
        if key:
            out += [f"**{w['answer']}:** $\\displaystyle {exercise.expected_latex(part.id)}$", ""]
        else:
            out += ['<div class="answer-line"></div>', ""]
    if key:
        out += [f"**{w['solution']}.**", "", exercise.solution[lang], ""]
    return "\n".join(out)


def sheet_markdown(quiz: Quiz, sheet: Sheet, lang: str, *, key: bool) -> str:
    """One student's worksheet (or, with `key`, their answer key) as Markdown with `$LaTeX$`."""
    w = WORDS[lang]
    title = quiz.title[lang] + (f" — {w['key']}" if key else "")
    total = sum(q.points for q in sheet.questions)
    seeds = ", ".join(f"{q.template_id}@{q.seed}" for q in sheet.questions)
    out = [f"# {title}", "",
           f'<p class="meta">{w["student"]}: <b>{html.escape(sheet.student)}</b> · {w["total"]}: {total:g} {w["points"]}'
           f' · {w["variant"]}: {seeds}</p>', ""]
    if not key:
        out += [f"{w['name']}: ______________________", ""]
        if quiz.instructions.get(lang):
            out += [quiz.instructions[lang], ""]
    for n, (question, exercise) in enumerate(zip(sheet.questions, sheet.exercises), start=1):
        out.append(_question_markdown(n, question, exercise, lang, key))
    return "\n".join(out)


def read_students(path: Path) -> list[str]:
    """Student names or ids from a text file, one per line (see `exercises.seeds.student_list`)."""
    return student_list(path.read_text(encoding="utf-8"))


def numbered_students(count: int, lang: str = "en") -> list[str]:
    """Stand-in names for `count` anonymous variants: "Variant 1", … (or "版本 1", …)."""
    return [f"{WORDS[lang]['variant']} {i}" for i in range(1, count + 1)]


def render_worksheets(quiz: Quiz, library: Library, students: list[str], lang: str = "en") -> dict[str, str]:
    """`worksheet.md/.html` (every student's sheet, one per printed page) and `answer-key.md/.html`, by file name."""
    sheets = build_sheets(quiz, library, students)
    files = {}
    for stem, key in (("worksheet", False), ("answer-key", True)):
        markdown = SHEET_BREAK.join(sheet_markdown(quiz, s, lang, key=key) for s in sheets)
        title = quiz.title[lang] + (f" — {WORDS[lang]['key']}" if key else "")
        files[f"{stem}.md"] = markdown + "\n"
        files[f"{stem}.html"] = standalone_html(markdown, title, lang)
    return files


def write_worksheets(quiz: Quiz, library: Library, students: list[str], out_dir: Path,
                     lang: str = "en") -> list[Path]:
    """Write `worksheet.md/.html` (every student's sheet, one per page) and `answer-key.md/.html` to `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_worksheets(quiz, library, students, lang).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def find_quiz(library: Library, quiz: str) -> Quiz | None:
    """A quiz by id, or by the path of a quiz file (loaded into `library` if it is not there yet)."""
    if quiz in library.quizzes:
        return library.quizzes[quiz]
    path = Path(quiz)
    if not path.is_file():
        return None
    resolved = path.resolve()
    for q in library.quizzes.values():
        if Path(q.path).resolve() == resolved:
            return q
    before = set(library.quizzes)
    library.add_file(path)
    library.resolve_quizzes()
    added = [library.quizzes[q] for q in library.quizzes if q not in before]
    return added[0] if added else None


def run_worksheet_command(args: argparse.Namespace) -> int:
    """`python -m exercises worksheet`: write the worksheet and answer key; non-zero exit on any problem."""
    from exercises.loader import load_library

    library = load_library()
    errors_before = len(library.errors)
    quiz = find_quiz(library, args.quiz)
    if quiz is None:
        for err in library.errors[errors_before:]:
            print(err, file=sys.stderr)
        print(f"unknown quiz or quiz file with errors / 未知的测验或测验文件有错误: {args.quiz}", file=sys.stderr)
        return 2
    students = read_students(Path(args.students)) if args.students else []
    if args.seeds:
        students += numbered_students(args.seeds, args.lang)
    if not students:
        print("give --students FILE or --seeds N / 请给出 --students 文件或 --seeds N", file=sys.stderr)
        return 2
    try:
        written = write_worksheets(quiz, library, students, Path(args.out), args.lang)
    except KeyError as err:
        print(f"the quiz uses a template that is not loaded / 测验用到了未加载的模板: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def add_worksheet_command(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add `worksheet QUIZ --students names.txt --out DIR [--lang zh|en] [--seeds N]` to `python -m exercises`."""
    p = subparsers.add_parser("worksheet", help="printable worksheets and answer key / 可打印的练习卷与答案")
    p.add_argument("quiz", help="quiz id or quiz file (.yaml)")
    p.add_argument("--students", help="a file with one student name or id per line (# starts a comment)")
    p.add_argument("--seeds", type=int, default=0, help="N anonymous variants (Variant 1 … N), besides --students")
    p.add_argument("--out", required=True, help="the folder to write worksheet.md/.html and answer-key.md/.html")
    p.add_argument("--lang", choices=["en", "zh"], default="en")
    p.set_defaults(run=run_worksheet_command)
    return p
