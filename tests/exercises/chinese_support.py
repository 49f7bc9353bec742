"""English left in a Chinese message: ASCII words other than what authors type in their files (field names such as
`answer:`, values such as `cross-entropy`, topic ids) and a few notations. A YAML parser's own words, quoted after
"解析器原文：", are kept on purpose and not counted."""
from __future__ import annotations

import inspect
import re
import typing
from typing import Any

from pydantic import BaseModel

from exercises import schema
from exercises.topics import TOPIC_IDS

NOTATION = {
    "YAML", "UTF", "LaTeX", "Tab", "id", "ID", "TOPIC",  # names of things, as the files and the guide write them
    "lo", "hi", "dN", "sN", "d2", "s4", "text", "frac", "col",  # [lo, hi] and placeholder formats
    "pi", "and", "or", "not", "true", "false", "None",          # the reserved words and values of the formula language
    "a_n", "dL", "boldsymbol",                    # notation in examples (a_n, dL/dw, \boldsymbol)
}
PARSER_DETAIL = "解析器原文："
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z]+)*")
_QUOTED = re.compile(r"\{\{.*?\}\}|“[^”]*”|'[^']*'")


def _literals(annotation: Any) -> set[str]:
    found = {a for a in typing.get_args(annotation) if isinstance(a, str)}
    for arg in typing.get_args(annotation):
        if not isinstance(arg, str):
            found |= _literals(arg)
    return found


def file_words() -> set[str]:
    """Every field name and literal value of the exercise and quiz file formats, and the topic ids."""
    words = set(TOPIC_IDS)
    for _, model in inspect.getmembers(schema, inspect.isclass):
        if issubclass(model, BaseModel) and model is not BaseModel:
            for name, info in model.model_fields.items():
                words |= {info.alias or name} | _literals(info.annotation)
    return words


ALLOWED = file_words() | NOTATION


def english_words(chinese: str) -> list[str]:
    """The ASCII words of two letters or more in `chinese` that are not allowed. Values quoted “like this” or
    'like this' (as Python writes a value), placeholders such as `{{choice_b:N}}` and the parser's detail are the
    author's and the parser's own words; a word with a digit (d2, x1, U+0000) is notation."""
    text = _QUOTED.sub("", chinese.split(PARSER_DETAIL)[0])
    return [w for w in _WORD.findall(text) if len(w) > 1 and w not in ALLOWED and not any(c.isdigit() for c in w)]
