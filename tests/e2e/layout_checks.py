"""What a page must get right on any screen, measured in the browser: nothing wider than the viewport, no formula
wider than its column, no exception box, and (in Chinese) no English left in the visible text.

`problems(tab, chinese)` runs every check in the open tab and returns what is wrong, one line each."""
from __future__ import annotations

import re

# Words allowed in Chinese mode: names that are the same in both languages (methods, functions, formats, the
# language switch's own label and the app's name). Compared case-insensitively, whole words of 3+ letters.
ALLOWED_WORDS = {
    "adam", "sgd", "relu", "softmax", "sigmoid", "tanh", "exp", "log", "max", "min", "sin", "cos", "sum",
    "csv", "yaml", "yml", "html", "json", "url", "english", "language", "math", "lab", "nats", "kl", "lagrange",
    "cauchy", "schwarz", "streamlit", "markdown", "latex", "id", "attention", "value", "query", "key",
}

# Runs in the page: every check at the current viewport width; returns {"layout": [...], "text": [...]}.
_CHECKS_JS = r"""
() => {
  const vw = document.documentElement.clientWidth;
  const out = {layout: [], text: []};
  const name = (el) => {
    const id = el.closest("[data-testid]");
    const text = (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." +
      el.className.split(" ")[0] : ""} in ${id ? id.dataset.testid : "?"} «${text}»`;
  };
  const main = document.querySelector("[data-testid='stMain']");
  const block = document.querySelector("[data-testid='stMainBlockContainer']") || main;
  for (const s of [document.scrollingElement, main, document.querySelector("[data-testid='stAppViewContainer']")]) {
    if (s && s.scrollWidth > s.clientWidth + 1) out.layout.push(`the page scrolls sideways (${s.scrollWidth} > ${s.clientWidth} px)`);
  }
  // An element sticking out of the viewport, unless a container between it and the page clips or scrolls it
  // (then only that container is judged, as an element of its own).
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== block; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== "visible") return true;
    }
    return false;
  };
  // Streamlit's hover toolbar of a chart (invisible until hovered) is not part of the page's layout.
  const chrome = "[data-testid='stElementToolbar']";
  let reported = 0;
  for (const el of block.querySelectorAll("*")) {
    if (el.closest(chrome)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
    if ((r.right > vw + 1 || r.left < -1) && !clipped(el) && reported < 5) {
      out.layout.push(`wider than the screen (${Math.round(r.left)}..${Math.round(r.right)} of ${vw} px): ${name(el)}`);
      reported += 1;
    }
  }
  // A formula reaching past the block it stands in (cut off, or scrolling inside a display box). KaTeX's struts
  // make a display box's scrollWidth a pixel or two wider than the formula itself: compare the drawn boxes.
  for (const k of block.querySelectorAll(".katex")) {
    const column = (k.closest(".katex-display") || k).closest(
      "[data-testid='stMarkdownContainer'], [data-testid='stCaptionContainer'], label, p") || k.parentElement;
    const f = (k.querySelector(".katex-html") || k).getBoundingClientRect();
    const c = column.getBoundingClientRect();
    if (f.left < c.left - 1 || f.right > c.right + 1) {
      out.layout.push(`formula wider than its column (${Math.round(f.width)} > ${Math.round(c.width)} px): ${name(k)}`);
    }
  }
  // Visible text outside formulas, code, inputs and containers keyed `lang-en-…` (English on purpose, such as an
  // author's English text beside the Chinese one); icon ligatures such as "expand_more" are icons, not words;
  // text outside the screen, such as the skip link before it is focused, is not seen).
  const skip = ".katex, code, pre, script, style, textarea, [data-testid='stCode'], [data-testid='stException'], " +
               "[data-testid*='Icon'], .material-icons, .material-symbols-rounded, [class*='st-key-lang-en']";
  const walker = document.createTreeWalker(document.querySelector("[data-testid='stApp']"), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest(skip) || !n.textContent.trim()) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= 0 || r.left >= vw) continue;
    out.text.push(n.textContent.trim());
  }
  return out;
}
"""
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")


def english_words(texts: list[str]) -> list[str]:
    """Words of 3+ Latin letters not in `ALLOWED_WORDS`, with the text they stand in."""
    found = []
    for text in texts:
        words = [w for w in _WORD.findall(text) if len(w) >= 3 and w.lower() not in ALLOWED_WORDS]
        if words:
            found.append(f"English in Chinese mode: {', '.join(words)} in «{text[:80]}»")
    return found


def problems(tab, chinese: bool) -> list[str]:
    """Everything wrong with the page open in `tab` at its current width."""
    found = tab.evaluate(_CHECKS_JS)
    wrong = list(found["layout"])
    if tab.locator("[data-testid='stException']").count():
        wrong.append("an exception box: " + tab.locator("[data-testid='stException']").first.inner_text()[:200])
    if chinese:
        wrong += english_words(found["text"])
    return wrong
