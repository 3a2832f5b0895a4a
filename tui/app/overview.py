"""A narrow strip showing where the differences are over the whole document.

Each cell of the strip stands for a slice of the panes' virtual lines and
shows the strongest change in that slice (by :func:`overview_rank`)
with its mark and colour; a bar on the left marks the part now on screen.
Clicking a cell asks the app to scroll there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tui.app.styles import ComponentStyles
from tui.engine.model import Change, Comparison, Kind
from tui.wording import FACT_MARK, KIND_MARK

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Overview", "overview_rank", "strongest_rows"]


def strongest_rows(
    starts: np.ndarray, total: int, ranks: np.ndarray, height: int
) -> list[int | None]:
    """For each of ``height`` cells over ``total`` lines, the row of highest rank among those it shows.

    Rows start at the lines ``starts`` (increasing) and end where the next
    begins; a cell stands for ``total / height`` lines. Ties go to the first
    row; a cell no row reaches is None. By array arithmetic, since 20,000 rows
    are summarised on every filter change (a Python loop took ~0.1 s): each row
    is spread over the cells its lines touch, and each cell keeps the maximum
    of rank × rows + (rows − 1 − row).
    """
    import numpy as np  # imported by the comparison, not before the app's first frame

    count = len(starts)
    if height <= 0 or not count:
        return [None] * max(height, 0)
    scale = max(total, 1) / height
    ends = np.append(starts[1:], total)
    first = np.minimum(height - 1, (starts / scale).astype(np.int64))
    last = np.minimum(height - 1, (np.maximum(starts, ends - 1) / scale).astype(np.int64))
    spans = last - first + 1
    row_of = np.repeat(np.arange(count), spans)
    cell_of = (
        np.repeat(first, spans)
        + np.arange(len(row_of))
        - np.repeat(np.cumsum(spans) - spans, spans)
    )
    best = np.full(height, -1, dtype=np.int64)
    np.maximum.at(best, cell_of, ranks[row_of] * count + (count - 1 - row_of))
    return [None if value < 0 else count - 1 - value % count for value in best.tolist()]


# Which kind wins when one cell of the strip covers several changes:
# whole paragraphs gained or lost matter most, rewording least.
_OVERVIEW_RANK = {
    Kind.UNCHANGED: 0,
    Kind.REWORDED: 1,
    Kind.SPLIT: 2,
    Kind.MERGED: 2,
    Kind.MOVED: 3,
    Kind.ADDED: 4,
    Kind.DROPPED: 4,
}


def overview_rank(change: Change) -> int:
    """How strongly a change should show in the strip (boilerplate barely)."""
    return 0 if change.boilerplate else _OVERVIEW_RANK[change.kind] + (5 if change.facts else 0)


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
        # Arrays once rows are shown: numpy is not imported before the app's first frame.
        self._starts: np.ndarray | None = None  # first line of each row
        self._row_changes: np.ndarray | None = None  # change index of each row
        self._changes: tuple[Change, ...] = ()
        self._ranks: np.ndarray | None = None  # overview_rank of each change
        self._cells: list[Change | None] = []
        self._total = 0
        self._window = (0, 0)
        self._style = ComponentStyles(self)

    def show_rows(
        self, starts: Sequence[int], total: int, row_changes: np.ndarray, comparison: Comparison
    ) -> None:
        """The rows by their first lines and change indices, and the panes' total height."""
        import numpy as np

        if comparison.changes is not self._changes or self._ranks is None:
            self._changes = comparison.changes
            self._ranks = np.array([overview_rank(c) for c in self._changes], dtype=np.int64)
        self._starts = np.asarray(starts, dtype=np.int64)
        self._row_changes, self._total = row_changes, total
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
        """The strongest change per cell."""
        if self._starts is None or self._row_changes is None or self._ranks is None:
            return  # no rows shown yet
        rows = strongest_rows(
            self._starts, self._total, self._ranks[self._row_changes], self.size.height
        )
        self._cells = [
            None if row is None else self._changes[self._row_changes[row]] for row in rows
        ]

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
