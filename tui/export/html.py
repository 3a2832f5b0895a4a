"""The HTML report: one self-contained page to attach to a fact-check.

What a reader gets, top to bottom: the summary (sources, date, counts per
kind, overall similarity), the fact changes, the alignment map (an inline SVG
picture of which paragraph became which), the numbered list of differences,
a legend, then both texts side by side in one table with word-level
highlights (``<del>`` on the left, ``<ins>`` on the right: struck and
underlined, never colour alone).

Safety: every piece of input text goes through :func:`_text` (control
characters made visible, then ``html.escape`` with quotes), so nothing a
compared text contains can open an element or end a cell. The page needs no
script, font or other fetch; CSS handles dark mode, phone width and print.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import datetime

from tui.engine.layout import Row, side_by_side
from tui.engine.model import Change, Comparison, FactFlag, Kind, Span
from tui.engine.report import (
    Review,
    ReviewMark,
    difference_numbers,
    flagged_facts,
    reviewer_notes,
)
from tui.engine.safe_text import printable
from tui.engine.sentences import sentence_pairs
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
            _alignment_map(comparison),
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
        f"<title>{_text(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _text(text: str) -> str:
    """Input text as inert HTML: visible control characters, every markup character escaped."""
    return html.escape(printable(text), quote=True)


def _title(document) -> str:
    return document.title or document.source


def _anchor(change_index: int) -> str:
    return f"c{change_index}"


def _kind_class(change: Change) -> str:
    return "k-boilerplate" if change.boilerplate else f"k-{change.kind.value}"


# --- Summary and fact changes ---------------------------------------------------------------


def _summary(comparison: Comparison, generated: datetime | None) -> str:
    counts = comparison.counts()
    chips = "".join(
        f'<li class="k-{kind.value}"><span class="swatch"></span><b>{counts[kind.value]}</b> {kind.value}</li>'
        for kind in Kind
    )
    return (
        '<header>\n<h1>Comparison report</h1>\n<dl class="sources">'
        f"<dt>Original</dt><dd>{_text(_title(comparison.left))}{_source_note(comparison.left)}</dd>"
        f"<dt>Rewrite</dt><dd>{_text(_title(comparison.right))}{_source_note(comparison.right)}</dd>"
        f"<dt>Generated</dt><dd>{_text(generated_label(generated))}</dd></dl>\n"
        f'<p class="overall"><b>{percent(comparison.similarity)}</b> of the text kept overall · '
        f"<b>{len(comparison.differences)}</b> differences · "
        f"<b>{counts['boilerplate']}</b> boilerplate items set aside (not counted as added or dropped)</p>\n"
        f'<ul class="counts">{chips}</ul>\n</header>'
    )


def _review_section(comparison: Comparison, review: Review) -> str:
    """How far the review got, then every note with a link to its difference."""
    notes = reviewer_notes(comparison, review)
    items = "".join(
        f'<li><a href="#{_anchor(index)}">Difference {number}</a>{_badges(mark)}: '
        f'<span class="note">{_text(mark.note.strip())}</span></li>'
        for index, number, mark in notes
    )
    listing = f'<h3>Reviewer\'s notes</h3><ul class="notes">{items}</ul>' if notes else ""
    return f'<section id="review"><h2>Review</h2><p>{_text(review_progress(comparison, review))}</p>{listing}</section>'


def _badges(mark: ReviewMark | None) -> str:
    return "".join(f' <span class="mark">{_text(badge)}</span>' for badge in review_badges(mark))


def _source_note(document) -> str:
    """The path under a title, and how many paragraphs were read."""
    path = f' <span class="muted">({_text(document.source)})</span>' if document.title else ""
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
    return f'<li class="sev-{_text(fact.severity)}">{_fact(fact)} <a href="#{_anchor(index)}">{_text(where)}</a></li>'


def _fact(fact: FactFlag) -> str:
    """Severity, kind, reason and the two values: what a fact-checker needs to see at once."""
    values = (
        ""
        if reason_shows_values(fact)
        else (f' <span class="values">{_fact_value(fact.left)} → {_fact_value(fact.right)}</span>')
    )
    return f'<span class="sev">{_text(fact.severity)}</span> <b>{_text(fact.kind)}</b>: {_text(fact.reason)}{values}'


def _fact_value(value: str | None) -> str:
    return f"<q>{_text(value)}</q>" if value is not None else '<span class="muted">(none)</span>'


# --- Alignment map --------------------------------------------------------------------------

_MAP_WIDTH, _BAR_WIDTH, _MAP_TOP, _MAP_HEIGHT = 360, 64, 28, 420


def _alignment_map(comparison: Comparison) -> str:
    """Bars for each side's paragraphs (height ∝ length, colour = kind), bands for each pairing."""
    left_kinds, right_kinds = _paragraph_changes(comparison)
    left_bars = _stack(
        [len(p.text) for p in comparison.left.paragraphs],
        [len(p.text) for p in comparison.right.paragraphs],
    )
    right_bars = _stack(
        [len(p.text) for p in comparison.right.paragraphs],
        [len(p.text) for p in comparison.left.paragraphs],
    )
    height = max([_MAP_TOP + 8] + [top + size for top, size in left_bars + right_bars]) + 8
    right_x = _MAP_WIDTH - _BAR_WIDTH
    bands = [
        _band(change, left_bars, right_bars)
        for change in comparison.changes
        if change.left and change.right
    ]
    bars = [
        _bar(0, top, size, index, comparison.changes[change], "Original", change)
        for index, ((top, size), change) in enumerate(zip(left_bars, left_kinds, strict=True))
    ] + [
        _bar(right_x, top, size, index, comparison.changes[change], "Rewrite", change)
        for index, ((top, size), change) in enumerate(zip(right_bars, right_kinds, strict=True))
    ]
    return (
        '<figure class="map" id="map">'
        f'<svg viewBox="0 0 {_MAP_WIDTH} {height:.1f}" role="img" aria-labelledby="map-title">'
        '<title id="map-title">Alignment map: original paragraphs on the left, rewrite on the right, '
        "bands join the paragraphs that correspond</title>"
        f'<text x="{_BAR_WIDTH / 2}" y="16" text-anchor="middle" class="label">Original</text>'
        f'<text x="{right_x + _BAR_WIDTH / 2}" y="16" text-anchor="middle" class="label">Rewrite</text>'
        + "".join(bands)
        + "".join(bars)
        + "</svg><figcaption>Alignment map: each bar is a paragraph (height ∝ length); bands join "
        "corresponding paragraphs, crossing bands are moves, fans are splits and merges, "
        "bars without a band were dropped or added. Click a bar to see it.</figcaption></figure>"
    )


