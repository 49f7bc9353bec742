"""Messages speak the learner's language: the operator as typed (``\\cdot``, not ``*``), the variable names as
declared (``w_1``, not ``w1``), the true reason an answer cannot be compared (never both real), a tip when braces
were typed to group, and a too-large hint that fits the cause."""
from __future__ import annotations

import typing

import pytest

from solver import check
from solver.errors import ParseError
from solver.kinds.forms import literal_refusal
from solver.latex_reader import Source, read
from solver.parser import parse


def _error(text: str, variables: tuple[str, ...] = ("x", "y"), mode: str = "answer") -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse(text, variables, mode=mode)
    return caught.value


# -- the true reason: no point where both sides are real -------------------------------------------------------

def test_expected_never_real_on_the_domain_is_said_in_both_languages() -> None:
    en = check("expression", "sqrt(x-3)*sqrt(x-5)", "sqrt((x-3)*(x-5))", vars=["x"])
    assert en.status == "invalid"
    assert en.details["error"] == {"code": "never_real", "side": "expected", "domain": {"x": ["-3", "3"]}}
    assert "expected answer is not a real number anywhere on x ∈ [-3, 3]" in en.message
    assert "in time" not in en.message
    zh = check("expression", "sqrt(x-3)*sqrt(x-5)", "sqrt((x-3)*(x-5))", vars=["x"], lang="zh")
    assert "正确答案在 x ∈ [-3, 3] 上处处不是实数" in zh.message


def test_answer_never_real_and_never_together() -> None:
    yours = check("expression", "sqrt((x-3)*(x-5))", "sqrt(x-3)*sqrt(x-5)", vars=["x"])
    assert yours.status == "invalid" and yours.details["error"]["side"] == "yours"
    assert yours.message.startswith("Your answer is not a real number anywhere on x ∈ [-3, 3]")
    together = check("expression", "sqrt(1-x)*sqrt(2-x)", "sqrt(x-1)*sqrt(x-2)", vars=["x"], lang="zh")
    assert together.details["error"]["side"] == "together" and "从不在同一点同时是实数" in together.message


def test_where_both_are_real_the_answer_is_judged() -> None:
    assert check("expression", "sqrt(x-3)*sqrt(x-5)", "sqrt((x-3)*(x-5))", vars=["x"],
                 domain={"x": [5, 9]}).status == "correct"
    assert check("expression", "sqrt(x-3)*sqrt(x-5)", "sqrt((x-3)*(x-4))", vars=["x"],
                 domain={"x": [5, 9]}).status == "incorrect"


def test_the_domain_is_shown_with_the_learners_name() -> None:
    verdict = check("expression", "sqrt(w_1-3)*sqrt(w_1-5)", "sqrt((w_1-3)*(w_1-5))", vars=["w_1"],
                    domain={"w_1": [0, 2]})
    assert "w_1 ∈ [0, 2]" in verdict.message and verdict.details["error"]["domain"] == {"w_1": ["0", "2"]}


# -- the operator as typed ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "shown", "column"), [
    (r"\cdot", r"'\cdot'", 1), (r"x \cdot \cdot y", r"'\cdot'", 9), (r"x \times \div 2", r"'\div'", 10),
    ("2××x", "'×'", 3), ("x ** * 2", "the ** ", 3), (r"x \div", r"the \div ", 3), ("x ÷", "the ÷ ", 3),
    (r"\left( x", r"unmatched \left(", 1), (r"x \right)", r"'\right)'", 3), (r"\big( x", r"unmatched \big(", 1),
    (r"x \le 3", r"'\le'", 3), ("x ≤ 3", "'≤'", 3), ("x)", "')'", 2), ("(x", "unmatched (", 1),
])
def test_errors_name_what_was_typed_at_its_column(text: str, shown: str, column: int) -> None:
    error = _error(text)
    assert error.column == column
    assert shown in error.message("en") and f"第 {column} 列" in error.message("zh")
    assert shown.split(" ")[-1].strip("'") in error.message("zh")


def test_a_left_hand_side_keeps_the_typed_operator() -> None:
    verdict = check("expression", "x", r"a_n = \cdot x", vars=["x"], lhs=["a_n"])
    assert verdict.status == "invalid" and r"'\cdot' at column 7" in verdict.message


