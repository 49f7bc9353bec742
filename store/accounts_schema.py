"""The class-mode tables (SQLAlchemy Core, same on SQLite and PostgreSQL): accounts, join codes, sign-in sessions,
one-time sign-in hand-offs and the failed-password counters. Created by migration step 2 (`store.migrations`).

Every secret (session token, join code, hand-off code) is stored only as its SHA-256 hex digest; passwords only as
Argon2id hashes (`store.accounts`).
"""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table, Text

from .schema import metadata

accounts = Table(
    "accounts", metadata,
    Column("name", String(80), primary_key=True),          # also the profile name every record is kept under
    Column("login", String(80), nullable=False, unique=True),   # the name case-folded: what people type
    Column("role", String(16), nullable=False),             # "instructor" | "learner"
    Column("password_hash", Text),                           # Argon2id; NULL until a password is set
    Column("oidc_subject", String(300), unique=True),        # "<provider>|<sub>" for accounts of an identity provider
    Column("email", String(320)),
    Column("disabled", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_sign_in", DateTime(timezone=True)),
)

join_codes = Table(
    "join_codes", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("account", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

auth_sessions = Table(
    "auth_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

sign_in_handoffs = Table(
    "sign_in_handoffs", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("account", String(80), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

sign_in_failures = Table(
    "sign_in_failures", metadata,
    Column("login", String(80), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("locked_until", DateTime(timezone=True)),
    Column("last_failure", DateTime(timezone=True), nullable=False),
)

TABLES = (accounts, join_codes, auth_sessions, sign_in_handoffs, sign_in_failures)
INDEXES = (
    Index("ix_join_codes_account", join_codes.c.account),
    Index("ix_auth_sessions_account", auth_sessions.c.account),
)
