"""The start screen: recent comparisons, two paths to compare, or the bundled example.

Shown when ``compare-tui`` runs without files, and on ``o`` from the reader.
The screen hands its choice back with ``dismiss``: a
:class:`~tui.engine.pipeline.CompareRequest` made with the session's
defaults (so ``--threshold``, the formats and ``--max-size`` hold here too),
or None for "back". What can be known without reading (a missing file, a
folder, too large) is said here at once; reading and comparing run in the
app's worker, and an input found bad there opens this screen again with the
error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import Button, DataTable, Footer, Input, Label, Static

from tui.app.bounded_input import PATH_LENGTH, BoundedInput
from tui.app.confirm import ConfirmScreen
from tui.engine.errors import UserError
from tui.engine.pipeline import CompareRequest, SessionDefaults, check_sources, example_sources
from tui.review.marks import ReviewSummary

__all__ = [
    "StartMessage",
    "StartScreen",
    "PathSuggester",
    "complete_path",
    "missing_sources",
    "progress_label",
]


def complete_path(value: str) -> str | None:
    """``value`` completed to the first matching file or folder (folders end in '/'), or None.

    Hidden entries are offered only once the name being typed starts with a dot.
    """
    if not value.strip():
        return None
    typed = Path(value).expanduser()
    folder, prefix = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
    try:
        with os.scandir(folder) as entries:
            names = sorted(
                entry.name + (os.sep if entry.is_dir() else "")
                for entry in entries
                if entry.name.startswith(prefix)
                and (prefix.startswith(".") or not entry.name.startswith("."))
            )
    except OSError:
        return None
    rest = names[0][len(prefix) :] if names else ""
    return value + rest if rest else None


class PathSuggester(Suggester):
    """Grey completion of file paths in an Input (→ or end accepts it)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the folder can change between keys

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


def progress_label(summary: ReviewSummary) -> str:
    """ "12/48 reviewed", "done (48)"; and "★3" when differences were flagged."""
    progress = (
        f"done ({summary.total})"
        if summary.done and summary.total
        else f"{summary.reviewed}/{summary.total} reviewed"
    )
    return progress + (f" ★{summary.significant}" if summary.significant else "")


def missing_sources(left: str, right: str) -> list[str]:
    """The sources of a remembered pair that cannot be read again: deleted files, or stdin."""
    missing = []
    for source in (left, right):
        if source == "-":
            missing.append("'-' (it was read from stdin)")
        elif urlparse(source).scheme not in ("http", "https") and not Path(source).exists():
            missing.append(source)
    return missing


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class StartMessage:
    """What the app says when it sends the user back here: why, and the pair it was comparing."""

    text: str
    request: CompareRequest
    error: bool = False


def _short(source: str) -> str:
    """A path as the reader knows it: under the home folder with '~'."""
    home = str(Path.home())
    return "~" + source[len(home) :] if source.startswith(home + os.sep) else source


