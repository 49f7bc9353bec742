"""The literal form (``form: value``): an answer must be the value written out, not a calculation the checker
would do — refused as ``invalid`` (never a wrong attempt) with a message saying what to type instead."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from exercises import load_library
from solver import Verdict, check
from solver.parser import literal_computation

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = "[[-7, 1], [-1, -1]]"  # [[3,2],[1,0]] · [[-1,-1],[-2,2]]


def value(kind: str, expected: str, answer: str, lang: str = "en", **options) -> Verdict:
    return check(kind, expected, answer, form="value", lang=lang, **options)


@pytest.mark.parametrize("kind, expected, answer, op, en, zh", [
    ("matrix", PRODUCT, "[[3,2],[1,0]]*[[-1,-1],[-2,2]]", "product",
     "Compute the product yourself: type the resulting matrix", "请自己算出乘积：直接输入结果矩阵"),
    ("matrix", PRODUCT, "[[3,2],[1,0]][[-1,-1],[-2,2]]", "product", "Compute the product", "乘积"),
    ("vector", "(1, 0, 5)", "relu([[1,2],[0,-1],[2,1]]*(1,1) + (-2,-3,2))", "function",
     "Work out relu(…) yourself and type the vector it gives", "请自己算出 relu(…) 的值"),
    ("vector", "(1, 0, 5)", "[[1,2],[0,-1],[2,1]]*(1,1) + (-2,-3,2)", "sum",
     "Compute the sum yourself: type the resulting vector", "请自己算出和"),
    ("matrix", "[[4, 2], [3, 7]]", "[[1,2],[3,4]] + 3[[1,0],[0,1]]", "sum",
     "Compute the sum yourself: type the resulting matrix", "请自己算出和"),
    ("matrix", "[[3, 0], [0, 3]]", "3[[1,0],[0,1]]", "scalar-multiple", "Multiply each entry yourself", "乘出来"),
    ("matrix", "[[-1, -2], [-3, -4]]", "-[[1,2],[3,4]]", "negation", "minus sign to each entry", "负号"),
    ("matrix", "[[7, 10], [15, 22]]", "[[1,2],[3,4]]^2", "power", "matrix power", "矩阵的幂"),
    ("matrix", "[[1, 4], [9, 16]]", "[[1,2],[3,4]] ⊙ [[1,2],[3,4]]", "hadamard", "matching entries", "对应元素"),
    ("matrix", "[[1, 3], [2, 4]]", "[[1,2],[3,4]]ᵀ", "transpose", "Transpose it yourself", "转置"),
    ("vector", "(2, 3)", "(1, 1) + (1, 2)", "sum", "Compute the sum", "和"),
    ("vector", "(0.5, 1)", "(1, 2)/2", "quotient", "Divide each entry", "除"),
    ("number", "1/(1+exp(-0.5))", "σ(0.5)", "function",
     "Work out σ(…) yourself and type the number it gives", "请自己算出 σ(…) 的值"),
    ("number", "1/(1+exp(-0.5))", "sigmoid(1/2)", "function", "sigmoid(…)", "sigmoid(…)"),
    ("number", "exp(2)", "exp(2)", "function", "exp(…)", "exp(…)"),
    ("number", "0", "sin(0)", "function", "sin(…)", "sin(…)"),
    ("number", "3", "|-3|", "function", "|…|", "|…|"),
    ("number", "6", "3!", "function", "…!", "…!"),
    ("number", "2", "max(1, 2)", "function", "max(…)", "max(…)"),
    ("number", "log(2)", "ln(2)", "function", "ln(…)", "ln(…)"),
    ("number", "2.5", "2*σ(0)+1.5", "function", "σ(…)", "σ(…)"),
    ("set", "{1, -1}", "{sin(pi/2), -1}", "function", "sin(…)", "sin(…)"),
])
def test_calculations_are_refused_with_what_to_do(kind: str, expected: str, answer: str, op: str, en: str,
                                                  zh: str) -> None:
    verdict = value(kind, expected, answer)
    assert verdict.status == "invalid" and verdict.score == 0.0
    assert en in verdict.message
    assert verdict.details["form"] == "value"
    assert verdict.details["error"]["code"] == "not_literal" and verdict.details["error"]["operation"] == op
    assert verdict.interpreted  # the preview still shows how it was read
    assert zh in value(kind, expected, answer, lang="zh").message
    without_form = check(kind, expected, answer)
    assert without_form.status != "invalid"  # only the literal form refuses it


@pytest.mark.parametrize("kind, expected, answer", [
    ("matrix", PRODUCT, PRODUCT),
    ("matrix", PRODUCT, "[-7, 1; -1, -1]"),
    ("matrix", "[[1/2, sqrt(2)], [-pi, e]]", "[[0.5, √2], [-π, e]]"),
    ("matrix", "[[1/2, sqrt(2)], [-pi, e]]", "[[1/2, 2/√2], [-pi, e^1]]"),
    ("vector", "(2/sqrt(5), 1/sqrt(5))", "(2/√5, √5/5)"),
    ("vector", "(1, 0, 5)", "1, 0, 5"),
    ("vector", "(1, 0, 5)", "[[1], [0], [5]]"),
    ("number", "1/(1+exp(-0.5))", "0.6225"),
    ("number", "sqrt(2)/2", "1/sqrt(2)"),
    ("number", "3/4", "75%"),
    ("number", "exp(-1)", "e^-1"),
    ("number", "2*pi", "2π"),
    ("number", "-5", "3*(-1)+2*(-2)+2"),  # arithmetic between numbers is the learner's own working
    ("number", "1e-4", "1e-4"),
    ("set", "{1, -1}", "±1"),
    ("set", "{1, -1}", "{1, -1}"),
    ("expression", "sin(x)+1", "sin(x)+1"),  # a function of the variables is how an expression is written
])
def test_values_written_out_are_judged_as_usual(kind: str, expected: str, answer: str) -> None:
    variables = ["x"] if kind == "expression" else []
    verdict = value(kind, expected, answer, vars=variables)
    assert verdict.status == "correct", verdict.message
    assert literal_computation(answer, variables) is None


def test_a_wrong_value_written_out_is_incorrect_not_invalid() -> None:
    verdict = value("matrix", PRODUCT, "[[-7, 1], [-1, 1]]")
    assert verdict.status == "incorrect" and verdict.details["wrong_entries"] == [[2, 2]]
    assert value("number", "1/(1+exp(-0.5))", "0.5").status == "incorrect"


def test_a_wrong_calculation_is_refused_too() -> None:
    """Refused before it is judged: a wrong product typed as a calculation is not a wrong attempt either."""
    assert value("matrix", PRODUCT, "[[3,2],[1,0]]*[[1,1],[2,2]]").status == "invalid"


def test_the_column_points_at_the_operation() -> None:
    answer = "[[3,2],[1,0]]*[[-1,-1],[-2,2]]"
    column = value("matrix", PRODUCT, answer).details["error"]["column"]
    assert answer[column - 1] == "*"  # columns are 1-based, as in parse errors


def test_unreadable_answers_keep_the_parse_message() -> None:
    verdict = value("matrix", PRODUCT, "[[1, 2], [3")
    assert verdict.status == "invalid" and verdict.details["error"]["code"] != "not_literal"


def test_cli_accepts_the_literal_form() -> None:
    proc = subprocess.run([sys.executable, "-m", "solver", "check", "--kind", "matrix", "--expected", PRODUCT,
                           "--answer", "[[3,2],[1,0]]*[[-1,-1],[-2,2]]", "--form", "value"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, encoding="utf-8")
    result = json.loads(proc.stdout)
    assert result["status"] == "invalid" and result["details"]["error"]["operation"] == "product"


@pytest.mark.parametrize("template_id, calculation", [
    ("matrix-product-2x2", "{A}*{B}"),
    ("matrix-linear-combination", "{A} + {k}*{B}"),
    ("forward-column-layer-relu", "relu({W}*{x} + {b})"),
])
def test_library_exercises_refuse_the_calculator(template_id: str, calculation: str) -> None:
    """The exercises that practise a computation refuse it typed as a calculation, and accept the result."""
    exercise = load_library().get(template_id).generate(5)
    names = {**exercise.params, **exercise.derived}
    typed = calculation.format(**{k: _solver_text(v) for k, v in names.items()})
    refused = exercise.check("", typed)
    assert refused.status == "invalid" and refused.details["form"] == "value", typed
    assert exercise.check("", exercise.expected_text("")).status == "correct"


def _solver_text(value: object) -> str:
    rows = value.tolist() if hasattr(value, "tolist") else None
    if rows is None:
        return str(value)
    if len(rows[0]) == 1:
        return "(" + ", ".join(str(r[0]) for r in rows) + ")"
    return "[" + ", ".join("[" + ", ".join(str(v) for v in r) + "]" for r in rows) + "]"


@pytest.mark.parametrize("kind, expected, answer, op", [
    ("matrix", PRODUCT, r"\begin{pmatrix}3&2\\1&0\end{pmatrix}\begin{pmatrix}-1&-1\\-2&2\end{pmatrix}", "product"),
    ("number", "1/(1+exp(-0.5))", r"\sigma(0.5)", "function"),
    ("number", "14", r"\sum_{i=1}^{3} i^2", "sum-notation"),
    ("number", "14", "sum_{i=1}^3 i^2", "sum-notation"),
    ("matrix", "[[1,3],[2,4]]", "[[1,2],[3,4]]^T", "transpose"),
    ("matrix", "[[1,3],[2,4]]", r"\begin{pmatrix}1&2\\3&4\end{pmatrix}^{\top}", "transpose"),
])
def test_latex_sums_and_transposes_are_calculations_too(kind: str, expected: str, answer: str, op: str) -> None:
    verdict = value(kind, expected, answer)
    assert verdict.status == "invalid" and verdict.details["error"]["operation"] == op
    assert check(kind, expected, answer).status == "correct"


@pytest.mark.parametrize("kind, expected, answer", [
    ("number", "3/4", r"\frac{3}{4}"),
    ("number", "2/sqrt(5)", r"\frac{2}{\sqrt{5}}"),
    ("number", "1/2", r"\left(\frac{1}{2}\right)"),
    ("vector", "(1, 2)", r"\begin{pmatrix}1\\2\end{pmatrix}"),
])
def test_latex_values_are_literal(kind: str, expected: str, answer: str) -> None:
    assert value(kind, expected, answer).status == "correct"
