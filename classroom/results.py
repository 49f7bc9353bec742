"""Quiz results for instructors: scores per student and question from the progress store, the students ×
questions table and its CSV (which reads back to the same table), the questions missed most and the anticipated
mistakes met most, with their charts."""
from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

import altair as alt
import pandas as pd

from exercises.quiz import build_questions
from store.csv_cells import neutralise, restore

if TYPE_CHECKING:
    from exercises.loader import Library
    from exercises.quiz import Quiz
    from store.models import AttemptRow

STUDENT = "student"
TOTAL = "total"
LONG_COLUMNS = ["student", "question", "template_id", "seed", "parts", "attempts", "score", "points", "earned"]


def question_label(index: int) -> str:
    """The column name of question `index` (0-based) in the table and the CSV: Q1, Q2, …"""
    return f"Q{index + 1}"


@dataclass(frozen=True)
class _Key:
    student: str
    question: int


def _points(quiz: Quiz | None, library: Library | None, student: str) -> list[float]:
    """The points of each question of a student's variant of the quiz (empty when unknown)."""
    if quiz is None or library is None:
        return []
    try:
        return [q.points for q in build_questions(quiz, library, student)]
    except KeyError:  # the quiz names a template that is no longer loaded
        return []


def _part_count(library: Library | None, template_id: str, seen: int) -> int:
    """How many parts the question has (from its template when loaded, else the parts seen answered)."""
    if library is not None and template_id in library.templates:
        return len(library.get(template_id).answer_specs())
    return max(seen, 1)


def score_table(rows: Iterable[AttemptRow], quiz: Quiz | None = None, library: Library | None = None) -> pd.DataFrame:
    """One row per (student, question) answered: the best score of each part, averaged over the question's parts
    (0..1), and the points earned. Invalid answers are not attempts. Columns: `LONG_COLUMNS`."""
    best: dict[_Key, dict[str, float]] = defaultdict(dict)
    tried: Counter[_Key] = Counter()
    where: dict[_Key, tuple[str, int]] = {}
    for row in rows:
        if row.question is None:
            continue
        key = _Key(row.profile, int(row.question))
        where.setdefault(key, (row.template_id, int(row.seed)))
        if row.status == "invalid":
            continue
        tried[key] += 1
        best[key][row.part] = max(best[key].get(row.part, 0.0), float(row.score))
    records = []
    points_of: dict[str, list[float]] = {}
    for key in sorted(where, key=lambda k: (k.student.casefold(), k.question)):
        template_id, seed = where[key]
        parts = _part_count(library, template_id, len(best[key]))
        score = sum(best[key].values()) / parts
        if key.student not in points_of:
            points_of[key.student] = _points(quiz, library, key.student)
        known = points_of[key.student]
        points = known[key.question] if key.question < len(known) else 1.0
        records.append({"student": key.student, "question": key.question, "template_id": template_id, "seed": seed,
                        "parts": parts, "attempts": tried[key], "score": round(score, 4), "points": points,
                        "earned": round(score * points, 4)})
    return pd.DataFrame(records, columns=LONG_COLUMNS)


def results_matrix(scores: pd.DataFrame, questions: int | None = None) -> pd.DataFrame:
    """Students × questions: points earned per question (empty where not answered) and the total.

    `questions` columns at least (Q1…Qn, e.g. the quiz's length), more if someone answered a later one."""
    count = max([questions or 0] + [int(q) + 1 for q in scores["question"]])
    columns = [question_label(i) for i in range(count)]
    students = list(dict.fromkeys(scores["student"]))
    table = pd.DataFrame(index=pd.Index(students, name=STUDENT), columns=columns, dtype=float)
    for row in scores.itertuples(index=False):
        table.loc[row.student, question_label(int(row.question))] = float(row.earned)
    table[TOTAL] = table[columns].sum(axis=1, min_count=0)
    return table


def matrix_to_csv(table: pd.DataFrame) -> str:
    """The students × questions table as CSV (UTF-8 text, a header row, empty cells where not answered; a name a
    spreadsheet would run as a formula is neutralised, see `store.csv_cells`)."""
    return table.rename(index=neutralise).to_csv(index=True, index_label=STUDENT, lineterminator="\n",
                                                 float_format="%.4g")


def matrix_from_csv(text: str) -> pd.DataFrame:
    """Read back a table written by `matrix_to_csv`."""
    table = pd.read_csv(io.StringIO(text), dtype={STUDENT: str}, keep_default_na=False, na_values=[""])
    table[STUDENT] = table[STUDENT].map(restore)
    table = table.set_index(STUDENT)
    return table.astype(float)


def missed_questions(scores: pd.DataFrame) -> pd.DataFrame:
    """Per question: how many students answered it and how many did not get it fully right, most missed first."""
    if scores.empty:
        return pd.DataFrame(columns=["question", "answered", "missed", "share"])
    grouped = scores.groupby("question")["score"]
    table = pd.DataFrame({"answered": grouped.size(), "missed": grouped.apply(lambda s: int((s < 1).sum()))})
    table["share"] = table["missed"] / table["answered"]
    table = table.reset_index()
    table["question"] = [question_label(int(q)) for q in table["question"]]
    return table.sort_values(["missed", "question"], ascending=[False, True], kind="stable").reset_index(drop=True)


def mistake_counts(rows: Iterable[AttemptRow], catalogue: Mapping[str, Mapping[str, str]],
                   lang: str = "en") -> pd.DataFrame:
    """The anticipated mistakes met in the answers: how often and by how many students, most common first.

    A catalogued mistake is named by its message in `lang`; an exercise's own mistake by the message stored."""
    times: Counter[str] = Counter()
    who: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if not row.mistake:
            continue
        texts = catalogue.get(row.mistake)
        label = (texts.get(lang) or texts.get("en")) if texts else row.mistake
        times[label] += 1
        who[label].add(row.profile)
    records = [{"mistake": label, "times": n, "students": len(who[label])} for label, n in times.items()]
    table = pd.DataFrame(records, columns=["mistake", "times", "students"])
    return table.sort_values(["times", "mistake"], ascending=[False, True], kind="stable").reset_index(drop=True)


def missed_chart(missed: pd.DataFrame, *, x_title: str, y_title: str) -> alt.Chart:
    """Bars: students who missed each question, most missed on top."""
    return alt.Chart(missed).mark_bar(color="#E11D48").encode(
        x=alt.X("missed:Q", title=x_title, axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("question:N", title=y_title, sort=list(missed["question"])),
        tooltip=["question", "missed", "answered", alt.Tooltip("share:Q", format=".0%")],
    )
