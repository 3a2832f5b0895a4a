"""The JSON export: the engine's report model, verbatim."""

from __future__ import annotations

import json

from tui.engine.model import Comparison
from tui.engine.report import report_dict

__all__ = ["render_json"]


def render_json(comparison: Comparison) -> str:
    """Pretty, stable JSON (keys in model order, non-ASCII kept readable)."""
    return json.dumps(report_dict(comparison), ensure_ascii=False, indent=2) + "\n"
