"""Helpers for the browser tests and the app benchmark: start the app, drive Debian's Chromium, wait for a page."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, timeout: float = 30.0) -> None:
    """Poll `/_stcore/health` until the server answers ``ok``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"the app at {url} did not become healthy in {timeout} s")


def start_app(port: int, env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> subprocess.Popen:
    """`streamlit run app.py` on 127.0.0.1:`port`, headless (`args`: more Streamlit options)."""
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false", *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop_app(server: subprocess.Popen) -> None:
    """Stop an app started by `start_app` (killed if it does not stop within 10 s)."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def launch_chromium(playwright):
    """Debian's Chromium driven by Playwright (no `playwright install`)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def wait_rendered(tab, *, charts: bool = True, timeout_ms: int = 30_000) -> None:
    """Wait until the script run has finished (and, with `charts`, a chart has drawn its canvas or svg)."""
    tab.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    chart_drawn = ("document.querySelectorAll(\"[data-testid='stVegaLiteChart'] canvas,"
                   " [data-testid='stVegaLiteChart'] svg\").length > 0") if charts else "true"
    tab.wait_for_function(
        "() => document.querySelector(\"[data-testid='stMain']\")"
        " && !document.querySelector(\"[data-testid='stStatusWidget']\") && " + chart_drawn,
        timeout=timeout_ms)
