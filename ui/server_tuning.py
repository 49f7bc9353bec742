"""Less work per script run in Streamlit's own server code (measured with py-spy under load).

* **The theme.** Every run — a page, a fragment rerun after a Check, a typing pause in the live preview — starts
  with a ``new_session`` message, and Streamlit rebuilds the theme part of it from the configuration each time:
  six walks over all config options, about 8 % of the server's time under load with this app's custom theme. The
  theme only changes when the configuration is parsed again, so it is built once per parse here.
* **Fragment snapshots.** A fragment (each answer cell is one) keeps a deep copy of the containers it sits in and
  copies it again at every rerun. ``DeltaGenerator.__deepcopy__`` copies each container's parent chain without
  deepcopy's memo, so a stack of d nested containers costs d·(d+1)/2 container copies instead of d — 10–20 % of a
  Check's server time here. `copy_with_memo` passes the memo on: the copy is the same graph of containers,
  shared parents shared, as the original. Each container's cursor is copied by `copy_cursor`, which copies what
  can change (the transient elements) and keeps what cannot (numbers, the path tuple), instead of deepcopy's
  generic walk through every attribute.

Written against Streamlit 1.67 (`streamlit.runtime.app_session`, `streamlit.delta_generator`); if either no longer
looks as expected, that tuning is left out (and a debug line is logged).
"""
from __future__ import annotations

import logging
import threading
from copy import deepcopy
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


_DG_FIELDS = frozenset({"_root_container", "_provided_cursor", "_parent", "_block_type", "_form_data",
                        "_creating_fragment_id"})


def copy_with_memo(dg: Any, memo: dict[int, Any]) -> Any:
    """``DeltaGenerator.__deepcopy__`` as Streamlit writes it, with deepcopy's memo passed on to the parts."""
    from streamlit.delta_generator import DeltaGenerator

    copied = DeltaGenerator(
        root_container=dg._root_container,
        cursor=deepcopy(dg._cursor, memo),   # the main area's copy gets the run's current cursor, as Streamlit's does
        parent=deepcopy(dg._parent, memo),
        block_type=dg._block_type,
    )
    copied._form_data = deepcopy(dg._form_data, memo)
    copied._creating_fragment_id = dg._creating_fragment_id
    return copied


_CURSOR_FIELDS = frozenset({"_transient_index", "_transient_elements", "_root_container", "_parent_path", "_index"})


def copy_cursor(cursor: Any, memo: dict[int, Any]) -> Any:
    """A deep copy of a Streamlit cursor: its index, root and path (ints and a tuple of ints) as they are, its
    transient elements copied."""
    copied = object.__new__(type(cursor))
    memo[id(cursor)] = copied
    state = dict(cursor.__dict__)
    elements = state["_transient_elements"]
    state["_transient_elements"] = deepcopy(elements, memo) if len(elements) else type(elements)()
    copied.__dict__.update(state)
    return copied


def _install_snapshot_copy() -> None:
    from streamlit.cursor import LockedCursor, RunningCursor
    from streamlit.delta_generator import DeltaGenerator

    fields = set(vars(DeltaGenerator()))
    if fields != _DG_FIELDS:   # a newer Streamlit keeps more (or other) state: its own copy knows it, ours would not
        _log.debug("DeltaGenerator fields %s differ from %s: snapshot copy left as is", sorted(fields),
                   sorted(_DG_FIELDS))
        return
    DeltaGenerator.__deepcopy__ = copy_with_memo
    running = RunningCursor(root_container=0)
    if set(vars(running)) == set(vars(running.lock_element())) == _CURSOR_FIELDS:
        RunningCursor.__deepcopy__ = LockedCursor.__deepcopy__ = copy_cursor
    else:
        _log.debug("cursor fields differ from %s: cursors copied by deepcopy", sorted(_CURSOR_FIELDS))


def install() -> None:
    """Apply the tuning to this server process (once; safe to call again)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    _install_snapshot_copy()
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
