"""Where the instructors' exercise and quiz files live: a folder in personal mode (`$DLMATH_EXERCISES_DIR`, default
`~/.dlmathlab/exercises`), the database in class mode (`DLMATH_MODE=class`, see `ui.auth_config`), so that every replica of the app sees a
file uploaded through any of them. Which templates are published is kept in the database in both modes.

A shelf never shows a server path: files are named relative to the folder, and failures are plain messages.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from exercises.loader import extra_dir
from exercises.yamlread import yaml_files
from store.files import SharedFiles, SharedFilesError

class ShelfError(Exception):
    """A file could not be saved or removed; `message` holds the reason in "en" and "zh"."""

    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.message = {"en": en, "zh": zh}


def _shelf_error(error: SharedFilesError) -> ShelfError:
    return ShelfError(error.message["en"], error.message["zh"])


READ_ONLY = {
    "en": "The exercises folder cannot be written (it is read-only, or cannot be created), so files cannot be "
          "uploaded or removed here. The files already in it still work; ask whoever runs the app to make the "
          "folder writable or to set DLMATH_EXERCISES_DIR.",
    "zh": "练习文件夹无法写入（只读或无法创建），因此不能在这里上传或删除文件。其中已有的文件照常可用；请让运行本应用的人"
          "把该文件夹设为可写，或设置 DLMATH_EXERCISES_DIR。",
}


@dataclass
class Shelf:
    """The instructors' files (by name) and publications. Subclasses say where the files are."""

    database: SharedFiles
    """Publications (both modes) and, in class mode, the files."""

    def identity(self) -> str:
        """Where the files are (a folder or a database); a different identity means other files."""
        raise NotImplementedError

    def files(self) -> dict[str, bytes]:
        """Every file's contents by name. Raises ShelfError when they cannot be read."""
        raise NotImplementedError

    def version(self) -> str:
        """A cheap digest that changes whenever a file is added, replaced or removed."""
        raise NotImplementedError

    def save(self, name: str, data: bytes, by: str | None = None) -> None:
        """Store a file (replacing one of the same name). Raises ShelfError."""
        raise NotImplementedError

    def delete(self, name: str) -> None:
        """Remove a file. Raises ShelfError."""
        raise NotImplementedError

    def problem(self) -> dict[str, str] | None:
        """Why files cannot be saved here (in "en" and "zh"), or None."""
        return None

    def published(self) -> frozenset[str]:
        """The published template ids (empty when the database cannot be read)."""
        try:
            return self.database.published()
        except SharedFilesError:
            return frozenset()

    def published_version(self) -> str:
        """A digest that changes whenever a template is published or withdrawn."""
        try:
            return self.database.published_version()
        except SharedFilesError:
            return "unreadable"

    def publish(self, template_id: str, on: bool, by: str | None = None) -> None:
        """Publish a template on its topic page, or withdraw it. Raises ShelfError."""
        try:
            self.database.publish(template_id, on, by)
        except SharedFilesError as error:
            raise _shelf_error(error) from None


@dataclass
class FolderShelf(Shelf):
    """Files in a folder of this machine (personal mode)."""

    folder: Path

    def identity(self) -> str:
        return f"folder:{self.folder}"

    def _names(self) -> dict[str, Path]:
        if not self.folder.is_dir():
            return {}
        return {f.relative_to(self.folder).as_posix(): f for f in yaml_files([self.folder])}

    def files(self) -> dict[str, bytes]:
        out = {}
        for name, path in self._names().items():
            try:
                out[name] = path.read_bytes()
            except OSError:
                out[name] = b"\xff"  # unreadable: the loader reports it as a file that cannot be read
        return out

    def version(self) -> str:
        parts = []
        for name, path in self._names().items():
            try:
                stat = path.stat()
                parts.append(f"{name}\t{stat.st_mtime_ns}\t{stat.st_size}")
            except OSError:
                parts.append(f"{name}\t?")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def problem(self) -> dict[str, str] | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return READ_ONLY
        return None if os.access(self.folder, os.W_OK | os.X_OK) else READ_ONLY

    def save(self, name: str, data: bytes, by: str | None = None) -> None:
        if self.problem():
            raise ShelfError(READ_ONLY["en"], READ_ONLY["zh"])
        partial = self.folder / f".{name}.part"
        try:
            partial.write_bytes(data)
            os.replace(partial, self.folder / name)  # whole or not at all: a reader never sees half a file
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise ShelfError(f"the file could not be saved ({error.strerror or 'error'})",
                             f"无法保存文件（{error.strerror or '错误'}）") from None

    def delete(self, name: str) -> None:
        if self.problem():
            raise ShelfError(READ_ONLY["en"], READ_ONLY["zh"])
        try:
            (self.folder / name).unlink(missing_ok=True)
        except OSError as error:
            raise ShelfError(f"the file could not be removed ({error.strerror or 'error'})",
                             f"无法删除文件（{error.strerror or '错误'}）") from None


@dataclass
class DatabaseShelf(Shelf):
    """Files in the progress database, shared by every replica (class mode)."""

    def identity(self) -> str:
        return f"database:{self.database.url}"

    def files(self) -> dict[str, bytes]:
        try:
            return {f.name: f.content.encode("utf-8") for f in self.database.files()}
        except SharedFilesError as error:
            raise _shelf_error(error) from None

    def version(self) -> str:
        try:
            return self.database.files_version()
        except SharedFilesError as error:
            raise _shelf_error(error) from None

    def save(self, name: str, data: bytes, by: str | None = None) -> None:
        try:
            self.database.save(name, data.decode("utf-8"), by)
        except SharedFilesError as error:
            raise _shelf_error(error) from None

    def delete(self, name: str) -> None:
        try:
            self.database.delete(name)
        except SharedFilesError as error:
            raise _shelf_error(error) from None


def current_shelf() -> Shelf:
    """The shelf of this process's configuration: the database in class mode, else the instructor's folder."""
    from store import get_store
    from ui.auth_config import class_mode  # the app's one definition of the mode (environment or secrets.toml)

    shared = SharedFiles(get_store().engine)
    if class_mode():
        return DatabaseShelf(shared)
    return FolderShelf(shared, extra_dir())
