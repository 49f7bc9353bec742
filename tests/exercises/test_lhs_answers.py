"""`lhs:` in an exercise file: the part's left-hand-side names reach the solver, and bad ones are reported."""
from __future__ import annotations

from pathlib import Path

from exercises import load_library, run_template_tests

FIXTURES = Path(__file__).parent / "fixtures"


def test_lhs_reaches_the_checker_through_an_exercise_file() -> None:
    lib = load_library([FIXTURES / "lhs.yaml"])
    assert lib.errors == []
    ex = lib.get("fixture-sequence-lhs").generate(3)
    a1, r = int(ex.params["a1"]), int(ex.params["r"])
    assert ex.check("", f"a_n = {a1}*{r}^(n-1)").status == "correct"
    assert ex.check("", rf"a_{{n}} = {a1} \cdot {r}^{{n-1}}").status == "correct"
    wrong_name = ex.check("", f"b_n = {a1}*{r}^(n-1)", lang="zh")
    assert wrong_name.status == "invalid" and wrong_name.details["error"]["code"] == "lhs_mismatch"
    assert "a_n" in wrong_name.message and "例如" in wrong_name.message
    derivative = lib.get("fixture-derivative-lhs").generate(1)
    assert derivative.check("", r"\frac{df}{dx} = " + derivative.expected_text("")).status == "correct"
    for template in lib.templates.values():
        assert [r for r in run_template_tests(template) if not r.passed] == []


def test_an_unreadable_lhs_is_a_file_error(tmp_path: Path) -> None:
    text = (FIXTURES / "lhs.yaml").read_text(encoding="utf-8").replace("lhs: [a_n]", "lhs: [2n + 1]")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    lib = load_library([path])
    assert any("lhs" in str(e.field) and "2n + 1" in e.message for e in lib.errors), lib.errors
