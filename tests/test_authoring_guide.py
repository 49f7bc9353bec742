"""Follow docs/authoring.md as a new instructor would: its example files, taken from the guide's fenced code
blocks (`# file: PATH` on the first line), validate with the CLI, load into the app's library, make a quiz that
gives two students different reproducible variants, and print worksheets; the outputs the guide shows are real."""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sympy import Rational

from exercises import build_questions, load_library
from exercises.validate import validate_paths
from exercises.worksheet import add_worksheet_command

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
FILE_BLOCK = re.compile(r"^```(\w+)\n# file: (\S+)\n(.*?)^```", re.S | re.M)
TEXT_BLOCK = re.compile(r"^```text\n(.*?)^```", re.S | re.M)
TEMPLATE_ID = "squared-error-weight-gradient"
QUIZ_ID = "chain-rule-check"


@pytest.fixture(scope="module")
def guide_files(tmp_path_factory) -> Path:
    """The guide's example files written out under a fresh folder, as the reader would save them."""
    root = tmp_path_factory.mktemp("guide")
    for _, name, body in FILE_BLOCK.findall(GUIDE):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# file: {name}\n{body}", encoding="utf-8")
    return root


def shown_output(marker: str) -> str:
    """The guide's ```text block that contains `marker`."""
    return next(block for block in TEXT_BLOCK.findall(GUIDE) if marker in block)


def test_the_guide_has_the_example_files(guide_files):
    names = sorted(str(p.relative_to(guide_files)) for p in guide_files.rglob("*") if p.is_file())
    assert names == ["my-exercises/chain-rule-check.yaml", "my-exercises/squared-error.yaml", "names.txt"]
    template = (guide_files / "my-exercises" / "squared-error.yaml").read_text(encoding="utf-8")
    for field in ("params:", "where:", "derived:", "prompt:", "hints:", "solution:", "mistakes:", "tests:", "zh:"):
        assert field in template


def test_the_example_validates_with_the_command_line(guide_files):
    done = subprocess.run([sys.executable, "-m", "exercises", "validate", str(guide_files / "my-exercises")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert summary.endswith(": OK") and "2 files, 1 template, 1 quiz, " in summary
    assert summary in shown_output("exercises generated")


def test_the_guides_error_example_is_what_the_validator_says(guide_files, tmp_path):
    shown = shown_output("derived.grad")
    source = (guide_files / "my-exercises" / "squared-error.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "my-exercises" / "squared-error.yaml"
    broken.parent.mkdir()
    broken.write_text(source.replace('grad: "err*x"', 'grad: "err*xx"'), encoding="utf-8")
    report = validate_paths([broken], seeds=5)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert f"my-exercises/squared-error.yaml:{error.line}: {error.field}: {error.message}" == shown.strip()


def test_the_app_loads_it_and_two_students_get_different_reproducible_variants(guide_files, monkeypatch):
    monkeypatch.setenv("DLMATH_EXERCISES_DIR", str(guide_files / "my-exercises"))
    lib = load_library()
    assert lib.errors == []
    template = lib.get(TEMPLATE_ID)
    assert template in lib.by_topic("chain-rule", unpublished=True)
    assert template not in lib.by_topic("chain-rule")  # on the topic page once published (section 3 of the guide)
    ex = template.generate(1)  # the guide's worked example
    assert (ex.params["w"], ex.derived["a"], ex.derived["err"], ex.derived["grad"]) == (Rational(1, 2), 1, -2, -4)
    assert ex.check("", "-4").status == "correct" and ex.check("", "-8/2").status == "correct"
    assert "inner derivative" in ex.check("", "-2").message
    assert "注意符号" in ex.check("", "4", lang="zh").message

    quiz = lib.quizzes[QUIZ_ID]
    ann, wang = build_questions(quiz, lib, "Ann Lee"), build_questions(quiz, lib, "Wang Fang")
    assert [q.template_id for q in ann][:2] == [TEMPLATE_ID, "derivative-sigmoid"]
    assert ann != wang and ann[0].seed != wang[0].seed
    assert build_questions(quiz, load_library(), " ann  lee ") == ann
    shown = shown_output("Ann Lee:")
    for name, questions in (("Ann Lee", ann), ("Wang Fang", wang)):
        line = f"{name}: " + ", ".join(f"{q.template_id}@{q.seed}" for q in questions)
        assert line in shown  # the guide prints exactly what the app gives these students


def test_the_variants_command_as_the_guide_runs_it(guide_files):
    done = subprocess.run([sys.executable, "-m", "exercises", "variants",
                           str(guide_files / "my-exercises" / "chain-rule-check.yaml"),
                           "--student", "Ann Lee", "--student", "Wang Fang"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DLMATH_EXERCISES_DIR": str(guide_files / "my-exercises")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == shown_output("Ann Lee:").strip()


def test_the_worksheets_print_for_the_names_file(guide_files, monkeypatch, tmp_path):
    monkeypatch.setenv("DLMATH_EXERCISES_DIR", str(guide_files / "my-exercises"))
    parser = argparse.ArgumentParser()
    add_worksheet_command(parser.add_subparsers(dest="command", required=True))
    out = tmp_path / "printout"
    args = parser.parse_args(["worksheet", str(guide_files / "my-exercises" / "chain-rule-check.yaml"),
                              "--students", str(guide_files / "names.txt"), "--out", str(out)])
    assert args.run(args) == 0
    sheet = (out / "worksheet.md").read_text(encoding="utf-8")
    key = (out / "answer-key.md").read_text(encoding="utf-8")
    assert "<b>Ann Lee</b>" in sheet and "<b>Wang Fang</b>" in sheet and "# file" not in sheet
    assert "A linear neuron with weight" in sheet and "By the chain rule" not in sheet
    assert key.count("By the chain rule") == 2
