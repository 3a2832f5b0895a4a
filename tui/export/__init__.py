"""Exporters: one report model (:mod:`tui.engine.report`), three renderings.

No Textual import here either: the CLI's ``--export`` and the app's export
dialog call the same :func:`render` and :func:`export`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from tui.engine.errors import ExportError
from tui.engine.model import Comparison
from tui.engine.report import Review
from tui.export.writing import check_target, write_atomically

__all__ = [
    "FORMATS",
    "check_target",
    "format_for_path",
    "input_sources",
    "render",
    "render_pieces",
    "export",
]

# Format name -> file extensions that select it.
FORMATS: dict[str, tuple[str, ...]] = {
    "json": (".json",),
    "md": (".md", ".markdown"),
    "html": (".html", ".htm"),
}


def _renderer(fmt: str) -> Callable[..., str]:
    # Imported on demand: the CLI loads only the renderer it uses.
    if fmt == "json":
        from tui.export.json_report import render_json

        return render_json
    if fmt == "md":
        from tui.export.markdown import render_markdown

        return render_markdown
    if fmt == "html":
        from tui.export.html import render_html

        return render_html
    raise ExportError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


def format_for_path(path: str, requested: str | None = None) -> str:
    """The format to write: ``requested`` if given, else the one the file extension names."""
    if requested:
        if requested not in FORMATS:
            raise ExportError(
                f"unknown report format {requested!r} (choose from {', '.join(FORMATS)})"
            )
        return requested
    suffix = Path(path).suffix.lower()
    for fmt, suffixes in FORMATS.items():
        if suffix in suffixes:
            return fmt
    raise ExportError(
        f"cannot tell the report format from {path!r}: use a .json, .md or .html name, or --format"
    )


def render(comparison: Comparison, fmt: str, *, review: Review | None = None) -> str:
    """The report of ``comparison`` in format ``fmt`` ("json", "md" or "html").

    ``review`` (change index -> the reviewer's mark) puts the marks and notes in the report.
    """
    return _renderer(fmt)(comparison, review=review)


def render_pieces(
    comparison: Comparison, fmt: str, *, review: Review | None = None
) -> Iterable[str]:
    """The text of :func:`render` in pieces to write one after another: JSON a change at a time
    (:func:`~tui.export.json_report.json_pieces`), so a book's report never stands whole in
    memory; the other formats in one piece."""
    if fmt == "json":
        from tui.export.json_report import json_pieces

        return json_pieces(comparison, review=review)
    return (render(comparison, fmt, review=review),)


def export(
    comparison: Comparison,
    path: Path,
    fmt: str,
    *,
    overwrite: bool = False,
    review: Review | None = None,
) -> Path:
    """Render and write atomically; refuses to overwrite unless asked, and refuses the inputs always."""
    return write_atomically(
        path,
        render_pieces(comparison, fmt, review=review),
        overwrite=overwrite,
        inputs=input_sources(comparison),
    )


def input_sources(comparison: Comparison) -> tuple[str, str]:
    """What a report must never replace: the two sources compared."""
    return comparison.left.source, comparison.right.source
