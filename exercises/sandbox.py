"""Author formulas from instructors' files run in the solver's worker processes, under a time and memory budget.

The built-in library is trusted: its templates (`engine.Template`) compute in this process. A template from any
other file — uploaded on the instructor page, or in the instructor's folder — is a `SandboxedTemplate`: generating
an exercise, recomputing an answer for error carried forward, the `where` acceptance rate and any single formula
run in a worker process (`solver.worker`, pools `author` and `validate`), which has a memory cap and is killed when a
call overruns. Inside the worker a CPU-time limit stops one exercise after `EXERCISE_SECONDS` and names the field
being computed, and every value must stay below `MAX_VALUE_NODES`, so what comes back is cheap to show and to check
against. Generated exercises are kept per (seed, locked params).
"""
from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from typing import Any, Callable, Mapping

import sympy as sp

from exercises.engine import Exercise, GenerationError, Template
from exercises.yamlread import Path_
from solver import worker

AUTHOR_POOL = "author"
VALIDATE_POOL = "validate"
EXERCISE_SECONDS = 2.0
"""CPU time for one exercise (drawing params, derived values, answers, texts), and for any single formula."""
ACCEPTANCE_SECONDS = 5.0
"""CPU time for the `where` acceptance rate over many draws (the instructor's preview)."""
CALL_SECONDS = 10.0
"""Hard wall-clock limit on one call from the app, waiting for a free worker included: past it the worker is
killed (a safety net: the CPU-time limits above stop costly work first)."""
STARTUP_SECONDS = 60.0
"""How long a worker may take to start (importing SymPy on a busy machine), besides a call's own limit."""
FILE_SECONDS = 60.0
"""CPU time for validating one file (all its templates at all seeds, self-checks and embedded tests)."""
WALL_FACTOR = 3
"""A file's validation is stopped outright after this many times its CPU budget in wall-clock time."""
MAX_VALUE_NODES = 5000
"""Parts (symbols, numbers, operations) of any param, derived or answer value."""
CACHE_SIZE = 256
"""Generated exercises kept per template."""

worker.configure_pool(AUTHOR_POOL, 2, ("exercises.sandbox",))
worker.configure_pool(VALIDATE_POOL, 1, ("exercises.sandbox", "exercises.validate"), warm_up=True)  # self-checks


def slow_message(seconds: float) -> tuple[str, str]:
    """(en, zh): a formula or exercise that ran out of its time."""
    return (f"computing this takes longer than {seconds:g} s, the limit for one exercise — simplify the formula "
            f"or use smaller sizes",
            f"计算时间超过 {seconds:g} 秒（一道练习的上限）——请简化公式或减小规模")


def failure_message(reason: str) -> tuple[str, str]:
    """(en, zh): why a call to a worker failed (`worker.TIMEOUT`, `worker.MEMORY`, or anything else)."""
    if reason == worker.TIMEOUT:
        return (f"generating this exercise took longer than {CALL_SECONDS:g} s and was stopped",
                f"生成这道练习超过 {CALL_SECONDS:g} 秒，已被停止")
    if reason == worker.MEMORY:
        return (f"computing this needs more than {worker.MEMORY_LIMIT >> 20} MB of memory, the limit — simplify "
                f"the formula or use smaller sizes",
                f"计算所需内存超过 {worker.MEMORY_LIMIT >> 20} MB 的上限——请简化公式或减小规模")
    return ("this exercise could not be generated (the worker process failed); try again",
            "无法生成这道练习（工作进程出错），请重试")


def payload(template: Template) -> bytes:
    """What a worker needs to rebuild `template`: its spec, file name, line map and place in the file."""
    return pickle.dumps((template.spec, template.path, template._lines, template._base),
                        protocol=pickle.HIGHEST_PROTOCOL)


def _error_args(err: GenerationError) -> tuple:
    return (err.path, err.message, err.seed, err.zh)


def _unwrap(status: str, result: Any, seed: int | None = None) -> Any:
    """A worker's reply → the value, or GenerationError (the task's own, or why the call failed)."""
    if status != "ok":
        en, zh = failure_message(result)
        raise GenerationError((), en, seed, zh)
    kind, value = result
    if kind == "error":
        raise GenerationError(*value)
    return value


