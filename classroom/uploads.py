"""Uploaded exercise and quiz files: validated (in a worker process, under the budget) against the built-in files and
the shelf's other files, then saved on the shelf (`classroom.shelf`: the instructor's folder, or the database in
class mode). Replacing or removing a file that quizzes use is first described (`upload_impact`), so the page can
ask before doing it."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from classroom.library_source import library_source
from classroom.shelf import Shelf, ShelfError
from exercises.loader import Library, internal_error, not_utf8
from exercises.quiz import Quiz
from exercises.sandbox import FILE_SECONDS
from exercises.schema import QuizSpec, TemplateSpec
from exercises.validate import validate_templates
from exercises.yamlread import FileError

MAX_BYTES = 512 * 1024
MAX_NAME = 100
UPLOAD_SEEDS = 30
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml$")
log = logging.getLogger(__name__)


@dataclass
class UploadResult:
    """What happened to one uploaded file: its problems, or the templates and quizzes it holds (and their specs,
    to compare with the file it replaces)."""

    name: str
    errors: list[FileError] = field(default_factory=list)
    warnings: list[FileError] = field(default_factory=list)
    """The variant-quality report's warnings (`exercises.quality`): shown, but they do not stop the file."""
    templates: list[str] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)
    saved: bool = False
    template_specs: dict[str, TemplateSpec] = field(default_factory=dict, repr=False)
    quiz_specs: dict[str, QuizSpec] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        """True when the file has no error (and so may be saved)."""
        return not self.errors


def _context(shelf: Shelf, skip: str) -> Library:
    """The built-in files and the shelf's other files: the context an upload named `skip` is checked in (the other
    files' exercises are not generated here)."""
    library = library_source().builtin().extended()
    library.smoke_test = False
    for name, data in sorted(shelf.files().items()):
        if name != skip:
            library.add_bytes(name, data)
    library.resolve_quizzes()
    library.errors.clear()
    return library


def _refuse(result: UploadResult, en: str, zh: str, line: int = 1) -> UploadResult:
    result.errors.append(FileError(result.name, line, "", en, zh))
    return result


def check_upload(name: str, data: bytes, shelf: Shelf, seeds: int = UPLOAD_SEEDS,
                 budget: float = FILE_SECONDS) -> UploadResult:
    """Validate an uploaded file as `python -m exercises validate` would (at `seeds` seeds, its formulas in a worker
    process within `budget` seconds), against the built-in files and the shelf's other files; a file of the same
    name on the shelf is the one it would replace."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    result = UploadResult(base)
    if not _SAFE_NAME.match(base) or len(base) > MAX_NAME:
        return _refuse(result, f"the file name must end in .yaml or .yml, use only letters, digits, '-', '_' and '.', "
                               f"and have at most {MAX_NAME} characters",
                       f"文件名须以 .yaml 或 .yml 结尾，只用字母、数字、'-'、'_' 和 '.'，且最多 {MAX_NAME} 个字符")
    if len(data) > MAX_BYTES:
        return _refuse(result, f"the file is larger than {MAX_BYTES // 1024} KB", f"文件大于 {MAX_BYTES // 1024} KB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        result.errors.append(not_utf8(base, data, err))
        return result
    try:
        library = _context(shelf, base)
    except ShelfError as error:
        return _refuse(result, error.message["en"], error.message["zh"])
    known_templates, known_quizzes = set(library.templates), set(library.quizzes)
    try:
        result.errors += library.add_text(base, text)
        result.errors += [e for e in library.check_prerequisites() if e.path == base]
    except Exception:  # noqa: BLE001 — whatever a file holds, the page must go on
        log.exception("checking the upload %s", base)
        result.errors.append(internal_error(base))
        return result
    result.templates = [t for t in library.templates if t not in known_templates]
    result.quizzes = [q for q in library.quizzes if q not in known_quizzes]
    result.template_specs = {t: library.get(t).spec for t in result.templates}
    result.quiz_specs = {q: library.quizzes[q].spec for q in result.quizzes}
    reports = validate_templates([library.get(t) for t in result.templates], seeds, budget=budget)
    result.errors += [e for report in reports for e in report.errors]
    result.warnings += [w for report in reports for w in report.warnings]
    return result


def save_checked(result: UploadResult, data: bytes, shelf: Shelf, by: str | None = None) -> UploadResult:
    """Save a file `check_upload` found without errors; a failure to save becomes the result's error."""
    if not result.ok:
        return result
    try:
        shelf.save(result.name, data, by)
        result.saved = True
    except ShelfError as error:
        _refuse(result, f"the file is valid but was not saved: {error.message['en']}",
                f"文件校验通过，但未能保存：{error.message['zh']}")
    return result


