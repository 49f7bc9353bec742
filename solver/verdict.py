"""The result of a check (`Verdict`) and of a live preview (`Preview`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CORRECT = "correct"
INCORRECT = "incorrect"
INVALID = "invalid"
STATUSES = (CORRECT, INCORRECT, INVALID)


@dataclass
class Verdict:
    """How an answer was judged.

    ``status`` is ``correct``, ``incorrect`` or ``invalid`` (could not be read; never counts as an attempt),
    ``score`` is in 0..1, ``message`` is in the requested language, ``interpreted`` is the LaTeX of how the
    answer was read (None when it could not be read) and ``details`` holds JSON-ready facts such as
    ``counterexample``, ``wrong_entries`` (1-based), ``mistake``, ``transposed`` or ``error``.
    """

    status: str
    score: float
    message: str
    interpreted: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        """True when the answer was judged correct."""
        return self.status == CORRECT

    def to_dict(self) -> dict[str, Any]:
        """The JSON object the CLI prints."""
        return {
            "status": self.status,
            "score": self.score,
            "message": self.message,
            "interpreted": self.interpreted,
            "details": self.details,
        }


@dataclass(frozen=True)
class Preview:
    """A live preview of what the learner typed: LaTeX when readable, else the reason it is not."""

    ok: bool
    latex: str | None
    message: str | None
