"""`python -m exercises list | show | validate | variants | worksheet` — the public command line (keep stable)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from exercises.engine import GenerationError
from exercises.loader import Library, load_library
from exercises.plural import counted
from exercises.quiz import build_questions, quiz_summary
from exercises.render import answer_text
from exercises.topics import TOPIC_IDS
from exercises.worksheet import add_worksheet_command, read_students

LABELS = {
    "difficulty": {"en": "difficulty", "zh": "难度"},
    "seed": {"en": "seed", "zh": "种子"},
    "hints": {"en": "Hints", "zh": "提示"},
    "solution": {"en": "Solution", "zh": "解答"},
    "answer": {"en": "Answer", "zh": "答案"},
    "kind": {"en": "kind", "zh": "类型"},
    "vars": {"en": "variables", "zh": "变量"},
    "params": {"en": "Params", "zh": "参数"},
    "derived": {"en": "Derived", "zh": "导出值"},
    "part": {"en": "Part", "zh": "小题"},
    "choices": {"en": "Choices", "zh": "选项"},
    "unknown": {"en": "unknown template id", "zh": "未知的模板 id"},
    "unknown_quiz": {"en": "unknown quiz", "zh": "未知的测验"},
    "warning": {"en": "warning", "zh": "警告"},
}


def _l(key: str, lang: str) -> str:
    return LABELS[key]["zh" if lang == "zh" else "en"]


def _warn(lib: Library, lang: str) -> None:
    for err in lib.errors:
        print(f"{_l('warning', lang)}: {err}", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    """List templates (optionally of one topic)."""
    lib = load_library()
    _warn(lib, args.lang)
    templates = lib.by_topic(args.topic, unpublished=True) if args.topic else [
        t for topic in TOPIC_IDS for t in lib.by_topic(topic, unpublished=True)]
    if args.json:
        print(json.dumps([{"id": t.id, "topic": t.topic, "difficulty": t.difficulty, "title": t.title,
                           "tags": t.tags, "path": t.path, "line": t.line} for t in templates],
                         ensure_ascii=False, indent=2))
        return 0
    width = max((len(t.id) for t in templates), default=10)
    for t in templates:
        print(f"{t.id:<{width}}  {t.topic:<19}  {'★' * t.difficulty:<3}  {t.title[args.lang]}")
    topics = len({t.topic for t in templates})
    if args.lang == "zh":
        print(f"\n{len(templates)} 个模板，{topics} 个主题")
    else:
        print(f"\n{counted(len(templates), 'template')}, {counted(topics, 'topic')}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Show one exercise at a seed."""
    lib = load_library()
    if args.id not in lib.templates:
        _warn(lib, args.lang)
        print(f"{_l('unknown', args.lang)}: {args.id}", file=sys.stderr)
        return 2
    try:
        ex = lib.get(args.id).generate(args.seed)
    except GenerationError as err:
        print(lib.get(args.id).file_error(err), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(ex.to_dict(), ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    print(f"# {ex.title[lang]}  [{ex.template_id}, {ex.topic}, {_l('difficulty', lang)} {ex.difficulty}, "
          f"{_l('seed', lang)} {ex.seed}]\n")
    print(ex.prompt[lang] + "\n")
    for p in ex.parts:
        head = f"({p.id}) " if p.id else ""
        if p.prompt[lang]:
            print(f"{head}{p.prompt[lang]}")
        for i, choice in enumerate(p.choices or []):
            print(f"    {chr(65 + i)}. {choice[lang]}")
        extra = f"; {_l('vars', lang)}: {', '.join(p.vars)}" if p.vars and p.kind == "expression" else ""
        print(f"    → {_l('answer', lang)}: {ex.expected_readable(p.id)}   [{_l('kind', lang)}: {p.kind}{extra}]\n")
    if ex.hints:
        print(f"## {_l('hints', lang)}")
        for i, h in enumerate(ex.hints, 1):
            print(f"{i}. {h[lang]}")
        print()
    print(f"## {_l('solution', lang)}\n{ex.solution[lang]}\n")
    print(f"{_l('params', lang)}: " + ", ".join(f"{k} = {answer_text(v)}" for k, v in ex.params.items()))
    if ex.derived:
        print(f"{_l('derived', lang)}: " + ", ".join(f"{k} = {answer_text(v)}" for k, v in ex.derived.items()))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate files/folders; non-zero exit on any error."""
    from exercises.validate import validate_paths

    report = validate_paths(args.paths, seeds=args.seeds, jobs=args.jobs)
    for err in report.errors:
        print(err)
    for warning in report.warnings:
        print(warning)
    for t in report.templates:
        if args.verbose or t.acceptance < 1.0:
            answers = f" ({counted(t.quality.answers, 'answer')})" if t.quality and t.quality.answers else ""
            variants = f", {counted(t.quality.variants, 'variant')}{answers}" if t.quality else ""
            print(f"  {t.id}: {counted(t.seeds, 'seed')}{variants}, `where` acceptance {t.acceptance:.0%}, "
                  f"{t.seconds:.2f} s")
    print(report.summary())
    return 0 if report.ok else 1


def cmd_variants(args: argparse.Namespace) -> int:
    """Which variant (template, seed) each student gets in a quiz."""
    lib = load_library()
    quiz = lib.quizzes.get(args.quiz)
    if quiz is None and Path(args.quiz).exists():
        lib.add_file(args.quiz)
        lib.resolve_quizzes()
        quiz = lib.quizzes.get(Path(args.quiz).stem) or next(
            (q for q in lib.quizzes.values() if Path(q.path).resolve() == Path(args.quiz).resolve()), None)
    if quiz is None:
        _warn(lib, "en")
        print(f"{_l('unknown_quiz', 'en')} / {_l('unknown_quiz', 'zh')}: {args.quiz}", file=sys.stderr)
        return 2
    students = list(args.student or [])
    if args.students:
        students += read_students(Path(args.students))
    result = {s: [q.__dict__ for q in build_questions(quiz, lib, s)] for s in students}
    if args.json:
        print(json.dumps({"quiz": quiz_summary(quiz), "variants": result}, ensure_ascii=False, indent=2))
        return 0
    for s, questions in result.items():
        print(f"{s}: " + ", ".join(f"{q['template_id']}@{q['seed']}" for q in questions))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m exercises`."""
    parser = argparse.ArgumentParser(prog="python -m exercises", description="DL Math Lab exercises / 练习")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="list templates / 列出模板")
    p.add_argument("--topic", choices=TOPIC_IDS)
    p.add_argument("--lang", choices=["en", "zh"], default="en")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_list)
    p = sub.add_parser("show", help="show an exercise / 显示一道练习")
    p.add_argument("id")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lang", choices=["en", "zh"], default="en")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_show)
    p = sub.add_parser("validate", help="validate exercise and quiz files / 校验练习与测验文件")
    p.add_argument("paths", nargs="+")
    p.add_argument("--seeds", type=int, default=100, help="seeds per template (default 100)")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                   help="processes to validate templates in (default: one per CPU)")
    p.add_argument("--verbose", "-v", action="store_true")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("variants", help="each student's variant of a quiz / 每个学生的测验版本")
    p.add_argument("quiz", help="quiz id or quiz file")
    p.add_argument("--student", action="append", help="a student name or id (repeatable)")
    p.add_argument("--students", help="a file with one student per line (# starts a comment)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_variants)
    add_worksheet_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = build_parser().parse_args(argv)
    return args.run(args)
