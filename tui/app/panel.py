"""The differences panel: one entry (a line, or two when narrow) per listed change, drawn with the line API.

In the facts view (``f``) the same panel lists facts instead: one entry per
fact flag, with its severity, kind, paragraphs and what changed.

A first version used OptionList; it measures every option's height whenever
the list is rebuilt, which took about a second per filter toggle with 6,000
differences. Every line here is one row high, so the panel only renders the
lines on screen and a rebuild is just a new tuple of change indices.

Moving the cursor (arrows, j/k, mouse) posts :class:`DiffPanel.Picked`; the
app then moves the panes ("messages up, attributes down"). Enter posts
:class:`DiffPanel.Chosen`: the reader goes to the text (the panes take the keys).
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from tui.app.columns import number_width
from tui.app.view_model import NO_MARK, NOTE_MARK, ReaderModel, excerpt
from tui.engine.model import Change, Comparison, FactFlag, Kind, Severity
from tui.engine.safe_text import visible_controls
from tui.review.marks import Mark
from tui.wording import FACT_MARK, change_mark, fact_summary, kind_label, paragraph_numbers

__all__ = [
    "DiffPanel",
    "entry_lines",
    "fact_entry",
    "panel_entry",
    "review_marks",
    "KIND_STYLE",
    "REVIEWED_MARK",
    "SIGNIFICANT_MARK",
]

REVIEWED_MARK = "✓"
SIGNIFICANT_MARK = "★"

# Theme variables, so the panel follows dark and light themes.
KIND_STYLE = {
    Kind.UNCHANGED: "$text-muted",
    Kind.REWORDED: "$text-primary bold",
    Kind.MOVED: "$text-accent bold",
    Kind.SPLIT: "$text-secondary bold",
    Kind.MERGED: "$text-secondary bold",
    Kind.ADDED: "$text-success bold",
    Kind.DROPPED: "$text-error bold",
}
BOILERPLATE_STYLE = "$text-muted italic"
SEVERITY_STYLE = {Severity.HIGH: "$text-error bold", Severity.MEDIUM: "$text-warning bold"}


def review_marks(mark: Mark) -> str:
    """Three columns, always: ``✓`` reviewed, ``★`` significant, ``✎`` has a note (spaces when not)."""
    return "".join(
        symbol if on else " "
        for symbol, on in (
            (REVIEWED_MARK, mark.reviewed),
            (SIGNIFICANT_MARK, mark.significant),
            (NOTE_MARK, bool(mark.note.strip())),
        )
    )


MIN_EXCERPT = (
    30  # below this many cells beside the entry's head, the excerpt gets a line of its own
)
EXCERPT_INDENT = 4
#: Cells for a kind's name: "boilerplate" and "split+moved" fit.
KIND_WIDTH = 11


def entry_lines(width: int, numbers: int) -> int:
    """Lines per panel entry at ``width`` cells: one when the excerpt fits beside the head, else two."""
    return 1 if width - _head_width(numbers) >= MIN_EXCERPT else 2


def _head_width(numbers: int) -> int:
    """Cells of an entry's head for paragraph numbers of ``numbers`` digits ("¶12→¶10" and a space)."""
    kind = 2 + KIND_WIDTH  # mark, space, label
    return len(review_marks(NO_MARK)) + 1 + kind + 1 + 4 + 1 + 3 + _where_width(numbers)


def _where_width(numbers: int) -> int:
    return 2 * (numbers + 1) + 2


def panel_entry(
    comparison: Comparison, change: Change, width: int, mark: Mark = NO_MARK
) -> tuple[Content, ...]:
    """``✓★✎ ~ reworded   43% !2 ¶3→¶2  Estmark's government…``: review marks, kind, similarity, facts, where, excerpt.

    The excerpt follows on the same line when at least :data:`MIN_EXCERPT`
    cells are left for it, else on a second line of its own (a side panel is
    narrow; an excerpt of a dozen characters says nothing). Built from plain
    strings, never markup: the excerpt is the user's text.
    """
    numbers = number_width(len(comparison.left.paragraphs), len(comparison.right.paragraphs))
    side = comparison.right if change.right else comparison.left
    first = (change.right or change.left)[0]
    similarity = f"{change.similarity:4.0%}" if change.left and change.right else "    "
    facts = f"{FACT_MARK}{len(change.facts)} " if change.facts else "   "
    where = f"{paragraph_numbers(change.left)}→{paragraph_numbers(change.right)}"
    head = Content.assemble(
        (review_marks(mark), "$text-success bold"),
        " ",
        (
            f"{change_mark(change)} {kind_label(change):<{KIND_WIDTH}.{KIND_WIDTH}}",
            _kind_style(change),
        ),
        f" {similarity} ",
        (facts, "$text-warning bold"),
        (f"{where:<{_where_width(numbers) - 1}} ", "$text-muted"),
    )
    lines = entry_lines(width, numbers)
    room = width - (head.cell_length if lines == 1 else EXCERPT_INDENT)
    text = Content.assemble(
        (
            excerpt(side.paragraphs[first].text, max(2, room)),
            "$text-muted italic" if change.boilerplate else "",
        ),
    )
    if lines == 1:
        return (head + text,)
    return (head, Content(" " * EXCERPT_INDENT) + text)


