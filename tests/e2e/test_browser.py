"""The app in real headless Chromium: pages render with their title and charts, deep links and the language work."""
from __future__ import annotations

from e2e_support import ARTIFACTS, wait_rendered

from exercises.topics import topic_by_id


def test_topic_page_renders_title_and_chart(app_url, page):
    page.goto(app_url)
    wait_rendered(page, charts=False)
    vectors = topic_by_id("vectors")
    page.get_by_role("link", name=f"{vectors.number}. {vectors.title('en')}").first.click()
    wait_rendered(page)
    assert page.url.rstrip("/").endswith("/vectors")
    assert vectors.title("en") in page.locator("h1").first.inner_text()
    assert page.locator("[data-testid='stVegaLiteChart']").count() >= 2
    assert page.locator("[data-testid='stException']").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "e2e-vectors.png"), full_page=True)


def test_deep_link_opens_the_topic_and_switches_to_chinese(app_url, page):
    page.goto(f"{app_url}/gradient-descent")
    wait_rendered(page)
    topic = topic_by_id("gradient-descent")
    assert topic.title("en") in page.locator("h1").first.inner_text()
    page.get_by_text("中文", exact=True).first.click()
    page.wait_for_function(f"() => document.querySelector('h1')?.innerText.includes('{topic.title('zh')}')",
                           timeout=15_000)
    wait_rendered(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "e2e-gradient-descent-zh.png"), full_page=True)