def _paragraph_changes(comparison: Comparison) -> tuple[list[int], list[int]]:
    """For each left and each right paragraph, the index of the change it belongs to."""
    left = [0] * len(comparison.left.paragraphs)
    right = [0] * len(comparison.right.paragraphs)
    for index, change in enumerate(comparison.changes):
        for i in change.left:
            left[i] = index
        for j in change.right:
            right[j] = index
    return left, right


def _stack(lengths: Sequence[int], other_lengths: Sequence[int]) -> list[tuple[float, float]]:
    """(top, height) of each bar; both columns share one scale so lengths compare across sides.

    Gaps and a minimum height shrink with the paragraph count, so a long book
    chapter stays a picture and a one-word heading stays visible.
    """
    count = max(len(lengths), len(other_lengths), 1)
    gap, least = min(2.0, 160 / count), min(3.0, 240 / count)
    scale = _MAP_HEIGHT / max(sum(lengths), sum(other_lengths), 1)
    bars, top = [], float(_MAP_TOP)
    for length in lengths:
        size = max(least, length * scale)
        bars.append((top, size))
        top += size + gap
    return bars


def _bar(
    x: float, top: float, size: float, paragraph: int, change: Change, side: str, change_index: int
) -> str:
    tip = f"{side} ¶{paragraph + 1}: {kind_title(change)}, {score_label(change)}"
    return (
        f'<a href="#{_anchor(change_index)}"><rect class="bar {_kind_class(change)}" x="{x}" '
        f'y="{top:.1f}" width="{_BAR_WIDTH}" height="{size:.1f}"><title>{_text(tip)}</title></rect></a>'
    )


