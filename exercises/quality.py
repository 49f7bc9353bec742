"""The variant-quality report: what a template's seeds look like to a learner.

`validate` feeds every exercise it generates to a `QualityCheck`; over those seeds the report gives, for each
answer part:
- **trivial** answers — 0, ±1, an all-zero vector or matrix, or a value the learner is given (a placeholder shown
  in the question, or the key's own text found there);
- **leaks** — the answer shown with the question: one placeholder of the exercise prompt, a part prompt or a
  choice shows the key at most seeds, or the key's text is found there at most seeds (all parts are displayed at
  once, so a later part's prompt can give away an earlier part's answer);
- **slips accepted** — an anticipated mistake (the template's own list) that the checker would mark correct;
- **same key** — two parts with the same answer;
(a network exercise's cells are tied together by the network — ∂C/∂b = δ, a dead ReLU gives zeros — so equal and
trivial cells are its structure and are not reported for it;)
and for the template: the number of **distinct variants** (questions, and their answers), and **duplicate choices** (two options that read the
same, or the right option twice).

Findings above the thresholds below are warnings; a leak is an error in the built-in library (`strict`).
"""
from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable

import sympy as sp

from exercises import render
from exercises.engine import Exercise, Part, Template, check_part
from exercises.plural import counted
from exercises.yamlread import Path_

TRIVIAL_SHARE = 0.03
"""Warn when more than this share of seeds give a part a trivial answer (0, ±1, zero vector, a given value)."""
SAME_KEY_SHARE = 0.03
"""Warn when more than this share of seeds give two parts the same answer."""
LEAK_SHARE = 0.5
"""A key shown with the question at this share of seeds (or more) by the same placeholder, or found in the
question's text, is a leak."""
MIN_VARIANTS = 10
"""Warn when a template has fewer distinct variants than this over the seeds (at most a quarter of the seeds)."""
EXAMPLE_SEEDS = 4
"""How many example seeds a finding names."""
DEFAULT_RTOL = 1e-3
"""The solver's tolerance for decimal answers (`solver.kinds.common.DEFAULT_RTOL`)."""


MESSAGES: dict[str, dict[str, str]] = {
    "leak-placeholder": {
        "en": "the answer is shown in the question: {name} equals it at {share} of seeds",
        "zh": "题目中显示了答案：{share} 的种子下 {name} 等于答案",
    },
    "leak-printed": {
        "en": "the answer is printed in the question at {share} of seeds",
        "zh": "{share} 的种子下答案直接印在题目中",
    },
    "trivial": {
        "en": "the answer is trivial at {share} of seeds: {reasons}",
        "zh": "{share} 的种子下答案过于简单：{reasons}",
    },
    "same-key": {
        "en": "the answer equals part ({other})'s at {share} of seeds",
        "zh": "{share} 的种子下答案与第 ({other}) 小题相同",
    },
    "slip-accepted": {
        "en": "the anticipated slip {label} is judged correct at {share} of seeds: tighten the tolerance or the params",
        "zh": "{share} 的种子下预设的错误 {label} 被判为正确：请收紧容差或调整参数",
    },
    "choices-right-twice": {
        "en": "the right option appears twice at {share} of seeds",
        "zh": "{share} 的种子下正确选项出现了两次",
    },
    "choices-same": {
        "en": "two options read the same at {share} of seeds",
        "zh": "{share} 的种子下有两个选项内容相同",
    },
    "few-variants": {
        "en": "only {distinct} in {n} seeds (at least {wanted} wanted): widen the params",
        "zh": "{n} 个种子只产生 {count} 种不同的题目（至少需要 {wanted} 种）：请扩大参数范围",
    },
    "few-answers": {
        "en": "only {distinct} in {n} seeds (at least {wanted} wanted): the questions differ but "
              "their answers repeat; widen the params",
        "zh": "{n} 个种子只产生 {count} 种不同的答案（至少需要 {wanted} 种）：题目不同但答案重复；请扩大参数范围",
    },
    "reason-zero": {"en": "0 or ±1", "zh": "0 或 ±1"},
    "reason-zeros": {"en": "zeros", "zh": "全为 0"},
    "reason-shown": {"en": "equal to {name} shown in the question", "zh": "等于题目中显示的 {name}"},
    "reason-printed": {"en": "printed in the question", "zh": "直接印在题目中"},
    "part": {"en": "part ({part}): ", "zh": "第 ({part}) 小题："},
    "examples": {"en": " (e.g. seed {seeds})", "zh": "（例如种子 {seeds}）"},
}
"""The report's messages in English and Chinese (instructors see them in the app's language)."""