def _frozen(overrides: Mapping[str, Any] | None) -> tuple:
    return tuple(sorted((str(k), str(v)) for k, v in (overrides or {}).items()))


class SandboxedTemplate(Template):
    """A template from an instructor's file: every formula runs in a worker process, under the budget."""

    trusted = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.payload = payload(self)
        self._exercises: OrderedDict[tuple, Exercise] = OrderedDict()
        self._lock = threading.Lock()

    def _call(self, task: str, *args: Any, seed: int | None = None) -> Any:
        status, result = worker.run(f"exercises.sandbox:{task}", self.payload, *args, timeout=CALL_SECONDS,
                                    pool=AUTHOR_POOL, startup=STARTUP_SECONDS)
        return _unwrap(status, result, seed)

    def generate(self, seed: int, overrides: Mapping[str, Any] | None = None) -> Exercise:
        """The exercise at `seed`, generated in a worker (kept for the next call). Raises GenerationError."""
        key = (int(seed), _frozen(overrides))
        with self._lock:
            if key in self._exercises:
                self._exercises.move_to_end(key)
                return self._exercises[key]
        exercise = self._call("generate_task", int(seed), dict(overrides or {}), seed=int(seed))
        exercise.template = self
        with self._lock:
            self._exercises[key] = exercise
            while len(self._exercises) > CACHE_SIZE:
                self._exercises.popitem(last=False)
        return exercise

    def evaluate(self, text: str, values: Mapping[str, Any], path: Path_) -> Any:
        """One formula, computed in a worker."""
        if text in values:
            return values[text]
        return self._call("evaluate_task", text, dict(values), tuple(path))

    def answer_at(self, params: Mapping[str, Any], pinned: Mapping[str, Any], index: int) -> tuple[Any, list]:
        """The answer of part `index` with pinned derived values (error carried forward), computed in a worker."""
        return self._call("answer_at_task", dict(params), dict(pinned), index)

    def acceptance_rate(self, n: int = 1000) -> float:
        """The `where` acceptance rate, computed in a worker. Raises GenerationError when over the budget."""
        return self._call("acceptance_task", n)


# ---------------------------------------------------------------------------------------------------------
# Inside the worker
# ---------------------------------------------------------------------------------------------------------

class OverBudget(GenerationError):
    """A formula or exercise that ran out of time or memory, or made a value too large."""


def value_size(value: Any, limit: int = MAX_VALUE_NODES) -> int:
    """How many parts (nodes) a value has, counted up to just past `limit`."""
    if isinstance(value, sp.MatrixBase):
        items = list(value)
    elif isinstance(value, sp.Set):
        items = list(value.args)
    elif isinstance(value, sp.Basic):
        items = [value]
    else:
        return 1
    count = 0
    for item in items:
        for _ in sp.preorder_traversal(item):
            count += 1
            if count > limit:
                return count
    return count


def _too_large(path: Path_, size: int) -> GenerationError:
    return OverBudget(path, f"this value is too large (more than {MAX_VALUE_NODES:,} parts) to show and to "
                                 f"check answers against",
                           zh=f"这个值太大（超过 {MAX_VALUE_NODES:,} 个组成部分），无法显示或用于判题")


def check_sizes(template: Template, ex: Exercise) -> None:
    """Raise GenerationError at the first param, derived value or answer larger than `MAX_VALUE_NODES`."""
    for kind, values in (("params", ex.params), ("derived", ex.derived)):
        for name, value in values.items():
            size = value_size(value)
            if size > MAX_VALUE_NODES:
                raise _too_large((kind, name), size)
    for (path, _, _), part in zip(template.answer_specs(), ex.parts):
        for where, value in [(("expected",), part.expected)] + [
                (("mistakes", i, "expr"), m["expr"]) for i, m in enumerate(part.mistakes)]:
            size = value_size(value)
            if size > MAX_VALUE_NODES:
                raise _too_large(path + where, size)