def _band(
    change: Change, left_bars: list[tuple[float, float]], right_bars: list[tuple[float, float]]
) -> str:
    """One band per pairing; a split fans one left bar out over its right bars, a merge the reverse."""
    left_spans = [left_bars[i] for i in change.left]
    right_spans = [right_bars[j] for j in change.right]
    if len(change.left) == 1 and len(change.right) > 1:
        pairs = zip(_slices(left_spans[0], right_spans), right_spans, strict=True)
    elif len(change.right) == 1 and len(change.left) > 1:
        pairs = zip(left_spans, _slices(right_spans[0], left_spans), strict=True)
    else:
        pairs = [(_cover(left_spans), _cover(right_spans))]
    paths = "".join(_band_path(a, b) for a, b in pairs)
    moved = " moved" if change.moved else ""
    return f'<g class="band {_kind_class(change)}{moved}">{paths}</g>'


def _slices(
    whole: tuple[float, float], parts: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """``whole`` cut into consecutive slices proportional to the sizes of ``parts``."""
    top, size = whole
    total = sum(part[1] for part in parts)
    slices = []
    for part in parts:
        share = size * part[1] / total
        slices.append((top, share))
        top += share
    return slices


def _cover(spans: list[tuple[float, float]]) -> tuple[float, float]:
    top = min(span[0] for span in spans)
    return top, max(span[0] + span[1] for span in spans) - top


def _band_path(left: tuple[float, float], right: tuple[float, float]) -> str:
    x0, x1 = _BAR_WIDTH, _MAP_WIDTH - _BAR_WIDTH
    middle = (x0 + x1) / 2
    (l0, lh), (r0, rh) = left, right
    l1, r1 = l0 + lh, r0 + rh
    return (
        f'<path d="M{x0},{l0:.1f} C{middle},{l0:.1f} {middle},{r0:.1f} {x1},{r0:.1f} '
        f'L{x1},{r1:.1f} C{middle},{r1:.1f} {middle},{l1:.1f} {x0},{l1:.1f} Z"/>'
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
            f'<li class="{_kind_class(change)}"><a href="#{_anchor(index)}"><span class="swatch"></span>'
            f"<b>{kind_title(change)}</b> {locator(change)} · {score_label(change)}</a>{facts}{_badges(review.get(index))}"
            f'<br><span class="excerpt">{_text(_excerpt(comparison, change))}</span></li>'
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
        "<li><del>struck</del>: words the rewrite deleted · <ins>underlined</ins>: words it inserted</li>"
        "<li>¶ numbers count paragraphs from 1 on each side; similarity is the share of words kept.</li>"
        "</ul></section>"
    )


# --- Side-by-side texts ---------------------------------------------------------------------


def _texts(comparison: Comparison, numbers: dict[int, int], review: Review) -> str:
    rows = side_by_side(comparison)
    body = "\n".join(
        _row_group(comparison, group, numbers, rows, review) for group in _groups(comparison, rows)
    )
    return (
        '<section id="texts"><h2>Both texts, side by side</h2>'
        '<table class="sbs"><colgroup><col><col></colgroup>'
        '<thead><tr><th scope="col">Original</th><th scope="col">Rewrite</th></tr></thead>'
        f"<tbody>\n{body}\n</tbody></table></section>"
    )


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
    rows: tuple[Row, ...],
    review: Review,
) -> str:
    row = group[0]
    change = comparison.changes[row.change]
    if row.ghost:
        return _ghost_row(change, row.change, numbers, rows)
    if change.boilerplate:
        return _boilerplate_row(comparison, [r.change for r in group])
    cells = _cells(comparison, change, row.change if row.change not in numbers else None)
    body = f'<tr class="body {_kind_class(change)}">{cells}</tr>' + _sentence_row(change)
    if row.change not in numbers:
        return body
    head = _difference_head(change, row.change, numbers, rows, review.get(row.change))
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
        f'\n<tr class="sentences {_kind_class(change)}"><td colspan="2"><details>'
        f"<summary>Sentences: {_text(sentence_summary(pairs))}</summary>"
        f'<table class="sent"><thead><tr><th></th><th>Original</th><th>kept</th><th>Rewrite</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></details></td></tr>"
    )


