"""Every page, in English and 中文, at a phone's width (390 px) and a desktop's (1400 px), in real Chromium: nothing
wider than the screen (so no sideways scrolling), no formula wider than its column, no exception box, no English
left in Chinese mode, and the practice panel's answer box usable on the phone.

One app server and one browser for the whole module; the pages of a language load in parallel tabs, each measured
at the desktop width and then, resized, at the phone width."""
from __future__ import annotations

import pytest

from e2e_support import ARTIFACTS, wait_rendered
from layout_checks import problems

from exercises.topics import TOPICS

WIDE, PHONE = (1400, 900), (390, 844)
TABS = 4
PAGES = ["", *(tp.id for tp in TOPICS), "quiz", "progress", "instructor"]
TOPIC_IDS = {tp.id for tp in TOPICS}
ANSWER_BOX_MIN_PX = 200


def _ready(tab, page: str) -> None:
    """Wait until the page has drawn everything, the practice panel included on a topic page."""
    wait_rendered(tab, charts=page in TOPIC_IDS, timeout_ms=90_000)
    if page in TOPIC_IDS:
        tab.wait_for_function(
            "() => document.querySelectorAll(\"[data-testid='stMain'] [data-testid='stTextInput'] input,"
            " [data-testid='stMain'] [data-testid='stRadio']\").length > 0"
            " && !document.querySelector(\"[data-testid='stSpinner']\")", timeout=90_000)


def _settled(tab, width: int) -> None:
    """Wait (a few seconds at most) for the charts to follow a resize: Streamlit re-measures their columns and
    Vega redraws them a moment after the window changed. What still sticks out then is reported."""
    tab.wait_for_timeout(300)
    try:
        tab.wait_for_function(
            "w => [...document.querySelectorAll(\"[data-testid='stVegaLiteChart']\")]"
            ".every(c => c.getBoundingClientRect().right <= w + 1)", arg=width, timeout=8_000)
    except Exception:   # playwright's TimeoutError: measured and reported below
        pass


def _answer_box_width(tab) -> float:
    return tab.evaluate("() => Math.min(...[...document.querySelectorAll(\"[data-testid='stMain'] "
                        "[data-testid='stTextInput'] input\")].map(i => i.getBoundingClientRect().width), 1e9)")


def _measure(tab, page: str, lang: str) -> list[str]:
    """The problems of the page open in `tab` at the desktop width, then at the phone width."""
    found = []
    tab.bring_to_front()          # a tab in the background draws no frames: its charts would not follow a resize
    for width, height in (WIDE, PHONE):
        tab.set_viewport_size({"width": width, "height": height})
        _settled(tab, width)
        wrong = problems(tab, chinese=lang == "zh")
        if page in TOPIC_IDS and width == PHONE[0] and _answer_box_width(tab) < ANSWER_BOX_MIN_PX:
            wrong.append(f"the answer box is too narrow to type in ({_answer_box_width(tab):.0f} px)")
        if wrong:
            ARTIFACTS.mkdir(exist_ok=True)
            tab.screenshot(path=str(ARTIFACTS / f"layout-{page or 'home'}-{lang}-{width}.png"))
        found += [f"/{page} {lang} {width}px: {w}" for w in wrong]
    return found


@pytest.mark.parametrize("lang,locale", [("en", "en-US"), ("zh", "zh-CN")])
def test_every_page_fits_a_phone_and_a_desktop_and_speaks_the_language(app_url, browser, lang, locale):
    context = browser.new_context(viewport={"width": WIDE[0], "height": WIDE[1]}, locale=locale)
    try:
        tabs = [context.new_page() for _ in range(TABS)]
        found: list[str] = []
        for start in range(0, len(PAGES), TABS):
            batch = list(zip(tabs, PAGES[start:start + TABS]))
            for tab, page in batch:                # all requested at once: the server builds them side by side
                tab.set_viewport_size({"width": WIDE[0], "height": WIDE[1]})
                tab.goto(f"{app_url}/{page}", wait_until="commit")
            for tab, page in batch:
                _ready(tab, page)
                found += _measure(tab, page, lang)
    finally:
        context.close()
    assert found == [], "\n".join(found)
