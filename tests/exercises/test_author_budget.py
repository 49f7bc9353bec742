"""Every author formula runs under a budget (issue 12, item 3).

An uploaded file computing `det` of an 8×8 symbolic matrix used to keep a core busy for hours while it validated; a
slow formula passed validation and then cost seconds of server CPU for every learner; the preview's locks ran the
same formulas. Now: size limits on symbolic det/inv, every formula of an instructor's file computed in a worker
process with a time limit per exercise and per file, and values capped in size — while the built-in library stays
in-process and other work goes on.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from classroom import preview, uploads
from classroom.shelf import FolderShelf
from exercises import sandbox
from exercises.engine import GenerationError, Template
from exercises.loader import LIBRARY_DIR, Library
from store import get_store
from store.files import SharedFiles

ROOT = Path(__file__).resolve().parents[2]

HEADER = """\
templates:
  - id: {id}
    topic: matrices
    title: {{en: "Hostile", zh: "恶意"}}
    difficulty: 1
"""
DET8 = HEADER.format(id="hostile-det") + """\
    symbols: [a, b, c, d, p, f, g, h]
    derived:
      M: "[[a,b,c,d,p,f,g,h],[b,c,d,p,f,g,h,a],[c,d,p,f,g,h,a,b],[d,p,f,g,h,a,b,c],[p,f,g,h,a,b,c,d],[f,g,h,a,b,c,d,p],[g,h,a,b,c,d,p,f],[h,a,b,c,d,p,f,g]]"
      D: "det(M)"
    prompt: {en: "Compute $\\\\det M$.", zh: "求 $\\\\det M$。"}
    solution: {en: "$D$", zh: "$D$"}
    answer: {kind: expression, expected: D}
"""
SLOW = HEADER.format(id="hostile-slow") + """\
    symbols: [a, b, c, d, p]
    params:
      n: {int: [30, 40]}
    derived:
      big: "expand((a+b+c+d+p)^n)"
    prompt: {en: "Expand.", zh: "展开。"}
    solution: {en: "$x$", zh: "$x$"}
    answer: {kind: expression, expected: big}
"""
HUGE = HEADER.format(id="hostile-huge") + """\
    symbols: [a, k]
    derived:
      s: "sum(a^k, k, 1, 3000)"
    prompt: {en: "Sum.", zh: "求和。"}
    solution: {en: "$s$", zh: "$s$"}
    answer: {kind: expression, expected: s}
"""


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> FolderShelf:
    """An empty instructor's folder (and a progress store of its own for publications)."""
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path))
    monkeypatch.delenv("DLMATH_DB_URL", raising=False)
    return FolderShelf(SharedFiles(get_store().engine), tmp_path / "extra")


def test_det_of_an_8x8_symbolic_matrix_is_refused_at_upload_with_its_line(folder):
    result = uploads.check_upload("det.yaml", DET8.encode(), folder, seeds=30)
    assert not result.ok
    [error] = result.errors
    assert (error.path, error.line, error.field) == ("det.yaml", line_of(DET8, "D: "), "derived.D")
    assert "8×8" in error.message and "at most 4×4" in error.message
    assert "最多 4×4" in error.text("zh")


def test_a_slow_formula_is_stopped_and_named_with_the_time_budget(folder):
    started = time.monotonic()
    result = uploads.check_upload("slow.yaml", SLOW.encode(), folder, seeds=30)
    assert not result.ok
    error = result.errors[0]
    assert (error.line, error.field) == (line_of(SLOW, "big: "), "derived.big")
    assert f"longer than {sandbox.EXERCISE_SECONDS:g} s" in error.message
    assert f"超过 {sandbox.EXERCISE_SECONDS:g} 秒" in error.text("zh")
    assert time.monotonic() - started < sandbox.FILE_SECONDS  # stopped by the exercise limit, not the file's


def test_a_value_too_large_to_check_against_is_refused(folder):
    result = uploads.check_upload("huge.yaml", HUGE.encode(), folder, seeds=3)
    [error] = result.errors
    assert error.field == "derived.s" and "too large" in error.message and "太大" in error.text("zh")


