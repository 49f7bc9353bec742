"""Per-student seeds for quizzes: SHA-256 of (quiz seed, normalised student name), stable on any machine."""
from __future__ import annotations

import hashlib
import unicodedata

SEED_MODULUS = 2**31 - 1


def normalise_student(student: str) -> str:
    """The form of a student name or id used for seeding: NFC, trimmed, single spaces, case-folded."""
    text = unicodedata.normalize("NFC", student)
    return " ".join(text.split()).casefold()


def student_list(text: str) -> list[str]:
    """Student names or ids, one per line, as a class list is written: `#` starts a comment, blank lines are
    skipped, and a repeat (the same student once normalised) is kept once, in its first spelling."""
    first: dict[str, str] = {}
    for line in text.splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            first.setdefault(normalise_student(name), name)
    return list(first.values())


def student_seed(quiz_seed: int, student: str) -> int:
    """The seed of `student`'s variant of the quiz with seed `quiz_seed`: an int in 1 .. 2**31 - 1.

    "Ann Lee", " ann  lee " and "ANN LEE" are the same student.
    """
    key = f"{int(quiz_seed)}\x1f{normalise_student(student)}".encode("utf-8")
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") % SEED_MODULUS + 1


def derive_seed(base_seed: int, *labels: object) -> int:
    """A seed derived from another seed and labels (e.g. a quiz entry index), in 1 .. 2**31 - 1."""
    key = "\x1f".join([str(int(base_seed)), *(str(x) for x in labels)]).encode("utf-8")
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") % SEED_MODULUS + 1
