"""The report model: a :class:`~tui.engine.model.Comparison` as plain, versioned JSON data.

This is the one model every exporter renders, and the JSON export *is* this
dict. Version 1 is a contract: later versions add fields, never remove or
change these::

    {"format": "compare-tui-report", "version": 1,
     "left":  {"source": ..., "paragraphs": [...]},
     "right": {"source": ..., "paragraphs": [...]},
     "summary": {"<kind>": count, ..., "boilerplate": count, "similarity": 0..1},
     "changes": [{"kind": ..., "left": [...], "right": [...], "similarity": 0..1}, ...]}

Fields added within version 1 (all described by ``tui/export/report.schema.json``):
each side's encoding, format, title and boilerplate reasons; per change the
flags ``cosmetic``/``boilerplate``/``moved``/``difference``, the word
operations ``ops``, the highlight spans ``inline`` and the fact flags
``facts``; and the side-by-side ``rows`` (ghost rows mark a moved
paragraph's old place), so a script can lay the texts out as the app does;
and, when a report is made with the reviewer's marks, ``review`` on each
difference (``{"reviewed": bool, "significant": bool, "note": str}``).

Version 2 adds ``sentences`` on every reworded, moved, split and merged
change: which sentence became which (``{"left": [{"paragraph", "start",
"end"}, ...], "right": [...], "links": [{"kind", "left", "right",
"similarity"}, ...]}``; a sentence's text is its paragraph's
``[start:end]``, and a link names sentences by their place in ``left`` and
``right``). A reader of version 1 that rejects unknown fields must be told.
Within version 2, ``summary`` gains ``facts``: how many fact flags the
differences carry (:func:`flagged_facts`, the number every surface shows);
and each fact ``left_at``/``right_at``: where its words stand
(``{"paragraph", "start", "end"}``, the paragraph's index in its document,
as sentences give it), or null.

The second half selects what the human-readable reports (HTML, Markdown) list:
the numbers of the differences, the fact flags and the reviewer's notes. How they word it is
:mod:`tui.wording`'s job.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple, Protocol

from tui.engine.layout import side_by_side
from tui.engine.model import (
    Change,
    Comparison,
    Document,
    FactFlag,
    InlineDiff,
    SentenceAlignment,
    WordsAt,
)

__all__ = [
    "ReviewMark",
    "Review",
    "REPORT_FORMAT",
    "REPORT_VERSION",
    "report_dict",
    "report_frame",
    "report_changes",
    "report_rows",
    "difference_numbers",
    "FlaggedFact",
    "flagged_facts",
    "reviewer_notes",
]

REPORT_FORMAT = "compare-tui-report"
REPORT_VERSION = 2


class ReviewMark(Protocol):
    """A reviewer's judgement on one difference (``tui.review.marks.Mark`` is one).

    A protocol of read-only members (a frozen ``Mark`` fits), so the engine need not
    import the review store to render its marks.
    """

    @property
    def reviewed(self) -> bool: ...

    @property
    def significant(self) -> bool: ...

    @property
    def note(self) -> str: ...


Review = Mapping[int, ReviewMark]
"""The reviewer's marks by change index (into ``Comparison.changes``); a difference
missing from the mapping is unreviewed, unflagged and has no note."""


def report_dict(comparison: Comparison, review: Review | None = None) -> dict[str, Any]:
    """The comparison as JSON-ready data (see the module docstring for the contract).

    With ``review``, every difference carries its ``review``, blank ones
    included, so a script can tell "not reviewed" from "report made without
    a review" (no ``review`` key at all).
    """
    return report_frame(comparison) | {
        "changes": list(report_changes(comparison, review)),
        "rows": report_rows(comparison),
    }


def report_frame(comparison: Comparison) -> dict[str, Any]:
    """The report's fields before its changes (format, version, sides, summary)."""
    summary: dict[str, Any] = dict(comparison.counts())
    summary["similarity"] = _share(comparison.similarity)
    summary["facts"] = len(flagged_facts(comparison))
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "left": _side(comparison.left),
        "right": _side(comparison.right),
        "summary": summary,
    }


def report_changes(
    comparison: Comparison, review: Review | None = None
) -> Iterator[dict[str, Any]]:
    """The report's changes one at a time: a writer can write each before building the next."""
    for index, change in enumerate(comparison.changes):
        yield _change(change, _review_of(review, index, change))


def report_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """The report's side-by-side rows, its last field."""
    return [{"change": row.change, "ghost": row.ghost} for row in side_by_side(comparison)]