def _say(key: str, lang: str, **fields: Any) -> str:
    return MESSAGES[key]["zh" if lang == "zh" else "en"].format(**fields)


@dataclass(frozen=True)
class Finding:
    """One problem of a template's variants: `level` is "error" or "warning", `code` says which check found it
    (leak, trivial, same-key, slip-accepted, choices, variants); `key` and `fields` make its message."""

    code: str
    level: str
    part: str | None
    key: str
    fields: tuple[tuple[str, Any], ...] = ()
    seeds: tuple[int, ...] = ()
    path: Path_ = ()

    def text(self, lang: str = "en") -> str:
        """The message alone, in `lang`."""
        fields = {k: (v(lang) if callable(v) else v) for k, v in self.fields}
        return _say(self.key, lang, **fields)

    @property
    def message(self) -> str:
        """The message in English."""
        return self.text("en")

    def describe(self, lang: str = "en") -> str:
        """The message with its part and example seeds, in one line, in `lang`."""
        where = _say("part", lang, part=self.part) if self.part else ""
        seeds = _say("examples", lang, seeds=", ".join(map(str, self.seeds))) if self.seeds else ""
        return f"{where}{self.text(lang)}{seeds}"


@dataclass
class PartStats:
    """What the seeds gave one part."""

    kind: str
    trivial: list[int] = field(default_factory=list)
    zero_or_one: list[int] = field(default_factory=list)
    shown_by: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    text_hits: list[int] = field(default_factory=list)
    same_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    slips: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class QualityReport:
    """The variant-quality report of one template over its seeds."""

    template_id: str
    seeds: int
    variants: int
    parts: dict[str, PartStats]
    findings: list[Finding]
    answers: int = 0
    """The number of distinct answer keys (all parts but choices together)."""

    @property
    def errors(self) -> list[Finding]:
        """Findings that fail validation."""
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings to look at."""
        return [f for f in self.findings if f.level == "warning"]

    def trivial_share(self, part_id: str) -> float:
        """The share of seeds at which the part's answer is trivial."""
        return len(self.parts[part_id].trivial) / self.seeds if self.seeds else 0.0


# ---------------------------------------------------------------------------------------------- numbers

_SPACING = re.compile(r"\\left|\\right|\\[,;:!]|\\quad|\s+")
_SCRIPT = re.compile(r"[\^_](\{[^{}]*\}|\\?\w)")
_NUMBER = re.compile(r"\\frac\{(-?\d+)\}\{(\d+)\}|(?<![\d.])-?\d+(?:\.\d+)?")
_FLOAT_FUNCTIONS = {
    "exp": math.exp, "log": math.log, "sin": math.sin, "cos": math.cos, "tan": math.tan, "tanh": math.tanh,
    "sinh": math.sinh, "cosh": math.cosh, "asin": math.asin, "acos": math.acos, "atan": math.atan, "Abs": abs,
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)), "Max": max, "Min": min,
}


def normalise(latex: str) -> str:
    """LaTeX reduced for searching: no spaces, `\\left`/`\\right` or spacing commands; `\\dfrac` is `\\frac`."""
    return _SPACING.sub("", latex).replace(r"\dfrac", r"\frac").replace(r"\tfrac", r"\frac")