class StartScreen(Screen[CompareRequest | None]):
    """Pick what to compare: a recent pair (enter), two paths, or the example."""

    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Back to the reader",
            id="start.back",
            tooltip="Return to the open comparison",
        ),
        Binding(
            "delete",
            "forget",
            "Forget",
            id="start.forget",
            tooltip="Remove the highlighted recent comparison, with its marks and notes",
        ),
        Binding(
            "ctrl+t",
            "example",
            "Example",
            id="start.example",
            tooltip="Open the bundled news example",
        ),
    ]

    class Forget(Message):
        """The reader asked to forget a recent comparison (its row is gone from the list)."""

        def __init__(self, pair_key: str) -> None:
            super().__init__()
            self.pair_key = pair_key

    def __init__(
        self,
        recent: list[ReviewSummary],
        defaults: SessionDefaults,
        *,
        can_go_back: bool = False,
        message: StartMessage | None = None,
    ) -> None:
        super().__init__()
        self._recent = recent
        self._defaults = defaults
        self._can_go_back = can_go_back
        self._message = message

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="start"):
            yield Static(
                "compare-tui: read two versions of a text against each other", id="start-title"
            )
            yield Label(self._recent_heading(), id="recent-heading")
            table: DataTable[str] = DataTable(id="recent", cursor_type="row", zebra_stripes=True)
            table.display = bool(self._recent)
            yield table
            yield Label(
                "Compare two files (→ accepts a completion, enter compares)", classes="heading"
            )
            with Vertical(id="paths"):
                yield BoundedInput(
                    max_length=PATH_LENGTH,
                    placeholder="the original: path to a file (or a URL)",
                    suggester=PathSuggester(),
                    id="left",
                )
                yield BoundedInput(
                    max_length=PATH_LENGTH,
                    placeholder="the rewrite: path to a file (or a URL)",
                    suggester=PathSuggester(),
                    id="right",
                )
            with Horizontal(classes="buttons"):
                yield Button("Compare", id="compare", variant="primary")
                yield Button("Open the bundled example (ctrl+t)", id="example")
            yield Label("", id="start-message", markup=False)
        yield Footer()

    def _recent_heading(self) -> str:
        if not self._recent:
            return "No recent comparisons yet: open two files below, or the example."
        return "Recent comparisons (enter reopens with your marks and notes; delete forgets one)"

    def on_mount(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.add_columns("Progress", "Original", "Rewrite", "Opened")
        for summary in self._recent:
            table.add_row(
                progress_label(summary),
                _short(summary.left_source),
                _short(summary.right_source),
                _when(summary.opened_at),
                key=summary.pair_key,
            )
        (table if self._recent else self.query_one("#left", Input)).focus()
        if self._message:
            self._show_message(self._message)

    def _show_message(self, message: StartMessage) -> None:
        """Say why the user is back here, with the pair filled in and enter ready to compare it."""
        self.query_one("#left", Input).value = message.request.left
        self.query_one("#right", Input).value = message.request.right
        self.query_one("#right", Input).focus()
        if message.error:
            self.show_error(message.text)
        else:
            self.query_one("#start-message", Label).update(message.text)

    # ----- choices

    @on(DataTable.RowSelected, "#recent")
    def _recent_chosen(self, event: DataTable.RowSelected) -> None:
        summary = self._recent[event.cursor_row]
        missing = missing_sources(summary.left_source, summary.right_source)
        if missing:
            self.show_error(
                "cannot reopen: "
                + " and ".join(missing)
                + (" no longer exists" if len(missing) == 1 else " no longer exist")
            )
            return
        self._open(summary.left_source, summary.right_source)

    @on(Input.Submitted, "#left")
    def _left_submitted(self) -> None:
        self.query_one("#right", Input).focus()

    @on(Input.Submitted, "#right")
    @on(Button.Pressed, "#compare")
    def _compare(self) -> None:
        left, right = (
            self.query_one(f"#{side}", Input).value.strip() for side in ("left", "right")
        )
        if not left or not right:
            self.show_error("give both files: the original and the rewrite")
            self.query_one("#left" if not left else "#right", Input).focus()
            return
        self._open(
            os.path.expanduser(left), os.path.expanduser(right)
        )  # the shell is not there to expand '~'

    @on(Button.Pressed, "#example")
    def action_example(self) -> None:
        self._open(*example_sources())

    def action_forget(self) -> None:
        """Ask, then remove the highlighted recent comparison and tell the app (it owns the store)."""
        table = self.query_one("#recent", DataTable)
        if not self._recent or self.focused is not table:
            return
        summary = self._recent[table.cursor_row]
        question = (
            f"Forget {_short(summary.left_source)} → {_short(summary.right_source)} "
            f"({progress_label(summary)}), with its marks and notes?"
        )
        self.app.push_screen(
            ConfirmScreen(question, "Forget"),
            lambda yes: self._forget(summary) if yes else None,
        )

    def _forget(self, summary: ReviewSummary) -> None:
        table = self.query_one("#recent", DataTable)
        table.remove_row(summary.pair_key)
        self._recent.remove(summary)
        table.display = bool(self._recent)
        self.query_one("#recent-heading", Label).update(self._recent_heading())
        if not self._recent:
            self.query_one("#left", Input).focus()
        self.post_message(self.Forget(summary.pair_key))

    def action_back(self) -> None:
        if self._can_go_back:
            self._hand_back(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self._can_go_back
        if action == "forget":
            return bool(self._recent) and self.focused is self.query_one("#recent", DataTable)
        return True

    def _open(self, left: str, right: str) -> None:
        """Hand back the request, unless a side can already be seen to fail."""
        request = self._defaults.request(left, right)
        try:
            check_sources(request)
        except UserError as error:
            self.show_error(str(error))
            return
        self._hand_back(request)

    def _hand_back(self, choice: CompareRequest | None) -> None:
        """Dismiss with ``choice``, once: keys typed ahead (a second enter) may still reach a
        screen that was already popped, and a second dismiss would pop the reader under it."""
        if self.is_current:
            self.dismiss(choice)

    def show_error(self, message: str) -> None:
        label = self.query_one("#start-message", Label)
        label.add_class("-error")
        label.update(f"error: {message}")
        self.notify(message, title="Cannot open", severity="error", timeout=10)
