"""Choice answers: options shuffled per seed (SHA-256), labels mapped for keys, mistakes and `{{choice:N}}`."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from exercises import load_library, run_template_tests
from exercises.engine import check_part, choice_order
from exercises.validate import validate_paths

TEMPLATE = """\
templates:
  - id: pick-the-colour
    topic: probability
    title: {en: "Pick", zh: "选择"}
    difficulty: 1
    params:
      k: {int: [1, 3]}
    derived:
      best: "k"
    prompt: {en: "Which is right?", zh: "哪个对？"}
    hints:
      - {en: "Not {{choice_a:1}}.", zh: "不是 {{choice_a:1}}。"}
    solution: {en: "Option {{choice_a:2}}; the drawn one is {{choice_b:best}}.", zh: "选 {{choice_a:2}}；抽到的是 {{choice_b:best}}。"}
    parts:
      - id: a
        prompt: {en: "The right one.", zh: "对的那个。"}
        answer:
          kind: choice
          expected: "B"
          choices:
            - {en: "red", zh: "红"}
            - {en: "green", zh: "绿"}
            - {en: "blue", zh: "蓝"}
            - {en: "both {{choice:1}} and {{choice:3}}", zh: "{{choice:1}} 和 {{choice:3}} 都对"}
          mistakes:
            - expr: "A"
              message: {en: "Red is the usual slip.", zh: "红是常见错误。"}
      - id: b
        prompt: {en: "The drawn one.", zh: "抽到的那个。"}
        answer:
          kind: choice
          expected: best
          shuffle: false
          choices:
            - {en: "one", zh: "一"}
            - {en: "two", zh: "二"}
            - {en: "three", zh: "三"}
    tests:
      - {part: a, answer: "{{choice:2}}", expect: correct}
      - {part: a, answer: "{{choice:1}}", expect: incorrect, message: "usual slip"}
      - {part: a, answer: "{{choice:4}}", expect: incorrect}
      - {part: b, answer: "{{choice:best}}", expect: correct}
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("choices")
    (folder / "pick.yaml").write_text(TEMPLATE, encoding="utf-8")
    lib = load_library([folder])
    assert lib.errors == []
    return lib.get("pick-the-colour")


def shown(ex, part_id: str, written: int) -> str:
    """The label shown for written option `written` (1-based)."""
    return "ABCD"[ex.part(part_id).order.index(written - 1)]


def test_the_order_is_a_fixed_function_of_template_seed_and_part() -> None:
    # Written down once: the same on any machine and Python version (SHA-256, never `random`).
    assert choice_order("pick-the-colour", 1, "a", 4, True) == (0, 2, 1, 3)
    assert choice_order("pick-the-colour", 2, "a", 4, True) == (3, 1, 0, 2)
    assert choice_order("pick-the-colour", 1, "a", 4, False) == (0, 1, 2, 3)
    assert sorted(choice_order("x", 9, "", 26, True)) == list(range(26))


def test_the_right_option_moves_between_seeds_and_keeps_its_content(template) -> None:
    labels = Counter()
    for seed in range(1, 121):
        ex = template.generate(seed)
        part = ex.part("a")
        labels[part.expected] += 1
        assert part.choices[ord(part.expected) - 65]["en"] == "green"
        assert sorted(c["en"] for c in part.choices[:4]) == sorted(["red", "green", "blue", part.choices[
            part.order.index(3)]["en"]])
        assert ex.check("a", part.expected).status == "correct"
    assert set(labels) == set("ABCD") and min(labels.values()) >= 15, labels
    assert template.generate(7).to_dict() == template.generate(7).to_dict()


def test_shuffle_false_keeps_the_written_order(template) -> None:
    for seed in range(1, 30):
        ex = template.generate(seed)
        part = ex.part("b")
        assert [c["en"] for c in part.choices] == ["one", "two", "three"]
        assert part.expected == "ABC"[int(ex.params["k"]) - 1]


def test_mistakes_follow_the_shuffle(template) -> None:
    for seed in (1, 2, 3, 4):
        ex = template.generate(seed)
        red = shown(ex, "a", 1)
        verdict = ex.check("a", red)
        assert verdict.status == "incorrect" and verdict.details["mistake"]["message"] == "Red is the usual slip."
        blue = ex.check("a", shown(ex, "a", 3))
        assert blue.status == "incorrect" and "mistake" not in blue.details