# -- the learner's names --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["w_1", "w₁", "η", "a_n"])
def test_counterexamples_use_the_declared_names(name: str) -> None:
    verdict = check("expression", f"{name}*x", f"{name}*x + x", vars=[name, "x"])
    assert set(verdict.details["counterexample"]["point"]) == {name, "x"}
    assert f"{name} = " in verdict.message


def test_set_elements_and_leftover_variables_use_the_declared_names() -> None:
    verdict = check("set", "{w_1, 2}", "{w_1 + 1, 2}", vars=["w_1"])
    assert verdict.details["extra"] == ["w_1 + 1"] and "w1" not in verdict.message
    assert "w_1" in check("number", "2", "w_1 + 1", vars=["w_1"]).message


@pytest.mark.parametrize(("text", "variables", "en", "zh"), [
    ("X + 1", ("x",), "unknown name X at column 1 — capital and small letters make different names: write the "
                      "variable as given, e.g. x", "大小写字母是不同的名称：请按给定的写法输入变量，例如 x"),
    ("2W_1", ("w_1",), "write the variable as given, e.g. w_1", "例如 w_1"),
    ("3x2", ("x", "y"), "unknown name x2 at column 2 — write a power or a product, e.g. x^2 or 2x",
     "请写成幂或乘积，例如 x^2 或 2x"),
    ("y10 - 1", ("x", "y"), "e.g. y^10 or 10y", "例如 y^10 或 10y"),
])
def test_an_unknown_name_close_to_a_variable_says_how_to_write_it(text: str, variables: tuple[str, ...], en: str,
                                                                  zh: str) -> None:
    error = _error(text, variables)
    assert error.code == "unknown_name"
    assert en in error.message("en") and zh in error.message("zh")


def test_an_unknown_name_unlike_any_variable_lists_the_variables() -> None:
    for text in ("z", "xy2", "z2"):
        assert "the variables here are x, y" in _error(text).message("en")


@pytest.mark.parametrize(("text", "shown"), [("sqrt2", "sqrt(2) or sqrt 2"), ("ln2 + x", "ln(2) or ln 2"),
                                           ("2sin30", "sin(30) or sin 30")])
def test_a_function_with_its_argument_stuck_on_says_where_the_argument_goes(text: str, shown: str) -> None:
    error = _error(text)
    assert error.code == "function_digits"
    assert f"a function's argument goes in brackets or after a space, e.g. {shown}" in error.message("en")
    assert f"函数的自变量请写在括号里或空格之后，例如 {shown.replace(' or ', ' 或 ')}" in error.message("zh")


def test_a_checked_answer_says_so_too() -> None:
    verdict = check("number", "sqrt(2)", "sqrt2")
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == "function_digits"
    assert "e.g. sqrt(2) or sqrt 2" in verdict.message


def test_in_an_exercise_file_a_name_with_digits_is_a_name_to_declare() -> None:
    error = _error("sqrt2 + 1", mode="template")
    assert error.code == "unknown_name_template" and "declare it under params" in error.message("en")


@pytest.mark.parametrize("text", ["≈ 0.25", r"\approx 0.25", "0.25 ≈"])
def test_an_approximately_sign_is_not_needed(text: str) -> None:
    verdict = check("number", "1/4", text)
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == "approximately"
    assert "≈ at column" in verdict.message and "type just the value" in verdict.message
    assert "只输入数值即可" in check("number", "1/4", text, lang="zh").message


# -- repeating decimals -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "fraction"), [("0.(3)", "1/3"), ("2.(45)", "27/11"), ("0.(142857)", "1/7")])
def test_a_repeating_decimal_in_brackets_is_refused_with_its_fraction(text: str, fraction: str) -> None:
    verdict = check("number", "1/3", text)
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == "repeating_decimal"
    assert f"{text} at column 1 is a repeating decimal" in verdict.message and f"e.g. {fraction}" in verdict.message
    assert f"例如 {fraction}" in check("number", "1/3", text, lang="zh").message


