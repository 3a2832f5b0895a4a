"""A small hand-made comparison for the reader's tests, so engine changes cannot churn them.

``sample_comparison`` has one change of every kind, a moved paragraph (and so a ghost row), a
boilerplate byline, a fact flag and a control character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from tui.engine.model import (
    Change,
    Comparison,
    Document,
    FactFlag,
    InlineDiff,
    Kind,
    Paragraph,
    Sentence,
    SentenceAlignment,
    SentenceLink,
    Span,
    WordsAt,
)

LEFT_TEXTS = (
    "By Ada Reporter",
    "The harbour council approved a $47 billion plan on Wednesday to rebuild the old pier and the fish market.",
    "Work starts in spring.",
    "Critics worry about the cost, which has doubled since the first estimate.",
    "Fishermen said the plan ignored them. They asked for a second vote and a new survey of the seabed.",
    "The mayor spoke first.",
    "She promised two hundred jobs.",
    "An earlier version of this story misspelled the mayor's name.\tCorrection\x1b[2J appended.",
)
RIGHT_TEXTS = (
    "The council signed off on Wednesday on a plan worth tens of billions to rebuild the old pier.",
    "Work starts in spring.",
    "Fishermen said the plan ignored them.",
    "They want a second vote and a fresh survey of the seabed.",
    "The mayor spoke first and promised two hundred jobs.",
    "Readers can comment below.",
    "Critics worry about the cost, which has doubled since the first guess.",
)


def marked(text: str) -> tuple[Span, ...]:
    """Spans from ``"kept [changed] kept"``: bracketed runs are the changed words."""
    spans = []
    for piece in re.split(r"(\[[^\]]*\])", text):
        if piece.startswith("["):
            spans.append(Span(piece[1:-1], True))
        elif piece:
            spans.append(Span(piece))
    return tuple(spans)


def words_at(text: str, words: str, paragraph: int = 0) -> WordsAt:
    """Where ``words`` first stand in ``text``, as a fact flag records it."""
    start = text.index(words)
    return WordsAt(paragraph, start, start + len(words))


def _inline(left: list[str], right: list[str]) -> InlineDiff:
    return InlineDiff(tuple(marked(t) for t in left), tuple(marked(t) for t in right), ())


def _sentences(left, right, links) -> SentenceAlignment:
    """A sentence alignment from (paragraph, text) sentences and (kind, left, right, similarity) links."""

    def placed(sentences, texts):
        return tuple(
            Sentence(p, texts[p].index(t), texts[p].index(t) + len(t), t) for p, t in sentences
        )

    return SentenceAlignment(
        placed(left, LEFT_TEXTS),
        placed(right, RIGHT_TEXTS),
        tuple(SentenceLink(*link) for link in links),
    )


def sample_comparison() -> Comparison:
    left = Document(
        "original.txt",
        tuple(Paragraph(i, t, "byline" if i == 0 else None) for i, t in enumerate(LEFT_TEXTS)),
    )
    right = Document("repost.txt", tuple(Paragraph(j, t) for j, t in enumerate(RIGHT_TEXTS)))
    changes = (
        Change(Kind.DROPPED, (0,), (), 0.0, boilerplate=True),
        Change(
            Kind.REWORDED,
            (1,),
            (0,),
            0.55,
            inline=_inline(
                [
                    "The [harbour] council [approved a $47 billion plan] on Wednesday [to rebuild the old pier and the fish market.]"
                ],
                [
                    "The council [signed off] on Wednesday [on a plan worth tens of billions to rebuild the old pier.]"
                ],
            ),
            facts=(
                FactFlag(
                    "number",
                    "high",
                    "$47 billion",
                    "tens of billions",
                    "exact figure made vague",
                    words_at(LEFT_TEXTS[1], "$47 billion"),
                    words_at(RIGHT_TEXTS[0], "tens of billions"),
                ),
            ),
        ),
        Change(Kind.UNCHANGED, (2,), (1,), 1.0),
        Change(
            Kind.SPLIT,
            (4,),
            (2, 3),
            0.8,
            inline=_inline(
                [
                    "Fishermen said the plan ignored them. They [asked for] a second vote and a [new] survey of the seabed."
                ],
                [
                    "Fishermen said the plan ignored them.",
                    "They [want] a second vote and a [fresh] survey of the seabed.",
                ],
            ),
            sentences=_sentences(
                [(4, LEFT_TEXTS[4][:37]), (4, LEFT_TEXTS[4][38:])],
                [(2, RIGHT_TEXTS[2]), (3, RIGHT_TEXTS[3])],
                [(Kind.UNCHANGED, (0,), (0,), 1.0), (Kind.REWORDED, (1,), (1,), 0.75)],
            ),
        ),
        Change(
            Kind.MERGED,
            (5, 6),
            (4,),
            0.85,
            inline=_inline(
                ["The mayor spoke first[.]", "[She] promised two hundred jobs."],
                ["The mayor spoke first [and] promised two hundred jobs."],
            ),
            sentences=_sentences(
                [(5, LEFT_TEXTS[5]), (6, LEFT_TEXTS[6])],
                [(4, RIGHT_TEXTS[4])],
                [(Kind.MERGED, (0, 1), (0,), 0.8)],
            ),
        ),
        Change(Kind.ADDED, (), (5,), 0.0),
        Change(
            Kind.MOVED,
            (3,),
            (6,),
            0.9,
            moved=True,
            inline=_inline(
                ["Critics worry about the cost, which has doubled since the first [estimate.]"],
                ["Critics worry about the cost, which has doubled since the first [guess.]"],
            ),
        ),
        Change(Kind.DROPPED, (7,), (), 0.0),
    )
    return Comparison(left, right, changes, similarity=0.61)


def drawn_lines(panes) -> list[str]:
    """Every line of the panes' virtual height as drawn on screen (scrolling through them).

    Reads ``render_line``, so it sees exactly what a reader would, whatever the widget cached.
    """
    total = panes.virtual_size.height
    height = panes.scrollable_content_region.height
    lines: list[str] = []
    for top in range(0, total, height):
        panes.scroll_to(y=top, animate=False, immediate=True)
        shown = round(panes.scroll_y)
        lines += [panes.render_line(y).text for y in range(top - shown, min(height, total - shown))]
    return lines


def _column_cells(columns) -> dict[str, tuple[int, int, int]]:
    """Each shown side's (gutter start, text start, text end) cell."""
    from tui.app.columns import DIVIDER

    cells, x = {}, 0
    for side in columns.sides:
        cells[side] = (x, x + columns.gutter, x + columns.gutter + columns.text_width(side))
        x = cells[side][2] + len(DIVIDER)
    return cells


