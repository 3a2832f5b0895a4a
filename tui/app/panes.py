"""The two aligned panes, drawn as one line-API widget so they can never scroll apart.

Each row of :class:`~tui.app.view_model.ReaderModel` is a left cell and a right
cell wrapped to their column widths; the row is as tall as the taller cell
plus one blank line, so matched paragraphs always start on the same screen
line. Only visible rows are rendered (an LRU cache of row strips, like
toolong's ``LogLines``); row heights come from :func:`~tui.app.wrapping.wrap_offsets`
alone, which is fast enough to lay out 20,000 rows on every resize.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.kinds import FACT_MARK, KIND_MARK
from tui.app.styles import ComponentStyles
from tui.app.view_model import LEFT, RIGHT, Match, Part, ReaderModel
from tui.app.wrapping import wrap_offsets
from tui.engine.model import Change, Comparison, Kind

__all__ = ["SideBySide", "column_widths", "GUTTER", "DIVIDER"]

GUTTER = 3  # kind mark, fact mark, space
DIVIDER = " │ "


_STYLED_ROLES = {
    "marker",
    "excerpt",
    "fact",
    "note",
}  # parts other than paragraphs with a style of their own


def column_widths(width: int) -> tuple[int, int]:
    """Text widths of the left and right columns for a pane area ``width`` cells wide."""
    text = max(2, width - 2 * GUTTER - len(DIVIDER))
    return text // 2, text - text // 2


@dataclass(frozen=True, slots=True)
class _Geometry:
    width: int
    left_width: int
    right_width: int
    row_starts: tuple[int, ...]
    total: int

    def row_at(self, line: int) -> int:
        return bisect_right(self.row_starts, line) - 1


class _WrapCache:
    """Line starts of the paragraphs of one comparison at one pane width.

    Keyed by side and paragraph index, which name a paragraph only within its
    comparison: a new comparison (or width) gets a new cache, never a cleared
    one, so a second comparison in a session cannot be cut at the first one's
    line breaks. Rebuilding the model for a filter keeps the cache (the
    comparison is the same object), which is what makes filters fast.
    """

    def __init__(self, comparison: Comparison, width: int) -> None:
        self.comparison = comparison
        self.width = width
        self._offsets: dict[tuple[str, int, int], tuple[int, ...]] = {}

    def fits(self, comparison: Comparison, width: int) -> bool:
        return comparison is self.comparison and width == self.width

    def offsets(self, part: Part, side: str, width: int) -> tuple[int, ...]:
        """``part``'s line starts in a column ``width`` cells wide (the left and right columns differ by one)."""
        key = (side, part.paragraph or 0, width)
        offsets = self._offsets.get(key)
        if offsets is None:
            offsets = self._offsets[key] = wrap_offsets(part.text, width)
        return offsets


