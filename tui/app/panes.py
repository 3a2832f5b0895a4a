"""The two aligned panes, drawn as one line-API widget so they can never scroll apart.

Each row of :class:`~tui.app.view_model.ReaderModel` is a left cell and a right
cell wrapped to their column widths (:class:`~tui.app.columns.Columns`); the
row is as tall as the taller cell plus one blank line, so matched paragraphs
always start on the same screen line. Each paragraph's number stands in the
gutter on its first line. Only visible rows are rendered (an LRU cache of row
strips, like toolong's ``LogLines``); row heights come from
:func:`~tui.app.wrapping.wrap_offsets` alone and are kept per comparison and
column layout, so a filter change re-adds 20,000 cached heights instead of
re-wrapping 20,000 rows.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

from tui.app.columns import DIVIDER, Columns, number_width, shown_sides
from tui.app.styles import ComponentStyles
from tui.app.view_model import LEFT, RIGHT, Match, Part, ReaderModel, fact_words
from tui.app.wrapping import wrap_offsets
from tui.engine.layout import Row
from tui.engine.model import Change, Comparison, Kind
from tui.wording import BOILERPLATE_MARK, FACT_MARK, KIND_MARK

if TYPE_CHECKING:
    import numpy as np

__all__ = ["SideBySide"]


_STYLED_ROLES = {
    "marker",
    "excerpt",
    "fact",
    "note",
}  # parts other than paragraphs with a style of their own
_ONE_LINE_ROLES = {"fact"}  # never wrapped: cut to the column with an ellipsis


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Where one model's rows fall in one column layout, with the wrap cache they were measured with.

    Drawing needs all three together; holding them in one value means a laid-out
    pane always has its model and wrap cache at hand.
    """

    model: ReaderModel
    wrapped: _WrapCache
    columns: Columns
    row_starts: tuple[int, ...]
    total: int

    def row_at(self, line: int) -> int:
        return bisect_right(self.row_starts, line) - 1


class _WrapCache:
    """Line starts of the paragraphs, and row heights, of one comparison in one column layout.

    Keyed by side and paragraph index (rows by change index), which name a
    paragraph only within its comparison: a new comparison or layout gets a
    new cache, never a cleared one, so a second comparison in a session cannot
    be cut at the first one's line breaks. Rebuilding the model for a filter
    keeps the cache (the comparison is the same object), which is what makes
    filters fast. A row's height also depends on its note, so the note is in
    its key.
    """

    def __init__(self, comparison: Comparison, columns: Columns) -> None:
        self.comparison = comparison
        self.columns = columns
        self._offsets: dict[tuple[str, int], tuple[int, ...]] = {}
        self._shapes: dict[tuple[int, bool, str], tuple[int, int]] = {}
        self._plain_heights: np.ndarray | None = None

    def fits(self, comparison: Comparison, columns: Columns) -> bool:
        return comparison is self.comparison and columns == self.columns

    def offsets(self, part: Part, side: str) -> tuple[int, ...]:
        """Where ``part``'s lines start in ``side``'s column."""
        width = self.columns.text_width(side)
        if part.role in _ONE_LINE_ROLES:
            return (0,)
        if part.role != "paragraph" or part.paragraph is None:
            return wrap_offsets(part.text, width)
        key = (side, part.paragraph)
        offsets = self._offsets.get(key)
        if offsets is None:
            offsets = self._offsets[key] = wrap_offsets(part.text, width)
        return offsets

    def layout_heights(self, model: ReaderModel) -> np.ndarray:
        """Lines of every row of ``model``'s layout: lead-in, taller side, blank line; with its notes.

        The heights without notes are computed once per cache (the one slow
        step: every row wrapped); the few rows with a note are patched in.
        """
        import numpy as np  # imported by the comparison, not before the app's first frame

        if self._plain_heights is None:
            plain = model.with_marks({})
            self._plain_heights = np.array(
                [self._row_shape(plain, row)[1] for row in model.layout], dtype=np.int64
            )
        noted = [change for change, mark in model.marks.items() if mark.note.strip()]
        if not noted:
            return self._plain_heights
        heights = self._plain_heights.copy()
        where = model.layout_position
        for change in noted:
            for ghost in (False, True):
                row = where.get((change, ghost))
                if row is not None:
                    heights[row] = self._row_shape(model, model.layout[row])[1]
        return heights

    def lead(self, model: ReaderModel, row: Row) -> int:
        """Lines above ``row``'s first paragraph on every side, so both sides' paragraphs start level.

        A moved row's markers ("↕ moved (was left ¶8)", "↥ moved here from above …") can
        wrap to different heights on the two sides; the shorter side is padded.
        """
        return self._row_shape(model, row)[0]

    def _row_shape(self, model: ReaderModel, row: Row) -> tuple[int, int]:
        key = (row.change, row.ghost, model.mark(row.change).note)
        shape = self._shapes.get(key)
        if shape is None:
            leads, rests = [0], [0]
            for side in self.columns.sides:
                lead = rest = 0
                for part in model.cell_parts(row, side):
                    lines = len(self.offsets(part, side))
                    if rest or part.role == "paragraph":
                        rest += lines
                    else:
                        lead += lines
                leads.append(lead)
                rests.append(rest)
            shape = self._shapes[key] = (max(leads), max(leads) + max(rests) + 1)
        return shape


