"""QA defects: CLI values starting with '-', a scalar for a vector, transposed score, counterexample digits."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from solver import MISTAKES, check
from solver.cli import join_values

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reads_answers_and_expected_values_starting_with_minus() -> None:
    cmd = [sys.executable, "-m", "solver", "check", "--kind", "expression", "--expected", "-x^2",
           "--answer", "-x^2", "--vars", "x"]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["status"] == "correct"


def test_join_values_only_touches_the_maths_options() -> None:
    assert join_values(["check", "--answer", "-x", "--vars", "x", "--expected", "-1"]) == \
        ["check", "--answer=-x", "--vars", "x", "--expected=-1"]
    assert join_values(["check", "--answer"]) == ["check", "--answer"]


def test_a_number_where_a_vector_is_expected_is_invalid() -> None:
    verdict = check("vector", "(1, 2)", "1")
    assert verdict.status == "invalid"
    assert verdict.message == "Expected a vector like (1, 2)."
    assert "向量" in check("vector", "(1, 2)", "1", lang="zh").message
    assert check("matrix", "[[1, 2], [3, 4]]", "1").message == "Expected a matrix like [[1, 2], [3, 4]]."


def test_a_vector_of_another_length_stays_incorrect() -> None:
    verdict = check("vector", "(1, 2, 3)", "(1, 2)")
    assert verdict.status == "incorrect" and "expected 3 components, got 2" in verdict.message
    assert check("vector", "(5)", "5").status == "correct"


def test_anticipated_mistakes_of_another_shape_still_match_both_ways() -> None:
    as_vector = [{"name": "inner-product-as-vector", "expr": "(3, 8)"}]
    verdict = check("number", "11", "(3, 8)", mistakes=as_vector)
    assert verdict.status == "incorrect"
    assert verdict.message == MISTAKES["inner-product-as-vector"]["en"]
    as_number = [{"name": "summed", "expr": "11", "message": "Keep the components apart."}]
    verdict = check("vector", "(3, 8)", "11", mistakes=as_number)
    assert verdict.status == "incorrect" and verdict.message == "Keep the components apart."


def test_transposed_matrix_scores_its_entries_in_place() -> None:
    verdict = check("matrix", "[[4, 56], [1, 24]]", "[[4, 1], [56, 24]]")
    assert verdict.details["transposed"] is True
    assert verdict.score == 0.5
    rect = check("matrix", "[[1,2,3],[4,5,6]]", "[[1,4],[2,5],[3,6]]")
    assert rect.details["transposed"] is True and rect.score == 0.0


def test_counterexample_values_never_look_equal() -> None:
    tiny = check("expression", "0", "exp(-1000x^2)", vars=["x"]).details["counterexample"]
    assert tiny["yours"] != "0" and "e-" in tiny["yours"] and tiny["expected"] == "0"
    near = check("expression", "2x", "2x+0.0000001", vars=["x"]).details["counterexample"]
    assert near == {"point": {"x": "0.5"}, "yours": "1.0000001", "expected": "1"}
