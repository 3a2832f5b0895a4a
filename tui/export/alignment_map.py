"""The HTML report's alignment map: an inline SVG of which paragraph became which.

Each side's paragraphs are a column of bars (height ∝ length, colour = kind,
both columns on one scale); a band joins the paragraphs of each pairing, so
crossing bands are moves and fans are splits and merges. Every bar links to
its difference in the page; the colours come from the page's stylesheet.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.engine.model import Change, Comparison
from tui.export.html_markup import change_anchor, html_text, kind_class
from tui.wording import kind_title, score_label

__all__ = ["alignment_map"]

_MAP_WIDTH, _BAR_WIDTH, _MAP_TOP, _MAP_HEIGHT = 360, 64, 28, 420


def alignment_map(comparison: Comparison) -> str:
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
        f'<a href="#{change_anchor(change_index)}"><rect class="bar {kind_class(change)}" x="{x}" '
        f'y="{top:.1f}" width="{_BAR_WIDTH}" height="{size:.1f}"><title>{html_text(tip)}</title></rect></a>'
    )


def _band(
    change: Change, left_bars: list[tuple[float, float]], right_bars: list[tuple[float, float]]
) -> str:
    """One band per pairing; a split fans one left bar out over its right bars, a merge the reverse."""
    left_spans = [left_bars[i] for i in change.left]
    right_spans = [right_bars[j] for j in change.right]
    if len(change.left) == 1 and len(change.right) > 1:
        pairs = list(zip(_slices(left_spans[0], right_spans), right_spans, strict=True))
    elif len(change.right) == 1 and len(change.left) > 1:
        pairs = list(zip(left_spans, _slices(right_spans[0], left_spans), strict=True))
    else:
        pairs = [(_cover(left_spans), _cover(right_spans))]
    paths = "".join(_band_path(a, b) for a, b in pairs)
    moved = " moved" if change.moved else ""
    return f'<g class="band {kind_class(change)}{moved}">{paths}</g>'


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
