"""Validation of exercise and quiz files: schema, many seeds, self-checks, rendering, embedded tests, and the
variant-quality report (`exercises.quality`)."""
from __future__ import annotations

import dataclasses
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import sympy as sp

from exercises import messages_zh, render, sandbox
from exercises.engine import Exercise, GenerationError, Template, check_part
from exercises.loader import LIBRARY_DIR, Library
from exercises.params import MAX_ATTEMPTS
from exercises.quality import QualityCheck, QualityReport
from exercises.plural import counted
from exercises.yamlread import FileError, field_name, yaml_files
from solver import worker

DEFAULT_TEST_SEEDS = (1, 2, 3)
MAX_ERRORS_PER_TEMPLATE = 5
RATIONAL_SELF_CHECK_SEEDS = 10
"""Keys made of whole numbers and fractions are written exactly: their self-check runs at the first seeds only."""


@dataclass(frozen=True)
class TestResult:
    """The outcome of one embedded test at one seed."""

    index: int
    seed: int
    part: str
    answer: str
    expect: str
    status: str
    message: str
    passed: bool
    problem: str | None = None
    zh: dict[str, str] = field(default_factory=dict)
    """For a failed test, the verdict's `message` and the `problem` in Chinese."""

    def describe(self, lang: str = "en") -> str:
        """Why the test failed, in one line, in `lang`."""
        if lang == "zh":
            if self.problem:
                return self.zh.get("problem", self.problem)
            return (f"答案“{self.answer}”被判为 {self.status}（{self.zh.get('message', self.message)!r}），"
                    f"而测试期望 {self.expect}")
        if self.problem:
            return self.problem
        return (f"answer '{self.answer}' was judged {self.status} ({self.message!r}), "
                f"the test expects {self.expect}")


def run_template_tests(template: Template, seeds: Sequence[int] | None = None) -> list[TestResult]:
    """Run the template's embedded tests; a test without `seed:` runs at `seeds` (default 1, 2, 3)."""
    results: list[TestResult] = []
    cache: dict[int, Exercise] = {}
    for index, test in enumerate(template.tests):
        part = test.part or ""
        for seed in [test.seed] if test.seed is not None else list(seeds or DEFAULT_TEST_SEEDS):
            try:
                ex = cache.get(seed) or template.generate(seed)
                cache[seed] = ex
                values = ex.values
                answer = render.fill(ex.fill_choice_labels(test.answer, part), values, latex=False)
                earlier = {k: render.fill(ex.fill_choice_labels(v, k), values, latex=False)
                           for k, v in (test.earlier or {}).items()}
            except (GenerationError, render.RenderError) as err:
                why = getattr(err, "zh", None) or messages_zh.chinese(str(err)) or str(err)
                results.append(TestResult(index, seed, part, test.answer, test.expect, "error", "", False,
                                          f"cannot prepare the test: {err}", {"problem": f"无法准备这个测试：{why}"}))
                continue
            verdict = ex.check(part, answer, "en", earlier or None)
            ok = verdict.status == test.expect
            said = test.message is None or test.message.lower() in verdict.message.lower()
            if ok and said:
                results.append(TestResult(index, seed, part, answer, test.expect, verdict.status, verdict.message, ok))
                continue
            message_zh = ex.check(part, answer, "zh", earlier or None).message   # only for a failure: rare
            zh = {"message": message_zh}
            problem = None
            if ok:
                problem = f"answer '{answer}': the message {verdict.message!r} does not contain {test.message!r}"
                zh["problem"] = f"答案“{answer}”：英文提示 {verdict.message!r} 中不含 {test.message!r}"
            results.append(TestResult(index, seed, part, answer, test.expect, verdict.status, verdict.message,
                                      False, problem, zh))
    return results


def acceptance_rate(template: Template, n: int = 1000) -> float:
    """The share of first draws (seeds 1..n) for which `where` holds (1.0 without `where`)."""
    return template.acceptance_rate(n)


@dataclass
class TemplateReport:
    """What validation found out about one template."""

    id: str
    seeds: int
    acceptance: float
    seconds: float
    errors: list[FileError] = field(default_factory=list)
    quality: QualityReport | None = None
    warnings: list[FileError] = field(default_factory=list)
    """Quality findings below the error level, as `file:line: field: message`."""