@pytest.mark.parametrize("text", [r"0.\overline{3}", r"0.\dot{3}", r"0.1\overline{6}"])
def test_a_repeating_decimal_in_latex_is_refused(text: str) -> None:
    verdict = check("number", "1/3", text)
    assert verdict.details["error"]["code"] == "repeating_decimal_mark"
    assert "marks a repeating decimal" in verdict.message and "循环小数" in check("number", "1/3", text, lang="zh").message


def test_brackets_after_a_decimal_with_digits_are_a_product_and_marks_elsewhere_are_unknown() -> None:
    assert check("number", "3/2", "0.5(3)").status == "correct"   # ½(3), as in a cost ½(y − t)²
    assert _error(r"\overline{x}").code == "unknown_command"


# -- vectors written another way -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "column"), [("(1 2 3)", 4), ("[1 2; 3 4]", 4), ("(1, 2 3)", 7), ("{1 2}", 4)])
def test_entries_apart_by_spaces_ask_for_commas(text: str, column: int) -> None:
    error = _error(text)
    assert error.code == "entries_need_commas" and error.column == column
    assert "separate entries with commas, e.g. (1, 2, 3)" in error.message("en")
    assert "各项之间请用逗号分隔" in error.message("zh")
    assert _error("2 3").code == "unexpected_number"   # outside brackets: an operator is missing


@pytest.mark.parametrize(("text", "shown"), [("<1, 2>", "<"), ("⟨1, 2⟩", "⟨"), ("〈1，2〉", "〈"),
                                           (r"\langle 1, 2 \rangle", r"\langle")])
def test_a_vector_in_angle_brackets_is_asked_for_in_round_ones(text: str, shown: str) -> None:
    verdict = check("vector", "(1, 2)", text)
    assert verdict.details["error"]["code"] == "angle_brackets"
    assert verdict.message.startswith(f"{shown} at column 1: angle brackets are not read")
    assert "向量请写在圆括号里" in check("vector", "(1, 2)", text, lang="zh").message


def test_a_comparison_is_still_a_comparison() -> None:
    assert _error("x < 2").code == "comparison_not_allowed"


@pytest.mark.parametrize(("text", "column"), [("d/dx x^2", 1), ("d/dx(x^2)", 1), (r"\frac{d}{dx} x^2", 7),
                                            ("3 + d / dx x", 5)])
def test_a_derivative_operator_asks_for_the_derivative_itself(text: str, column: int) -> None:
    error = _error(text)
    assert error.code == "derivative_operator" and error.column == column
    assert "asks for a derivative, which is yours to work out — type the derivative itself" in error.message("en")
    assert "请直接写出导数" in error.message("zh")


def test_d_over_d_is_read_where_it_names_the_derivative_or_d_is_a_variable() -> None:
    assert check("expression", "2*x", "dy/dx = 2x", vars=["x"]).status == "correct"
    assert check("expression", "d/2", "d/2", vars=["d"]).status == "correct"


# -- characters a keyboard or an input method gives -------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [("½", "1/2"), ("¾", "3/4"), ("⅓x", "x/3"), ("½ x²", "x^2/2"), ("⅒", "1/10")])
def test_fraction_characters_are_read_as_fractions(text: str, value: str) -> None:
    assert check("expression", value, text, vars=["x"]).status == "correct"


@pytest.mark.parametrize("text", ["2½", "2 ½", "-1¾"])
def test_a_mixed_number_is_refused_rather_than_read_as_a_product(text: str) -> None:
    verdict = check("number", "5/2", text)
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == "mixed_number"
    assert "is a mixed number" in verdict.message and "带分数" in check("number", "5/2", text, lang="zh").message


@pytest.mark.parametrize("text", ["0。5", "0.5。", "0.5.", "0.5 . ", "(0.5, 1)."])
def test_a_chinese_full_stop_is_a_point_and_a_final_full_stop_ends_the_sentence(text: str) -> None:
    kind, expected = ("vector", "(1/2, 1)") if "," in text else ("number", "1/2")
    assert check(kind, expected, text).status == "correct"


@pytest.mark.parametrize(("text", "value"), [("3·2ⁿ⁻¹", "3*2^(n-1)"), ("e⁻ˣ", "exp(-x)"), ("xⁿ⁺¹", "x^(n+1)"),
                                           ("x⁽ⁿ⁻¹⁾", "x^(n-1)"), ("x⁻²", "x^(-2)"), ("x²ⁿ", "x^(2n)")])
