"""Quiz files and per-student variants.

A quiz lists entries — a template id, or a topic (and optionally a difficulty) with a count of templates to
draw — with points, attempts, a time limit, when hints and solutions show, the quiz seed and open/close
dates. `build_questions(quiz, library, student)` gives every student their own reproducible variant.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from exercises.checks import Problem, suggest
from exercises.schema import EntrySpec, QuizSpec
from exercises.seeds import derive_seed, student_seed
from exercises.topics import TOPIC_IDS
from exercises.yamlread import LineMap, Path_

if TYPE_CHECKING:
    from exercises.engine import Template
    from exercises.loader import Library


@dataclass(frozen=True)
class Question:
    """One question of a student's variant: which template, at which seed, worth how many points."""

    template_id: str
    seed: int
    points: float


class Quiz:
    """A validated quiz file."""

    def __init__(self, spec: QuizSpec, quiz_id: str, path: str, lines: LineMap):
        self.spec = spec
        self.id = quiz_id
        self.path = path
        self._lines = lines

    title = property(lambda self: self.spec.title.model_dump())
    instructions = property(lambda self: self.spec.instructions.model_dump() if self.spec.instructions
                            else {"en": "", "zh": ""})
    seed = property(lambda self: self.spec.seed)
    entries = property(lambda self: list(self.spec.entries))
    attempts = property(lambda self: self.spec.attempts)
    time_limit_minutes = property(lambda self: self.spec.time_limit_minutes)
    hints = property(lambda self: self.spec.hints)
    solutions = property(lambda self: self.spec.solutions)
    opens = property(lambda self: _as_datetime(self.spec.opens, start=True))
    closes = property(lambda self: _as_datetime(self.spec.closes, start=False))

    @property
    def line(self) -> int:
        """The line of `quiz:` in the file."""
        return self._lines.line(("quiz",))

    def line_of(self, path: Path_) -> int:
        """The line of a field of the quiz (e.g. `("entries", 2, "template")`)."""
        return self._lines.line(("quiz",) + tuple(path))

    def total_points(self) -> float:
        """Points for the whole quiz."""
        return float(sum(Fraction(str(e.points)) * e.count for e in self.spec.entries))

    def is_open(self, now: dt.datetime | None = None) -> bool:
        """Whether the quiz can be taken at `now` (naive local time; default: now)."""
        now = now or dt.datetime.now()
        return (self.opens is None or now >= self.opens) and (self.closes is None or now < self.closes)

    def __repr__(self) -> str:
        return f"Quiz({self.id!r}, {self.path}:{self.line})"


def _as_datetime(value: dt.date | dt.datetime | None, *, start: bool) -> dt.datetime | None:
    """A date alone means the start of that day when opening and the end of it when closing."""
    if value is None or isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value is not None else None
    day = dt.datetime.combine(value, dt.time.min)
    return day if start else day + dt.timedelta(days=1)


def entry_pool(entry: EntrySpec, templates: dict[str, Template], fixed_ids: set[str]) -> list[str]:
    """The template ids a topic entry draws from (template ids named elsewhere in the quiz are left out, and so are
    network exercises, which are filled in on their graph on the topic page)."""
    return sorted(
        t.id for t in templates.values()
        if t.topic == entry.topic and (entry.difficulty is None or t.difficulty == entry.difficulty)
        and t.id not in fixed_ids and getattr(t, "quizzable", True)
    )


