"""The printable worksheet and its answer key open in headless Chromium with the maths rendered by the inlined
KaTeX (no network), one student per printed page; screenshots go to `artifacts/`."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from e2e_support import ARTIFACTS, CHROMIUM, launch_chromium
from exercises import load_library
from exercises.worksheet import write_worksheets

STUDENTS = ["Ann Lee", "Wang Fang"]


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install playwright)"
    return None


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    lib = load_library()
    out = tmp_path_factory.mktemp("worksheet")
    paths = write_worksheets(lib.quizzes["vectors-and-derivatives"], lib, STUDENTS, out, "en")
    paths += write_worksheets(lib.quizzes["vectors-and-derivatives"], lib, ["王芳"], out / "zh", "zh")
    return {f"{p.parent.name}/{p.name}": p for p in paths}


def _render(tab, path: Path) -> dict:
    """Open the page offline and report what KaTeX did."""
    tab.goto(path.as_uri())
    tab.wait_for_selector("body[data-maths-rendered='true']", timeout=20_000)
    return tab.evaluate("""() => ({
        maths: document.querySelectorAll('.math').length,
        rendered: document.querySelectorAll('.math .katex').length,
        errors: document.querySelectorAll('.katex-error').length,
        raw: [...document.querySelectorAll('.math')].filter(e => !e.querySelector('.katex')).map(e => e.textContent),
        breaks: [...document.querySelectorAll('.sheet-break')].map(e => getComputedStyle(e).breakAfter),
        font: document.fonts.check('16px KaTeX_Main'),
        sheets: document.querySelectorAll('h1').length,
    })""")


def test_worksheet_and_key_render_their_maths_offline(written):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            context = browser.new_context(viewport={"width": 900, "height": 1200}, offline=True)
            tab = context.new_page()
            requests: list[str] = []
            tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            for name, shot in (("worksheet.html", "worksheet.png"), ("answer-key.html", "worksheet-answer-key.png")):
                path = next(p for key, p in written.items() if key.endswith(name) and "/zh/" not in str(p))
                report = _render(tab, path)
                assert report["maths"] > 10 and report["rendered"] == report["maths"], report["raw"][:5]
                assert report["errors"] == 0
                assert report["breaks"] == ["page"] * (len(STUDENTS) - 1)
                assert report["sheets"] == len(STUDENTS)
                assert report["font"]
                tab.screenshot(path=str(ARTIFACTS / shot), full_page=False)
            report = _render(tab, written["zh/worksheet.html"])
            assert report["rendered"] == report["maths"] > 0 and report["errors"] == 0
            assert tab.locator("h1").first.inner_text().startswith("小测")
            tab.screenshot(path=str(ARTIFACTS / "worksheet-zh.png"))
            assert requests == []
            pdf = tab.pdf(format="A4")
            assert pdf.startswith(b"%PDF")
        finally:
            browser.close()


def test_hostile_author_text_runs_no_script_and_the_maths_still_renders(tmp_path):
    """Worksheets of a file whose texts try `<script>`, `<img onerror>`, `javascript:` links and a `</textarea>`
    breakout: in Chromium nothing of theirs runs, the page's policy blocks nothing of ours, and KaTeX renders."""
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    from exercises.loader import Library

    fixtures = Path(__file__).resolve().parents[1] / "exercises" / "fixtures"
    library = Library(smoke_test=False)
    for name in ("hostile-texts.yaml", "hostile-quiz.yaml"):
        library.add_file(fixtures / name)
    library.resolve_quizzes()
    paths = write_worksheets(library.quizzes["xss-quiz"], library, ["<script>window.pwned='name'</script>Bob"],
                             tmp_path, "en")
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            tab = browser.new_context(offline=True).new_page()
            console: list[str] = []
            tab.on("console", lambda message: console.append(message.text))
            for path in (p for p in paths if p.suffix == ".html"):
                report = _render(tab, path)
                tab.hover("text=bold")  # an onmouseover would fire here
                assert tab.evaluate("() => window.pwned") is None
                assert report["rendered"] == report["maths"] > 0 and report["errors"] == 0
                assert tab.evaluate("() => document.querySelectorAll('iframe, object, img, form, base').length") == 0
            assert not [m for m in console if "Content Security Policy" in m], console  # ours all allowed
        finally:
            browser.close()
