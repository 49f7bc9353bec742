"""Each profile's recent attempts per template (what mastery and weak spots are computed from), cached.

A cold load reads the last `WINDOW` attempts of each template with one indexed query per template. After that,
only attempts newer than the last one seen are read. A cheap consistency check (how many attempts up to the
newest seen) catches rows committed late by another process or replica (PostgreSQL ids are not committed in
order) and reloads.
"""
from __future__ import annotations

import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from . import schema
from .mastery import WINDOW

MAX_PROFILES = 256
Row = tuple[int, str, str, str, float, str | None, str | None]  # id, template_id, topic, status, score, mistake, uid
_a = schema.attempts
_COLUMNS = (_a.c.id, _a.c.template_id, _a.c.topic, _a.c.status, _a.c.score, _a.c.mistake, _a.c.uid)


@dataclass
class _Recent:
    max_id: int = 0
    count: int = 0
    by_template: dict[str, deque[Row]] = field(default_factory=dict)

    def add(self, row: Row) -> None:
        self.max_id = max(self.max_id, row[0])
        self.count += 1
        if row[3] != "invalid":
            self.by_template.setdefault(row[1], deque(maxlen=WINDOW)).append(row)

    def rows(self) -> list[Row]:
        return sorted((row for rows in self.by_template.values() for row in rows), key=lambda r: r[0])


def _count_upto(conn: Connection, profile: str, max_id: int) -> int:
    return conn.execute(select(func.count()).select_from(_a)
                        .where(_a.c.profile == profile, _a.c.id <= max_id)).scalar_one()


def _load(conn: Connection, profile: str) -> _Recent:
    recent = _Recent()
    recent.max_id = conn.execute(select(func.max(_a.c.id)).where(_a.c.profile == profile)).scalar() or 0
    recent.count = _count_upto(conn, profile, recent.max_id)
    templates = conn.execute(select(_a.c.template_id).where(_a.c.profile == profile).distinct()).scalars().all()
    for template_id in templates:
        rows = conn.execute(select(*_COLUMNS).where(_a.c.profile == profile, _a.c.template_id == template_id,
                                                    _a.c.status != "invalid", _a.c.id <= recent.max_id)
                            .order_by(_a.c.id.desc()).limit(WINDOW)).all()
        recent.by_template[template_id] = deque((tuple(r) for r in reversed(rows)), maxlen=WINDOW)
    return recent


class RecentCache:
    """Recent attempts per profile, kept up to date incrementally (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._profiles: OrderedDict[str, _Recent] = OrderedDict()

    def rows(self, conn: Connection, profile: str) -> list[Row]:
        """The profile's last `WINDOW` non-invalid attempts per template, oldest first."""
        with self._lock:
            recent = self._profiles.pop(profile, None)
        if recent is None:
            recent = _load(conn, profile)
        else:
            new = conn.execute(select(*_COLUMNS).where(_a.c.profile == profile, _a.c.id > recent.max_id)
                               .order_by(_a.c.id)).all()
            for row in new:
                recent.add(tuple(row))
            if _count_upto(conn, profile, recent.max_id) != recent.count:
                recent = _load(conn, profile)
        with self._lock:
            self._profiles[profile] = recent
            while len(self._profiles) > MAX_PROFILES:
                self._profiles.popitem(last=False)
        return recent.rows()
