"""The expression kind: the traps, near misses (all must be incorrect), messages, options, mistakes."""
from __future__ import annotations

import pytest
import sympy as sp

from solver import MISTAKES, Verdict, check, preview

CHAIN = "w*sigma(w*x+b)*(1-sigma(w*x+b))"


def expr(expected: str, answer: str, vars: str = "x", **kw) -> Verdict:
    return check("expression", expected, answer, vars=[v for v in vars.split(",") if v], **kw)


@pytest.mark.parametrize("expected, answer, vars", [
    ("2*a*(a*x+b*y)+2*p*(p*x+q*y)", "2a(ax+by)+2p(px+qy)", "a,b,p,q,x,y"),
    ("2*b*(a*x+b*y)+2*q*(p*x+q*y)", "2(a b + p q)x + 2(b^2+q^2)y", "a,b,p,q,x,y"),
    (CHAIN, "w/(1+e^(-(wx+b)))*(1-1/(1+e^(-(wx+b))))", "w,x,b"),
    (CHAIN, "w σ(wx+b)(1-σ(wx+b))", "w,x,b"),
    ("abs(x)", "sqrt(x^2)", "x"),
    ("abs(x)", "√(x²)", "x"),
    ("x+1", "(x^2-1)/(x-1)", "x"),
    ("tanh(x)", "(e^x - e^(-x))/(e^x + e^(-x))", "x"),
    ("tanh(x)", "(1 - exp(-2x))/(1 + exp(-2x))", "x"),
    ("sigma(x)*(1-sigma(x))", "e^(-x)/(1+e^(-x))^2", "x"),
    ("exp(-x)/(1+exp(-x))^2", "σ(x)(1-σ(x))", "x"),
    ("x^2/2", "0.5x^2", "x"),
    ("sin(x)^2", "1 - cos(x)^2", "x"),
    ("relu(x)", "(x + abs(x))/2", "x"),
    ("2*x*exp(x^2)", "2x e^(x^2)", "x"),
    ("1/(1+exp(-x))", "sigma(x)", "x"),
    ("log(x)", "ln(x)", "x"),
])
def test_equivalent_answers_are_correct(expected: str, answer: str, vars: str) -> None:
    verdict = expr(expected, answer, vars)
    assert verdict.status == "correct", verdict.message
    assert verdict.score == 1.0


@pytest.mark.parametrize("expected, answer, vars", [
    ("x", "sqrt(x^2)", "x"),
    ("pi*x", "3.14159x", "x"),
    ("pi*x", "3.1415926535897932384626x", "x"),
    ("e^x", "2.718281828^x", "x"),
    ("x^2/2", "x/2", "x"),
    ("x^2/2", "x^2", "x"),
    ("x+1", "x-1", "x"),
    ("x+1", "(x^2+1)/(x-1)", "x"),
    ("(x+1)^2", "x^2+1", "x"),
    ("(x+1)^2", "x^2+x+1", "x"),
    ("x^2+2*x+1", "x^2+2x+1.0001", "x"),
    ("sin(x)", "sin(x) + 10^-12", "x"),
    ("x", "x + 10^-40", "x"),
    ("x", "1.0000000001x", "x"),
    ("sigma(x)*(1-sigma(x))", "sigma(x)", "x"),
    ("sigma(x)*(1-sigma(x))", "sigma(x)(1+sigma(x))", "x"),
    (CHAIN, "sigma(wx+b)(1-sigma(wx+b))", "w,x,b"),
    (CHAIN, "w sigma(wx+b)", "w,x,b"),
    ("2*a*(a*x+b*y)+2*p*(p*x+q*y)", "2a(ax+by)+2q(px+qy)", "a,b,p,q,x,y"),
    ("2*a*(a*x+b*y)+2*p*(p*x+q*y)", "a(ax+by)+p(px+qy)", "a,b,p,q,x,y"),
    ("tanh(x)", "(e^x - e^(-x))/(e^x + e^(-x)) + 0.001", "x"),
    ("tanh(x)", "sigma(2x)", "x"),
    ("relu(x)", "x", "x"),
    ("relu(x)", "abs(x)", "x"),
    ("exp(x)", "1 + x + x^2/2 + x^3/6 + x^4/24", "x"),
    ("sin(x)", "x - x^3/6", "x"),
    ("x*y", "y*x + x - x*1.000000001", "x,y"),
    ("x^3", "x^3 + 10^-6 x", "x"),
])
def test_near_misses_are_incorrect(expected: str, answer: str, vars: str) -> None:
    verdict = expr(expected, answer, vars)
    assert verdict.status == "incorrect", (answer, verdict)
    assert verdict.score < 1


def test_counterexample_message_names_a_nice_point() -> None:
    verdict = expr("x", "x^2")
    assert verdict.message == "Not quite: at x = 0.5 yours gives 0.25, expected 0.5."
    assert verdict.details["counterexample"] == {"point": {"x": "0.5"}, "yours": "0.25", "expected": "0.5"}


def test_counterexample_in_chinese() -> None:
    verdict = expr("x", "x^2", lang="zh")
    assert verdict.message == "还不对：当 x = 0.5 时，你的答案等于 0.25，应为 0.5。"


def test_abs_trap_counterexample_uses_a_negative_point() -> None:
    verdict = expr("x", "sqrt(x^2)")
    point = verdict.details["counterexample"]["point"]["x"]
    assert float(point) < 0


def test_interpreted_is_latex_of_the_answer() -> None:
    verdict = expr("x^2", "x^2")
    assert verdict.interpreted == "x^{2}"


