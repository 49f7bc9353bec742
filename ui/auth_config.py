"""Which mode the app runs in, and the class-mode settings (environment variables win over `.streamlit/secrets.toml`).

Personal mode is the default. Class mode: `DLMATH_MODE=class`, or in `.streamlit/secrets.toml`

    [dlmath]
    mode = "class"
    instructors = ["teacher@school.org"]      # identity-provider users who are instructors (e-mail addresses)
    instructor_domains = []                   # … or every address of these domains
    learner_domains = ["school.org"]          # who else may sign in with the provider (empty: anyone it vouches for)
    session_hours = 12                        # how long a sign-in lasts
    secure_cookie = true                      # mark the session cookie Secure (always, not only on HTTPS requests)
    bootstrap_instructor = "Ms Rivera"        # created at start-up if missing, with bootstrap_password
    bootstrap_password = "…"

Environment: `DLMATH_MODE`, `DLMATH_INSTRUCTORS`, `DLMATH_INSTRUCTOR_DOMAINS`, `DLMATH_LEARNER_DOMAINS` (comma
separated), `DLMATH_SESSION_HOURS`, `DLMATH_SECURE_COOKIE` (1/0), `DLMATH_INSTRUCTOR` and
`DLMATH_INSTRUCTOR_PASSWORD`. Sign-in with an identity provider is configured by Streamlit's own `[auth]` section.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

MODE_VARIABLE = "DLMATH_MODE"
PROVIDER_KEYS = ("client_id", "server_metadata_url")


def _secrets_section(name: str) -> dict[str, Any]:
    """A section of `.streamlit/secrets.toml` as a dict ({} without the file or the section).

    Read at most once every `SECRETS_TTL_SECONDS` per process: every page asks (is this class mode?), and without
    a secrets file Streamlit looks for one on disk at each ask. An edited file is seen within that time."""
    now = time.monotonic()
    kept = _secrets_read.get(name)
    if kept is not None and now - kept[0] < SECRETS_TTL_SECONDS:
        return dict(kept[1])
    value = _read_secrets_section(name)
    _secrets_read[name] = (now, value)
    return dict(value)


SECRETS_TTL_SECONDS = 5.0
_secrets_read: dict[str, tuple[float, dict[str, Any]]] = {}


def _read_secrets_section(name: str) -> dict[str, Any]:
    try:
        import streamlit as st

        value = st.secrets.get(name)
    except Exception:  # no secrets file, or one that cannot be read: nothing configured there
        return {}
    if value is None:
        return {}
    return value.to_dict() if hasattr(value, "to_dict") else dict(value)


def _words(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        value = value.split(",")
    return frozenset(str(item).strip().casefold() for item in (value or ()) if str(item).strip())


def class_mode() -> bool:
    """True when the app runs for a class (every page needs a signed-in user)."""
    mode = os.environ.get(MODE_VARIABLE)
    if mode is None:
        mode = str(_secrets_section("dlmath").get("mode", "personal"))
    return mode.strip().lower() == "class"


@dataclass(frozen=True)
class ClassSettings:
    """The class-mode settings (see the module docstring)."""

    instructors: frozenset[str] = frozenset()
    instructor_domains: frozenset[str] = frozenset()
    learner_domains: frozenset[str] = frozenset()
    session_hours: float = 12.0
    secure_cookie: bool = False
    bootstrap_instructor: str = ""
    bootstrap_password: str = ""

    def role_for(self, email: str | None, *, verified: bool = True) -> str | None:
        """The role of an identity-provider user with this address: "instructor", "learner", or None (not let in).

        An address the provider says is unverified is never an instructor, nor let in by its domain."""
        address = (email or "").strip().casefold()
        domain = address.rpartition("@")[2] if "@" in address else ""
        if verified and address and (address in self.instructors or domain in self.instructor_domains):
            return "instructor"
        if not self.learner_domains:
            return "learner"
        return "learner" if verified and domain in self.learner_domains else None


def settings() -> ClassSettings:
    """The class-mode settings now in force."""
    section = _secrets_section("dlmath")

    def pick(variable: str, key: str, default: Any = None) -> Any:
        return os.environ[variable] if variable in os.environ else section.get(key, default)

    try:
        hours = float(pick("DLMATH_SESSION_HOURS", "session_hours", 12))
    except (TypeError, ValueError):
        hours = 12.0
    secure = str(pick("DLMATH_SECURE_COOKIE", "secure_cookie", False)).strip().lower() in ("1", "true", "yes")
    return ClassSettings(
        instructors=_words(pick("DLMATH_INSTRUCTORS", "instructors")),
        instructor_domains=_words(pick("DLMATH_INSTRUCTOR_DOMAINS", "instructor_domains")),
        learner_domains=_words(pick("DLMATH_LEARNER_DOMAINS", "learner_domains")),
        session_hours=hours if 0 < hours <= 24 * 90 else 12.0,
        secure_cookie=secure,
        bootstrap_instructor=str(pick("DLMATH_INSTRUCTOR", "bootstrap_instructor", "") or ""),
        bootstrap_password=str(pick("DLMATH_INSTRUCTOR_PASSWORD", "bootstrap_password", "") or ""),
    )


def oidc_providers() -> list[str]:
    """The identity providers configured in Streamlit's `[auth]` section: "default" when `[auth]` itself names one,
    then each `[auth.NAME]` sub-section that does."""
    auth = _secrets_section("auth")
    found = ["default"] if any(key in auth for key in PROVIDER_KEYS) else []
    found += [name for name, value in auth.items() if isinstance(value, dict) and any(k in value for k in PROVIDER_KEYS)]
    return found
