"""Load exercise files and quiz files into a `Library`; a broken file never stops the others from loading."""
from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from dlmath_home import home_dir
from exercises.checks import Problem, schema_problems, template_problems
from exercises.engine import Exercise, GenerationError, Template
from exercises.sandbox import SandboxedTemplate
from exercises.quiz import Quiz, quiz_problems
from exercises.schema import QuizFile, QuizSpec, TemplateFile, TemplateSpec
from exercises.yaml_cache import read_yaml_cached
from exercises.yamlread import FileError, LineMap, Path_, YamlFileError, field_name, yaml_files

PACKAGE_DIR = Path(__file__).resolve().parent
LIBRARY_DIR = PACKAGE_DIR / "library"
QUIZZES_DIR = PACKAGE_DIR / "quizzes"
EXTRA_DIR_ENV = "DLMATH_EXERCISES_DIR"
EXERCISE_CACHE_SIZE = 4096
TOPIC_LIST_CACHE_SIZE = 256   # (topic, unpublished, library size, published ids) → its templates, see `by_topic`
log = logging.getLogger(__name__)


def is_builtin(path: str | Path) -> bool:
    """Whether a file is part of the built-in library or quizzes (trusted: its formulas run in-process)."""
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(folder) for folder in (LIBRARY_DIR, QUIZZES_DIR))


def not_utf8(name: str, data: bytes, err: UnicodeDecodeError) -> FileError:
    """The error for a file that is not UTF-8 text, at the line of the first bad byte."""
    line = data[:err.start].count(b"\n") + 1
    return FileError(name, line, "", f"the file is not UTF-8 text (byte {err.start + 1} cannot be read); save it "
                                     f"as UTF-8", f"文件不是 UTF-8 文本（第 {err.start + 1} 个字节无法读取）；请以 "
                                                  f"UTF-8 编码保存")


def display_path(path: str | Path) -> str:
    """A path as shown in messages: a built-in file as `exercises/library/…`, another relative to the working
    folder when inside it."""
    if is_builtin(path):
        return (Path(PACKAGE_DIR.name) / Path(path).resolve().relative_to(PACKAGE_DIR)).as_posix()
    text = os.path.relpath(path) if Path(path).is_absolute() or str(path).startswith(".") else str(path)
    return str(path) if text.startswith("..") else text


def mistake_names() -> set[str]:
    """The solver's catalogue of named mistakes."""
    from solver.mistakes import MISTAKES

    return set(MISTAKES)


