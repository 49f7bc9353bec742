"""File-check messages read in Chinese: each pattern turns its English message into Chinese, keeping the values."""
from __future__ import annotations

from exercises import load_library
from exercises.messages_zh import PATTERNS, chinese

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
