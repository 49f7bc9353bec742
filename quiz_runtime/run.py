"""`QuizRun`: one quiz being taken — questions, attempts, hints, skips, the clock and the results."""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Callable, Sequence

from quiz_runtime.selection import QuestionSpec, derive_seed

Generate = Callable[[str, int], Any]
"""``generate(template_id, seed) -> Exercise`` (e.g. ``lambda i, s: library.get(i).generate(s)``)."""

FORMAT_VERSION = 1
POLICIES = ("during", "after", "never")


class QuizError(Exception):
    """A quiz action that the rules do not allow."""


class QuizClosed(QuizError):
    """The quiz is finished or its time is up."""


class NoAttemptsLeft(QuizError):
    """This part is already right, or its attempts are used up."""


@dataclass
class Submission:
    """One answer submitted to one part, with the verdict it got (in the language it was checked in)."""

    part: str
    text: str
    status: str
    score: float
    message: str
    interpreted: str | None = None
    mistake: str | None = None
    ecf: bool = False
    at: float = 0.0
    lang: str = "en"
    details: dict[str, Any] = field(default_factory=dict)

    def verdict_dict(self) -> dict[str, Any]:
        """The verdict in `solver.Verdict.to_dict()` form (for the feedback panel)."""
        return {"status": self.status, "score": self.score, "message": self.message,
                "interpreted": self.interpreted, "details": dict(self.details)}


@dataclass
class QuestionState:
    """One question of a quiz and what the learner did with it."""

    template_id: str
    seed: int
    topic: str
    parts: list[str]
    points: float = 1.0
    submissions: list[Submission] = field(default_factory=list)
    hints_used: int = 0
    skipped: bool = False

    def part_submissions(self, part: str, *, readable_only: bool = False) -> list[Submission]:
        """Submissions to ``part`` in order (only those that could be read, if asked)."""
        return [s for s in self.submissions
                if s.part == part and not (readable_only and s.status == "invalid")]

    def part_score(self, part: str) -> float:
        """The best score this part got (0..1)."""
        return max((s.score for s in self.part_submissions(part)), default=0.0)

    def score(self) -> float:
        """Points earned: ``points`` × the mean of the part scores."""
        return self.points * sum(self.part_score(p) for p in self.parts) / max(1, len(self.parts))


@dataclass(frozen=True)
class QuestionResult:
    """A question on the results page."""

    index: int
    template_id: str
    seed: int
    topic: str
    points: float
    score: float
    status: str  # correct | partial | incorrect | unanswered
    hints_used: int
    submissions: tuple[Submission, ...]


@dataclass(frozen=True)
class QuizResults:
    """Score overall and per topic, time taken, and every question."""

    score: float
    max_score: float
    per_topic: dict[str, tuple[float, float]]
    seconds: float
    questions: tuple[QuestionResult, ...]

    @property
    def percent(self) -> float:
        """The overall score in percent (0 for an empty quiz)."""
        return 100.0 * self.score / self.max_score if self.max_score else 0.0

    @property
    def missed(self) -> list[int]:
        """Indices of the questions not fully right."""
        return [q.index for q in self.questions if q.status != "correct"]


