"""The template engine: Template + seed → Exercise (params → derived values → texts, answers, mistakes)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

import sympy as sp

from exercises import render
from exercises.network import Network, expand, symbol
from exercises.params import MAX_ATTEMPTS, Domain, build_domain, hash_int
from exercises.schema import AnswerSpec, TemplateSpec
from exercises.yamlread import FileError, LineMap, Path_, field_name

LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LABEL_LIST = re.compile(r"^\s*[A-Z](\s*,\s*[A-Z])*\s*$")
CHOICE_PLACEHOLDER = re.compile(r"\{\{\s*choice(?:_(?P<part>[a-z][a-z0-9]*))?:(?P<n>\d+|[A-Za-z]\w*)\s*\}\}")
"""`{{choice:N}}` / `{{choice_b:N}}`: the label shown for written option N (1-based) of a choice answer;
N may be a param/derived name with a whole-number value (`{{choice:best}}`)."""


def choice_order(template_id: str, seed: int, part_id: str, count: int, shuffle: bool) -> tuple[int, ...]:
    """The written (0-based) index of each shown option: a Fisher–Yates shuffle driven by SHA-256 of
    (template id, seed, part id) — the same on every machine; the written order when `shuffle` is False."""
    order = list(range(count))
    if shuffle:
        for i in range(count - 1, 0, -1):
            j = hash_int(template_id, seed, "choices", part_id, i) % (i + 1)
            order[i], order[j] = order[j], order[i]
    return tuple(order)


def shown_labels(written: str, order: tuple[int, ...]) -> str:
    """Labels in the file's order ("B" or "A,C") → the labels the learner sees after the shuffle."""
    picks = [x.strip() for x in str(written).split(",") if x.strip()]
    return ",".join(sorted(LABELS[order.index(LABELS.index(x))] for x in picks))


def solver_api() -> Any:
    """The solver package (imported late: `exercises` must import even while the solver is being built)."""
    import solver

    return solver


class GenerationError(Exception):
    """A template could not produce an exercise at some seed; `path` is the field at fault.

    `message` is English; `zh` (optional) the same in Chinese."""

    def __init__(self, path: Path_, message: str, seed: int | None = None, zh: str | None = None):
        super().__init__(message)
        self.path = tuple(path)
        self.message = message
        self.seed = seed
        self.zh = zh

    def __str__(self) -> str:
        where = field_name(self.path)
        seed = f"seed {self.seed}: " if self.seed is not None else ""
        return f"{where}: {seed}{self.message}" if where else f"{seed}{self.message}"


def _is_undefined(value: Any) -> bool:
    if isinstance(value, sp.MatrixBase):
        return any(_is_undefined(v) for v in value)
    if isinstance(value, sp.Basic):
        return value.has(sp.zoo, sp.nan, sp.oo, -sp.oo)
    return False


_UNREAD = object()
"""A text not read yet (see `Template._read`)."""

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_AND = re.compile(r"(?<![A-Za-z0-9_])and\b")
_OR = re.compile(r"(?<![A-Za-z0-9_])or\b")


