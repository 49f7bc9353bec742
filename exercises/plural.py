"""English counts with the right form of their noun: `counted(1, "template")` → "1 template",
`counted(3, "quiz", "quizzes")` → "3 quizzes" (Chinese needs no plural: write its counter word, 3 个模板)."""
from __future__ import annotations


def counted(n: object, noun: str, plural: str | None = None) -> str:
    """`n` (a number, or its text) and `noun`, in the plural (`plural`, else noun + "s") unless n is 1."""
    return f"{n} {noun if _is_one(n) else plural or noun + 's'}"


def _is_one(n: object) -> bool:
    try:
        return float(n) == 1   # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
