"""The HTML report: one self-contained page to attach to a fact-check.

What a reader gets, top to bottom: the summary (sources, date, counts per
kind, overall similarity), the fact changes, the alignment map (an inline SVG
picture of which paragraph became which), the numbered list of differences,
a legend, then both texts side by side in one table with word-level
highlights (``<del>`` on the left, ``<ins>`` on the right: struck and
underlined, never colour alone) and the facts' own words (the changed figure,
name, date or quote) in ``<span class="fact">``, bold on their own colour.

Safety: every piece of input text goes through
:func:`~tui.export.html_markup.html_text` (control characters made visible,
then ``html.escape`` with quotes), so nothing a compared text contains can
open an element or end a cell. The page needs no script, font or other fetch;
its stylesheet (``report.css``, shipped beside this module and inlined into
the page) handles dark mode, phone width and print.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from importlib.resources import files
from itertools import groupby

from tui.engine.layout import Row, side_by_side
from tui.engine.model import (
    Change,
    Comparison,
    Document,
    FactFlag,
    Kind,
    Paragraph,
    Span,
    WordsAt,
)
from tui.engine.report import (
    Review,
    ReviewMark,
    difference_numbers,
    flagged_facts,
    reviewer_notes,
)
from tui.engine.sentences import sentence_pairs
from tui.export.alignment_map import alignment_map
from tui.export.html_markup import change_anchor, html_text, kind_class
from tui.wording import (
    generated_label,
    kind_title,
    locator,
    paragraph_numbers,
    percent,
    reason_shows_values,
    review_badges,
    review_progress,
    score_label,
    sentence_kind_label,
    sentence_summary,
)

__all__ = ["render_html"]

#: The page's stylesheet, inlined so the report stays one self-contained file.
_STYLESHEET = files("tui.export").joinpath("report.css").read_text(encoding="utf-8")
_EXCERPT_CHARS = 90
_LEGEND = (
    (Kind.REWORDED, "same passage, other words"),
    (Kind.MOVED, "passage put elsewhere; a dashed row marks its old place"),
    (Kind.SPLIT, "one paragraph became several"),
    (Kind.MERGED, "several paragraphs became one"),
    (Kind.ADDED, "only in the rewrite"),
    (Kind.DROPPED, "only in the original"),
    (Kind.UNCHANGED, "same text (typography aside)"),
)


def render_html(
    comparison: Comparison, *, generated: datetime | None = None, review: Review | None = None
) -> str:
    """The report page; ``generated`` is the date it states (default: now).

    With ``review`` (change index -> mark), the reviewer's progress and notes
    come right after the summary and each difference shows its marks and note.
    """
    numbers = difference_numbers(comparison)
    marks = review or {}
    body = "\n".join(
        part
        for part in (
            _summary(comparison, generated),
            _review_section(comparison, review) if review is not None else "",
            _fact_section(comparison, numbers),
            '<div class="overview">',
            alignment_map(comparison),
            _contents(comparison, numbers, marks),
            "</div>",
            _legend(),
            _texts(comparison, numbers, marks),
        )
        if part
    )
    title = f"Comparison: {_title(comparison.left)} → {_title(comparison.right)}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{html_text(title)}</title>\n<style>\n{_STYLESHEET}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _title(document: Document) -> str:
    return document.title or document.source


# --- Summary and fact changes ---------------------------------------------------------------


def _summary(comparison: Comparison, generated: datetime | None) -> str:
    counts = comparison.counts()
    chips = "".join(
        f'<li class="k-{kind.value}"><span class="swatch"></span><b>{counts[kind.value]}</b> {kind.value}</li>'
        for kind in Kind
    )
    return (
        '<header>\n<h1>Comparison report</h1>\n<dl class="sources">'
        f"<dt>Original</dt><dd>{html_text(_title(comparison.left))}{_source_note(comparison.left)}</dd>"
        f"<dt>Rewrite</dt><dd>{html_text(_title(comparison.right))}{_source_note(comparison.right)}</dd>"
        f"<dt>Generated</dt><dd>{html_text(generated_label(generated))}</dd></dl>\n"
        f'<p class="overall"><b>{percent(comparison.similarity)}</b> of the text kept overall · '
        f"<b>{len(comparison.differences)}</b> differences · "
        f"<b>{counts['boilerplate']}</b> boilerplate items set aside (not counted as added or dropped)</p>\n"
        f'<ul class="counts">{chips}</ul>\n</header>'
    )


def _review_section(comparison: Comparison, review: Review) -> str:
    """How far the review got, then every note with a link to its difference."""
    notes = reviewer_notes(comparison, review)
    items = "".join(
        f'<li><a href="#{change_anchor(index)}">Difference {number}</a>{_badges(mark)}: '
        f'<span class="note">{html_text(mark.note.strip())}</span></li>'
        for index, number, mark in notes
    )
    listing = f'<h3>Reviewer\'s notes</h3><ul class="notes">{items}</ul>' if notes else ""
    return f'<section id="review"><h2>Review</h2><p>{html_text(review_progress(comparison, review))}</p>{listing}</section>'


def _badges(mark: ReviewMark | None) -> str:
    return "".join(
        f' <span class="mark">{html_text(badge)}</span>' for badge in review_badges(mark)
    )


def _source_note(document: Document) -> str:
    """The path under a title, and how many paragraphs were read."""
    path = f' <span class="muted">({html_text(document.source)})</span>' if document.title else ""
    return f'{path} <span class="muted">· {len(document.paragraphs)} paragraphs</span>'


def _fact_section(comparison: Comparison, numbers: dict[int, int]) -> str:
    flagged = flagged_facts(comparison)
    if not flagged:
        return '<section id="facts"><h2>Fact changes</h2><p class="muted">No fact changes flagged.</p></section>'
    items = "".join(
        _fact_item(fact, index, comparison.changes[index], numbers) for index, fact in flagged
    )
    return f'<section id="facts"><h2>Fact changes ({len(flagged)})</h2><ul class="facts">{items}</ul></section>'


def _fact_item(fact: FactFlag, index: int, change: Change, numbers: dict[int, int]) -> str:
    where = f"difference {numbers[index]}" if index in numbers else locator(change)
    return f'<li class="sev-{html_text(fact.severity)}">{_fact(fact)} <a href="#{change_anchor(index)}">{html_text(where)}</a></li>'


def _fact(fact: FactFlag) -> str:
    """Severity, kind, reason and the two values: what a fact-checker needs to see at once."""
    values = (
        ""
        if reason_shows_values(fact)
        else (f' <span class="values">{_fact_value(fact.left)} → {_fact_value(fact.right)}</span>')
    )
    return f'<span class="sev">{html_text(fact.severity)}</span> <b>{html_text(fact.kind)}</b>: {html_text(fact.reason)}{values}'


def _fact_value(value: str | None) -> str:
    return (
        f"<q>{html_text(value)}</q>" if value is not None else '<span class="muted">(none)</span>'
    )


# --- Contents and legend --------------------------------------------------------------------


def _contents(comparison: Comparison, numbers: dict[int, int], review: Review) -> str:
    items = []
    for index in numbers:
        change = comparison.changes[index]
        count = len(change.facts)
        facts = (
            f' <span class="badge">{count} fact{"s" if count > 1 else ""}</span>' if count else ""
        )
        items.append(
            f'<li class="{kind_class(change)}"><a href="#{change_anchor(index)}"><span class="swatch"></span>'
            f"<b>{kind_title(change)}</b> {locator(change)} · {score_label(change)}</a>{facts}{_badges(review.get(index))}"
            f'<br><span class="excerpt">{html_text(_excerpt(comparison, change))}</span></li>'
        )
    if not items:
        return '<nav id="contents"><h2>Differences</h2><p class="muted">No differences: the texts say the same.</p></nav>'
    return f'<nav id="contents"><h2>Differences ({len(items)})</h2><ol>{"".join(items)}</ol></nav>'


def _excerpt(comparison: Comparison, change: Change) -> str:
    """The opening words of the change, from the rewrite when it has any."""
    document, indices = (
        (comparison.right, change.right) if change.right else (comparison.left, change.left)
    )
    words = " ".join(document.paragraphs[indices[0]].text.split())
    if len(words) <= _EXCERPT_CHARS:
        return words
    return words[:_EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def _legend() -> str:
    kinds = "".join(
        f'<li class="k-{kind.value}"><span class="swatch"></span><b>{kind.value}</b>: {meaning}</li>'
        for kind, meaning in _LEGEND
    )
    return (
        '<section id="legend"><h2>Legend</h2><ul class="legend">'
        f"{kinds}"
        '<li class="k-boilerplate"><span class="swatch"></span><b>boilerplate</b>: bylines, share '
        "buttons, forum chrome… collapsed, not counted</li>"
        "<li><del>struck</del>: words the rewrite deleted · <ins>underlined</ins>: words it inserted"
        ' · <span class="fact">marked</span>: the words of a flagged fact (a figure, name, date, quote)</li>'
        "<li>¶ numbers count paragraphs from 1 on each side; similarity is the share of words kept.</li>"
        "</ul></section>"
    )


# --- Side-by-side texts ---------------------------------------------------------------------


def _texts(comparison: Comparison, numbers: dict[int, int], review: Review) -> str:
    rows = side_by_side(comparison)
    below = _ghosts_below(rows)
    body = "\n".join(
        _row_group(comparison, group, numbers, below, review) for group in _groups(comparison, rows)
    )
    return (
        '<section id="texts"><h2>Both texts, side by side</h2>'
        '<table class="sbs"><colgroup><col><col></colgroup>'
        '<thead><tr><th scope="col">Original</th><th scope="col">Rewrite</th></tr></thead>'
        f"<tbody>\n{body}\n</tbody></table></section>"
    )


def _ghosts_below(rows: tuple[Row, ...]) -> dict[int, bool]:
    """For each moved change, whether the ghost row at its old place comes after its row."""
    place = {(row.change, row.ghost): position for position, row in enumerate(rows)}
    return {
        index: position > place[(index, False)]
        for (index, ghost), position in place.items()
        if ghost
    }


def _groups(comparison: Comparison, rows: tuple[Row, ...]) -> list[list[Row]]:
    """Rows one by one, except that consecutive boilerplate rows collapse into one group."""
    groups: list[list[Row]] = []
    for row in rows:
        boilerplate = comparison.changes[row.change].boilerplate and not row.ghost
        if boilerplate and groups and _is_boilerplate_group(comparison, groups[-1]):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _is_boilerplate_group(comparison: Comparison, group: list[Row]) -> bool:
    return not group[0].ghost and comparison.changes[group[0].change].boilerplate


def _row_group(
    comparison: Comparison,
    group: list[Row],
    numbers: dict[int, int],
    below: dict[int, bool],
    review: Review,
) -> str:
    row = group[0]
    change = comparison.changes[row.change]
    if row.ghost:
        return _ghost_row(change, row.change, numbers, below)
    if change.boilerplate:
        return _boilerplate_row(comparison, [r.change for r in group])
    cells = _cells(comparison, change, row.change if row.change not in numbers else None)
    body = f'<tr class="body {kind_class(change)}">{cells}</tr>' + _sentence_row(change)
    if row.change not in numbers:
        return body
    head = _difference_head(change, row.change, numbers, below, review.get(row.change))
    return head + "\n" + body


def _sentence_row(change: Change) -> str:
    """Which sentence became which, under the change: a folded table, one row per link."""
    if change.sentences is None:
        return ""
    pairs = sentence_pairs(change.sentences)
    rows = "".join(
        f'<tr class="s-{pair.kind.value}"><td class="sk">{sentence_kind_label(pair.kind)}</td>'
        f"<td>{_sentence_cell(pair.left, 'del')}</td>"
        f'<td class="sim">{percent(pair.similarity) if pair.left and pair.right else ""}</td>'
        f"<td>{_sentence_cell(pair.right, 'ins')}</td></tr>"
        for pair in pairs
    )
    return (
        f'\n<tr class="sentences {kind_class(change)}"><td colspan="2"><details>'
        f"<summary>Sentences: {html_text(sentence_summary(pairs))}</summary>"
        f'<table class="sent"><thead><tr><th></th><th>Original</th><th>kept</th><th>Rewrite</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></details></td></tr>"
    )


def _sentence_cell(sentences: Sequence[Sequence[Span]], mark: str) -> str:
    return " ".join(_highlighted("", spans, mark) for spans in sentences)


def _difference_head(
    change: Change,
    index: int,
    numbers: dict[int, int],
    below: dict[int, bool],
    mark: ReviewMark | None,
) -> str:
    moved = ""
    if change.moved:
        moved = f' · <a href="#{change_anchor(index)}-from">old place {_arrow(index, below, to_ghost=True)}</a>'
    facts = ""
    if change.facts:
        items = "".join(
            f'<li class="sev-{html_text(f.severity)}">{_fact(f)}</li>' for f in change.facts
        )
        facts = f'<ul class="facts">{items}</ul>'
    note = ""
    if mark is not None and mark.note.strip():
        note = f'<p class="note"><b>Reviewer\'s note:</b> {html_text(mark.note.strip())}</p>'
    return (
        f'<tr class="head {kind_class(change)}" id="{change_anchor(index)}"><th colspan="2" scope="colgroup">'
        f'<span class="num">{numbers[index]}</span> <span class="kind">{kind_title(change)}</span> '
        f"{locator(change)} · {score_label(change)}{moved}{_badges(mark)}"
        f' <a class="up" href="#contents" aria-label="back to the list of differences">↑</a>{facts}{note}</th></tr>'
    )


def _arrow(index: int, below: dict[int, bool], *, to_ghost: bool) -> str:
    """↑ or ↓: where the other end of a move sits in the table."""
    return "↓" if below[index] == to_ghost else "↑"


def _ghost_row(change: Change, index: int, numbers: dict[int, int], below: dict[int, bool]) -> str:
    target = f"difference {numbers[index]}" if index in numbers else paragraph_numbers(change.right)
    return (
        f'<tr class="ghost {kind_class(change)}" id="{change_anchor(index)}-from">'
        f'<td data-side="Original"><a href="#{change_anchor(index)}">{paragraph_numbers(change.left)} stood here; '
        f"moved to {paragraph_numbers(change.right)} ({html_text(target)}) {_arrow(index, below, to_ghost=False)}</a></td>"
        '<td class="empty" data-side="Rewrite"></td></tr>'
    )


def _boilerplate_row(comparison: Comparison, change_indices: list[int]) -> str:
    """Consecutive boilerplate, collapsed: one closed <details> per side, each paragraph anchored."""
    changes = [(index, comparison.changes[index]) for index in change_indices]
    cells, anchored = [], set()
    for side, document in (("Original", comparison.left), ("Rewrite", comparison.right)):
        paragraphs = [
            (index, i)
            for index, change in changes
            for i in (change.left if side == "Original" else change.right)
        ]
        if not paragraphs:
            cells.append(f'<td class="empty" data-side="{side}"></td>')
            continue
        reasons = sorted(
            {document.paragraphs[i].boilerplate or "boilerplate" for _, i in paragraphs}
        )
        inner = []
        for index, i in paragraphs:
            anchor = (
                "" if index in anchored else f' id="{change_anchor(index)}"'
            )  # first paragraph of each change
            anchored.add(index)
            reason = document.paragraphs[i].boilerplate or "boilerplate"
            inner.append(
                f'<p class="para"{anchor}><span class="pn">¶{i + 1}</span> <span class="why">{html_text(reason)}</span> '
                f"{html_text(document.paragraphs[i].text)}</p>"
            )
        cells.append(
            f'<td data-side="{side}"><details><summary>{len(paragraphs)} boilerplate '
            f"paragraph{'s' if len(paragraphs) > 1 else ''}: {html_text(', '.join(reasons))}</summary>"
            f"{''.join(inner)}</details></td>"
        )
    return f'<tr class="body k-boilerplate">{"".join(cells)}</tr>'


def _cells(comparison: Comparison, change: Change, anchor_index: int | None) -> str:
    """The left and right cells of a change, highlighted paragraph by paragraph."""
    inline = change.inline
    left_spans = inline.left if inline else [None] * len(change.left)
    right_spans = inline.right if inline else [None] * len(change.right)
    anchor = f' id="{change_anchor(anchor_index)}"' if anchor_index is not None else ""
    left_facts = [f.left_at for f in change.facts]
    right_facts = [f.right_at for f in change.facts]
    left = _cell(
        "Original", comparison.left.paragraphs, change.left, left_spans, "del", anchor, left_facts
    )
    right = _cell(
        "Rewrite", comparison.right.paragraphs, change.right, right_spans, "ins", "", right_facts
    )
    return left + right


def _cell(
    side: str,
    paragraphs: Sequence[Paragraph],
    indices: tuple[int, ...],
    spans: Iterable[Sequence[Span] | None],
    mark: str,
    anchor: str,
    facts: Sequence[WordsAt | None] = (),
) -> str:
    if not indices:
        return f'<td class="empty" data-side="{side}"{anchor}></td>'
    inner = "".join(
        f'<p class="para"><span class="pn">¶{i + 1}</span> '
        f"{_highlighted(paragraphs[i].text, runs, mark, _words_in(facts, position))}</p>"
        for position, (i, runs) in enumerate(zip(indices, spans, strict=True))
    )
    return f'<td data-side="{side}"{anchor}>{inner}</td>'


# Two noncharacters, which no text meant for reading holds: they stand for the tags while a
# paragraph is escaped in one piece (a book's spans one by one took a quarter of the render).
# The rare text that holds one anyway is escaped span by span.
_START, _END = "\ufdd0", "\ufdd1"


def _words_in(facts: Sequence[WordsAt | None], position: int) -> list[tuple[int, int]]:
    return [(at.start, at.end) for at in facts if at is not None and at.paragraph == position]


def _highlighted(
    text: str, spans: Sequence[Span] | None, mark: str, facts: Sequence[tuple[int, int]] = ()
) -> str:
    """``text``, or its spans with the changed ones inside ``<mark>`` (del or ins), as HTML;
    the facts' own words (character ranges of ``text``) inside ``<span class="fact">``."""
    if facts:
        return _with_fact_words(text, spans, mark, facts)
    if spans is None:
        return html_text(text)
    if any(_START in s.text or _END in s.text for s in spans):
        return "".join(
            f"<{mark}>{html_text(s.text)}</{mark}>" if s.changed else html_text(s.text)
            for s in spans
        )
    marked = "".join([f"{_START}{s.text}{_END}" if s.changed else s.text for s in spans])
    return html_text(marked).replace(_START, f"<{mark}>").replace(_END, f"</{mark}>")


def _with_fact_words(
    text: str, spans: Sequence[Span] | None, mark: str, facts: Sequence[tuple[int, int]]
) -> str:
    """The few paragraphs with flagged words, span by span, each cut where a fact's words begin or end."""
    in_fact = [False] * len(text)
    for start, end in facts:
        in_fact[start:end] = [True] * len(in_fact[start:end])
    pieces, start = [], 0
    for span in spans if spans is not None else (Span(text),):
        end = start + len(span.text)
        inner = "".join(
            f'<span class="fact">{html_text(text[a:b])}</span>' if fact else html_text(text[a:b])
            for fact, (a, b) in _runs(in_fact, start, end)
        )
        pieces.append(f"<{mark}>{inner}</{mark}>" if span.changed else inner)
        start = end
    return "".join(pieces)


def _runs(mask: Sequence[bool], start: int, end: int) -> list[tuple[bool, tuple[int, int]]]:
    """``start:end`` cut where ``mask`` changes: (value, (from, to)) for each run."""
    runs = []
    for value, group in groupby(range(start, end), key=mask.__getitem__):
        members = list(group)
        runs.append((value, (members[0], members[-1] + 1)))
    return runs
