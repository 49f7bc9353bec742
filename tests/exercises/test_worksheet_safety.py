"""Worksheets escape author text and carry a restrictive Content-Security-Policy (issue 12, item 4).

Found: exercise and quiz text (title, prompt, choices, instructions) reached the worksheet HTML unescaped, so an
uploaded file could make an instructor's browser run script. The fixture files try `<script>`, `<img onerror>`,
`<svg onload>`, `javascript:` links, `<iframe>`, `<object>`, forms, `<base>`, styles and a `</textarea>`/`</title>`
breakout in every text a worksheet shows (`tests/e2e/test_worksheet_browser.py` opens the result in Chromium).
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from exercises.html_page import content_security_policy, sanitise
from exercises.loader import Library
from exercises.worksheet import render_worksheets

FIXTURES = Path(__file__).parent / "fixtures"
STUDENT = "<script>window.pwned='name'</script>Bob"


def hostile_library() -> Library:
    library = Library(smoke_test=False)
    library.add_file(FIXTURES / "hostile-texts.yaml")
    library.add_file(FIXTURES / "hostile-quiz.yaml")
    library.resolve_quizzes()
    assert library.errors == [] and "xss-quiz" in library.quizzes
    return library


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    library = hostile_library()
    return {lang + "/" + name: text for lang in ("en", "zh")
            for name, text in render_worksheets(library.quizzes["xss-quiz"], library, [STUDENT], lang).items()}


def scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)


@pytest.mark.parametrize("name", ["en/worksheet.html", "en/answer-key.html", "zh/worksheet.html",
                                  "zh/answer-key.html"])
def test_no_author_text_can_run_script(pages, name):
    page = pages[name]
    assert len(scripts(page)) == 2  # KaTeX and the line that renders the maths: nothing from the files
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", page, flags=re.S)  # the page's own code aside
    tags = re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>", markup)
    assert not [t for t, attributes in tags if re.search(r"\bon[a-z]+\s*=", attributes)]  # no event handlers
    assert {t.lower() for t, _ in tags} <= {"html", "head", "meta", "title", "style", "body", "script", "h1", "h2",
                                            "p", "b", "strong", "ul", "li", "a", "span", "div"}
    assert not re.search(r"""(href|src|action|data)\s*=\s*["']?\s*javascript:""", markup, re.I)
    assert "window.pwned" not in " ".join(scripts(page))
    assert "&lt;script&gt;window.pwned='name'&lt;/script&gt;Bob" in page  # the student's name, shown as text
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title  # the quiz title cannot close <title> and open a script


def test_the_policy_allows_only_the_pages_own_scripts_and_styles(pages):
    page = pages["en/answer-key.html"]
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert meta and page.index(meta.group(0)) < page.index("<style>") < page.index("<script>")
    policy = dict(part.strip().split(" ", 1) for part in meta.group(1).split(";"))
    assert policy["default-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["form-action"] == "'none'" and policy["font-src"] == "data:"
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"
              for code in scripts(page)}
    assert set(policy["script-src"].split()) == hashes  # exactly the two scripts on the page, by hash
    assert "'unsafe-inline'" not in meta.group(1) and "'unsafe-eval'" not in meta.group(1)
    assert meta.group(1) == content_security_policy()


def test_maths_and_formatting_survive_the_sanitiser(pages):
    page = pages["en/answer-key.html"]
    assert '<span class="math">a = ' in page and "<b>bold</b>" in page
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in page
    assert sanitise('<div class="math display">x &lt; 1</div><div class="evil">y</div>') == \
        '<div class="math display">x &lt; 1</div><div class="">y</div>'
