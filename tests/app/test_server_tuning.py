"""`ui.server_tuning`: the theme part of every run's new_session message is built once per config parse, and is
exactly what Streamlit would have built."""
from __future__ import annotations

import threading

import pytest
from streamlit.proto.NewSession_pb2 import CustomThemeConfig
from streamlit.runtime import app_session

from ui.server_tuning import cached_theme_builder

SECTIONS = ("theme", "theme.light", "theme.dark", "theme.sidebar")


def test_cached_theme_messages_equal_streamlits_and_are_built_once_per_section():
    calls: list[str] = []

    def build(msg, section="theme"):
        calls.append(section)
        app_session._populate_theme_msg(msg, section)

    populate = cached_theme_builder(build)
    for _ in range(3):
        for section in SECTIONS:
            expected, got = CustomThemeConfig(), CustomThemeConfig()
            app_session._populate_theme_msg(expected, section)
            populate(got, section)
            assert got == expected
    assert calls == list(SECTIONS)           # built once each, then copied
    populate.forget()                        # what a new parse of config.toml does
    populate(CustomThemeConfig(), "theme")
    assert calls == [*SECTIONS, "theme"]


def test_the_app_config_theme_is_not_empty():
    """The check above compares real content: this app's config.toml sets a theme."""
    msg = CustomThemeConfig()
    app_session._populate_theme_msg(msg, "theme")
    assert msg.primary_color == "#4F46E5"


def _nested_containers(depth: int):
    from streamlit.cursor import RunningCursor
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.proto.RootContainer_pb2 import RootContainer

    main = RootContainer.MAIN
    stack = [DeltaGenerator(root_container=main, cursor=RunningCursor(root_container=main))]
    for level in range(1, depth):
        cursor = RunningCursor(root_container=main, parent_path=tuple(range(level)))
        for _ in range(level):          # elements already drawn in this container
            cursor.lock_element()
        stack.append(DeltaGenerator(root_container=main, cursor=cursor, parent=stack[-1], block_type="vertical"))
    return tuple(stack)


def test_snapshot_copy_gives_streamlits_containers_as_one_graph(monkeypatch):
    """`copy_with_memo` copies what Streamlit's own copy copies (cursor positions, block types, forms), with the
    parents shared as in the original instead of copied once per nesting level."""
    import copy

    from streamlit.delta_generator import DeltaGenerator

    from ui.server_tuning import copy_with_memo

    stack = _nested_containers(5)
    theirs = copy.deepcopy(stack)
    monkeypatch.setattr(DeltaGenerator, "__deepcopy__", copy_with_memo)
    ours = copy.deepcopy(stack)
    for original, mine, streamlits in zip(stack, ours, theirs):
        assert mine is not original and mine._cursor is not original._cursor
        assert (mine._cursor.parent_path, mine._cursor.index, mine._block_type, mine._root_container) == \
            (streamlits._cursor.parent_path, streamlits._cursor.index, streamlits._block_type,
             streamlits._root_container)
        assert mine._form_data == streamlits._form_data
    assert all(ours[i + 1]._parent is ours[i] for i in range(len(ours) - 1))
    assert theirs[2]._parent is not theirs[1]          # what the memo saves: Streamlit copies each parent again
    original_index = stack[-1]._cursor.index
    ours[-1]._cursor.lock_element()               # drawing into the copy leaves the original where it was
    assert stack[-1]._cursor.index == original_index


def test_snapshot_copy_is_left_out_for_a_streamlit_that_keeps_other_state(monkeypatch):
    from streamlit.delta_generator import DeltaGenerator

    from ui import server_tuning

    original = DeltaGenerator.__deepcopy__
    monkeypatch.setattr(server_tuning, "_DG_FIELDS", frozenset({"_root_container"}))
    server_tuning._install_snapshot_copy()
    assert DeltaGenerator.__deepcopy__ is original


def test_a_cursor_copy_equals_streamlits_and_shares_nothing_that_can_change(monkeypatch):
    import copy

    from streamlit.cursor import LockedCursor, RunningCursor
    from streamlit.proto.Element_pb2 import Element

    from ui.server_tuning import copy_cursor

    running = RunningCursor(root_container=0, parent_path=(0, 3, 1))
    for _ in range(4):
        running.lock_element()
    transient = running.get_transient_cursor()          # a spinner or toast drawn here
    running.transient_elements[transient.transient_index] = Element()
    running.transient_elements[transient.transient_index].markdown.body = "working…"
    assert len(running.transient_elements) == 1
    for cursor in (running, running.lock_element(), RunningCursor(root_container=1)):
        theirs = copy.deepcopy(cursor)
        monkeypatch.setattr(type(cursor), "__deepcopy__", copy_cursor, raising=False)
        ours = copy.deepcopy(cursor)
        monkeypatch.undo()
        assert type(ours) is type(cursor) and ours is not cursor
        assert (ours.root_container, ours.parent_path, ours.index, ours.transient_index) == \
            (theirs.root_container, theirs.parent_path, theirs.index, theirs.transient_index)
        assert list(ours.transient_elements) == list(theirs.transient_elements)
        assert ours.transient_elements is not cursor.transient_elements
        for mine, original in zip(ours.transient_elements, cursor.transient_elements):
            assert mine is not original
    assert LockedCursor is type(running.lock_element())


