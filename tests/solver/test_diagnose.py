"""Automatic diagnosis of incorrect answers: each slip is named on a case that shows it, and NOT on a near case
that does not; the name is a catalogue name (en + zh) recorded as the verdict's mistake, author-listed
mistakes win, and right answers are never diagnosed."""
from __future__ import annotations

import re

import pytest

from solver import MISTAKES, Verdict, check
from solver.mistakes import DIAGNOSES

SIGMA_HALF = "1/(1+exp(-0.5))"  # 0.62246…


def verdict(kind: str, expected: str, answer: str, variables: str = "", lang: str = "en", **options) -> Verdict:
    return check(kind, expected, answer, vars=[v for v in variables.split(",") if v], lang=lang, **options)


def named(v: Verdict) -> str | None:
    mistake = v.details.get("mistake")
    return mistake["name"] if mistake else None


# (kind, expected, answer, vars, catalogue name, a piece of the English message, a piece of the Chinese one)
NAMED = [
    ("expression", "2*x*cos(x^2)", "x*cos(x^2)", "x", "constant-factor", "exactly 1/2×", "1/2 倍"),
    ("expression", "x*cos(x^2)", "2x*cos(x^2)", "x", "constant-factor", "exactly 2× the expected answer", "2 倍"),
    ("expression", "w*sigma(w*x+b)*(1-sigma(w*x+b))", "-3wσ(wx+b)(1-σ(wx+b))", "w,x,b", "constant-factor",
     "exactly -3×", "-3 倍"),
    ("expression", "pi*x", "x", "x", "constant-factor", "exactly 1/π×", "1/π 倍"),
    ("expression", "2*x*cos(x^2)", "cos(x^2)", "x", "chain-rule-missing-inner",
     "left out the inner derivative 2x (chain rule)", "漏乘了内层导数 2x（链式法则）"),
    ("expression", "6*x*(x^2+1)^2", "3(x^2+1)^2", "x", "chain-rule-missing-inner", "inner derivative 2x", "2x"),
    ("expression", "2*x/(x^2+1)", "1/(x^2+1)", "x", "chain-rule-missing-inner", "inner derivative 2x", "2x"),
    ("expression", "-sin(x)*exp(cos(x))", "e^(cos x)", "x", "chain-rule-missing-inner", "inner derivative -sin(x)",
     "-sin(x)"),
    ("expression", "x*sigma(w*x+b)*(1-sigma(w*x+b))", "σ(wx+b)(1-σ(wx+b))", "w,x,b", "chain-rule-missing-inner",
     "inner derivative x (chain rule)", "内层导数 x"),
    ("expression", "2*w_1*cos(w_1^2)", "cos(w_1^2)", "w_1", "chain-rule-missing-inner", "inner derivative 2w_1",
     "2w_1"),
    ("expression", "-1/x^2", "1/x^2", "x", "wrong-sign", "The sign is wrong", "符号错了"),
    ("expression", "x^2+1", "1/(x^2+1)", "x", "reciprocal", "reciprocal", "倒数"),
    ("expression", "3*x^2-4*x+1", "3x^2-4x-1", "x", "additive-constant", "by the constant -2", "相差常数 -2"),
    ("expression", "3-2^(n-1)", "3-2^n", "n", "recurrence-shifted", "at n it equals the expected answer at n + 1",
     "下一项"),
    ("expression", "3-2^(n-1)", "3-2^(n-2)", "n", "recurrence-shifted", "at n − 1", "前一项"),
    ("expression", "2*n-1", "2n+1", "n", "recurrence-shifted", "shifted by one", "下标错了一位"),
    ("expression", "log(x)/log(2)", "log(x)", "x", "log-base", "× ln 2", "ln 2 倍"),
    ("number", "log(8)", "3", "", "log-base", "× 1/ln 2", "1/ln 2 倍"),
    ("number", "log(100)/log(10)", "4.605", "", "log-base", "× ln 10", "ln 10 倍"),
    ("number", "pi/6", "30", "", "degrees-radians", "in degrees", "角度制"),
    ("number", "45", "0.7854", "", "degrees-radians", "in radians", "弧度制"),
    ("number", "7", "14", "", "constant-factor", "exactly 2×", "2 倍"),
    ("number", SIGMA_HALF, "1.245", "", "constant-factor", "about 2×", "约为正确答案的 2 倍"),
    ("number", "7", "-7", "", "wrong-sign", "sign", "符号"),
    ("number", "4", "1/4", "", "reciprocal", "reciprocal", "倒数"),
    ("number", SIGMA_HALF, "6.225", "", "place-value", "about 10 times too large", "大了约 10 倍"),
    ("number", SIGMA_HALF, "0.0622", "", "place-value", "about 10 times too small", "小了约 10 倍"),
    ("number", SIGMA_HALF, "62", "", "place-value", "100 times too large", "100 倍"),
    ("number", "0.00035", "3.5", "", "place-value", "10000 times too large", "10000 倍"),
    ("number", SIGMA_HALF, "0.62", "", "rounded-too-coarsely", "rounded to 2 s.f. (significant figures)", "保留 2 位"),
    ("number", SIGMA_HALF, "0.6", "", "rounded-too-coarsely", "keep at least 3", "至少保留 3 位"),
    ("number", "1234.5", "1200", "", "rounded-too-coarsely", "2 s.f.", "2 位有效数字"),
    ("vector", "(1, 2, 3)", "(1, -2, 3)", "", "entry-sign", "Only the sign of component 2 is wrong — the other 2",
     "第 2 个分量的符号"),
    ("vector", "(1, 2, 3)", "(1, 5, 3)", "", "one-wrong-entry", "Only component 2 is wrong", "只有第 2 个分量不对"),
    ("vector", "(1, 2, 3)", "(2, 1, 3)", "", "swapped-components", "component 1 and component 2 are swapped",
     "交换了"),
    ("vector", "(1, 2, 3)", "(3, 2, 1)", "", "swapped-components", "reverse order", "顺序反了"),
    ("vector", "(0.5, -1.5)", "(-1.5, 0.5)", "", "swapped-components", "swapped", "交换"),
    ("vector", "(1, 2, 3)", "(2, 4, 6)", "", "constant-factor", "exactly 2×", "2 倍"),
    ("vector", "(1, 2, 3)", "(-1, -2, -3)", "", "wrong-sign", "sign", "符号"),
    ("vector", "(2*x, 2*y)", "(2y, 2x)", "x,y", "swapped-components", "swapped", "交换"),
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 2], [3, 5]]", "", "one-wrong-entry", "row 2, column 2 is wrong — the other 3",
     "第 2 行第 2 列"),
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 2], [-3, 4]]", "", "entry-sign", "sign of the entry in row 2, column 1",
     "第 2 行第 1 列的元素的符号"),
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 3], [2, 4]]", "", "transposed", "transpose", "转置"),
    ("matrix", "[[1, 2, 3], [4, 5, 6]]", "[[1, 4], [2, 5], [3, 6]]", "", "transposed", "transpose", "转置"),
]


