"""What the reader shows, computed without any widget: filters, rows, cell contents, search.

The widgets only draw what this module decides, so the rules (which changes
the panel lists, which rows the panes show, what a moved paragraph's marker
says, where a search match is) are plain functions that tests can call.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from tui.engine.layout import Row, side_by_side
from tui.engine.model import Change, Comparison, FactFlag, Kind
from tui.engine.safe_text import visible_controls
from tui.review.marks import Mark
from tui.wording import SEVERITY_MARK, fact_line, kind_label, paragraph_numbers

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "ComparisonIndex",
    "Filters",
    "Part",
    "Match",
    "ReaderModel",
    "difference_text",
    "excerpt",
    "fact_flag_line",
    "fact_words",
    "paragraph_number",
]

LEFT, RIGHT = "left", "right"


@dataclass(frozen=True, slots=True)
class Filters:
    """Which changes the panel lists and the panes show.

    ``kinds``, ``facts_only`` and ``unreviewed_only`` choose what the panel
    lists (and what n/p step through); ``changes_only`` makes the panes show
    only what the panel lists; boilerplate is hidden everywhere unless
    ``show_boilerplate``.
    """

    kinds: frozenset[Kind] = frozenset(kind for kind in Kind if kind is not Kind.UNCHANGED)
    facts_only: bool = False
    changes_only: bool = False
    show_boilerplate: bool = False
    unreviewed_only: bool = False

    def toggle_kind(self, kind: Kind) -> Filters:
        return replace(self, kinds=self.kinds ^ {kind})

    def lists(self, change: Change) -> bool:
        """True when the differences panel has a row for ``change``."""
        return (
            change.kind in self.kinds
            and (self.show_boilerplate or not change.boilerplate)
            and (not self.facts_only or bool(change.facts))
        )

    def shows(self, change: Change) -> bool:
        """True when the panes draw ``change`` (with ``changes_only``, the model also asks :meth:`lists`)."""
        return self.show_boilerplate or not change.boilerplate


@dataclass(frozen=True, slots=True)
class Part:
    """One wrapped unit of a cell: a paragraph, a marker line, a fact note or a blank gap.

    ``paragraph`` is the paragraph index on the cell's side (paragraph parts
    only) and ``position`` its place inside the change's group, which selects
    the inline spans to highlight.
    """

    text: str
    role: str  # "paragraph" | "marker" | "fact" | "note" | "excerpt" | "gap"
    paragraph: int | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class Match:
    """A search hit: the row it is drawn in, the side, the paragraph and the character range."""

    row: int
    side: str
    paragraph: int
    start: int
    end: int


def paragraph_number(index: int) -> str:
    """Paragraphs as readers count them: ¶1 is the first."""
    return f"¶{index + 1}"


def excerpt(text: str, length: int = 80) -> str:
    """A one-line, control-safe beginning of ``text`` for lists and markers."""
    flat = " ".join(visible_controls(text).split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


_GAP = Part("", "gap")
NO_MARK = Mark()
NOTE_MARK = "✎"


class ComparisonIndex:
    """What every view of one comparison shares, computed once: its layout, and arrays the filters test.

    A filter change makes a new :class:`ReaderModel`; with 20,000 changes,
    testing each one in Python took ~0.1 s a key. The kind, boilerplate and
    facts of each change, the change and severity of each fact flag, and the
    change and ghost flag of each layout row, are kept here as arrays, so a model selects with a few vector
    operations (``Filters.lists`` and ``Filters.shows`` remain the rule, one
    change at a time; a property test holds the two together).
    """

    def __init__(self, comparison: Comparison) -> None:
        # numpy comes with the comparison (the engine imports it), not before the first frame.
        import numpy as np

        changes = comparison.changes
        self.layout = side_by_side(comparison)
        self.kinds = np.array([_KIND_CODE[c.kind] for c in changes], dtype=np.int8)
        self.boilerplate = np.array([c.boilerplate for c in changes], dtype=bool)
        self.has_facts = np.array([bool(c.facts) for c in changes], dtype=bool)
        # One entry per fact flag, in reading order: its change, its place among the change's
        # flags, and its severity (what the facts view lists and sorts by).
        flags = [(n, number) for n, c in enumerate(changes) for number in range(len(c.facts))]
        self.fact_changes = np.array([n for n, _ in flags], dtype=np.int64)
        self.fact_numbers = np.array([number for _, number in flags], dtype=np.int64)
        self.fact_severity = np.array(
            [changes[n].facts[number].severity.rank for n, number in flags], dtype=np.int8
        )
        self.row_changes = np.array([row.change for row in self.layout], dtype=np.int64)
        self.row_ghosts = np.array([row.ghost for row in self.layout], dtype=bool)
        self.layout_position = {(row.change, row.ghost): n for n, row in enumerate(self.layout)}


_KIND_CODE = {kind: code for code, kind in enumerate(Kind)}


@dataclass(eq=False)
class ReaderModel:
    """A comparison seen through the current filters and the reviewer's marks: panel entries and pane rows.

    ``marks`` are by change index; they decide what ``unreviewed_only`` hides
    and put each note under its difference in the panes. ``index`` is shared by
    every model of one comparison (:meth:`with_filters` and :meth:`with_marks`
    pass it on).
    """

    comparison: Comparison
    filters: Filters = field(default_factory=Filters)
    index: ComparisonIndex | None = None
    marks: Mapping[int, Mark] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.index is None:
            self.index = ComparisonIndex(self.comparison)

    @property
    def layout(self) -> tuple[Row, ...]:
        """Every row the comparison can show, in order (see :func:`~tui.engine.layout.side_by_side`)."""
        assert self.index is not None
        return self.index.layout

    def with_filters(self, filters: Filters) -> ReaderModel:
        return ReaderModel(self.comparison, filters, self.index, self.marks)

    def with_marks(self, marks: Mapping[int, Mark]) -> ReaderModel:
        return ReaderModel(self.comparison, self.filters, self.index, marks)

    def mark(self, change: int) -> Mark:
        return self.marks.get(change, NO_MARK)

    @cached_property
    def _listed(self) -> np.ndarray:
        """For each change, whether the panel lists it: :meth:`Filters.lists`, and not hidden as reviewed."""
        import numpy as np

        index, filters = self.index, self.filters
        assert index is not None
        listed = np.isin(index.kinds, [_KIND_CODE[kind] for kind in filters.kinds])
        if not filters.show_boilerplate:
            listed &= ~index.boilerplate
        if filters.facts_only:
            listed &= index.has_facts
        if filters.unreviewed_only:
            reviewed = [change for change, mark in self.marks.items() if mark.reviewed]
            listed[reviewed] = False
        return listed

    @cached_property
    def differences(self) -> tuple[int, ...]:
        """The change of each panel entry (what n/p step through), in reading order.

        With ``facts_only`` the panel lists facts, not paragraphs: one entry
        per fact flag (a change with three flags is listed three times, see
        :attr:`entry_facts`), high severity first, reading order within a
        severity: a fact-checker wants the changed figures and names before
        the hedges.
        """
        return self._entries[0]

    @property
    def entry_facts(self) -> tuple[int, ...]:
        """With ``facts_only``, which of its change's flags each entry is (an index into ``facts``); else empty."""
        return self._entries[1]

    def fact_index_at(self, position: int) -> int | None:
        """Which of its change's flags panel entry ``position`` lists (None outside the facts view)."""
        return self.entry_facts[position] if self.entry_facts else None

    def fact_at(self, position: int) -> FactFlag | None:
        """The fact flag panel entry ``position`` lists (None outside the facts view)."""
        index = self.fact_index_at(position)
        if index is None:
            return None
        return self.comparison.changes[self.differences[position]].facts[index]

    @cached_property
    def _entries(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        import numpy as np

        index = self.index
        assert index is not None
        if not self.filters.facts_only:
            return tuple(np.flatnonzero(self._listed).tolist()), ()
        flags = np.flatnonzero(self._listed[index.fact_changes])
        flags = flags[np.argsort(index.fact_severity[flags], kind="stable")]
        return tuple(index.fact_changes[flags].tolist()), tuple(index.fact_numbers[flags].tolist())

    @cached_property
    def _position_of(self) -> dict[int, int]:
        """Each listed change's first entry (in the facts view, its most serious flag's)."""
        first: dict[int, int] = {}
        for position, change in enumerate(self.differences):
            first.setdefault(change, position)
        return first

    def position_of(self, change: int) -> int | None:
        """Where change ``change`` is first listed in the panel, or None when it is not."""
        return self._position_of.get(change)

    def position_near(self, change: int) -> int | None:
        """The panel position of ``change``, or else of the listed change that follows it in reading order.

        Past the last listed change, the last one in reading order; None when nothing is listed.
        """
        if not self.differences:
            return None
        following = [listed for listed in self.differences if listed >= change]
        return self._position_of[min(following) if following else max(self.differences)]

    @cached_property
    def row_positions(self) -> np.ndarray:
        """Where each shown row is in :attr:`layout` (the panes keep per-layout-row heights)."""
        import numpy as np

        index = self.index
        assert index is not None
        if self.filters.changes_only:
            shown = self._listed[index.row_changes]
        elif self.filters.show_boilerplate:
            shown = np.ones(len(index.layout), dtype=bool)
        else:
            shown = ~index.boilerplate[index.row_changes]
        return np.flatnonzero(shown)

    @property
    def row_changes(self) -> np.ndarray:
        """The change index of each shown row."""
        assert self.index is not None
        changes: np.ndarray = self.index.row_changes[self.row_positions]
        return changes

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        """The rows the panes draw."""
        layout = self.layout
        return tuple([layout[n] for n in self.row_positions.tolist()])

    @cached_property
    def row_of_change(self) -> dict[int, int]:
        """Pane row of each shown change (its pair row, not its ghost)."""
        return self._rows_of(ghosts=False)

    @cached_property
    def ghost_row_of_change(self) -> dict[int, int]:
        return self._rows_of(ghosts=True)

    def _rows_of(self, *, ghosts: bool) -> dict[int, int]:
        import numpy as np

        assert self.index is not None
        positions = self.row_positions
        wanted = self.index.row_ghosts[positions] == ghosts
        changes = self.index.row_changes[positions][wanted]
        return dict(zip(changes.tolist(), np.flatnonzero(wanted).tolist(), strict=True))

    @property
    def layout_position(self) -> dict[tuple[int, bool], int]:
        """Where each (change, ghost) row is in :attr:`layout`."""
        assert self.index is not None
        return self.index.layout_position

    def moved_down(self, change: int) -> bool:
        """True when a moved change's new place comes after its old one (its ghost)."""
        assert self.index is not None
        where = self.index.layout_position
        return where[(change, True)] < where[(change, False)]

    def cell_parts(self, row: Row, side: str) -> tuple[Part, ...]:
        """What one side of a row contains, top to bottom."""
        change = self.comparison.changes[row.change]
        if row.ghost:
            return self._ghost_parts(row.change) if side == LEFT else ()
        indices = change.left if side == LEFT else change.right
        document = self.comparison.left if side == LEFT else self.comparison.right
        parts: list[Part] = []
        if change.moved:
            parts.append(self._moved_marker(row.change, side))
        for position, index in enumerate(indices):
            if position:
                parts.append(_GAP)
            parts.append(
                Part(
                    visible_controls(document.paragraphs[index].text), "paragraph", index, position
                )
            )
        if side == RIGHT:
            parts += [
                Part(fact_flag_line(fact), "fact", position=number)
                for number, fact in enumerate(change.facts)
            ]
        note = self.mark(row.change).note
        if note.strip() and side == (RIGHT if change.right else LEFT):
            parts.append(Part(f"{NOTE_MARK} {excerpt(note, 10_000)}", "note"))
        return tuple(parts)

    def _ghost_parts(self, change_index: int) -> tuple[Part, ...]:
        change = self.comparison.changes[change_index]
        first = change.left[0]
        arrow, where = ("↧", "down") if self.moved_down(change_index) else ("↥", "up")
        partner = ", ".join(paragraph_number(j) for j in change.right)
        marker = f"{arrow} {paragraph_number(first)} moved {where}: now beside right {partner} (m jumps there)"
        text = " ".join(self.comparison.left.paragraphs[i].text for i in change.left)
        return (Part(marker, "marker"), Part(excerpt(text, 120), "excerpt"))

    def _moved_marker(self, change_index: int, side: str) -> Part:
        change = self.comparison.changes[change_index]
        if side == RIGHT:
            return Part(f"↕ moved (was left {paragraph_number(change.left[0])})", "marker")
        arrow, where = ("↥", "above") if self.moved_down(change_index) else ("↧", "below")
        return Part(f"{arrow} moved here from {where} (m jumps to its old place)", "marker")

    def search(self, term: str) -> tuple[Match, ...]:
        """Every case-insensitive occurrence of ``term`` in the shown rows, top to bottom, left before right."""
        if not term:
            return ()
        pattern = re.compile(re.escape(term), re.IGNORECASE)
        matches = []
        for number, row in enumerate(self.rows):
            if row.ghost:
                continue
            change = self.comparison.changes[row.change]
            for side, indices, document in (
                (LEFT, change.left, self.comparison.left),
                (RIGHT, change.right, self.comparison.right),
            ):
                for index in indices:
                    text = document.paragraphs[index].text
                    matches += [
                        Match(number, side, index, m.start(), m.end())
                        for m in pattern.finditer(text)
                    ]
        return tuple(matches)


def difference_text(comparison: Comparison, change_index: int, mark: Mark = NO_MARK) -> str:
    """One difference as plain text, to paste into a message or a ticket (the ``y`` key).

    What happened and where (``reworded, 43% of words kept (¶5→¶5)``), each
    paragraph of both sides under its number and source, the fact flags, the
    reviewer's note. Control characters are made visible, as on screen: a
    pasted escape sequence must not act in the terminal it lands in.
    """
    change = comparison.changes[change_index]
    kept = f", {change.similarity:.0%} of words kept" if change.left and change.right else ""
    where = f"{paragraph_numbers(change.left)}→{paragraph_numbers(change.right)}"
    lines = [f"{kind_label(change)}{kept} ({where})"]
    for role, document, indices in (
        ("original", comparison.left, change.left),
        ("rewrite", comparison.right, change.right),
    ):
        if not indices:
            lines += ["", f"{role} ({visible_controls(document.source)}): nothing"]
        for index in indices:
            lines += [
                "",
                f"{role} {paragraph_number(index)} ({visible_controls(document.source)}):",
                visible_controls(document.paragraphs[index].text),
            ]
    if change.facts:
        lines += ["", "Facts to check:"]
        lines += [f"- {fact.severity}: {_fact_words(fact)}" for fact in change.facts]
    if mark.note.strip():
        note = "\n".join(visible_controls(line) for line in mark.note.strip().splitlines())
        lines += ["", f"Note: {note}"]
    return "\n".join(lines) + "\n"


def fact_words(change: Change, side: str, position: int) -> list[tuple[int, int, int]]:
    """Where the facts' own words stand in paragraph ``position`` of ``change``'s group on ``side``.

    The changed figure, name, date or quote, as character ranges of that
    paragraph with the index of the fact in ``change.facts``, for the panes to
    mark apart from the other edits (and the current fact apart from the rest).
    """
    places = (fact.left_at if side == LEFT else fact.right_at for fact in change.facts)
    return [
        (at.start, at.end, number)
        for number, at in enumerate(places)
        if at is not None and at.paragraph == position
    ]


def fact_flag_line(fact: FactFlag) -> str:
    """``! number: “$47 billion” → “tens of billions”``: a flag as the panes show it, on one line.

    The reason is left out (the panel's fact rows, ``y`` and the reports say it);
    the panes cut the line to their width.
    """
    return visible_controls(f"{SEVERITY_MARK[fact.severity]} {fact_line(fact)}")


def _fact_words(fact: FactFlag) -> str:
    """``number: $47 billion → tens of billions (exact figure made vague)``, control-safe."""
    before = fact.left if fact.left is not None else "—"
    after = fact.right if fact.right is not None else "—"
    return visible_controls(f"{fact.kind}: {before} → {after} ({fact.reason})")
