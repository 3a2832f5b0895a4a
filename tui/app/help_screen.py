"""The help screen: every key, read from the bindings themselves so it cannot drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.panel import KIND_STYLE, REVIEWED_MARK, SIGNIFICANT_MARK
from tui.app.view_model import NOTE_MARK
from tui.wording import FACT_MARK, KIND_MARK, KIND_ORDER

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
            yield Static(self._legend(), id="help-legend")
            yield Static(self._keys(), id="help-keys")

    def on_mount(self) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        scroll.border_title = "compare-tui: what you see, then every key (escape closes)"
        scroll.focus()  # so ↑ ↓ pgup pgdn home end scroll at once, without a tab first

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
        """What the marks, the numbers, the strip and the status line mean: read before the keys."""
        lines = [Content.styled("Gutter and panel marks", "bold")]
        for number, kind in enumerate(KIND_ORDER, 1):
            lines.append(
                Content.assemble(
                    (f" {KIND_MARK[kind]}  ", KIND_STYLE[kind]),
                    f"{kind.value} (filter key {number})",
                )
            )
        lines += [
            Content.assemble(
                (f" {FACT_MARK}  ", "$text-warning bold"),
                "fact drift: a number, name, quote or claim changed (f lists each fact)",
            ),
            Content.assemble(
                (" ! number: “$47 billion” → “tens of billions”", "$text-warning"),
                " a fact flag under the rewrite, one line each: ! a changed figure, name, date,"
                " quote or meaning; ? an attribution, hedge or modal worth a question",
            ),
            Content(" ▏  a block spanning the paragraphs of a split or merged group"),
            Content.assemble(
                (f" {REVIEWED_MARK}{SIGNIFICANT_MARK}{NOTE_MARK}", "$text-success bold"),
                " your review, first in each panel line: reviewed (space), significant (!), has a note (a)",
            ),
            Content(" ↧↥ where a moved paragraph was and where it went (m jumps between them)"),
            Content.assemble(
                " ",
                ("deleted words", "$text-error strike"),
                " on the left, ",
                ("inserted words", "$text-success underline"),
                " on the right",
            ),
            Content(
                " 12 the paragraph's number, counted from 1 on each side, as in --summary and"
                " the reports; a panel line says ¶6–7→¶5: left ¶6 and ¶7 became right ¶5"
            ),
            Content.styled("\nThe strip at the right edge", "bold"),
            Content(
                " The whole document from top to bottom: each cell shows the strongest difference"
                " in its stretch (its mark and colour, ! for fact drift); ▐ marks the part on"
                " screen. Click a cell to go there."
            ),
            Content.styled("\nThe status line", "bold"),
            Content(
                " difference 3 of 15 (or 3/15): where you are among the listed differences"
                " (match 3 of 12 while searching); reviewed 4 / 15 (✓4/15); 53% similar:"
                " the share of words kept"
            ),
            Content.assemble(
                " ",
                ("~10 ↕0 <0 >1 +11 -15 !5", "bold"),
                ": how many differences of each kind (reworded, moved, split, merged, added,"
                " dropped) and how many fact flags (as --summary and the reports count them); then the hidden boilerplate (b) and"
                " the filters on. On a narrow screen the least needed parts shorten, then go.",
            ),
            Content.styled("\nKeys", "bold"),
        ]
        return Content("\n").join(lines)
