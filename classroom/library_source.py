"""The exercise library the app shows: the built-in files (loaded once per process, trusted) plus the instructors'
files from the shelf (`classroom.shelf`; their formulas run in worker processes), with the shelf's publications.

Whether the shelf changed is checked at most every `CHECK_SECONDS` (one small query in class mode, a folder listing
in personal mode): a file uploaded or published through another replica is seen within seconds. While one thread
rebuilds the library the others keep using the previous one.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from typing import Callable

from exercises.loader import LIBRARY_DIR, QUIZZES_DIR, Library, internal_error, load_library
from classroom.shelf import Shelf, ShelfError, current_shelf

CHECK_SECONDS = 2.0
log = logging.getLogger(__name__)


def add_shelf_files(library: Library, files: dict[str, bytes]) -> None:
    """Load the shelf's files into `library` (untrusted: sandboxed), then its quizzes and prerequisites."""
    for name, data in sorted(files.items()):
        try:
            library.add_bytes(name, data, trusted=False)
        except Exception:  # noqa: BLE001 — the app must start whatever a file holds
            log.exception("loading %s", name)
            library.errors.append(internal_error(name))
    library.resolve_quizzes()
    library.check_prerequisites()


class LibrarySource:
    """Hands out the current library, rebuilding it when the shelf's files or publications change."""

    def __init__(self, shelf: Callable[[], Shelf] = current_shelf, check_seconds: float = CHECK_SECONDS):
        self._shelf = shelf
        self._check_seconds = check_seconds
        self._lock = threading.Lock()
        self._builtin_lock = threading.Lock()
        self._builtin: Library | None = None
        self._library: Library | None = None
        self._files_key: tuple[str, str] | None = None
        self._published_key: str | None = None
        self._checked = -math.inf

    def library(self) -> Library:
        """The current library (checked against the shelf at most every `check_seconds`). Never raises."""
        current = self._library
        if current is not None and time.monotonic() - self._checked < self._check_seconds:
            return current
        if not self._lock.acquire(blocking=current is None):
            return current  # another thread is checking: keep serving what we have
        try:
            if self._library is None or time.monotonic() - self._checked >= self._check_seconds:
                self._refresh()
            return self._library
        finally:
            self._lock.release()

    def invalidate(self) -> None:
        """Check the shelf again on the next call (after this process changed a file or a publication)."""
        self._checked = -math.inf

    def builtin(self) -> Library:
        """The built-in templates and quizzes, loaded once (without checks and a trial generation each: the test
        suite checks them, statically and over many seeds, and the app is ready sooner)."""
        with self._builtin_lock:
            if self._builtin is None:
                self._builtin = load_library([LIBRARY_DIR, QUIZZES_DIR], check_builtin=False)
        return self._builtin

    def _refresh(self) -> None:
        try:
            shelf = self._shelf()
            files_key = (shelf.identity(), shelf.version())
            published_key = shelf.published_version()
        except Exception as error:  # noqa: BLE001 — a database hiccup keeps the last library
            log.warning("instructors' files not checked: %s", error)
            if self._library is None:
                self._library = self.builtin()
            self._checked = time.monotonic()
            return
        if files_key != self._files_key or self._library is None:
            library = self.builtin().extended()
            try:
                add_shelf_files(library, shelf.files())
            except ShelfError as error:
                log.warning("instructors' files not read: %s", error)
                library = self._library or self.builtin().extended()
                files_key = self._files_key
            library.published = shelf.published()
            self._library, self._files_key, self._published_key = library, files_key, published_key
        elif published_key != self._published_key:
            self._library.published = shelf.published()
            self._published_key = published_key
        self._checked = time.monotonic()


_source = LibrarySource()


def library_source() -> LibrarySource:
    """This process's library source."""
    return _source