Written = tuple[float, str, int | None, bool]
"""A number written in a question: its value, its text, the decimals shown (None for a fraction), and whether it
directly follows the previous number in a list (only `,`, `&` or `\\\\` between them)."""


def numbers_in(text: str) -> list[Written]:
    """The numbers written in a normalised text, in order (superscripts and subscripts such as `W^{(2)}` or
    `x_{1}` are labels, not numbers, and are left out)."""
    out: list[Written] = []
    text = _SCRIPT.sub(" ", text)
    end = None
    for m in _NUMBER.finditer(text):
        gap = text[end:m.start()] if end is not None else ""
        listed = bool(gap) and set(gap) <= set(",&\\")
        end = m.end()
        if m.group(1) is not None:
            out.append((int(m.group(1)) / int(m.group(2)), f"{m.group(1)}/{m.group(2)}", None, listed))
        else:
            word = m.group(0)
            out.append((float(word), word, len(word.split(".")[1]) if "." in word else 0, listed))
    return out


def to_float(value: Any, env: dict[Any, float] | None = None) -> float | None:
    """A SymPy number in floating point, symbols taken from `env` (a tree walk: SymPy's own evalf of nested
    sigmoids is slow); None when it is not a real number."""
    try:
        if env and value in env:
            return env[value]
        if value.is_Rational:
            return int(value.p) / int(value.q)
        if value.is_Number or value.is_NumberSymbol:
            return float(value)
        args = [to_float(a, env) for a in value.args]
        if any(a is None for a in args):
            return None
        if value.is_Add:
            return math.fsum(args)
        if value.is_Mul:
            return math.prod(args)
        if value.is_Pow:
            result = args[0] ** args[1]
            return None if isinstance(result, complex) else result
        function = _FLOAT_FUNCTIONS.get(type(value).__name__)
        return function(*args) if function else float(value)
    except (TypeError, ValueError, OverflowError, ZeroDivisionError, AttributeError):
        return None


def _shows(written: Written, key: Any, approx: float | None) -> bool:
    """Whether a number written in the question is the key: equal to it, or the key rounded to the places shown
    (at least 2 decimals and 3 significant figures, such as 0.731 or 1.41, so that 0.01 is not taken for 0.009)."""
    value, text, decimals, _ = written
    if approx is None or abs(value - approx) > 0.5 * 10.0 ** -(decimals or 0) * (1 + 1e-9):
        return False
    if isinstance(key, sp.Rational) and Fraction(text) == Fraction(int(key.p), int(key.q)):
        return True
    figures = len(text.lstrip("-").replace(".", "").lstrip("0"))
    return decimals is not None and decimals >= 2 and figures >= 3


def entries_of(value: Any) -> list[Any]:
    """The entries of a vector or matrix in row order (faster than iterating a SymPy matrix)."""
    return [x for row in value.tolist() for x in row]


def printed_in(key: Any, numbers: list[Written]) -> bool:
    """Whether the question's numbers show a number, vector or matrix key: a non-integer number as written or
    rounded (to 2 or more places), a vector or matrix as its entries one after another."""
    if isinstance(key, sp.MatrixBase):
        entries = entries_of(key)
        if all(isinstance(v, sp.Integer) and abs(v) < 2 for v in entries):
            return False
        approx = [to_float(v) for v in entries]
        return any(all(_shows(numbers[start + i], v, a) and (i == 0 or numbers[start + i][3])
                           for i, (v, a) in enumerate(zip(entries, approx)))
                   for start in range(len(numbers) - len(entries) + 1))
    if isinstance(key, sp.Integer) or not isinstance(key, sp.Expr):
        return False
    approx = to_float(key)
    return any(_shows(written, key, approx) for written in numbers)


# ---------------------------------------------------------------------------------------------- comparisons


