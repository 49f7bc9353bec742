"""Instructors' exercise and quiz files, and which of their templates are published, in the database.

In class mode every replica of the app reads the same files from here (`classroom.shelf.DatabaseShelf`), so a file
uploaded through one replica is usable through every other; `version()` is a cheap digest that changes whenever the
set of files does. Publications (template ids offered on their topic pages) are kept here in both modes.

    from store import get_store
    from store.files import SharedFiles
    files = SharedFiles(get_store().engine)

Reads and writes raise `SharedFilesError` (with its message in English and Chinese) when the database fails.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import SQLAlchemyError

from . import schema
from .engine import dialect_insert

log = logging.getLogger(__name__)
MAX_NAME = schema.exercise_files.c.name.type.length
MAX_TEMPLATE_ID = schema.published_templates.c.template_id.type.length
MAX_BY = schema.exercise_files.c.uploaded_by.type.length


class SharedFilesError(RuntimeError):
    """The database could not be read or written; `message` holds the reason in "en" and "zh"."""

    def __init__(self, writing: bool):
        self.message = {
            "en": "the database could not be written just now; nothing was changed — try again" if writing else
                  "the database could not be read just now",
            "zh": "暂时无法写入数据库，没有做任何更改，请重试" if writing else "暂时无法读取数据库",
        }
        super().__init__(self.message["en"])


@dataclass(frozen=True)
class StoredFile:
    """One instructor's file as stored: its name, contents (UTF-8 text), digest, who saved it and when."""

    name: str
    content: str
    sha256: str
    uploaded_by: str | None
    updated_at: datetime


def digest(content: str) -> str:
    """The SHA-256 of a file's contents (hex)."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _clean(by: str | None) -> str | None:
    return by[:MAX_BY] if by else None


class SharedFiles:
    """The instructors' files and publications in one database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def url(self) -> str:
        """The database's address, without its password."""
        return self._engine.url.render_as_string(hide_password=True)

    def _upsert(self, table, keys: list[str], **values):
        statement = dialect_insert(self._engine.dialect.name, table).values(**values)
        return statement.on_conflict_do_update(index_elements=keys,
                                               set_={k: v for k, v in values.items() if k not in keys})

    def _read(self, statement) -> list:
        try:
            with self._engine.connect() as conn, conn.begin():
                return conn.execute(statement).all()
        except SQLAlchemyError as error:
            log.warning("shared files not readable: %s", error)
            raise SharedFilesError(writing=False) from None

    def _write(self, *statements) -> None:
        try:
            with self._engine.connect() as conn:
                conn.execution_options(write=True)
                with conn.begin():
                    for statement in statements:
                        conn.execute(statement)
        except SQLAlchemyError as error:
            log.warning("shared files not written: %s", error)
            raise SharedFilesError(writing=True) from None

    # ---- files --------------------------------------------------------------------------------------------
    def files(self) -> list[StoredFile]:
        """Every stored file, by name."""
        f = schema.exercise_files
        return [StoredFile(r.name, r.content, r.sha256, r.uploaded_by, r.updated_at)
                for r in self._read(select(f).order_by(f.c.name))]

    def save(self, name: str, content: str, by: str | None = None) -> None:
        """Store a file (replacing one of the same name). ValueError for a name longer than `MAX_NAME`."""
        if not name or len(name) > MAX_NAME:
            raise ValueError(name)
        self._write(self._upsert(schema.exercise_files, ["name"], name=name, content=content,
                                 sha256=digest(content), uploaded_by=_clean(by),
                                 updated_at=datetime.now(timezone.utc)))

    def delete(self, name: str) -> None:
        """Remove a file (no-op if there is none of that name)."""
        self._write(delete(schema.exercise_files).where(schema.exercise_files.c.name == name))

    # ---- publications -------------------------------------------------------------------------------------
    def published(self) -> frozenset[str]:
        """The ids of the published templates."""
        return frozenset(r.template_id for r in self._read(select(schema.published_templates.c.template_id)))

    def publish(self, template_id: str, on: bool, by: str | None = None) -> None:
        """Publish (offer on its topic page) or withdraw a template."""
        table = schema.published_templates
        if not on:
            self._write(delete(table).where(table.c.template_id == template_id))
            return
        if len(template_id) > MAX_TEMPLATE_ID:
            raise ValueError(template_id)
        self._write(self._upsert(table, ["template_id"], template_id=template_id, published_by=_clean(by),
                                 at=datetime.now(timezone.utc)))

    # ---- change detection ---------------------------------------------------------------------------------
    def files_version(self) -> str:
        """A digest that changes whenever a file is added, replaced or removed (one small query)."""
        f = schema.exercise_files
        rows = self._read(select(f.c.name, f.c.sha256).order_by(f.c.name))
        return hashlib.sha256("\n".join(f"{r.name}\t{r.sha256}" for r in rows).encode()).hexdigest()

    def published_version(self) -> str:
        """A digest that changes whenever a template is published or withdrawn."""
        return hashlib.sha256("\n".join(sorted(self.published())).encode()).hexdigest()
