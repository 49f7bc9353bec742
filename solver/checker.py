"""``check`` and ``preview``: read the answer, judge it by kind, explain the verdict. Neither ever raises.

Order of a check: forbidden functions (``invalid``, so a learner who wrote ``diff(x^2, x)`` is asked to write
the derivative out and loses no attempt) → read the answer (``invalid`` with the parser's message) → the
literal form ``value`` when required (``invalid`` when the answer leaves a computation to the checker) → read the
expected answer → judge by kind → if incorrect, the check's own anticipated mistakes, then the automatic
diagnosis (``solver.diagnose``: sign, factor, reciprocal, shifted index, swapped or single wrong entries,
transposed, Hadamard vs matrix product…). An answer of another shape than the expected one (``invalid`` for its kind, e.g. a vector where a number is asked) that equals an anticipated
mistake of its own shape is ``incorrect`` with that mistake's message.
"""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Mapping, Sequence

import sympy as sp

from solver import bigops, worker
from solver.budget import Deadline
from solver.diagnose import diagnose
from solver.errors import ParseError
from solver.functions import ANSWER_FUNCTIONS, spellings
from solver.kinds import KINDS, expression, matrix, sets
from solver.kinds.choice import letters, option_count
from solver.kinds.common import Options, has_float, is_scalar, with_names
from solver.kinds.forms import FORMS, VALUE, literal_refusal
from solver.messages import say, text_in
from solver.mistakes import MISTAKES
from solver.parser import parse, parse_typed, symbol
from solver.reading import Reading, read_answer
from solver.verdict import CORRECT, INCORRECT, INVALID, Preview, Verdict

TIME_MARGIN = 0.25
_SYMBOL_SPELLINGS: dict[str, tuple[str, ...]] = {"sqrt": ("√",), "abs": ("|",), "log": ("ln",), "ln": ("log",)}
_started = False


def _lang(lang: Any) -> str:
    return "zh" if str(lang or "").lower().startswith("zh") else "en"


def _uses(text: str, name: str) -> bool:
    """Whether ``text`` uses the function (or symbol) ``name`` or one of its aliases."""
    for alias in _spellings(name):
        if not alias.isalpha() or not alias.isascii():
            if alias in text:
                return True
        elif re.search(rf"(?<![A-Za-z_]){re.escape(alias)}(?![A-Za-z_])", text, re.IGNORECASE):
            return True
    return False


def _spellings(name: str) -> tuple[str, ...]:
    """``name`` and its other spellings as a function (``atan``: arctan, atan; ``sqrt``: sqrt, √)."""
    known = next((n for n in (name, name.lower()) if n in ANSWER_FUNCTIONS), None)
    if known is None:
        return (name,)
    return spellings(known) + _SYMBOL_SPELLINGS.get(known, ())


def _forbidden_used(text: str, forbidden: Sequence[str], variables: Sequence[str]) -> str | None:
    for name in forbidden or ():
        name = str(name).strip()
        if name and name not in variables and _uses(text, name):
            return name
    return None


def to_value(value: Any, variables: Sequence[str]) -> Any:
    """An expected answer or mistake as a SymPy value: text is parsed in template mode, numbers converted."""
    if isinstance(value, str):
        return parse(value, variables, mode="template").value
    if isinstance(value, bool):
        raise TypeError("a condition is not an answer")
    if isinstance(value, sp.Basic):
        # Values built elsewhere may use plain Symbol("x"); answers use the parser's (real) symbols.
        others = {s: symbol(s.name) for s in value.free_symbols if isinstance(s, sp.Symbol) and s != symbol(s.name)}
        return value.xreplace(others) if others else value
    if isinstance(value, int):
        return sp.Integer(value)
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sp.Float(value)
    if isinstance(value, (set, frozenset)):
        return sp.FiniteSet(*(to_value(v, variables) for v in value))
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(row, (list, tuple)) for row in value):
            return sp.ImmutableMatrix([[to_value(v, variables) for v in row] for row in value])
        return sp.ImmutableMatrix([[to_value(v, variables)] for v in value])
    raise TypeError(f"cannot use {type(value).__name__} as an answer")


