"""Less work between `streamlit run app.py` and the first learner's verdict (the server side of `app.py` uses it).

When Streamlit creates its runtime — before the server even listens — it reads the metadata of every installed
package, looking for "v2" custom components (0.15 s of CPU with the 140 packages of a usual install). This app uses
no custom components, so that scan finds nothing and is skipped (`skip_component_scan`). An app that starts using
a v2 component from an installed package must drop this (`tests/app/test_server_start.py` says so).

Before the first element of the process, Streamlit checks whether it runs without `streamlit run` (to warn about
it) by asking for the whole call stack with source lines; with SymPy loaded that reads the path of every loaded
module, ~0.1 s of the first learner's page. The server runs under `streamlit run` by definition, so the check is
marked done (`skip_direct_run_check`).

The warm-up thread builds a few elements outside any session, which makes Streamlit log "Thread 'dlmath-warm-up':
missing ScriptRunContext!" once per element, six lines at every start that an operator would take for a fault;
`quiet_warm_up_thread` drops that warning for that thread only.

Written against Streamlit 1.67 (`streamlit.components.v2.manifest_scanner`, `streamlit.delta_generator`); what no
longer looks as expected is left alone (and a debug line is logged).
"""
from __future__ import annotations

import logging

_log = logging.getLogger(__name__)


def skip_component_scan() -> None:
    """Make Streamlit's start-up scan for installed v2 components find nothing, without reading every package's
    metadata (call before the runtime is created, i.e. when `app.py` is imported as the server)."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:
        _log.debug("no streamlit.components.v2.manifest_scanner: component scan left alone")
        return
    if not callable(getattr(manifest_scanner, "scan_component_manifests", None)):
        _log.debug("no scan_component_manifests: component scan left alone")
        return
    manifest_scanner.scan_component_manifests = _no_components


def skip_direct_run_check() -> None:
    """Mark Streamlit's "run me with `streamlit run`" check as done (call when `app.py` is imported as the server,
    which only `streamlit run` does)."""
    from streamlit import delta_generator

    if not hasattr(delta_generator, "_use_warning_has_been_displayed"):
        _log.debug("no streamlit.delta_generator._use_warning_has_been_displayed: direct-run check left alone")
        return
    delta_generator._use_warning_has_been_displayed = True


SCRIPT_RUN_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


class _NoContextWarningFor(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warning for the thread named `thread_name`."""

    def __init__(self, thread_name: str):
        super().__init__()
        self.thread_name = thread_name

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.args == (self.thread_name,) and "missing ScriptRunContext" in str(record.msg))


def quiet_warm_up_thread(thread_name: str) -> None:
    """No "missing ScriptRunContext" warnings for the thread `thread_name` (one that draws outside any session on
    purpose); the warning stays for every other thread."""
    logging.getLogger(SCRIPT_RUN_CONTEXT_LOGGER).addFilter(_NoContextWarningFor(thread_name))


def _no_components(max_workers: int | None = None) -> list:
    """What the scan would find for this app: no component manifests."""
    return []
