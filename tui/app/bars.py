"""One-line bars: the pane titles above the panes and the status line below them."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from tui.app.kinds import FACT_MARK, KIND_MARK, KIND_ORDER
from tui.app.panel import KIND_STYLE
from tui.app.panes import DIVIDER, GUTTER, column_widths
from tui.app.view_model import Filters
from tui.engine.model import Comparison, Kind

__all__ = ["PaneTitles", "StatusBar", "Summary", "status_text"]


class PaneTitles(Widget):
    """The two sources' names, each over its own column."""

    DEFAULT_CSS = "PaneTitles { height: 1; background: $panel; color: $text; text-style: bold; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._names = ("", "")
        self.reserve = 2  # cells right of the panes (the overview strip)

    def show_sources(self, left: str, right: str) -> None:
        self._names = (left, right)
        self.refresh()

    def render(self) -> Content:
        left_width, right_width = column_widths(self.size.width - self.reserve)
        left, right = (_fit(name, width) for name, width in zip(self._names, (left_width, right_width)))
        return Content.assemble(" " * GUTTER, left, " " * len(DIVIDER), " " * GUTTER, right)


def _fit(name: str, width: int) -> str:
    return name.ljust(width) if len(name) <= width else "…" + name[-(width - 1) :]


@dataclass(frozen=True, slots=True)
class Summary:
    """What the status line says about the whole comparison, counted once (20,000 changes are many)."""

    counts: dict[str, int]
    similarity: float
    with_facts: int

    @classmethod
    def of(cls, comparison: Comparison) -> Summary:
        return cls(comparison.counts(), comparison.similarity, sum(bool(c.facts) for c in comparison.changes))


def status_text(
    summary: Summary,
    filters: Filters,
    position: int | None,
    listed: int,
    search: str | None,
    review: tuple[int, int] | None = None,
) -> Content:
    """``difference 3 of 15 │ reviewed 4 / 15 │ 53% similar │ ~11 ↕1 … │ boilerplate hidden (b) │ filters``.

    ``review`` is (reviewed, total differences), when a review is open.
    """
    counts = summary.counts
    where = f"difference {position + 1} of {listed}" if position is not None else f"{listed} differences"
    parts: list[Content | str | tuple[str, str]] = [(where, "bold")]
    if review is not None:
        reviewed, total = review
        parts += [" │ ", (f"reviewed {reviewed} / {total}", "$text-success bold" if total and reviewed >= total else "")]
    parts.append(f" │ {summary.similarity:.0%} similar │")
    for kind in KIND_ORDER[1:]:
        parts += [" ", (f"{KIND_MARK[kind]}{counts[kind.value]}", KIND_STYLE[kind])]
    if summary.with_facts:
        parts += [" ", (f"{FACT_MARK}{summary.with_facts}", "$text-warning bold")]
    if counts["boilerplate"]:
        shown = "shown" if filters.show_boilerplate else "hidden"
        parts.append(f" │ boilerplate {counts['boilerplate']} {shown} (b)")
    notes = _filter_notes(filters)
    if notes:
        parts += [" │ ", (notes, "$text-warning")]
    if search is not None:
        parts += [" │ ", (search, "$text-accent")]
    return Content.assemble(*parts)


def _filter_notes(filters: Filters) -> str:
    notes = []
    hidden = [kind.value for kind in KIND_ORDER[1:] if kind not in filters.kinds]
    if hidden:
        notes.append("hiding " + ",".join(hidden))
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
    """Where the reader is and what the comparison found."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: Content | str = ""

    def show(self, content: Content | str) -> None:
        self._content = content
        self.refresh()

    def render(self) -> Content | str:
        return self._content
