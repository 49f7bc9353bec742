"""Extra functions for exercise-file (template) expressions."""
from __future__ import annotations

from .functions import FunctionSpec

TEMPLATE_FUNCTIONS: dict[str, FunctionSpec] = {}
