"""The server's start-up (`app.py` imported as the server module, `ui.start_up`): Streamlit's scan of the
installed packages for custom components is skipped, and so is its check for a run without `streamlit run`; the
warm-up thread's elements outside a session log no warning."""
from __future__ import annotations

import importlib
import importlib.metadata
import re
import threading
from pathlib import Path

import pytest
import streamlit as st
from streamlit import delta_generator, env_util
from streamlit.components.v2 import manifest_scanner
from streamlit.components.v2.component_manager import BidiComponentManager

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server_module(monkeypatch):
    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", manifest_scanner.scan_component_manifests)
    module = importlib.import_module("app")   # imported, not run: the server's side of app.py
    module.start_up.skip_component_scan()     # (done at the first import only)
    return module


def test_the_runtimes_component_scan_reads_no_package(server_module, monkeypatch):
    reads = []
    monkeypatch.setattr(importlib.metadata, "distributions", lambda: reads.append("read") or [])
    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)   # what the runtime does at creation
    assert reads == []


def test_the_app_uses_no_custom_components():
    """The scan is skipped because it would find nothing to use: an app using a v2 component must drop the skip."""
    sources = [ROOT / "app.py", *ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/**/*.py"), *ROOT.glob("classroom/**/*.py")]
    assert len(sources) > 20
    users = [p.name for p in sources
             if p.name != "start_up.py" and re.search(r"components\.v[12]|st\.components", p.read_text())]
    assert users == []


@pytest.mark.parametrize("skipped", [False, True])
def test_the_first_element_asks_no_stack_when_the_direct_run_check_is_skipped(monkeypatch, skipped):
    """Streamlit's first element of a process asks `is_repl()` (an `inspect.stack()` over every frame and loaded
    module); the server, run by `streamlit run` by definition, has it settled at start-up."""
    asked = []
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    monkeypatch.setattr(env_util, "is_repl", lambda: asked.append("stack") or False)
    if skipped:
        importlib.import_module("app").start_up.skip_direct_run_check()
    st.empty()   # an element outside a session, as the first one of the process
    assert asked == ([] if skipped else ["stack"])


def test_the_warm_up_thread_logs_no_missing_context_warning_and_other_threads_still_do():
    import logging

    from ui import start_up

    class Kept(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.messages: list[str] = []

        def emit(self, record):
            self.messages.append(record.getMessage())

    logger = logging.getLogger(start_up.SCRIPT_RUN_CONTEXT_LOGGER)   # Streamlit's loggers do not propagate
    kept = Kept()
    logger.addHandler(kept)
    try:
        start_up.quiet_warm_up_thread("quiet-warm-up-test")
        for name in ("quiet-warm-up-test", "another-thread"):
            thread = threading.Thread(target=st.empty, name=name)
            thread.start()
            thread.join()
    finally:
        logger.removeHandler(kept)
    warned = [m for m in kept.messages if "missing ScriptRunContext" in m]
    assert warned and all("'another-thread'" in m for m in warned)
