"""In a real headless Chromium: open a topic at a shared exercise, type answers, see the preview and verdicts."""
from __future__ import annotations

from pathlib import Path

from exercises import load_library

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

TEMPLATE, SEED = "inner-product-2d", 7


def test_practice_panel_answer_preview_and_verdicts(app_url, page):
    ex = load_library().get(TEMPLATE).generate(SEED)
    page.goto(f"{app_url}/vectors?ex={TEMPLATE}&seed={SEED}")
    box = page.get_by_label("Your answer")
    box.wait_for(timeout=60_000)
    page.get_by_text(str(SEED), exact=True).first.wait_for(timeout=30_000)   # the seed is shown

    box.fill("3 +* 4")                                   # unreadable: its message, no attempt used
    page.get_by_role("button", name="Check").click()
    page.get_by_text("did not count as an attempt").wait_for(timeout=20_000)

    wrong = f"({ex.expected_text('')}) + 1"
    box.fill(wrong)                                      # readable but wrong
    page.get_by_text("Read as:").wait_for(timeout=20_000)   # the live preview, before any check
    page.wait_for_selector(".katex", timeout=20_000)
    page.get_by_role("button", name="Check").click()
    page.locator("[data-testid='stAlert']", has_text=ex.check("", wrong).message).wait_for(timeout=20_000)
    page.get_by_text("Attempts: 1").wait_for(timeout=20_000)

    box.fill(ex.expected_text(""))                       # right
    page.get_by_role("button", name="Check").click()
    verdict = page.locator("[data-testid='stAlert']", has_text=ex.check("", ex.expected_text("")).message)
    verdict.wait_for(timeout=20_000)
    page.get_by_text("Attempts: 2").wait_for(timeout=20_000)
    verdict.scroll_into_view_if_needed()
    page.mouse.move(700, 450)
    page.mouse.wheel(0, 350)                              # the exercise and its verdict together in the shot
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "practice-panel.png"))
