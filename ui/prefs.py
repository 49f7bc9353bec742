"""What the browser remembers between visits: the chosen language and (personal mode) profile, in two cookies.

Streamlit reads the browser's cookies when a tab connects (`st.context.cookies`), so a reload, another page or a
new tab starts with the language and profile chosen last. A Streamlit script cannot answer with a `Set-Cookie`
header, so `remember()` writes them from the page with a one-line script (`st.html`, drawn only when a value
changed). They are preferences, not secrets: readable by the page, a year long, SameSite=Lax, percent-encoded.
"""
from __future__ import annotations

import json
from urllib.parse import quote, unquote

import streamlit as st

LANG_COOKIE = "dlmath_lang"
PROFILE_COOKIE = "dlmath_profile"
MAX_AGE_SECONDS = 365 * 24 * 3600
_WRITTEN_KEY = "prefs-written"


def remembered(name: str) -> str | None:
    """The value the browser kept in cookie `name` (decoded), or None."""
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser behind this run
        return None
    return unquote(value) if isinstance(value, str) and value else None


def _cookie_script(values: dict[str, str]) -> str:
    from ui.auth_routes import base_path

    path = base_path() or "/"
    lines = []
    for name, value in values.items():
        cookie = f"{name}={quote(value, safe='')}; path={path}; max-age={MAX_AGE_SECONDS}; SameSite=Lax"
        lines.append(f"document.cookie = {json.dumps(cookie)};")
    return "<script>" + "".join(lines).replace("</", "<\\/") + "</script>"


def remember(name: str, value: str, *, default: str | None = None) -> None:
    """Have the browser keep cookie `name` = `value`, when that changes what it holds (and, while it holds nothing,
    when `value` is not the `default` it would fall back to anyway)."""
    written: dict[str, str] = st.session_state.setdefault(_WRITTEN_KEY, {})
    held = written[name] if name in written else remembered(name)
    if not value or value == held or (held is None and value == default):
        return
    written[name] = value
    with st.sidebar:
        st.html(_cookie_script({name: value}), unsafe_allow_javascript=True, width="content")
