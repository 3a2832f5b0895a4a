"""The note dialog: write or edit the reviewer's note on one difference."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

__all__ = ["NoteEditor"]


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the note (stripped; "" removes it), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="note-dialog"):
            yield Label(self._title, markup=False)
            yield TextArea(self._note, id="note", soft_wrap=True, show_line_numbers=False)
            yield Label("ctrl+s saves, escape cancels; an empty note removes it", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one("#note", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.query_one("#note", TextArea).text.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
