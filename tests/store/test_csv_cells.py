"""CSV exports never hand a spreadsheet a formula, and numbers stay numbers."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from classroom.results import matrix_from_csv, matrix_to_csv
from store import Attempt
from store.csv_cells import neutralise, restore


@pytest.mark.parametrize("text", ["=1+1", "=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0",
                                  "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "-x", "+", "-"])
def test_formula_like_text_is_prefixed_and_restored(text):
    safe = neutralise(text)
    assert safe == "'" + text and restore(safe) == text


@pytest.mark.parametrize("value", ["-3", "+2.5", "-0.25", "1e-4", "-7E+3", "3", "x", "σ(x)", "a=b", "", -3, -0.5,
                                   2.0, None])
def test_numbers_and_ordinary_text_are_left_alone(value):
    assert neutralise(value) == value and restore(value) == value


def test_attempt_history_csv_neutralises_text_cells(store):
    store.record_attempt(Attempt("=ann", "t", "vectors", 1, "", "=HYPERLINK(\"http://evil\")", "incorrect", 0.0,
                                 mistake="@risk"))
    store.record_attempt(Attempt("=ann", "t", "vectors", 2, "", "-3", "correct", 1.0, seconds=2.5))
    rows = list(csv.DictReader(io.StringIO(store.export_csv("=ann"))))
    assert rows[0]["profile"] == "'=ann" and rows[0]["answer"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[0]["mistake"] == "'@risk"
    assert rows[1]["answer"] == "-3" and rows[1]["score"] == "1.0" and rows[1]["seconds"] == "2.5"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value


def test_results_table_csv_neutralises_names_and_keeps_numbers():
    table = pd.DataFrame({"Q1": [1.0, -0.5, float("nan")], "total": [1.0, -0.5, 0.0]},
                         index=pd.Index(["=cmd|' /C calc'!A0", "-ann", "bo"], name="student"))
    text = matrix_to_csv(table)
    lines = text.splitlines()
    assert lines[1].startswith("'=cmd") and lines[2] == "'-ann,-0.5,-0.5" and lines[3] == "bo,,0"
    back = matrix_from_csv(text)
    assert list(back.index) == list(table.index)
    pd.testing.assert_frame_equal(back, table, check_names=False)


def test_tables_offer_only_the_neutralised_downloads():
    """st.dataframe's own CSV download does not neutralise formulas: it is switched off for the app."""
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
