"""Broken exercise files: each mistake gives the right `file:line: field: message`, in English and in Chinese.

Each case is a small file; the line marked `# <-` is where the error must be reported.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from chinese_support import english_words
from exercises import load_library
from exercises.validate import validate_paths

BASE = """\
templates:
  - id: t-basic
    topic: vectors
    title: {en: "Sum", zh: "求和"}
    difficulty: 1
    params:
      a: {int: [1, 5]}
      b: {int: [1, 5]}
    derived:
      s: "a + b"
    prompt: {en: "Add ${{a}}$ and ${{b}}$.", zh: "求 ${{a}} + {{b}}$。"}
    solution: {en: "${{a}} + {{b}} = {{s}}$", zh: "${{a}} + {{b}} = {{s}}$"}
    answer:
      kind: number
      expected: s
    tests:
      - answer: "{{s}}"
        expect: correct
"""


def edit(old: str, new: str) -> str:
    """BASE with one piece replaced (the replacement carries the `# <-` marker)."""
    assert old in BASE
    return BASE.replace(old, new, 1)


def mark(text: str, snippet: str) -> str:
    """`text` with `# <-` appended to the first line containing `snippet`."""
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if snippet in line)
    lines[index] += "  # <-"
    return "\n".join(lines) + "\n"


CASES = {
    "yaml-syntax": (edit('      b: {int: [1, 5]}\n', '      b: {int: [1, 5]\n    derived2: x  # <-\n'),
                    "", "YAML syntax error"),
    "duplicate-key": (edit('      b: {int: [1, 5]}\n', '      b: {int: [1, 5]}\n      a: {int: [2, 3]}  # <-\n'),
                      "", "duplicate key 'a'"),
    "unknown-field": (edit("    derived:\n", "    hint: []  # <-\n    derived:\n"),
                      "hint", "unknown field 'hint' (did you mean 'hints'?)"),
    "missing-field": (edit('    solution: {en: "${{a}} + {{b}} = {{s}}$", zh: "${{a}} + {{b}} = {{s}}$"}\n', ""),
                      "solution", "is required"),
    "wrong-type": (edit("    difficulty: 1\n", "    difficulty: easy  # <-\n"),
                   "difficulty", "expected a whole number"),
    "difficulty-range": (edit("    difficulty: 1\n", "    difficulty: 5  # <-\n"),
                         "difficulty", "difficulty must be 1, 2 or 3"),
    "unknown-topic": (edit("    topic: vectors\n", "    topic: vector  # <-\n"),
                      "topic", "unknown topic 'vector' (did you mean 'vectors'?)"),
    "bad-id": (edit("  - id: t-basic\n", "  - id: T_Basic  # <-\n"), "id", "'T_Basic' is not allowed"),
    "empty-range": (edit("      a: {int: [1, 5]}\n", "      a: {int: [5, 1]}  # <-\n"),
                    "params.a.int", "range [5, 1] is empty"),
    "bad-step": (edit("      a: {int: [1, 5]}\n", "      a: {decimal: [0, 1], step: 0.3}  # <-\n"),
                 "params.a.step", "step 0.3 does not divide the range [0, 1] evenly"),
    "zero-step": (edit("      a: {int: [1, 5]}\n", "      a: {int: [1, 5], step: 0}  # <-\n"),
                  "params.a.step", "step must be positive"),
    "decimal-without-step": (edit("      a: {int: [1, 5]}\n", "      a: {decimal: [0, 1]}  # <-\n"),
                             "params.a.step", "needs a step"),
    "all-excluded": (edit("      a: {int: [1, 5]}\n", "      a: {int: [1, 2], exclude: [1, 2]}  # <-\n"),
                     "params.a.exclude", "every value in [1, 2] is excluded"),
    "unsatisfiable-where": (edit("    derived:\n", '    where: "a > 10"  # <-\n    derived:\n'),
                            "where", "never held in 1000 draws (acceptance rate 0.0%)"),
    "unknown-variable": (edit('      s: "a + b"\n', '      s: "a + c"  # <-\n'),
                         "derived.s", "unknown name c"),
    "placeholder-names-nothing": (mark(edit('    prompt: {en: "Add ${{a}}$', '    prompt: {en: "Add ${{q}}$'), "{{q}}"),
                                  "prompt.en", "placeholder {{q}} names no param or derived value"),
    "placeholder-bad-format": (mark(edit('    prompt: {en: "Add ${{a}}$', '    prompt: {en: "Add ${{a:dd}}$'), ":dd"),
                               "prompt.en", "unknown format ':dd'"),
    "unknown-mistake": (edit("      expected: s\n", "      expected: s\n      mistakes:\n"
                                                     "        - name: no-such-slip  # <-\n          expr: a\n"),
                        "answer.mistakes[0].name", "unknown mistake 'no-such-slip'"),
    "mistake-without-message": (edit("      expected: s\n", "      expected: s\n      mistakes:\n"
                                                             "        - expr: a  # <-\n"),
                                "answer.mistakes[0]", "give a catalogue name or a message"),
    "failing-test": (edit('      - answer: "{{s}}"\n', '      - answer: "{{a}}"  # <-\n'),
                     "tests[0]", "was judged incorrect"),
    "test-message-mismatch": (edit("        expect: correct\n", "        expect: correct\n"
                                                                 "        message: banana\n")
                              .replace('      - answer: "{{s}}"\n', '      - answer: "{{s}}"  # <-\n'),
                              "tests[0]", "does not contain 'banana'"),
    "kind-mismatch": (edit("      kind: number\n      expected: s\n",
                           "      kind: vector\n      expected: s  # <-\n"),
                      "answer.expected", "kind is vector but the expected value is a single value"),
    "bad-choice-label": (edit("      kind: number\n      expected: s\n",
                              '      kind: choice\n      expected: "C"  # <-\n      choices:\n'
                              '        - {en: "yes", zh: "是"}\n        - {en: "no", zh: "否"}\n'),
                         "answer.expected", "choice label 'C' is not among the 2 choices"),
    "choices-on-number": (edit("      expected: s\n", "      expected: s\n      choices:  # <-\n"
                                                     '        - {en: "yes", zh: "是"}\n'),
                          "answer.choices", "choices are only for kind: choice"),
    "answer-and-parts": (edit("    answer:\n", "    parts: []\n    answer:  # <-\n"),
                         "answer", "give either answer: or parts:, not both"),
    "reserved-name": (edit("      b: {int: [1, 5]}\n", "      e: {int: [1, 5]}  # <-\n      b: {int: [1, 5]}\n"),
                      "params.e", "'e' is reserved"),
    "name-clash": (edit('      s: "a + b"\n', '      s: "a + b"\n      a: "2*b"  # <-\n'),
                   "derived.a", "'a' is already a param name"),
    "undefined-value": (edit('      s: "a + b"\n', '      s: "1/(a - a)"  # <-\n'), "derived.s", "division by zero"),
    "expression-outside-vars": (edit("    difficulty: 1\n", "    difficulty: 1\n    symbols: [x]\n")
                                .replace('      s: "a + b"\n', '      s: "a*x + b"\n')
                                .replace("      kind: number\n      expected: s\n",
                                         "      kind: expression\n      expected: s  # <-\n      vars: []\n"),
                                "answer.expected", "uses x, which is not in vars"),
    "not-an-exercise-file": ("title: nothing here  # <-\n", "", "expected `templates:`"),
    "artefact": (edit('    prompt: {en: "Add ${{a}}$ and ${{b}}$.", zh: "求 ${{a}} + {{b}}$。"}\n',
                      '    prompt: {en: "Simplify ${{a:d0}}x$.", zh: "化简 ${{a:d0}}x$。"}  # <-\n')
                 .replace("      a: {int: [1, 5]}", "      a: {int: [1, 1]}"),
                 "prompt.en", "a coefficient 1 such as '1x'"),
    "literal-form-refuses-the-keys-decimals": (
        edit("      kind: number\n      expected: s\n",
             "      kind: number\n      form: value\n      rtol: 0\n      expected: r  # <-\n")
        .replace('      s: "a + b"\n', '      s: "a + b"\n      r: "sigma(a)"\n'),
        "answer.expected", "with `form: value` a learner types the value"),
}


def marked_line(text: str) -> int:
    """The 1-based line holding `# <-` (or the template's first line if none)."""
    for i, line in enumerate(text.splitlines(), 1):
        if "# <-" in line:
            return i
    return 2


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_exercise_file_reports_file_line_field(name: str, tmp_path: Path) -> None:
    text, field, message = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    report = validate_paths([path], seeds=10, builtin_context=False)
    assert not report.ok
    line = marked_line(text)
    rendered = [str(e) for e in report.errors]
    matching = [e for e in report.errors if message in e.message and e.field == field and e.line == line]
    assert matching, f"wanted line {line}, field {field!r}, message {message!r}; got {rendered}"
    assert str(matching[0]).startswith(f"{path}:{line}: " if path.is_absolute() else f"{path}:{line}")
    error = matching[0]
    in_chinese = error.text("zh").removeprefix(f"{error.path}:{error.line}: " + (f"{error.field}: " if field else ""))
    assert english_words(in_chinese) == [], in_chinese              # and says it in Chinese, values kept


def test_duplicate_id_across_files_names_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BASE, encoding="utf-8")
    lib = load_library([tmp_path])
    assert list(lib.templates) == ["t-basic"]
    [error] = lib.errors
    assert error.path.endswith("b.yaml") and error.line == 2 and error.field == "id"
    assert "duplicate id 't-basic'" in error.message and "a.yaml:2" in error.message


