"""The store's value types: what the app records and what it reads back."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

VerdictStatus = Literal["correct", "incorrect", "invalid"]
StoreMode = Literal["ok", "read-only", "memory"]


@dataclass(frozen=True)
class Attempt:
    """One submitted answer to one part of one exercise.

    `mistake` is the catalogue name of the anticipated slip the answer matched (solver `details["mistake"]["name"]`)
    or, for an unnamed exercise-specific slip, its message; `question` is the 0-based question index in a quiz.
    """

    profile: str
    template_id: str
    topic: str
    seed: int
    part: str
    answer: str
    status: VerdictStatus
    score: float
    mistake: str | None = None
    hints_used: int = 0
    seconds: float | None = None
    quiz_id: str | None = None
    question: int | None = None


@dataclass(frozen=True)
class AttemptRow(Attempt):
    """A recorded attempt: the `Attempt` plus its id and UTC time (`at`, timezone-aware).

    An attempt kept in memory because the database could not take it (see `StoreStatus.pending`) has a negative id.
    """

    id: int = 0
    at: datetime | None = None


@dataclass(frozen=True)
class WeakSpot:
    """A template worth practising, with why (`reason` in "en" and "zh") and how useful (`weight`, higher first)."""

    template_id: str
    topic: str
    reason: dict[str, str]
    weight: float


@dataclass(frozen=True)
class StoreStatus:
    """How the store is doing, for the UI banner.

    `mode`: "ok" (saving to the database), "read-only" (the database can be read but not written), "memory" (no
    database). Without a writable database, new records are kept in the local spool (or, if that cannot be
    written, in memory until the app stops). `message` ({"en", "zh"}) is set whenever something is not being
    saved as usual; `pending` counts records not (yet) in the database; `set_aside` counts records the database
    refused since the app started (kept for the instructor, see `Store.set_aside`).
    """

    mode: StoreMode = "ok"
    message: dict[str, str] | None = field(default=None)
    pending: int = 0
    set_aside: int = 0

    @property
    def degraded(self) -> bool:
        """True when the learner should be told that progress is not (all) being saved."""
        return self.message is not None


@dataclass(frozen=True)
class SetAsideRow:
    """A record the database refused for its data, kept for the instructor: when, what kind ("attempt", "quiz",
    "profile"), whose, the database's reason, and the record itself (its fields, as written)."""

    at: datetime
    kind: str
    profile: str
    reason: str
    record: dict


@dataclass(frozen=True)
class IntegrityReport:
    """The outcome of `Store.check_integrity`: `ok` is False when damage was found (`problems` lists it) and None
    when the check could not be done or finish; `message` ({"en", "zh"}) says what it means."""

    ok: bool | None
    message: dict[str, str]
    problems: tuple[str, ...] = ()