def _same(a: Any, b: Any) -> bool:
    """The same value (numbers, expressions, vectors and matrices of the same shape; SymPy's structural equality,
    which is exact for rational numbers)."""
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        return isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase) and a.shape == b.shape and a == b
    return isinstance(a, sp.Basic) and isinstance(b, sp.Basic) and a == b


def is_trivial_value(value: Any) -> bool:
    """0 or ±1, or a vector/matrix of zeros."""
    if isinstance(value, sp.MatrixBase):
        return all(v == 0 for v in value)
    return isinstance(value, sp.Expr) and value in (sp.Integer(0), sp.Integer(1), sp.Integer(-1))


def _tolerance(part: Part) -> tuple[float, float]:
    spec = part.spec
    if spec.rtol is None and spec.atol is None:
        return DEFAULT_RTOL, 0.0
    return spec.rtol or 0.0, spec.atol or 0.0


def _close(part: Part, slip: Any) -> bool:
    """Whether a learner typing the slip's value could be within the tolerance of the key (a cheap test; the
    solver decides)."""
    key = part.expected
    if isinstance(key, sp.MatrixBase) != isinstance(slip, sp.MatrixBase):
        return False
    if isinstance(key, sp.MatrixBase) and key.shape != slip.shape:
        return False
    if part.kind == "expression":
        return isinstance(slip, sp.Expr) and _agree_somewhere(key, slip)
    rtol, atol = _tolerance(part)
    pairs = zip(entries_of(key), entries_of(slip)) if isinstance(key, sp.MatrixBase) else [(key, slip)]
    for k, s in pairs:
        x, y = to_float(k), to_float(s)
        if x is None or y is None:
            return True  # cannot tell: ask the solver
        if abs(x - y) > 10 * (atol + rtol * abs(x)) + 1e-12:
            return False
    return True


def _agree_somewhere(a: sp.Expr, b: sp.Expr) -> bool:
    """Two expressions agree at three fixed random points (a cheap test before the solver's)."""
    symbols = sorted(a.free_symbols | b.free_symbols, key=str)
    rng = random.Random(7)
    for _ in range(3):
        point = {s: rng.uniform(-1.75, 1.75) for s in symbols}
        x, y = to_float(a, point), to_float(b, point)
        if x is None or y is None:
            return True
        if abs(x - y) > 1e-9 * (1 + abs(x)):
            return False
    return True


def typed_forms(value: Any) -> list[str]:
    """How a learner would type a value: exactly, and as decimals (4 significant figures) when irrational."""
    forms = [render.text_of(value)]
    approx = render.approximation(value)
    if approx is not None:
        forms.append(approx)
    return forms


def slip_accepted(part: Part, slip: Any) -> bool:
    """Whether the checker marks the slip's value (typed exactly or as 4-figure decimals) correct."""
    if part.kind == "choice":
        return slip == part.expected
    if not _close(part, slip):
        return False
    return any(check_part(part, part.expected, [], text, "en").status == "correct" for text in typed_forms(slip))


# ---------------------------------------------------------------------------------------------- the check


def _displayed(template: Template) -> set[str]:
    """The names of the placeholders shown with the question: exercise prompt, part prompts and choices."""
    spec = template.spec
    texts = [spec.prompt.en, spec.prompt.zh]
    for _, _, answer in template.answer_specs():
        texts += [t for c in answer.choices or [] for t in (c.en, c.zh)]
    texts += [t for p in spec.parts or [] for t in (p.prompt.en, p.prompt.zh)]
    return {name for text in texts for name, fmt in render.placeholders(text) if fmt in (None, "frac", "col")}


def question_numbers(ex: Exercise) -> list[Written]:
    """The numbers in everything the learner reads with the question (English), in order."""
    texts = [ex.prompt["en"]] + [p.prompt["en"] for p in ex.parts]
    texts += [c["en"] for p in ex.parts for c in p.choices or []]
    return numbers_in(normalise("\n".join(texts)))