@pytest.mark.parametrize("kind, expected, answer, variables, name, en, zh", NAMED)
def test_slip_is_named(kind: str, expected: str, answer: str, variables: str, name: str, en: str, zh: str) -> None:
    v = verdict(kind, expected, answer, variables)
    assert v.status == "incorrect"
    assert v.details["mistake"]["name"] == name, v.message
    assert name in MISTAKES and MISTAKES[name]["zh"]
    assert en in v.message and v.message == v.details["mistake"]["message"]
    assert zh in verdict(kind, expected, answer, variables, lang="zh").message


NOT_NAMED = [  # near cases: wrong, but not that slip (nothing, or the named other one)
    ("expression", "2*x*cos(x^2)", "2x*cos(x)", "x", None),               # not a constant multiple
    ("expression", "x*cos(x^2)", "x^2*cos(x^2)", "x", None),              # the ratio is x, not a constant
    ("expression", "2*x", "x^2", "x", None),
    ("expression", "2*x*cos(x^2)", "sin(x^2)", "x", None),                # the antiderivative, not a factor off
    ("expression", "2*x*cos(x^2)", "4x*cos(x^2)", "x", "constant-factor"),
    ("expression", "2*x*cos(x^2)", "cos(x^2)+1", "x", None),
    ("expression", "4*x*cos(x^2)", "cos(x^2)", "x", None),                # 4x is not the inner derivative 2x
    ("expression", "x^2*cos(x)", "cos(x)", "x", None),                    # x² is no inner derivative of cos(x)
    ("expression", "2*x*(x^2+1)", "x^2+1", "x", None),                    # no inner function: not the chain rule
    ("expression", "3*cos(3*x)", "cos(3x)", "x", "constant-factor"),      # a constant inner derivative: a factor
    ("expression", "x*sigma(w*x+b)*(1-sigma(w*x+b))", "σ(wx+b)", "w,x,b", None),
    ("expression", "x^2+1", "x^2-1", "x", "additive-constant"),          # a constant apart, not upside down
    ("expression", "x^2+1", "1/(x^2+2)", "x", None),                     # not quite the reciprocal
    ("expression", "3*x^2-4*x+1", "3x^2-4x", "x", "additive-constant"),
    ("expression", "3*x^2-4*x+1", "3x^2-3x+1", "x", None),                # differs by x, not a constant
    ("expression", "3-2^(n-1)", "3-2^(n-1)+1", "n", "additive-constant"),  # a constant, not a shift
    ("expression", "3-2^(n-1)", "3-3^(n-1)", "n", None),
    ("expression", "2*x-1", "2x+1", "x", "additive-constant"),            # x is not an index: no shift
    ("expression", "log(x)/log(3)", "log(x)", "x", None),                  # × ln 3: no base factor we name
    ("number", "7", "8", "", None),                                      # a generic wrong number
    ("number", "7", "9", "", None),
    ("number", "7", "70.5", "", None),                                   # not a power of ten times
    ("number", "6", "10", "", None),                                     # 5/3: not a factor we name
    ("number", "1", "-2", "", "constant-factor"),                        # −2×, not merely the sign
    ("number", SIGMA_HALF, "0.63", "", None),                            # not the key rounded
    ("number", SIGMA_HALF, "0.622", None, None),                          # right (within 0.1 %): no slip at all
    ("number", SIGMA_HALF, "6.3", "", None),                             # ×10 and then wrongly rounded
    ("number", "1234.5", "1300", "", None),
    ("number", "pi/6", "31", "", None),
    ("vector", "(1, 2, 3)", "(1, 5, 4)", "", None),                      # two wrong entries, not swapped
    ("vector", "(1, 2, 3)", "(2, 1, 4)", "", None),
    ("vector", "(1, 2, 3)", "(7, 8, 9)", "", None),
    ("vector", "(1, 2, 3)", "(2, 4, 7)", "", None),                      # not a multiple in every component
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 2], [4, 5]]", "", None),
    ("matrix", "[[1, 2], [2, 4]]", "[[1, 2], [2, 5]]", "", "one-wrong-entry"),  # symmetric: never "transposed"
]


