"""What the writer writes: a new profile, an attempt, a quiz state — each as plain JSON for the spool too."""
from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Union

from .models import Attempt, AttemptRow

ATTEMPT_FIELDS = tuple(Attempt.__dataclass_fields__)


def utc(value: datetime) -> datetime:
    """`value` as an aware UTC time (naive times are taken as UTC)."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def now() -> datetime:
    """The current aware UTC time."""
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class ProfileRecord:
    """Create profile `name` if it does not exist."""

    name: str
    at: datetime

    @property
    def profile(self) -> str:
        return self.name


@dataclass(frozen=True)
class AttemptRecord:
    """Insert an attempt; `uid` makes a replay a no-op; `row.id` is negative until the database gives one."""

    uid: str
    row: AttemptRow

    @property
    def profile(self) -> str:
        return self.row.profile

    @classmethod
    def new(cls, attempt: Attempt, temporary_id: int) -> AttemptRecord:
        values = {f: getattr(attempt, f) for f in ATTEMPT_FIELDS}
        return cls(secrets.token_hex(16), AttemptRow(**values, id=temporary_id, at=now()))


@dataclass(frozen=True)
class QuizRecord:
    """Save a quiz's JSON `state`, unless the database already has a newer one (`at`)."""

    profile: str
    quiz_key: str
    state: str
    finished: bool
    at: datetime


Record = Union[ProfileRecord, AttemptRecord, QuizRecord]


def to_json(record: Record) -> dict:
    """The record as a JSON-ready dict (for the spool and the set-aside table)."""
    if isinstance(record, AttemptRecord):
        values = asdict(record.row)
        values.update(kind="attempt", uid=record.uid, at=record.row.at.isoformat())
        return values
    values = asdict(record)
    values.update(kind="quiz" if isinstance(record, QuizRecord) else "profile", at=record.at.isoformat())
    return values


def from_json(data: dict, temporary_id: int = -1) -> Record:
    """The record written by `to_json` (KeyError/ValueError/TypeError for anything else)."""
    at = utc(datetime.fromisoformat(data["at"]))
    if data["kind"] == "attempt":
        values = {f: data[f] for f in ATTEMPT_FIELDS}
        return AttemptRecord(str(data["uid"]), AttemptRow(**values, id=temporary_id, at=at))
    if data["kind"] == "quiz":
        return QuizRecord(str(data["profile"]), str(data["quiz_key"]), str(data["state"]), bool(data["finished"]), at)
    if data["kind"] == "profile":
        return ProfileRecord(str(data["name"]), at)
    raise ValueError(data["kind"])
