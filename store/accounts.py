"""Class-mode accounts: who may sign in, with which role, and their server-side sessions.

    from store import get_accounts
    accounts = get_accounts()                  # on the same database as `get_store()`
    accounts.create("Ann Lee", "learner")      # no password yet: hand out `accounts.issue_join_code("Ann Lee")`
    accounts.redeem_join_code(code, "a good password")   # the learner picks the password when joining
    result = accounts.verify_password("ann lee", "a good password")   # SignIn(account, reason, retry_after)
    token = accounts.start_session(result.account.name)  # the browser keeps `token` in an HttpOnly cookie
    accounts.session_account(token)            # on any replica; None once expired, revoked or disabled

An account's `name` is also the profile name its answers, quizzes and progress are kept under. Names are matched
case-insensitively when people type them. Passwords are hashed with Argon2id (argon2-cffi, OWASP parameters);
session tokens, join codes and hand-off codes are random and stored only as SHA-256 digests. Repeated wrong
passwords lock the name for a while (`LOCK_AFTER`, `lock_seconds`), whether or not the account exists.

Unlike attempts, every write here is synchronous: it is in the database when the call returns, or the call raises
`AccountsUnavailable` (nothing is kept in memory to be written later).
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from .accounts_schema import accounts as accounts_table
from .accounts_schema import auth_sessions, join_codes, sign_in_failures, sign_in_handoffs
from .store import normalise_profile_name

if TYPE_CHECKING:
    from argon2 import PasswordHasher

Role = Literal["instructor", "learner"]
ROLES: tuple[str, ...] = ("instructor", "learner")
MIN_PASSWORD = 8
MAX_PASSWORD = 200
LOCK_AFTER = 5                      # wrong passwords in a row before the name is locked
LOCK_BASE_SECONDS = 30              # first lock; doubles with every further failure
LOCK_MAX_SECONDS = 15 * 60
SESSION_HOURS = 12
JOIN_CODE_DAYS = 14
HANDOFF_SECONDS = 60
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I/L: easy to read aloud and type
_CODE_GROUPS = 3
_CODE_GROUP_LENGTH = 4


@functools.cache
def hasher() -> PasswordHasher:
    """The password hasher: OWASP's recommended Argon2id parameters (19 MiB, 2 passes, 1 lane), ~40 ms here,
    affordable for a class signing in. argon2 is imported on first use: personal mode never needs it."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown, so that takes as long as a wrong password."""
    return hasher().hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A request about accounts that cannot be done; `code` says why (see `ui/strings/auth.py`, `auth.error.*`)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class AccountsUnavailable(RuntimeError):
    """The database could not be read or written: nobody can sign in until it is back."""


@dataclass(frozen=True)
class Account:
    """One person who can sign in (`name` is also their profile name)."""

    name: str
    role: str
    has_password: bool = False
    oidc_subject: str | None = None
    email: str | None = None
    disabled: bool = False
    created_at: datetime | None = None
    last_sign_in: datetime | None = None

    @property
    def is_instructor(self) -> bool:
        """True for an instructor account."""
        return self.role == "instructor"


@dataclass(frozen=True)
class SignIn:
    """The outcome of a password check: `reason` is "ok" (with `account`), "bad" (unknown name or wrong password:
    never said which), "locked" (too many wrong passwords: try again in `retry_after` seconds) or "disabled"."""

    reason: Literal["ok", "bad", "locked", "disabled"]
    account: Account | None = None
    retry_after: float = 0.0


def login_of(name: str) -> str:
    """What a typed name is matched on: normalised spaces, case-folded."""
    return " ".join(str(name).split()).casefold()


def digest(secret: str) -> str:
    """The SHA-256 hex digest a random secret is stored as."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    """A join code as typed (any case, with or without dashes or spaces) in its canonical form `ABCD-EFGH-JKMN`."""
    plain = "".join(ch for ch in str(code).upper() if ch.isalnum())
    size = _CODE_GROUP_LENGTH
    return "-".join(plain[i:i + size] for i in range(0, len(plain), size))


def new_join_code() -> str:
    """A fresh random join code (12 characters from a 31-letter alphabet: about 59 bits)."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUPS * _CODE_GROUP_LENGTH))
    return normalise_code(chars)


