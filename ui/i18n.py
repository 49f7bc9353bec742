"""Strings in 中文 and English: `t(key)` in the learner's language, `lang()`, and the sidebar switch.

Every module in `ui.strings` defines ``STRINGS = {key: {"en": ..., "zh": ...}}``; they are merged here.
"""
from __future__ import annotations

import importlib
import pkgutil
import string
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

import ui.strings
from exercises.plural import counted   # (light: the package loads its heavy parts on first use)

LANGS: tuple[str, ...] = ("en", "zh")
LANG_KEY = "lang"
LANG_LABELS: dict[str, str] = {"en": "English", "zh": "中文"}


@dataclass(frozen=True)
class Catalogue:
    """All strings merged from `ui.strings.*`, and the keys that more than one module defines."""

    strings: dict[str, dict[str, str]]
    duplicates: dict[str, list[str]] = field(default_factory=dict)
    modules: tuple[str, ...] = ()


def load_catalogue() -> Catalogue:
    """Import every module in `ui.strings` and merge their `STRINGS` (first definition wins)."""
    merged: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    duplicates: dict[str, list[str]] = {}
    names = sorted(m.name for m in pkgutil.iter_modules(ui.strings.__path__) if not m.ispkg)
    for name in names:
        module = importlib.import_module(f"ui.strings.{name}")
        for key, texts in getattr(module, "STRINGS", {}).items():
            if key in merged:
                duplicates.setdefault(key, [owner[key]]).append(name)
                continue
            merged[key] = dict(texts)
            owner[key] = name
    return Catalogue(merged, duplicates, tuple(names))


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The merged strings, loaded once per process."""
    return load_catalogue()


def lang_from_locale(locale: str | None) -> str:
    """`"zh"` for any Chinese browser locale (zh, zh-CN, zh-TW, …), else `"en"`."""
    return "zh" if (locale or "").lower().startswith("zh") else "en"


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # no browser behind this run (bare script, some test harnesses)
        return None


def _default_lang() -> str:
    """The language chosen in an earlier visit (a cookie, see `ui.prefs`), else the browser's locale."""
    from ui import prefs

    kept = prefs.remembered(prefs.LANG_COOKIE)
    return kept if kept in LANGS else lang_from_locale(_browser_locale())


def lang() -> str:
    """The current language: the sidebar choice, else the one chosen last time, else the browser's locale.

    Worked out once per script run (every `t` asks, and a session-state read is not cheap): the language only
    changes between runs, when the switch is moved."""
    run = _this_run()
    if run is not None and getattr(_run_lang, "run", None) is run:
        return _run_lang.value
    chosen = st.session_state.get(LANG_KEY)
    value = chosen if chosen in LANGS else _default_lang()
    if run is not None:
        _run_lang.run, _run_lang.value = run, value
    return value


_run_lang = threading.local()   # each script run has its own thread; `run` tells two runs on one thread apart


def _this_run() -> object | None:
    """An object that stands for the current script run (None outside one): Streamlit gives every run (a page, a
    fragment rerun) fresh element cursors."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else ctx.cursors


class _CountFormatter(string.Formatter):
    """`str.format` where a field `{n:apple|apples}` writes n and the word for its count: "1 apple", "3 apples"."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        return counted(value, *format_spec.split("|", 1))


_COUNTS = _CountFormatter()


def t(key: str, **fmt: object) -> str:
    """The string `key` in the current language, formatted with `fmt` (a field `{n:quiz|quizzes}` writes the
    count with its noun in the singular or plural); the key itself if unknown."""
    texts = catalogue().strings.get(key)
    if texts is None:
        return key
    text = texts.get(lang()) or texts.get("en") or key
    if not fmt:
        return text
    return _COUNTS.vformat(text, (), fmt) if "|" in text else text.format(**fmt)


def tr(texts: dict[str, str]) -> str:
    """Pick the current language from an inline ``{"en": ..., "zh": ...}`` dict."""
    return texts.get(lang()) or texts.get("en") or ""


def listed(items: Iterable[str]) -> str:
    """Items as a list in the current language's way: `a, b, c` in English, `a、b、c` in Chinese."""
    return ("、" if lang() == "zh" else ", ").join(items)


def labeller(prefix: str, options: Iterable[str]) -> Callable[[str], str]:
    """A widget `format_func` showing option `o` as `t(f"{prefix}.{o}")` (spaces in `o` read as `_`).

    The labels are translated now, while the script runs: Streamlit may call a `format_func` again later,
    outside the run, where the learner's language is not known.
    """
    labels = {option: t(f"{prefix}.{option.replace(' ', '_')}") for option in options}
    return labels.__getitem__


def language_switch() -> str:
    """Draw the 中文 / English switch in the sidebar (defaulting to the language chosen last time, else the
    browser locale); return the language, which the browser remembers for the next visit."""
    from ui import prefs

    if st.session_state.get(LANG_KEY) not in LANGS:
        st.session_state[LANG_KEY] = _default_lang()
    st.sidebar.radio(
        "🌐 Language · 语言",
        options=list(LANGS),
        format_func=LANG_LABELS.__getitem__,
        key=LANG_KEY,
        horizontal=True,
    )
    prefs.remember(prefs.LANG_COOKIE, lang(), default=lang_from_locale(_browser_locale()))
    return lang()