def _top_level_and(condition: str) -> list[str]:
    """`a and (b or c) and d` → [`a`, `(b or c)`, `d`]: the parts joined by `and` outside brackets (the whole
    condition when an `or` outside brackets binds them differently)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(condition):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and _OR.match(condition, i):
            return [condition]
        elif depth == 0 and _AND.match(condition, i):
            parts.append(condition[start:i])
            start = i + 3
    parts.append(condition[start:])
    return [p.strip() for p in parts if p.strip()] or [condition]


def _words(text: str) -> set[str]:
    """The names a text may mention: each word (`z2_1`), also without its underscores (`w_1` reads as `w1`)."""
    words = set(_WORD.findall(text))
    return words | {w.replace("_", "") for w in words if "_" in w}


def _referenced(text: str, values: Mapping[str, Any]) -> Mapping[str, Any]:
    """The values an expression can refer to: only the names it mentions (keeps the solver's reading fast).

    Texts with braced subscripts (`x_{12}`) or non-ASCII letters (Greek aliases such as η for eta) get every value."""
    if "_{" in text or not text.isascii():
        return values
    words = _words(text)
    return {k: v for k, v in values.items() if k in words}


def to_value(raw: Any) -> Any:
    """A locked/example param given as a Python number or SymPy value → SymPy value (texts are parsed later)."""
    if isinstance(raw, bool):
        raise TypeError("a param cannot be true/false")
    if isinstance(raw, int):
        return sp.Integer(raw)
    if isinstance(raw, (Fraction, Decimal, float)):
        return sp.Rational(str(raw)) if not isinstance(raw, Fraction) else sp.Rational(raw.numerator, raw.denominator)
    return raw


@dataclass
class Part:
    """One answer of an exercise (a single-answer exercise has one part with id "")."""

    id: str
    prompt: dict[str, str]
    kind: str
    vars: tuple[str, ...]
    choices: list[dict[str, str]] | None
    expected: Any
    mistakes: list[dict[str, Any]]
    binds: str | None
    index: int
    spec: AnswerSpec = field(repr=False)
    order: tuple[int, ...] | None = None
    """Choice answers: the written (0-based) index of each option as shown (`choices` are in shown order)."""
    operands: tuple[Any, ...] = ()
    """The values of the answer's `operands` (the two matrices of the product asked for), for the diagnosis."""


class Template:
    """A validated exercise template, with its source file and line numbers.

    Its formulas run in this process: only the built-in library's templates are made like this
    (`exercises.sandbox.SandboxedTemplate` runs the others in a worker process, under a budget)."""

    trusted = True

    def __init__(self, spec: TemplateSpec, path: str, lines: LineMap, base: Path_):
        spec = expand(spec)
        self.spec = spec
        self.network: Network | None = Network(spec.network) if spec.network else None
        """A network exercise's layout (`exercises.network`): its parts are the cells of a drawn network."""
        self.path = path
        self._lines = lines
        self._base = tuple(base)
        self.domains: dict[str, Domain] = {
            name: build_domain(p.model_dump(by_alias=True)) for name, p in spec.params.items()
        }
        self._choice_cache: dict[str, Any] = {}
        self._examples = {ex.seed: ex for ex in spec.examples}
        self._where_split: list[tuple[str, int]] | None = None
        self._formulas: dict[tuple[str, tuple[str, ...]], Any] = {}
        """(text, the names known) → its `solver.TemplateFormula`, or None when the text cannot be read."""
        self._title: dict[str, str] = spec.title.model_dump()
        """The title by language: a topic page lists every title of its topic at each run."""

    # -- what the instructor page shows -------------------------------------------------------------------
    id = property(lambda self: self.spec.id)
    topic = property(lambda self: self.spec.topic)
    difficulty = property(lambda self: self.spec.difficulty)
    title = property(lambda self: dict(self._title))
    tags = property(lambda self: list(self.spec.tags))
    prerequisites = property(lambda self: list(self.spec.prerequisites))
    symbols = property(lambda self: tuple(self.spec.symbols))
    where = property(lambda self: self.spec.where)
    tests = property(lambda self: list(self.spec.tests))
    examples = property(lambda self: list(self.spec.examples))

    @property
    def quizzable(self) -> bool:
        """Whether a quiz may hold this template (a network exercise is filled in on its graph, on its topic page)."""
        return self.network is None

    @property
    def params_spec(self) -> dict[str, dict[str, Any]]:
        """Each param's spec as written (e.g. `{"int": [-5, 5], "exclude": ["0"]}`)."""
        return {n: p.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
                for n, p in self.spec.params.items()}

    @property
    def line(self) -> int:
        """The line where this template starts in its file."""
        return self._lines.line(self._base)

    def line_of(self, path: Path_) -> int:
        """The line of a field of this template (e.g. `("params", "a")`)."""
        return self._lines.line(self._base + tuple(path))

    def file_error(self, err: GenerationError) -> FileError:
        """A generation error as `file:line: field: message`."""
        seed = f"seed {err.seed}: " if err.seed is not None else ""
        zh = f"种子 {err.seed}：{err.zh}" if err.zh and err.seed is not None else err.zh
        return FileError(self.path, self.line_of(err.path), field_name(err.path), seed + err.message, zh)

    def __repr__(self) -> str:
        return f"Template({self.id!r}, {self.path}:{self.line})"

    # -- evaluation ------------------------------------------------------------------------------------------
    def evaluate(self, text: str, values: Mapping[str, Any], path: Path_) -> Any:
        """Read `text` in the template language with `values` substituted; errors name the field."""
        if text in values:
            return values[text]
        api = solver_api()
        try:
            value = self._read(text, values)
        except api.ParseError as err:
            raise GenerationError(path, f'{err.message("en")} in "{text}"', zh=f'{err.message("zh")}：“{text}”') from None
        except MemoryError:
            raise  # not a mistake in the formula: the caller's budget (see exercises.sandbox)
        except Exception as err:  # noqa: BLE001 — SymPy can fail in many ways (singular matrix, shapes…)
            raise GenerationError(path, f'cannot compute "{text}": {err}') from None
        if _is_undefined(value):
            raise GenerationError(path, f'"{text}" is undefined here (division by zero?)')
        return value

    def _read(self, text: str, values: Mapping[str, Any]) -> Any:
        """The value of `text` with `values`: the text is read once per set of names (`solver.compile_template`),
        then only evaluated; a text that cannot be read is parsed each time, which raises its error."""
        key = (text, tuple(values))
        formula = self._formulas.get(key, _UNREAD)
        if formula is _UNREAD:
            try:
                formula = solver_api().compile_template(text, self.symbols, tuple(_referenced(text, values)))
            except MemoryError:
                raise
            except Exception:  # noqa: BLE001 — `parse` below reports it
                formula = None
            self._formulas[key] = formula
        if formula is None:
            return solver_api().parse(text, self.symbols, mode="template", names=_referenced(text, values)).value
        return formula.evaluate(values).value

    def _param_value(self, name: str, domain: Domain, raw: Any, values: Mapping[str, Any]) -> Any:
        if domain.kind != "choice":
            return sp.Rational(raw.numerator, raw.denominator)
        if raw not in self._choice_cache:
            self._choice_cache[raw] = self.evaluate(raw, {}, ("params", name, "choice"))
        return self._choice_cache[raw]

    @property
    def _where_parts(self) -> list[tuple[str, int]]:
        """`where` split at its top-level `and`s, each part with how many derived values (in order) it needs."""
        if self._where_split is None:
            names = list(self.spec.derived)
            self._where_split = []
            for part in _top_level_and(self.spec.where or ""):
                words = _words(part)
                needed = max((i + 1 for i, name in enumerate(names) if name in words), default=0)
                self._where_split.append((part, needed))
        return self._where_split

    def holds(self, params: Mapping[str, Any]) -> bool:
        """Whether `where` holds for these params (True without `where`). A condition may mention derived values:
        its `and`-parts are tried in order, and derived values are computed only when a part needs them, so the
        conditions on params alone reject a draw cheaply. A network exercise first rejects the draws its network
        cannot use (`Network.rejects`)."""
        if self.network is not None and self.network.rejects(params):
            return False
        if self.spec.where is None:
            return True
        values = dict(params)
        names = list(self.spec.derived)
        known = 0
        for part, needed in self._where_parts:
            known = self._derive(values, names, known, needed)
            if not self._holds(values, part):
                return False
        return True

    def _derive(self, values: dict[str, Any], names: list[str], known: int, needed: int) -> int:
        """Add derived values `names[known:needed]` to `values` (a network's own values all at once, first);
        returns how many are known now."""
        if self.network is not None and known < needed and known < len(self.network.names):
            values.update(self.network.values(values))
            known = len(self.network.names)
        for name in names[known:needed]:
            values[name] = self.evaluate(self.spec.derived[name], values, ("derived", name))
        return max(known, needed)

    def _holds(self, values: Mapping[str, Any], condition: str | None = None) -> bool:
        result = self.evaluate(condition or self.spec.where, values, ("where",))
        if result in (True, sp.true):
            return True
        if result in (False, sp.false):
            return False
        raise GenerationError(("where",), f'"{self.spec.where}" is not a condition (true or false)')

    def _fixed(self, seed: int, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
        fixed: dict[str, Any] = {}
        example = self._examples.get(seed)
        sources: list[tuple[Path_, Mapping[str, Any]]] = []
        if example is not None:
            sources.append((("examples", self.spec.examples.index(example), "params"), example.params))
        sources.append((("params",), dict(overrides or {})))
        for origin, given in sources:
            for name, raw in given.items():
                if name not in self.domains:
                    raise GenerationError(origin, f"'{name}' is not a param of this template")
                value = to_value(raw)
                if isinstance(value, str):
                    value = self.evaluate(value, {}, origin + (name,))
                fixed[name] = value
        return fixed

    def draw_params(self, seed: int, overrides: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], int]:
        """The params for `seed` (locked ones from `overrides`), and how many draws it took."""
        fixed = self._fixed(seed, overrides)
        for attempt in range(MAX_ATTEMPTS):
            values: dict[str, Any] = {}
            for name, domain in self.domains.items():
                if name in fixed:
                    values[name] = fixed[name]
                else:
                    values[name] = self._param_value(name, domain, domain.draw(self.id, seed, name, attempt), values)
            if self.holds(values):
                return values, attempt + 1
            if len(fixed) == len(self.domains):
                raise GenerationError(("where",), f'"{self.spec.where}" does not hold for the locked params')
        raise GenerationError(("where",), f'"{self.spec.where}" never held in {MAX_ATTEMPTS} draws '
                                          f"(acceptance rate 0.0%)")

    def compute(self, params: Mapping[str, Any], pinned: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Params plus every derived value, in order; `pinned` derived names keep the given value."""
        values = dict(params)
        if self.network is not None:
            values.update(self.network.values(params, pinned))
        for name, text in self.spec.derived.items():
            if name in values:
                continue   # a network's value
            if pinned and name in pinned:
                values[name] = pinned[name]
            else:
                values[name] = self.evaluate(text, values, ("derived", name))
        return values

    def acceptance_rate(self, n: int = 1000) -> float:
        """The share of first draws (seeds 1..n) for which `where` holds (1.0 without `where`)."""
        if self.spec.where is None:
            return 1.0
        held = 0
        for seed in range(1, n + 1):
            values: dict[str, Any] = {}
            for name, domain in self.domains.items():
                values[name] = self._param_value(name, domain, domain.draw(self.id, seed, name, 0), values)
            held += self.holds(values)
        return held / n

    def answer_at(self, params: Mapping[str, Any], pinned: Mapping[str, Any], index: int) -> tuple[Any, list]:
        """The expected value and mistakes of part `index` when the derived names in `pinned` keep the given
        values (error carried forward). Raises GenerationError."""
        path, _, spec = self.answer_specs()[index]
        values = self.compute(params, pinned)
        return self.expected_value(path, spec, values), self.mistakes(path, spec, values)

    def answer_specs(self) -> list[tuple[Path_, str, AnswerSpec]]:
        """(field path, part id, answer spec) of every part; a single answer is part ""."""
        if self.spec.parts:
            return [(("parts", i, "answer"), p.id, p.answer) for i, p in enumerate(self.spec.parts)]
        return [(("answer",), "", self.spec.answer)]

    def expected_value(self, path: Path_, spec: AnswerSpec, values: Mapping[str, Any]) -> Any:
        """The expected answer (for `choice`: the label(s) in the file's order, e.g. "B" or "A,C")."""
        if spec.kind == "choice":
            return self._choice_label(path + ("expected",), spec, spec.expected, values)
        value = self.evaluate(spec.expected, values, path + ("expected",))
        _check_kind(path + ("expected",), spec, value, self._vars(spec))
        return value

    def _choice_label(self, path: Path_, spec: AnswerSpec, text: str, values: Mapping[str, Any]) -> str:
        """Labels "B"/"A,C", or an expression giving a 1-based option number → labels in the file's order."""
        count = len(spec.choices or [])
        if _LABEL_LIST.match(text):
            labels = [x.strip() for x in text.split(",")]
        else:
            index = self.evaluate(text, values, path)
            if not (isinstance(index, sp.Integer) and 1 <= int(index) <= count):
                raise GenerationError(path, f"{index} is not a choice number 1..{count}")
            labels = [LABELS[int(index) - 1]]
        for label in labels:
            if LABELS.index(label) >= count:
                raise GenerationError(path, f"choice label '{label}' is not among the {count} "
                                            f"choices (A–{LABELS[count - 1]})")
        return ",".join(labels)

    def _vars(self, spec: AnswerSpec) -> tuple[str, ...]:
        return tuple(spec.vars) if spec.vars is not None else self.symbols

    def mistakes(self, path: Path_, spec: AnswerSpec, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The anticipated mistakes with their values at these params."""
        out = []
        for i, m in enumerate(spec.mistakes):
            where = path + ("mistakes", i, "expr")
            if spec.kind == "choice":
                value = self._choice_label(where, spec, m.expr, values)
            else:
                value = self.evaluate(m.expr, values, where)
            out.append({"name": m.name, "expr": value, "message": m.message.model_dump() if m.message else None})
        return out

    # -- exercises -------------------------------------------------------------------------------------------
    def generate(self, seed: int, overrides: Mapping[str, Any] | None = None) -> Exercise:
        """The exercise at `seed` (same on every machine); `overrides` lock params. Raises GenerationError.
        `Exercise.draws` says how many draws its params took (for the `where` acceptance rate)."""
        try:
            params, draws = self.draw_params(seed, overrides)
            values = self.compute(params)
            exercise = self._build(seed, params, values)
        except GenerationError as err:
            err.seed = seed
            raise
        exercise.draws = draws
        return exercise

    def _fill(self, text: str, values: Mapping[str, Any], path: Path_, memo: dict) -> str:
        try:
            part_id = self.answer_specs()[path[1]][1] if path[0] == "parts" else ""
            text = fill_choice_labels(text, memo.get(_ORDERS, {}), part_id, values)
            return render.fill(text, dict(values), memo=memo)
        except render.RenderError as err:
            raise GenerationError(path, str(err)) from None
        except Exception as err:  # noqa: BLE001 — a value SymPy cannot print
            raise GenerationError(path, f"cannot render: {err}") from None

    def _text(self, text: Any, values: Mapping[str, Any], path: Path_, memo: dict) -> dict[str, str]:
        return {lang: self._fill(getattr(text, lang), values, path + (lang,), memo) for lang in ("en", "zh")}

    def _build(self, seed: int, params: dict[str, Any], values: dict[str, Any]) -> Exercise:
        s = self.spec
        orders = {part_id: choice_order(self.id, seed, part_id, len(spec.choices), spec.shuffle is not False)
                  for _, part_id, spec in self.answer_specs() if spec.kind == "choice" and spec.choices}
        memo: dict = {_ORDERS: orders}
        parts = []
        for index, (path, part_id, spec) in enumerate(self.answer_specs()):
            prompt = {"en": "", "zh": ""}
            binds = None
            if s.parts:
                prompt = self._text(s.parts[index].prompt, values, ("parts", index, "prompt"), memo)
                binds = s.parts[index].binds
            choices = None
            order = orders.get(part_id)
            expected = self.expected_value(path, spec, values)
            mistakes = self.mistakes(path, spec, values)
            operands = tuple(self.evaluate(o, values, path + ("operands", i)) for i, o in enumerate(spec.operands or ()))
            if spec.choices is not None:
                choices = [self._text(c, values, path + ("choices", i), memo) for i, c in enumerate(spec.choices)]
            if order is not None:
                choices = [choices[i] for i in order]
                expected = shown_labels(expected, order)
                mistakes = [{**m, "expr": shown_labels(m["expr"], order)} for m in mistakes]
            parts.append(Part(
                id=part_id, prompt=prompt, kind=spec.kind, vars=self._vars(spec), choices=choices,
                expected=expected, mistakes=mistakes, binds=binds, index=index, spec=spec, order=order,
                operands=operands,
            ))
        derived = {n: values[n] for n in s.derived}
        return Exercise(
            template=self, seed=seed, params=params, derived=derived,
            title=s.title.model_dump(),
            prompt=self._text(s.prompt, values, ("prompt",), memo),
            hints=[self._text(h, values, ("hints", i), memo) for i, h in enumerate(s.hints)],
            solution=self._text(s.solution, values, ("solution",), memo),
            parts=parts,
        )


_ORDERS = object()
"""Key of the choice orders in a `_build` memo (part id → `choice_order`)."""


def fill_choice_labels(text: str, orders: Mapping[str, tuple[int, ...]], part_id: str | None = None,
                       values: Mapping[str, Any] | None = None) -> str:
    """Replace `{{choice:N}}` (the choice answer of part `part_id`, else the only one) and `{{choice_b:N}}`
    (part b) by the label shown for written option N. Raises `render.RenderError` when it names nothing."""
    def label(m: re.Match) -> str:
        number = m.group("n")
        if not number.isdigit():
            if render.FORMAT.match(number) or number not in (values or {}):
                return m.group(0)  # an ordinary placeholder such as {{choice:text}}, or an unknown name
            if not isinstance(values[number], sp.Integer):
                raise render.RenderError(f"{m.group(0)}: {number} = {values[number]} is not a whole number")
            number = str(values[number])
        target = m.group("part")
        if target is None:
            target = part_id if part_id in orders else (next(iter(orders)) if len(orders) == 1 else None)
        if target is None or target not in orders:
            what = f"part {target!r} has no choice answer" if target else (
                "there is no choice answer" if not orders else "several parts have choices: write {{choice_b:N}}")
            raise render.RenderError(f"{m.group(0)}: {what}")
        n, order = int(number), orders[target]
        if not 1 <= n <= len(order):
            raise render.RenderError(f"{m.group(0)}: there are {len(order)} choices (1..{len(order)})")
        return LABELS[order.index(n - 1)]

    return CHOICE_PLACEHOLDER.sub(label, text) if "choice" in text else text


def _check_kind(path: Path_, spec: AnswerSpec, value: Any, vars_: tuple[str, ...]) -> None:
    """The expected value must be of the answer's kind (a number for `number`, an n×1 matrix for `vector`…)."""
    kind = spec.kind
    is_matrix = isinstance(value, sp.MatrixBase)
    if isinstance(value, (bool, sp.logic.boolalg.BooleanAtom)):
        raise GenerationError(path, f"kind is {kind} but the expected value is a condition")
    if kind in ("number", "expression") and (is_matrix or isinstance(value, sp.Set)):
        raise GenerationError(path, f"kind is {kind} but the expected value is {_shape(value)}")
    if kind == "vector" and not (is_matrix and value.cols == 1):
        raise GenerationError(path, f"kind is vector but the expected value is {_shape(value)}")
    if kind == "matrix" and not is_matrix:
        raise GenerationError(path, f"kind is matrix but the expected value is {_shape(value)}")
    if kind == "set" and not isinstance(value, sp.Set):
        raise GenerationError(path, f"kind is set but the expected value is {_shape(value)}")
    free = {str(s) for s in getattr(value, "free_symbols", set())}
    if kind in ("number", "vector", "matrix", "set") and free:
        raise GenerationError(path, f"kind is {kind} but the expected value contains {', '.join(sorted(free))}")
    if kind == "expression" and not free <= set(vars_):
        missing = ", ".join(sorted(free - set(vars_)))
        raise GenerationError(path, f"the expected value uses {missing}, which is not in vars {list(vars_)}")


def _shape(value: Any) -> str:
    if isinstance(value, sp.MatrixBase):
        return f"a {value.rows}-vector" if value.cols == 1 else f"a {value.rows}×{value.cols} matrix"
    if isinstance(value, sp.Set):
        return "a set"
    return "a single value"


class Exercise:
    """One generated exercise: texts in both languages, values, and its parts (answers)."""

    def __init__(self, *, template: Template, seed: int, params: dict[str, Any], derived: dict[str, Any],
                 title: dict[str, str], prompt: dict[str, str], hints: list[dict[str, str]],
                 solution: dict[str, str], parts: list[Part]):
        self.template = template
        self.template_id = template.id
        self.seed = seed
        self.id = f"{template.id}:{seed}"
        self.topic = template.topic
        self.difficulty = template.difficulty
        self.title = title
        self.params = params
        self.derived = derived
        self.prompt = prompt
        self.hints = hints
        self.solution = solution
        self.parts = parts
        self.draws = 1
        """How many draws of the params `where` took (set by `Template.generate`)."""

    def part(self, part_id: str) -> Part:
        """The part with this id (KeyError if none)."""
        for p in self.parts:
            if p.id == part_id:
                return p
        raise KeyError(f"{self.template_id} has no part {part_id!r}")

    @property
    def values(self) -> dict[str, Any]:
        """Params and derived values together."""
        return {**self.params, **self.derived}

    @property
    def network(self) -> Network | None:
        """The network of a network exercise (its parts are the cells), else None."""
        return getattr(self.template, "network", None)

    def part_name(self, part_id: str, lang: str = "en") -> str:
        """How messages name a part: "part (b)" / "第 (b) 小题", or a network cell's symbol, e.g. $z^{(2)}_{1}$."""
        if self.network is not None:
            return f"${symbol(part_id)}$"
        return f"第 ({part_id}) 小题" if lang == "zh" else f"part ({part_id})"

    def check(self, part_id: str, answer_text: str, lang: str = "en",
              earlier: Mapping[str, str] | None = None) -> Any:
        """Judge an answer to a part → `solver.Verdict`; with `earlier` answers, errors are carried forward."""
        from exercises.ecf import carried_forward

        part = self.part(part_id)
        verdict = _solver_check(part, part.expected, part.mistakes, answer_text, lang)
        if verdict.status != "incorrect" or not earlier:
            return verdict
        return carried_forward(self, part, answer_text, lang, earlier) or verdict

    def fill_choice_labels(self, text: str, part_id: str | None = None) -> str:
        """`text` with `{{choice:N}}`/`{{choice_b:N}}` replaced by the labels shown in this exercise."""
        orders = {p.id: p.order for p in self.parts if p.order is not None}
        return fill_choice_labels(text, orders, part_id, self.values)

    def expected_text(self, part_id: str) -> str:
        """The expected answer in solver syntax (choice: the label(s), e.g. "B")."""
        part = self.part(part_id)
        return part.expected if part.kind == "choice" else render.text_of(part.expected)

    def expected_latex(self, part_id: str) -> str:
        """The expected answer as LaTeX for people (choice: the label(s)): an irrational number, vector or
        matrix also shows its decimals, and only them when the exact form is long (`render.answer_latex`)."""
        part = self.part(part_id)
        return part.expected if part.kind == "choice" else render.answer_latex(part.expected)

    def expected_readable(self, part_id: str) -> str:
        """The expected answer as plain text for people, as the app shows it (`render.answer_text`; choice: the
        label(s))."""
        part = self.part(part_id)
        return part.expected if part.kind == "choice" else render.answer_text(part.expected)

    def expected_approx(self, part_id: str) -> str | None:
        """The decimal form of an irrational expected answer (4 significant figures, solver syntax), else None."""
        part = self.part(part_id)
        return None if part.kind == "choice" else render.approximation(part.expected)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description (for `python -m exercises show --json`)."""
        return {
            "id": self.id, "template_id": self.template_id, "seed": self.seed, "topic": self.topic,
            "difficulty": self.difficulty, "title": self.title,
            "params": {k: render.text_of(v) for k, v in self.params.items()},
            "derived": {k: render.text_of(v) for k, v in self.derived.items()},
            "prompt": self.prompt, "hints": self.hints, "solution": self.solution,
            "parts": [{
                "id": p.id, "prompt": p.prompt, "kind": p.kind, "vars": list(p.vars), "choices": p.choices,
                "expected": self.expected_text(p.id), "expected_latex": self.expected_latex(p.id),
                "expected_approx": self.expected_approx(p.id),
                "binds": p.binds,
            } for p in self.parts],
        }


def check_part(part: Part, expected: Any, mistakes: list[dict[str, Any]], answer_text: str, lang: str) -> Any:
    """`solver.check` with the part's options against an expected value and mistakes as the template computes
    them (`Template.expected_value`/`mistakes`: choice labels in the file's order, shuffled here as shown)."""
    if part.order is not None:
        expected = shown_labels(expected, part.order)
        mistakes = [{**m, "expr": shown_labels(m["expr"], part.order)} for m in mistakes]
    return _solver_check(part, expected, mistakes, answer_text, lang)


def _solver_check(part: Part, expected: Any, mistakes: list[dict[str, Any]], answer_text: str, lang: str) -> Any:
    """`solver.check` with the part's options (choice labels as shown)."""
    spec = part.spec
    domain = {k: (float(v[0]), float(v[1])) for k, v in spec.domain.items()} if spec.domain else None
    choices = [LABELS[i] for i in range(len(part.choices))] if part.choices else None
    return solver_api().check(
        part.kind, expected, answer_text, vars=part.vars, lang=lang, rtol=spec.rtol, atol=spec.atol,
        sigfigs=spec.sigfigs, forbidden=tuple(spec.forbidden), form=spec.form, mistakes=mistakes,
        choices=choices, domain=domain, operands=part.operands, lhs=tuple(spec.lhs),
    )
