"""Printable worksheets: for a quiz and a list of students (or N numbered seeds), one worksheet per student and a
separate answer key with worked solutions, each as Markdown and as self-contained HTML (KaTeX inlined)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exercises.engine import LABELS, Exercise
from exercises.html_page import standalone_html
from exercises.quiz import Question, Quiz, build_questions

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
SHEET_BREAK = '\n<div class="sheet-break"></div>\n'


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
            out += [f"**{w['answer']}:** ${exercise.expected_latex(part.id)}$", ""]
        else:
            out += ['<div class="answer-line"></div>', ""]
    if key:
        out += [f"**{w['solution']}.** {exercise.solution[lang]}", ""]
    return "\n".join(out)


def sheet_markdown(quiz: Quiz, sheet: Sheet, lang: str, *, key: bool) -> str:
    """One student's worksheet (or, with `key`, their answer key) as Markdown with `$LaTeX$`."""
    w = WORDS[lang]
    title = quiz.title[lang] + (f" — {w['key']}" if key else "")
    total = sum(q.points for q in sheet.questions)
    seeds = ", ".join(f"{q.template_id}#{q.seed}" for q in sheet.questions)
    out = [f"# {title}", "",
           f'<p class="meta">{w["student"]}: <b>{sheet.student}</b> · {w["total"]}: {total:g} {w["points"]}'
           f' · {w["variant"]}: {seeds}</p>', ""]
    if not key:
        out += [f"{w['name']}: ______________________", ""]
        if quiz.instructions.get(lang):
            out += [quiz.instructions[lang], ""]
    for n, (question, exercise) in enumerate(zip(sheet.questions, sheet.exercises), start=1):
        out.append(_question_markdown(n, question, exercise, lang, key))
    return "\n".join(out)


def read_students(path: Path) -> list[str]:
    """Student names or ids from a text file, one per line; blank lines and `#` comments are ignored."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name and name not in names:
            names.append(name)
    return names


def write_worksheets(quiz: Quiz, library: Library, students: list[str], out_dir: Path,
                     lang: str = "en") -> list[Path]:
    """Write `worksheet.md/.html` (every student's sheet, one per page) and `answer-key.md/.html` to `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sheets = build_sheets(quiz, library, students)
    written = []
    for stem, key in (("worksheet", False), ("answer-key", True)):
        markdown = SHEET_BREAK.join(sheet_markdown(quiz, s, lang, key=key) for s in sheets)
        title = quiz.title[lang] + (f" — {WORDS[lang]['key']}" if key else "")
        md_path, html_path = out_dir / f"{stem}.md", out_dir / f"{stem}.html"
        md_path.write_text(markdown + "\n", encoding="utf-8")
        html_path.write_text(standalone_html(markdown, title, lang), encoding="utf-8")
        written += [md_path, html_path]
    return written
