"""A Streamlit browser session without a browser: Streamlit's own protocol over a websocket, for load tests.

A `StreamSession` opens `/_stcore/stream` (subprotocol ``streamlit``), sends `BackMsg.rerun_script` the way the
browser does (page, query string, widget states, fragment id) and reads `ForwardMsg`s until ``script_finished``.
It remembers what the browser would: the widgets drawn (by key), the fragment each was drawn in, and the values
it has set. Only ever pointed at 127.0.0.1 (`require_loopback`).
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

LOOPBACK = "127.0.0.1"
ALERTS = {Alert.ERROR: "error", Alert.WARNING: "warning", Alert.INFO: "info", Alert.SUCCESS: "success"}


def require_loopback(url: str) -> None:
    """Refuse any host but 127.0.0.1: this client exists to load our own server, never someone else's."""
    host = urlsplit(url).hostname
    if host != LOOPBACK:
        raise ValueError(f"load tests run against {LOOPBACK} only, not {host!r}")


@dataclass
class Run:
    """What one script run (or fragment rerun) sent back."""

    seconds: float
    deltas: int = 0
    elements: list[tuple[str, Any]] = field(default_factory=list)   # (element type, its proto)
    finished: str = ""     # ScriptFinishedStatus name

    def alerts(self) -> list[tuple[str, str]]:
        """(kind, text) of every alert drawn: ("success", "Correct …"), ("error", …)."""
        return [(ALERTS.get(el.format, "?"), el.body) for kind, el in self.elements if kind == "alert"]

    def toasts(self) -> list[str]:
        """Texts of the toasts shown (st.toast)."""
        return [el.body for kind, el in self.elements if kind == "toast"]


@dataclass
class _Widget:
    id: str
    fragment_id: str


class StreamSession:
    """One browser tab's conversation with the server (see the module docstring)."""

    def __init__(self, url: str, *, locale: str = "en-US", timeout: float = 60.0) -> None:
        require_loopback(url)
        self.url = url.rstrip("/")
        self.locale = locale
        self.timeout = timeout
        self.page = ""
        self.page_hash = ""
        self.query = ""
        self.widgets: dict[str, _Widget] = {}     # user key -> widget
        self._states: dict[str, Any] = {}         # widget id -> value last set (str, bool …)
        self._auto_rerun: tuple[float, str] | None = None
        self._ws: Any = None
        self.response_headers: dict[str, str] = {}

    async def __aenter__(self) -> "StreamSession":
        await self.open()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def open(self, cookie: str | None = None) -> None:
        """Open the websocket (optionally sending a ``Cookie`` header, as a browser behind a balancer would)."""
        ws_url = "ws" + self.url.removeprefix("http") + "/_stcore/stream"
        headers = {"Cookie": cookie} if cookie else None
        self._ws = await asyncio.wait_for(
            connect(ws_url, subprotocols=["streamlit"], max_size=None, additional_headers=headers,
                    open_timeout=self.timeout, ping_interval=None), self.timeout)
        self.response_headers = {k.lower(): v for k, v in self._ws.response.headers.raw_items()}

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def load(self, page: str, query: str = "") -> Run:
        """Open ``page`` (its url path, "" for the home page) with ``query`` (``ex=…&seed=…``): a full run."""
        self.page, self.page_hash, self.query = page, "", query
        return await self._rerun(fragment_id="")

    def widget_id(self, key: str) -> str:
        """The widget id of the widget drawn with ``key`` (KeyError if it was not drawn)."""
        return self.widgets[key].id

    def has_widget(self, key: str) -> bool:
        return key in self.widgets

    async def type_text(self, key: str, text: str) -> Run:
        """Type into the text input ``key`` and let its live preview rerun (what ``live=…`` does after a pause)."""
        widget = self.widgets[key]
        self._states[widget.id] = text
        return await self._rerun(fragment_id=widget.fragment_id)

    async def click(self, key: str) -> Run:
        """Click the button ``key`` (its fragment reruns alone when it is in one)."""
        widget = self.widgets[key]
        return await self._rerun(fragment_id=widget.fragment_id, trigger=widget.id)

    async def follow_auto_rerun(self, until: float) -> Run | None:
        """Do what the browser does for ``st.fragment(run_every=…)``: wait the interval and rerun that fragment.
        Returns None when no fragment asked for it or ``until`` (a monotonic time) would pass first."""
        if self._auto_rerun is None:
            return None
        interval, fragment_id = self._auto_rerun
        if time.monotonic() + interval > until:
            return None
        await asyncio.sleep(interval)
        return await self._rerun(fragment_id=fragment_id, auto=True)

    async def _rerun(self, *, fragment_id: str, trigger: str | None = None, auto: bool = False) -> Run:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.context_info.locale = self.locale
        state.context_info.timezone = "UTC"
        for widget_id, value in self._states.items():
            widget = state.widget_states.widgets.add(id=widget_id)
            widget.string_value = value
        if trigger is not None:
            state.widget_states.widgets.add(id=trigger, trigger_value=True)
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        run = Run(seconds=0.0)
        await asyncio.wait_for(self._read_until_finished(run), self.timeout)
        run.seconds = time.perf_counter() - start
        return run

    async def _read_until_finished(self, run: Run) -> None:
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self._ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._take_delta(msg, run)
            elif kind == "auto_rerun":
                self._auto_rerun = (msg.auto_rerun.interval, msg.auto_rerun.fragment_id)
            elif kind == "stop_auto_rerun":
                self._auto_rerun = None
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "script_finished":
                run.finished = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:   # st.rerun(): another run follows
                    return

    def _take_delta(self, msg: ForwardMsg, run: Run) -> None:
        run.deltas += 1
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        kind = delta.new_element.WhichOneof("type")
        element = getattr(delta.new_element, kind)
        run.elements.append((kind, element))
        widget_id = getattr(element, "id", "") if kind not in ("alert", "markdown", "heading") else ""
        if widget_id.startswith("$$ID-"):
            key = widget_id.split("-", 2)[2] if widget_id.count("-") >= 2 else ""
            if key:
                self.widgets[key] = _Widget(widget_id, delta.fragment_id)
