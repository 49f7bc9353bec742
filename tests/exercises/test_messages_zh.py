"""File-check messages read in Chinese: each pattern turns its English message into Chinese, keeping the values;
every message the checks write is known, and none leaves English words in Chinese mode."""
from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

from chinese_support import PARSER_DETAIL, english_words
from exercises import Library, load_library
from exercises.messages_zh import PATTERNS, chinese

ROOT = Path(__file__).resolve().parents[2]
CHECKS = sorted((ROOT / "exercises").glob("*.py")) + sorted((ROOT / "quiz_runtime").glob("*.py"))

BROKEN = """\
templates:
  - id: zh-broken
    topic: vectorz
    title: {en: "x", zh: "x"}
    difficulty: 5
    params:
      n: {int: [5, 1]}
    prompt: {en: "x", zh: "x"}
    solution: {en: "x", zh: "x"}
    answr: {kind: number, expected: n}
"""


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_pattern_says_it_in_chinese():
    assert len(PATTERNS) > 40
    assert all(has_chinese(zh) for _, zh in PATTERNS)


def test_values_and_suggestions_are_kept():
    assert chinese("unknown field 'answr' (did you mean 'answer'?)") == "未知字段“answr”（是不是“answer”？）"
    assert chinese("range [5, 1] is empty") == "范围 [5, 1] 是空的"
    assert chinese("step 0.3 does not divide the range [0, 1] evenly") == "step 0.3 不能整除范围 [0, 1]"
    assert chinese("no pattern knows this one") is None


def test_a_broken_file_is_explained_in_chinese(tmp_path, monkeypatch):
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("DLMATH_EXERCISES_DIR", str(tmp_path))
    errors = [e for e in load_library().errors if "broken.yaml" in e.path]
    assert errors
    for error in errors:
        text = error.text("zh")
        assert has_chinese(text.split(": ", 2)[-1]), text
        assert error.text("en").split(": ")[0] == text.split(": ")[0]    # the same file and line


# ---------------------------------------------------------------------------------------- every message written


