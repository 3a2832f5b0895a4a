"""The export dialog: choose a format and a path, confirm an overwrite, write the report.

Writes through :func:`tui.export.export`, the same code as the CLI's ``--export``,
with the reviewer's marks and notes when a review is open.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from tui.app.bounded_input import PATH_LENGTH, BoundedInput
from tui.app.confirm import ConfirmScreen
from tui.engine.errors import UserError
from tui.engine.model import Comparison
from tui.engine.report import Review
from tui.export import FORMATS, check_target, export, input_sources

__all__ = ["ExportDialog", "default_report_name"]

_FORMAT_LABELS = {
    "html": "HTML (to read or share)",
    "md": "Markdown",
    "json": "JSON (for programs)",
}


def _stem(source: str) -> str:
    """A file-name-safe short name for a source: a path's stem, a URL's last segment, stdin."""
    if source == "-":
        return "stdin"
    parsed = urlparse(source)
    if parsed.scheme in ("http", "https"):
        source = parsed.path.rstrip("/") or parsed.netloc
    name = Path(source).stem or "text"
    return re.sub(r"[^\w.-]+", "-", name).strip("-.")[:40] or "text"


def default_report_name(comparison: Comparison, fmt: str) -> str:
    """``original-vs-repost.html``: made from the two sources."""
    return f"{_stem(comparison.left.source)}-vs-{_stem(comparison.right.source)}.{fmt}"


class ExportDialog(ModalScreen[tuple[Path, str] | None]):
    """Format, path, write; dismisses with the written path and its format, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(
        self,
        comparison: Comparison,
        directory: Path,
        fmt: str = "html",
        *,
        review: Review | None = None,
    ) -> None:
        super().__init__()
        self._comparison = comparison
        self._directory = directory
        self._format = fmt if fmt in FORMATS else "html"
        self._review = review

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="export-dialog"):
            yield Label("Export a report")
            yield Select(
                [(_FORMAT_LABELS[fmt], fmt) for fmt in FORMATS],
                value=self._format,
                allow_blank=False,
                id="format",
            )
            yield BoundedInput(
                str(self._directory / default_report_name(self._comparison, self._format)),
                max_length=PATH_LENGTH,
                id="path",
            )
            yield Label("", id="export-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Write", id="write", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Keep the file extension in step with the chosen format."""
        self._format = str(event.value)
        field = self.query_one("#path", Input)
        path = Path(field.value)
        known = {suffix for suffixes in FORMATS.values() for suffix in suffixes}
        if path.suffix.lower() in known:
            field.value = str(path.with_suffix(f".{self._format}"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#write")
    @on(Input.Submitted, "#path")
    def _write_requested(self) -> None:
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        if not path.name:
            self._show_error("give a file name")
            return
        try:  # an input, a device, a name too long: refused before asking about an overwrite
            check_target(path, overwrite=True, inputs=input_sources(self._comparison))
        except UserError as error:
            self._show_error(str(error))
            return
        if path.exists():
            self.app.push_screen(
                ConfirmScreen(f"{path} exists. Overwrite it?", "Overwrite"),
                lambda yes: self._write(path, overwrite=True) if yes else None,
            )
        else:
            self._write(path, overwrite=False)

    def _write(self, path: Path, *, overwrite: bool) -> None:
        try:
            written = export(
                self._comparison, path, self._format, overwrite=overwrite, review=self._review
            )
        except UserError as error:
            self._show_error(str(error))
            return
        self.dismiss((written, self._format))

    def _show_error(self, message: str) -> None:
        self.query_one("#export-error", Label).update(f"Cannot write: {message}")