def _sentence_cell(sentences: Sequence[Sequence[Span]], mark: str) -> str:
    return " ".join(_highlighted("", spans, mark) for spans in sentences)


def _difference_head(
    change: Change,
    index: int,
    numbers: dict[int, int],
    rows: tuple[Row, ...],
    mark: ReviewMark | None,
) -> str:
    moved = ""
    if change.moved:
        moved = f' · <a href="#{_anchor(index)}-from">old place {_arrow(index, rows, to_ghost=True)}</a>'
    facts = ""
    if change.facts:
        items = "".join(
            f'<li class="sev-{_text(f.severity)}">{_fact(f)}</li>' for f in change.facts
        )
        facts = f'<ul class="facts">{items}</ul>'
    note = ""
    if mark is not None and mark.note.strip():
        note = f'<p class="note"><b>Reviewer\'s note:</b> {_text(mark.note.strip())}</p>'
    return (
        f'<tr class="head {_kind_class(change)}" id="{_anchor(index)}"><th colspan="2" scope="colgroup">'
        f'<span class="num">{numbers[index]}</span> <span class="kind">{kind_title(change)}</span> '
        f"{locator(change)} · {score_label(change)}{moved}{_badges(mark)}"
        f' <a class="up" href="#contents" aria-label="back to the list of differences">↑</a>{facts}{note}</th></tr>'
    )


def _arrow(index: int, rows: tuple[Row, ...], *, to_ghost: bool) -> str:
    """↑ or ↓: where the other end of a move sits in the table."""
    position = {(row.change, row.ghost): place for place, row in enumerate(rows)}
    here, there = position[(index, not to_ghost)], position[(index, to_ghost)]
    return "↓" if there > here else "↑"


def _ghost_row(change: Change, index: int, numbers: dict[int, int], rows: tuple[Row, ...]) -> str:
    target = f"difference {numbers[index]}" if index in numbers else paragraph_numbers(change.right)
    return (
        f'<tr class="ghost {_kind_class(change)}" id="{_anchor(index)}-from">'
        f'<td data-side="Original"><a href="#{_anchor(index)}">{paragraph_numbers(change.left)} stood here; '
        f"moved to {paragraph_numbers(change.right)} ({_text(target)}) {_arrow(index, rows, to_ghost=False)}</a></td>"
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
                "" if index in anchored else f' id="{_anchor(index)}"'
            )  # first paragraph of each change
            anchored.add(index)
            reason = document.paragraphs[i].boilerplate or "boilerplate"
            inner.append(
                f'<p class="para"{anchor}><span class="pn">¶{i + 1}</span> <span class="why">{_text(reason)}</span> '
                f"{_text(document.paragraphs[i].text)}</p>"
            )
        cells.append(
            f'<td data-side="{side}"><details><summary>{len(paragraphs)} boilerplate '
            f"paragraph{'s' if len(paragraphs) > 1 else ''}: {_text(', '.join(reasons))}</summary>"
            f"{''.join(inner)}</details></td>"
        )
    return f'<tr class="body k-boilerplate">{"".join(cells)}</tr>'


