"""One-line bars: the pane titles above the panes and the status line below them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widget import Widget

from tui.app.columns import DIVIDER, Columns, number_width, shown_sides
from tui.app.panel import KIND_STYLE
from tui.app.view_model import LEFT, RIGHT, Filters
from tui.engine.model import Comparison, Document, Kind
from tui.engine.report import flagged_facts
from tui.engine.safe_text import terminal_safe, visible_controls
from tui.wording import FACT_MARK, KIND_MARK, KIND_ORDER

__all__ = [
    "PaneTitles",
    "Search",
    "StatusBar",
    "StatusPart",
    "Summary",
    "fit_status",
    "pane_label",
    "status_parts",
]


class PaneTitles(Widget):
    """Each side's name over its own column, with how it was read when that matters (see :func:`pane_label`).

    The side in focus (the one ``E`` opens) is underlined when both are shown.
    """

    DEFAULT_CSS = "PaneTitles { height: 1; background: $panel; color: $text; text-style: bold; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._documents: dict[str, Document] = {}
        self._focus = RIGHT
        self.reserve = 2  # cells right of the panes (the overview strip)

    def show_documents(self, left: Document, right: Document) -> None:
        self._documents = {LEFT: left, RIGHT: right}
        self.refresh()

    def set_focus_side(self, side: str) -> None:
        self._focus = side
        self.refresh()

    def render(self) -> Content:
        if not self._documents:
            return Content("")
        left, right = self._documents[LEFT], self._documents[RIGHT]
        width = self.size.width - self.reserve
        columns = Columns(
            width,
            number_width(len(left.paragraphs), len(right.paragraphs)),
            shown_sides(width, self._focus),
        )
        parts: list[str | tuple[str, str]] = []
        for side in columns.sides:
            if parts:
                parts.append(" " * len(DIVIDER))
            width = columns.text_width(side)
            hint = _ONE_SIDE_HINT[side] if len(columns.sides) == 1 else ""
            if cell_len(hint) * 2 > width:
                hint = ""
            label = pane_label(self._documents[side], width - cell_len(hint))
            focused = side == self._focus and len(columns.sides) > 1
            parts += [
                " " * columns.gutter,
                (label, "underline") if focused else label,
                " " * max(0, width - cell_len(label) - cell_len(hint)),
                (hint, "$text-muted not bold"),
            ]
        return Content.assemble(*parts)


_ONE_SIDE_HINT = {LEFT: " w: rewrite", RIGHT: " w: original"}
"""With one side shown, which side the other is and the key that shows it."""

UTF8_FAMILY = frozenset({"utf-8", "utf-8-sig", "ascii"})
"""Encodings not worth a word in the header: every reader assumes them."""

SEPARATOR = " · "
MIN_TITLE = 8  # a title cut shorter than this says nothing: leave it out
MIN_NAME = 6  # below this, the name alone is shown (cut), without the notes


def pane_label(document: Document, width: int) -> str:
    """``original.txt · cp1252`` or ``page.html · html · “Title”``, at most ``width`` cells.

    Why: a file decoded from a legacy encoding, a web page reduced to its
    article or a Markdown file stripped of markup is not what the reader sees
    in an editor, so the header says how each side was read. UTF-8 plain text
    gets no note. When space runs out, the title goes first (cut, then
    dropped), then the name loses its beginning (the file name is at the
    end), and the encoding and format notes last of all.
    """
    name = terminal_safe(document.source)
    notes = [
        note for note in (_encoding_note(document.encoding), _format_note(document.format)) if note
    ]
    title = " ".join(visible_controls(document.title or "").split())
    fixed = SEPARATOR.join([name, *notes])
    if cell_len(fixed) <= width:
        room = width - cell_len(fixed) - cell_len(SEPARATOR) - 2  # the quotes
        if title and room >= min(MIN_TITLE, cell_len(title)):
            return f"{fixed}{SEPARATOR}“{_head(title, room)}”"
        return fixed
    suffix = "".join(SEPARATOR + note for note in notes)
    if width - cell_len(suffix) >= MIN_NAME:
        return _tail(name, width - cell_len(suffix)) + suffix
    return _tail(name, width)


def _encoding_note(encoding: str) -> str | None:
    return None if encoding.lower().replace("_", "-") in UTF8_FAMILY else encoding


def _format_note(fmt: str) -> str | None:
    return None if fmt == "text" else fmt


def _head(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, its end replaced by "…" when cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)).rstrip() + "…" if width > 0 else ""


def _tail(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, its beginning replaced by "…" when cut."""
    if cell_len(text) <= width:
        return text
    return _head(text[::-1], width)[::-1] if width > 0 else ""


