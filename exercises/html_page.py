"""Turn Markdown with `$LaTeX$` into one self-contained HTML page with KaTeX inlined (no network needed).

Exercise and quiz texts come from instructors' files, so the page is built to run no script but KaTeX's: the HTML
from the Markdown goes through an allow-list sanitiser (`nh3`: formatting tags, links to http/https/mailto only, no
attributes that run code, no images, no styles), and a Content-Security-Policy lets only the page's own two scripts
(by hash) run and loads nothing from the network.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import lru_cache
from pathlib import Path

import nh3
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


ALLOWED_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s", "del",
                "sub", "sup", "code", "pre", "blockquote", "br", "hr", "table", "thead", "tbody", "tr", "th", "td",
                "div", "span", "a"}
ALLOWED_CLASSES = {"div": {"math", "display", "answer-line", "sheet-break"}, "span": {"math"}, "p": {"meta"}}
RENDER_SCRIPT = (
    "document.querySelectorAll('.math').forEach(function (el) {"
    " katex.render(el.textContent, el, {displayMode: el.classList.contains('display'),"
    " throwOnError: false}); });"
    " document.body.setAttribute('data-maths-rendered', 'true');"
)


def sanitise(fragment: str) -> str:
    """HTML with only formatting tags, the page's own classes and http/https/mailto links left (no script, event
    handler, `javascript:` link, image, style or form survives)."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, allowed_classes=ALLOWED_CLASSES,
                     url_schemes={"http", "https", "mailto"}, clean_content_tags={"script", "style"})


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy() -> str:
    """The page's policy: its own styles and scripts (by hash), fonts as data, nothing else, no network."""
    scripts = " ".join(_sha256(code) for code in (_katex_js(), RENDER_SCRIPT))
    styles = " ".join(_sha256(css) for css in (_katex_css(), PAGE_CSS))
    return (f"default-src 'none'; script-src {scripts}; style-src {styles}; font-src data:; img-src data:; "
            f"base-uri 'none'; form-action 'none'")


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

    return sanitise(_TOKEN_RE.sub(restore, body))


def standalone_html(markdown: str, title: str, lang: str = "en") -> str:
    """A complete HTML document for `markdown`, KaTeX and fonts inlined, maths rendered on load; sanitised and
    under a Content-Security-Policy that runs only the page's own scripts."""
    body = markdown_to_html_body(markdown)
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_katex_css()}</style>\n<style>{PAGE_CSS}</style>\n"
        f"</head>\n<body>\n{body}\n<script>{_katex_js()}</script>\n<script>{RENDER_SCRIPT}</script>\n</body>\n"
        f"</html>\n"
    )