def save_upload(name: str, data: bytes, shelf: Shelf, seeds: int = UPLOAD_SEEDS, by: str | None = None) -> UploadResult:
    """Validate an uploaded file and, when it has no error, save it on the shelf."""
    return save_checked(check_upload(name, data, shelf, seeds), data, shelf, by)


def delete_file(name: str, shelf: Shelf) -> dict[str, str] | None:
    """Remove a file from the shelf; None when done, else why not (in "en" and "zh")."""
    try:
        shelf.delete(name)
    except ShelfError as error:
        return error.message
    return None


# ----- what a replacement or removal changes ---------------------------------------------------------------------
@dataclass
class Impact:
    """What replacing (or removing) a file changes for the quizzes: templates that disappear or change, quizzes of
    the file that disappear or change, and each other quiz whose questions or draws change (with the templates why)."""

    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed_quizzes: list[str] = field(default_factory=list)
    changed_quizzes: list[str] = field(default_factory=list)
    quizzes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        """Whether any quiz is affected (then the instructor should be asked first)."""
        return bool(self.removed_quizzes or self.changed_quizzes or self.quizzes)


def _touches(quiz: Quiz, touched: dict[str, tuple[str, int]]) -> list[str]:
    """The touched templates (id → (topic, difficulty)) a quiz names or may draw."""
    fixed = {e.template for e in quiz.entries if e.template}
    hits = set(fixed) & set(touched)
    for entry in quiz.entries:
        if entry.topic:
            hits |= {tid for tid, (topic, difficulty) in touched.items() if topic == entry.topic and tid not in fixed
                     and (entry.difficulty is None or difficulty == entry.difficulty)}
    return sorted(hits)


def upload_impact(library: Library, name: str, new: UploadResult | None) -> Impact:
    """What saving `new` as file `name` (or, with `new` None, removing the file) would change for the quizzes of
    `library` (the library as loaded now)."""
    old_templates = {t.id: t for t in library.templates.values() if t.path == name}
    old_quizzes = {q.id: q for q in library.quizzes.values() if q.path == name}
    new_templates: dict[str, Any] = new.template_specs if new else {}
    new_quizzes: dict[str, Any] = new.quiz_specs if new else {}
    impact = Impact(
        removed=sorted(set(old_templates) - set(new_templates)),
        changed=sorted(t for t in set(old_templates) & set(new_templates) if old_templates[t].spec != new_templates[t]),
        removed_quizzes=sorted(set(old_quizzes) - set(new_quizzes)),
        changed_quizzes=sorted(q for q in set(old_quizzes) & set(new_quizzes) if old_quizzes[q].spec != new_quizzes[q]),
    )
    touched = {t: (old_templates[t].topic, old_templates[t].difficulty) for t in impact.removed + impact.changed}
    touched |= {t: (spec.topic, spec.difficulty) for t, spec in new_templates.items()
                if t not in old_templates and t not in library.templates}  # new in a topic: draws change
    for quiz in library.quizzes.values():
        if quiz.path != name:
            hits = _touches(quiz, touched)
            if hits:
                impact.quizzes[quiz.id] = hits
    return impact