def fact_entry(
    comparison: Comparison, change: Change, fact: FactFlag, width: int, mark: Mark = NO_MARK
) -> tuple[Content, ...]:
    """``✓★✎ high   number      ¶5→¶5    exact figure “$47 billion” made vague: “tens of…``.

    A row of the facts view: review marks (of the fact's difference),
    severity, kind, where, and the reason with the old and new words. As
    tall as a difference's entry at this width; the words run on from the
    first line to the second, cut with an ellipsis only there.
    """
    numbers = number_width(len(comparison.left.paragraphs), len(comparison.right.paragraphs))
    where = f"{paragraph_numbers(change.left)}→{paragraph_numbers(change.right)}"
    head = Content.assemble(
        (review_marks(mark), "$text-success bold"),
        " ",
        (f"{fact.severity.value:<6}", SEVERITY_STYLE[fact.severity]),
        " ",
        (f"{fact.kind:<{KIND_WIDTH}.{KIND_WIDTH}}", "bold"),
        " ",
        (f"{where:<{_where_width(numbers) - 1}} ", "$text-muted"),
    )
    words = " ".join(visible_controls(fact_summary(fact)).split())
    if entry_lines(width, numbers) == 1:
        return (head + words,)
    first, rest = _first_line(words, width - head.cell_length)
    return (head + first, Content(" " * EXCERPT_INDENT + rest))


def _first_line(words: str, room: int) -> tuple[str, str]:
    """``words`` split after the last word that fits in ``room`` cells (nothing fits: all on the rest)."""
    lines = Content(words).wrap(max(room, 1)) if room >= MIN_FIRST_WORDS else []
    if not lines or lines[0].cell_length > room:
        return "", words
    first = lines[0].plain.rstrip()
    if not words.startswith(first):
        return "", words
    return first, words[len(first) :].lstrip()


MIN_FIRST_WORDS = 6  # fewer cells beside a fact's head stay blank: the words start on line two


def _kind_style(change: Change) -> str:
    return BOILERPLATE_STYLE if change.boilerplate else KIND_STYLE[change.kind]


