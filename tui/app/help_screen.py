"""The help screen: every key, read from the bindings themselves so it cannot drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.kinds import FACT_MARK, KIND_MARK, KIND_ORDER
from tui.app.panel import KIND_STYLE, REVIEWED_MARK, SIGNIFICANT_MARK
from tui.app.view_model import NOTE_MARK

__all__ = ["HelpScreen"]

# Keys that Textual or the widgets provide without a binding of ours.
EXTRA_KEYS: tuple[tuple[str, str], ...] = (
    ("tab / shift+tab", "Move focus between the panel and the panes"),
    (
        "↑ ↓ pgup pgdn home end",
        "Scroll the panes (pgdn pages), or move in the panel when it has focus",
    ),
    ("enter (in search)", "Search both texts; then n/p step through the matches"),
    ("escape", "Clear the search (n/p step through differences again); close dialogs"),
    ("ctrl+p", "Command palette: every action, and the theme (dark/light)"),
    ("mouse", "Click a panel line, a pane row or the overview strip to go there"),
)


class HelpScreen(ModalScreen[None]):
    """Keys and the meaning of the gutter marks."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self._listed_bindings = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._keys(), id="help-keys")
            yield Static(self._legend(), id="help-legend")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "compare-tui: keys (escape closes)"

    def _keys(self) -> Content:
        rows = [
            (self._keys_of(b), b.tooltip or b.description)
            for b in self._listed_bindings
            if b.description
        ]
        rows += EXTRA_KEYS
        width = max(len(key) for key, _ in rows) + 2
        return Content("\n").join(
            Content.assemble((f"{key:<{width}}", "$text-accent bold"), description)
            for key, description in rows
        )

    def _keys_of(self, binding: Binding) -> str:
        keys = [key.strip() for key in binding.key.split(",")]
        return " / ".join(self.app.get_key_display(Binding(key, binding.action)) for key in keys)

    def _legend(self) -> Content:
        lines = [Content.styled("\nGutter and panel marks", "bold")]
        for number, kind in enumerate(KIND_ORDER, 1):
            lines.append(
                Content.assemble(
                    (f" {KIND_MARK[kind]}  ", KIND_STYLE[kind]),
                    f"{kind.value} (filter key {number})",
                )
            )
        lines.append(
            Content.assemble(
                (f" {FACT_MARK}  ", "$text-warning bold"),
                "fact drift: a number, name, quote or claim changed (f)",
            )
        )
        lines.append(Content(" ▏  a block spanning the paragraphs of a split or merged group"))
        lines.append(
            Content.assemble(
                (f" {REVIEWED_MARK}{SIGNIFICANT_MARK}{NOTE_MARK}", "$text-success bold"),
                " your review, first in each panel line: reviewed (space), significant (!), has a note (a)",
            )
        )
        lines.append(
            Content(" ↧↥ where a moved paragraph was and where it went (m jumps between them)")
        )
        lines.append(
            Content.assemble(
                ("deleted words", "$text-error strike"),
                " on the left, ",
                ("inserted words", "$text-success underline"),
                " on the right",
            )
        )
        return Content("\n").join(lines)