def quiz_problems(spec: QuizSpec, templates: dict[str, Template]) -> list[Problem]:
    """Everything wrong with a quiz given the templates it may use (paths relative to `quiz:`)."""
    out: list[Problem] = []
    if not spec.entries:
        out.append((("entries",), "a quiz needs at least one entry"))
    if spec.attempts < 1:
        out.append((("attempts",), f"attempts must be at least 1, not {spec.attempts}"))
    if spec.time_limit_minutes is not None and spec.time_limit_minutes <= 0:
        out.append((("time_limit_minutes",), f"the time limit must be positive, not {spec.time_limit_minutes}"))
    opens, closes = _as_datetime(spec.opens, start=True), _as_datetime(spec.closes, start=False)
    if opens and closes and closes <= opens:
        out.append((("closes",), f"the quiz closes ({spec.closes}) before it opens ({spec.opens})"))
    fixed_ids = {e.template for e in spec.entries if e.template}
    seen: set[str] = set()
    for i, e in enumerate(spec.entries):
        path = ("entries", i)
        if e.points < 0:
            out.append((path + ("points",), f"points must not be negative, not {e.points}"))
        if e.count < 1:
            out.append((path + ("count",), f"count must be at least 1, not {e.count}"))
        if (e.template is None) == (e.topic is None):
            out.append((path, "give either template: ID or topic: TOPIC (with optional difficulty and count)"))
            continue
        if e.template is not None:
            if e.template not in templates:
                out.append((path + ("template",), f"unknown template id '{e.template}'" + suggest(e.template, templates)))
            elif not getattr(templates[e.template], "quizzable", True):
                out.append((path + ("template",), f"'{e.template}' is a network exercise, filled in cell by cell on "
                                                  f"its drawn graph: practise it on its topic page; a quiz cannot "
                                                  f"hold it"))
            elif e.template in seen:
                out.append((path + ("template",), f"template '{e.template}' is already in this quiz"))
            if e.difficulty is not None:
                out.append((path + ("difficulty",), "difficulty goes with topic:, not with template:"))
            if e.count != 1:
                out.append((path + ("count",), "count goes with topic:; repeat a template by listing it once"))
            seen.add(e.template)
            continue
        if e.topic not in TOPIC_IDS:
            out.append((path + ("topic",), f"unknown topic '{e.topic}'" + suggest(e.topic, TOPIC_IDS)))
            continue
        if e.difficulty is not None and not 1 <= e.difficulty <= 3:
            out.append((path + ("difficulty",), f"difficulty must be 1, 2 or 3, not {e.difficulty}"))
            continue
        pool = entry_pool(e, templates, fixed_ids)
        if not pool:
            out.append((path, f"no template matches topic '{e.topic}': the draw is empty" if e.difficulty is None
                        else f"no template matches topic '{e.topic}' at difficulty {e.difficulty}: the draw is empty"))
        elif len(pool) < e.count:
            out.append((path + ("count",), f"asks for {e.count} templates but only {len(pool)} match topic "
                                           f"'{e.topic}'" + ("" if e.difficulty is None
                                                             else f" at difficulty {e.difficulty}")))
    return out


def _rank(seed: int, template_id: str) -> bytes:
    return hashlib.sha256(f"{seed}\x1f{template_id}".encode("utf-8")).digest()


def build_questions(quiz: Quiz, library: Library, student: str) -> list[Question]:
    """The questions of `student`'s variant, in quiz order: the same every time, different across students.

    Topic entries draw distinct templates (ordered by a SHA-256 of the student's seed and the template id).
    Raises KeyError for a template the library does not hold.
    """
    base = student_seed(quiz.seed, student)
    fixed_ids = {e.template for e in quiz.entries if e.template}
    taken: set[str] = set()
    questions: list[Question] = []
    for i, entry in enumerate(quiz.entries):
        points = float(entry.points)
        if entry.template:
            library.get(entry.template)
            ids = [entry.template]
        else:
            pool = [t for t in entry_pool(entry, library.templates, fixed_ids) if t not in taken]
            ids = sorted(pool, key=lambda tid: _rank(derive_seed(base, i), tid))[:entry.count]
        for k, template_id in enumerate(ids):
            taken.add(template_id)
            questions.append(Question(template_id, derive_seed(base, i, k), points))
    return questions


def variants(quiz: Quiz, library: Library, students: list[str]) -> dict[str, list[Question]]:
    """Which variant each student gets (for the instructor's list)."""
    return {s: build_questions(quiz, library, s) for s in students}


def quiz_summary(quiz: Quiz) -> dict[str, Any]:
    """A JSON-ready description of the quiz settings."""
    return {
        "id": quiz.id, "title": quiz.title, "instructions": quiz.instructions, "seed": quiz.seed,
        "attempts": quiz.attempts, "time_limit_minutes": quiz.time_limit_minutes, "hints": quiz.hints,
        "solutions": quiz.solutions, "opens": quiz.opens.isoformat() if quiz.opens else None,
        "closes": quiz.closes.isoformat() if quiz.closes else None, "total_points": quiz.total_points(),
        "entries": [e.model_dump(exclude_none=True) for e in quiz.entries],
    }
