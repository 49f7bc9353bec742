"""The checker's messages in English and Chinese (parse errors carry their own messages)."""
from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "correct": {"en": "Correct!", "zh": "正确！"},
    "incorrect": {"en": "Not quite.", "zh": "还不对。"},
    "counterexample": {
        "en": "Not quite: at {point} yours gives {yours}, expected {expected}.",
        "zh": "还不对：当 {point} 时，你的答案等于 {yours}，应为 {expected}。",
    },
    "value_differs_by": {
        "en": "Not quite: yours differs from the expected value by {difference}.",
        "zh": "还不对：你的答案与正确的值相差 {difference}。",
    },
    "counterexample_difference": {
        "en": "Not quite: at {point} yours differs from the expected answer by {difference}.",
        "zh": "还不对：当 {point} 时，你的答案与正确答案相差 {difference}。",
    },
    "counterexample_expected_not_real": {
        "en": "Not quite: at {point} yours gives {yours}, but the expected answer is not defined there "
              "(it is not a real number).",
        "zh": "还不对：当 {point} 时，你的答案等于 {yours}，但正确答案在这里没有定义（不是实数）。",
    },
    "counterexample_yours_not_real": {
        "en": "Not quite: at {point} your answer is not defined (it is not a real number), but the expected "
              "answer is {expected}.",
        "zh": "还不对：当 {point} 时，你的答案没有定义（不是实数），而正确答案等于 {expected}。",
    },
    "value_not_real": {
        "en": "Not quite: your answer is not a real number.",
        "zh": "还不对：你的答案不是实数。",
    },
    "value_differs": {
        "en": "Not quite: your answer equals {yours}, which is not the expected value.",
        "zh": "还不对：你的答案等于 {yours}，不是正确的值。",
    },
    "close_not_within": {
        "en": "Close, but not within the allowed error ({tol}).",
        "zh": "很接近了，但超出了允许的误差（{tol}）。",
    },
    "sigfigs": {
        "en": "Right value, but give it to {n} significant figures.",
        "zh": "数值对了，但请保留 {n} 位有效数字。",
    },
    "forbidden": {
        "en": "Write the result out: {name}(…) is not allowed here.",
        "zh": "请直接写出结果：这里不能使用 {name}(…)。",
    },
    "form_expanded": {
        "en": "Equivalent, but not expanded yet: multiply out the brackets.",
        "zh": "结果等价，但还没有展开：请把括号乘开。",
    },
    "form_factored": {
        "en": "Equivalent, but not factored yet: write it as a product of factors.",
        "zh": "结果等价，但还没有因式分解：请写成因式的乘积。",
    },
    "form_simplified": {
        "en": "Equivalent, but not simplified yet: simplify it further.",
        "zh": "结果等价，但还没有化简：请进一步化简。",
    },
    "literal_product": {
        "en": "Compute the product yourself: type the resulting {shape}, entry by entry.",
        "zh": "请自己算出乘积：直接输入结果{shape}，逐个元素写出。",
    },
    "literal_sum": {
        "en": "Compute the sum yourself: type the resulting {shape}, entry by entry.",
        "zh": "请自己算出和：直接输入结果{shape}，逐个元素写出。",
    },
    "literal_difference": {
        "en": "Compute the difference yourself: type the resulting {shape}, entry by entry.",
        "zh": "请自己算出差：直接输入结果{shape}，逐个元素写出。",
    },
    "literal_scalar-multiple": {
        "en": "Multiply each entry yourself: type the resulting {shape}, entry by entry.",
        "zh": "请自己把每个元素乘出来：直接输入结果{shape}，逐个元素写出。",
    },
    "literal_quotient": {
        "en": "Divide each entry yourself: type the resulting {shape}, entry by entry.",
        "zh": "请自己把每个元素除出来：直接输入结果{shape}，逐个元素写出。",
    },
    "literal_negation": {
        "en": "Apply the minus sign to each entry yourself: type the resulting {shape}.",
        "zh": "请自己把负号乘进每个元素：直接输入结果{shape}。",
    },
    "literal_power": {
        "en": "Compute the matrix power yourself: type the resulting {shape}, entry by entry.",
        "zh": "请自己算出矩阵的幂：直接输入结果{shape}，逐个元素写出。",
    },
    "literal_hadamard": {
        "en": "Multiply the matching entries yourself: type the resulting {shape}, entry by entry.",
        "zh": "请自己把对应元素相乘：直接输入结果{shape}，逐个元素写出。",
    },
    "literal_transpose": {
        "en": "Transpose it yourself: type the transposed {shape}, entry by entry.",
        "zh": "请自己完成转置：直接输入转置后的{shape}，逐个元素写出。",
    },
    "literal_function": {
        "en": "Work out {name} yourself and type the {shape} it gives (decimals such as 0.73 or fractions "
              "such as 3/4).",
        "zh": "请自己算出 {name} 的值，直接输入得到的{shape}（小数如 0.73，或分数如 3/4）。",
    },
    "literal_sum-notation": {
        "en": "Add up the terms yourself: type the resulting {shape}.",
        "zh": "请自己把各项加起来：直接输入结果{shape}。",
    },
    "literal_other": {
        "en": "Type the value itself — a number, or a vector or matrix of numbers — not a calculation for the "
              "checker to do.",
        "zh": "请直接输入值本身——一个数，或由数组成的向量或矩阵——而不是让检查器替你计算的算式。",
    },
    "shape_number": {"en": "number", "zh": "数"},
    "diag_component": {"en": "component {i}", "zh": "第 {i} 个分量"},
    "diag_entry": {"en": "the entry in row {i}, column {j}", "zh": "第 {i} 行第 {j} 列的元素"},
    "expected_expression": {
        "en": "Expected a single expression here, not a {got}.",
        "zh": "这里需要一个表达式，而不是{got}。",
    },
    "hint_braces_group": {
        "en": "Braces { } group only after ^ and _ (as in x^{n-1}); standing alone they make a set — to group, "
              "use parentheses, e.g. (x+1).",
        "zh": "花括号 { } 只在 ^ 和 _ 之后表示分组（如 x^{n-1}）；单独使用时表示集合——分组请用圆括号，例如 (x+1)。",
    },
    "hint_decimal_comma": {
        "en": "A comma separates the entries of a vector, so {typed} was read as two numbers: write a decimal "
              "number with a point, e.g. 0.25, and no thousands separator, e.g. 1000.",
        "zh": "逗号用来分隔向量的分量，所以 {typed} 被读成了两个数：小数请用小数点，例如 0.25；大数不要加千位分隔符，例如 1000。",
    },
    "expected_number": {
        "en": "Expected a number here.",
        "zh": "这里需要一个数。",
    },
    "number_has_variables": {
        "en": "Expected a number, but your answer still contains {names}.",
        "zh": "这里需要一个数，但你的答案里还有 {names}。",
    },
    "expected_vector": {
        "en": "Expected a vector like (1, 2).",
        "zh": "这里需要一个向量，例如 (1, 2)。",
    },
    "expected_matrix": {
        "en": "Expected a matrix like [[1, 2], [3, 4]].",
        "zh": "这里需要一个矩阵，例如 [[1, 2], [3, 4]]。",
    },
    "expected_set": {
        "en": "Expected a set like {1, 2}.",
        "zh": "这里需要一个集合，例如 {1, 2}。",
    },
    "vector_length": {
        "en": "Not quite: expected {n} components, got {m}.",
        "zh": "还不对：应有 {n} 个分量，你给了 {m} 个。",
    },
    "matrix_shape": {
        "en": "Not quite: expected a {shape} matrix, got {got}.",
        "zh": "还不对：应为 {shape} 矩阵，你给的是 {got}。",
    },
    "wrong_components": {
        "en": "Not quite: {count} of {total} components are wrong (component {where}).",
        "zh": "还不对：{total} 个分量中有 {count} 个不对（第 {where} 个分量）。",
    },
    "wrong_entries": {
        "en": "Not quite: {count} of {total} entries are wrong (row, column: {where}).",
        "zh": "还不对：{total} 个元素中有 {count} 个不对（行, 列：{where}）。",
    },
    "set_missing_one": {
        "en": "1 expected element is missing",
        "zh": "少了 1 个元素",
    },
    "set_missing": {
        "en": "{n} expected elements are missing",
        "zh": "少了 {n} 个元素",
    },
    "set_extra_one": {
        "en": "{items} does not belong in the set",
        "zh": "{items} 不应在集合中",
    },
    "set_extra": {
        "en": "{items} do not belong in the set",
        "zh": "{items} 不应在集合中",
    },
    "set_too_large": {
        "en": "A set here has at most {n} elements.",
        "zh": "这里的集合最多只能有 {n} 个元素。",
    },
    "and_more": {"en": " and {n} more", "zh": " 以及另外 {n} 个"},
    "reason_sep": {"en": "; ", "zh": "；"},
    "not_quite_because": {
        "en": "Not quite: {reasons}.",
        "zh": "还不对：{reasons}。",
    },
    "choice_unreadable": {
        "en": "Answer with option letters, e.g. B or A, C (options {first}–{last}).",
        "zh": "请用选项字母作答，例如 B 或 A, C（选项 {first}–{last}）。",
    },
    "choice_one": {
        "en": "Choose exactly one option.",
        "zh": "请只选一个选项。",
    },
    "choice_partial": {
        "en": "Not quite: some of your choices are right, but not all of them.",
        "zh": "还不对：你选对了一部分，但不完全对。",
    },
    "undecided": {
        "en": "This answer could not be checked in time; try writing it more simply. It does not count as an attempt.",
        "zh": "未能在时限内检查这个答案，请写得更简单些。这次不计入作答次数。",
    },
    "never_real_yours": {
        "en": "Your answer is not a real number anywhere on {domain} (only through square roots or logarithms of "
              "negative numbers, or not at all), so it cannot be compared with the expected answer there: check "
              "what is under roots and logarithms. It does not count as an attempt.",
        "zh": "你的答案在 {domain} 上处处不是实数（只能经由负数的平方根或对数得到，或根本没有定义），因此无法与正确答案"
              "比较：请检查根号和对数里面的式子。这次不计入作答次数。",
    },
    "never_real_expected": {
        "en": "The expected answer is not a real number anywhere on {domain} (only through square roots or "
              "logarithms of negative numbers, or not at all), so your answer cannot be compared with it there. "
              "This is a problem of the exercise, not of your answer; it does not count as an attempt.",
        "zh": "正确答案在 {domain} 上处处不是实数（只能经由负数的平方根或对数得到，或根本没有定义），因此无法与你的答案"
              "比较。这是题目的问题，不是你的答案的问题；这次不计入作答次数。",
    },
    "never_real_both": {
        "en": "Neither your answer nor the expected one is a real number anywhere on {domain}, so they cannot be "
              "compared there. It does not count as an attempt.",
        "zh": "在 {domain} 上，你的答案和正确答案都处处不是实数，因此无法比较。这次不计入作答次数。",
    },
    "never_real_together": {
        "en": "Your answer and the expected one are never real numbers at the same point of {domain}, so they "
              "cannot be compared there: check the signs under roots and logarithms. It does not count as an "
              "attempt.",
        "zh": "在 {domain} 上，你的答案和正确答案从不在同一点同时是实数，因此无法比较：请检查根号和对数里面的符号。"
              "这次不计入作答次数。",
    },
    "internal_error": {
        "en": "Something went wrong while checking this answer; it does not count as an attempt.",
        "zh": "检查这个答案时出了问题；这次不计入作答次数。",
    },
    "bad_case": {
        "en": "This case could not be checked: {reason}.",
        "zh": "无法检查这一条：{reason}。",
    },
    "unknown_kind": {
        "en": "Unknown answer kind “{kind}”.",
        "zh": "未知的答案类型“{kind}”。",
    },
    "bad_expected": {
        "en": "The exercise's expected answer could not be read ({error}); this is not your fault.",
        "zh": "无法读取本题的标准答案（{error}）；这不是你的问题。",
    },
    "shape_vector": {"en": "vector", "zh": "向量"},
    "shape_matrix": {"en": "matrix", "zh": "矩阵"},
    "shape_set": {"en": "set", "zh": "集合"},
    "shape_statement": {"en": "comparison", "zh": "比较式"},
    "list_sep": {"en": ", ", "zh": "、"},
    "hint_power_then_product": {
        "en": "(Read as {read}; did you mean {meant}?)",
        "zh": "（这里读作 {read}；你是想写 {meant} 吗？）",
    },
}
MESSAGES["hint_power_then_fraction"] = MESSAGES["hint_fraction_then_sum"] = MESSAGES["hint_power_then_product"]
"""The other readings worth a hint say it in the same words (read as …; did you mean …?)."""


def say(key: str, lang: str = "en", **fmt: Any) -> str:
    """The message ``key`` in ``lang`` (``en`` or ``zh``; anything else falls back to English)."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text


def text_in(message: str | dict[str, str] | None, lang: str) -> str | None:
    """A message given as plain text or as ``{"en": ..., "zh": ...}``, in ``lang``."""
    if message is None or isinstance(message, str):
        return message
    return message.get(lang) or message.get("en") or next(iter(message.values()), None)