@dataclass
class Report:
    """The result of validating some files."""

    errors: list[FileError]
    templates: list[TemplateReport]
    quizzes: int
    files: int

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.errors

    @property
    def warnings(self) -> list[FileError]:
        """The quality warnings of every template."""
        return [w for t in self.templates for w in t.warnings]

    def summary(self) -> str:
        """One line: counts and the verdict."""
        verdict = "OK" if self.ok else counted(len(self.errors), "error")
        warned = f", {counted(len(self.warnings), 'quality warning')}" if self.warnings else ""
        seeds = sum(t.seeds for t in self.templates)
        return (f"{counted(self.files, 'file')}, {counted(len(self.templates), 'template')}, "
                f"{counted(self.quizzes, 'quiz', 'quizzes')}, {counted(seeds, 'exercise')} generated{warned}: "
                f"{verdict}")


def _artefact_errors(template: Template, ex: Exercise) -> list[tuple[tuple, str]]:
    texts: list[tuple[tuple, str]] = [(("prompt", lang), ex.prompt[lang]) for lang in ("en", "zh")]
    texts += [(("solution", lang), ex.solution[lang]) for lang in ("en", "zh")]
    texts += [(("hints", i, lang), h[lang]) for i, h in enumerate(ex.hints) for lang in ("en", "zh")]
    for p in ex.parts:
        texts += [(("parts", p.index, "prompt", lang), p.prompt[lang]) for lang in ("en", "zh")]
        for i, choice in enumerate(p.choices or []):
            path = template.answer_specs()[p.index][0] + ("choices", i)
            texts += [(path + (lang,), choice[lang]) for lang in ("en", "zh")]
    return [(path, f"seed {ex.seed}: rendering artefact: {what}") for path, text in texts
            for what in render.artefacts(text)]


def _is_rational(value: object) -> bool:
    if isinstance(value, sp.MatrixBase):
        return all(isinstance(v, sp.Rational) for v in value)
    return isinstance(value, sp.Rational)


def check_as_author(ex: Exercise, part_id: str, text: str, lang: str = "en") -> Any:
    """Judge an author's text (the key, a slip) against a part as the template means it → `solver.Verdict`.

    The literal form (`form: value`) binds learners, not the author: a key may be written `sigma(2)` or
    `log(2)`, which a learner must work out and type as a number."""
    part = ex.part(part_id)
    if part.spec.form != "value":
        return ex.check(part_id, text, lang)
    unbound = dataclasses.replace(part, spec=part.spec.model_copy(update={"form": None}))
    return check_part(unbound, part.expected, part.mistakes, text, lang)


def _self_check_errors(template: Template, ex: Exercise,
                       rational_too: bool = True) -> list[tuple[tuple, str, str]]:
    """The key judged against itself (without the literal form); under `form: value` an irrational key's
    decimals, which is what a learner types, judged with it. Each error is (path, English, Chinese)."""
    out = []
    for p in ex.parts:
        if not rational_too and p.kind != "choice" and _is_rational(p.expected):
            continue
        path = template.answer_specs()[p.index][0] + ("expected",)
        key = ex.expected_text(p.id)
        verdict = check_as_author(ex, p.id, key)
        if verdict.status != "correct":
            message_zh = check_as_author(ex, p.id, key, "zh").message
            out.append((path, f"seed {ex.seed}: the expected answer '{key}' is judged {verdict.status} against "
                              f"itself: {verdict.message}",
                        f"种子 {ex.seed}：期望答案“{key}”与自身比较被判为 {verdict.status}：{message_zh}"))
            continue
        decimals = ex.expected_approx(p.id) if p.spec.form == "value" else None
        typed = ex.check(p.id, decimals) if decimals else None
        if typed is not None and typed.status != "correct":
            message_zh = ex.check(p.id, decimals, "zh").message
            out.append((path, f"seed {ex.seed}: with `form: value` a learner types the value: '{decimals}' (the key "
                              f"to 4 significant figures) is judged {typed.status}: {typed.message} — give the "
                              f"part a tolerance (`rtol`) that accepts it",
                        f"种子 {ex.seed}：在 `form: value` 下学习者输入的是数值：“{decimals}”（答案保留 4 位有效数字）"
                        f"被判为 {typed.status}：{message_zh}——请给这个小题设置能接受它的容差（`rtol`）"))
    return out