@dataclass
class Library:
    """Templates and quizzes by id, and the errors of the files that did not load."""

    smoke_test: bool = True
    """Generate seed 1 of each template when loading, so one that cannot generate is an error, not a crash."""
    check_trusted: bool = True
    """Check trusted templates for problems while loading (`template_problems`), as every other template always is.
    Off only for the built-in library in the app (`load_library(check_builtin=False)`)."""
    templates: dict[str, Template] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    errors: list[FileError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    published: frozenset[str] = frozenset()
    """Instructors' template ids offered on their topic pages (built-in templates always are)."""
    _pending_quizzes: list[tuple[str, dict[str, Any], LineMap]] = field(default_factory=list, repr=False)
    _exercises: OrderedDict[tuple[str, int], Exercise] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _topic_lists: dict[tuple[str, bool, int, frozenset[str]], tuple[Template, ...]] = field(default_factory=dict,
                                                                                          repr=False)

    def get(self, template_id: str) -> Template:
        """The template with this id (KeyError if none)."""
        return self.templates[template_id]

    def by_topic(self, topic_id: str, unpublished: bool = False) -> list[Template]:
        """The templates a topic page offers, easiest first: the built-in ones and the instructors' published ones
        (`unpublished=True`: every template of the topic, for instructors' tools)."""
        key = (topic_id, unpublished, len(self.templates), self.published)   # templates are only ever added
        found = self._topic_lists.get(key)
        if found is None:
            found = tuple(sorted((t for t in self.templates.values() if t.topic == topic_id
                                  and (unpublished or t.trusted or t.id in self.published)),
                                 key=lambda t: (t.difficulty, t.id)))
            with self._lock:
                if len(self._topic_lists) >= TOPIC_LIST_CACHE_SIZE:
                    self._topic_lists.clear()
                self._topic_lists[key] = found
        return list(found)

    def exercise(self, template_id: str, seed: int) -> Exercise:
        """The exercise of `template_id` at `seed`, generated once and then kept (exercises are deterministic).
        Raises KeyError for an unknown template, GenerationError when it cannot be generated."""
        key = (template_id, int(seed))
        with self._lock:
            if key in self._exercises:
                self._exercises.move_to_end(key)
                return self._exercises[key]
        exercise = self.get(template_id).generate(int(seed))
        with self._lock:
            self._exercises[key] = exercise
            while len(self._exercises) > EXERCISE_CACHE_SIZE:
                self._exercises.popitem(last=False)
        return exercise

    def extended(self) -> Library:
        """A new library holding the same templates, quizzes and errors, to add more files to (this one is left
        as it is; generated exercises are not carried over)."""
        return Library(smoke_test=self.smoke_test, templates=dict(self.templates), quizzes=dict(self.quizzes),
                       errors=list(self.errors), files=list(self.files), published=self.published)

    def add_file(self, path: str | Path, shown: str | None = None, trusted: bool | None = None) -> list[FileError]:
        """Load one file (exercise or quiz file); returns its errors (also appended to `errors`).

        `shown`: its name in messages (default `display_path`); `trusted` (default: whether it is a built-in
        file): its formulas run in this process rather than in a worker under the budget (`exercises.sandbox`).
        Quiz files wait for `resolve_quizzes()`, so that templates in files read later count."""
        shown = shown or display_path(path)
        trusted = is_builtin(path) if trusted is None else trusted
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            return self._add_errors([FileError(shown, 1, "", f"cannot read the file: {err.strerror or 'error'}",
                                               f"无法读取文件：{err.strerror or '错误'}")])
        return self.add_bytes(shown, data, trusted)

    def add_text(self, name: str, text: str, trusted: bool = False) -> list[FileError]:
        """Load a file's contents given as text (e.g. an upload; untrusted unless said otherwise); quizzes in it
        are checked at once."""
        errors = self._load_text(name, text, trusted)
        errors += self.resolve_quizzes()
        return errors

    def add_bytes(self, name: str, data: bytes, trusted: bool = False) -> list[FileError]:
        """Load a file's contents given as bytes (untrusted unless said otherwise); its quizzes wait for
        `resolve_quizzes()`. Bytes that are not UTF-8 text are an error at the line of the first bad one."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            self.files.append(name)
            return self._add_errors([not_utf8(name, data, err)])
        return self._load_text(name, text, trusted)

    def _add_errors(self, errors: list[FileError]) -> list[FileError]:
        self.errors.extend(errors)
        return errors

    def _load_text(self, name: str, text: str, trusted: bool) -> list[FileError]:
        self.files.append(name)
        try:
            data, lines = read_yaml_cached(text)
        except YamlFileError as err:
            return self._add_errors([FileError(name, err.line, "", err.message, err.zh)])
        if isinstance(data, dict) and "templates" in data:
            return self._add_errors(self._load_templates(name, data, lines, trusted))
        if isinstance(data, dict) and "quiz" in data:
            try:
                QuizFile.model_validate(data)
            except ValidationError as err:
                return self._add_errors(_errors(name, lines, (), schema_problems(err, data, QuizFile)))
            self._pending_quizzes.append((name, data["quiz"], lines))
            return []
        return self._add_errors([FileError(name, 1, "", "expected `templates:` (an exercise file) or `quiz:` "
                                                        "(a quiz file) at the top")])

    def _load_templates(self, name: str, data: dict[str, Any], lines: LineMap, trusted: bool) -> list[FileError]:
        try:
            TemplateFile.model_validate(data)
        except ValidationError as err:
            return _errors(name, lines, (), schema_problems(err, data, TemplateFile))
        errors: list[FileError] = []
        for i, raw in enumerate(data["templates"]):
            errors += self._load_template(name, raw, lines, ("templates", i), trusted)
        return errors

    def _load_template(self, name: str, raw: Any, lines: LineMap, base: Path_, trusted: bool) -> list[FileError]:
        try:
            spec = TemplateSpec.model_validate(raw)
        except ValidationError as err:
            return _errors(name, lines, base, schema_problems(err, raw, TemplateSpec))
        problems = template_problems(spec, mistake_names()) if self.check_trusted or not trusted else []
        if problems:
            return _errors(name, lines, base, problems)
        if spec.id in self.templates:
            first = self.templates[spec.id]
            return _errors(name, lines, base, [(("id",), f"duplicate id '{spec.id}' "
                                                        f"(first defined at {first.path}:{first.line})")])
        template = (Template if trusted else SandboxedTemplate)(spec, name, lines, base)
        if self.smoke_test:
            try:
                template.generate(1)
            except GenerationError as err:
                return [template.file_error(err)]
        self.templates[spec.id] = template
        return []

    def resolve_quizzes(self) -> list[FileError]:
        """Check the quizzes read so far against the templates loaded so far, and add the good ones."""
        errors: list[FileError] = []
        pending, self._pending_quizzes = self._pending_quizzes, []
        for name, raw, lines in pending:
            errors += self._load_quiz(name, raw, lines)
        return self._add_errors(errors)

    def _load_quiz(self, name: str, raw: Any, lines: LineMap) -> list[FileError]:
        try:
            spec = QuizSpec.model_validate(raw)
        except ValidationError as err:
            return _errors(name, lines, (), _in_quiz(schema_problems(err, raw, QuizSpec)))
        problems = quiz_problems(spec, self.templates)
        if problems:
            return _errors(name, lines, (), _in_quiz(problems))
        quiz_id = spec.id or Path(name).stem
        if quiz_id in self.quizzes:
            first = self.quizzes[quiz_id]
            return _errors(name, lines, (), [(("quiz", "id"), f"duplicate quiz id '{quiz_id}' "
                                                              f"(first defined in {first.path})")])
        self.quizzes[quiz_id] = Quiz(spec, quiz_id, name, lines)
        return []

    def check_prerequisites(self) -> list[FileError]:
        """Errors for prerequisites naming templates the library does not hold."""
        errors = []
        for t in self.templates.values():
            for i, pre in enumerate(t.prerequisites):
                if pre not in self.templates:
                    path = ("prerequisites", i)
                    errors.append(FileError(t.path, t.line_of(path), field_name(path),
                                            f"unknown template id '{pre}'"))
        return self._add_errors(errors)


def internal_error(name: str) -> FileError:
    """The error for a file whose loading failed unexpectedly (the details go to the server's log only)."""
    return FileError(name, 1, "", "this file could not be loaded (an internal error; the details are in the "
                                  "server's log)", "无法加载此文件（内部错误，详情见服务器日志）")


def _in_quiz(problems: list[Problem]) -> list[Problem]:
    """Quiz problems are reported with their full field path, `quiz.entries[0].template`."""
    return [(("quiz",) + tuple(path), message) for path, message in problems]


def _errors(name: str, lines: LineMap, base: Path_, problems: list[Problem]) -> list[FileError]:
    return [FileError(name, lines.line(base + tuple(path)), field_name(path), message) for path, message in problems]


def extra_dir() -> Path:
    """The instructor's folder: `$DLMATH_EXERCISES_DIR`, else `exercises/` in `$DLMATH_HOME` (default `~/.dlmathlab`)."""
    chosen = os.environ.get(EXTRA_DIR_ENV)
    if chosen:
        return Path(chosen)
    return home_dir() / "exercises"


def default_paths() -> list[Path]:
    """The built-in library and quizzes, plus the instructor's folder (`extra_dir()`): always when it is set by
    `$DLMATH_EXERCISES_DIR` (a missing folder is then reported), otherwise when the default folder exists."""
    paths = [LIBRARY_DIR, QUIZZES_DIR]
    if os.environ.get(EXTRA_DIR_ENV) or extra_dir().is_dir():
        paths.append(extra_dir())
    return paths


def load_library(paths: Iterable[str | Path] | None = None, *, check_builtin: bool = True) -> Library:
    """Load every exercise and quiz file under `paths` (files or folders; default: `default_paths()`).

    Never raises: problems are `FileError`s in `library.errors`, and good files still load. With
    ``check_builtin=False`` the built-in library's templates are neither checked for problems nor generated once
    while loading: they are part of the app, and the test suite checks them (statically and over many seeds), as
    `python -m exercises validate` does; the app starts faster that way. Other files are always fully checked.
    """
    library = Library(check_trusted=check_builtin)
    chosen = list(paths) if paths is not None else default_paths()
    for p in chosen:
        if not Path(p).exists():
            if paths is not None or Path(p) not in (LIBRARY_DIR, QUIZZES_DIR):
                library.errors.append(FileError(display_path(p), 1, "", "no such file or folder"))
    for f in yaml_files([p for p in chosen if Path(p).exists()]):
        library.smoke_test = check_builtin or not is_builtin(f)
        try:
            library.add_file(f)
        except Exception:  # noqa: BLE001 — the app must start whatever a file holds
            log.exception("loading %s", f)
            library.errors.append(internal_error(display_path(f)))
    library.smoke_test = library.check_trusted = True
    library.resolve_quizzes()
    library.check_prerequisites()
    return library