@pytest.mark.parametrize("kind, expected, answer, variables, name", NOT_NAMED)
def test_near_case_is_not_named(kind: str, expected: str, answer: str, variables: str | None,
                                name: str | None) -> None:
    v = verdict(kind, expected, answer, variables or "")
    if variables is None:
        assert v.status == "correct" and "mistake" not in v.details
        return
    assert v.status == "incorrect"
    assert named(v) == name, v.message


UNRELATED = ["cos(x)", "-sin(x^2)", "2cos(x^2)", "2x sin(x^2)", "cos(2x)", "2x", "cos(x^2)^2", "2x cos(x)",
             "e^(x^2)", "x^2 cos(x^2)", "sqrt(x^2+1)", "1/cos(x^2)", "2^(x^2)", "log(x^2+1)", "tanh(x^2)"]


@pytest.mark.parametrize("key", ["2*x*cos(x^2)", "2*x*exp(x^2)", "2*x/(x^2+1)", "x/sqrt(x^2+1)"])
def test_the_inner_derivative_is_named_only_when_it_is_the_missing_factor(key: str) -> None:
    named_for = {answer: named(verdict("expression", key, answer, "x")) for answer in UNRELATED}
    chain = {a for a, name in named_for.items() if name == "chain-rule-missing-inner"}
    # worked by hand: among these answers only e^(x²) is a function whose inner derivative (2x) the key has on top
    truly = {"2*x*cos(x^2)": set(), "2*x*exp(x^2)": {"e^(x^2)"}, "2*x/(x^2+1)": set(), "x/sqrt(x^2+1)": set()}
    assert chain == truly[key], named_for