def test_superscript_letters_and_brackets_are_read_as_a_power(text: str, value: str) -> None:
    verdict = check("expression", value, text, vars=["x", "n"])
    assert verdict.status == "correct", verdict.message


@pytest.mark.parametrize("text", ["Σ(2k-1)", "Σ 2k", "sum(2k-1)", "Π(k)"])
def test_a_sum_with_no_index_and_bounds_asks_for_them(text: str) -> None:
    error = _error(text, ("n",))
    assert error.code == "sum_bounds" and "needs its index and bounds" in error.message("en")


@pytest.mark.parametrize(("text", "code"), [("0.333...", "decimal_ellipsis"), ("0.333…", "decimal_ellipsis"),
                                            ("1 + 2 + ... + n", "ellipsis"), ("1, 2, …", "ellipsis")])
def test_three_dots_are_an_ellipsis_and_after_digits_a_decimal_that_goes_on(text: str, code: str) -> None:
    verdict = check("expression", "n", text, vars=["n"])
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == code
    if code == "decimal_ellipsis":
        assert "a decimal that goes on is not read — type a fraction" in verdict.message
        assert "无限小数" in check("expression", "n", text, vars=["n"], lang="zh").message


def test_two_points_are_still_refused() -> None:
    assert check("number", "1/2", "0.5..").status == "invalid"


# -- braces typed to group ------------------------------------------------------------------------------------

def test_a_lone_brace_group_gets_the_tip_about_braces() -> None:
    verdict = check("expression", "x+1", "{x+1}", vars=["x"])
    assert verdict.status == "invalid"
    assert "not a set" in verdict.message and "group only after ^ and _" in verdict.message
    assert "(x+1)" in verdict.message
    assert "只在 ^ 和 _ 之后表示分组" in check("expression", "x+1", "{x+1}", vars=["x"], lang="zh").message
    assert "group only" in check("number", "3/4", "{3/4}").message


def test_no_brace_tip_for_an_intended_set_or_a_group_that_works() -> None:
    assert "group only" not in check("expression", "x+1", r"\{x+1\}", vars=["x"]).message
    assert check("expression", "(x+1)^2", "{x+1}^2", vars=["x"]).status == "correct"


# -- a comma typed in a number ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "text"), [("number", "0,25"), ("number", "-0,25"), ("number", "1,000"),
                                            ("expression", "0,25"), ("number", "0，25")])
def test_a_decimal_comma_or_thousands_separator_is_explained(kind: str, text: str) -> None:
    verdict = check(kind, "1/4", text, vars=["x"] if kind == "expression" else None)
    assert verdict.status == "invalid"
    assert f"so {text} was read as two numbers" in verdict.message and "0.25" in verdict.message
    assert f"所以 {text} 被读成了两个数" in check(kind, "1/4", text, lang="zh").message


def test_no_comma_tip_for_a_vector_meant_as_one_or_a_comma_among_other_things() -> None:
    assert "two numbers" not in check("number", "1/4", "(0, 25)").message
    assert "two numbers" not in check("number", "1/4", "0,25,3").message
    assert "two numbers" not in check("expression", "x/4", "0,25x", vars=["x"]).message
    assert check("vector", "(0, 25)", "0,25").status == "correct"


# -- too large: a hint that fits the cause --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "mode", "hint", "not_hint"), [
    ("2^(10^10)", "answer", "2^(10^10)", "exercise file"),
    ("exp(exp(100))", "answer", "exp(exp(10))", "2^(10^10)"),
    ("1e99999", "answer", "far smaller numbers", "2^(10^10)"),
    ("[[1,2],[3,4]]^100000", "answer", "A^2 = A·A", "2^(10^10)"),
    (r"\sum_{i=1}^{10^9} i", "answer", "closed form", "2^(10^10)"),
    ("det([[x,1,1,1,1],[1,x,1,1,1],[1,1,x,1,1],[1,1,1,x,1],[1,1,1,1,x]])", "template",
     "smaller matrix in the exercise file", "2^(10^10)"),
    ("sum(k, k, 1, 10^9)", "template", "fewer terms in the exercise file", "2^(10^10)"),
])
def test_too_large_hints_fit_the_cause(text: str, mode: str, hint: str, not_hint: str) -> None:
    error = _error(text, ("x", "k"), mode)
    assert error.code == "too_big"
    assert hint in error.message("en") and not_hint not in error.message("en")
    assert "例如" in error.message("zh") and "太大" in error.message("zh")