def test_the_file_budget_stops_validation_and_says_so(folder):
    library = Library(smoke_test=False)
    library.add_text("slow.yaml", SLOW)
    from exercises.validate import validate_templates

    [report] = validate_templates([library.get("hostile-slow")], seeds=30, budget=0.5)
    assert report.errors[0].line == 2 and "limit for one file" in report.errors[0].message
    assert "每个文件的上限" in report.errors[0].text("zh")


def test_other_work_completes_while_a_hostile_file_validates(folder):
    """The hostile validation runs in a worker process: this process goes on serving (here: generating and checking
    built-in exercises as another learner's rerun would) and finishes that long before the hostile file is refused."""
    builtin = Library(smoke_test=False)
    builtin.add_file(LIBRARY_DIR / "vectors.yaml")
    template = builtin.get("inner-product-2d")
    template.generate(1).check("", "0")  # warm: what a running server has already loaded
    finished: dict[str, float] = {}
    outcome: dict[str, uploads.UploadResult] = {}

    def hostile() -> None:
        outcome["result"] = uploads.check_upload("slow.yaml", SLOW.encode(), folder, seeds=30)
        finished["hostile"] = time.monotonic()

    thread = threading.Thread(target=hostile)
    thread.start()
    time.sleep(0.2)  # the hostile validation is under way
    for seed in range(1, 6):
        ex = template.generate(seed)
        assert ex.check("", ex.expected_text("")).status == "correct"
    finished["other"] = time.monotonic()
    thread.join(timeout=sandbox.FILE_SECONDS + sandbox.STARTUP_SECONDS)
    assert not thread.is_alive()
    assert finished["other"] < finished["hostile"]
    assert "limit for one exercise" in outcome["result"].errors[0].message


def test_learners_and_the_preview_locks_get_the_budget_too(monkeypatch):
    """A template that validated at its usual params can still be slow at others: a learner's seed or the
    preview's locked params are generated in the worker too, and stopped."""
    monkeypatch.setattr(sandbox, "CALL_SECONDS", 300)  # the CPU-time limit, not the wall-clock safety net, on a busy machine
    library = Library(smoke_test=False)
    library.add_text("slow.yaml", SLOW)
    template = library.get("hostile-slow")
    assert isinstance(template, sandbox.SandboxedTemplate) and not template.trusted
    assert template.generate(1, overrides={"n": "2"}).derived["big"] is not None
    with pytest.raises(GenerationError) as caught:
        template.generate(1, overrides={"n": "37"})
    assert caught.value.path == ("derived", "big") and "limit for one exercise" in caught.value.message
    shown = preview.generate_preview(template, 1, {"n": "38"})
    assert shown.exercise is None and "slow.yaml:" in shown.error and "derived.big" in shown.error


def test_sandboxed_generation_equals_in_process_generation_and_is_cached():
    text = (LIBRARY_DIR / "vectors.yaml").read_text(encoding="utf-8")
    trusted, sandboxed = Library(smoke_test=False), Library(smoke_test=False)
    trusted.add_text("vectors.yaml", text, trusted=True)
    sandboxed.add_text("vectors.yaml", text)
    inside, outside = trusted.get("inner-product-2d"), sandboxed.get("inner-product-2d")
    assert type(inside) is Template and isinstance(outside, sandbox.SandboxedTemplate)
    for seed in (1, 7, 12345):
        a, b = inside.generate(seed), outside.generate(seed)
        assert (a.prompt, a.solution, a.expected_text(""), a.params) == (b.prompt, b.solution, b.expected_text(""),
                                                                          b.params)
        assert b.template is outside and b.check("", b.expected_text("")).status == "correct"
    assert outside.generate(7) is outside.generate(7)  # the worker is asked once per (template, seed)
    assert outside.acceptance_rate(100) == inside.acceptance_rate(100)


def test_the_built_in_library_stays_in_process():
    library = Library(smoke_test=False)
    library.add_file(LIBRARY_DIR / "matrices.yaml")
    assert library.templates and all(type(t) is Template and t.trusted for t in library.templates.values())
