"""Retake the README screenshots in docs/screenshots: a fresh server with an empty progress store, each page opened
directly (deep link) in headless Chromium with its practice panel loaded, on a desktop and one on a phone (390 px).

Run from anywhere: ``python scripts/readme_screenshots.py``.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from e2e_support import free_port, launch_chromium, start_app, wait_healthy, wait_rendered  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DESKTOP, PHONE = (1440, 900), (390, 1100)
# (page, browser locale, file, label of the answer box in that language, viewport)
SHOTS = [("functions", "en-US", "functions-en.png", "Your answer", DESKTOP),
         ("gradient-descent", "zh-CN", "gradient-descent-zh.png", "你的答案", DESKTOP),
         ("matrices", "en-US", "matrices-en.png", "Your answer", DESKTOP),
         ("vectors", "zh-CN", "vectors-phone-zh.png", "你的答案", PHONE)]


def main() -> None:
    """Start the app, take each screenshot, stop the app."""
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home, sync_playwright() as p:
        browser = launch_chromium(p)
        port = free_port()
        server = start_app(port, {"DLMATH_HOME": home})
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url)
            for path, locale, name, answer, (width, height) in SHOTS:
                context = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                              is_mobile=width < 600, has_touch=width < 600)
                tab = context.new_page()
                tab.goto(f"{url}/{path}")
                wait_rendered(tab)
                if path == "functions":
                    tab.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
                    tab.get_by_text("Sigmoid σ", exact=True).last.click()
                    wait_rendered(tab)
                tab.get_by_label(answer).first.wait_for(timeout=60_000)
                if width < 600:   # on the phone: from the sliders down to the chart
                    tab.locator("[data-testid='stMain'] [data-testid='stSlider']").first.scroll_into_view_if_needed()
                tab.wait_for_timeout(1200)
                if tab.get_by_text("Page not found").count():
                    raise SystemExit(f"{path}: the app showed 'Page not found'")
                tab.screenshot(path=str(OUT / name))
                print("saved", OUT / name)
                context.close()
        finally:
            server.terminate()
            server.wait(10)
            browser.close()


if __name__ == "__main__":
    main()
