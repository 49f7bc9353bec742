"""Checks that need no seed: pydantic errors in plain words, and the meaning of a template's fields."""
from __future__ import annotations

import difflib
import re
from typing import Any, Iterator

from pydantic import ValidationError

from exercises.params import ParamError, build_domain
from exercises.render import check_format, placeholders
from exercises.schema import AnswerSpec, TemplateSpec, Text
from exercises.topics import TOPIC_IDS
from exercises.yamlread import Path_

Problem = tuple[Path_, str]
"""(field path relative to the checked object, message)."""

RESERVED = {"e", "pi", "and", "or", "not"}


def suggest(word: str, options: Any) -> str:
    """ " (did you mean 'x'?)" when a close option exists, else ""."""
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _trim(loc: tuple[Any, ...], data: Any) -> Path_:
    """The longest prefix of a pydantic error location that exists in the data (drops union tags)."""
    path: list[Any] = []
    for key in loc:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return tuple(path), key
        path.append(key)
    return tuple(path), None


def schema_problems(err: ValidationError, data: Any, model: type) -> list[Problem]:
    """Pydantic errors as (path, plain message), one per field."""
    out: dict[Path_, str] = {}
    for e in err.errors():
        path, missing_key = _trim(e["loc"], data)
        kind = e["type"]
        value = e.get("input")
        if kind == "extra_forbidden":
            parent = _fields_at(model, path[:-1])
            message = f"unknown field '{path[-1]}'" + suggest(path[-1], parent)
        elif kind == "missing":
            path = path + (missing_key,) if missing_key is not None else path
            message = "is required"
        elif kind in ("int_parsing", "int_type", "int_from_float"):
            message = f"expected a whole number, not {value!r}"
        elif kind in ("string_type",):
            message = f"expected text, not {value!r}" if not isinstance(value, (dict, list)) else \
                "expected text, not a list or mapping"
        elif kind == "literal_error":
            message = f"must be {e['ctx']['expected']}, not {value!r}"
        elif kind == "string_pattern_mismatch":
            message = f"'{value}' is not allowed here: use letters, digits" + (
                " and dashes (lowercase)" if path and path[-1] == "id" else " and _ , starting with a letter")
        elif kind == "string_too_long":
            message = (f"is too long ({len(str(value))} characters; at most {e['ctx']['max_length']}): ids are "
                       f"stored with every answer")
        elif kind in ("list_type",):
            message = "expected a list (- item lines or [a, b])"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            message = "expected a mapping (key: value lines)"
        elif kind.startswith(("datetime", "date")):
            message = f"'{value}' is not a date (write 2025-03-01 or 2025-03-01 09:00)"
        else:
            message = e["msg"]
        out.setdefault(path, message)
    return list(out.items())


