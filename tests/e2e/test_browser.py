"""The app in real headless Chromium: a deep link as a fresh server's first visit, the language switch, the home
page's links. The first test must stay first: it is the first visit the module's freshly started server sees."""
from __future__ import annotations

from urllib.parse import urlparse

from e2e_support import ARTIFACTS, wait_rendered

from exercises.topics import topic_by_id


def test_a_deep_link_as_the_first_visit_opens_its_page_without_page_not_found(app_url, page):
    page.goto(f"{app_url}/gradient-descent")
    wait_rendered(page)
    topic = topic_by_id("gradient-descent")
    assert topic.title("en") in page.locator("h1").first.inner_text()
    page.get_by_label("Your answer").first.wait_for(timeout=60_000)   # the practice panel follows the charts
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("does not seem to exist").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0

    page.get_by_text("中文", exact=True).first.click()
    page.wait_for_function(f"() => document.querySelector('h1')?.innerText.includes('{topic.title('zh')}')",
                           timeout=15_000)
    wait_rendered(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "e2e-gradient-descent-zh.png"), full_page=True)


def test_a_topic_opens_from_the_home_page_with_its_charts(app_url, page):
    page.goto(app_url)
    wait_rendered(page, charts=False)
    vectors = topic_by_id("vectors")
    card = page.locator("[data-testid='stVerticalBlock']", has_text=f"{vectors.number}. {vectors.title('en')}").last
    card.get_by_role("link", name="Open").click()
    page.wait_for_url("**/vectors*", timeout=15_000)
    wait_rendered(page)                                  # the vectors page, not the home page still on screen
    assert urlparse(page.url).path.rstrip("/").endswith("/vectors")
    assert vectors.title("en") in page.locator("h1").first.inner_text()
    # both charts (a loaded machine may mount the second one a moment after the run has finished)
    page.wait_for_function("document.querySelectorAll(\"[data-testid='stVegaLiteChart']\").length >= 2",
                           timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "e2e-vectors.png"), full_page=True)


def _not_found_shown(page) -> bool:
    page.wait_for_timeout(500)   # the dialog comes with the navigation message, after the first paint
    return page.get_by_text("Page not found").count() > 0 or page.get_by_text("does not seem to exist").count() > 0


def test_home_url_and_every_link_of_the_app_open_without_page_not_found(app_url, page):
    page.goto(f"{app_url}/home")
    wait_rendered(page, charts=False)
    page.wait_for_url(lambda url: urlparse(url).path.rstrip("/") == urlparse(app_url).path.rstrip("/"),
                      timeout=15_000)
    assert not _not_found_shown(page)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    paths = sorted({urlparse(h).path for h in hrefs if h.startswith(app_url)})
    assert len(paths) >= 18   # home, 16 topics, quiz, progress, instructor
    for path in paths:
        page.goto(f"{app_url}{path}")
        wait_rendered(page, charts=False)
        assert not _not_found_shown(page), path
