"""A one-screen text summary of a comparison, for scripts and terminals without the app.

``compare-tui A B --summary`` answers "how different, and where should I look?"
the way ``git diff --stat`` does for code: counts per kind, the overall
similarity, the flagged facts (high severity first) and the largest
differences, each with a bar of words removed (``-``) and inserted (``+``).

Why this shape
--------------
* It is a :class:`rich.text.Text`, so the caller alone decides about colour
  (a Console with or without it); the characters are the same either way, so
  scripts and golden tests see exactly what a terminal shows minus the styles.
* Every line fits ``width`` cells (wide CJK characters counted as two): what
  does not fit wraps (lists of items between items, with a hanging indent),
  nothing is cut but the excerpts, which are excerpts. The number of lines is
  bounded, so at 80 columns it fits one 80×24 screen.
* Paragraph numbers count from 1, as in the app and the reports ("¶12→¶10").

No Textual import: the CLI prints this without starting the app.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

from tui.engine.model import Change, Comparison, Document, FactFlag, Kind, Severity
from tui.engine.report import flagged_facts
from tui.engine.safe_text import printable, terminal_safe
from tui.wording import KIND_MARK, KIND_ORDER, kind_label, paragraph_numbers, percent

__all__ = ["render_summary", "MAX_FACTS", "MAX_DIFFERENCES"]

MAX_FACTS = 5
MAX_DIFFERENCES = 8
_BAR_WIDTH = 12
_MIN_EXCERPT = 12

KIND_STYLE: dict[Kind, str] = {
    Kind.UNCHANGED: "dim",
    Kind.REWORDED: "yellow",
    Kind.MOVED: "cyan",
    Kind.SPLIT: "magenta",
    Kind.MERGED: "magenta",
    Kind.ADDED: "green",
    Kind.DROPPED: "red",
}
_SEVERITY_STYLE = {Severity.HIGH: "bold red", Severity.MEDIUM: "yellow"}


def render_summary(comparison: Comparison, width: int = 80) -> Text:
    """The summary as styled text whose every line fits ``width`` cells."""
    lines = [*_header(comparison, width), Text()]
    facts = _fact_lines(comparison)
    if facts:
        lines += [*facts, Text()]
    lines += _difference_lines(comparison, width)
    measure = Console(width=max(width, 1), file=io.StringIO(), color_system=None)
    return Text("\n").join(
        piece for line in lines for piece in _wrapped(line, max(width, 1), measure)
    )


# --------------------------------------------------------------------------- header


def _header(comparison: Comparison, width: int) -> list[Text]:
    left, right = _side_name(comparison.left), _side_name(comparison.right)
    sources = [Text(f"{left} → {right}", style="bold")]
    if sources[0].cell_len > width:  # each side on a line of its own, whole
        sources = [Text(left, style="bold"), Text(f"→ {right}", style="bold")]
    counts = comparison.counts()
    differences = len(comparison.differences)
    cosmetic = sum(1 for change in comparison.changes if change.cosmetic and not change.boilerplate)
    overview = [
        f"{percent(comparison.similarity)} of the text kept",
        _plural(differences, "difference"),
    ]
    if cosmetic:
        overview.append(f"{cosmetic} cosmetic only")
    if counts["boilerplate"]:
        overview.append(f"{counts['boilerplate']} boilerplate set aside")
    return [
        *sources,
        *_packed([Text(item) for item in overview], " · ", width),
        *_packed(_kind_counts(counts), "  ", width),
    ]


def _side_name(document: Document) -> str:
    """The source as given; an empty side (git's /dev/null for an added or deleted file) says so."""
    source = terminal_safe(document.source)
    return f"{source} (empty)" if not document.paragraphs else source


def _kind_counts(counts: dict[str, int]) -> list[Text]:
    parts: list[Text] = []
    for kind in KIND_ORDER:
        if counts[kind.value]:
            parts.append(
                Text(
                    f"{KIND_MARK[kind].strip() or '='} {kind.value} {counts[kind.value]}",
                    style=KIND_STYLE[kind],
                )
            )
    return parts or [Text("nothing to compare", style="dim")]


# --------------------------------------------------------------------------- facts


def _fact_lines(comparison: Comparison) -> list[Text]:
    """High-severity facts first, each group in reading order, at most :data:`MAX_FACTS`."""
    found = [(comparison.changes[index], fact) for index, fact in flagged_facts(comparison)]
    if not found:
        return []
    high = sum(1 for _, fact in found if fact.severity is Severity.HIGH)
    heading = f"Facts to check: {len(found)}" + (f" ({high} high)" if high else "")
    shown = found[:MAX_FACTS]
    place_width = max(cell_len(_where(change)) for change, _ in shown)
    lines = [Text(heading, style="bold")]
    lines += [_fact_line(change, fact, place_width) for change, fact in shown]
    if len(found) > MAX_FACTS:
        lines.append(
            _left_out(f"{len(found) - MAX_FACTS} more (--export a report for all of them)")
        )
    return lines


def _fact_line(change: Change, fact: FactFlag, place_width: int) -> Text:
    return Text.assemble(
        "  ",
        (f"{fact.severity:<7}", _SEVERITY_STYLE.get(fact.severity, "")),
        (_pad(_where(change), place_width), "dim"),
        "  ",
        printable(" ".join(fact.reason.split())),
    )


# --------------------------------------------------------------------------- differences


@dataclass(frozen=True, slots=True)
class _Row:
    """One difference as the --stat-like list shows it."""

    change: Change
    order: int
    removed: int
    inserted: int
    excerpt: str

    @property
    def words(self) -> int:
        return self.removed + self.inserted


def _difference_lines(comparison: Comparison, width: int) -> list[Text]:
    """The largest differences by words changed, biggest first, with a +/- bar."""
    rows = [_row(comparison, change, order) for order, change in enumerate(comparison.differences)]
    if not rows:
        return [Text("No differences in content.", style="bold")]
    rows.sort(key=lambda row: (-row.words, row.order))
    shown = rows[:MAX_DIFFERENCES]
    heading = "Largest differences" if len(rows) > len(shown) else "Differences"
    lines = [Text(f"{heading} (words removed - / inserted +)", style="bold")]
    lines += _stat_lines(shown, width)
    if len(rows) > len(shown):
        lines.append(
            _left_out(f"{len(rows) - len(shown)} smaller (open the app or --export a report)")
        )
    return lines


def _left_out(what: str) -> Text:
    """The dim last line of a cut list: how many were left out and where to see them."""
    return Text(f"  … and {what}", style="dim")


def _row(comparison: Comparison, change: Change, order: int) -> _Row:
    removed, inserted = _words_changed(comparison, change)
    side, indices = (
        (comparison.right, change.right) if change.right else (comparison.left, change.left)
    )
    excerpt = printable(" ".join(side.paragraphs[indices[0]].text.split()))
    return _Row(change, order, removed, inserted, excerpt)


def _words_changed(comparison: Comparison, change: Change) -> tuple[int, int]:
    """Words removed and inserted: from the word diff when there is one, else whole paragraphs."""
    if change.inline is not None:
        edits = [op for op in change.inline.ops if op.op != "equal"]
        return sum(len(op.left.split()) for op in edits), sum(len(op.right.split()) for op in edits)
    return _word_count(comparison.left, change.left), _word_count(comparison.right, change.right)


def _word_count(document: Document, indices: tuple[int, ...]) -> int:
    return sum(len(document.paragraphs[i].text.split()) for i in indices)


@dataclass(frozen=True, slots=True)
class _Columns:
    """Column widths in cells, sized to the rows shown; the excerpt takes what is left."""

    kind: int
    place: int
    count: int
    bar: int
    excerpt: int


def _stat_lines(rows: list[_Row], width: int) -> list[Text]:
    most = max(row.words for row in rows)
    kind = max(cell_len(kind_label(row.change)) for row in rows)
    place = max(cell_len(_where(row.change)) for row in rows)
    count, bar = len(str(most)), min(_BAR_WIDTH, most)
    fixed = 2 + 2 + kind + 2 + 4 + 2 + place + 2 + count + 1 + bar + 2
    columns = _Columns(kind, place, count, bar, max(_MIN_EXCERPT, width - fixed))
    return [_stat_line(row, columns, bar / max(most, 1)) for row in rows]


def _stat_line(row: _Row, columns: _Columns, scale: float) -> Text:
    change = row.change
    style = KIND_STYLE[change.kind]
    similarity = percent(change.similarity) if change.left and change.right else "—"
    removed, inserted = _bar_length(row.removed, scale), _bar_length(row.inserted, scale)
    return Text.assemble(
        "  ",
        (f"{KIND_MARK[change.kind]} ", style),
        (_pad(kind_label(change), columns.kind), style),
        f"  {similarity:>4}  ",
        (_pad(_where(change), columns.place), "dim"),
        f"  {row.words:>{columns.count}} ",
        ("-" * removed, "red"),
        ("+" * inserted, "green"),
        " " * max(columns.bar - removed - inserted + 2, 1),
        _clip(row.excerpt, columns.excerpt),
    )


def _bar_length(words: int, scale: float) -> int:
    """Like git's --stat: scaled to the largest row, but never zero for a non-zero count."""
    return max(1, round(words * scale)) if words else 0


# --------------------------------------------------------------------------- cells


def _where(change: Change) -> str:
    """A short location: "¶12→¶10", "¶3–4→¶3", "—→¶7" for an added paragraph."""
    return f"{paragraph_numbers(change.left)}→{paragraph_numbers(change.right)}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _clip(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells, with an ellipsis when something was cut."""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, max(cells - 1, 0)).rstrip() + "…"


def _pad(text: str, cells: int) -> str:
    return text + " " * max(cells - cell_len(text), 0)


_HANGING = 4  # continuation lines of a wrapped line start this far in


def _packed(items: list[Text], separator: str, width: int) -> list[Text]:
    """``items`` joined by ``separator`` on as few lines as fit ``width``, breaking only between items."""
    lines: list[Text] = []
    line = Text()
    for item in items:
        if line.cell_len and line.cell_len + len(separator) + item.cell_len > width:
            lines.append(line)
            line = Text(" " * _HANGING)
        elif line.cell_len:
            line.append(separator)
        line.append_text(item)
    return [*lines, line]


def _wrapped(line: Text, width: int, measure: Console) -> list[Text]:
    """``line`` as lines of at most ``width`` cells: wrapped at spaces (folded only inside a word too long), never cut."""
    line = line.copy()
    line.rstrip()
    if line.cell_len <= width:
        return [line]
    room = max(1, width - _HANGING) if width > 2 * _HANGING else width
    indent = " " * (width - room)
    pieces = line.wrap(measure, room, overflow="fold")
    for piece in pieces:
        piece.rstrip()
    return [pieces[0], *(Text(indent) + piece for piece in pieces[1:])]
