"""The report model: a :class:`~tui.engine.model.Comparison` as plain, versioned JSON data.

This is the one model every exporter renders, and the JSON export *is* this
dict. Version 1 is a contract: later versions add fields, never remove or
change these::

    {"format": "compare-tui-report", "version": 1,
     "left":  {"source": ..., "paragraphs": [...]},
     "right": {"source": ..., "paragraphs": [...]},
     "summary": {"<kind>": count, ..., "boilerplate": count, "similarity": 0..1},
     "changes": [{"kind": ..., "left": [...], "right": [...], "similarity": 0..1}, ...]}
"""

from __future__ import annotations

from typing import Any

from tui.engine.model import Change, Comparison, Document

__all__ = ["REPORT_FORMAT", "REPORT_VERSION", "report_dict"]

REPORT_FORMAT = "compare-tui-report"
REPORT_VERSION = 1


def report_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data (see the module docstring for the contract)."""
    summary: dict[str, Any] = dict(comparison.counts())
    summary["similarity"] = comparison.similarity
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "left": _side(comparison.left),
        "right": _side(comparison.right),
        "summary": summary,
        "changes": [_change(change) for change in comparison.changes],
    }


def _side(document: Document) -> dict[str, Any]:
    return {
        "source": document.source,
        "encoding": document.encoding,
        "format": document.format,
        "title": document.title,
        "paragraphs": [p.text for p in document.paragraphs],
        "boilerplate": {str(p.index): p.boilerplate for p in document.paragraphs if p.boilerplate},
    }


def _change(change: Change) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": change.kind.value,
        "left": list(change.left),
        "right": list(change.right),
        "similarity": change.similarity,
        "cosmetic": change.cosmetic,
        "boilerplate": change.boilerplate,
        "moved": change.moved,
    }
    if change.inline is not None:
        data["ops"] = [{"op": op.op, "left": op.left, "right": op.right} for op in change.inline.ops]
    data["facts"] = [
        {"kind": f.kind, "severity": f.severity, "left": f.left, "right": f.right, "reason": f.reason}
        for f in change.facts
    ]
    return data