def _samples(node: ast.AST) -> list[str]:
    """The texts an English message expression can take, with "7" for each value filled in (`{name}` in an
    f-string); a `+ suggest(...)` tail is left off (the catalogue translates it wherever it stands)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "7" for v in node.values)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        right = _samples(node.right) or [""]
        return [a + b for a, b in itertools.product(_samples(node.left), right)]
    if isinstance(node, ast.IfExp):
        return _samples(node.body) + _samples(node.orelse)
    return []


def _callee(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", "")


def message_sites(tree: ast.AST) -> tuple[list[ast.AST], list[ast.AST]]:
    """(English messages without a Chinese one beside them, Chinese messages given beside an English one) in a
    module: the message of `ParamError`, `RenderError`, `GenerationError`, `FileError`, `YamlFileError`, a
    `(path, message)` problem (or `(path, English, Chinese)`) appended or listed, a `message = ...` in the pydantic
    translation, and what
    `check_format` and `_choice_placeholder_problem` return."""
    english: list[ast.AST] = []
    given: list[ast.AST] = []
    positions = {"ParamError": (1, None), "RenderError": (0, None), "GenerationError": (1, 3), "OverBudget": (1, 3),
                 "FileError": (3, 4), "YamlFileError": (1, 2)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) in positions:
            at, zh_at = positions[_callee(node)]
            zh = next((k.value for k in node.keywords if k.arg == "zh"), None)
            if zh is None and zh_at is not None and len(node.args) > zh_at:
                zh = node.args[zh_at]
            if len(node.args) > at:
                (english if zh is None else given).append(zh if zh is not None else node.args[at])
        elif isinstance(node, ast.Call) and _callee(node) == "append" and len(node.args) == 1 and \
                isinstance(node.args[0], ast.Tuple) and len(node.args[0].elts) in (2, 3):
            problem = node.args[0].elts          # (path, English) or (path, English, Chinese)
            (english if len(problem) == 2 else given).append(problem[-1])
        elif isinstance(node, ast.List):
            english += [e.elts[1] for e in node.elts
                        if isinstance(e, ast.Tuple) and len(e.elts) == 2 and isinstance(e.elts[0], ast.Tuple)]
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "message" for t in node.targets):
            english.append(node.value)
        elif isinstance(node, ast.FunctionDef) and node.name in ("check_format", "_choice_placeholder_problem"):
            english += [r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None]
    return english, given


def _all_sites() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    english, given = [], []
    for path in CHECKS:
        if path.name == "messages_zh.py":
            continue
        en, zh = message_sites(ast.parse(path.read_text(encoding="utf-8")))
        where = path.relative_to(ROOT).as_posix()
        english += [(f"{where}:{n.lineno}", text) for n in en for text in _samples(n) if re.search("[A-Za-z]{2}", text)]
        given += [(f"{where}:{n.lineno}", text) for n in zh for text in _samples(n)]
    return english, given


ENGLISH, GIVEN = _all_sites()


def test_the_scan_finds_the_messages_it_should():
    assert len(ENGLISH) > 120 and len(GIVEN) > 15
    texts = {text for _, text in ENGLISH}
    assert {"is required", "softmax is for the output layer only", "a quiz needs at least one entry",
            "'7' is not a param of this template", "range [7, 7] is empty"} <= texts


GIVEN_APART = {
    "variant quality: 7": "validate.validate_template keeps the finding's own Chinese, Finding.describe('zh')",
    "'7' is already a 7 name": "one pattern per kind of name (symbol, param, derived); test_bad_files has one",
}
"""Messages whose Chinese the scan cannot see from their text alone, and why (the end-to-end tests see them)."""


def test_every_message_the_checks_write_is_known_in_chinese():
    unknown = [f"{where}: {text}" for where, text in ENGLISH if chinese(text) is None and text not in GIVEN_APART]
    assert unknown == []


def test_no_message_leaves_english_words_in_chinese_mode():
    leftover = [f"{where}: {words} in {zh}" for where, zh in
                [(where, chinese(text) or "") for where, text in ENGLISH if text not in GIVEN_APART] + GIVEN
                if (words := english_words(zh))]
    assert leftover == []


def test_the_catalogue_speaks_chinese_apart_from_file_words():
    leftover = [(zh, english_words(re.sub(r"\{\d\}", "", zh))) for _, zh in PATTERNS]
    assert [(zh, words) for zh, words in leftover if words] == []


def test_a_value_a_pattern_knows_is_put_into_chinese_too():
    assert chinese("seed 3: kind is vector but the expected value is a 2×2 matrix") == \
        "种子 3：kind 为 vector，但期望值是一个 2×2 矩阵"
    assert chinese("seed 12: rendering artefact: '*' in maths in $2*x$") == "种子 12：显示瑕疵：公式 $2*x$ 中有乘号“*”"
    assert chinese("seed 4: range [5, 1] is empty") == "种子 4：范围 [5, 1] 是空的"


# ---------------------------------------------------------------------------------------- files, end to end

YAML_BROKEN = {
    "colon": ("templates:\n  - id: a: b\n", 2, 10),
    "flow-list": ("templates: [1, 2\n", 2, 1),
    "tab": ("templates:\n\t- id: a\n", 2, 1),
    "alias": ("templates:\n  - *nowhere\n", 2, 5),
    "escape": ('templates:\n  - id: "a\\q"\n', 2, 11),
    "indent": ("templates:\n  - id: a\n   topic: b\n", 3, 4),
}


@pytest.mark.parametrize("name", sorted(YAML_BROKEN))
def test_a_yaml_syntax_error_says_in_chinese_what_and_where_and_keeps_the_parsers_words(name):
    text, line, column = YAML_BROKEN[name]
    [error] = Library(smoke_test=False).add_bytes(f"{name}.yaml", text.encode())
    assert error.line == line and error.message.startswith("YAML syntax error: ")
    zh = error.text("zh")
    assert zh.startswith(f"{name}.yaml:{line}: YAML 语法错误，第 {column} 列：")
    assert english_words(zh.split(": ", 1)[1]) == [], zh
    assert zh.endswith(f"（{PARSER_DETAIL}{error.message.removeprefix('YAML syntax error: ')}）")


NETWORK_AND_QUIZ = """\
templates:
  - id: zh-net
    topic: backprop
    title: {en: "n", zh: "n"}
    difficulty: 2
    network:
      layers: [2, 9, 1]
      activations: [softmax]
      loss: cross-entropy
      inputs: {int: [-1, 2]}
      weights: {int: [-2, 2]}
      biases: {int: [-1, 1]}
      targets: {int: [0, 1]}
      eta: {choice: [0, 1]}
      fill: [z, z]
"""
QUIZ = """\
quiz:
  id: zh-quiz
  title: {en: "q", zh: "q"}
  seed: 7
  attempts: 0
  entries:
    - template: no-such-template
    - topic: vectors
      difficulty: 3
      count: 99
    - template: inner-product-2d
      difficulty: 2
"""


def test_network_and_quiz_file_errors_carry_no_english_in_chinese():
    library = Library(smoke_test=False)
    errors = library.add_bytes("net.yaml", NETWORK_AND_QUIZ.encode()) + library.add_bytes("quiz.yaml", QUIZ.encode())
    errors += library.resolve_quizzes()
    assert len(errors) >= 6, [str(e) for e in errors]
    for error in errors:
        zh = error.text("zh")
        assert english_words(zh.split(": ", 1)[1]) == [], (str(error), zh)
