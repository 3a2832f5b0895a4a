"""The JSON export: the engine's report model, verbatim, and the JSON Schema that describes it."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from tui.engine.model import Comparison
from tui.engine.report import Review, report_dict

__all__ = ["render_json", "report_schema"]


def render_json(comparison: Comparison, *, review: Review | None = None) -> str:
    """Pretty, stable JSON (keys in model order, non-ASCII kept readable); ``review`` adds the marks."""
    return json.dumps(report_dict(comparison, review), ensure_ascii=False, indent=2) + "\n"


def report_schema() -> dict[str, Any]:
    """The report's JSON Schema (draft 2020-12), shipped inside the package for consumers and tests."""
    return json.loads((files("tui.export") / "report.schema.json").read_text(encoding="utf-8"))