class TimedTemplate(Template):
    """A template rebuilt inside a worker: each exercise (and each formula) stops after its time, and the error
    names the field being computed then."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._at: Path_ | None = None

    def _timed(self, seconds: float, seed: int | None, work: Callable[[], Any]) -> Any:
        try:
            with worker.time_limit(seconds) as limit:
                return work()
        except worker.OutOfTime:
            if not limit.expired:
                raise
            en, zh = slow_message(seconds)
            raise OverBudget(self._at or (), en, seed, zh) from None
        except MemoryError:
            en, zh = failure_message(worker.MEMORY)
            raise OverBudget(self._at or (), en, seed, zh) from None

    def evaluate(self, text: str, values: Mapping[str, Any], path: Path_) -> Any:
        self._at = tuple(path)
        value = self._timed(EXERCISE_SECONDS, None, lambda: super(TimedTemplate, self).evaluate(text, values, path))
        self._at = None
        return value

    def draw_params(self, seed: int, overrides: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], int]:
        return self._timed(EXERCISE_SECONDS, seed, lambda: super(TimedTemplate, self).draw_params(seed, overrides))

    def generate(self, seed: int, overrides: Mapping[str, Any] | None = None) -> Exercise:
        def work() -> Exercise:
            self._at = None
            ex = super(TimedTemplate, self).generate(seed, overrides)
            try:
                check_sizes(self, ex)
            except GenerationError as err:
                err.seed = seed
                raise
            return ex

        return self._timed(EXERCISE_SECONDS, seed, work)

    def answer_at(self, params: Mapping[str, Any], pinned: Mapping[str, Any], index: int) -> tuple[Any, list]:
        return self._timed(EXERCISE_SECONDS, None, lambda: super(TimedTemplate, self).answer_at(params, pinned, index))

    def acceptance_rate(self, n: int = 1000) -> float:
        return self._timed(ACCEPTANCE_SECONDS, None, lambda: super(TimedTemplate, self).acceptance_rate(n))


class ValidatedTemplate(TimedTemplate):
    """A template under validation: once an exercise is over the budget, every later one fails the same way at
    once (validation then reports it without spending the file's time on each seed)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._over_budget: GenerationError | None = None

    def _timed(self, seconds: float, seed: int | None, work: Callable[[], Any]) -> Any:
        if self._over_budget is not None:
            raise GenerationError(*_error_args(self._over_budget)[:2], seed, self._over_budget.zh)
        try:
            return super()._timed(seconds, seed, work)
        except OverBudget as err:
            self._over_budget = err
            raise


_templates: OrderedDict[bytes, TimedTemplate] = OrderedDict()


def worker_template(data: bytes, fresh: bool = False) -> TimedTemplate:
    """The template a payload describes, rebuilt once per worker (its parsed choices are kept); `fresh`: a new
    `ValidatedTemplate`, for validation."""
    if fresh:
        return ValidatedTemplate(*pickle.loads(data))
    key = hashlib.sha256(data).digest()
    if key not in _templates:
        _templates[key] = TimedTemplate(*pickle.loads(data))
        while len(_templates) > 64:
            _templates.popitem(last=False)
    return _templates[key]


def _guarded(work: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return ("ok", work())
    except GenerationError as err:
        return ("error", _error_args(err))


def generate_task(data: bytes, seed: int, overrides: dict[str, Any]) -> tuple[str, Any]:
    """Worker task: the exercise (detached from its template, which the caller re-attaches)."""
    def work() -> Exercise:
        ex = worker_template(data).generate(seed, overrides)
        ex.template = None  # type: ignore[assignment]
        return ex

    return _guarded(work)


def evaluate_task(data: bytes, text: str, values: dict[str, Any], path: Path_) -> tuple[str, Any]:
    """Worker task: one formula."""
    return _guarded(lambda: worker_template(data).evaluate(text, values, path))


def answer_at_task(data: bytes, params: dict[str, Any], pinned: dict[str, Any], index: int) -> tuple[str, Any]:
    """Worker task: a part's answer with pinned derived values."""
    return _guarded(lambda: worker_template(data).answer_at(params, pinned, index))


def acceptance_task(data: bytes, n: int) -> tuple[str, Any]:
    """Worker task: the `where` acceptance rate."""
    return _guarded(lambda: worker_template(data).acceptance_rate(n))
