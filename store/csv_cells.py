"""CSV cells a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`.

Spreadsheets read such a cell as a formula (`=HYPERLINK(…)`, `-2+3|cmd …`). Numbers are left alone — an int or
float value, and text that is just a plain number (`-3`, `+2.5`, `1e-4`) — so numeric columns stay numeric and a
negative number still reads as one. `restore` undoes the prefix when our own code reads a CSV back.
"""
from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: object) -> object:
    """`value` safe for a CSV cell: formula-like text prefixed with `'`; anything else unchanged."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return PREFIX + value
    return value


def restore(value: object) -> object:
    """The text `neutralise` was given (for reading back CSV written by this app)."""
    if isinstance(value, str) and value.startswith(PREFIX) and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value
