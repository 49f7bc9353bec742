"""Page furniture shared by the topic pages: where each page lives, its header, charts and practice panel."""
from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from exercises.topics import TOPICS, Topic, topic_by_id
from ui.i18n import lang, t

ROOT = Path(__file__).resolve().parent.parent
F = TypeVar("F", bound=Callable[..., Any])
LIBRARY_WAIT_SECONDS = 30.0      # the longest a page waits for the start-up load before loading it itself
_warming_up, _warmed_up = threading.Event(), threading.Event()


def topic_page_path(topic: Topic) -> str:
    """The page file of a topic, relative to the app root: ``pages/t07_partial_derivatives.py``."""
    return f"pages/t{topic.number:02d}_{topic.id.replace('-', '_')}.py"


TOPIC_PAGES: dict[str, str] = {topic.id: topic_page_path(topic) for topic in TOPICS}


def topic_header(topic_id: str) -> Topic:
    """Title (number, icon, title in the current language) and the topic's short explanation (never shown to a
    visitor in class mode)."""
    from ui.auth import require_signed_in

    require_signed_in()
    topic = topic_by_id(topic_id)
    st.title(f"{topic.icon} {topic.number}. {topic.title(lang())}")
    st.markdown(t(f"topics.{topic_id}.intro"))
    return topic


def chart_cache(build: F) -> F:
    """Memoise a page's chart builder on its (hashable) arguments — give it the language too when its labels are
    translated: slider values repeat, and a rerun should not rebuild what it drew a moment ago.

    Every session shares the same spec dict: nothing may change a spec after building it (`st.vega_lite_chart`
    copies it before adding its own keys; a test holds it to that). `st.cache_data` would hash the arguments
    with its own hasher and unpickle a fresh copy at every call, ~2 % of a page load. The page script defines its
    builders again at every run; the memo is made once per builder code, and a changed page file has new code,
    so it gets a new one."""
    wrapped = _CHART_BUILDERS.get(build.__code__)
    if wrapped is None:
        wrapped = _CHART_BUILDERS.setdefault(build.__code__, functools.lru_cache(maxsize=CHART_CACHE_SIZE)(build))
    return wrapped


CHART_CACHE_SIZE = 256   # specs kept per chart builder
_CHART_BUILDERS: dict[Any, Any] = {}
"""A page chart builder's code → its memoised wrapper (see `chart_cache`)."""


def show(spec: dict[str, Any], *, stretch: bool = True) -> None:
    """Draw a Vega-Lite spec from `ui.charts` (stretched to the column, or at its own width)."""
    st.vega_lite_chart(spec, width="stretch" if stretch else "content")


def show_row(*specs: dict[str, Any], gap: str = "medium") -> None:
    """Charts side by side on a wide screen, one under the other on a phone (Streamlit's columns stack there):
    each in a column as wide as its share of their `width`s, drawn at its own width."""
    widths = [float(spec.get("width", 200)) + ROW_LABEL_ROOM for spec in specs]
    for column, spec in zip(st.columns(widths, gap=gap), specs):
        with column:
            show(spec, stretch=False)


ROW_LABEL_ROOM = 60   # px beside a chart's `width` for its axis labels, when sharing a row


@functools.lru_cache(maxsize=32)
def contour_chart(f: Callable[[Any, Any], Any], extent: float) -> dict[str, Any]:
    """The contour lines of f(x, y) for a `ui.charts.plane` of half-side `extent` (computed once per function)."""
    from ui import charts
    from ui import topic_models as tm

    lines = tm.plane_contours(f, extent)
    return charts.contour_lines(lines.x, lines.y, lines.x2, lines.y2, lines.level, color_domain=lines.span)


def formula(latex: str) -> None:
    """A display formula that never runs past its column: in a narrow column (a phone, the controls beside a chart)
    it wraps after a relation or an operator (=, +, −), as KaTeX breaks inline maths there; st.latex would scroll."""
    st.markdown(f"$\\displaystyle {latex}$", text_alignment="center", width="stretch")


def warm_up() -> None:
    """Server start-up work: load the exercise library at once, so the first learner's practice panel is ready
    as soon as possible (a page opened meanwhile draws its charts and waits for the panel, see `practice`), then
    start the solver's worker processes and warm the checker.
    Blocks: run it in a background thread, after importing this module (and so SymPy) in that thread."""
    _warming_up.set()
    try:
        from ui.exercise_view import get_library

        get_library()
    finally:
        _warmed_up.set()
    import solver

    solver.warm_up()


def table(columns: Mapping[str, Sequence[Any]], *, fmt: str = ".6g") -> None:
    """A small table of equal-length columns, drawn as Markdown (numbers formatted with `fmt`)."""
    def cell(value: Any) -> str:
        return format(value, fmt) if isinstance(value, (int, float)) else str(value)

    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in zip(*columns.values())]
    st.markdown("\n".join(["| " + " | ".join(columns) + " |", "|" + " ---: |" * len(columns), *rows]))


def practice(topic_id: str) -> None:
    """The shared practice panel at the bottom of a topic page. While the server is still loading the exercise
    library, the page's charts are already on screen and the panel follows the moment the library is ready. Its
    bordered box sets it apart from the page above (no divider needed)."""
    if _warming_up.is_set() and not _warmed_up.is_set():
        with st.spinner(t("common.practice_loading")):
            _warmed_up.wait(timeout=LIBRARY_WAIT_SECONDS)
    from ui.practice import practice_panel   # here: it needs SymPy, which only the topic pages use

    practice_panel(topic_id)


_PAGES_KEY = "layout-pages"
_PAGE_PROTOTYPES: dict[tuple, st.Page] = {}
_prototypes_lock = threading.Lock()


def nav_page(page: str, *, title: str, icon: str, url_path: str, default: bool = False) -> st.Page:
    """``st.Page(page, …)`` for this run's navigation, made once per process and then copied: making one resolves
    its file on disk and checks its icon, 20 times per run for every visitor, and a copy is the same page with
    its own per-run flags."""
    ctx = get_script_run_ctx()
    key = (page, title, icon, url_path, default, ctx and ctx.pages_manager.main_script_path)  # which app
    prototype = _PAGE_PROTOTYPES.get(key)
    if prototype is None:
        prototype = st.Page(page, title=title, icon=icon, url_path=url_path, default=default)
        with _prototypes_lock:
            _PAGE_PROTOTYPES.setdefault(key, prototype)
    page_copy = object.__new__(type(prototype))   # copy.copy, without its generic (and slower) protocol
    page_copy.__dict__.update(prototype.__dict__)
    return page_copy


def remember_pages(pages: dict[str, st.Page]) -> None:
    """Keep this run's navigation pages by id ("home", a topic id, "quiz", …) for `page_of`."""
    st.session_state[_PAGES_KEY] = pages


def page_of(page_id: str) -> st.Page | str:
    """The navigation page `page_id` (links to it are cheap to draw), else its file (AppTest of a lone page)."""
    page = st.session_state.get(_PAGES_KEY, {}).get(page_id)
    return page if page is not None else TOPIC_PAGES.get(page_id, f"pages/{page_id}.py")
