"""Class-mode accounts on SQLite and PostgreSQL: passwords (Argon2id, never stored plain), join codes, sessions shared
by every replica (a second store on the same database), sign-out, lock-out after wrong passwords, hand-offs."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from store import open_store
from store.accounts import (LOCK_AFTER, AccountError, Accounts, digest, lock_seconds, login_of, new_join_code,
                            normalise_code)
from store.accounts_schema import accounts as accounts_table
from store.accounts_schema import auth_sessions, join_codes
from store.migrations import LATEST

PASSWORD = "correct horse"


class Clock:
    """A clock the test moves by hand (expiry and lock-out without waiting)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def accounts(store, clock):
    return Accounts(store.engine, clock=clock)


def test_the_schema_has_the_accounts_tables(store):
    from sqlalchemy import inspect

    names = set(inspect(store.engine).get_table_names())
    assert {"accounts", "join_codes", "auth_sessions", "sign_in_handoffs", "sign_in_failures"} <= names
    assert LATEST >= 2


def test_password_is_stored_as_an_argon2id_hash_and_verified(accounts, store):
    accounts.create("Ann Lee", "learner", PASSWORD)
    with store.engine.connect() as conn:
        stored = conn.execute(select(accounts_table.c.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    ok = accounts.verify_password("  ann   LEE ", PASSWORD)       # names match whatever the case and spacing
    assert ok.reason == "ok" and ok.account.name == "Ann Lee" and ok.account.role == "learner"
    assert accounts.verify_password("Ann Lee", "wrong horse").reason == "bad"
    assert accounts.verify_password("Nobody", PASSWORD).reason == "bad"   # same answer: names are not revealed


def test_names_roles_and_password_rules(accounts):
    accounts.create("Teacher", "instructor", PASSWORD)
    with pytest.raises(AccountError) as taken:
        accounts.create("TEACHER", "learner")
    assert taken.value.code == "exists"
    for bad_name in ("", "x" * 41, "a\x00b"):
        with pytest.raises(AccountError) as error:
            accounts.create(bad_name)
        assert error.value.code == "bad_name"
    with pytest.raises(AccountError) as role:
        accounts.create("Bo", "admin")
    assert role.value.code == "bad_role"
    with pytest.raises(AccountError) as short:
        accounts.create("Bo", "learner", "short")
    assert short.value.code == "short_password"
    assert [(a.name, a.role, a.has_password) for a in accounts.all()] == [("Teacher", "instructor", True)]


def test_join_code_lets_the_learner_choose_a_password_once(accounts, clock):
    accounts.create("Bo Li")
    assert accounts.verify_password("Bo Li", "").reason == "bad"      # no password yet: cannot sign in
    code = accounts.issue_join_code("Bo Li")
    assert accounts.join_code_account(code.lower().replace("-", " ")).name == "Bo Li"   # typed loosely
    joined = accounts.redeem_join_code(code, "my own secret")
    assert joined.name == "Bo Li" and joined.has_password
    assert accounts.verify_password("bo li", "my own secret").reason == "ok"
    with pytest.raises(AccountError) as again:
        accounts.redeem_join_code(code, "another secret")
    assert again.value.code == "bad_code"
    assert accounts.join_code_account(code) is None


def test_join_codes_expire_and_a_new_one_replaces_the_old(accounts, clock):
    accounts.create("Cy")
    first = accounts.issue_join_code("Cy", days=1)
    second = accounts.issue_join_code("Cy", days=1)
    with pytest.raises(AccountError):
        accounts.redeem_join_code(first, "password one")
    clock.advance(days=2)
    with pytest.raises(AccountError) as expired:
        accounts.redeem_join_code(second, "password one")
    assert expired.value.code == "bad_code"
    assert accounts.get("Cy").has_password is False


def test_join_codes_are_stored_as_digests(accounts, store):
    accounts.create("Di")
    code = accounts.issue_join_code("Di")
    with store.engine.connect() as conn:
        stored = conn.execute(select(join_codes.c.code_hash)).scalar()
    assert stored == digest(normalise_code(code)) and code not in stored


def test_join_code_format():
    code = new_join_code()
    assert len(code) == 14 and code.count("-") == 2 and normalise_code(code.lower()) == code
    assert not set(code) & set("01OIL")


def test_a_session_is_valid_on_every_replica_until_sign_out(accounts, store, db_url, clock):
    accounts.create("Ann", "learner", PASSWORD)
    token = accounts.start_session("ann")
    other_replica = open_store(db_url)
    try:
        other = Accounts(other_replica.engine, clock=clock)
        assert other.session_account(token).name == "Ann"
        with store.engine.connect() as conn:
            assert conn.execute(select(auth_sessions.c.token_hash)).scalar() == digest(token)   # hashed at rest
        other.end_session(token)                       # sign out on one replica …
        assert accounts.session_account(token) is None   # … and the token is dead on the other
    finally:
        other_replica.close()


def test_sessions_expire_and_bad_tokens_are_refused(accounts, clock):
    accounts.create("Ann", "learner", PASSWORD)
    token = accounts.start_session("Ann", hours=2)
    assert accounts.session_account(token).name == "Ann"
    for bad in (None, "", "forged-token", "x" * 5000):
        assert accounts.session_account(bad) is None
    clock.advance(hours=2, seconds=1)
    assert accounts.session_account(token) is None


def test_disabling_an_account_ends_its_sessions_and_sign_in(accounts):
    accounts.create("Ann", "learner", PASSWORD)
    token = accounts.start_session("Ann")
    accounts.set_disabled("Ann", True)
    assert accounts.session_account(token) is None
    assert accounts.verify_password("Ann", PASSWORD).reason == "disabled"
    accounts.set_disabled("Ann", False)
    assert accounts.verify_password("Ann", PASSWORD).reason == "ok"


def test_changing_the_password_ends_the_other_sessions(accounts):
    accounts.create("Ann", "learner", PASSWORD)
    here, elsewhere = accounts.start_session("Ann"), accounts.start_session("Ann")
    assert accounts.change_password("Ann", "not it at all", "a new password").reason == "bad"
    assert accounts.change_password("Ann", PASSWORD, "a new password", keep_token=here).reason == "ok"
    assert accounts.session_account(here).name == "Ann"
    assert accounts.session_account(elsewhere) is None
    assert accounts.verify_password("Ann", PASSWORD).reason == "bad"
    assert accounts.verify_password("Ann", "a new password").reason == "ok"


def test_wrong_passwords_lock_the_name_for_a_growing_while(accounts, clock):
    accounts.create("Ann", "learner", PASSWORD)
    for _ in range(LOCK_AFTER - 1):
        assert accounts.verify_password("Ann", "guess guess").reason == "bad"
    locked = accounts.verify_password("Ann", "guess guess")
    assert locked.reason == "locked" and locked.retry_after == lock_seconds(LOCK_AFTER) > 0
    assert accounts.verify_password("Ann", PASSWORD).reason == "locked"   # even the right password waits
    clock.advance(seconds=lock_seconds(LOCK_AFTER) + 1)
    again = accounts.verify_password("Ann", "guess guess")
    assert again.reason == "locked" and again.retry_after == lock_seconds(LOCK_AFTER + 1) > locked.retry_after
    clock.advance(seconds=again.retry_after + 1)
    assert accounts.verify_password("ANN", PASSWORD).reason == "ok"        # success clears the counter
    assert accounts.verify_password("Ann", "guess guess").reason == "bad"


def test_unknown_names_are_locked_too(accounts):
    results = [accounts.verify_password("ghost", "guess guess").reason for _ in range(LOCK_AFTER)]
    assert results == ["bad"] * (LOCK_AFTER - 1) + ["locked"]


def test_lock_time_is_capped():
    assert lock_seconds(LOCK_AFTER - 1) == 0 and lock_seconds(100) == 15 * 60


def test_a_handoff_code_becomes_one_session_once(accounts, clock):
    accounts.create("Ann", "learner", PASSWORD)
    code = accounts.create_handoff("Ann")
    token = accounts.redeem_handoff(code)
    assert accounts.session_account(token).name == "Ann"
    assert accounts.redeem_handoff(code) is None                   # one use only
    late = accounts.create_handoff("Ann", seconds=60)
    clock.advance(seconds=61)
    assert accounts.redeem_handoff(late) is None
    assert accounts.redeem_handoff("made-up") is None and accounts.redeem_handoff(None) is None


def test_identity_provider_accounts_are_found_again_and_follow_the_role(accounts):
    first = accounts.oidc_account("default|sub-1", email="ann@school.org", display_name="Ann", role="learner")
    assert first.name == "ann@school.org" and first.role == "learner" and not first.has_password
    again = accounts.oidc_account("default|sub-1", email="ann@school.org", display_name="Ann", role="instructor")
    assert again.name == first.name and again.role == "instructor"
    twin = accounts.oidc_account("other|sub-9", email="ann@school.org", display_name="Ann", role="learner")
    assert twin.name == "ann@school.org (2)"                        # same address, another identity: kept apart
    long = accounts.oidc_account("default|sub-2", email="a" * 60 + "@school.org", display_name=None, role="learner")
    assert len(long.name) <= 40
    assert accounts.verify_password("ann@school.org", "").reason == "bad"   # no password sign-in for them


def test_login_of_folds_case_and_spaces():
    assert login_of("  Ann   LEE ") == "ann lee"


def test_a_personal_mode_page_imports_no_password_hashing():
    """Topic pages import the sign-in guard in every mode; argon2 is loaded only when a password is hashed."""
    import subprocess
    import sys

    code = ("import sys, ui.auth, ui.layout, ui.practice, store.accounts; "
            "assert 'argon2' not in sys.modules; store.accounts.hasher(); assert 'argon2' in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