def test_author_listed_mistakes_win() -> None:
    own = [{"expr": "x*cos(x^2)", "message": {"en": "Your own words.", "zh": "你的话。"}}]
    v = verdict("expression", "2*x*cos(x^2)", "x*cos(x^2)", "x", mistakes=own)
    assert v.message == "Your own words." and v.details["mistake"]["name"] is None
    by_name = [{"name": "chain-rule-missing-inner", "expr": "x*cos(x^2)"}]
    v = verdict("expression", "2*x*cos(x^2)", "x*cos(x^2)", "x", mistakes=by_name)
    assert v.details["mistake"]["name"] == "chain-rule-missing-inner"
    listed_transpose = [{"name": "missing-transpose", "expr": "[[1, 3], [2, 4]]"}]
    v = verdict("matrix", "[[1, 2], [3, 4]]", "[[1, 3], [2, 4]]", mistakes=listed_transpose)
    assert v.details["mistake"]["name"] == "missing-transpose"


def test_right_answers_and_forms_are_never_diagnosed() -> None:
    assert "mistake" not in verdict("expression", "2*x+2", "2(x+1)", "x", form="expanded").details
    assert "mistake" not in verdict("number", SIGMA_HALF, "0.6", sigfigs=1).details
    assert "mistake" not in verdict("number", "0.5", "0.50", sigfigs=3).details  # right value, other precision


def test_a_tolerance_the_author_sets_is_used() -> None:
    v = verdict("number", "100", "1000", rtol=0.01)
    assert named(v) == "place-value"
    assert named(verdict("number", "100", "1030", rtol=0.01)) is None


# -- Hadamard vs matrix product, where the exercise names the operands -------------------------------------------

A, B = "[[1, 2], [0, 1]]", "[[-1, 0], [2, -1]]"
AB, BA, HAD = "[[3, -2], [2, -1]]", "[[-1, -2], [2, 3]]", "[[-1, 0], [0, -1]]"


@pytest.mark.parametrize("expected, answer, name", [
    (AB, HAD, "hadamard-instead-of-product"),
    (HAD, AB, "product-instead-of-hadamard"),
    (HAD, BA, "product-instead-of-hadamard"),
    (AB, BA, "product-order"),
])
def test_products_are_told_apart_with_operands(expected: str, answer: str, name: str) -> None:
    v = verdict("matrix", expected, answer, operands=[A, B])
    assert named(v) == name and MISTAKES[name]["en"] in v.message
    assert named(verdict("matrix", expected, answer)) != name  # without operands nothing says which matrices


def test_operands_do_not_name_an_unrelated_wrong_matrix() -> None:
    assert named(verdict("matrix", AB, "[[3, -2], [2, 7]]", operands=[A, B])) == "one-wrong-entry"
    assert named(verdict("matrix", AB, "[[9, 9], [9, 9]]", operands=[A, B])) is None


# -- the catalogue -----------------------------------------------------------------------------------------------

def test_catalogue_messages_are_general_and_diagnoses_are_catalogued() -> None:
    for name, texts in MISTAKES.items():
        assert texts["en"] and texts["zh"] and "{" not in texts["en"] + texts["zh"], name
    for key, texts in DIAGNOSES.items():
        assert key.split(":")[0] in MISTAKES, key
        assert set(re.findall(r"{(\w+)}", texts["en"])) == set(re.findall(r"{(\w+)}", texts["zh"])), key


def test_an_exercise_names_its_operands() -> None:
    """matrix-product-2x2 declares `operands: [A, B]`: BA typed for AB is named by the exercise's checker."""
    import sympy as sp

    from exercises import load_library

    template = load_library().get("matrix-product-2x2")
    for seed in range(1, 30):
        exercise = template.generate(seed)
        a, b = exercise.derived["A"], exercise.derived["B"]
        ba = sp.ImmutableMatrix(b * a)
        if ba != a * b and ba != a.multiply_elementwise(b) and ba != (a * b).T:
            break
    typed = "[" + ", ".join("[" + ", ".join(str(v) for v in row) + "]" for row in ba.tolist()) + "]"
    verdict = exercise.check("", typed, lang="zh")
    assert verdict.details["mistake"]["name"] == "product-order"
    assert verdict.message == MISTAKES["product-order"]["zh"]


def test_batch_lines_carry_operands() -> None:
    import io
    import json

    from solver.cli import batch

    out = io.StringIO()
    line = json.dumps({"kind": "matrix", "expected": AB, "answer": HAD, "operands": [A, B]})
    batch([line + "\n"], out)
    assert json.loads(out.getvalue())["details"]["mistake"]["name"] == "hadamard-instead-of-product"