def _mistake_field(mistake: Any, name: str) -> Any:
    return mistake.get(name) if isinstance(mistake, Mapping) else getattr(mistake, name, None)


def _match_mistake(kind: str, answer: Any, mistakes: Sequence[Any], variables: Sequence[str],
                   opts: Options) -> dict[str, Any] | None:
    """``{"name", "message"}`` of the first anticipated mistake the answer equals."""
    same = KINDS[kind].same
    for mistake in mistakes or ():
        try:
            expr = _mistake_field(mistake, "expr")
            value = expr if kind == "choice" else to_value(expr, variables)
            if not same(value, answer, opts):
                continue
        except (ParseError, TypeError, ValueError):
            continue
        return _mistake_result(mistake, opts.lang)
    return None


def _mistake_result(mistake: Any, lang: str) -> dict[str, Any]:
    """``{"name", "message"}`` of a matched mistake: its own message, else the catalogue's."""
    name = _mistake_field(mistake, "name")
    message = text_in(_mistake_field(mistake, "message"), lang)
    if message is None and name in MISTAKES:
        message = MISTAKES[name].get(lang) or MISTAKES[name]["en"]
    return {"name": name, "message": message or say("incorrect", lang)}


def shape_class(value: Any) -> str:
    """``scalar``, ``vector`` (one row or one column), ``matrix``, ``set`` or ``other``."""
    if isinstance(value, sp.MatrixBase):
        return "vector" if 1 in value.shape else "matrix"
    if isinstance(value, sp.Set):
        return "set"
    return "scalar" if is_scalar(value) else "other"


_SAME_BY_SHAPE = {"scalar": expression.same, "vector": matrix.same, "matrix": matrix.same, "set": sets.same}


def _match_other_shape(expected: Any, answer: Any, mistakes: Sequence[Any], variables: Sequence[str],
                       opts: Options) -> dict[str, Any] | None:
    """The first anticipated mistake of the answer's shape that the answer equals, when that shape is not the
    expected one (a vector typed where the inner product, a number, is asked); else None."""
    shape = shape_class(answer)
    same = _SAME_BY_SHAPE.get(shape)
    if same is None or shape == shape_class(expected):
        return None
    for mistake in mistakes or ():
        try:
            value = to_value(_mistake_field(mistake, "expr"), variables)
            if shape_class(value) == shape and same(value, answer, opts):
                return _mistake_result(mistake, opts.lang)
        except (ParseError, TypeError, ValueError):
            continue
    return None


def check(kind: str, expected: Any, answer: str, *, vars: Sequence[str] = (), lang: str = "en",
          rtol: float | None = None, atol: float | None = None, sigfigs: int | None = None,
          forbidden: Sequence[str] = (), form: str | None = None, mistakes: Sequence[Any] = (),
          choices: Sequence[Any] | None = None, domain: Mapping[str, tuple[float, float]] | None = None,
          operands: Sequence[Any] = (), timeout: float = 2.0, lhs: Sequence[str] = ()) -> Verdict:
    """Judge ``answer`` (learner text) against ``expected`` as a ``kind`` answer; never raises.

    See docs/architecture.md for the options; the rules of each kind are in ``solver.kinds.*``. ``operands``:
    the two matrices (text or SymPy) of the product the exercise asks for, so that a Hadamard product or the
    product in the other order is diagnosed. ``lhs``: the names a left-hand side may give (``["a_n"]``:
    ``a_n = …`` is accepted, ``b_n = …`` is not; see ``solver.reading``).
    """
    lang = _lang(lang)
    try:
        return _check(kind, expected, answer, vars=_var_names(vars), lang=lang, rtol=rtol,
                      atol=atol, sigfigs=sigfigs, forbidden=forbidden, form=form, mistakes=mistakes,
                      choices=choices, domain=domain, operands=operands, timeout=timeout, lhs=_lhs_names(lhs))
    except Exception as exc:  # the promise is a verdict for every input
        return Verdict(INVALID, 0.0, say("internal_error", lang), details={"error": {"code": "internal",
                                                                                      "type": type(exc).__name__}})


