"""A cache of parsed YAML files, so that a server start does not parse the unchanged library again.

An entry is the output of `read_yaml` (the data and its `LineMap`) stored as JSON of plain data — never pickle:
the cache folder is a place another user may be able to write, and reading JSON runs no code. It is keyed by the
SHA-256 of the file's bytes and `READER_VERSION`, written atomically (several replicas may start at once), and
anything wrong with it — missing, unreadable, corrupt, another version, a folder we cannot write — silently means
parsing the file as if there were no cache. A file YAML cannot read is never cached, so its error is always the
parser's own. Folder: `$DLMATH_CACHE_DIR`, else `cache/` in `$DLMATH_HOME` (default `~/.dlmathlab`); safe to delete.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import tempfile
from itertools import chain
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from dlmath_home import home_dir
from exercises.yamlread import READER_VERSION, LineMap, read_yaml

CACHE_DIR_ENV = "DLMATH_CACHE_DIR"
MAX_ENTRIES = 256
"""Entries kept in the folder; past this the oldest are deleted when a new one is written."""
MAX_ENTRY_BYTES = 16 * 1024 * 1024
"""A larger cache file is not read (ours are a few times the size of the YAML file)."""
_PREFIX = "yaml-"
_FORMAT = f"{READER_VERSION}/pyyaml-{yaml.__version__}/{'libyaml' if hasattr(yaml, 'CSafeLoader') else 'py'}"
"""What an entry's contents depend on besides the file: the reader's output format and the YAML library."""
log = logging.getLogger(__name__)


class _Uncacheable(Exception):
    """The parsed data holds a value of a type this cache does not store (none that `read_yaml` makes today): the
    file is then simply parsed each time."""


def cache_dir() -> Path:
    """The cache folder: `$DLMATH_CACHE_DIR`, else `cache/` in `$DLMATH_HOME` (default `~/.dlmathlab`)."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen:
        return Path(chosen)
    return home_dir() / "cache"


def read_yaml_cached(text: str) -> tuple[Any, LineMap]:
    """`read_yaml(text)`, from the cache when this text was parsed before (same result, same errors)."""
    key = _key(text)
    folder = cache_dir()
    entry = folder / f"{_PREFIX}{key}.json"
    cached = _read_entry(entry, key) if _private(folder) else None
    if cached is not None:
        return cached
    data, lines = read_yaml(text)   # raises YamlFileError: nothing is cached for a file that cannot be read
    _write_entry(folder, entry, key, data, lines)
    return data, lines


def _key(text: str) -> str:
    digest = hashlib.sha256(_FORMAT.encode() + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _read_entry(entry: Path, key: str) -> tuple[Any, LineMap] | None:
    """The cached result in `entry`, or None when there is none or it is not exactly what we wrote."""
    try:
        with open(entry, "rb") as f:
            raw = f.read(MAX_ENTRY_BYTES + 1)
        if len(raw) > MAX_ENTRY_BYTES:
            return None
        stored = json.loads(raw, object_hook=_decode_object, parse_float=_no_float, parse_constant=_no_float)
        fmt, stored_key, data, paths, numbers = stored
        if fmt != _FORMAT or stored_key != key:
            return None
        return data, LineMap(_decode_lines(paths, numbers))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, RecursionError) as err:   # corrupt or foreign: parse instead
        log.debug("YAML cache entry %s ignored: %s", entry.name, err)
        return None


def _write_entry(folder: Path, entry: Path, key: str, data: Any, lines: LineMap) -> None:
    """Store one result (atomically), then prune the folder; any failure only means no cache."""
    try:
        recorded = lines.items()
        text = json.dumps([_FORMAT, key, _encode(data), [[_encode(k) for k in path] for path, _ in recorded],
                           [line for _, line in recorded]], separators=(",", ":"))
    except (_Uncacheable, RecursionError):
        return
    try:
        if not _usable_folder(folder):
            return
        fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(text)
            os.replace(temp, entry)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except OSError as err:
        log.debug("YAML cache not written: %s", err)


def _usable_folder(folder: Path) -> bool:
    """Create the folder (private to this user); refuse one that someone else could write to."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return _private(folder)


def _private(folder: Path) -> bool:
    """Whether the folder exists and only this user can write to it (entries elsewhere are neither read nor
    written: someone else could have put anything there)."""
    try:
        info = folder.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        log.debug("YAML cache folder %s not used: another user can write to it", folder)
        return False
    return True


def _prune(folder: Path) -> None:
    """Delete the oldest entries past `MAX_ENTRIES` (another process may be doing the same)."""
    entries = list(folder.glob(f"{_PREFIX}*.json"))
    if len(entries) <= MAX_ENTRIES:
        return
    aged = []
    for path in entries:
        try:
            aged.append((path.stat().st_mtime, path))
        except OSError:
            continue
    aged.sort()
    for _, path in aged[:len(aged) - MAX_ENTRIES]:
        path.unlink(missing_ok=True)


# The JSON form: lists, str, int, bool and null as themselves; every JSON object is a tagged value — a mapping
# {"m": [[key, value], …]} (keys may be numbers, and order is kept), a YAML float {"d": "0.1"} (exact Decimal),
# a date {"D": "2026-12-03"} or a date and time {"T": "2026-12-03T10:00:00+02:00"}.
_SCALARS = (str, int, bool, type(None))


def _encode(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, Decimal):
        return {"d": str(value)}
    if isinstance(value, datetime):   # before date: a datetime is a date too
        return {"T": value.isoformat()}
    if isinstance(value, date):
        return {"D": value.isoformat()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise _Uncacheable(type(value).__name__)   # none today: read_yaml makes nothing else


def _decode_object(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and isinstance(obj.get("d"), str):
        number = Decimal(obj["d"])
        if not number.is_finite():
            raise ValueError("not a finite number")
        return number
    if len(obj) == 1 and isinstance(obj.get("T"), str):
        return datetime.fromisoformat(obj["T"])
    if len(obj) == 1 and isinstance(obj.get("D"), str):
        return date.fromisoformat(obj["D"])
    if len(obj) == 1 and isinstance(obj.get("m"), list):
        out: dict[Any, Any] = {}
        for pair in obj["m"]:
            if not (isinstance(pair, list) and len(pair) == 2 and _is_key(pair[0])):
                raise ValueError("not a key and value")
            out[pair[0]] = pair[1]
        return out
    raise ValueError("not a cached value")


def _decode_lines(paths: Any, numbers: Any) -> dict[tuple[Any, ...], int]:
    """The line map from its paths and their lines (checked in bulk: there are thousands)."""
    if not (isinstance(paths, list) and isinstance(numbers, list) and len(paths) == len(numbers)
            and set(map(type, paths)) <= {list} and set(map(type, numbers)) <= {int} and min(numbers, default=1) >= 1
            and set(map(type, chain.from_iterable(paths))) <= _KEY_TYPES):
        raise ValueError("not a line map")
    return dict(zip(map(tuple, paths), numbers))


_KEY_TYPES = {str, int, Decimal, date, datetime}
"""The types a mapping key (and so a step of a path) can have: read_yaml makes `true:`, `null:` keys names."""


def _is_key(value: Any) -> bool:
    return type(value) in _KEY_TYPES


def _no_float(text: str) -> Any:
    raise ValueError(f"unexpected number {text[:20]}")