def test_undeclared_variable_is_invalid_and_names_it() -> None:
    verdict = expr("x*y", "x*z", "x,y")
    assert verdict.status == "invalid"
    assert "z" in verdict.message and "x, y" in verdict.message
    assert verdict.details["error"]["code"] == "unknown_name"


def test_syntax_error_is_invalid_with_column() -> None:
    verdict = expr("x", "(x+1")
    assert verdict.status == "invalid"
    assert verdict.details["error"]["code"] == "unmatched_open"
    assert verdict.interpreted is None


def test_vector_for_expression_is_invalid() -> None:
    verdict = expr("x", "(x, 1)")
    assert verdict.status == "invalid"
    assert "vector" in verdict.message


@pytest.mark.parametrize("lang, text", [("en", "diff(…) is not allowed"), ("zh", "不能使用 diff(…)")])
def test_forbidden_function_is_invalid(lang: str, text: str) -> None:
    verdict = expr("2*x", "diff(x^2, x)", forbidden=["diff"], lang=lang)
    assert verdict.status == "invalid"
    assert text in verdict.message


def test_forbidden_sigma_accepts_the_exp_form() -> None:
    assert expr("sigma(x)", "σ(x)", forbidden=["sigma"]).status == "invalid"
    assert expr("sigma(x)", "sigmoid(x)", forbidden=["sigma"]).status == "invalid"
    assert expr("sigma(x)", "1/(1+e^(-x))", forbidden=["sigma"]).status == "correct"


@pytest.mark.parametrize("form, answer, status, score", [
    ("expanded", "x^2+2x+1", "correct", 1.0),
    ("expanded", "(x+1)^2", "incorrect", 0.5),
    ("factored", "(x+1)^2", "correct", 1.0),
    ("factored", "(x+1)(x+1)", "correct", 1.0),
    ("factored", "x^2+2x+1", "incorrect", 0.5),
    ("factored", "(x+1)^2 + 1", "incorrect", 0.0),
])
def test_required_form(form: str, answer: str, status: str, score: float) -> None:
    verdict = expr("(x+1)^2", answer, form=form)
    assert (verdict.status, verdict.score) == (status, score), verdict.message
    if score == 0.5:
        assert verdict.details["form"] == form
        assert form.rstrip("ed") in verdict.message


def test_simplified_form() -> None:
    assert expr("x+1", "(x^2-1)/(x-1)", form="simplified").score == 0.5
    assert expr("x+1", "1+x", form="simplified").status == "correct"


def test_anticipated_mistake_with_own_message() -> None:
    mistakes = [{"expr": "sigma(x)", "message": {"en": "You dropped (1 − σ).", "zh": "你漏掉了 (1 − σ)。"}}]
    verdict = expr("sigma(x)*(1-sigma(x))", "σ(x)", mistakes=mistakes, lang="zh")
    assert verdict.status == "incorrect"
    assert verdict.message == "你漏掉了 (1 − σ)。"
    assert verdict.details["mistake"]["message"] == "你漏掉了 (1 − σ)。"


def test_anticipated_mistake_from_the_catalogue() -> None:
    mistakes = [{"name": "chain-rule-missing-inner", "expr": "sigma(w*x+b)*(1-sigma(w*x+b))"}]
    verdict = check("expression", CHAIN, "σ(wx+b)(1-σ(wx+b))", vars=["w", "x", "b"], mistakes=mistakes)
    assert verdict.details["mistake"]["name"] == "chain-rule-missing-inner"
    assert verdict.message == MISTAKES["chain-rule-missing-inner"]["en"]


def test_mistake_given_as_sympy_value() -> None:
    x = sp.Symbol("x")
    verdict = expr("2*x", "x^2", mistakes=[{"name": "m", "expr": x**2, "message": "squared"}])
    assert verdict.message == "squared"


def test_mistake_that_does_not_match_leaves_the_counterexample() -> None:
    verdict = expr("x", "x^2", mistakes=[{"expr": "x^3", "message": "cubed"}])
    assert "mistake" not in verdict.details
    assert verdict.message.startswith("Not quite: at x = 0.5")


def test_wrong_sign_is_detected_automatically() -> None:
    verdict = expr("x - y", "y - x", "x,y")
    assert verdict.status == "incorrect"
    assert verdict.details["mistake"]["name"] == "wrong-sign"
    assert verdict.message == MISTAKES["wrong-sign"]["en"]


def test_expected_as_sympy_value_with_plain_symbols() -> None:
    x = sp.Symbol("x")
    assert check("expression", 2 * x, "x+x", vars=["x"]).status == "correct"
    assert check("expression", 2 * x, "x", vars=["x"]).status == "incorrect"


def test_domain_restricts_sampling() -> None:
    # On x > 0, sqrt(x^2) is x.
    assert expr("x", "sqrt(x^2)", domain={"x": (0.1, 3)}).status == "correct"


def test_verdict_to_dict_is_the_cli_shape() -> None:
    data = expr("x", "x").to_dict()
    assert set(data) == {"status", "score", "message", "interpreted", "details"}
    assert data["message"] == "Correct!"
    assert expr("x", "x", lang="zh").message == "正确！"


def test_preview() -> None:
    ok = preview("x^2", vars=["x"])
    assert ok.ok and ok.latex == "x^{2}" and ok.message is None
    bad = preview("x^", vars=["x"], lang="zh")
    assert not bad.ok and bad.latex is None and bad.message
    assert preview("a, c", kind="choice").latex == r"\text{A, C}"


def test_check_never_raises_on_bad_arguments() -> None:
    assert check("expression", object(), "x", vars=["x"]).status == "invalid"
    assert check("nonsense", "x", "x").status == "invalid"
    assert check("expression", "x", None, vars=["x"]).status == "invalid"
    assert check("expression", "x +", "x", vars=["x"]).status == "invalid"
