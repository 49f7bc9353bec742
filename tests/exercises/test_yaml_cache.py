"""The parsed-file cache (`exercises.yaml_cache`): exactly `read_yaml`'s result, whatever state the cache is in."""
from __future__ import annotations

import json
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from exercises import yaml_cache
from exercises.loader import LIBRARY_DIR, QUIZZES_DIR, Library, load_library
from exercises.yaml_cache import read_yaml_cached
from exercises.yamlread import LineMap, YamlFileError, read_yaml, yaml_files

FIXTURES = Path(__file__).parent / "fixtures"
TRICKY = """\
# every kind of value read_yaml makes, and shapes the cache's own JSON form could be confused with
d: "0.1"
m: [[a, b]]
T: {d: 0.1}
floats: [0.1, -0.0, 1_000.5, 1.10, 3., .5, 6.02e+23, 1.0e-7]
ints: [0, -7, 0x1F, 1_000, 123456789012345678901234567890]
texts: ['1.0', "0x1F", '{"d": "1"}', 中文, '', "tab\\there"]
flags: [yes, no, true, false, null, ~, on]
on: a key named on
null: a key named null
1: an int key
2.5: a decimal key
2026-12-03: a date key
when: [2026-12-03, 2026-12-03 10:30:00+02:00, 2026-12-03T10:30:00.25Z, 2026-12-03 10:30:00, 2025-13-01]
nested: {a: [1, [2, [3, {b: 4}]]], empty_list: [], empty_map: {}}
base: &base {x: 1, y: [1, 2]}
merged: {<<: *base, z: 3}
value_key: =
long: |
  line one
  line two: $\\frac{1}{2}$
"""


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (1 is not 1.0 is not True; key order and key types count)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (list(map(type, a)) == list(map(type, b)) and list(a) == list(b)
                and all(same(a[k], b[k]) for k in a))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, (Decimal, datetime)):
        return str(a) == str(b) and a == b and getattr(a, "tzinfo", None) == getattr(b, "tzinfo", None)
    return a == b


def same_result(got: tuple[Any, LineMap], want: tuple[Any, LineMap]) -> bool:
    (data, lines), (want_data, want_lines) = got, want
    return (same(data, want_data) and len(lines.items()) == len(want_lines.items())
            and all(same(list(p), list(q)) and n == m for (p, n), (q, m) in zip(lines.items(), want_lines.items())))


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("yaml-*.json"))


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DLMATH_CACHE_DIR", str(folder))
    return folder


def test_the_tricky_file_exercises_every_value_kind():
    data, _ = read_yaml(TRICKY)
    kinds = {type(v) for v in [*data["floats"], *data["ints"], *data["flags"], *data["when"], *data]}
    assert {Decimal, int, bool, type(None), str, date, datetime} <= kinds
    assert data["T"] == {"d": Decimal("0.1")} and data["value_key"] == "="


@pytest.mark.parametrize("text", [TRICKY, "", "# only a comment\n", "- 1\n- 2.50\n", "just text"])
def test_a_cached_result_is_exactly_the_parsed_one(cache, text):
    want = read_yaml(text)
    assert same_result(read_yaml_cached(text), want)      # parsed, and stored
    assert len(entries(cache)) == 1
    assert same_result(read_yaml_cached(text), want)      # from the cache


def test_every_builtin_file_reads_the_same_from_the_cache(cache):
    files = yaml_files([LIBRARY_DIR, QUIZZES_DIR])
    for f in files:
        read_yaml_cached(f.read_text(encoding="utf-8"))
    assert len(entries(cache)) == len(files)               # every one is stored (a quiz holds dates)
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert same_result(read_yaml_cached(text), read_yaml(text)), f.name


def test_a_library_loads_the_same_from_a_warm_cache(cache):
    paths = [LIBRARY_DIR, QUIZZES_DIR, FIXTURES]
    cold = load_library(paths, check_builtin=False)
    warm = load_library(paths, check_builtin=False)
    assert entries(cache)
    assert list(warm.templates) == list(cold.templates) and list(warm.quizzes) == list(cold.quizzes)
    assert [str(e) for e in warm.errors] == [str(e) for e in cold.errors]
    for tid, template in cold.templates.items():
        assert warm.templates[tid].line_of(("id",)) == template.line_of(("id",))
    for tid in [tid for tid, template in cold.templates.items() if template.trusted][::25]:
        assert warm.exercise(tid, 3).prompt == cold.exercise(tid, 3).prompt


def test_a_file_yaml_cannot_read_is_not_cached_and_keeps_its_error(cache):
    text = "a: [1, 2\nb: 3\n"
    with pytest.raises(YamlFileError) as first:
        read_yaml_cached(text)
    with pytest.raises(YamlFileError) as second:
        read_yaml_cached(text)
    assert (second.value.line, second.value.message, second.value.zh) == \
           (first.value.line, first.value.message, first.value.zh)
    assert "syntax error" in first.value.message
    assert not entries(cache)


