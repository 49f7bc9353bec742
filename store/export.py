"""CSV export of attempt history (one row per attempt, UTF-8, a header row, times in ISO 8601 UTC; formula-like
text neutralised, see `store.csv_cells`)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .csv_cells import neutralise
from .models import AttemptRow

COLUMNS = ("id", "at", "profile", "topic", "template_id", "seed", "part", "answer", "status", "score", "mistake",
           "hints_used", "seconds", "quiz_id", "question")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return neutralise(value)


def rows_to_csv(rows: Iterable[AttemptRow]) -> str:
    """The rows as CSV text with the `COLUMNS` header (empty cells for missing values)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in COLUMNS])
    return out.getvalue()