def drawn_rows(panes) -> list[dict[str, str]]:
    """Every pane row as drawn: each shown side's column text, lines joined by spaces, gutters cut off."""
    lines = drawn_lines(panes)
    starts = (*panes.row_starts, panes.virtual_size.height)
    return [
        {
            side: " ".join(" ".join(line[a:b] for line in lines[start:end]).split())
            for side, (_, a, b) in _column_cells(panes.columns).items()
        }
        for start, end in pairwise(starts)
    ]


def drawn_numbers(panes) -> list[dict[str, list[int]]]:
    """Every pane row's paragraph numbers as drawn in each shown side's gutter, top to bottom."""
    lines = drawn_lines(panes)
    starts = (*panes.row_starts, panes.virtual_size.height)
    numbers = panes.columns.numbers
    return [
        {
            side: [
                int(line[g : g + numbers])
                for line in lines[start:end]
                if line[g : g + numbers].strip()
            ]
            for side, (g, _, _) in _column_cells(panes.columns).items()
        }
        for start, end in pairwise(starts)
    ]


def assert_panes_show(panes, model) -> None:
    """Each row of the panes shows, whole and unbroken, the paragraphs its change holds on each side."""
    from tui.engine.safe_text import visible_controls

    rows = drawn_rows(panes)
    assert len(rows) == len(model.rows)
    comparison = model.comparison
    for drawn_row, row in zip(rows, model.rows, strict=True):
        if row.ghost:
            continue
        change = comparison.changes[row.change]
        for side, drawn in drawn_row.items():
            indices, document = (
                (change.left, comparison.left)
                if side == "left"
                else (change.right, comparison.right)
            )
            for index in indices:
                expected = " ".join(visible_controls(document.paragraphs[index].text).split())
                assert expected in drawn, f"{document.source} paragraph {index} not drawn whole"


async def until(pilot, condition: Callable[[], bool], seconds: float = 60.0) -> None:
    """Let the app run until ``condition()`` holds (a worker's outcome shows); fail after ``seconds``.

    A bound against hanging, not a timing assertion: the condition is what the test checks.
    """
    for _ in range(round(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"still waiting after {seconds} s")
