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

    `mode`: "ok" (saving to the database), "read-only" (the database can be read but not written: new records are
    kept in memory), "memory" (no database: records last until the app stops). `message` ({"en", "zh"}) is set
    whenever something is not being saved; `pending` counts records waiting in memory for the database.
    """

    mode: StoreMode = "ok"
    message: dict[str, str] | None = field(default=None)
    pending: int = 0

    @property
    def degraded(self) -> bool:
        """True when the learner should be told that progress is not (all) being saved."""
        return self.message is not None