class QualityCheck:
    """Collects a template's exercises one seed at a time; `report()` gives the `QualityReport`."""

    def __init__(self, template: Template, strict: bool = False):
        self.template = template
        self.strict = strict
        self.shown_names = _displayed(template)
        self.seeds: list[int] = []
        self.variants: set[tuple] = set()
        self.answers: set[tuple] = set()
        self.parts: dict[str, PartStats] = {}
        self.duplicate_choices: dict[str, list[int]] = defaultdict(list)
        self.right_twice: dict[str, list[int]] = defaultdict(list)

    def add(self, ex: Exercise) -> None:
        """Look at one generated exercise."""
        self.seeds.append(ex.seed)
        self.variants.add((ex.prompt["en"], tuple(p.prompt["en"] for p in ex.parts),
                           tuple(sorted(c["en"] for p in ex.parts for c in p.choices or []))))
        keys = tuple(p.expected for p in ex.parts if p.kind != "choice")
        if keys:
            self.answers.add(keys)
        values = ex.values
        shown = {name: values[name] for name in self.shown_names if name in values}
        numbers = question_numbers(ex)
        for part in ex.parts:
            stats = self.parts.setdefault(part.id, PartStats(part.kind))
            if part.kind == "choice":
                self._choices(ex, part, stats)
                continue
            self._part(ex, part, stats, shown, numbers)
        keyed = [p for p in ex.parts if p.kind != "choice"] if self.template.network is None else []
        for i, p in enumerate(keyed):
            for q in keyed[i + 1:]:
                if p.kind == q.kind and _same(p.expected, q.expected):
                    self.parts[q.id].same_key[p.id].append(ex.seed)

    def _part(self, ex: Exercise, part: Part, stats: PartStats, shown: dict[str, Any],
              numbers: list[Written]) -> None:
        key = part.expected
        trivial = is_trivial_value(key)
        if trivial:
            stats.zero_or_one.append(ex.seed)
        for name, value in shown.items():
            if _same(value, key):
                stats.shown_by[name].append(ex.seed)
                trivial = True
        if printed_in(key, numbers):
            stats.text_hits.append(ex.seed)
            trivial = True
        if trivial:
            stats.trivial.append(ex.seed)
        for i, mistake in enumerate(part.mistakes):
            if slip_accepted(part, mistake["expr"]):
                stats.slips[i].append(ex.seed)

    def _choices(self, ex: Exercise, part: Part, stats: PartStats) -> None:
        texts = [normalise(c["en"]) for c in part.choices or []]
        if len(set(texts)) < len(texts):
            self.duplicate_choices[part.id].append(ex.seed)
            right = {texts[ord(label) - ord("A")] for label in part.expected.split(",")}
            if any(texts.count(t) > 1 for t in right):
                self.right_twice[part.id].append(ex.seed)
        for i, mistake in enumerate(part.mistakes):
            if slip_accepted(part, mistake["expr"]):
                stats.slips[i].append(ex.seed)

    # -- the report ----------------------------------------------------------------------------------------
    def report(self) -> QualityReport:
        """The findings over the seeds seen so far."""
        n = len(self.seeds)
        findings: list[Finding] = []
        specs = {part_id: (path, spec) for path, part_id, spec in self.template.answer_specs()}
        for part_id, stats in self.parts.items():
            path, spec = specs[part_id]
            findings += self._part_findings(part_id, stats, n, path, spec)
        for part_id, seeds in self.duplicate_choices.items():
            key = "choices-right-twice" if self.right_twice.get(part_id) else "choices-same"
            findings.append(Finding("choices", "warning", part_id, key, (("share", _share(seeds, n)),),
                                    _examples(seeds), specs[part_id][0] + ("choices",)))
        variants, answers = len(self.variants), len(self.answers)
        wanted = min(MIN_VARIANTS, max(1, n // 4))
        counts = (("n", n), ("wanted", wanted))
        if variants < wanted:
            findings.append(Finding("variants", "warning", None, "few-variants",
                                    (("count", variants), ("distinct", counted(variants, "distinct variant"))) + counts,
                                    (), ("params",)))
        elif answers and answers < wanted:
            findings.append(Finding("variants", "warning", None, "few-answers",
                                    (("count", answers), ("distinct", counted(answers, "distinct answer"))) + counts,
                                    (), ("params",)))
        return QualityReport(self.template.id, n, variants, self.parts, findings, answers)

    def _part_findings(self, part_id: str, stats: PartStats, n: int, path: Path_, spec: Any) -> list[Finding]:
        out: list[Finding] = []
        leak_level = "error" if self.strict else "warning"
        expected = path + ("expected",)
        for name, seeds in stats.shown_by.items():
            if len(seeds) >= LEAK_SHARE * n:
                out.append(Finding("leak", leak_level, part_id, "leak-placeholder",
                                   (("name", f"{{{{{name}}}}}"), ("share", _share(seeds, n))), _examples(seeds),
                                   expected))
        if len(stats.text_hits) >= LEAK_SHARE * n and not out:
            out.append(Finding("leak", leak_level, part_id, "leak-printed", (("share", _share(stats.text_hits, n)),),
                               _examples(stats.text_hits), expected))
        if not out and len(stats.trivial) > TRIVIAL_SHARE * n and self.template.network is None:
            reasons = _Reasons(stats, n)
            out.append(Finding("trivial", "warning", part_id, "trivial",
                               (("share", _share(stats.trivial, n)), ("reasons", reasons)), _examples(stats.trivial),
                               expected))
        for other, seeds in stats.same_key.items():
            if len(seeds) > SAME_KEY_SHARE * n:
                out.append(Finding("same-key", "warning", part_id, "same-key",
                                   (("other", other), ("share", _share(seeds, n))), _examples(seeds), expected))
        for index, seeds in stats.slips.items():
            mistake = spec.mistakes[index]
            label = f"'{mistake.name}'" if mistake.name else f"'{mistake.expr}'"
            out.append(Finding("slip-accepted", "warning", part_id, "slip-accepted",
                               (("label", label), ("share", _share(seeds, n))), _examples(seeds),
                               path + ("mistakes", index)))
        return out


@dataclass(frozen=True)
class _Reasons:
    """Why a part's answers are trivial, with the share of seeds for each reason (a message in either language)."""

    items: tuple[tuple[str, str, str], ...]

    def __init__(self, stats: PartStats, n: int):
        zero = "reason-zeros" if stats.kind in ("vector", "matrix") else "reason-zero"
        items = [(zero, "", _share(stats.zero_or_one, n))] if stats.zero_or_one else []
        items += [("reason-shown", f"{{{{{name}}}}}", _share(seeds, n)) for name, seeds in stats.shown_by.items()]
        items += [("reason-printed", "", _share(stats.text_hits, n))] if stats.text_hits else []
        object.__setattr__(self, "items", tuple(items))

    def __call__(self, lang: str) -> str:
        return ("，" if lang == "zh" else ", ").join(f"{_say(key, lang, name=name)} ({share})"
                                                    for key, name, share in self.items)


def _share(seeds: list[int], n: int) -> str:
    return f"{len(seeds) / n:.0%}" if n else "0%"


def _examples(seeds: Iterable[int]) -> tuple[int, ...]:
    return tuple(list(seeds)[:EXAMPLE_SEEDS])


def check_template(template: Template, seeds: Iterable[int], strict: bool = False) -> QualityReport:
    """The quality report of a template over `seeds` (generating each exercise; `validate` shares its own)."""
    check = QualityCheck(template, strict)
    for seed in seeds:
        check.add(template.generate(seed))
    return check.report()
