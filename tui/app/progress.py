"""The progress of a comparison running in the background: what is compared, the stage, a bar.

The comparison's thread never touches a widget: it writes the latest
``(stage, done, total)`` into a :class:`ProgressNote` (one attribute
assignment, cheap enough to call per paragraph), and :class:`ComparisonProgress`
reads the note a few times a second on the UI thread.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar

__all__ = ["ComparisonProgress", "ProgressNote"]

POLL_SECONDS = 0.1


class ProgressNote:
    """The latest progress a worker reported: written by its thread, read by the UI."""

    __slots__ = ("latest",)

    def __init__(self) -> None:
        self.latest: tuple[str, int, int] | None = None

    def report(self, stage: str, done: int, total: int) -> None:
        self.latest = (stage, done, total)


class ComparisonProgress(Vertical):
    """Shown in place of the panes while a comparison runs; escape cancels, q quits."""

    DEFAULT_CSS = """
    ComparisonProgress { height: 1fr; align: center middle; display: none; }
    ComparisonProgress > Label { width: 1fr; content-align: center middle; color: $text-muted; }
    ComparisonProgress > ProgressBar { width: auto; margin: 1 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._note: ProgressNote | None = None
        self._shown: tuple[str, int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="progress-what", markup=False)
        yield ProgressBar(total=None, show_eta=False, id="progress-bar")
        yield Label("", id="progress-stage", markup=False)

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self._poll)

    def follow(self, what: str, note: ProgressNote) -> None:
        """Show ``what`` is being compared and follow ``note`` until :meth:`stop`."""
        self._note, self._shown = note, None
        self.query_one("#progress-what", Label).update(what)
        self.query_one("#progress-stage", Label).update("starting… (escape cancels, q quits)")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.display = True

    def stop(self) -> None:
        self._note = None
        self.display = False

    def _poll(self) -> None:
        latest = None if self._note is None else self._note.latest
        if latest is None or latest == self._shown:
            return
        self._shown = latest
        stage, done, total = latest
        # A single-step stage (aligning) has no parts to count: the bar pulses instead.
        self.query_one(ProgressBar).update(total=total if total > 1 else None, progress=done)
        count = f": {done:,} of {total:,}" if total > 1 else "…"
        self.query_one("#progress-stage", Label).update(f"{stage}{count}   escape cancels, q quits")
