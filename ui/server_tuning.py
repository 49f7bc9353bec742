"""Less work per script run in Streamlit's own server code (measured with py-spy under load).

Every run — a page, a fragment rerun after a Check, a typing pause in the live preview — starts with a
``new_session`` message, and Streamlit rebuilds the theme part of it from the configuration each time: six walks
over all config options, about 8 % of the server's time under load with this app's custom theme. The theme only
changes when the configuration is parsed again, so it is built once per parse here.

Written against Streamlit 1.67's `streamlit.runtime.app_session`; if that module no longer looks as expected,
nothing is changed (and a debug line is logged).
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_installed = False


def cached_theme_builder(build: Callable[..., Any]) -> Callable[..., None]:
    """Wrap Streamlit's ``_populate_theme_msg(msg, section)`` so each section's message is built once (until
    `forget_theme` is called) and copied into later messages."""
    built: dict[str, Any] = {}

    def populate(msg: Any, section: str = "theme") -> None:
        cached = built.get(section)
        if cached is None:
            cached = type(msg)()
            build(cached, section)
            built[section] = cached
        msg.MergeFrom(cached)

    populate.forget = built.clear   # type: ignore[attr-defined]
    return populate


def install() -> None:
    """Apply the tuning to this server process (once; safe to call again)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    try:
        from streamlit import config
        from streamlit.runtime import app_session
    except ImportError:   # pragma: no cover - Streamlit always has these
        return
    original = getattr(app_session, "_populate_theme_msg", None)
    if not callable(original):
        _log.debug("streamlit.runtime.app_session._populate_theme_msg not found: theme caching left out")
        return
    populate = cached_theme_builder(original)
    app_session._populate_theme_msg = populate
    config.on_config_parsed(populate.forget, force_connect=True)   # a changed config.toml: rebuilt