def _fields_at(model: type, path: Path_) -> list[str]:
    """Names of the fields allowed at `path` (for "did you mean")."""
    current: Any = model
    for key in path:
        if isinstance(key, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(key) or next(
            (f for f in getattr(current, "model_fields", {}).values() if f.alias == key), None)
        current = _model_in(info.annotation) if info else None
    if current is None or not hasattr(current, "model_fields"):
        return []
    return [f.alias or n for n, f in current.model_fields.items()]


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside `X`, `list[X]`, `dict[str, X]` or `X | None`."""
    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------------------------------------- templates


def template_problems(t: TemplateSpec, mistake_names: set[str]) -> list[Problem]:
    """Everything wrong with a template that can be seen without drawing a seed (a network exercise is checked
    as the multi-part template it expands to, once its `network:` is sound)."""
    out: list[Problem] = []
    if t.network is not None:
        from exercises.network import expand, network_problems   # local: the network module builds on the schema

        problems = network_problems(t)
        if problems:
            return problems
        t = expand(t)
    else:
        out += [((key,), "is required") for key in ("prompt", "solution") if getattr(t, key) is None]
    if t.topic not in TOPIC_IDS:
        out.append((("topic",), f"unknown topic '{t.topic}'" + suggest(t.topic, TOPIC_IDS)))
    if not 1 <= t.difficulty <= 3:
        out.append((("difficulty",), f"difficulty must be 1, 2 or 3, not {t.difficulty}"))
    out += _name_problems(t)
    out += _param_problems(t)
    out += _placeholder_problems(t)
    if (t.answer is None) == (t.parts is None):
        out.append((("answer",), "give either answer: or parts:, not both" if t.answer
                    else "is required (or give parts:, or network:)"))
    for path, _, spec in _answers(t):
        out += _answer_problems(path, spec, mistake_names)
    out += _part_problems(t)
    out += _test_problems(t)
    return out


def _answers(t: TemplateSpec) -> Iterator[tuple[Path_, str, AnswerSpec]]:
    if t.answer is not None:
        yield ("answer",), "", t.answer
    for i, p in enumerate(t.parts or []):
        yield ("parts", i, "answer"), p.id, p.answer


def _name_problems(t: TemplateSpec) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, str] = {}
    for group, names in (("symbols", t.symbols), ("params", t.params), ("derived", t.derived)):
        for i, name in enumerate(names):
            path = (group, i) if group == "symbols" else (group, name)
            if name in RESERVED:
                out.append((path, f"'{name}' is reserved (the constants e, pi and the words and, or, not); choose another"))
            elif name in seen:
                out.append((path, f"'{name}' is already a {seen[name]} name"))
            elif group != "symbols" and not name.isidentifier():
                out.append((path, f"'{name}' is not a valid name"))
            seen.setdefault(name, group.rstrip("s") if group != "derived" else "derived")
    return out


def _param_problems(t: TemplateSpec) -> list[Problem]:
    out: list[Problem] = []
    for name, spec in t.params.items():
        try:
            build_domain(spec.model_dump(by_alias=True))
        except ParamError as err:
            out.append((("params", name) + ((err.field,) if err.field else ()), err.message))
    seeds: set[int] = set()
    for i, ex in enumerate(t.examples):
        if ex.seed in seeds:
            out.append((("examples", i, "seed"), f"seed {ex.seed} has two examples"))
        seeds.add(ex.seed)
        for name in ex.params:
            if name not in t.params:
                out.append((("examples", i, "params", name), f"'{name}' is not a param" + suggest(name, t.params)))
    return out


def _texts(t: TemplateSpec) -> Iterator[tuple[Path_, str]]:
    def both(path: Path_, text: Text | None) -> Iterator[tuple[Path_, str]]:
        if text is not None:
            yield path + ("en",), text.en
            yield path + ("zh",), text.zh

    yield from both(("prompt",), t.prompt)
    yield from both(("solution",), t.solution)
    for i, h in enumerate(t.hints):
        yield from both(("hints", i), h)
    for i, p in enumerate(t.parts or []):
        yield from both(("parts", i, "prompt"), p.prompt)
    for path, _, spec in _answers(t):
        for i, c in enumerate(spec.choices or []):
            yield from both(path + ("choices", i), c)
    for i, test in enumerate(t.tests):
        yield ("tests", i, "answer"), test.answer
        for part_id, text in (test.earlier or {}).items():
            yield ("tests", i, "earlier", part_id), text


CHOICE_NAME = re.compile(r"^choice(?:_(?P<part>[a-z][a-z0-9]*))?$")
OWN_LABEL = re.compile(r"^\s*(\*\*)?\s*[(（]\s*(?P<id>[a-z][a-z0-9]*)\s*[)）]")


def _choice_counts(t: TemplateSpec) -> dict[str, int]:
    """Part id → number of options, for every choice answer."""
    return {part_id: len(spec.choices or []) for _, part_id, spec in _answers(t) if spec.kind == "choice"}


def _choice_placeholder_problem(t: TemplateSpec, path: Path_, target: str | None, n: int | None) -> str | None:
    """What is wrong with `{{choice:N}}` / `{{choice_b:N}}` at `path`, or None."""
    counts = _choice_counts(t)
    if target is None:
        own = t.parts[path[1]].id if path[0] == "parts" and t.parts and isinstance(path[1], int) else None
        if own is None and path[0] == "tests" and isinstance(path[1], int):
            own = t.tests[path[1]].part
        target = own if own in counts else (next(iter(counts)) if len(counts) == 1 else None)
        if target is None:
            return ("{{choice:N}} needs a choice answer" if not counts
                    else "several parts have choices: write {{choice_b:N}} with the part id")
    if target not in counts:
        return f"{{{{choice_{target}:N}}}}: part '{target}' has no choice answer" + suggest(target, counts)
    if n is not None and not 1 <= n <= counts[target]:
        return f"{{{{choice:{n}}}}}: there are {counts[target]} choices, numbered 1..{counts[target]}"
    return None


def _placeholder_problems(t: TemplateSpec) -> list[Problem]:
    out: list[Problem] = []
    known = set(t.params) | set(t.derived)
    for path, text in _texts(t):
        for name, fmt in placeholders(text):
            choice = CHOICE_NAME.match(name)
            if choice and fmt and (fmt.isdigit() or (fmt in known and check_format(fmt) is not None)):
                number = int(fmt) if fmt.isdigit() else None  # a name: its value is checked when generated
                problem = _choice_placeholder_problem(t, path, choice.group("part"), number)
                if problem:
                    out.append((path, problem))
                continue
            if name not in known:
                out.append((path, f"placeholder {{{{{name}}}}} names no param or derived value"
                            + suggest(name, known)))
            problem = check_format(fmt)
            if problem:
                out.append((path, problem))
    return out


def _answer_problems(path: Path_, a: AnswerSpec, mistake_names: set[str]) -> list[Problem]:
    out: list[Problem] = []
    if a.kind == "choice" and (not a.choices or len(a.choices) < 2):
        out.append((path + ("choices",), "a choice answer needs at least two choices"))
    if a.kind != "choice" and a.choices is not None:
        out.append((path + ("choices",), f"choices are only for kind: choice (this answer is {a.kind})"))
    if a.choices and len(a.choices) > 26:
        out.append((path + ("choices",), "at most 26 choices (A–Z)"))
    if a.shuffle is not None and a.kind != "choice":
        out.append((path + ("shuffle",), f"shuffle is only for kind: choice (this answer is {a.kind})"))
    for key in ("rtol", "atol"):
        if (getattr(a, key) or 0) < 0:
            out.append((path + (key,), f"{key} must not be negative"))
    for name, bounds in (a.domain or {}).items():
        if len(bounds) != 2 or bounds[0] >= bounds[1]:
            out.append((path + ("domain", name), "write the interval as [lo, hi] with lo < hi"))
        if a.vars is not None and name not in a.vars:
            out.append((path + ("domain", name), f"'{name}' is not among vars {a.vars}"))
    for i, m in enumerate(a.mistakes):
        if m.name is not None and m.name not in mistake_names:
            out.append((path + ("mistakes", i, "name"), f"unknown mistake '{m.name}'"
                        + suggest(m.name, mistake_names)))
        if m.name is None and m.message is None:
            out.append((path + ("mistakes", i), "give a catalogue name or a message {en, zh}"))
    for i, name in enumerate(a.lhs):
        if not lhs_readable(name):
            out.append((path + ("lhs", i), f"'{name}' is not a name a left-hand side can give: write e.g. a_n, "
                                           f"f'(x), dL/dw or δ"))
    return out


def lhs_readable(name: str) -> bool:
    """Whether an `lhs:` entry names something (`a_n`, `f'(x)`, `∂L/∂w`), as the solver reads left sides."""
    from solver.lhs import declared  # local: checks import no solver internals until needed
    from solver.errors import ParseError

    try:
        declared(name)
    except (ValueError, ParseError):
        return False
    return True


def _part_problems(t: TemplateSpec) -> list[Problem]:
    out: list[Problem] = []
    ids: set[str] = set()
    binds: set[str] = set()
    for i, p in enumerate(t.parts or []):
        if p.id in ids:
            out.append((("parts", i, "id"), f"duplicate part id '{p.id}'"))
        ids.add(p.id)
        for lang in ("en", "zh"):
            label = OWN_LABEL.match(getattr(p.prompt, lang))
            if label and label.group("id") == p.id:
                out.append((("parts", i, "prompt", lang), f"starts with '({p.id})': the app and the CLI print "
                                                          f"the part label already; leave it out"))
        if p.binds is not None and p.answer.kind == "choice":
            out.append((("parts", i, "binds"), "a choice answer cannot stand for a derived value"))
            continue
        if p.binds is not None:
            if p.binds not in t.derived:
                out.append((("parts", i, "binds"), f"'{p.binds}' is not a derived name" + suggest(p.binds, t.derived)))
            elif p.binds in binds:
                out.append((("parts", i, "binds"), f"'{p.binds}' is already bound by an earlier part"))
            binds.add(p.binds)
    return out


LETTERS_ONLY = re.compile(r"^\s*[A-Za-z](\s*[,;]?\s*[A-Za-z])*\s*$")


def _test_problems(t: TemplateSpec) -> list[Problem]:
    out: list[Problem] = []
    part_ids = [p.id for p in t.parts or []]
    shuffled = {part_id for _, part_id, spec in _answers(t) if spec.kind == "choice" and spec.shuffle is not False}
    for i, test in enumerate(t.tests):
        if (test.part or "") in shuffled and test.expect != "invalid" and LETTERS_ONLY.match(test.answer):
            out.append((("tests", i, "answer"), f"'{test.answer}' names a shown letter, but the choices are "
                                                "shuffled per seed: write {{choice:N}} (N = the written option)"))
        if t.parts is not None:
            if test.part is None:
                out.append((("tests", i), f"say which part this test is for (part: one of {', '.join(part_ids)})"))
                continue
            if test.part not in part_ids:
                out.append((("tests", i, "part"), f"there is no part '{test.part}'" + suggest(test.part, part_ids)))
                continue
            before = part_ids[:part_ids.index(test.part)]
            for key in test.earlier or {}:
                if key not in before:
                    out.append((("tests", i, "earlier", key), f"'{key}' is not a part before '{test.part}'"))
        elif test.part not in (None, ""):
            out.append((("tests", i, "part"), "this template has a single answer: leave out part:"))
        elif test.earlier:
            out.append((("tests", i, "earlier"), "earlier: needs a multi-part template"))
    return out
