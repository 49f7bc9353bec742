"""Read YAML exercise and quiz files into plain data, remembering the line of every field.

Errors anywhere in the pipeline are `FileError(path, line, field, message)`, printed as
`exercises/library/vectors.yaml:14: params.a: range [5, 1] is empty`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path_ = tuple[Any, ...]
"""A path into the YAML data: keys (str) and list indexes (int)."""

_FLOAT_TAG = "tag:yaml.org,2002:float"
MAX_VALUES = 100_000
"""How many values a file may expand to: anchors and aliases (`&a`, `*a`) can make a tiny file expand without
bound (a "billion laughs" file), so reading stops with a clear error past this."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same nodes, much faster


@dataclass(frozen=True)
class FileError:
    """One problem in one file, at a line, in a field (dotted path such as `params.a`; may be empty)."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class LineMap:
    """Line numbers of the fields of one YAML document, looked up by path (falls back to the parent)."""

    def __init__(self, lines: dict[Path_, int]):
        self._lines = lines

    def line(self, path: Path_) -> int:
        """The line of `path`, or of its closest recorded ancestor (1 if none)."""
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), 1)


def field_name(path: Path_) -> str:
    """`("params", "a", "int")` → `params.a.int`; `("hints", 0, "en")` → `hints[0].en`."""
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += f".{key}" if out else str(key)
    return out


class YamlFileError(Exception):
    """The file could not be read as YAML (or holds duplicate keys)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def read_yaml(text: str) -> tuple[Any, LineMap]:
    """Parse one YAML document; returns (data, line map). Floats become exact `Decimal`s.

    Raises `YamlFileError` for syntax errors, duplicate keys, non-scalar keys or several documents.
    """
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        problem = err.problem or str(err)
        raise YamlFileError(line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as err:
        raise YamlFileError(1, f"YAML error: {err}") from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, LineMap({(): 1})
    if len(nodes) > 1:
        raise YamlFileError(nodes[1].start_mark.line + 1, "a file must hold a single YAML document")
    lines: dict[Path_, int] = {}
    data = _Converter(lines).convert(nodes[0], ())
    return data, LineMap(lines)


class _Converter:
    """Turn a composed YAML node tree into Python data, recording the line of every path."""

    def __init__(self, lines: dict[Path_, int]):
        self.lines = lines
        self.constructor = SafeConstructor()
        self.budget = MAX_VALUES

    def convert(self, node: Node, path: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlFileError(node.start_mark.line + 1, f"the file expands to more than {MAX_VALUES:,} values; "
                                                          "check its anchors and aliases (&name, *name)")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[Any, Any]:
        self.constructor.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise YamlFileError(line, "a key must be a plain name, not a list or mapping")
            key = self._scalar(key_node)
            if isinstance(key, bool) or key is None:
                key = key_node.value  # `on:`, `no:`, `null:` stay names
            if key in out:
                raise YamlFileError(line, f"duplicate key '{key}'")
            self.lines[path + (key,)] = line
            out[key] = self.convert(value_node, path + (key,))
        return out

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _FLOAT_TAG:
            return _exact_decimal(node)
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:  # e.g. a timestamp such as 2025-13-01: keep the text; the schema says what is wrong
            return node.value


def _exact_decimal(node: ScalarNode) -> Decimal:
    """A YAML float as the exact decimal it was written as (`0.1` stays 1/10)."""
    text = node.value.replace("_", "")
    if re.fullmatch(r"[-+]?\.(inf|Inf|INF|nan|NaN|NAN)", text):
        raise YamlFileError(node.start_mark.line + 1, f"'{node.value}' is not a finite number")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise YamlFileError(node.start_mark.line + 1, f"'{node.value}' is not a number") from None


def yaml_files(paths: list[str | Path]) -> list[Path]:
    """Every *.yaml / *.yml file among `paths` (folders are searched recursively), sorted, no repeats."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file()))
        else:
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
