"""How compare-tui names things to a reader, in one place for the app, the summary and the reports.

The engine computes (:mod:`tui.engine.model`, :mod:`tui.engine.report`); this
module says it in words and marks: the order and the one-character mark of
each kind, the kind's label (short for lists, as a title for report
headings, both built from the kind's own name), what happened to a sentence, paragraph numbers counted
from 1, percentages, where a change sits, how far a review got. The app,
``--summary`` and the HTML and Markdown reports all import it, so a reader
sees the same words everywhere.

No Textual or Rich import: the headless command line and the exporters use it
without the app.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from tui.engine.model import Change, Comparison, FactFlag, Kind, Severity
from tui.engine.report import Review, ReviewMark, difference_numbers

if TYPE_CHECKING:  # the aligner's module (numpy): the app's first frame does without it
    from tui.engine.sentences import SentencePair

__all__ = [
    "KIND_ORDER",
    "KIND_MARK",
    "FACT_MARK",
    "SEVERITY_MARK",
    "fact_change",
    "fact_line",
    "fact_summary",
    "BOILERPLATE_MARK",
    "change_mark",
    "kind_label",
    "kind_title",
    "sentence_kind_label",
    "sentence_summary",
    "paragraph_numbers",
    "percent",
    "locator",
    "score_label",
    "generated_label",
    "reason_shows_values",
    "review_badges",
    "review_progress",
]

KIND_ORDER: tuple[Kind, ...] = (
    Kind.UNCHANGED,
    Kind.REWORDED,
    Kind.MOVED,
    Kind.SPLIT,
    Kind.MERGED,
    Kind.ADDED,
    Kind.DROPPED,
)
"""The order kinds are listed and counted in; the app's filter keys 1..7 follow it."""

KIND_MARK: dict[Kind, str] = {
    Kind.UNCHANGED: " ",
    Kind.REWORDED: "~",
    Kind.MOVED: "↕",
    Kind.SPLIT: "<",  # one paragraph opens into several
    Kind.MERGED: ">",  # several close into one
    Kind.ADDED: "+",
    Kind.DROPPED: "-",
}
"""Marks are characters, not only colours, so every view stays readable without colour."""

FACT_MARK = "!"
SEVERITY_MARK: dict[Severity, str] = {Severity.HIGH: "!", Severity.MEDIUM: "?"}
"""A fact flag's mark on its one-line form: "!" a changed figure, name, date or quote; "?" worth a question."""
NO_WORDS = "—"
#: Boilerplate is its own kind on screen: never "+ added" or "- dropped".
BOILERPLATE_MARK = "·"


def kind_label(change: Change) -> str:
    """The kind as a list shows it: "reworded", "split+moved" for a split or merged group that
    moved, "boilerplate" for page furniture (set aside, never counted as added or dropped)."""
    if change.boilerplate:
        return "boilerplate"
    if change.moved and change.kind is not Kind.MOVED:
        return f"{change.kind.value}+moved"
    return change.kind.value


def kind_title(change: Change) -> str:
    """The kind as a report heading says it: "Reworded", "Moved and split", "Boilerplate"."""
    if change.boilerplate:
        return "Boilerplate"
    name = change.kind.value
    if change.moved and change.kind is not Kind.MOVED:
        name = f"moved and {name}"
    return name[0].upper() + name[1:]


def change_mark(change: Change) -> str:
    """The change's mark in the panel and the gutter."""
    return BOILERPLATE_MARK if change.boilerplate else KIND_MARK[change.kind]


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


def paragraph_numbers(indices: tuple[int, ...]) -> str:
    """Human paragraph numbers, counted from 1: "¶5", "¶7–8", "¶3, ¶9"; "—" for none."""
    if not indices:
        return "—"
    numbers = [i + 1 for i in indices]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"¶{numbers[0]}–{numbers[-1]}"
    return ", ".join(f"¶{n}" for n in numbers)


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


_CHANGED_WORDS = re.compile(r"“([^”]*)” → “([^”]*)”")


def fact_change(fact: FactFlag) -> tuple[str, str]:
    """The old and the new words of a fact, quoted, "—" for a side without any.

    A reason that names narrower words than the values gives those: a quote
    keeps its whole wording in ``left``/``right``, but its reason says which
    words changed ("“permanent” → “lasting”"), and that is what fits a line.
    """
    narrower = _CHANGED_WORDS.search(fact.reason)
    if narrower and fact.left is not None and fact.right is not None:
        return f"“{narrower.group(1)}”", f"“{narrower.group(2)}”"
    return _quoted(fact.left), _quoted(fact.right)


def _quoted(words: str | None) -> str:
    return NO_WORDS if words is None else f"“{words}”"


def fact_line(fact: FactFlag) -> str:
    """``number: “$47 billion” → “tens of billions of dollars”``: a fact in one line, its reason left to the lists."""
    old, new = fact_change(fact)
    return f"{fact.kind}: {old} → {new}"


def fact_summary(fact: FactFlag) -> str:
    """The reason, followed by the old and new words when it does not say them itself.

    ``possible misspelling: “Haldane” → “Haldan”``; ``figure changed (“5” → “6”)``.
    """
    old, new = fact_change(fact)
    if all(words == NO_WORDS or words in fact.reason for words in (old, new)):
        return fact.reason
    return f"{fact.reason} ({old} → {new})"


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