def _cells(comparison: Comparison, change: Change, anchor_index: int | None) -> str:
    """The left and right cells of a change, highlighted paragraph by paragraph."""
    inline = change.inline
    left_spans = inline.left if inline else [None] * len(change.left)
    right_spans = inline.right if inline else [None] * len(change.right)
    anchor = f' id="{_anchor(anchor_index)}"' if anchor_index is not None else ""
    left = _cell("Original", comparison.left.paragraphs, change.left, left_spans, "del", anchor)
    right = _cell("Rewrite", comparison.right.paragraphs, change.right, right_spans, "ins", "")
    return left + right


def _cell(
    side: str, paragraphs, indices: tuple[int, ...], spans: Iterable, mark: str, anchor: str
) -> str:
    if not indices:
        return f'<td class="empty" data-side="{side}"{anchor}></td>'
    inner = "".join(
        f'<p class="para"><span class="pn">¶{i + 1}</span> {_highlighted(paragraphs[i].text, runs, mark)}</p>'
        for i, runs in zip(indices, spans, strict=True)
    )
    return f'<td data-side="{side}"{anchor}>{inner}</td>'


def _highlighted(text: str, spans: Sequence[Span] | None, mark: str) -> str:
    if spans is None:
        return _text(text)
    return "".join(
        f"<{mark}>{_text(s.text)}</{mark}>" if s.changed else _text(s.text) for s in spans
    )