def _check(kind: str, expected: Any, answer: Any, *, vars: tuple[str, ...], lang: str, rtol: float | None,
           atol: float | None, sigfigs: int | None, forbidden: Sequence[str], form: str | None,
           mistakes: Sequence[Any], choices: Sequence[Any] | None,
           domain: Mapping[str, tuple[float, float]] | None, operands: Sequence[Any], timeout: float,
           lhs: tuple[str, ...]) -> Verdict:
    global _started
    deadline = Deadline(max(float(timeout or 2.0) - TIME_MARGIN, 0.05))
    if kind not in KINDS:
        return Verdict(INVALID, 0.0, say("unknown_kind", lang, kind=str(kind)[:40]))
    text = "" if answer is None else str(answer)
    opts = Options(lang=lang, rtol=_number(rtol), atol=_number(atol), sigfigs=int(sigfigs) if sigfigs else None,
                   form=form, domain=_domain(domain), choices=choices, answer_text=text,
                   expected_text=expected if isinstance(expected, str) else "",
                   decimal_tolerance=kind != "expression", names={symbol(v).name: v for v in vars},
                   deadline=deadline)
    if kind == "choice":
        verdict = KINDS["choice"].judge(str(expected), text, opts)
        chosen = letters(text, option_count(choices))
        verdict.interpreted = ", ".join(sorted(chosen)) if chosen else None
        if verdict.status == INCORRECT:
            _apply_mistake(verdict, _match_mistake(kind, text, mistakes, vars, opts))
        return verdict
    if not _started:
        _started = True
        worker.prestart()
    used = _forbidden_used(text, forbidden, vars)
    if used:
        return Verdict(INVALID, 0.0, say("forbidden", lang, name=used), details={"forbidden": used})
    try:
        reading = read_answer(text, vars, lhs)
    except ParseError as err:
        return Verdict(INVALID, 0.0, err.message(lang), details={"error": err.to_dict()})
    parsed = reading.parsed
    if form == VALUE:
        refusal = literal_refusal(reading.source, vars, parsed.value, lang)
        if refusal is not None:
            refusal.interpreted = reading.latex
            return refusal
    try:
        expected_value = to_value(expected, vars)
    except (ParseError, TypeError, ValueError) as err:
        reason = err.message("en") if isinstance(err, ParseError) else str(err)
        return Verdict(INVALID, 0.0, say("bad_expected", lang, error=reason[:80]),
                       reading.latex, details={"error": {"code": "bad_expected"}})
    opts.expected_inexact = has_float(expected_value)
    if bigops.is_open(parsed.value):
        return _judge_open_sum(kind, expected_value, parsed.value, reading.latex, opts)
    if kind == "expression" and form in FORMS:
        opts.answer_typed = parse_typed(reading.source, vars)
    verdict = KINDS[kind].judge(expected_value, parsed.value, opts)
    verdict.interpreted = reading.latex
    if verdict.status == INVALID:
        mistake = _match_other_shape(expected_value, parsed.value, mistakes, vars, opts)
        if mistake is not None:
            return Verdict(INCORRECT, 0.0, mistake["message"], reading.latex, details={"mistake": mistake})
    if verdict.status == INCORRECT:
        mistake = _match_mistake(kind, parsed.value, mistakes, vars, opts)
        if mistake is None and not parsed.notes:   # a reading worth a hint (e^-2x, 1/1+e^-x) explains it better
            mistake = _diagnosis(kind, expected_value, parsed.value, opts, verdict, operands, vars)
        _apply_mistake(verdict, mistake)
    _add_reading_hints(verdict, reading, lang)
    return verdict


def _diagnosis(kind: str, expected: Any, answer: Any, opts: Options, verdict: Verdict, operands: Sequence[Any],
               variables: Sequence[str]) -> dict[str, Any] | None:
    """The automatic diagnosis of an incorrect answer as ``{"name", "message"}`` (its details added), or None."""
    try:
        values = [to_value(o, variables) for o in operands or ()]
    except (ParseError, TypeError, ValueError):
        values = []
    found = diagnose(kind, expected, answer, opts, verdict.details, values)
    if found is None:
        return None
    verdict.details.update(found.details)
    return found.mistake(opts.lang)