def validate_template(template: Template, seeds: int = 100, self_check_seeds: int | None = None,
                      strict: bool | None = None) -> TemplateReport:
    """Generate `seeds` exercises (seeds 1..n, plus the examples); check rendering, self-checks and tests, and
    make the variant-quality report over them (its leaks are errors when `strict`, by default for the built-in
    library; its other findings are warnings).

    The expected answers are put back through the solver at the first `self_check_seeds` seeds (all by default).
    """
    start = time.perf_counter()
    problems: list[tuple[tuple, str]] = []
    chinese: dict[str, str] = {}  # English message → the same in Chinese, where the error gave one
    draws = 0
    generated = 0
    seed_list = list(range(1, seeds + 1)) + [e.seed for e in template.examples if e.seed > seeds]
    limit = len(seed_list) if self_check_seeds is None else self_check_seeds
    quality = QualityCheck(template, template.trusted if strict is None else strict)
    for n, seed in enumerate(seed_list):
        if len(problems) >= MAX_ERRORS_PER_TEMPLATE:
            break
        try:
            ex = template.generate(seed)
            draws += ex.draws
        except GenerationError as err:
            problems.append((err.path, f"seed {seed}: {err.message}"))
            if err.zh:
                chinese[problems[-1][1]] = f"种子 {seed}：{err.zh}"
            continue
        generated += 1
        problems += _artefact_errors(template, ex)
        if n < limit:
            for path, message, zh in _self_check_errors(template, ex, rational_too=n < RATIONAL_SELF_CHECK_SEEDS):
                problems.append((path, message))
                chinese[message] = zh
        if seed <= seeds:
            quality.add(ex)
    failed_generation = generated < len(seed_list)
    for result in [] if failed_generation else run_template_tests(template):
        if not result.passed:
            problems.append((("tests", result.index), f"seed {result.seed}: {result.describe()}"))
            chinese[problems[-1][1]] = f"种子 {result.seed}：{result.describe('zh')}"
    acceptance = generated / draws if draws else 0.0
    if template.where is not None and generated and acceptance < 0.01:
        problems.append((("where",), f"only {acceptance:.1%} of draws satisfy it (at most {MAX_ATTEMPTS} are "
                                     f"tried per seed); widen the ranges"))
    report = quality.report() if not failed_generation else None
    if report is not None:
        for finding in report.errors:
            problems.append((finding.path, f"variant quality: {finding.describe()}"))
            chinese[problems[-1][1]] = f"题目变体质量：{finding.describe('zh')}"
    errors = [FileError(template.path, template.line_of(path), field_name(path), message, chinese.get(message))
              for path, message in _dedupe(problems)[:MAX_ERRORS_PER_TEMPLATE]]
    warnings = [FileError(template.path, template.line_of(f.path), field_name(f.path),
                          f"warning: variant quality: {f.describe()}", f"警告：题目变体质量：{f.describe('zh')}")
                for f in report.warnings] if report else []
    return TemplateReport(template.id, generated, acceptance, time.perf_counter() - start, errors, report, warnings)


def _dedupe(problems: list[tuple[tuple, str]]) -> list[tuple[tuple, str]]:
    seen: set[tuple[tuple, str]] = set()
    out = []
    for path, message in problems:
        key = (path, message.split(": ", 1)[-1])
        if key not in seen:
            seen.add(key)
            out.append((path, message))
    return out


def validate_in_worker(data: bytes, seeds: int, self_check_seeds: int | None,
                       budget: float) -> tuple[TemplateReport | None, float]:
    """Worker task: validate the template a `sandbox.payload` describes, each exercise under its time limit and the
    whole within `budget` seconds of CPU time; (the report, or None when over the budget, and the CPU time used)."""
    start = time.process_time()
    try:
        with worker.time_limit(budget) as limit:
            report = validate_template(sandbox.worker_template(data, fresh=True), seeds, self_check_seeds,
                                       strict=False)  # an instructor's template: quality findings are warnings
    except worker.OutOfTime:
        if not limit.expired:
            raise
        return None, time.process_time() - start
    return report, time.process_time() - start


def _over_budget(template: Template, seconds: float) -> FileError:
    return FileError(template.path, template.line, "",
                     f"validating this file takes more than {seconds:g} s of computing, the limit for one file; "
                     f"stopped at template '{template.id}' — make its formulas cheaper or split the file",
                     f"校验此文件的计算时间超过了 {seconds:g} 秒（每个文件的上限），在模板“{template.id}”处停止——"
                     f"请让公式计算量更小，或把文件拆分")