# -- the literal form reads the answer's Source ---------------------------------------------------------------

def test_literal_refusal_takes_the_source_and_points_into_what_was_typed() -> None:
    assert typing.get_type_hints(literal_refusal)["source"] is Source
    typed = r"\left(\sigma(0.5)\right)"
    verdict = literal_refusal(read(typed), [], parse(typed).value, "en")
    assert verdict is not None and verdict.details["error"]["column"] == typed.index(r"\sigma") + 1


@pytest.mark.parametrize(("kind", "expected", "text"), [
    ("number", "3", "答：3"), ("number", "3", "答:3"), ("number", "3", "  解： 3。"), ("number", "3", "Answer: 3"),
    ("number", "3", "ANS : 3"), ("expression", "x^2", "答：x^2"), ("vector", "(1, 2)", "Answer: (1, 2)"),
    ("choice", "B", "答：B"), ("choice", "A,C", "解答：A, C"), ("choice", "A,C", "answer: a c")])
def test_a_label_before_the_answer_is_skipped(kind: str, expected: str, text: str) -> None:
    verdict = check(kind, expected, text, vars=["x"], choices=list("ABCD") if kind == "choice" else None)
    assert verdict.status == "correct", verdict.message


@pytest.mark.parametrize(("text", "code"), [("答 3", "unexpected_char"), ("answers: 3", "unknown_name"),
                                            ("3:4", "unexpected_char")])
def test_without_its_colon_a_label_is_not_skipped(text: str, code: str) -> None:
    assert _error(text, ()).code == code


def test_a_skipped_label_keeps_the_columns_of_what_follows() -> None:
    error = _error("答：x", ())
    assert (error.code, error.column) == ("unknown_name", 3)


@pytest.mark.parametrize(("text", "expected"), [("log₂8", "3"), ("log₂0.5", "-1"), ("log₁₀100", "2"),
                                                ("-0.5log₂0.5 - 0.5log₂0.5", "1")])
def test_a_logarithms_subscript_base_ends_the_word_as_a_space_would(text: str, expected: str) -> None:
    assert check("number", expected, text).status == "correct"


def test_a_subscript_base_before_a_variable_reads_the_variable() -> None:
    assert check("expression", "log(x)/log(2)", "log₂x", vars=["x"]).status == "correct"


@pytest.mark.parametrize(("kind", "expected", "text"), [("matrix", "[[1,2],[3,4]]", "【1,2;3,4】"),
                                                        ("matrix", "[[1,2],[3,4]]", "【【1，2】，【3，4】】"),
                                                        ("vector", "(1, 2)", "【1，2】")])
def test_square_brackets_typed_with_chinese_punctuation_on_are_square_brackets(kind: str, expected: str,
                                                                               text: str) -> None:
    assert check(kind, expected, text).status == "correct"


@pytest.mark.parametrize(("text", "code", "en", "zh"), [
    ("x……2", "ime_caret", "what the ^ key types with Chinese punctuation on", "中文标点状态下按 ^ 键"),
    ("(x+1)……2", "ime_caret", "type ^ for a power", "用 ^ 表示乘方"),
    ("x——1", "ime_underscore", "what the _ key types with Chinese punctuation on", "中文标点状态下按 _ 键")])
def test_the_caret_and_underscore_keys_typed_with_chinese_punctuation_on_are_named(text, code, en, zh) -> None:
    verdict = check("expression", "x^2", text, vars=["x"])
    assert verdict.status == "invalid" and verdict.details["error"]["code"] == code and en in verdict.message
    assert zh in check("expression", "x^2", text, vars=["x"], lang="zh").message


@pytest.mark.parametrize("text", ["x + …… + 2", "x …… 2", "x…2"])
def test_an_ellipsis_not_glued_to_an_operand_is_still_an_ellipsis(text: str) -> None:
    assert check("expression", "x^2", text, vars=["x"]).details["error"]["code"] == "ellipsis"
