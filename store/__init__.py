"""The progress store: profiles, attempts, quiz sessions, mastery, weak spots and CSV export.

    from store import get_store, Attempt
    store = get_store()        # process-wide; never raises; store.status says when progress is not being saved

SQLite (WAL) at `$DLMATH_HOME/progress.sqlite3` (default `~/.dlmathlab`) or any SQLAlchemy URL in
`$DLMATH_DB_URL` (PostgreSQL: `postgresql+psycopg://user:password@host:5432/dbname`).
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .clean import MAX_ANSWER_CHARS
from .engine import database_url
from .fallback import open_database
from .models import Attempt, AttemptRow, IntegrityReport, SetAsideRow, StoreStatus, WeakSpot
from .spool import Spool
from .store import Store, normalise_profile_name

if TYPE_CHECKING:
    from .accounts import Accounts

__all__ = ["Attempt", "AttemptRow", "IntegrityReport", "MAX_ANSWER_CHARS", "SetAsideRow", "Store", "StoreStatus",
           "WeakSpot", "get_accounts", "get_store", "open_store", "normalise_profile_name"]

_stores: dict[str, Store] = {}
_accounts: dict[int, "Accounts"] = {}
_lock = threading.Lock()


def open_store(url: str) -> Store:
    """A new store on `url` (or its fallback, see `store.fallback`), with its local spool. Never raises."""
    opened = open_database(url)
    return Store(opened, None if opened.problem == "bad-url" else Spool.for_url(url), url)


def get_store() -> Store:
    """The process-wide store for the current `$DLMATH_DB_URL` / `$DLMATH_HOME` (opened once per URL)."""
    url = database_url()
    store = _stores.get(url)
    if store is None:
        with _lock:
            store = _stores.get(url)
            if store is None:
                store = _stores[url] = open_store(url)
    return store


def get_accounts() -> "Accounts":
    """The class-mode accounts, in the same database as `get_store()` (see `store.accounts`, imported on first
    use rather than with this package)."""
    from .accounts import Accounts

    store = get_store()
    accounts = _accounts.get(id(store))
    if accounts is None:
        with _lock:
            accounts = _accounts.setdefault(id(store), Accounts(store.engine))
    return accounts