class SideBySide(ScrollView, can_focus=True):
    """Both texts, row by row, with word highlights, gutter marks and search matches."""

    COMPONENT_CLASSES = {
        "pane--divider",
        "pane--number",
        "pane--gutter-current",
        "pane--marker",
        "pane--excerpt",
        "pane--fact",
        "pane--fact-mark",
        "pane--fact-words",
        "pane--fact-current",
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
    SideBySide > .pane--number { color: $foreground 45%; }
    SideBySide > .pane--gutter-current { background: $accent 40%; }
    SideBySide > .pane--marker { color: $text-accent; text-style: italic; }
    SideBySide > .pane--excerpt { color: $text-muted; text-style: strike; }
    SideBySide > .pane--fact { color: $text-warning; }
    SideBySide > .pane--fact-mark { color: $text-warning; text-style: bold; }
    SideBySide > .pane--fact-words { color: $text-warning; background: $warning 25%; text-style: bold; }
    SideBySide > .pane--fact-current { color: $background; background: $warning; text-style: bold; }
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
        """The reader clicked a row on ``side``; ``change`` indexes ``Comparison.changes``."""

        def __init__(self, change: int, ghost: bool, side: str) -> None:
            super().__init__()
            self.change = change
            self.ghost = ghost
            self.side = side

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
        self.current_fact: int | None = None  # index into its facts, in the facts view
        self.focus_side = RIGHT  # the side E opens, and the one drawn when only one fits
        self.matches: tuple[Match, ...] = ()
        self.current_match: int | None = None
        self._matches_by_paragraph: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
        self._geometry: _Geometry | None = None
        self._wrapped: _WrapCache | None = None
        self._pending_row: int | None = None  # asked for before the panes had a width
        self._row_cache: LRUCache[tuple[int, bool, bool, str], list[Strip]] = LRUCache(maxsize=512)
        self._style = ComponentStyles(self)

    # ----- state set by the app ("attributes down")

    def show_model(self, model: ReaderModel) -> None:
        """Draw ``model``'s rows (after a new comparison or a filter change)."""
        self.model = model
        if self.matches:
            self._row_cache.clear()  # the cached rows carry the matches' highlights
        self.matches, self.current_match, self._matches_by_paragraph = (), None, {}
        # The old geometry belongs to the old rows: forget it even when there is no width to
        # lay out the new ones yet (behind another screen the panes are 0 cells wide).
        self._geometry = None
        self._relayout()

    def set_focus_side(self, side: str) -> None:
        """Put ``side`` in focus; when only one side fits, it is the one drawn."""
        self.focus_side = side
        if self._geometry and side not in self._geometry.columns.sides:
            self._relayout()

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides drawn now, left to right."""
        return shown_sides(self.scrollable_content_region.width, self.focus_side)

    def set_current(self, change: int | None, fact: int | None = None) -> None:
        """Mark the current difference (its gutter is highlighted) and, in the facts view, its fact.

        Why the fact: a paragraph can hold several flagged figures or names, and
        the one the panel's row points at must stand out from the others.
        """
        previous, self.current, self.current_fact = self.current, change, fact
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

    @property
    def columns(self) -> Columns | None:
        """How the panes' width is shared out now (None before the first layout)."""
        return self._geometry.columns if self._geometry else None

    def row_at_line(self, line: int) -> int | None:
        """Index of the row drawn at virtual line ``line``, if any."""
        geometry = self._geometry
        if geometry is None or not geometry.model.rows:
            return None
        return max(0, min(geometry.row_at(line), len(geometry.model.rows) - 1))

    def paragraph_line(self, row: int, side: str, paragraph: int, offset: int = 0) -> int:
        """Virtual line showing character ``offset`` of paragraph ``paragraph`` of ``side`` in row ``row``.

        A side that is not drawn has no lines of its own: its row's first line stands for it.
        """
        geometry = self._geometry
        assert geometry is not None, "asked for a line before the first layout"
        start = line = geometry.row_starts[row]
        if side not in geometry.columns.sides:
            return line
        drawn = geometry.model.rows[row]
        for part in geometry.model.cell_parts(drawn, side):
            offsets = geometry.wrapped.offsets(part, side)
            if part.role == "paragraph":
                line = max(line, start + geometry.wrapped.lead(geometry.model, drawn))
            if part.role == "paragraph" and part.paragraph == paragraph:
                return line + bisect_right(offsets, offset) - 1
            line += len(offsets)
        return line

    def match_line(self, match: Match) -> int:
        """Virtual line on which a search match starts."""
        return self.paragraph_line(match.row, match.side, match.paragraph, match.start)

    def scroll_to_line(self, line: int, *, context: int = 1) -> None:
        """Bring a virtual line near the top of the view, keeping ``context`` lines above it."""
        self.scroll_to(y=max(0, line - context), animate=False, immediate=True)

    def scroll_to_row(self, row: int) -> None:
        """Bring row ``row`` to the top (one line of the row above stays); before the first layout, as soon as there is one."""
        if self._geometry is None:
            self._pending_row = row
        elif 0 <= row < len(self._geometry.row_starts):
            self.scroll_to_line(self._geometry.row_starts[row])

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if not self.model or width <= 0:
            return
        # The same rows in a new width or another side: the row at the top stays at the top
        # (+ 1: scroll_to_row leaves a line of the row above in view).
        if self._geometry is not None and self._pending_row is None and self.model.rows:
            self._pending_row = self._geometry.row_at(round(self.scroll_y) + 1)
        comparison = self.model.comparison
        columns = Columns(
            width,
            number_width(len(comparison.left.paragraphs), len(comparison.right.paragraphs)),
            self.sides,
        )
        if not self._wrapped or not self._wrapped.fits(comparison, columns):
            self._wrapped = _WrapCache(comparison, columns)
            self._row_cache.clear()
        heights = self._wrapped.layout_heights(self.model)[self.model.row_positions]
        ends = heights.cumsum()
        starts = tuple((ends - heights).tolist())
        self._geometry = _Geometry(
            self.model, self._wrapped, columns, starts, int(ends[-1]) if len(ends) else 0
        )
        # Not a layout change: the panes have no scrollbar, and a layout pass of the whole
        # screen (what setting ``virtual_size`` asks for) took ~0.1 s of each filter key.
        self.set_reactive(SideBySide.virtual_size, Size(width, self._geometry.total))
        if self._pending_row is not None:
            pending, self._pending_row = self._pending_row, None
            self.scroll_to_row(pending)
        self.refresh()
        self._report_scroll()

    @property
    def allow_vertical_scroll(self) -> bool:
        """Scroll whenever the rows are taller than the view.

        Textual decides this from its scrollbar state, which it refreshes in a
        layout pass; :meth:`_relayout` sets the virtual height without one, so
        the panes (whose scrollbar is hidden anyway) answer from the sizes.
        """
        return self.virtual_size.height > self.scrollable_content_region.height

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if not self._geometry or self._geometry.columns.width != width:
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
        geometry = self._geometry
        if geometry is None or line >= geometry.total:
            return Strip.blank(width, self._style(""))
        row = geometry.row_at(line)
        strips = self._row_strips(geometry, row)
        offset = line - geometry.row_starts[row]
        return strips[offset] if offset < len(strips) else Strip.blank(width, self._style(""))

    @staticmethod
    def _row_key(model: ReaderModel, row: Row, current: bool) -> tuple[int, bool, bool, str]:
        """What a row's strips depend on beyond the comparison, layout, matches and theme.

        Those clear the cache; this key lets a filter change keep the rows it still shows.
        """
        return (row.change, row.ghost, current, model.mark(row.change).note)

    def _forget_change(self, change: int | None) -> None:
        if change is None or not self.model:
            return
        for ghost in (False, True):
            for current in (False, True):
                self._row_cache.discard(self._row_key(self.model, Row(change, ghost), current))

    def _row_strips(self, geometry: _Geometry, row_number: int) -> list[Strip]:
        row = geometry.model.rows[row_number]
        current = row.change == self.current
        key = self._row_key(geometry.model, row, current)
        cached = self._row_cache.get(key)
        if cached is None:
            cached = self._row_cache[key] = self._render_row(geometry, row, current)
        return cached

    def _render_row(self, geometry: _Geometry, row: Row, current: bool) -> list[Strip]:
        columns = geometry.columns
        change = geometry.model.comparison.changes[row.change]
        cells = [self._cell_lines(geometry, row, change, side) for side in columns.sides]
        height = max(len(lines) for lines, _ in cells) + 1
        base = self._style("")
        divider = Strip([Segment(DIVIDER, base + self._style("pane--divider"))])
        strips = []
        for y in range(height):
            pieces: list[Strip] = []
            for side, (lines, numbers) in zip(columns.sides, cells, strict=True):
                if pieces:
                    pieces.append(divider)
                pieces += [
                    self._gutter(
                        columns, change, row.ghost, side, y, len(lines), numbers.get(y), current
                    ),
                    _line_or_blank(lines, y, columns.text_width(side), base),
                ]
            strips.append(Strip.join(pieces))
        return strips

    def _gutter(
        self,
        columns: Columns,
        change: Change,
        ghost: bool,
        side: str,
        y: int,
        height: int,
        paragraph: int | None,
        current: bool,
    ) -> Strip:
        """``12 ~!``: the number of the paragraph starting on line ``y``, the kind and fact marks.

        The marks of the current difference stand on a bar as tall as its row.
        """
        base = self._style("")
        # Component styles carry the widget's background too: keep only the bar's.
        bar = Style(bgcolor=self._style("pane--gutter-current").bgcolor) if current else Style()
        number = "" if paragraph is None else str(paragraph + 1)
        kind = Kind.MOVED if ghost else change.kind
        if y >= height:
            mark, fact = " ", " "
        elif y == 0:
            has_facts = change.facts and side == columns.sides[-1]
            mark = BOILERPLATE_MARK if change.boilerplate and not ghost else KIND_MARK[kind]
            fact = FACT_MARK if has_facts else " "
        else:
            mark, fact = ("▏" if kind is not Kind.UNCHANGED else " "), " "
        return Strip(
            [
                Segment(f"{number:>{columns.numbers}} ", base + self._style("pane--number")),
                Segment(mark, base + self._style(f"pane--kind-{kind.value}") + bar),
                Segment(fact, base + self._style("pane--fact-mark") + bar),
                Segment(" ", base),
            ],
            columns.gutter,
        )

    def _cell_lines(
        self, geometry: _Geometry, row: Row, change: Change, side: str
    ) -> tuple[list[Strip], dict[int, int]]:
        """One side of a row, line by line, and the paragraph that starts on each line that opens one."""
        console = self.app.console
        width = geometry.columns.text_width(side)
        base = self._style("")
        if change.boilerplate:
            base += self._style("pane--boilerplate")
        elif change.kind is Kind.ADDED:
            base += self._style("pane--added")
        elif change.kind is Kind.DROPPED:
            base += self._style("pane--dropped")
        lines: list[Strip] = []
        numbers: dict[int, int] = {}
        lead = geometry.wrapped.lead(geometry.model, row)
        for part in geometry.model.cell_parts(row, side):
            if part.role == "paragraph" and len(lines) < lead:
                lines += [Strip.blank(width, base)] * (lead - len(lines))
            if part.role == "paragraph" and part.paragraph is not None:
                numbers[len(lines)] = part.paragraph
            text = self._styled(part, change, side)
            if part.role in _ONE_LINE_ROLES:
                text.truncate(width, overflow="ellipsis")
            for piece in text.divide(geometry.wrapped.offsets(part, side)[1:]):
                piece.rstrip()
                strip = Strip(piece.render(console)).apply_style(base)
                lines.append(strip.adjust_cell_length(width, base))
        return lines, numbers

    def _styled(self, part: Part, change: Change, side: str) -> Text:
        if part.role != "paragraph":
            text = Text(
                part.text,
                style=self._style(f"pane--{part.role}") if part.role in _STYLED_ROLES else "",
            )
            if part.role == "fact":
                text.stylize(self._style("pane--fact-mark"), 0, 1)
                if self._is_current_fact(change, part.position):
                    text.stylize(self._style("pane--fact-current"))
            return text
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
        # Over the edit's own style: a changed figure is still struck through or underlined.
        for start, end, fact in fact_words(change, side, part.position):
            name = (
                "pane--fact-current" if self._is_current_fact(change, fact) else "pane--fact-words"
            )
            text.stylize(self._style(name), start, end)
        if part.paragraph is not None:
            for start, end, number in self._matches_by_paragraph.get((side, part.paragraph), ()):
                name = "pane--search-current" if number == self.current_match else "pane--search"
                text.stylize(self._style(name), start, end)
        return text

    def _is_current_fact(self, change: Change, fact: int) -> bool:
        model = self.model
        return (
            self.current_fact == fact
            and model is not None
            and self.current is not None
            and model.comparison.changes[self.current] is change
        )

    # ----- mouse

    def on_click(self, event: events.Click) -> None:
        geometry = self._geometry
        if geometry is None or not geometry.model.rows:
            return
        offset = event.get_content_offset(self)
        if offset is None or round(self.scroll_y) + offset.y >= geometry.total:
            return
        row = geometry.model.rows[geometry.row_at(round(self.scroll_y) + offset.y)]
        side = geometry.columns.side_at(offset.x)
        self.post_message(self.RowClicked(row.change, row.ghost, side))


def _line_or_blank(lines: list[Strip], y: int, width: int, style: Style) -> Strip:
    return lines[y] if y < len(lines) else Strip.blank(width, style)
