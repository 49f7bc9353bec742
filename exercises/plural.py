"""English counts with the right form of their noun: `counted(1, "template")` → "1 template",
`counted(3, "quiz", "quizzes")` → "3 quizzes" (Chinese needs no plural: write its counter word, 3 个模板)."""
from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, in the plural (`plural`, else noun + "s") unless n is 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