def check_password_rules(password: str) -> None:
    """AccountError("short_password"/"long_password") unless the password is 8–200 characters."""
    if len(password) < MIN_PASSWORD:
        raise AccountError("short_password")
    if len(password) > MAX_PASSWORD:
        raise AccountError("long_password")


def lock_seconds(failures: int) -> float:
    """How long a name stays locked after `failures` wrong passwords in a row (0 below `LOCK_AFTER`)."""
    if failures < LOCK_AFTER:
        return 0.0
    return float(min(LOCK_BASE_SECONDS * 2 ** (failures - LOCK_AFTER), LOCK_MAX_SECONDS))


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _account(row) -> Account:
    return Account(name=row.name, role=row.role, has_password=bool(row.password_hash), oidc_subject=row.oidc_subject,
                   email=row.email, disabled=bool(row.disabled), created_at=_utc(row.created_at),
                   last_sign_in=_utc(row.last_sign_in))


class Accounts:
    """Accounts, join codes and sessions in one database (see the module docstring)."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = _now) -> None:
        self._engine = engine
        self._clock = clock
        shared = isinstance(engine.pool, StaticPool)   # one in-memory connection: one transaction at a time
        self._lock: contextlib.AbstractContextManager = threading.RLock() if shared else contextlib.nullcontext()

    # ---- transactions -------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _write(self):
        try:
            with self._lock, self._engine.connect() as conn:
                conn.execution_options(write=True)
                with conn.begin():
                    yield conn
        except IntegrityError:
            raise
        except SQLAlchemyError as error:
            raise AccountsUnavailable(str(error)) from error

    @contextlib.contextmanager
    def _read(self):
        try:
            with self._lock, self._engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as error:
            raise AccountsUnavailable(str(error)) from error

    @staticmethod
    def _row(conn: Connection, name: str):
        return conn.execute(select(accounts_table).where(accounts_table.c.login == login_of(name))).first()

    # ---- accounts -----------------------------------------------------------------------------------------
    def create(self, name: str, role: str = "learner", password: str | None = None, *,
               email: str | None = None, oidc_subject: str | None = None) -> Account:
        """A new account. AccountError "bad_name" (empty, over 40 characters, control characters), "bad_role",
        "exists" (the name, in any case, is taken) or a password rule (`check_password_rules`)."""
        try:
            name = normalise_profile_name(name)
        except ValueError:
            raise AccountError("bad_name") from None
        if role not in ROLES:
            raise AccountError("bad_role")
        if password is not None:
            check_password_rules(password)
        values = {"name": name, "login": login_of(name), "role": role, "disabled": 0, "created_at": self._clock(),
                  "password_hash": hasher().hash(password) if password is not None else None,
                  "email": email, "oidc_subject": oidc_subject}
        try:
            with self._write() as conn:
                if self._row(conn, name) is not None:
                    raise AccountError("exists")
                conn.execute(insert(accounts_table).values(**values))
        except IntegrityError:
            raise AccountError("exists") from None
        return self.get(name)

    def get(self, name: str) -> Account | None:
        """The account called `name` (any case), or None."""
        with self._read() as conn:
            row = self._row(conn, name)
        return _account(row) if row is not None else None

    def all(self) -> list[Account]:
        """Every account, instructors first, then by name."""
        with self._read() as conn:
            rows = conn.execute(select(accounts_table)).all()
        return sorted((_account(r) for r in rows), key=lambda a: (a.role != "instructor", a.name.casefold()))

    def count(self, role: str | None = None) -> int:
        """How many accounts (of `role`) there are."""
        return sum(1 for a in self.all() if role is None or a.role == role)

    def set_disabled(self, name: str, disabled: bool) -> None:
        """Disable (every session ends at once) or enable an account. AccountError "unknown"."""
        with self._write() as conn:
            row = self._row(conn, name)
            if row is None:
                raise AccountError("unknown")
            conn.execute(update(accounts_table).where(accounts_table.c.name == row.name)
                         .values(disabled=int(disabled)))
            if disabled:
                self._revoke(conn, row.name)

    def set_role(self, name: str, role: str) -> None:
        """Make an account an instructor or a learner. AccountError "unknown" or "bad_role"."""
        if role not in ROLES:
            raise AccountError("bad_role")
        with self._write() as conn:
            row = self._row(conn, name)
            if row is None:
                raise AccountError("unknown")
            conn.execute(update(accounts_table).where(accounts_table.c.name == row.name).values(role=role))

    # ---- passwords ----------------------------------------------------------------------------------------
    def set_password(self, name: str, password: str) -> None:
        """Set a new password (an instructor's reset, or a join) and end every session of the account."""
        check_password_rules(password)
        hashed = hasher().hash(password)
        with self._write() as conn:
            row = self._row(conn, name)
            if row is None:
                raise AccountError("unknown")
            conn.execute(update(accounts_table).where(accounts_table.c.name == row.name).values(password_hash=hashed))
            self._revoke(conn, row.name)

    def change_password(self, name: str, old: str, new: str, *, keep_token: str | None = None) -> SignIn:
        """Change one's own password: `old` must be right (and counts towards the lock when wrong). Every other
        session of the account ends; the session of `keep_token` (the one asking) stays."""
        check_password_rules(new)
        checked = self.verify_password(name, old, record_sign_in=False)
        if checked.reason != "ok":
            return checked
        hashed = hasher().hash(new)
        with self._write() as conn:
            conn.execute(update(accounts_table).where(accounts_table.c.name == checked.account.name)
                         .values(password_hash=hashed))
            self._revoke(conn, checked.account.name, keep=digest(keep_token) if keep_token else None)
        return checked

    def verify_password(self, name: str, password: str, *, record_sign_in: bool = True) -> SignIn:
        """Check a name and password; see `SignIn`. Wrong passwords (and unknown names) count towards a lock."""
        login = login_of(name)[:80]
        now = self._clock()
        with self._read() as conn:
            row = self._row(conn, name) if login else None
            throttle = conn.execute(select(sign_in_failures).where(sign_in_failures.c.login == login)).first()
        locked_until = _utc(throttle.locked_until) if throttle is not None else None
        if locked_until is not None and locked_until > now:
            return SignIn("locked", retry_after=(locked_until - now).total_seconds())
        stored = row.password_hash if row is not None and row.password_hash else None
        from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

        try:
            hasher().verify(stored or _dummy_hash(), password[:MAX_PASSWORD])
            right = stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            right = False
        if not right:
            return self._failed(login, now)
        if row.disabled:
            return SignIn("disabled")
        with self._write() as conn:
            conn.execute(delete(sign_in_failures).where(sign_in_failures.c.login == login))
            values = {"last_sign_in": now} if record_sign_in else {}
            if hasher().check_needs_rehash(stored):
                values["password_hash"] = hasher().hash(password)
            if values:
                conn.execute(update(accounts_table).where(accounts_table.c.name == row.name).values(**values))
        return SignIn("ok", _account(row))

    def _failed(self, login: str, now: datetime) -> SignIn:
        with self._write() as conn:
            row = conn.execute(select(sign_in_failures).where(sign_in_failures.c.login == login)).first()
            failures = (row.failures if row is not None else 0) + 1
            wait = lock_seconds(failures)
            values = {"failures": failures, "last_failure": now,
                      "locked_until": now + timedelta(seconds=wait) if wait else None}
            if row is None:
                conn.execute(insert(sign_in_failures).values(login=login, **values))
            else:
                conn.execute(update(sign_in_failures).where(sign_in_failures.c.login == login).values(**values))
            # counters of names nobody has mistyped for a day are forgotten
            stale = [r.login for r in conn.execute(select(sign_in_failures.c.login, sign_in_failures.c.last_failure))
                     if _utc(r.last_failure) < now - timedelta(days=1)]
            if stale:
                conn.execute(delete(sign_in_failures).where(sign_in_failures.c.login.in_(stale)))
        if wait:
            return SignIn("locked", retry_after=wait)
        return SignIn("bad")

    # ---- join codes ---------------------------------------------------------------------------------------
    def issue_join_code(self, name: str, *, days: float = JOIN_CODE_DAYS) -> str:
        """A new one-time join code for the account (earlier unused codes of it stop working). Give it to the
        person: with it they choose their password. Shown once: only its digest is kept."""
        code = new_join_code()
        now = self._clock()
        with self._write() as conn:
            row = self._row(conn, name)
            if row is None:
                raise AccountError("unknown")
            conn.execute(delete(join_codes).where(join_codes.c.account == row.name, join_codes.c.used_at.is_(None)))
            conn.execute(insert(join_codes).values(code_hash=digest(code), account=row.name, created_at=now,
                                                   expires_at=now + timedelta(days=days)))
        return code

    def join_code_account(self, code: str) -> Account | None:
        """The account a join code is for, while the code is unused and unexpired (else None)."""
        with self._read() as conn:
            row = conn.execute(select(join_codes).where(join_codes.c.code_hash == digest(normalise_code(code)))).first()
            if row is None or row.used_at is not None or _utc(row.expires_at) <= self._clock():
                return None
            account = conn.execute(select(accounts_table).where(accounts_table.c.name == row.account)).first()
        return _account(account) if account is not None and not account.disabled else None

    def redeem_join_code(self, code: str, password: str) -> Account:
        """Use a join code once: set the account's password (ending its sessions). AccountError "bad_code" for an
        unknown, used or expired code (or a disabled account), or a password rule."""
        check_password_rules(password)
        hashed = hasher().hash(password)
        now = self._clock()
        with self._write() as conn:
            code_hash = digest(normalise_code(code))
            row = conn.execute(select(join_codes).where(join_codes.c.code_hash == code_hash)).first()
            if row is None or row.used_at is not None or _utc(row.expires_at) <= now:
                raise AccountError("bad_code")
            used = conn.execute(update(join_codes).where(join_codes.c.code_hash == code_hash,
                                                         join_codes.c.used_at.is_(None)).values(used_at=now))
            account = conn.execute(select(accounts_table).where(accounts_table.c.name == row.account)).first()
            if used.rowcount != 1 or account is None or account.disabled:
                raise AccountError("bad_code")
            conn.execute(update(accounts_table).where(accounts_table.c.name == account.name)
                         .values(password_hash=hashed))
            self._revoke(conn, account.name)
        return self.get(account.name)

    # ---- sessions -----------------------------------------------------------------------------------------
    def start_session(self, name: str, *, hours: float = SESSION_HOURS) -> str:
        """A new session for the account; returns its token (kept by the browser, stored here as a digest)."""
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._write() as conn:
            row = self._row(conn, name)
            if row is None or row.disabled:
                raise AccountError("unknown")
            conn.execute(insert(auth_sessions).values(token_hash=digest(token), account=row.name, created_at=now,
                                                      expires_at=now + timedelta(hours=hours)))
            conn.execute(update(accounts_table).where(accounts_table.c.name == row.name).values(last_sign_in=now))
            conn.execute(delete(auth_sessions).where(auth_sessions.c.account == row.name,
                                                     auth_sessions.c.expires_at < now - timedelta(days=1)))
        return token

    def session_account(self, token: str | None) -> Account | None:
        """The account of a live session token; None when unknown, expired, revoked, or the account is disabled."""
        if not token or len(token) > 200:
            return None
        with self._read() as conn:
            row = conn.execute(select(auth_sessions).where(auth_sessions.c.token_hash == digest(token))).first()
            if row is None or row.revoked_at is not None or _utc(row.expires_at) <= self._clock():
                return None
            account = conn.execute(select(accounts_table).where(accounts_table.c.name == row.account)).first()
        return _account(account) if account is not None and not account.disabled else None

    def end_session(self, token: str | None) -> None:
        """Sign out: the token stops working on every replica."""
        if not token:
            return
        with self._write() as conn:
            conn.execute(update(auth_sessions).where(auth_sessions.c.token_hash == digest(token),
                                                     auth_sessions.c.revoked_at.is_(None))
                         .values(revoked_at=self._clock()))

    def end_all_sessions(self, name: str) -> None:
        """End every session of the account."""
        with self._write() as conn:
            row = self._row(conn, name)
            if row is not None:
                self._revoke(conn, row.name)

    def _revoke(self, conn: Connection, account: str, keep: str | None = None) -> None:
        where = [auth_sessions.c.account == account, auth_sessions.c.revoked_at.is_(None)]
        if keep:
            where.append(auth_sessions.c.token_hash != keep)
        conn.execute(update(auth_sessions).where(*where).values(revoked_at=self._clock()))

    # ---- hand-offs: from a signed-in script run to the browser's cookie ---------------------------------------
    def create_handoff(self, name: str, *, seconds: float = HANDOFF_SECONDS) -> str:
        """A one-time code, valid `seconds`, that `redeem_handoff` turns into a session (by the HTTP route that
        sets the session cookie): the session token itself never appears in a URL."""
        code = secrets.token_urlsafe(32)
        now = self._clock()
        with self._write() as conn:
            row = self._row(conn, name)
            if row is None:
                raise AccountError("unknown")
            conn.execute(delete(sign_in_handoffs).where(sign_in_handoffs.c.expires_at < now))
            conn.execute(insert(sign_in_handoffs).values(code_hash=digest(code), account=row.name,
                                                         expires_at=now + timedelta(seconds=seconds)))
        return code

    def redeem_handoff(self, code: str | None, *, hours: float = SESSION_HOURS) -> str | None:
        """Use a hand-off code once: the token of a new session of its account, or None (unknown, used, expired)."""
        if not code or len(code) > 200:
            return None
        code_hash = digest(code)
        with self._write() as conn:
            row = conn.execute(select(sign_in_handoffs).where(sign_in_handoffs.c.code_hash == code_hash)).first()
            if row is None:
                return None
            gone = conn.execute(delete(sign_in_handoffs).where(sign_in_handoffs.c.code_hash == code_hash))
            if gone.rowcount != 1 or _utc(row.expires_at) <= self._clock():
                return None
            account = row.account
        try:
            return self.start_session(account, hours=hours)
        except AccountError:
            return None

    # ---- accounts of an identity provider (OpenID Connect) ---------------------------------------------------
    def oidc_account(self, subject: str, *, email: str | None, display_name: str | None, role: str) -> Account:
        """The account of an identity-provider user (created on first sign-in; its role follows the configuration
        at every sign-in). Named after the e-mail address (or display name), made unique if taken."""
        if role not in ROLES:
            raise AccountError("bad_role")
        subject = subject[:300]
        with self._write() as conn:
            row = conn.execute(select(accounts_table).where(accounts_table.c.oidc_subject == subject)).first()
            now = self._clock()
            if row is not None:
                conn.execute(update(accounts_table).where(accounts_table.c.name == row.name)
                             .values(role=role, email=email, last_sign_in=now))
                name = row.name
            else:
                name = self._free_name(conn, email or display_name or "user")
                conn.execute(insert(accounts_table).values(
                    name=name, login=login_of(name), role=role, disabled=0, created_at=now, last_sign_in=now,
                    email=email, oidc_subject=subject))
        return self.get(name)

    def _free_name(self, conn: Connection, wanted: str) -> str:
        base = " ".join("".join(ch if ch.isprintable() else " " for ch in wanted).split()) or "user"
        for n in range(1, 1000):
            suffix = "" if n == 1 else f" ({n})"
            name = base[:40 - len(suffix)].rstrip() + suffix
            if self._row(conn, name) is None:
                return name
        raise AccountError("exists")
