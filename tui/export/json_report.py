"""The JSON export: the engine's report model, verbatim, and the JSON Schema that describes it."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from tui.engine.model import Comparison
from tui.engine.report import Review, report_dict

__all__ = ["render_json", "report_schema"]


# json.dumps escapes only U+0000..U+001F; DEL and the C1 controls (U+009B is an 8-bit CSI to
# some terminals) are escaped too, so `--export -` never writes a raw control to a terminal.
# So are lone surrogates: a file name that is not UTF-8 holds one per undecodable byte, which
# no UTF-8 file can hold; "\udce9" keeps it, and Python reads it back as the same name.
# Each can only occur inside strings, where the escape is the same JSON value.
_ESCAPE_DEL_C1_AND_SURROGATES = {
    code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *range(0xD800, 0xE000))
}


def render_json(comparison: Comparison, *, review: Review | None = None) -> str:
    """Pretty, stable JSON (keys in model order, non-ASCII readable, no raw control); ``review`` adds the marks."""
    data = json.dumps(report_dict(comparison, review), ensure_ascii=False, indent=2)
    return data.translate(_ESCAPE_DEL_C1_AND_SURROGATES) + "\n"


def report_schema() -> dict[str, Any]:
    """The report's JSON Schema (draft 2020-12), shipped inside the package for consumers and tests."""
    schema: dict[str, Any] = json.loads(
        (files("tui.export") / "report.schema.json").read_text(encoding="utf-8")
    )
    return schema