class DiffPanel(ScrollView, can_focus=True):
    """Every listed difference; the cursor line is the current difference."""

    COMPONENT_CLASSES = {"panel--cursor"}

    DEFAULT_CSS = """
    DiffPanel {
        overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    DiffPanel > .panel--cursor { background: $accent 30%; text-style: bold; }
    DiffPanel:focus > .panel--cursor { background: $accent 60%; }
    """

    BINDINGS = [
        Binding(
            "down,j",
            "cursor(1)",
            "Next in list",
            show=False,
            id="panel.down",
            tooltip="In the panel: next difference",
        ),
        Binding(
            "up,k",
            "cursor(-1)",
            "Previous in list",
            show=False,
            id="panel.up",
            tooltip="In the panel: previous difference",
        ),
        Binding(
            "pagedown",
            "page(1)",
            "Page down in list",
            show=False,
            id="panel.page_down",
            tooltip="In the panel: a page down",
        ),
        Binding(
            "pageup",
            "page(-1)",
            "Page up in list",
            show=False,
            id="panel.page_up",
            tooltip="In the panel: a page up",
        ),
        Binding(
            "home",
            "cursor_to(0)",
            "Top of list",
            show=False,
            id="panel.top",
            tooltip="In the panel: first difference",
        ),
        Binding(
            "end",
            "cursor_to(-1)",
            "End of list",
            show=False,
            id="panel.end",
            tooltip="In the panel: last difference",
        ),
        Binding(
            "enter",
            "choose",
            "Go to text",
            show=False,
            id="panel.choose",
            tooltip="In the panel: go to this difference or fact in the text (the panes take the keys)",
        ),
    ]

    cursor: reactive[int | None] = reactive(None, always_update=False, init=False)

    class Picked(Message):
        """The reader moved to difference number ``position`` of the panel."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    class Chosen(Message):
        """The reader chose entry ``position`` (enter): to be read in the panes."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._model: ReaderModel | None = None
        # By change index, mark and width, not by position: a filter change moves entries but
        # does not change how they look, so the ones still listed come back from the cache.
        # A fact's entry is keyed by its place among its change's flags too (-1: a difference).
        self._entries: LRUCache[tuple[int, int, bool, int, Mark], list[Strip]] = LRUCache(
            maxsize=512
        )

    @property
    def count(self) -> int:
        return len(self._model.differences) if self._model else 0

    @property
    def lines_per_entry(self) -> int:
        if self._model is None:
            return 1
        comparison = self._model.comparison
        numbers = number_width(len(comparison.left.paragraphs), len(comparison.right.paragraphs))
        return entry_lines(self.scrollable_content_region.width, numbers)

    def show_model(self, model: ReaderModel) -> None:
        """List ``model``'s differences (the cursor is set separately, by the app)."""
        if self._model is None or model.comparison is not self._model.comparison:
            self._entries.clear()
        self._model = model
        self.set_reactive(DiffPanel.cursor, None)
        self._size_to_entries()
        listing = "Facts" if model.filters.facts_only else "Differences"
        self.border_title = f"{listing} ({self.count})"
        self.refresh()

    def _size_to_entries(self) -> None:
        """Set the virtual height to the entries' lines, without a layout pass of the whole screen.

        Assigning ``virtual_size`` asks Textual for a layout (a scrollbar may
        come or go): ~0.1 s of every filter key on a long text. The panel's
        scrollbar is always shown (see ``DEFAULT_CSS``), so only its thumb
        needs the new height.
        """
        height = self.count * self.lines_per_entry
        self.set_reactive(
            DiffPanel.virtual_size, Size(self.scrollable_content_region.width, height)
        )
        self.vertical_scrollbar.window_virtual_size = height
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
        self.refresh()

    def move_to(self, position: int | None) -> None:
        """Put the cursor on ``position`` without telling the app (it asked for it)."""
        self.set_reactive(DiffPanel.cursor, position)
        self._show_cursor()

    def watch_cursor(self, position: int | None) -> None:
        self._show_cursor()
        if position is not None:
            self.post_message(self.Picked(position))

    def _show_cursor(self) -> None:
        """Scroll just enough to show the cursor's entry, then redraw."""
        height = self.scrollable_content_region.height
        if self.cursor is not None and height > 0:
            lines = self.lines_per_entry
            first, last = self.cursor * lines, (self.cursor + 1) * lines - 1
            top = round(self.scroll_y)
            if first < top:
                self.scroll_to(y=first, animate=False, immediate=True)
            elif last >= top + height:
                self.scroll_to(y=last - height + 1, animate=False, immediate=True)
        self.refresh()

    def action_cursor(self, step: int) -> None:
        if self.count:
            start = self.cursor if self.cursor is not None else -1 if step > 0 else self.count
            self.cursor = max(0, min(start + step, self.count - 1))

    def action_choose(self) -> None:
        if self.cursor is not None:
            self.post_message(self.Chosen(self.cursor))

    def action_page(self, direction: int) -> None:
        page = self.scrollable_content_region.height // self.lines_per_entry
        self.action_cursor(direction * max(1, page - 1))

    def action_cursor_to(self, position: int) -> None:
        if self.count:
            self.cursor = position % self.count

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        line = None if offset is None else round(self.scroll_y) + offset.y
        if line is not None and 0 <= line // self.lines_per_entry < self.count:
            self.cursor = line // self.lines_per_entry

    def on_resize(self, event: events.Resize) -> None:
        self._entries.clear()
        self._size_to_entries()
        self._show_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._entries.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        entry, line = divmod(round(self.scroll_y) + y, self.lines_per_entry)
        model = self._model
        if model is None or entry >= self.count:
            return Strip.blank(width, self.rich_style)
        change = model.differences[entry]
        fact = model.entry_facts[entry] if model.entry_facts else -1
        key = (change, fact, entry == self.cursor, width, model.mark(change))
        strips = self._entries.get(key)
        if strips is None:
            strips = self._entries[key] = self._render_entry(model.comparison, *key)
        return strips[line]

    def _render_entry(
        self, comparison: Comparison, change: int, fact: int, cursor: bool, width: int, mark: Mark
    ) -> list[Strip]:
        style = self.get_visual_style("panel--cursor") if cursor else self.visual_style
        listed = comparison.changes[change]
        lines = (
            fact_entry(comparison, listed, listed.facts[fact], width, mark)
            if fact >= 0
            else panel_entry(comparison, listed, width, mark)
        )
        return [
            Visual.to_strips(self, content, width, 1, style, pad=True)[0].crop(0, width)
            for content in lines
        ]
