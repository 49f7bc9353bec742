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
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from exercises.messages_zh import chinese

Path_ = tuple[Any, ...]
"""A path into the YAML data: keys (str) and list indexes (int)."""

_FLOAT_TAG = "tag:yaml.org,2002:float"
MAX_VALUES = 100_000
"""How many values a file may expand to: anchors and aliases (`&a`, `*a`) can make a tiny file expand without
bound (a "billion laughs" file), so reading stops with a clear error past this."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same nodes, much faster
MAX_DEPTH = 40
"""How deeply lists and mappings may nest (exercise files need fewer than 10 levels)."""
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}
READER_VERSION = 2
"""The version of `read_yaml`'s output: raise it whenever the same text could read differently (it keys the
parsed-file cache, `exercises.yaml_cache`)."""


@dataclass(frozen=True)
class FileError:
    """One problem in one file, at a line, in a field (dotted path such as `params.a`; may be empty).

    `message` is English; `zh`, when given, is the same in Chinese (`text(lang)` picks one)."""

    path: str
    line: int
    field: str
    message: str
    zh: str | None = None

    def text(self, lang: str = "en") -> str:
        """`file:line: field: message` in `lang` (in Chinese: the one given, else `exercises.messages_zh`'s, else
        the English)."""
        message = (self.zh or chinese(self.message) or self.message) if lang == "zh" else self.message
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"

    def __str__(self) -> str:
        return self.text("en")


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

    def items(self) -> list[tuple[Path_, int]]:
        """Every recorded (path, line), in the order they were recorded."""
        return list(self._lines.items())


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
    """The file could not be read as YAML (or holds duplicate keys); `message` in English, `zh` in Chinese."""

    def __init__(self, line: int, message: str, zh: str | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.zh = zh


def read_yaml(text: str) -> tuple[Any, LineMap]:
    """Parse one YAML document; returns (data, line map). Floats become exact `Decimal`s.

    Raises `YamlFileError` for syntax errors, characters YAML does not allow, tags (`!!python/object`, `!foo`),
    nesting deeper than `MAX_DEPTH`, duplicate keys, non-scalar keys or several documents.
    """
    try:
        _check_events(text)
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.reader.ReaderError as err:
        line = text[:max(err.position, 0)].count("\n") + 1
        code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
        raise YamlFileError(line, f"the file holds a character YAML does not allow (U+{code:04X}); remove it",
                            f"文件中有 YAML 不允许的字符（U+{code:04X}），请删除") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        problem = err.problem or "cannot be read"
        raise YamlFileError(line, f"YAML syntax error: {problem}", syntax_error_zh(problem, mark)) from None
    except yaml.YAMLError:
        raise YamlFileError(1, "the file cannot be read as YAML", "无法按 YAML 读取此文件") from None
    except RecursionError:
        raise YamlFileError(1, f"the file nests lists or mappings too deeply (at most {MAX_DEPTH} levels)",
                            f"文件中列表或映射嵌套太深（最多 {MAX_DEPTH} 层）") from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, LineMap({(): 1})
    if len(nodes) > 1:
        raise YamlFileError(nodes[1].start_mark.line + 1, "a file must hold a single YAML document",
                            "一个文件只能包含一个 YAML 文档")
    lines: dict[Path_, int] = {}
    data = _Converter(lines).convert(nodes[0], ())
    return data, LineMap(lines)


SYNTAX_ZH: dict[str, str] = {
    "mapping values are not allowed in this context": "这里不能出现“键: 值”（常见原因：冒号后面少了空格、缩进没对齐，"
                                                      "或者文字里的冒号没有加引号）",
    "mapping values are not allowed here": "这里不能出现“键: 值”（常见原因：冒号后面少了空格、缩进没对齐，"
                                           "或者文字里的冒号没有加引号）",
    "block sequence entries are not allowed in this context": "这里不能出现“- ”列表项（常见原因：缩进没对齐）",
    "did not find expected key": "这里应当是一个键（常见原因：缩进没对齐）",
    "did not find expected '-' indicator": "这里应当是一个“- ”列表项（常见原因：缩进没对齐）",
    "could not find expected ':'": "缺少冒号“:”（常见原因：一行只有键没有“: 值”，或多行文字的缩进没对齐）",
    "did not find expected ',' or ']'": "方括号列表 [ ] 缺少“,”或结尾的“]”",
    "did not find expected ',' or '}'": "花括号映射 { } 缺少“,”或结尾的“}”",
    "did not find expected node content": "这里缺少一个值",
    "found unexpected end of stream": "文件意外结束（常见原因：引号或括号没有闭合）",
    "found character that cannot start any token": "这个字符不能出现在值的开头（常见原因：用 Tab 缩进，或以 @、` "
                                                   "开头的文字没有加引号）",
    "found unknown escape character": "双引号文字中有未知的转义（\\ 后面的字符）；LaTeX 请改用单引号或 | 文本块",
    "found undefined alias": "用到了没有定义的别名（*名称）",
    "second occurrence": "同一个锚点（&名称）定义了两次",
    "did not find expected alphabetic or numeric character": "& 或 * 后面应当是由字母或数字组成的名称",
    "did not find expected <document start>": "一个文档结束后还有内容（文件只能包含一个 YAML 文档）",
    "found duplicate %YAML directive": "%YAML 指令出现了两次",
}
"""What libyaml's (and PyYAML's) common syntax problems mean, in Chinese for instructors."""


def syntax_error_zh(problem: str, mark: yaml.Mark | None) -> str:
    """A YAML syntax error in Chinese: what is wrong, where (column), then the parser's own words."""
    where = f"第 {mark.column + 1} 列：" if mark else ""
    meaning = SYNTAX_ZH.get(problem, "无法读取")
    return f"YAML 语法错误，{where}{meaning}（解析器原文：{problem}）"


