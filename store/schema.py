"""The database tables (SQLAlchemy Core), the same on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Column, DateTime, Float, Index, Integer, MetaData, String, Table, Text,
                        PrimaryKeyConstraint)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, nullable=False),
)

profiles = Table(
    "profiles", metadata,
    Column("name", String(80), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

attempts = Table(
    "attempts", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("profile", String(80), nullable=False),
    Column("template_id", String(200), nullable=False),
    Column("topic", String(80), nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("part", String(80), nullable=False),
    Column("answer", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("mistake", Text),
    Column("hints_used", Integer, nullable=False),
    Column("seconds", Float),
    Column("quiz_id", String(200)),
    Column("question", Integer),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("uid", String(32)),           # the writer's idempotency key (a replayed journal never duplicates)
)

quiz_sessions = Table(
    "quiz_sessions", metadata,
    Column("profile", String(80), nullable=False),
    Column("quiz_key", String(200), nullable=False),
    Column("state", Text, nullable=False),
    Column("finished", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("profile", "quiz_key"),
)

exercise_files = Table(
    "exercise_files", metadata,  # instructors' exercise and quiz files in class mode (see store/files.py)
    Column("name", String(120), primary_key=True),
    Column("content", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("uploaded_by", String(80)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

published_templates = Table(
    "published_templates", metadata,  # instructors' templates offered on their topic pages
    Column("template_id", String(200), primary_key=True),
    Column("published_by", String(80)),
    Column("at", DateTime(timezone=True), nullable=False),
)

set_aside = Table(
    "set_aside", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", String(16), nullable=False),          # "attempt" | "quiz" | "profile"
    Column("profile", String(80), nullable=False),
    Column("reason", Text, nullable=False),
    Column("record", Text, nullable=False),              # the record as ASCII JSON (any character escaped)
)

UID_INDEX = Index("ux_attempts_uid", attempts.c.uid, unique=True)

INDEXES = (
    Index("ix_attempts_profile_id", attempts.c.profile, attempts.c.id),
    Index("ix_attempts_profile_template_id", attempts.c.profile, attempts.c.template_id, attempts.c.id),
    Index("ix_attempts_quiz_id", attempts.c.quiz_id),
)
