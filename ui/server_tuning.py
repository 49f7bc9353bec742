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
* **Wake-ups of the event loop.** A script run hands each of its events (run started, every element, run finished)
  to the event loop with ``call_soon_threadsafe``: a write to the loop's wake-up pipe and a loop iteration each, and
  each message then wakes the loop once more to say "something to send". `BatchedHandoff` hands a session's events
  over in order, one wake-up for all those that arrive while the loop is busy; `wake_sender_once` skips the
  "something to send" wake-up while one is already pending.
* **The garbage collector.** Under load, each of the many script runs in flight holds its temporary objects when a
  young-generation collection happens; they survive it, get promoted, and die in the old generation, so full
  collections over the whole heap (SymPy, the library, every session: ~0.25 s each) came every few seconds — about
  a fifth of the server's CPU at 200 sessions. `tune_garbage_collector` collects the young generation less often
  (fewer temporaries of unfinished runs promoted), and `freeze_startup_objects` moves what start-up built (modules,
  the library, SymPy's caches) out of the collector's scans for good.

Written against Streamlit 1.67 (`streamlit.runtime.app_session`, `streamlit.delta_generator`); if either no longer
looks as expected, that tuning is left out (and a debug line is logged).
"""
from __future__ import annotations

import asyncio
import collections
import gc
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


class BatchedHandoff:
    """Callbacks from any thread run on an event loop in the order given, with one ``call_soon_threadsafe`` for all
    those that arrive before the loop gets to them. A callback that raises is reported to the loop's exception
    handler (as a callback of its own would be) and the others still run."""

    def __init__(self, loop: Any):
        self._loop = loop
        self._lock = threading.Lock()
        self._waiting: collections.deque[Callable[[], None]] = collections.deque()
        self._scheduled = False

    def call_soon(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the loop after those handed over before it. Raises RuntimeError if the loop is
        closed (as ``call_soon_threadsafe`` does)."""
        with self._lock:
            self._waiting.append(callback)
            if self._scheduled:
                return
            self._scheduled = True
        try:
            self._loop.call_soon_threadsafe(self._run_waiting)
        except RuntimeError:
            with self._lock:
                self._waiting.clear()
                self._scheduled = False
            raise

    def _run_waiting(self) -> None:
        while True:
            with self._lock:
                if not self._waiting:
                    self._scheduled = False
                    return
                batch = list(self._waiting)
                self._waiting.clear()
            for callback in batch:
                try:
                    callback()
                except Exception as error:  # noqa: BLE001 — what the loop does for a failing callback
                    self._loop.call_exception_handler({"message": "Exception in a script-run event callback",
                                                       "exception": error})


def _batched_call_soon(session: Any, callback: Callable[[], None]) -> None:
    """``AppSession._call_soon_on_event_loop`` through the session's `BatchedHandoff` (made on first use)."""
    handoff = session.__dict__.get("_dlmath_handoff") or \
        session.__dict__.setdefault("_dlmath_handoff", BatchedHandoff(session._event_loop))   # atomic: one per session
    try:
        handoff.call_soon(callback)
    except RuntimeError:
        if not session._event_loop.is_closed():
            raise
        _log.debug("Dropped event-loop callback", exc_info=True)


def wake_sender_once(runtime: Any) -> None:
    """``Runtime._enqueued_some_message``: wake the sending loop unless a wake-up is already pending (the loop clears
    the flag before it flushes the queues, so a message queued before this check is always sent). On the loop's
    own thread — where the batched hand-off delivers a script run's messages — the flag is set at once: no write to
    the loop's wake-up pipe, and later messages of the same batch see it set."""
    async_objs = runtime._get_async_objs()
    if async_objs.need_send_data.is_set():
        return
    if asyncio._get_running_loop() is async_objs.eventloop:
        async_objs.need_send_data.set()
    else:
        async_objs.eventloop.call_soon_threadsafe(async_objs.need_send_data.set)


def _install_handoff() -> None:
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.runtime import Runtime

    if not callable(getattr(AppSession, "_call_soon_on_event_loop", None)) or \
            not callable(getattr(Runtime, "_enqueued_some_message", None)) or \
            not callable(getattr(Runtime, "_get_async_objs", None)):
        _log.debug("AppSession/Runtime event hand-off not as expected: left as is")
        return
    AppSession._call_soon_on_event_loop = _batched_call_soon
    Runtime._enqueued_some_message = wake_sender_once


YOUNG_GENERATION_THRESHOLD = 50_000   # container objects allocated between young collections (Python's default: 700)


def tune_garbage_collector() -> None:
    """Collect the youngest generation every `YOUNG_GENERATION_THRESHOLD` allocations instead of every 700, keeping
    the older generations' ratios (memory held meanwhile: a few MiB of objects at most)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)


def freeze_startup_objects() -> None:
    """After start-up (modules imported, library loaded): leave every object that exists now out of later
    collections (they live as long as the process anyway). No collection first: a full one would hold up the
    first learner's page for a quarter of a second."""
    gc.freeze()


def install() -> None:
    """Apply the tuning to this server process (once; safe to call again)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    tune_garbage_collector()
    _install_snapshot_copy()
    _install_handoff()
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
