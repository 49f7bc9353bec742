"""The answer checker: reads learner text with its own grammar and judges it against an expected answer.

Public API (see docs/architecture.md): ``check``, ``preview``, ``parse``, ``Parsed``, ``Verdict``, ``Preview``,
``ParseError``, ``MISTAKES``, ``warm_up``,
``compile_template`` (template formulas read once). Names are loaded on first use, so a worker process that imports
``solver.worker`` does not pay for the parser and the checkers. No submodule is named like an exported name:
importing a submodule binds it as an attribute of the package, which would hide the function of that name
(``check`` and ``preview`` live in ``solver.checker``).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "check": "solver.checker",
    "preview": "solver.checker",
    "parse": "solver.parser",
    "read_answer": "solver.reading",
    "compile_template": "solver.template_formula",
    "TemplateFormula": "solver.template_formula",
    "Parsed": "solver.parser",
    "ParseError": "solver.errors",
    "Verdict": "solver.verdict",
    "Preview": "solver.verdict",
    "MISTAKES": "solver.mistakes",
    "warm_up": "solver.warm",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'solver' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
