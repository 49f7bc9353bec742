"""Clean and cap every field before it is queued, so the database never refuses a record for its data.

Text loses NUL, control characters (tab and newline survive in free text) and lone surrogates; each field is cut
to fit its column. An over-long identifier keeps a short hash of the whole so distinct ids stay distinct; an
over-long answer keeps its first `MAX_ANSWER_CHARS` characters and ends with `TRUNCATED`. Numbers are brought
into their column's range (NaN scores become 0). Only a bounded prefix of a huge string is ever looked at.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import replace

from .models import Attempt

MAX_ANSWER_CHARS = 4000          # the answer box's max_chars (ui/answer_box.py) matches
MAX_MISTAKE_CHARS = 1000
MAX_ID_CHARS = 200               # template ids, quiz ids, quiz keys (String(200) columns)
MAX_NAME_CHARS = 80              # profile, topic, part (String(80) columns)
TRUNCATED = "…[truncated]"
STATUSES = ("correct", "incorrect", "invalid")
_INT64 = 2 ** 63 - 1
_INT32 = 2 ** 31 - 1
# C0/C1 controls, DEL, lone surrogates, non-characters; `keep` re-allows tab/newline in free text
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNSAFE_IN_IDS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: object, limit: int, *, free_text: bool = False) -> str:
    """`value` as text without control characters or lone surrogates, at most `limit` characters; text that had
    to be cut ends with `TRUNCATED`."""
    text = "" if value is None else str(value)
    head = text[: limit * 2 + 16]                        # never scan more than a bounded prefix
    cleaned = (_UNSAFE if free_text else _UNSAFE_IN_IDS).sub("", head)
    if free_text:
        cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    if len(cleaned) <= limit and len(head) == len(text):
        return cleaned
    return cleaned[: limit - len(TRUNCATED)] + TRUNCATED


def clean_id(value: object, limit: int = MAX_ID_CHARS) -> str:
    """An identifier without control characters, fitting `limit`; an over-long one keeps a hash of the whole so
    two different long ids never become the same stored id."""
    text = "" if value is None else str(value)
    cleaned = _UNSAFE_IN_IDS.sub("", text[: limit * 2 + 16]).strip()
    if len(cleaned) <= limit and len(text) <= limit * 2 + 16:
        return cleaned
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{cleaned[: limit - 11]}~{digest}"


def _int_in(value: object, low: int, high: int, default: int | None) -> int | None:
    try:
        number = int(value)                             # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return default
    return min(max(number, low), high)


def _float_or(value: object, default: float | None, low: float = -math.inf, high: float = math.inf) -> float | None:
    try:
        number = float(value)                           # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return default
    return default if not math.isfinite(number) else min(max(number, low), high)


def clean_attempt(attempt: Attempt) -> Attempt:
    """The attempt with every field clean and within its column (see the module docstring)."""
    status = attempt.status if attempt.status in STATUSES else "invalid"
    mistake = clean_text(attempt.mistake, MAX_MISTAKE_CHARS, free_text=True) if attempt.mistake else None
    question = None if attempt.question is None else _int_in(attempt.question, 0, _INT32, None)
    return replace(
        attempt,
        profile=clean_id(attempt.profile, MAX_NAME_CHARS), template_id=clean_id(attempt.template_id),
        topic=clean_id(attempt.topic, MAX_NAME_CHARS), seed=_int_in(attempt.seed, -_INT64, _INT64, 0),
        part=clean_id(attempt.part, MAX_NAME_CHARS),
        answer=clean_text(attempt.answer, MAX_ANSWER_CHARS, free_text=True),
        status=status, score=_float_or(attempt.score, 0.0, 0.0, 1.0), mistake=mistake or None,
        hints_used=_int_in(attempt.hints_used, 0, _INT32, 0), seconds=_float_or(attempt.seconds, None, 0.0, 1e9),
        quiz_id=clean_id(attempt.quiz_id) if attempt.quiz_id is not None else None, question=question,
    )
