"""Where each side's text sits across the panes: the gutters, the column widths, one side or both.

The panes draw it and the pane titles above them follow it, so the two can
never disagree. A gutter holds, before each side's text, the paragraph number
(counted from 1, as in ``--summary`` and the reports; as wide as the longer
side's count), the kind mark, the fact mark and a space::

    12 ~!The council signed off …   │  10 ~ The council signed …

Below :data:`MIN_SIDE_BY_SIDE` cells the two columns would be too narrow to
read, so the panes show one side at a time and a key switches it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.app.view_model import LEFT, RIGHT

__all__ = [
    "BOTH",
    "DIVIDER",
    "MARKS",
    "MIN_SIDE_BY_SIDE",
    "Columns",
    "number_width",
    "shown_sides",
]

BOTH = (LEFT, RIGHT)
DIVIDER = " │ "
MARKS = 3  # kind mark, fact mark, space
MIN_SIDE_BY_SIDE = 60  # pane width (cells) below which one side is shown at a time


def number_width(left_paragraphs: int, right_paragraphs: int) -> int:
    """Cells for the longer side's highest paragraph number."""
    return len(str(max(left_paragraphs, right_paragraphs, 1)))


def shown_sides(width: int, focus: str) -> tuple[str, ...]:
    """Both sides when ``width`` cells can hold two readable columns, else only the side in focus."""
    return BOTH if width >= MIN_SIDE_BY_SIDE else (focus,)


@dataclass(frozen=True, slots=True)
class Columns:
    """The panes' ``width`` cells cut into a gutter and a text column for each side in ``sides``."""

    width: int
    numbers: int  # cells of the paragraph numbers (see :func:`number_width`)
    sides: tuple[str, ...] = BOTH

    @property
    def gutter(self) -> int:
        """Cells before each column's text: the number, a space, the marks."""
        return self.numbers + 1 + MARKS

    def text_width(self, side: str) -> int:
        """Cells of ``side``'s text (0 when it is not shown); the left column is the narrower by one."""
        if side not in self.sides:
            return 0
        if len(self.sides) == 1:
            return max(2, self.width - self.gutter)
        text = max(2, self.width - 2 * self.gutter - len(DIVIDER))
        return text // 2 if side == LEFT else text - text // 2

    def side_at(self, x: int) -> str:
        """The side drawn at cell ``x`` (the divider belongs to the right)."""
        if len(self.sides) == 1:
            return self.sides[0]
        return LEFT if x < self.gutter + self.text_width(LEFT) else RIGHT
