"""Author text shown in the app is Markdown without raw HTML: Streamlit escapes HTML in `st.markdown` (and blocks
`javascript:`/`vbscript:` links) unless a page opts out. No page or UI helper may opt out, or draw HTML otherwise —
so an instructor's file can never put markup, scripts or event handlers into a learner's page."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW_HTML = re.compile(r"unsafe_allow_html\s*=\s*True|\bst\.html\(|components\.v1|components\.html\(|\bst\.iframe\(")
REVIEWED = {  # raw HTML that never holds author text, each checked by hand
    "ui/prefs.py": "the cookie-writing script: JSON-encoded cookie values of the app's own preferences",
}


def test_no_page_draws_raw_html():
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in sources
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if RAW_HTML.search(line) and path.relative_to(ROOT).as_posix() not in REVIEWED]
    assert len(sources) > 20 and offenders == []
