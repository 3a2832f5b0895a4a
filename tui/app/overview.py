"""A narrow strip showing where the differences are over the whole document.

Each cell of the strip stands for a slice of the panes' virtual lines and
shows the strongest change in that slice (by :func:`~tui.app.kinds.overview_rank`)
with its mark and colour; a bar on the left marks the part now on screen.
Clicking a cell asks the app to scroll there.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tui.app.kinds import FACT_MARK, KIND_MARK, overview_rank
from tui.app.styles import ComponentStyles
from tui.engine.model import Change, Kind

__all__ = ["Overview"]


class Overview(Widget):
    """Differences over the whole document, with the visible window marked."""

    COMPONENT_CLASSES = {
        "overview--window",
        "overview--fact",
        *(f"overview--kind-{k.value}" for k in Kind),
    }

    DEFAULT_CSS = """
    Overview { width: 2; height: 1fr; }
    Overview > .overview--window { color: $accent; }
    Overview > .overview--fact { color: $text-warning; text-style: bold; }
    Overview > .overview--kind-unchanged { color: $foreground 20%; }
    Overview > .overview--kind-reworded { color: $text-primary; }
    Overview > .overview--kind-moved { color: $text-accent; text-style: bold; }
    Overview > .overview--kind-split { color: $text-secondary; text-style: bold; }
    Overview > .overview--kind-merged { color: $text-secondary; text-style: bold; }
    Overview > .overview--kind-added { color: $text-success; text-style: bold; }
    Overview > .overview--kind-dropped { color: $text-error; text-style: bold; }
    """

    class Jump(Message):
        """The reader clicked the strip: scroll the panes so ``line`` is in view."""

        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, Change]] = []  # (start line, end line, change)
        self._cells: list[Change | None] = []
        self._total = 0
        self._window = (0, 0)
        self._style = ComponentStyles(self)

    def show_rows(self, spans: list[tuple[int, int, Change]], total: int) -> None:
        """The rows as (first line, line after, change), and the panes' total height."""
        self._spans, self._total = spans, total
        self._summarise()
        self.refresh()

    def show_window(self, top: int, height: int) -> None:
        self._window = (top, height)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._summarise()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style.clear()

    def _lines_per_cell(self) -> float:
        return max(self._total, 1) / max(self.size.height, 1)

    def _summarise(self) -> None:
        """The strongest change per cell, in one pass over the rows."""
        height = self.size.height
        cells: list[Change | None] = [None] * height
        best = [-1] * height
        scale = self._lines_per_cell()
        for start, end, change in self._spans:
            rank = overview_rank(change)
            first = min(height - 1, int(start / scale))
            last = min(height - 1, int(max(start, end - 1) / scale))
            for cell in range(first, last + 1):
                if rank > best[cell]:
                    best[cell], cells[cell] = rank, change
        self._cells = cells

    def render_line(self, y: int) -> Strip:
        base = self._style("")
        scale = self._lines_per_cell()
        top, height = self._window
        in_window = self._total and y * scale < top + height and (y + 1) * scale > top
        bar = Segment(
            "▐" if in_window else " ", base + self._style("overview--window") if in_window else base
        )
        change = self._cells[y] if y < len(self._cells) else None
        if change is None or change.boilerplate:
            return Strip([bar, Segment(" ", base)], 2)
        if change.facts:
            mark = Segment(FACT_MARK, base + self._style("overview--fact"))
        else:
            mark = Segment(
                KIND_MARK[change.kind], base + self._style(f"overview--kind-{change.kind.value}")
            )
        return Strip([bar, mark], 2)

    def on_click(self, event: events.Click) -> None:
        if self._total:
            self.post_message(self.Jump(int(event.y * self._lines_per_cell())))