@dataclass
class QuizRun:
    """The state of one quiz; ``to_dict``/``from_dict`` round-trip it through the progress store."""

    key: str
    questions: list[QuestionState]
    started_at: float
    time_limit: float | None = None
    max_attempts: int = 3
    current: int = 0
    finished_at: float | None = None
    title: dict[str, str] | None = None
    source: dict[str, Any] = field(default_factory=dict)
    hints: str = "during"       # during | after | never  (as in quiz files)
    solutions: str = "after"    # during | after | never
    generate: Generate | None = field(default=None, repr=False, compare=False)

    # ----- creating and saving -------------------------------------------------------------------------------
    @classmethod
    def start(cls, specs: Sequence[QuestionSpec], generate: Generate, *, key: str | None = None,
              time_limit: float | None = None, max_attempts: int = 3, title: dict[str, str] | None = None,
              source: dict[str, Any] | None = None, hints: str = "during", solutions: str = "after",
              now: float | None = None) -> "QuizRun":
        """A new quiz over ``specs``; each exercise is generated once here to learn its topic and parts."""
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if hints not in POLICIES or solutions not in POLICIES:
            raise ValueError(f"hints and solutions must be one of {POLICIES}")
        questions = []
        for spec in specs:
            ex = generate(spec.template_id, spec.seed)
            questions.append(QuestionState(spec.template_id, int(spec.seed), ex.topic,
                                           [p.id for p in ex.parts], float(spec.points)))
        return cls(key=key or new_quiz_key(), questions=questions, started_at=_now(now),
                   time_limit=float(time_limit) if time_limit else None, max_attempts=max_attempts,
                   title=title, source=dict(source or {}), hints=hints, solutions=solutions, generate=generate)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state (everything except the ``generate`` function)."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("generate", "questions")}
        data["questions"] = [asdict(question) for question in self.questions]
        data["version"] = FORMAT_VERSION
        return json.loads(json.dumps(data))

    @classmethod
    def from_dict(cls, data: dict[str, Any], generate: Generate | None = None) -> "QuizRun":
        """Rebuild a run saved with ``to_dict``."""
        questions = [
            QuestionState(**{**q, "submissions": [Submission(**s) for s in q.get("submissions", [])]})
            for q in data["questions"]
        ]
        fields = {k: v for k, v in data.items() if k not in ("questions", "version")}
        return cls(questions=questions, generate=generate, **fields)

    @property
    def quiz_id(self) -> str:
        """The id attempts are recorded under: the quiz file's id for a file quiz, else this run's key."""
        if self.source.get("kind") == "file" and self.source.get("quiz"):
            return str(self.source["quiz"])
        return self.key

    def hints_now(self) -> bool:
        """Whether hints may be shown at this moment (during the quiz, or on the results after it)."""
        return self.hints == "during" or (self.hints == "after" and self.finished_at is not None)

    def solutions_now(self) -> bool:
        """Whether worked solutions may be shown at this moment."""
        return self.solutions == "during" or (self.solutions == "after" and self.finished_at is not None)

    def answer_shown(self, index: int, part: str) -> bool:
        """Whether the right answer of a part may be shown now: when the quiz shows solutions at all, once the
        part is settled without being right (its attempts used up, or the quiz over), so it can change nothing."""
        if self.solutions == "never" or self.questions[index].part_score(part) >= 1:
            return False
        return self.finished_at is not None or self.attempts(index, part) >= self.max_attempts

    # ----- the rules -----------------------------------------------------------------------------------------
    def exercise(self, index: int) -> Any:
        """The exercise of question ``index``."""
        if self.generate is None:
            raise QuizError("this QuizRun has no generate function")
        question = self.questions[index]
        return self.generate(question.template_id, question.seed)

    def attempts(self, index: int, part: str) -> int:
        """Attempts used on a part (invalid input never uses one)."""
        return len(self.questions[index].part_submissions(part, readable_only=True))

    def attempts_left(self, index: int, part: str) -> int:
        """Attempts still allowed on a part (0 once it is right)."""
        if self.part_done(index, part) and self.questions[index].part_score(part) >= 1:
            return 0
        return max(0, self.max_attempts - self.attempts(index, part))

    def part_done(self, index: int, part: str) -> bool:
        """Right, or out of attempts."""
        question = self.questions[index]
        return question.part_score(part) >= 1 or self.attempts(index, part) >= self.max_attempts

    def question_done(self, index: int) -> bool:
        """Every part right or out of attempts."""
        return all(self.part_done(index, p) for p in self.questions[index].parts)

    def submit(self, index: int, part: str, text: str, *, lang: str = "en", now: float | None = None) -> Any:
        """Check ``text`` for a part and record it; returns the solver's Verdict.

        Earlier parts' last readable answers are passed on (error carried forward). Raises `QuizClosed`
        after the end or the time limit, `NoAttemptsLeft` when the part is right or out of attempts.
        """
        moment = _now(now)
        self._ensure_open(moment)
        question = self.questions[index]
        if part not in question.parts:
            raise QuizError(f"question {index} has no part {part!r}")
        if self.part_done(index, part):
            raise NoAttemptsLeft(f"question {index} part {part!r} is closed")
        verdict = self.exercise(index).check(part, text, lang=lang, earlier=self._earlier(index, part))
        details = verdict.details or {}
        question.submissions.append(Submission(
            part=part, text=text, status=verdict.status, score=float(verdict.score), message=verdict.message,
            interpreted=verdict.interpreted, mistake=mistake_label(details), ecf=bool(details.get("ecf")),
            at=moment, lang=lang, details=_json_ready(details),
        ))
        question.skipped = False
        self.current = index
        return verdict

    def _earlier(self, index: int, part: str) -> dict[str, str]:
        """The last readable answer to each part before ``part``."""
        question = self.questions[index]
        earlier: dict[str, str] = {}
        for previous in question.parts[: question.parts.index(part)]:
            readable = question.part_submissions(previous, readable_only=True)
            if readable:
                earlier[previous] = readable[-1].text
        return earlier

    def use_hint(self, index: int, available: int | None = None, *, now: float | None = None) -> int:
        """Reveal one more hint on a question (at most ``available``); returns how many are shown."""
        self._ensure_open(_now(now))
        if self.hints != "during":
            raise QuizError("this quiz shows no hints while it runs")
        question = self.questions[index]
        if available is None or question.hints_used < available:
            question.hints_used += 1
        return question.hints_used

    def skip(self, index: int, *, now: float | None = None) -> int | None:
        """Leave a question for later and move on; returns the new current question (None if all done)."""
        self._ensure_open(_now(now))
        if not self.question_done(index):
            self.questions[index].skipped = True
        following = self.next_unanswered(after=index)
        if following is not None:
            self.current = following
        return following

    def next_unanswered(self, after: int | None = None) -> int | None:
        """The first unfinished question after ``after`` (wrapping round, so skipped ones come back)."""
        count = len(self.questions)
        start = -1 if after is None else after
        for step in range(1, count + 1):
            index = (start + step) % count
            if not self.question_done(index):
                return index
        return None

    def go_to(self, index: int) -> None:
        """Show question ``index``."""
        if not 0 <= index < len(self.questions):
            raise QuizError(f"no question {index}")
        self.current = index

    # ----- time and end --------------------------------------------------------------------------------------
    def remaining_seconds(self, now: float | None = None) -> float | None:
        """Seconds left (never negative), or None for an untimed quiz."""
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - (_now(now) - self.started_at))

    def is_over(self, now: float | None = None) -> bool:
        """Finished, or the time is up."""
        return self.finished_at is not None or self.remaining_seconds(now) == 0.0

    def finish(self, now: float | None = None) -> None:
        """End the quiz (a timed quiz ends at its limit at the latest)."""
        if self.finished_at is None:
            moment = _now(now)
            if self.time_limit is not None:
                moment = min(moment, self.started_at + self.time_limit)
            self.finished_at = moment

    def _ensure_open(self, moment: float) -> None:
        if self.finished_at is not None:
            raise QuizClosed("the quiz is finished")
        if self.remaining_seconds(moment) == 0.0:
            self.finish(moment)
            raise QuizClosed("the time is up")

    # ----- results -------------------------------------------------------------------------------------------
    def results(self, now: float | None = None) -> QuizResults:
        """Score overall and per topic, time taken (so far, if not finished) and every question."""
        end = self.finished_at if self.finished_at is not None else _now(now)
        per_topic: dict[str, tuple[float, float]] = {}
        questions = []
        for index, question in enumerate(self.questions):
            score = question.score()
            got, out_of = per_topic.get(question.topic, (0.0, 0.0))
            per_topic[question.topic] = (got + score, out_of + question.points)
            questions.append(QuestionResult(
                index=index, template_id=question.template_id, seed=question.seed, topic=question.topic,
                points=question.points, score=score, status=_status(question, score),
                hints_used=question.hints_used, submissions=tuple(question.submissions),
            ))
        return QuizResults(score=sum(q.score for q in questions), max_score=sum(q.points for q in self.questions),
                           per_topic=per_topic, seconds=max(0.0, end - self.started_at),
                           questions=tuple(questions))

    def retry_missed(self, seed_source: int, *, key: str | None = None, now: float | None = None) -> "QuizRun":
        """A new quiz of the questions not fully right, same templates with fresh seeds, same rules."""
        specs = []
        for index in self.results(now).missed:
            question = self.questions[index]
            seed = derive_seed(seed_source, index, question.template_id)
            if seed == question.seed:
                seed = derive_seed(seed_source, index, question.template_id, "again")
            specs.append(QuestionSpec(question.template_id, seed, question.points))
        if self.generate is None:
            raise QuizError("this QuizRun has no generate function")
        source = {**self.source, "kind": "retry", "retry_of": self.key}
        return QuizRun.start(specs, self.generate, key=key, time_limit=self.time_limit,
                             max_attempts=self.max_attempts, title=self.title, source=source, hints=self.hints,
                             solutions=self.solutions, now=now)


def mistake_label(details: dict[str, Any]) -> str | None:
    """The anticipated mistake of a verdict: its catalogue name, else its message (store convention)."""
    mistake = details.get("mistake")
    if not isinstance(mistake, dict):
        return None
    return mistake.get("name") or mistake.get("message") or None


def _json_ready(details: dict[str, Any]) -> dict[str, Any]:
    """The verdict details as plain JSON values (anything unusual becomes its text)."""
    return json.loads(json.dumps(details, default=str))


def _status(question: QuestionState, score: float) -> str:
    if not any(s.status != "invalid" for s in question.submissions):
        return "unanswered"
    if score >= question.points:
        return "correct"
    return "partial" if score > 0 else "incorrect"


def new_quiz_key() -> str:
    """A fresh key for a quiz session in the store."""
    return "q-" + uuid.uuid4().hex[:12]


def _now(now: float | None) -> float:
    return time.time() if now is None else float(now)
