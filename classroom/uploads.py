"""Uploaded exercise and quiz files: validated against everything already loaded, then saved into the extra folder
(`$DLMATH_EXERCISES_DIR`, default `~/.dlmathlab/exercises`) so every page of the app loads them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from exercises.loader import LIBRARY_DIR, QUIZZES_DIR, Library, extra_dir
from exercises.validate import validate_templates
from exercises.yamlread import FileError, yaml_files

MAX_BYTES = 512 * 1024
UPLOAD_SEEDS = 30
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml$")


def use_extra_dir() -> Path:
    """The instructor's folder (`exercises.loader.extra_dir()`), created if it can be; the library loader reads it."""
    folder = extra_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # read-only home: uploads will say so
        pass
    return folder


@dataclass
class UploadResult:
    """What happened to one uploaded file."""

    name: str
    errors: list[FileError] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)
    saved: Path | None = None

    @property
    def ok(self) -> bool:
        """True when the file has no error (and so was saved)."""
        return not self.errors


def _context(folder: Path, skip: str) -> Library:
    """The built-in files and the folder's other files, as the context an upload is checked in."""
    library = Library(smoke_test=False)  # the upload's own templates are generated at many seeds afterwards
    files = yaml_files([p for p in (LIBRARY_DIR, QUIZZES_DIR, folder) if p.exists()])
    for f in files:
        if not (f.parent.resolve() == folder.resolve() and f.name == skip):
            library.add_file(f)
    library.resolve_quizzes()
    library.errors.clear()
    return library


def check_upload(name: str, data: bytes, folder: Path | None = None, seeds: int = UPLOAD_SEEDS) -> UploadResult:
    """Validate an uploaded file as `python -m exercises validate` would (at `seeds` seeds), against the built-in
    files and the other files of `folder`; a file of the same name in `folder` is the one it would replace."""
    folder = folder or extra_dir()
    base = Path(name).name
    result = UploadResult(base)
    if not _SAFE_NAME.match(base):
        result.errors.append(FileError(base, 1, "", "the file name must end in .yaml or .yml and use only letters, "
                                                    "digits, '-', '_' and '.'"))
        return result
    if len(data) > MAX_BYTES:
        result.errors.append(FileError(base, 1, "", f"the file is larger than {MAX_BYTES // 1024} KB"))
        return result
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        result.errors.append(FileError(base, 1, "", f"the file is not UTF-8 text: {err}"))
        return result
    library = _context(folder, base)
    known_templates, known_quizzes = set(library.templates), set(library.quizzes)
    try:
        result.errors += library.add_text(base, text)
        result.errors += [e for e in library.check_prerequisites() if e.path == base]
    except Exception as err:  # noqa: BLE001 — whatever a file holds, the page must go on
        result.errors.append(FileError(base, 1, "", f"internal error while loading: {err!r}"))
        return result
    result.templates = [t for t in library.templates if t not in known_templates]
    result.quizzes = [q for q in library.quizzes if q not in known_quizzes]
    reports = validate_templates([library.get(t) for t in result.templates], seeds)
    result.errors += [e for report in reports for e in report.errors]
    return result


def save_upload(name: str, data: bytes, folder: Path | None = None, seeds: int = UPLOAD_SEEDS) -> UploadResult:
    """Validate an uploaded file and, when it has no error, save it into `folder` (default: `extra_dir()`)."""
    folder = folder or extra_dir()
    result = check_upload(name, data, folder, seeds)
    if result.ok:
        folder.mkdir(parents=True, exist_ok=True)
        result.saved = folder / result.name
        result.saved.write_bytes(data)
    return result