_CSS = """
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;
--unchanged:#8c959f;--reworded:#bf8700;--moved:#8250df;--split:#1b7c83;--merged:#0969da;
--added:#1a7f37;--dropped:#cf222e;--boilerplate:#afb8c1;--del:#ffebe9;--ins:#dafbe1;--high:#cf222e;--medium:#9a6700}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;
--unchanged:#6e7681;--reworded:#d29922;--moved:#a371f7;--split:#39c5cf;--merged:#4493f8;
--added:#3fb950;--dropped:#f85149;--boilerplate:#484f58;--del:#5d1f23;--ins:#1b4721;--high:#f85149;--medium:#d29922}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:78rem;padding:1rem;background:var(--bg);color:var(--fg);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
a{color:inherit}.muted{color:var(--muted)}
.k-unchanged{--k:var(--unchanged)}.k-reworded{--k:var(--reworded)}.k-moved{--k:var(--moved)}.k-split{--k:var(--split)}
.k-merged{--k:var(--merged)}.k-added{--k:var(--added)}.k-dropped{--k:var(--dropped)}.k-boilerplate{--k:var(--boilerplate)}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.35em;border-radius:2px;background:var(--k);vertical-align:baseline}
.sources{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:0}
.sources dt{font-weight:600}.sources dd{margin:0;overflow-wrap:anywhere}
.overall{margin:.6rem 0}.overall b{font-size:1.15em}
.counts,.legend,.facts{list-style:none;padding:0;margin:0}
.counts{display:flex;flex-wrap:wrap;gap:.3rem .9rem}
.legend li,.facts li{margin:.2rem 0}
.sev{display:inline-block;min-width:4.2em;text-align:center;font-size:.75rem;font-weight:700;text-transform:uppercase;
border:1px solid currentColor;border-radius:3px;padding:0 .3em;margin-right:.3em}
.sev-high .sev{color:var(--high)}.sev-medium .sev{color:var(--medium)}
.values q{font-style:italic}
.overview{display:grid;grid-template-columns:minmax(14rem,22rem) 1fr;gap:1.5rem;align-items:start}
.map{margin:1rem 0 0}.map svg{width:100%;height:auto;display:block}
.map figcaption{font-size:.8rem;color:var(--muted)}
.map .label{font-size:13px;font-weight:600;fill:var(--fg)}
.map .bar{fill:var(--k);stroke:var(--bg);stroke-width:.5}.map a:hover .bar,.map a:focus .bar{stroke:var(--fg);stroke-width:1.5}
.map .band path{fill:var(--k);fill-opacity:.35}.map .band.moved path{fill-opacity:.55;stroke:var(--k);stroke-width:.8}
#contents ol{padding-left:2rem;margin:0}#contents li{margin:.35rem 0;border-left:4px solid var(--k);padding-left:.5rem}
#contents a{text-decoration:none}#contents a:hover b{text-decoration:underline}
.excerpt{color:var(--muted);font-size:.9rem}
.badge{font-size:.75rem;border-radius:3px;padding:0 .35em;background:var(--high);color:var(--bg);font-weight:700}
del{background:var(--del);text-decoration:line-through;text-decoration-thickness:1px}
ins{background:var(--ins);text-decoration:underline;text-decoration-thickness:1px}
.sbs{width:100%;border-collapse:collapse;table-layout:fixed}
.sbs thead th{position:sticky;top:0;background:var(--bg);text-align:left;border-bottom:2px solid var(--line);padding:.4rem .6rem;z-index:1}
.sbs td{vertical-align:top;padding:.3rem .6rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
.sbs td:first-child{border-left:4px solid var(--k)}
.sbs .para{margin:.3rem 0}
.sent{width:100%;border-collapse:collapse;font-size:.9rem}.sent th{text-align:left;color:var(--muted);font-weight:400}
.sbs .sent td{border-left:0;padding:.2rem .4rem}.sent .sk,.sent .sim{white-space:nowrap;color:var(--muted);font-variant-numeric:tabular-nums}
.sent tr.s-added td,.sent tr.s-dropped td{font-style:italic}
.pn{font-size:.75rem;color:var(--muted);font-variant-numeric:tabular-nums}
.sbs tr.head th{text-align:left;font-weight:400;background:var(--panel);padding:.35rem .6rem;border-left:4px solid var(--k);border-top:1px solid var(--line)}
.head .num{display:inline-block;min-width:1.6em;text-align:center;border-radius:3px;background:var(--k);color:var(--bg);font-weight:700}
.head .kind{font-weight:700}.head .up{text-decoration:none;float:right}
.head .facts{margin:.2rem 0 0}
tr.ghost td{border-top:1px dashed var(--k);border-bottom:1px dashed var(--k);font-size:.85rem;color:var(--muted);font-style:italic}
tr.k-boilerplate td,tr.k-unchanged td{color:var(--muted)}
.why{font-size:.75rem;border:1px solid var(--line);border-radius:3px;padding:0 .3em}
summary{cursor:pointer;font-size:.9rem}
.mark{font-size:.75rem;font-weight:700;border:1px solid var(--line);border-radius:3px;padding:0 .35em;white-space:nowrap}
.note{white-space:pre-wrap}.head .note{margin:.3rem 0 0;font-weight:400}.notes li{margin:.25rem 0}
:target{scroll-margin-top:2.6rem}tr.head:target th{outline:2px solid var(--k)}
@media (max-width:44rem){body{padding:.6rem;font-size:15px}
.overview{display:block}.map svg{max-width:22rem;margin:0 auto}
.sbs,.sbs tbody,.sbs tr,.sbs td,.sbs th{display:block;width:auto}
.sbs thead,.sbs colgroup,.sbs td.empty{display:none}
.sbs td{border-left:4px solid var(--k);border-bottom:0}
.sbs tr.body{border-bottom:1px solid var(--line);margin-bottom:.3rem}
.sbs td::before{content:attr(data-side);display:block;font-size:.7rem;font-weight:700;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#f2f2f2;--del:#ffe0e0;--ins:#ddf5dd}
body{max-width:none;font-size:10pt;padding:0}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
.overview{display:block}.map svg{max-width:16rem}.sbs thead th{position:static}
.head .up{display:none}tr,li{break-inside:avoid}h2{break-after:avoid}a{text-decoration:none}}
"""
