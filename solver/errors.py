"""ParseError: why a piece of text could not be read, with its message in English and Chinese."""
from __future__ import annotations

from typing import Any

# code -> (English template, Chinese template). Templates are filled with ParseError.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("the answer is empty", "答案是空的"),
    "too_long": ("the answer is too long ({length} characters; at most {limit})",
                 "答案太长（{length} 个字符；最多 {limit} 个）"),
    "too_deep": ("too many nested brackets or operators at column {column} (at most {limit} levels)",
                 "第 {column} 列处括号或运算嵌套太深（最多 {limit} 层）"),
    "too_many_tokens": ("the answer has too many parts ({count}; at most {limit})",
                        "答案的组成部分太多（{count} 个；最多 {limit} 个）"),
    "unexpected_char": ("unexpected character {char} at column {column}",
                        "第 {column} 列有无法识别的字符 {char}"),
    "unexpected_token": ("unexpected '{token}' at column {column}", "第 {column} 列出现了意外的 '{token}'"),
    "unexpected_number": ("unexpected number {token} at column {column} — write an operator such as * between "
                          "numbers", "第 {column} 列出现了意外的数字 {token}——数字之间请写运算符，例如 *"),
    "unexpected_end": ("unexpected end of input — something is missing at the end",
                       "输入意外结束——末尾缺少内容"),
    "unmatched_open": ("unmatched {token} at column {column}", "第 {column} 列的 {token} 没有配对的右括号"),
    "unmatched_close": ("unexpected '{token}' at column {column} — it closes nothing",
                        "第 {column} 列的 '{token}' 没有对应的左括号"),
    "unknown_name": ("unknown name {name} — the variables here are {variables}",
                     "未知的名称 {name}——这里可用的变量是 {variables}"),
    "unknown_name_none": ("unknown name {name} — this answer takes no variables",
                          "未知的名称 {name}——这个答案不含变量"),
    "unknown_function": ("unknown function {name} at column {column}", "第 {column} 列的函数 {name} 无法识别"),
    "needs_argument": ("{name} needs an argument, e.g. {name}(x)", "{name} 需要参数，例如 {name}(x)"),
    "wrong_arg_count": ("{name} takes {expected} argument(s), got {got}",
                        "{name} 需要 {expected} 个参数，但给了 {got} 个"),
    "too_big": ("this number or power is too large to work with ({what})",
                "这个数或幂太大，无法计算（{what}）"),
    "not_allowed": ("{what} is not allowed here", "这里不允许使用 {what}"),
    "shape": ("{en}", "{zh}"),
    "not_vector": ("expected a vector like (1, 2)", "应输入一个向量，例如 (1, 2)"),
    "not_matrix": ("expected a matrix like [[1, 2], [3, 4]]", "应输入一个矩阵，例如 [[1, 2], [3, 4]]"),
    "not_set": ("expected a set like {{1, 2}}", "应输入一个集合，例如 {{1, 2}}"),
    "not_number": ("expected a number", "应输入一个数"),
    "not_expression": ("expected a single expression, not a vector, matrix or set",
                       "应输入一个表达式，而不是向量、矩阵或集合"),
    "ragged_matrix": ("the rows of this matrix have different lengths (row {row} has {got} entries, row 1 has "
                      "{expected})", "矩阵各行长度不同（第 {row} 行有 {got} 个元素，第 1 行有 {expected} 个）"),
    "division_by_zero": ("division by zero at column {column}", "第 {column} 列除以零"),
    "undefined": ("the value at column {column} is undefined (like 1/0 or log(0))",
                  "第 {column} 列的值没有定义（例如 1/0 或 log(0)）"),
    "bad_arguments": ("{name} cannot be computed for these arguments (column {column})",
                      "无法用这些参数计算 {name}（第 {column} 列）"),
    "not_bool": ("expected a condition (true or false)", "应为一个条件（真或假）"),
    "undecidable": ("cannot decide whether {what} holds", "无法判定 {what} 是否成立"),
}


class ParseError(ValueError):
    """Text could not be read. `code` says why, `column` (1-based) where, `params` fill the message."""

    def __init__(self, code: str, column: int | None = None, params: dict[str, Any] | None = None):
        self.code = code
        self.column = column
        self.params = dict(params or {})
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in `lang` ("en" or "zh"; anything else falls back to English)."""
        code = self.code
        params = dict(self.params)
        if code == "unknown_name":
            names = params.get("variables") or []
            if not names:
                code = "unknown_name_none"
            else:
                params["variables"] = ", ".join(names) if isinstance(names, (list, tuple)) else str(names)
        if code == "shape" and not params:
            params = {"en": "these shapes do not fit together", "zh": "这些形状不匹配"}
        templates = MESSAGES.get(code)
        if templates is None:
            return f"{code} (column {self.column})" if self.column else code
        template = templates[1] if lang == "zh" else templates[0]
        params.setdefault("column", self.column if self.column is not None else "?")
        for key, value in list(params.items()):
            if isinstance(value, dict) and ("en" in value or "zh" in value):
                params[key] = value.get(lang, value.get("en", ""))
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template

    def __str__(self) -> str:
        return self.message("en")

    def to_dict(self) -> dict[str, Any]:
        """{code, column} for a verdict's details."""
        return {"code": self.code, "column": self.column}

    def __reduce__(self):  # picklable across worker processes
        return (ParseError, (self.code, self.column, self.params))
