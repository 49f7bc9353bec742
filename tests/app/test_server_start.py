"""The server's start-up hook (`app.py` imported as the server module): the garbage collector, off while the
warm-up builds the long-lived objects, is always on again afterwards, with those objects frozen."""
from __future__ import annotations

import gc
import importlib

import pytest


@pytest.fixture
def server_module(monkeypatch):
    module = importlib.import_module("app")   # imported, not run: the server's side of app.py
    yield module
    gc.unfreeze()
    gc.enable()


@pytest.mark.parametrize("fails", [False, True])
def test_the_warm_up_turns_the_collector_back_on(server_module, monkeypatch, fails):
    import ui.layout

    seen = {}

    def warm_up():
        seen["collecting"] = gc.isenabled()
        if fails:
            raise RuntimeError("the library could not be loaded")

    monkeypatch.setattr(ui.layout, "warm_up", warm_up)
    gc.disable()                                   # as `_on_server_start` does before starting the warm-up
    if fails:
        with pytest.raises(RuntimeError):
            server_module._warm_up()
    else:
        server_module._warm_up()
    assert seen == {"collecting": False}
    assert gc.isenabled() and gc.get_freeze_count() > 0
