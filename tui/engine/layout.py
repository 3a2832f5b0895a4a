"""Side-by-side rows: how a comparison is laid out for reading (the app and the HTML report).

One row per change, in the comparison's reading order, so matched paragraphs
stand level with each other. A moved change is shown with both texts at its
new place (the right side's order), and a *ghost* row marks the place it
left on the left side, so each side keeps its own order visibly and a reader
can jump between the two.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from tui.engine.model import Comparison

__all__ = ["Row", "side_by_side"]


@dataclass(frozen=True, slots=True)
class Row:
    """One row: ``change`` indexes ``Comparison.changes``; ``ghost`` marks a moved paragraph's old place."""

    change: int
    ghost: bool = False


def side_by_side(comparison: Comparison) -> tuple[Row, ...]:
    """Rows for every change, with a ghost row at the old place of each moved change.

    A ghost goes right after the row that shows the left paragraph before the
    moved one (or first, when the moved paragraph opened the left text).
    """
    rows = [Row(index) for index in range(len(comparison.changes))]
    moved = [index for index, change in enumerate(comparison.changes) if change.moved]
    if not moved:
        return tuple(rows)
    # Changes that are not moved keep the left order, so rows grow with left indices.
    left_indices: list[int] = []
    left_rows: list[int] = []
    for index, change in enumerate(comparison.changes):
        if not change.moved:
            left_indices += change.left
            left_rows += [index] * len(change.left)
    ghosts_after: dict[int, list[int]] = {}
    for index in moved:
        position = bisect_left(left_indices, comparison.changes[index].left[0])
        before = left_rows[position - 1] if position else -1
        ghosts_after.setdefault(before, []).append(index)
    laid_out = [Row(index, ghost=True) for index in ghosts_after.get(-1, [])]
    for row in rows:
        laid_out.append(row)
        laid_out += [Row(index, ghost=True) for index in ghosts_after.get(row.change, [])]
    return tuple(laid_out)
