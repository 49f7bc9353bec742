"""Turn Markdown with `$LaTeX$` into one self-contained HTML page with KaTeX inlined (no network needed)."""
from __future__ import annotations

import base64
import html
import re
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

KATEX_DIR = Path(__file__).parent / "assets" / "katex"

# $$…$$ first, then $…$ (not preceded by a backslash, no newline inside inline maths).
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<!\\)\$(?!\s)([^$\n]+?)(?<!\\)\$", re.S)
_TOKEN = "KATEXMATH{}Q"
_TOKEN_RE = re.compile(r"KATEXMATH(\d+)Q")
_FONT_SRC = re.compile(r'src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)[^;}]*')

PAGE_CSS = """
body { font-family: "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; color: #1f2430; line-height: 1.55; }
h1 { font-size: 1.6rem; border-bottom: 3px solid #4f6bed; padding-bottom: .3rem; }
h2 { font-size: 1.15rem; margin-top: 1.8rem; color: #2b3a8c; }
.answer-line { border-bottom: 1px solid #888; height: 2.2rem; margin: .4rem 0 1rem; }
.meta { color: #566; font-size: .9rem; }
.sheet-break { page-break-after: always; break-after: page; height: 0; }
.katex-display { margin: .6rem 0; }
@media print { body { margin: 0 auto; } h2 { break-after: avoid; } }
"""


@lru_cache(maxsize=1)
def _katex_css() -> str:
    """KaTeX's stylesheet with its woff2 fonts embedded as data URIs (other font formats dropped)."""
    css = (KATEX_DIR / "katex.min.css").read_text(encoding="utf-8")

    def embed(match: re.Match[str]) -> str:
        data = (KATEX_DIR / "fonts" / f"{match.group(1)}.woff2").read_bytes()
        return f'src:url(data:font/woff2;base64,{base64.b64encode(data).decode()}) format("woff2")'

    return _FONT_SRC.sub(embed, css)


@lru_cache(maxsize=1)
def _katex_js() -> str:
    return (KATEX_DIR / "katex.min.js").read_text(encoding="utf-8")


def markdown_to_html_body(markdown: str) -> str:
    """Render Markdown to HTML, keeping `$…$`/`$$…$$` maths intact in `<span class="math">` elements."""
    maths: list[tuple[str, bool]] = []

    def stash(match: re.Match[str]) -> str:
        display = match.group(1) is not None
        maths.append((match.group(1) if display else match.group(2), display))
        return _TOKEN.format(len(maths) - 1)

    protected = _MATH.sub(stash, markdown)
    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(protected)

    def restore(match: re.Match[str]) -> str:
        tex, display = maths[int(match.group(1))]
        cls = "math display" if display else "math"
        tag = "div" if display else "span"
        return f'<{tag} class="{cls}">{html.escape(tex.strip())}</{tag}>'

    return _TOKEN_RE.sub(restore, body)


def standalone_html(markdown: str, title: str, lang: str = "en") -> str:
    """A complete HTML document for `markdown`, KaTeX and fonts inlined, maths rendered on load."""
    body = markdown_to_html_body(markdown)
    script = (
        "document.querySelectorAll('.math').forEach(function (el) {"
        " katex.render(el.textContent, el, {displayMode: el.classList.contains('display'),"
        " throwOnError: false}); });"
        " document.body.setAttribute('data-maths-rendered', 'true');"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_katex_css()}</style>\n<style>{PAGE_CSS}</style>\n"
        f"</head>\n<body>\n{body}\n<script>{_katex_js()}</script>\n<script>{script}</script>\n</body>\n</html>\n"
    )