@dataclass(frozen=True, slots=True)
class Summary:
    """What the status line says about the whole comparison, counted once (20,000 changes are many)."""

    counts: dict[str, int]
    similarity: float
    facts: int  # fact flags, as --summary and the reports count them

    @classmethod
    def of(cls, comparison: Comparison) -> Summary:
        return cls(comparison.counts(), comparison.similarity, len(flagged_facts(comparison)))


@dataclass(frozen=True, slots=True)
class Search:
    """The search as the status line tells it: the term, and which match of how many (0-based)."""

    term: str
    match: int | None
    matches: int


@dataclass(frozen=True, slots=True)
class StatusPart:
    """One part of the status line, with a shorter form; ``rank`` orders what gives way first.

    Parts of lower ``rank`` are shortened first, then dropped; a part with no
    rank stays whatever the width (where the reader is, and the counts), in
    its short form when even that is needed.
    """

    full: Content
    short: Content | None = None
    rank: int | None = None


SEPARATOR_BAR = " │ "


def status_parts(
    summary: Summary,
    filters: Filters,
    position: int | None,
    listed: int,
    search: Search | None = None,
    review: tuple[int, int] | None = None,
    *,
    severity: str | None = None,
) -> list[StatusPart]:
    """``difference 3 of 15 │ reviewed 4 / 15 │ 53% similar │ ~11 ↕1 … │ boilerplate 22 hidden (b) │ filters``.

    ``review`` is (reviewed, total differences), when a review is open. With
    the facts filter on, the panel lists flagged differences, most severe
    first: ``fact 2 of 5, high`` (``severity`` is the current one's highest).
    While searching, the first part counts matches: ``match 3 of 12``.
    """
    where = (filters, position, listed, search, severity)
    parts = [
        StatusPart(
            Content.styled(_where(*where), "bold"),
            Content.styled(_where(*where, short=True), "bold"),
        ),
        _review_part(review),
        StatusPart(
            Content(f"{summary.similarity:.0%} similar"),
            Content(f"{summary.similarity:.0%}"),
            rank=0,
        ),
        _counts_part(summary),
        _boilerplate_part(summary.counts["boilerplate"], filters.show_boilerplate),
        _filters_part(filters),
        _search_part(search),
    ]
    return [part for part in parts if part is not None]


def _review_part(review: tuple[int, int] | None) -> StatusPart | None:
    """``reviewed 4 / 15``, in the success colour once every difference is reviewed."""
    if review is None:
        return None
    reviewed, total = review
    style = "$text-success bold" if total and reviewed >= total else ""
    return StatusPart(
        Content.styled(f"reviewed {reviewed} / {total}", style),
        Content.styled(f"✓{reviewed}/{total}", style),
        rank=2,
    )


def _counts_part(summary: Summary) -> StatusPart:
    """``~11 ↕1 …``: each kind's mark and count in its colour, then the fact flags."""
    glyphs: list[str | tuple[str, str]] = []
    for kind in KIND_ORDER[1:]:
        glyphs += [" ", (f"{KIND_MARK[kind]}{summary.counts[kind.value]}", KIND_STYLE[kind])]
    if summary.facts:
        glyphs += [" ", (f"{FACT_MARK}{summary.facts}", "$text-warning bold")]
    return StatusPart(Content.assemble(*glyphs[1:]))


