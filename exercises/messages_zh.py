"""Chinese for the file-check messages written in English where they arise (`exercises.checks`, `exercises.params`):
`chinese(message)` matches a message against the patterns below and returns it in Chinese, or None when no pattern
knows it (the English message is then shown). A "(did you mean 'x'?)" suffix is translated wherever it stands."""
from __future__ import annotations

import re

_V = r"(.+?)"   # a value quoted in the message
PATTERNS: list[tuple[re.Pattern[str], str]] = [(re.compile(f"^{p}$"), zh) for p, zh in [
    # pydantic errors in plain words (checks.schema_problems)
    (f"unknown field '{_V}'", "未知字段“{0}”"),
    (r"is required", "必须填写"),
    (r"is required \(or give parts:\)", "必须填写（或改用 parts:）"),
    (f"expected a whole number, not {_V}", "应为整数，而不是 {0}"),
    (r"expected text, not a list or mapping", "应为文本，而不是列表或映射"),
    (f"expected text, not {_V}", "应为文本，而不是 {0}"),
    (f"must be {_V}, not {_V}", "必须是 {0}，而不是 {1}"),
    (r"expected a list \(- item lines or \[a, b\]\)", "应为列表（每行一个“- 项”，或写成 [a, b]）"),
    (r"expected a mapping \(key: value lines\)", "应为映射（每行一个“键: 值”）"),
    (f"'{_V}' is not a date \\(write 2025-03-01 or 2025-03-01 09:00\\)",
     "“{0}”不是日期（请写成 2025-03-01 或 2025-03-01 09:00）"),
    (f"'{_V}' is not allowed here: use letters, digits and dashes \\(lowercase\\)",
     "这里不能用“{0}”：只能用小写字母、数字和短横线"),
    (f"'{_V}' is not allowed here: use letters, digits and _ , starting with a letter",
     "这里不能用“{0}”：只能用字母、数字和 _，并以字母开头"),
    # the meaning of a template's fields (checks.template_problems)
    (f"unknown topic '{_V}'", "未知主题“{0}”"),
    (f"difficulty must be 1, 2 or 3, not {_V}", "难度必须是 1、2 或 3，而不是 {0}"),
    (r"give either answer: or parts:, not both", "answer: 与 parts: 只能二选一"),
    (f"'{_V}' is reserved \\(the constants e, pi and the words and, or, not\\); choose another",
     "“{0}”是保留名称（常数 e、pi 与 and、or、not），请换一个"),
    (f"'{_V}' is already a {_V} name", "“{0}”已经是一个 {1} 名称"),
    (f"'{_V}' is not a valid name", "“{0}”不是合法的名称"),
    (f"seed {_V} has two examples", "种子 {0} 有两个示例"),
    (f"'{_V}' is not a param", "“{0}”不是参数"),
    (r"a choice answer needs at least two choices", "选择题至少需要两个选项"),
    (f"choices are only for kind: choice \\(this answer is {_V}\\)", "只有 kind: choice 才能有 choices（这个答案是 {0}）"),
    (r"at most 26 choices \(A–Z\)", "最多 26 个选项（A–Z）"),
    (f"shuffle is only for kind: choice \\(this answer is {_V}\\)", "只有 kind: choice 才能用 shuffle（这个答案是 {0}）"),
    (f"{_V} must not be negative", "{0} 不能为负数"),
    (r"write the interval as \[lo, hi\] with lo < hi", "区间请写成 [lo, hi]，且 lo < hi"),
    (f"'{_V}' is not among vars {_V}", "“{0}”不在 vars {1} 之中"),
    (f"unknown mistake '{_V}'", "未知的错误名称“{0}”"),
    (r"give a catalogue name or a message \{en, zh\}", "请给出错误目录中的名称，或给出 {{en, zh}} 形式的提示"),
    (f"duplicate part id '{_V}'", "重复的小题编号“{0}”"),
    (r"a choice answer cannot stand for a derived value", "选择题的答案不能代表派生值"),
    (f"'{_V}' is not a derived name", "“{0}”不是派生值的名称"),
    (f"'{_V}' is already bound by an earlier part", "“{0}”已经被前面的小题绑定"),
    (f"there is no part '{_V}'", "没有小题“{0}”"),
    (f"'{_V}' is not a part before '{_V}'", "“{0}”不是“{1}”之前的小题"),
    (r"this template has a single answer: leave out part:", "这个模板只有一个答案：请去掉 part:"),
    (r"earlier: needs a multi-part template", "earlier: 只能用于多小题的模板"),
    # params (exercises.params)
    (r"give exactly one of int: \[lo, hi\], decimal: \[lo, hi\] or choice: \[\.\.\.\]",
     "int: [lo, hi]、decimal: [lo, hi] 与 choice: [...] 必须恰好给出一个"),
    (r"a choice has no step", "choice 没有 step"),
    (r"the choice list is empty", "choice 列表是空的"),
    (r"every choice is excluded", "所有选项都被排除了"),
    (f"write the range as \\[lo, hi\\] \\(two numbers\\), not {_V}", "范围请写成 [lo, hi]（两个数），而不是 {0} 个"),
    (f"range \\[{_V}\\] is empty", "范围 [{0}] 是空的"),
    (r"a decimal param needs a step, e\.g\. step: 0\.1", "decimal 参数需要 step，例如 step: 0.1"),
    (f"step must be positive, not {_V}", "step 必须为正，而不是 {0}"),
    (f"an int param needs a whole step, not {_V}", "int 参数的 step 必须是整数，而不是 {0}"),
    (f"step {_V} does not divide the range \\[{_V}\\] evenly", "step {0} 不能整除范围 [{1}]"),
    (f"range has {_V} values; at most {_V} allowed", "范围中有 {0} 个值；最多允许 {1} 个"),
    (f"'{_V}' is not a number", "“{0}”不是数"),
    (f"every value in \\[{_V}\\] is excluded", "[{0}] 中的所有值都被排除了"),
]]
_SUGGESTION = re.compile(r" \(did you mean '(.+?)'\?\)$")


def chinese(message: str) -> str | None:
    """`message` in Chinese, or None when no pattern knows it."""
    suggestion = _SUGGESTION.search(message)
    core = message[:suggestion.start()] if suggestion else message
    for pattern, zh in PATTERNS:
        match = pattern.match(core)
        if match:
            return zh.format(*match.groups()) + (f"（是不是“{suggestion.group(1)}”？）" if suggestion else "")
    return None
