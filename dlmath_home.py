"""The app's own folder on this machine: `$DLMATH_HOME`, else `~/.dlmathlab`.

The progress database (`store`), the instructor's exercise folder and the parsed-file cache (`exercises`) live
in it. A module of its own, importing nothing heavy, so both packages can ask without importing each other.
"""
from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "DLMATH_HOME"


def home_dir() -> Path:
    """`$DLMATH_HOME` (a leading `~` expanded), else `~/.dlmathlab`."""
    return Path(os.environ.get(HOME_ENV) or Path.home() / ".dlmathlab").expanduser()