def _boilerplate_part(count: int, shown: bool) -> StatusPart | None:
    """``boilerplate 22 hidden (b)``, when the texts have any."""
    if not count:
        return None
    state = "shown" if shown else "hidden"
    return StatusPart(
        Content(f"boilerplate {count} {state} (b)"), Content(f"b: {count} {state}"), rank=1
    )


def _filters_part(filters: Filters) -> StatusPart | None:
    """What the filters hide, when they hide anything."""
    notes = _filter_notes(filters)
    if not notes:
        return None
    return StatusPart(
        Content.styled(notes, "$text-warning"),
        Content.styled("filtered", "$text-warning"),
        rank=3,
    )


def _search_part(search: Search | None) -> StatusPart | None:
    """The search term and how to move between its matches (or that nothing matched)."""
    if search is None:
        return None
    if search.matches:
        hint, short = (
            f"search {search.term!r} (n/p: next match, escape clears)",
            f"{search.term!r}",
        )
    else:
        hint = short = f"no match for {search.term!r} (escape clears)"
    return StatusPart(
        Content.styled(hint, "$text-accent"), Content.styled(short, "$text-accent"), rank=4
    )


def _where(
    filters: Filters,
    position: int | None,
    listed: int,
    search: Search | None,
    severity: str | None,
    *,
    short: bool = False,
) -> str:
    """ "difference 3 of 15", "fact 2 of 5, high", "match 3 of 12"; short: "3/15", "fact 2/5", "match 3/12"."""
    if search is not None and search.match is not None:
        return f"match {search.match + 1}{'/' if short else ' of '}{search.matches}"
    noun = "fact" if filters.facts_only else "difference"
    if position is None:
        return f"{listed} {noun}s"
    if short:
        return ("fact " if filters.facts_only else "") + f"{position + 1}/{listed}"
    return f"{noun} {position + 1} of {listed}" + (f", {severity}" if severity else "")


def fit_status(parts: list[StatusPart], width: int) -> Content:
    """The parts joined by bars in ``width`` cells: the lowest ranks shortened, then dropped, as needed."""
    chosen: list[Content | None] = [part.full for part in parts]

    def joined() -> Content:
        return Content(SEPARATOR_BAR).join(content for content in chosen if content is not None)

    yielding = sorted((part.rank, n) for n, part in enumerate(parts) if part.rank is not None)
    for _, n in yielding:
        if joined().cell_length <= width:
            return joined()
        if parts[n].short is not None:
            chosen[n] = parts[n].short
    for _, n in yielding:
        if joined().cell_length <= width:
            return joined()
        chosen[n] = None
    for n, part in enumerate(parts):  # last, the parts that stay take their short forms
        if joined().cell_length <= width:
            return joined()
        if chosen[n] is not None and part.short is not None:
            chosen[n] = part.short
    return joined().truncate(width, ellipsis=True)


def _filter_notes(filters: Filters) -> str:
    notes = []
    hidden = [kind.value for kind in KIND_ORDER[1:] if kind not in filters.kinds]
    if hidden:
        notes.append("hiding " + ", ".join(hidden))
    if Kind.UNCHANGED in filters.kinds:
        notes.append("listing unchanged")
    if filters.facts_only:
        notes.append("facts only")
    if filters.unreviewed_only:
        notes.append("unreviewed only (u)")
    if filters.changes_only:
        notes.append("changes only")
    return "; ".join(notes)


class StatusBar(Widget):
    """Where the reader is and what the comparison found, fitted to the width (see :func:`fit_status`)."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[StatusPart] = []

    def show(self, status: list[StatusPart] | str) -> None:
        """Show the reader's status parts, or a message (loading, an error)."""
        self._parts = [StatusPart(Content(status))] if isinstance(status, str) else status
        self.refresh()

    def render(self) -> Content:
        return fit_status(self._parts, self.size.width)