class SideBySide(ScrollView, can_focus=True):
    """Both texts, row by row, with word highlights, gutter marks and search matches."""

    COMPONENT_CLASSES = {
        "pane--divider",
        "pane--gutter-current",
        "pane--marker",
        "pane--excerpt",
        "pane--fact",
        "pane--fact-mark",
        "pane--note",
        "pane--boilerplate",
        "pane--deleted",
        "pane--inserted",
        "pane--added",
        "pane--dropped",
        "pane--search",
        "pane--search-current",
        *(f"pane--kind-{kind.value}" for kind in Kind),
    }

    DEFAULT_CSS = """
    SideBySide { scrollbar-size-vertical: 0; overflow-x: hidden; }
    SideBySide > .pane--divider { color: $foreground 30%; }
    SideBySide > .pane--gutter-current { background: $accent 40%; }
    SideBySide > .pane--marker { color: $text-accent; text-style: italic; }
    SideBySide > .pane--excerpt { color: $text-muted; text-style: strike; }
    SideBySide > .pane--fact { color: $text-warning; }
    SideBySide > .pane--fact-mark { color: $text-warning; text-style: bold; }
    SideBySide > .pane--note { color: $text-accent; text-style: italic; }
    SideBySide > .pane--boilerplate { color: $text-muted; text-style: italic; }
    SideBySide > .pane--deleted { color: $text-error; background: $error 20%; text-style: strike; }
    SideBySide > .pane--inserted { color: $text-success; background: $success 20%; text-style: underline; }
    SideBySide > .pane--added { background: $success 8%; }
    SideBySide > .pane--dropped { background: $error 8%; }
    SideBySide > .pane--search { background: $warning 50%; }
    SideBySide > .pane--search-current { background: $warning; color: $background; text-style: bold; }
    SideBySide > .pane--kind-unchanged { color: $foreground 40%; }
    SideBySide > .pane--kind-reworded { color: $text-primary; text-style: bold; }
    SideBySide > .pane--kind-moved { color: $text-accent; text-style: bold; }
    SideBySide > .pane--kind-split { color: $text-secondary; text-style: bold; }
    SideBySide > .pane--kind-merged { color: $text-secondary; text-style: bold; }
    SideBySide > .pane--kind-added { color: $text-success; text-style: bold; }
    SideBySide > .pane--kind-dropped { color: $text-error; text-style: bold; }
    """

    BINDINGS = [
        Binding(
            "j",
            "scroll_down",
            "Scroll down",
            show=False,
            id="pane.scroll_down",
            tooltip="In the panes: scroll a line down",
        ),
        Binding(
            "k",
            "scroll_up",
            "Scroll up",
            show=False,
            id="pane.scroll_up",
            tooltip="In the panes: scroll a line up",
        ),
    ]

    class RowClicked(Message):
        """The reader clicked a row; ``change`` indexes ``Comparison.changes``."""

        def __init__(self, change: int, ghost: bool) -> None:
            super().__init__()
            self.change = change
            self.ghost = ghost

    class Scrolled(Message):
        """The visible window moved: ``top`` and ``height`` in lines of ``total``."""

        def __init__(self, panes: SideBySide, top: int, height: int, total: int) -> None:
            super().__init__()
            self.panes, self.top, self.height, self.total = panes, top, height, total

        @property
        def control(self) -> SideBySide:
            return self.panes

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model: ReaderModel | None = None
        self.current: int | None = None  # change index of the current difference
        self.matches: tuple[Match, ...] = ()
        self.current_match: int | None = None
        self._matches_by_paragraph: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
        self._geometry: _Geometry | None = None
        self._wrapped: _WrapCache | None = None
        self._pending_row: int | None = None  # asked for before the panes had a width
        self._row_cache: LRUCache[tuple[int, bool], list[Strip]] = LRUCache(maxsize=512)
        self._style = ComponentStyles(self)

    # ----- state set by the app ("attributes down")

    def show_model(self, model: ReaderModel) -> None:
        """Draw ``model``'s rows (after a new comparison or a filter change)."""
        self.model = model
        self.matches, self.current_match, self._matches_by_paragraph = (), None, {}
        # The old geometry belongs to the old rows: forget it even when there is no width to
        # lay out the new ones yet (behind another screen the panes are 0 cells wide).
        self._geometry = None
        self._row_cache.clear()
        self._relayout()

    def set_current(self, change: int | None) -> None:
        """Mark the current difference (its gutter is highlighted)."""
        previous, self.current = self.current, change
        for index in (previous, change):
            self._forget_change(index)
        self.refresh()

    def set_matches(self, matches: tuple[Match, ...], current: int | None) -> None:
        """Highlight search matches, ``current`` (an index into ``matches``) strongest."""
        self.matches, self.current_match = matches, current
        by_paragraph: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
        for number, match in enumerate(matches):
            by_paragraph.setdefault((match.side, match.paragraph), []).append(
                (match.start, match.end, number)
            )
        self._matches_by_paragraph = by_paragraph
        self._row_cache.clear()
        self.refresh()

    # ----- geometry

    @property
    def row_starts(self) -> tuple[int, ...]:
        return self._geometry.row_starts if self._geometry else ()

    def row_at_line(self, line: int) -> int | None:
        """Index of the row drawn at virtual line ``line``, if any."""
        if not self._geometry or not self.model or not self.model.rows:
            return None
        return max(0, min(self._geometry.row_at(line), len(self.model.rows) - 1))

    def match_line(self, match: Match) -> int:
        """Virtual line on which a search match starts."""
        assert self._geometry is not None and self.model is not None
        line = self._geometry.row_starts[match.row]
        width = self._geometry.left_width if match.side == LEFT else self._geometry.right_width
        for part in self.model.cell_parts(self.model.rows[match.row], match.side):
            offsets = self._wrap(part, match.side, width)
            if part.role == "paragraph" and part.paragraph == match.paragraph:
                return line + bisect_right(offsets, match.start) - 1
            line += len(offsets)
        return line

    def scroll_to_line(self, line: int, *, context: int = 1) -> None:
        """Bring a virtual line near the top of the view, keeping ``context`` lines above it."""
        self.scroll_to(y=max(0, line - context), animate=False, immediate=True)

    def scroll_to_row(self, row: int) -> None:
        """Bring row ``row`` to the top; before the first layout, as soon as there is one."""
        if self._geometry is None:
            self._pending_row = row
        elif 0 <= row < len(self._geometry.row_starts):
            self.scroll_to_line(self._geometry.row_starts[row])

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if not self.model or width <= 0:
            return
        left_width, right_width = column_widths(width)
        if not self._wrapped or not self._wrapped.fits(self.model.comparison, width):
            self._wrapped = _WrapCache(self.model.comparison, width)
        starts, line = [], 0
        for row in self.model.rows:
            starts.append(line)
            line += (
                max(
                    self._cell_height(row, LEFT, left_width),
                    self._cell_height(row, RIGHT, right_width),
                )
                + 1
            )
        self._geometry = _Geometry(width, left_width, right_width, tuple(starts), line)
        self._row_cache.clear()
        self.virtual_size = Size(width, line)
        if self._pending_row is not None:
            pending, self._pending_row = self._pending_row, None
            self.scroll_to_row(pending)
        self.refresh()
        self._report_scroll()

    def _cell_height(self, row, side: str, width: int) -> int:
        return sum(len(self._wrap(part, side, width)) for part in self.model.cell_parts(row, side))

    def _wrap(self, part: Part, side: str, width: int) -> tuple[int, ...]:
        if part.role != "paragraph" or self._wrapped is None:
            return wrap_offsets(part.text, width)
        return self._wrapped.offsets(part, side, width)

    def on_resize(self, event: events.Resize) -> None:
        if not self._geometry or self._geometry.width != self.scrollable_content_region.width:
            self._relayout()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: the cached strips carry old colours."""
        super().notify_style_update()
        self._style.clear()
        self._row_cache.clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._report_scroll()

    def _report_scroll(self) -> None:
        total = self._geometry.total if self._geometry else 0
        self.post_message(
            self.Scrolled(self, round(self.scroll_y), self.scrollable_content_region.height, total)
        )

    # ----- drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_y) + y
        if not self._geometry or not self.model or line >= self._geometry.total:
            return Strip.blank(width, self._style(""))
        row = self._geometry.row_at(line)
        strips = self._row_strips(row)
        offset = line - self._geometry.row_starts[row]
        return strips[offset] if offset < len(strips) else Strip.blank(width, self._style(""))

    def _forget_change(self, change: int | None) -> None:
        if change is None or not self.model:
            return
        for rows in (self.model.row_of_change, self.model.ghost_row_of_change):
            if change in rows:
                self._row_cache.discard((rows[change], True))
                self._row_cache.discard((rows[change], False))

    def _row_strips(self, row_number: int) -> list[Strip]:
        row = self.model.rows[row_number]
        current = row.change == self.current
        key = (row_number, current)
        cached = self._row_cache.get(key)
        if cached is None:
            cached = self._row_cache[key] = self._render_row(row_number, current)
        return cached

    def _render_row(self, row_number: int, current: bool) -> list[Strip]:
        geometry = self._geometry
        row = self.model.rows[row_number]
        change = self.model.comparison.changes[row.change]
        left = self._cell_lines(row, change, LEFT, geometry.left_width)
        right = self._cell_lines(row, change, RIGHT, geometry.right_width)
        height = max(len(left), len(right)) + 1
        base = self._style("")
        divider = Strip([Segment(DIVIDER, base + self._style("pane--divider"))])
        strips = []
        for y in range(height):
            strips.append(
                Strip.join(
                    [
                        self._gutter(change, row.ghost, LEFT, y, len(left), current),
                        _line_or_blank(left, y, geometry.left_width, base),
                        divider,
                        self._gutter(change, row.ghost, RIGHT, y, len(right), current),
                        _line_or_blank(right, y, geometry.right_width, base),
                    ]
                )
            )
        return strips

    def _gutter(
        self, change: Change, ghost: bool, side: str, y: int, height: int, current: bool
    ) -> Strip:
        base = self._style("")
        if current:
            base += self._style("pane--gutter-current")
        if y >= height:
            return Strip([Segment(" " * GUTTER, base)], GUTTER)
        kind = Kind.MOVED if ghost else change.kind
        mark = KIND_MARK[kind] if y == 0 else ("▏" if kind is not Kind.UNCHANGED else " ")
        fact = FACT_MARK if y == 0 and change.facts and side == RIGHT else " "
        kind_style = base + self._style(f"pane--kind-{kind.value}")
        fact_style = base + self._style("pane--fact-mark")
        return Strip(
            [Segment(mark, kind_style), Segment(fact, fact_style), Segment(" ", base)], GUTTER
        )

    def _cell_lines(self, row, change: Change, side: str, width: int) -> list[Strip]:
        console = self.app.console
        base = self._style("")
        if change.boilerplate:
            base += self._style("pane--boilerplate")
        elif change.kind is Kind.ADDED:
            base += self._style("pane--added")
        elif change.kind is Kind.DROPPED:
            base += self._style("pane--dropped")
        lines: list[Strip] = []
        for part in self.model.cell_parts(row, side):
            text = self._styled(part, change, side)
            offsets = self._wrap(part, side, width)
            for piece in text.divide(offsets[1:]):
                piece.rstrip()
                strip = Strip(piece.render(console)).apply_style(base)
                lines.append(strip.adjust_cell_length(width, base))
        return lines

    def _styled(self, part: Part, change: Change, side: str) -> Text:
        if part.role != "paragraph":
            return Text(
                part.text,
                style=self._style(f"pane--{part.role}") if part.role in _STYLED_ROLES else "",
            )
        text = Text(part.text)
        if change.inline is not None:
            spans = (change.inline.left if side == LEFT else change.inline.right)[part.position]
            style = self._style("pane--deleted" if side == LEFT else "pane--inserted")
            start = 0
            for span in spans:
                end = start + len(span.text)
                if span.changed:
                    text.stylize(style, start, end)
                start = end
        for start, end, number in self._matches_by_paragraph.get((side, part.paragraph), ()):
            name = "pane--search-current" if number == self.current_match else "pane--search"
            text.stylize(self._style(name), start, end)
        return text

    # ----- mouse

    def on_click(self, event: events.Click) -> None:
        if not self._geometry or not self.model or not self.model.rows:
            return
        offset = event.get_content_offset(self)
        line = None if offset is None else round(self.scroll_y) + offset.y
        if line is not None and line < self._geometry.total:
            row = self.model.rows[self._geometry.row_at(line)]
            self.post_message(self.RowClicked(row.change, row.ghost))


def _line_or_blank(lines: list[Strip], y: int, width: int, style: Style) -> Strip:
    return lines[y] if y < len(lines) else Strip.blank(width, style)