def _judge_open_sum(kind: str, expected: Any, answer: Any, latex: str, opts: Options) -> Verdict:
    """An answer with Σ/Π left open (a symbolic bound, no closed form), compared exactly by
    ``bigops.compare_open`` in a worker process (its terms may be costly) under the time budget."""
    lang = opts.lang
    if kind not in ("expression", "number") or not is_scalar(expected):
        return Verdict(INVALID, 0.0, ParseError("sum_open", None).message(lang), latex,
                       details={"error": {"code": "sum_open", "column": None}})
    if expected == answer:
        return Verdict(CORRECT, 1.0, say("correct", lang), latex, details={"method": "structural"})
    if bigops.cheap_to_compare(expected, answer):
        equal, counterexample = bigops.compare_open(expected, answer)
    else:
        with opts.deadline.waiting():
            status, result = worker.run("compare_open", expected, answer, timeout=opts.deadline.left())
        if status != "ok":
            return Verdict(INVALID, 0.0, say("undecided", lang), latex, details={"error": {"code": "timeout"}})
        equal, counterexample = result
    if equal:
        return Verdict(CORRECT, 1.0, say("correct", lang), latex, details={"method": "algebraic"})
    counterexample = with_names(counterexample, opts.names)
    return Verdict(INCORRECT, 0.0, expression.differs_message(counterexample, lang), latex,
                   details={"method": "numeric", "counterexample": counterexample})


def _add_reading_hints(verdict: Verdict, reading: Reading, lang: str) -> None:
    """A wrong answer whose reading is a common slip (``e^-2x`` is e^(-2)·x) says how it was read."""
    if verdict.status == CORRECT or not reading.parsed.notes:
        return
    hints = [reading_hint(note, lang) for note in reading.parsed.notes]
    verdict.message = ("" if lang == "zh" else " ").join([verdict.message, *hints])
    verdict.details["hints"] = [note["code"] for note in reading.parsed.notes]


def reading_hint(note: Mapping[str, Any], lang: str) -> str:
    """The message of a parser note (``Parsed.notes``) in ``lang``."""
    return say("hint_" + note["code"], lang, **{k: v for k, v in note.items() if k != "code"})


def _var_names(variables: Any) -> tuple[str, ...]:
    """The declared variables as a tuple of names (blank ones left out)."""
    return tuple(str(v).strip() for v in (variables or ()) if str(v).strip())


def _lhs_names(lhs: Any) -> tuple[str, ...]:
    """``"a_n"`` or ``["a_n", "a(n)"]`` as a tuple of names."""
    if not lhs:
        return ()
    if isinstance(lhs, str):
        return (lhs,)
    return tuple(str(name) for name in lhs)


def _apply_mistake(verdict: Verdict, mistake: dict[str, Any] | None) -> None:
    if mistake is not None:
        verdict.details["mistake"] = mistake
        verdict.message = mistake["message"]


def _number(value: Any) -> float | None:
    return None if value is None else abs(float(value))


def _domain(domain: Mapping[str, Any] | None) -> dict[str, tuple[float, float]] | None:
    if not domain:
        return None
    out = {}
    for name, bounds in domain.items():
        lo, hi = (float(b) for b in bounds)
        out[symbol(str(name)).name] = (min(lo, hi), max(lo, hi))  # keyed like the symbols: w_1 -> w1
    return out


def preview(answer: str, kind: str = "expression", vars: Sequence[str] = (), lang: str = "en",
            lhs: Sequence[str] = ()) -> Preview:
    """How ``answer`` will be read (LaTeX), or why it cannot be; never raises. A readable answer whose reading
    is a common slip (``e^-2x``) gets a hint in ``message``."""
    lang = _lang(lang)
    try:
        text = "" if answer is None else str(answer)
        if kind == "choice":
            chosen = letters(text, 26)
            if chosen is None:
                return Preview(False, None, say("choice_unreadable", lang, first="A", last="Z"))
            return Preview(True, r"\text{" + ", ".join(sorted(chosen)) + "}", None)
        reading = read_answer(text, _var_names(vars), _lhs_names(lhs))  # as the check reads it (one reading)
        hints = [reading_hint(note, lang) for note in reading.parsed.notes]
        return Preview(True, reading.latex, " ".join(hints) or None)
    except ParseError as err:
        return Preview(False, None, err.message(lang))
    except Exception:
        return Preview(False, None, say("internal_error", lang))
