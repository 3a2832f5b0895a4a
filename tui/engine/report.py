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

The second half of the module is the wording the human-readable reports
(HTML, Markdown) share, so both say the same thing the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from tui.engine.layout import side_by_side
from tui.engine.model import (
    Change,
    Comparison,
    Document,
    FactFlag,
    InlineDiff,
    Kind,
    SentenceAlignment,
)
from tui.engine.sentences import SentencePair

__all__ = [
    "ReviewMark",
    "Review",
    "REPORT_FORMAT",
    "REPORT_VERSION",
    "report_dict",
    "paragraph_numbers",
    "kind_label",
    "sentence_kind_label",
    "sentence_summary",
    "percent",
    "locator",
    "score_label",
    "generated_label",
    "difference_numbers",
    "reason_shows_values",
    "review_badges",
    "review_progress",
    "reviewer_notes",
]

REPORT_FORMAT = "compare-tui-report"
REPORT_VERSION = 2


class ReviewMark(Protocol):
    """A reviewer's judgement on one difference (``tui.review.Mark`` is one).

    A protocol, so the engine need not import the review store to render its marks.
    """

    reviewed: bool
    significant: bool
    note: str


Review = Mapping[int, ReviewMark]
"""The reviewer's marks by change index (into ``Comparison.changes``); a difference
missing from the mapping is unreviewed, unflagged and has no note."""


def report_dict(comparison: Comparison, review: Review | None = None) -> dict[str, Any]:
    """The comparison as JSON-ready data (see the module docstring for the contract).

    With ``review``, every difference carries its ``review``, blank ones
    included, so a script can tell "not reviewed" from "report made without
    a review" (no ``review`` key at all).
    """
    summary: dict[str, Any] = dict(comparison.counts())
    summary["similarity"] = comparison.similarity
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "left": _side(comparison.left),
        "right": _side(comparison.right),
        "summary": summary,
        "changes": [
            _change(change, _review_of(review, index, change))
            for index, change in enumerate(comparison.changes)
        ],
        "rows": [{"change": row.change, "ghost": row.ghost} for row in side_by_side(comparison)],
    }


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
        "similarity": change.similarity,
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
        }
        for f in change.facts
    ]
    if change.sentences is not None:
        data["sentences"] = _sentences(change.sentences)
    if review is not None:
        data["review"] = review
    return data


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
                "similarity": link.similarity,
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


# --- Wording shared by the human-readable reports -------------------------------------------

_KIND_LABELS = {
    Kind.UNCHANGED: "Unchanged",
    Kind.REWORDED: "Reworded",
    Kind.MOVED: "Moved",
    Kind.SPLIT: "Split",
    Kind.MERGED: "Merged",
    Kind.ADDED: "Added",
    Kind.DROPPED: "Dropped",
}


def paragraph_numbers(indices: tuple[int, ...]) -> str:
    """Human paragraph numbers, counted from 1: "¶5", "¶7–8", "¶3, ¶9"; "—" for none."""
    if not indices:
        return "—"
    numbers = [i + 1 for i in indices]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"¶{numbers[0]}–{numbers[-1]}"
    return ", ".join(f"¶{n}" for n in numbers)


def kind_label(change: Change) -> str:
    """ "Reworded", "Split", "Moved and split", "Boilerplate", ...

    Boilerplate is its own kind in every report, never "added" or "dropped".
    """
    if change.boilerplate:
        return "Boilerplate"
    label = _KIND_LABELS[change.kind]
    if change.moved and change.kind in (Kind.SPLIT, Kind.MERGED):
        label = f"Moved and {label.lower()}"
    return label


_SENTENCE_LABELS = {
    Kind.UNCHANGED: "same",
    Kind.REWORDED: "restated",
    Kind.MOVED: "moved",
    Kind.SPLIT: "split",
    Kind.MERGED: "merged",
    Kind.ADDED: "new",
    Kind.DROPPED: "cut",
}


def sentence_kind_label(kind: Kind) -> str:
    """What happened to a sentence, in a word: "restated", "cut", "new", "split", ..."""
    return _SENTENCE_LABELS[kind]


def sentence_summary(pairs: Sequence[SentencePair]) -> str:
    """ "3 restated · 1 cut · 2 new": a change's sentence links counted by kind, in kind order."""
    counts = Counter(pair.kind for pair in pairs)
    return " · ".join(
        f"{counts[kind]} {label}" for kind, label in _SENTENCE_LABELS.items() if counts[kind]
    )


def percent(share: float) -> str:
    """A 0..1 share as a whole percentage: "43%"."""
    return f"{round(share * 100)}%"


def locator(change: Change) -> str:
    """Where a change sits on both sides: "¶9 → ¶8–9", "— → ¶1"."""
    return f"{paragraph_numbers(change.left)} → {paragraph_numbers(change.right)}"


def score_label(change: Change) -> str:
    """The similarity of a pair; an unpaired paragraph has none to speak of."""
    if not change.left:
        return "only in the rewrite"
    if not change.right:
        return "only in the original"
    return f"similarity {percent(change.similarity)}"


def generated_label(when: datetime | None) -> str:
    """When a report was made, to the minute; ``None`` means now, in local time."""
    moment = when or datetime.now().astimezone()
    zone = moment.strftime(" %Z") if moment.tzinfo else ""
    return moment.strftime("%Y-%m-%d %H:%M") + zone


def difference_numbers(comparison: Comparison) -> dict[int, int]:
    """Change index -> the difference's number (1, 2, ...) in reading order, for differences only."""
    numbers: dict[int, int] = {}
    for index, change in enumerate(comparison.changes):
        if change.is_difference:
            numbers[index] = len(numbers) + 1
    return numbers


def reason_shows_values(fact: FactFlag) -> bool:
    """True when the reason already quotes both values, so a report need not repeat them."""
    return all(value is None or value in fact.reason for value in (fact.left, fact.right))


def review_badges(mark: ReviewMark | None) -> list[str]:
    """The marks a report shows beside a difference: "✓ reviewed", "★ significant"."""
    if mark is None:
        return []
    return [
        label
        for label, on in (("✓ reviewed", mark.reviewed), ("★ significant", mark.significant))
        if on
    ]


def review_progress(comparison: Comparison, review: Review) -> str:
    """ "12 of 48 differences reviewed · 3 flagged significant": how far the review got."""
    numbers = difference_numbers(comparison)
    marks = [review[index] for index in numbers if index in review]
    reviewed = sum(bool(mark.reviewed) for mark in marks)
    significant = sum(bool(mark.significant) for mark in marks)
    flagged = f" · {significant} flagged significant" if significant else ""
    return f"{reviewed} of {len(numbers)} differences reviewed{flagged}"


def reviewer_notes(comparison: Comparison, review: Review) -> list[tuple[int, int, ReviewMark]]:
    """(change index, difference number, mark) of each difference with a note, in reading order."""
    numbers = difference_numbers(comparison)
    return [
        (index, number, review[index])
        for index, number in numbers.items()
        if index in review and review[index].note.strip()
    ]