def test_a_changed_file_is_read_again(cache, tmp_path):
    source = tmp_path / "mine.yaml"
    source.write_text("quiz: {title: First}\n", encoding="utf-8")
    assert read_yaml_cached(source.read_text(encoding="utf-8"))[0] == {"quiz": {"title": "First"}}
    source.write_text("quiz: {title: Second}\n", encoding="utf-8")
    assert read_yaml_cached(source.read_text(encoding="utf-8"))[0] == {"quiz": {"title": "Second"}}
    assert len(entries(cache)) == 2


def _entry_of(cache: Path, text: str) -> Path:
    read_yaml_cached(text)
    [entry] = entries(cache)
    return entry


def _deep(n: int) -> bytes:
    return b"[" * n + b"]" * n


@pytest.mark.parametrize("garbage", [
    b"", b"garbage", b"\xff\xfe\x00", b"{}", b"[]", b"null", b'"text"', _deep(100_000),
    b'["wrong format", "key", {"m": []}, [], []]',
    b"[1, 2, 3, 4, 5, 6]",
    b'[1.5]', b"[NaN]", b'[{"d": "NaN"}]', b'[{"x": 1}]', b'[{"m": ["ab"]}]', b'[{"m": [[[1], 2]]}]',
    b'[{"T": "not a date"}]',
], ids=lambda g: repr(g[:30]))
def test_a_corrupt_entry_is_read_past_and_replaced(cache, garbage):
    text = TRICKY
    entry = _entry_of(cache, text)
    entry.write_bytes(garbage)
    assert same_result(read_yaml_cached(text), read_yaml(text))
    assert same_result(yaml_cache._read_entry(entry, entry.stem.removeprefix("yaml-")), read_yaml(text))


@pytest.mark.parametrize("change", ["format", "key", "lines", "data"])
def test_an_entry_for_something_else_is_not_used(cache, change):
    text = "templates: []\nname: mine\n"
    entry = _entry_of(cache, text)
    stored = json.loads(entry.read_text())
    if change == "format":
        stored[0] = "1/pyyaml-0.0/py"
    elif change == "key":
        stored[1] = "0" * 64
    elif change == "lines":
        stored[4] = stored[4][:-1]        # paths and lines no longer pair up
    else:
        stored[2] = {"m": [[["a", "list"], 1]]}   # a list as a key
    entry.write_text(json.dumps(stored))
    assert yaml_cache._read_entry(entry, entry.stem.removeprefix("yaml-")) is None
    assert same_result(read_yaml_cached(text), read_yaml(text))


def test_a_new_reader_version_does_not_read_old_entries(cache, monkeypatch):
    text = "quiz: {title: Old}\n"
    _entry_of(cache, text)
    monkeypatch.setattr(yaml_cache, "_FORMAT", yaml_cache._FORMAT + "-next")
    assert read_yaml_cached(text) is not None and len(entries(cache)) == 2   # a new entry under a new key


def test_an_unwritable_cache_folder_only_means_parsing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DLMATH_CACHE_DIR", str(blocker / "cache"))
    assert same_result(read_yaml_cached(TRICKY), read_yaml(TRICKY))
    assert same_result(read_yaml_cached(TRICKY), read_yaml(TRICKY))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("DLMATH_CACHE_DIR", str(shared))
    assert same_result(read_yaml_cached(TRICKY), read_yaml(TRICKY))
    assert not entries(shared)


def test_the_cache_folder_is_private_and_follows_dlmath_home(tmp_path, monkeypatch):
    monkeypatch.delenv("DLMATH_CACHE_DIR", raising=False)
    monkeypatch.setenv("DLMATH_HOME", str(tmp_path / "home"))
    assert yaml_cache.cache_dir() == tmp_path / "home" / "cache"
    read_yaml_cached("a: 1\n")
    assert len(entries(tmp_path / "home" / "cache")) == 1
    assert (tmp_path / "home" / "cache").stat().st_mode & 0o077 == 0


def test_old_entries_are_pruned(cache, monkeypatch):
    monkeypatch.setattr(yaml_cache, "MAX_ENTRIES", 3)
    texts = [f"n: {i}\n" for i in range(6)]
    for age, text in enumerate(texts):
        read_yaml_cached(text)
        os.utime(cache / f"yaml-{yaml_cache._key(text)}.json", (age, age))   # written in this order
    assert entries(cache) == sorted(cache / f"yaml-{yaml_cache._key(text)}.json" for text in texts[3:])
    assert not list(cache.glob(".tmp-*"))


def test_an_uploaded_text_goes_through_the_cache_too(cache):
    library = Library()
    good = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    assert library.add_text("good.yaml", good) == []
    again = Library()
    assert again.add_text("good.yaml", good) == [] and list(again.templates) == list(library.templates)
    assert len(entries(cache)) == 1