def validate_templates(templates: Sequence[Template], seeds: int = 100, self_check_seeds: int | None = None,
                       budget: float = sandbox.FILE_SECONDS) -> list[TemplateReport]:
    """`validate_template` for each template: trusted (built-in) ones here, the others in a worker process,
    together within `budget` seconds of the worker's CPU time (a call is also stopped after
    `sandbox.WALL_FACTOR` times its budget in wall-clock time). Past the budget, the template under way gets an
    error and the rest are skipped."""
    reports: list[TemplateReport] = []
    left = budget
    for template in templates:
        if template.trusted:
            reports.append(validate_template(template, seeds, self_check_seeds))
            continue
        start = time.monotonic()
        status, result = worker.run("exercises.validate:validate_in_worker", sandbox.payload(template), seeds,
                                    self_check_seeds, max(left, 0.0), timeout=left * sandbox.WALL_FACTOR + 5,
                                    pool=sandbox.VALIDATE_POOL, startup=sandbox.STARTUP_SECONDS)
        report, used = result if status == "ok" else (None, left)
        left -= used
        if report is not None:
            reports.append(report)
            continue
        over = status == "ok" or result == worker.TIMEOUT
        if over:
            error = _over_budget(template, budget)
        else:
            en, zh = sandbox.failure_message(result)
            error = template.file_error(GenerationError((), en, None, zh))
        reports.append(TemplateReport(template.id, 0, 0.0, time.monotonic() - start, [error]))
        if over:
            break
    return reports


def validate_paths(paths: Iterable[str | Path], seeds: int = 100, self_check_seeds: int | None = None,
                   builtin_context: bool = True, jobs: int = 1) -> Report:
    """Validate the given files/folders. Quiz files may also use the built-in templates
    (unless `builtin_context` is False). With `jobs` > 1 the templates are validated in that many processes."""
    files = yaml_files(list(paths))
    chosen = {f.resolve() for f in files}
    library = Library(smoke_test=False)  # every template is generated at many seeds below
    for f in yaml_files([LIBRARY_DIR]) if builtin_context else []:  # context only, not validated here
        if f.resolve() not in chosen:
            library.add_file(f)
    context = set(library.templates)
    library.errors.clear()
    library.files.clear()
    for f in files:
        library.add_file(f)
    library.resolve_quizzes()
    library.check_prerequisites()
    errors = [e for e in library.errors if Path(e.path).resolve() in chosen]
    by_file: dict[str, list[Template]] = {}
    for t in library.templates.values():
        if t.id not in context:
            by_file.setdefault(t.path, []).append(t)
    trusted = [t for group in by_file.values() for t in group if t.trusted]
    done = {r.id: r for r in validate_in_parallel(trusted, seeds, self_check_seeds, jobs)}
    reports: list[TemplateReport] = []
    for group in by_file.values():
        untrusted = [t for t in group if not t.trusted]
        others = {r.id: r for r in validate_templates(untrusted, seeds, self_check_seeds)} if untrusted else {}
        reports += [r for t in group if (r := done.get(t.id) or others.get(t.id)) is not None]
    errors += [e for r in reports for e in r.errors]
    return Report(errors, reports, len(library.quizzes), len(library.files))


_FORKED: dict[str, Template] = {}
"""The templates a forked validation process works on (set before the processes start)."""


def _validate_forked(task: tuple[str, int, int | None]) -> TemplateReport:
    template_id, seeds, self_check_seeds = task
    return validate_template(_FORKED[template_id], seeds, self_check_seeds)


def validate_in_parallel(templates: Sequence[Template], seeds: int = 100, self_check_seeds: int | None = None,
                         jobs: int = 1) -> list[TemplateReport]:
    """`validate_template` for each trusted (built-in) template, in order; in `jobs` forked processes where the
    system can fork."""
    if jobs <= 1 or len(templates) < 2 * jobs or "fork" not in multiprocessing.get_all_start_methods():
        return [validate_template(t, seeds, self_check_seeds) for t in templates]
    global _FORKED
    _FORKED = {t.id: t for t in templates}
    # the biggest templates first, so that no process is left with a long one at the end
    order = sorted(templates, key=lambda t: -(len(t.spec.derived) + 4 * len(t.answer_specs())))
    try:
        with ProcessPoolExecutor(min(jobs, len(templates)), mp_context=multiprocessing.get_context("fork")) as pool:
            done = dict(zip([t.id for t in order],
                            pool.map(_validate_forked, [(t.id, seeds, self_check_seeds) for t in order])))
    finally:
        _FORKED = {}
    return [done[t.id] for t in templates]