def _share(value: float) -> float:
    """A share of words kept, to 4 decimals as the engine rounds it: never an exponent in JSON
    (Python writes 1e-05, other encoders 0.00001), so every JSON encoder writes the same text."""
    return round(value, 4)


def _side(document: Document) -> dict[str, Any]:
    return {
        "source": document.source,
        "encoding": document.encoding,
        "format": document.format,
        "title": document.title,
        "paragraphs": [p.text for p in document.paragraphs],
        "boilerplate": {str(p.index): p.boilerplate for p in document.paragraphs if p.boilerplate},
    }


def _review_of(review: Review | None, index: int, change: Change) -> dict[str, Any] | None:
    if review is None or not change.is_difference:
        return None
    mark = review.get(index)
    if mark is None:
        return {"reviewed": False, "significant": False, "note": ""}
    return {
        "reviewed": bool(mark.reviewed),
        "significant": bool(mark.significant),
        "note": mark.note,
    }


def _change(change: Change, review: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": change.kind.value,
        "left": list(change.left),
        "right": list(change.right),
        "similarity": _share(change.similarity),
        "cosmetic": change.cosmetic,
        "boilerplate": change.boilerplate,
        "moved": change.moved,
        "difference": change.is_difference,
    }
    if change.inline is not None:
        data["ops"] = [
            {"op": op.op, "left": op.left, "right": op.right} for op in change.inline.ops
        ]
        data["inline"] = _inline(change.inline)
    data["facts"] = [
        {
            "kind": f.kind,
            "severity": f.severity,
            "left": f.left,
            "right": f.right,
            "reason": f.reason,
            "left_at": _words_at(f.left_at, change.left),
            "right_at": _words_at(f.right_at, change.right),
        }
        for f in change.facts
    ]
    if change.sentences is not None:
        data["sentences"] = _sentences(change.sentences)
    if review is not None:
        data["review"] = review
    return data


def _words_at(at: WordsAt | None, paragraphs: tuple[int, ...]) -> dict[str, int] | None:
    """Where a fact's words stand, with the paragraph's index in its document (as sentences give it)."""
    if at is None:
        return None
    return {"paragraph": paragraphs[at.paragraph], "start": at.start, "end": at.end}


def _sentences(alignment: SentenceAlignment) -> dict[str, Any]:
    """Sentences as places in their paragraphs, and the links between them."""
    return {
        "left": [
            {"paragraph": s.paragraph, "start": s.start, "end": s.end} for s in alignment.left
        ],
        "right": [
            {"paragraph": s.paragraph, "start": s.start, "end": s.end} for s in alignment.right
        ],
        "links": [
            {
                "kind": link.kind.value,
                "left": list(link.left),
                "right": list(link.right),
                "similarity": _share(link.similarity),
            }
            for link in alignment.links
        ],
    }


def _inline(inline: InlineDiff) -> dict[str, Any]:
    """Spans per paragraph; joined, each paragraph's spans give back its text exactly."""
    return {
        side: [
            [{"text": span.text, "changed": span.changed} for span in spans] for spans in paragraphs
        ]
        for side, paragraphs in (("left", inline.left), ("right", inline.right))
    }


# --- What the human-readable reports select (their wording is in tui/wording.py) ---------------


def difference_numbers(comparison: Comparison) -> dict[int, int]:
    """Change index -> the difference's number (1, 2, ...) in reading order, for differences only."""
    numbers: dict[int, int] = {}
    for index, change in enumerate(comparison.changes):
        if change.is_difference:
            numbers[index] = len(numbers) + 1
    return numbers


class FlaggedFact(NamedTuple):
    """One fact flag and the change it is on (an index into ``Comparison.changes``)."""

    change: int
    fact: FactFlag


def flagged_facts(comparison: Comparison) -> tuple[FlaggedFact, ...]:
    """Every fact flag on a difference, high severity first, reading order within a severity.

    The one list every surface shows and counts (status line, ``--summary``,
    HTML, Markdown, JSON): a count per flag, not per paragraph with flags,
    and never a flag on boilerplate (the engine checks none, and a
    boilerplate change is no difference).
    """
    found = [
        FlaggedFact(index, fact)
        for index, change in enumerate(comparison.changes)
        if change.is_difference
        for fact in change.facts
    ]
    return tuple(sorted(found, key=lambda item: item.fact.severity.rank))


def reviewer_notes(comparison: Comparison, review: Review) -> list[tuple[int, int, ReviewMark]]:
    """(change index, difference number, mark) of each difference with a note, in reading order."""
    numbers = difference_numbers(comparison)
    return [
        (index, number, review[index])
        for index, number in numbers.items()
        if index in review and review[index].note.strip()
    ]
