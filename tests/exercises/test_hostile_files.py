"""Hostile exercise files get `file:line: message` in English and Chinese — never Python internals or server paths.

Found in issue 12: unknown YAML tags (`!!python/object`) and deep nesting showed Python reprs ("internal error while
loading: ConstructorError(...)", "RecursionError"), and read errors showed the server's paths.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercises.loader import Library, load_library
from exercises.schema import MAX_ID_LENGTH

TEMPLATE = """\
templates:
  - id: {id}
    topic: vectors
    title: {{en: "Sum", zh: "求和"}}
    difficulty: 1
    params:
      a: {{int: [1, 5]}}
    prompt: {{en: "Say ${{{{a}}}}$.", zh: "写出 ${{{{a}}}}$。"}}
    solution: {{en: "${{{{a}}}}$", zh: "${{{{a}}}}$"}}
    answer: {{kind: number, expected: a}}
"""
PYTHON_INTERNALS = re.compile(r"Traceback|Error\(|<[a-z_.]+ object|\bpython3?\.\d|site-packages|/usr/|/root/|/tmp/")


def _bomb() -> str:
    rows = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for prev, name in zip("abcdefg", "bcdefgh"):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(rows) + "\n"


CASES: dict[str, tuple[bytes, int, str, str]] = {  # name: (file, line, English part, Chinese part)
    "python-object": (b"templates:\n  - !!python/object/apply:os.system ['echo pwned']\n", 2,
                      "YAML tags such as !!python/object/apply:os.system are not allowed", "不允许使用"),
    "python-name": (b"quiz: !!python/name:os.system\n", 1, "YAML tags", "YAML 标签"),
    "custom-tag": (b"templates:\n  - id: !secret x\n", 2, "YAML tags such as !secret", "YAML 标签"),
    "deep-lists": (b"templates: " + b"[" * 5000 + b"]" * 5000 + b"\n", 1, "nested more than", "嵌套超过"),
    "deep-mappings": ("".join("  " * i + f"k{i}:\n" for i in range(100)).encode() + b"  " * 100 + b"x: 1\n", 41,
                      "nested more than", "嵌套超过"),
    "alias-bomb": (_bomb().encode(), 1, "anchors and aliases", "锚点和别名"),
    "undefined-alias": (b"templates:\n  - *nowhere\n", 2, "YAML syntax error", "YAML 语法错误"),
    "nul-byte": (b"templates:\n  - id: a\x00b\n", 2, "a character YAML does not allow (U+0000)", "不允许的字符"),
    "binary-junk": (b"templates: []\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", 2, "not UTF-8 text", "不是 UTF-8"),
    "long-id": (TEMPLATE.format(id="a" * (MAX_ID_LENGTH + 20)).encode(), 2,
                f"is too long ({MAX_ID_LENGTH + 20} characters; at most {MAX_ID_LENGTH})", ""),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_gets_file_line_message_in_both_languages(name: str) -> None:
    data, line, english, chinese = CASES[name]
    library = Library(smoke_test=False)
    errors = library.add_bytes(f"{name}.yaml", data)
    library.resolve_quizzes()
    assert errors, f"{name} was accepted"
    error = errors[0]
    assert (error.path, error.line) == (f"{name}.yaml", line), str(error)
    assert english in error.message
    assert chinese in error.text("zh")
    for text in (error.text("en"), error.text("zh")):
        assert text.startswith(f"{name}.yaml:{line}: ")
        assert not PYTHON_INTERNALS.search(text), text
    assert library.templates == {}


def test_a_file_that_cannot_be_read_shows_no_server_path(tmp_path: Path) -> None:
    folder = tmp_path / "secret-server-folder"
    (folder / "dir.yaml").mkdir(parents=True)  # a folder named like a file: reading it fails
    library = Library(smoke_test=False)
    [error] = library.add_file(folder / "dir.yaml", shown="dir.yaml")
    assert error.text("en").startswith("dir.yaml:1: cannot read the file")
    assert "secret-server-folder" not in error.text("en") + error.text("zh")


def test_built_in_files_are_named_the_same_from_any_working_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    library = load_library()
    assert {Path(t.path).parts[:2] for t in library.templates.values()} == {("exercises", "library")}
    assert not any(str(tmp_path) in t.path or t.path.startswith("/") for t in library.templates.values())
