"""Fixtures for the browser tests: a running app and a headless Chromium (skipped, with the reason, without it)."""
from __future__ import annotations

from typing import Iterator

import pytest

from e2e_support import CHROMIUM, free_port, launch_chromium, start_app, stop_app, wait_healthy


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    return None


def _skip_if_no_browser() -> None:
    reason = _skip_reason()
    if reason:
        print(f"SKIP browser tests: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The URL of a freshly started app with its own empty progress store, one per test module (so a module's
    first test is the first visit the server sees); stopped after the module."""
    _skip_if_no_browser()
    home = tmp_path_factory.mktemp("dlmath-home")
    port = free_port()
    server = start_app(port, {"DLMATH_HOME": str(home)})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    finally:
        stop_app(server)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (closed after it, so other modules may drive Playwright too)."""
    _skip_if_no_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (1280×900, English locale) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()