def _check_events(text: str) -> None:
    """Refuse, before building anything, tags other than YAML's plain ones and nesting deeper than `MAX_DEPTH`
    (a stream of parse events needs no recursion, however deep the file)."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS and not (tag == "!" and isinstance(event, yaml.ScalarEvent)):
            shown = tag.replace("tag:yaml.org,2002:", "!!")[:60]
            raise YamlFileError(event.start_mark.line + 1, f"YAML tags such as {shown} are not allowed in exercise "
                                                           f"files; write plain values",
                                f"练习文件中不允许使用 {shown} 这样的 YAML 标签，请直接写值")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlFileError(event.start_mark.line + 1, f"lists or mappings nested more than {MAX_DEPTH} "
                                                               f"levels deep", f"列表或映射嵌套超过 {MAX_DEPTH} 层")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


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
                                                          "check its anchors and aliases (&name, *name)",
                                f"文件展开后超过 {MAX_VALUES:,} 个值；请检查其中的锚点和别名（&name、*name）")
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
                raise YamlFileError(line, "a key must be a plain name, not a list or mapping",
                                    "键必须是普通名称，不能是列表或映射")
            key = self._scalar(key_node)
            if isinstance(key, bool) or key is None:
                key = key_node.value  # `on:`, `no:`, `null:` stay names
            if key in out:
                raise YamlFileError(line, f"duplicate key '{key}'", f"重复的键“{key}”")
            self.lines[path + (key,)] = line
            out[key] = self.convert(value_node, path + (key,))
        return out

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _FLOAT_TAG:
            return _exact_decimal(node)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, ConstructorError):  # e.g. a timestamp such as 2025-13-01, or `=` (YAML's "value"
            return node.value                   # key): keep the text; the schema says what is wrong


def _exact_decimal(node: ScalarNode) -> Decimal:
    """A YAML float as the exact decimal it was written as (`0.1` stays 1/10)."""
    text = node.value.replace("_", "")
    if re.fullmatch(r"[-+]?\.(inf|Inf|INF|nan|NaN|NAN)", text):
        raise YamlFileError(node.start_mark.line + 1, f"'{node.value}' is not a finite number",
                            f"“{node.value}”不是有限的数")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise YamlFileError(node.start_mark.line + 1, f"'{node.value}' is not a number",
                            f"“{node.value}”不是数") from None


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
