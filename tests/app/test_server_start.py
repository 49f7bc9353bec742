"""The server's start-up (`app.py` imported as the server module, `ui.start_up`): Streamlit's scan of the
installed packages for custom components is skipped."""
from __future__ import annotations

import importlib
import importlib.metadata
import re
from pathlib import Path

import pytest
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