def test_handed_over_callbacks_run_in_order_with_one_wake_up_while_the_loop_is_busy():
    import asyncio

    from ui.server_tuning import BatchedHandoff

    loop = asyncio.new_event_loop()
    wake_ups: list[object] = []
    original = loop.call_soon_threadsafe

    def counting(callback, *args):
        wake_ups.append(callback)
        return original(callback, *args)

    loop.call_soon_threadsafe = counting
    handoff, ran = BatchedHandoff(loop), []
    try:
        def from_a_script_thread():
            for i in range(50):
                handoff.call_soon(lambda i=i: ran.append(i))

        thread = threading.Thread(target=from_a_script_thread)
        thread.start()
        thread.join()                                   # the loop was busy: nothing ran yet
        assert ran == [] and len(wake_ups) == 1
        loop.run_until_complete(asyncio.sleep(0))
        assert ran == list(range(50))
        handoff.call_soon(lambda: ran.append("after"))   # once drained, the next one wakes the loop again
        loop.run_until_complete(asyncio.sleep(0))
        assert ran[-1] == "after" and len(wake_ups) == 2
    finally:
        loop.close()


def test_a_failing_callback_is_reported_and_the_rest_still_run():
    import asyncio

    from ui.server_tuning import BatchedHandoff

    loop = asyncio.new_event_loop()
    reported, ran = [], []
    loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
    handoff = BatchedHandoff(loop)
    try:
        handoff.call_soon(lambda: ran.append(1))
        handoff.call_soon(lambda: 1 / 0)
        handoff.call_soon(lambda: ran.append(3))
        loop.run_until_complete(asyncio.sleep(0))
        assert ran == [1, 3] and isinstance(reported[0], ZeroDivisionError)
        handoff.call_soon(lambda: ran.append(4))         # not jammed
        loop.run_until_complete(asyncio.sleep(0))
        assert ran == [1, 3, 4]
    finally:
        loop.close()


def test_a_closed_loop_refuses_like_call_soon_threadsafe_and_the_session_drops_the_event():
    import asyncio
    import types

    import pytest

    from ui.server_tuning import BatchedHandoff, _batched_call_soon

    loop = asyncio.new_event_loop()
    loop.close()
    with pytest.raises(RuntimeError):
        BatchedHandoff(loop).call_soon(lambda: None)
    session = types.SimpleNamespace(_event_loop=loop)
    _batched_call_soon(session, lambda: None)           # what Streamlit does: dropped, no error


@pytest.fixture
def sender():
    """A stand-in for Streamlit's runtime around a real event loop: its "something to send" event, and the
    callbacks handed to the loop from other threads (`scheduled`, then run as the loop would)."""
    import asyncio
    import types

    loop = asyncio.new_event_loop()
    event = asyncio.Event()
    objs = types.SimpleNamespace(eventloop=loop, need_send_data=event)
    scheduled: list = []
    original = loop.call_soon_threadsafe
    loop.call_soon_threadsafe = lambda cb, *a: (scheduled.append(cb), original(cb, *a))[1]
    yield types.SimpleNamespace(loop=loop, event=event, scheduled=scheduled,
                                runtime=types.SimpleNamespace(_get_async_objs=lambda: objs))
    loop.close()


def test_the_sender_is_woken_once_until_it_flushes(sender):
    import asyncio

    from ui.server_tuning import wake_sender_once

    wake_sender_once(sender.runtime)
    sender.loop.run_until_complete(asyncio.sleep(0))
    assert sender.event.is_set() and len(sender.scheduled) == 1
    wake_sender_once(sender.runtime)                     # still pending: no second wake-up
    assert len(sender.scheduled) == 1
    sender.event.clear()                                 # the loop flushes the queues
    wake_sender_once(sender.runtime)
    assert len(sender.scheduled) == 2


def test_on_the_loops_own_thread_the_sender_is_woken_without_the_wake_up_pipe(sender):
    from ui.server_tuning import wake_sender_once

    async def deliver_a_batch() -> bool:
        wake_sender_once(sender.runtime)
        first = sender.event.is_set()
        wake_sender_once(sender.runtime)
        return first

    assert sender.loop.run_until_complete(deliver_a_batch()) is True and sender.scheduled == []


def test_install_hands_script_events_over_in_batches(monkeypatch):
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.runtime import Runtime

    from ui import server_tuning

    monkeypatch.setattr(AppSession, "_call_soon_on_event_loop", AppSession._call_soon_on_event_loop)  # restored after
    monkeypatch.setattr(Runtime, "_enqueued_some_message", Runtime._enqueued_some_message)
    server_tuning._install_handoff()
    assert AppSession._call_soon_on_event_loop is server_tuning._batched_call_soon
    assert Runtime._enqueued_some_message is server_tuning.wake_sender_once


def test_the_young_generation_is_collected_less_often_and_start_up_objects_are_frozen():
    import gc

    from ui import server_tuning

    threshold = gc.get_threshold()
    try:
        server_tuning.tune_garbage_collector()
        assert gc.get_threshold() == (server_tuning.YOUNG_GENERATION_THRESHOLD, *threshold[1:])
        before = gc.get_freeze_count()
        kept = [[i] for i in range(1000)]                    # objects made at start-up
        server_tuning.freeze_startup_objects()
        assert gc.get_freeze_count() >= before + len(kept)   # out of every later collection
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
