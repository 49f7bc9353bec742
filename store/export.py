"""CSV export of attempt history (one row per attempt, UTF-8, a header row, times in ISO 8601 UTC; formula-like
text neutralised, see `store.csv_cells`)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from .csv_cells import neutralise
from .models import AttemptRow, SetAsideRow

COLUMNS = ("id", "at", "profile", "topic", "template_id", "seed", "part", "answer", "status", "score", "mistake",
           "hints_used", "seconds", "quiz_id", "question")
SET_ASIDE_COLUMNS = ("at", "kind", "profile", "reason", "record")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return neutralise(value)


def table_to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text: the header, then each row (empty cells for None, ISO 8601 times, formula-like text neutralised)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def rows_to_csv(rows: Iterable[AttemptRow]) -> str:
    """The attempt rows as CSV text with the `COLUMNS` header."""
    return table_to_csv(COLUMNS, ([getattr(row, name) for name in COLUMNS] for row in rows))


def set_aside_to_csv(rows: Iterable[SetAsideRow]) -> str:
    """Set-aside records as CSV: when, kind, profile, the database's reason, and the record's fields as JSON."""
    return table_to_csv(SET_ASIDE_COLUMNS, ([r.at, r.kind, r.profile, r.reason,
                                             json.dumps(r.record, ensure_ascii=False)] for r in rows))
