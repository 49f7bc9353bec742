"""The variant-quality report (`exercises.quality`): each kind of flaw is found, leaks fail the built-in library
only, the CLI prints the findings, and the built-in library is clean."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from exercises import load_library
from exercises.quality import QualityCheck, check_template, normalise, numbers_in, printed_in, slip_accepted
from exercises.validate import validate_paths, validate_template

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
LIBRARY_SEEDS = range(1, 51)


@pytest.fixture(scope="module")
def fixtures():
    library = load_library([FIXTURES / "quality.yaml"])
    assert library.errors == []
    return library


def findings(report, code: str, part: str | None = None) -> list:
    return [f for f in report.findings if f.code == code and (part is None or f.part == part)]


def test_each_kind_of_flaw_is_found(fixtures) -> None:
    report = check_template(fixtures.get("fixture-flawed"), range(1, 41))
    leaks = findings(report, "leak")                         # (b)'s prompt shows n, the answer to (a) and (e)
    assert [f.part for f in leaks] == ["a", "e"] and all("{{n}}" in f.message for f in leaks)
    assert {f.level for f in leaks} == {"warning"}
    (trivial,) = findings(report, "trivial", "b")          # 5 − n = 3 − a is 1 or 0 for a = 2, 3
    assert "0 or ±1" in trivial.message and trivial.seeds
    (slip,) = findings(report, "slip-accepted", "c")        # 0.334 is within 1 % of 1/3
    assert "0.334" in slip.message and slip.path[-2:] == ("mistakes", 0)
    (choices,) = findings(report, "choices", "d")           # a = 1 makes both options read "1"
    assert "right option appears twice" in choices.message
    (same,) = findings(report, "same-key", "e")
    assert "part (a)" in same.message and same.message.endswith("at 100% of seeds")
    (variants,) = findings(report, "variants")
    assert report.variants == 3 and "only 3 distinct" in variants.message


def test_a_clean_template_has_no_findings(fixtures) -> None:
    report = check_template(fixtures.get("fixture-clean"), range(1, 41))
    assert report.findings == [] and report.variants > 30


def test_a_leak_is_an_error_in_strict_mode_and_in_the_builtin_library_only(fixtures) -> None:
    template = fixtures.get("fixture-flawed")
    relaxed = validate_template(template, seeds=12)
    assert not [e for e in relaxed.errors if "variant quality" in e.message]
    assert any("answer is shown in the question" in w.message for w in relaxed.warnings)
    strict = validate_template(template, seeds=12, strict=True)
    assert any("variant quality" in e.message and "{{n}}" in e.message for e in strict.errors)


def test_validate_reports_quality_warnings_with_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "flawed.yaml"
    copy.write_text((FIXTURES / "quality.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    report = validate_paths([copy], seeds=12, builtin_context=False)
    assert report.ok  # warnings do not fail an instructor's file
    lines = [str(w) for w in report.warnings]
    assert any(line.startswith(f"{copy}:") and "warning: variant quality: part (c)" in line for line in lines)
    assert re.search(r", \d+ quality warnings?: OK$", report.summary())
    cli = subprocess.run([sys.executable, "-m", "exercises", "validate", str(copy), "--seeds", "12", "-j", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert "warning: variant quality: part (b): the answer is trivial" in cli.stdout


def test_an_instructors_upload_gets_the_report_as_warnings_in_both_languages(tmp_path: Path, monkeypatch) -> None:
    from classroom import uploads
    from classroom.shelf import FolderShelf
    from store import get_store
    from store.files import SharedFiles

    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    shelf = FolderShelf(SharedFiles(get_store().engine), tmp_path / "extra")
    result = uploads.check_upload("flawed.yaml", (FIXTURES / "quality.yaml").read_bytes(), shelf, seeds=12)
    assert result.ok, [e.text() for e in result.errors]   # the leak of an instructor's file is a warning
    english = "\n".join(w.text("en") for w in result.warnings)
    chinese = "\n".join(w.text("zh") for w in result.warnings)
    assert "answer is shown in the question" in english and "flawed.yaml:" in english
    assert "题目中显示了答案" in chinese and "预设的错误 '0.334' 被判为正确" in chinese


def test_numbers_in_questions_skip_labels_and_keep_lists() -> None:
    text = normalise(r"$\boldsymbol x = \left(-1, 2\right)$, $W^{(2)} = \begin{pmatrix} 0.5 & 1 \\ 2 & -2 \end{pmatrix}$,"
                     r" $x_1 + \frac{1}{3}$")
    assert [(n[1], n[3]) for n in numbers_in(text)] == [
        ("-1", False), ("2", True), ("0.5", False), ("1", True), ("2", True), ("-2", True), ("1/3", False)]
    numbers = numbers_in(text)
    assert printed_in(sp.ImmutableMatrix([-1, 2]), numbers)
    assert printed_in(sp.ImmutableMatrix([[sp.Rational(1, 2), 1], [2, -2]]), numbers)
    assert not printed_in(sp.ImmutableMatrix([2, sp.Rational(1, 2)]), numbers)   # not one list
    assert printed_in(sp.Rational(1, 3), numbers) and printed_in(sp.Rational(1, 2), numbers)
    assert not printed_in(sp.Integer(2), numbers)   # whole numbers are found through placeholders instead
    assert printed_in(1 / sp.sqrt(2), numbers_in(normalise(r"$\alpha \approx 0.7071$")))   # rounded decimals
    assert not printed_in(1 / sp.sqrt(2), numbers_in(normalise(r"$\alpha \approx 0.7$")))  # too few places


@pytest.fixture(scope="module")
def builtin():
    library = load_library()
    assert library.errors == []
    return library


def test_the_builtin_library_has_no_leak(builtin) -> None:
    leaks = {}
    for template in builtin.templates.values():
        check = QualityCheck(template, strict=True)
        for seed in LIBRARY_SEEDS:
            check.add(template.generate(seed))
        errors = check.report().errors
        if errors:
            leaks[template.id] = [f.describe() for f in errors]
    assert leaks == {}


def test_slip_acceptance_follows_the_solver(builtin) -> None:
    ex = builtin.get("attention-scale-factor").generate(1)   # d = 64
    part = ex.part("a")
    assert not slip_accepted(part, sp.Rational(1, 64))       # ÷d instead of ÷√d
    assert slip_accepted(part, sp.Rational(1, 8))            # the key itself would be
    assert slip_accepted(part, sp.Float("0.12501"))          # within the 0.1 % given to decimals