def test_broken_template_does_not_stop_the_others(tmp_path: Path) -> None:
    broken = BASE.replace("[1, 5]}\n      b:", "[5, 1]}\n      b:", 1)
    second = BASE.replace("t-basic", "t-second").replace("templates:\n", "")
    (tmp_path / "mixed.yaml").write_text(broken + second, encoding="utf-8")
    (tmp_path / "syntax.yaml").write_text("templates: [\n", encoding="utf-8")
    lib = load_library([tmp_path])
    assert set(lib.templates) == {"t-second"}
    assert {Path(e.path).name for e in lib.errors} == {"mixed.yaml", "syntax.yaml"}


def test_error_message_format() -> None:
    from exercises import FileError

    assert str(FileError("exercises/library/vectors.yaml", 14, "params.a", "range [5, 1] is empty")) == \
        "exercises/library/vectors.yaml:14: params.a: range [5, 1] is empty"
    assert str(FileError("x.yaml", 3, "", "YAML syntax error: boom")) == "x.yaml:3: YAML syntax error: boom"


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    lib = load_library([tmp_path / "nope"])
    assert lib.templates == {} and "no such file or folder" in lib.errors[0].message


def test_an_alias_bomb_is_refused_quickly_with_a_message(tmp_path: Path) -> None:
    """A few hundred bytes of nested aliases would expand to 10^8 values: reading stops with a clear error."""
    rows = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for prev, name in zip("abcdefg", "bcdefgh"):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(rows) + "\n", encoding="utf-8")
    messages = [str(e) for e in load_library([bomb]).errors]
    assert len(messages) == 1
    assert messages[0].startswith(f"{bomb}:") or "bomb.yaml:" in messages[0]
    assert "anchors and aliases" in messages[0]


def test_a_key_written_with_sigma_validates_under_the_literal_form(tmp_path: Path) -> None:
    """`form: value` binds learners, not the author: σ(a) as the key is fine, its 4-figure decimals are right."""
    text = BASE.replace('      s: "a + b"\n', '      s: "sigma(a)"\n').replace("      kind: number\n",
                                                                       "      kind: number\n      form: value\n")
    text = text.replace('      - answer: "{{s}}"\n', '      - answer: "{{s:d6}}"\n')
    text = text.replace("Add ${{a}}$ and ${{b}}$.", "Compute σ({{a}}) to 4 significant figures.")
    text = text.replace("求 ${{a}} + {{b}}$。", "求 σ({{a}})，保留 4 位有效数字。")
    path = tmp_path / "sigma.yaml"
    path.write_text(text, encoding="utf-8")
    report = validate_paths([path], seeds=10, builtin_context=False)
    assert report.ok, [str(e) for e in report.errors]