def test_choice_placeholders_name_the_shown_labels(template) -> None:
    for seed in (1, 2, 5):
        ex = template.generate(seed)
        assert ex.solution["en"] == f"Option {shown(ex, 'a', 2)}; the drawn one is {shown(ex, 'b', int(ex.params['k']))}."
        assert ex.hints[0]["zh"] == f"不是 {shown(ex, 'a', 1)}。"
        both = ex.part("a").choices[ex.part("a").order.index(3)]["en"]
        assert both == f"both {shown(ex, 'a', 1)} and {shown(ex, 'a', 3)}"
        assert ex.fill_choice_labels("{{choice_a:2}} {{choice_b:3}}") == f"{shown(ex, 'a', 2)} C"


def test_embedded_tests_use_the_placeholders(template) -> None:
    results = run_template_tests(template)
    assert results and all(r.passed for r in results), [r.describe() for r in results if not r.passed]


def test_check_part_maps_labels_written_in_the_file(template) -> None:
    """Error carried forward recomputes keys in the file's order; `check_part` shows them shuffled."""
    ex = template.generate(1)
    part = ex.part("a")
    assert part.order != (0, 1, 2, 3)
    assert check_part(part, "B", [], part.expected, "en").status == "correct"
    assert check_part(part, "B", [], "B", "en").status == "incorrect"


SOLUTION = ('solution: {en: "Option {{choice_a:2}}; the drawn one is {{choice_b:best}}.", '
            'zh: "选 {{choice_a:2}}；抽到的是 {{choice_b:best}}。"}')
PART_B_CHOICES = """\
          kind: choice
          expected: best
          shuffle: false
          choices:
            - {en: "one", zh: "一"}
            - {en: "two", zh: "二"}
            - {en: "three", zh: "三"}
"""


def problems(tmp_path: Path, text: str) -> list:
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    return validate_paths([tmp_path], seeds=3, builtin_context=False).errors


def has(errors: list, line: int, field: str, message: str) -> bool:
    return any(e.line == line and e.field == field and message in e.message for e in errors)


@pytest.mark.parametrize("solution, message", [
    ('{en: "Option {{choice_a:5}}.", zh: "x"}', "there are 4 choices"),
    ('{en: "{{choice_c:1}}", zh: "x"}', "part 'c' has no choice answer"),
    ('{en: "{{choice:1}}", zh: "x"}', "several parts have choices"),
])
def test_bad_choice_placeholders_are_reported_at_their_line(tmp_path: Path, solution, message) -> None:
    assert has(problems(tmp_path, TEMPLATE.replace(SOLUTION, f"solution: {solution}")), 13, "solution.en", message)


def test_the_fixture_is_valid_and_still_valid_when_part_b_is_shuffled(tmp_path: Path) -> None:
    assert problems(tmp_path, TEMPLATE) == []
    assert problems(tmp_path, TEMPLATE.replace("          shuffle: false\n", "")) == []


@pytest.mark.parametrize("old, new, line, field, message", [
    (PART_B_CHOICES, "          kind: number\n          expected: best\n          shuffle: false\n", 33,
     "parts[1].answer.shuffle", "shuffle is only for kind: choice"),
    ("      - id: a\n", "      - id: a\n        binds: best\n", 16, "parts[0].binds", "cannot stand for a derived value"),
    ('prompt: {en: "The drawn one."', 'prompt: {en: "(b) The drawn one."', 29, "parts[1].prompt.en",
     "starts with '(b)'"),
    ('zh: "抽到的那个。"', 'zh: "（b）抽到的那个。"', 29, "parts[1].prompt.zh", "starts with '(b)'"),
    ('{part: a, answer: "{{choice:2}}", expect: correct}', '{part: a, answer: "B", expect: correct}', 39,
     "tests[0].answer", "shuffled per seed"),
])
def test_static_choice_and_part_problems(tmp_path: Path, old, new, line, field, message) -> None:
    assert has(problems(tmp_path, TEMPLATE.replace(old, new)), line, field, message)
