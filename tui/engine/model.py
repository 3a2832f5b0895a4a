"""The engine's data model: small frozen dataclasses shared by every stage.

Everything the engine computes is described here, so that the UI and the
exporters only *read* these objects and never recompute anything.

Contract
--------
* A :class:`Document` is one side of a comparison: where it came from and its
  paragraphs, in order, 0-indexed.
* A :class:`Comparison` pairs two documents with a tuple of :class:`Change`.
  Every left paragraph index appears in exactly one change's ``left`` and every
  right index in exactly one change's ``right`` (``added`` has ``left == ()``,
  ``dropped`` has ``right == ()``).
* ``changes`` is in *reading order*: ordered by right position, with dropped
  paragraphs placed after the change that precedes them on the left side.
* A changed pair's :class:`SentenceAlignment` keeps the same contract one level
  down: every sentence of the change's left paragraphs is in exactly one
  :class:`SentenceLink`'s ``left``, every right sentence in exactly one link's
  ``right`` (an ``added`` sentence has ``left == ()``, a ``dropped`` one
  ``right == ()``), and the links are in the same reading order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Kind",
    "Severity",
    "Side",
    "Paragraph",
    "Document",
    "Span",
    "WordOp",
    "InlineDiff",
    "WordsAt",
    "FactFlag",
    "Sentence",
    "SentenceLink",
    "SentenceAlignment",
    "Change",
    "Comparison",
]


class Kind(StrEnum):
    """What happened to a group of paragraphs between the two versions."""

    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    DROPPED = "dropped"


class Severity(StrEnum):
    """How much a fact flag matters; members run from the most serious down.

    A str enum, so the JSON report keeps writing ``"high"`` and ``"medium"``.
    """

    HIGH = "high"
    MEDIUM = "medium"

    @property
    def rank(self) -> int:
        """0 for the most serious: sort flags by it."""
        return _SEVERITY_RANKS[self]


_SEVERITY_RANKS = {severity: rank for rank, severity in enumerate(Severity)}


class Side(StrEnum):
    """One of the two versions compared: the original (left) or the rewrite (right)."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a document.

    ``boilerplate`` is ``None`` for content, or a short reason ("byline",
    "forum chrome", ...) when the paragraph is page furniture rather than
    part of the story.
    """

    index: int
    text: str
    boilerplate: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One side of a comparison, as loaded and segmented."""

    source: str
    paragraphs: tuple[Paragraph, ...]
    encoding: str = "utf-8"
    format: str = "text"
    title: str | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of a paragraph's text; ``changed`` marks deleted (left) or inserted (right) words."""

    text: str
    changed: bool = False


@dataclass(frozen=True, slots=True)
class WordOp:
    """One word-level edit operation, difflib-style, with the words it covers on each side."""

    op: str  # "equal" | "delete" | "insert" | "replace"
    left: str
    right: str


@dataclass(frozen=True, slots=True)
class InlineDiff:
    """Word-level differences of one change.

    ``left`` has one tuple of spans per left paragraph of the change, ``right``
    one per right paragraph, so a split or merged group can be highlighted
    paragraph by paragraph.
    """

    left: tuple[tuple[Span, ...], ...]
    right: tuple[tuple[Span, ...], ...]
    ops: tuple[WordOp, ...]


@dataclass(frozen=True, slots=True)
class WordsAt:
    """Where a fact's words stand on one side: characters ``start:end`` of paragraph
    ``paragraph`` of the change's group on that side (0 for its first, as
    :class:`InlineDiff` counts them)."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FactFlag:
    """A change of meaning found in a change: a number, name, quote, attribution, ...

    ``severity`` is high (numbers, names, quotes, negation) or medium
    (attribution, hedging, modality). ``left_at`` and ``right_at`` say where
    the words ``left`` and ``right`` stand, so a view can mark them; they are
    not part of what the flag says (two flags saying the same are equal
    wherever their words stand), and None where a flag was built without them.
    """

    kind: str
    severity: Severity
    left: str | None
    right: str | None
    reason: str
    left_at: WordsAt | None = field(default=None, compare=False)
    right_at: WordsAt | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # A plain "high" becomes Severity.HIGH (and a misspelt one fails here, not in a report).
        object.__setattr__(self, "severity", Severity(self.severity))


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph: ``text == paragraph.text[start:end]``, trailing space left out."""

    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """Sentences of one side that restate sentences of the other, as positions in their alignment.

    The kinds are the paragraphs' own: ``unchanged``/``reworded``/``moved`` for
    one sentence each side, ``split`` for one left sentence restated by several
    consecutive right ones, ``merged`` for the reverse, ``dropped`` (a sentence
    the rewrite cut) and ``added`` (a new one). ``similarity`` is the share of
    words kept, 0 for dropped and added sentences.
    """

    kind: Kind
    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float


@dataclass(frozen=True, slots=True)
class SentenceAlignment:
    """Which sentence of a change's left paragraphs became which of its right ones.

    ``left`` and ``right`` are the sentences of the change's paragraphs in
    reading order; ``links`` covers each of them exactly once (the module
    docstring's contract).
    """

    left: tuple[Sentence, ...]
    right: tuple[Sentence, ...]
    links: tuple[SentenceLink, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """One row of the differences: which paragraphs on each side, and what happened.

    ``similarity`` is the share of words kept (0..1). ``moved`` is also set on a
    split or merged group that moved, so both facts survive; ``cosmetic`` marks
    an unchanged pair whose texts differ only in typography, case or spacing.
    ``sentences`` says which sentence became which, for a pair that was reworded,
    moved, split or merged (``None`` for every other change).
    """

    kind: Kind
    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float
    cosmetic: bool = False
    boilerplate: bool = False
    moved: bool = False
    inline: InlineDiff | None = None
    facts: tuple[FactFlag, ...] = ()
    sentences: SentenceAlignment | None = None

    @property
    def is_difference(self) -> bool:
        """True for every change a reader should look at (not unchanged, not boilerplate)."""
        return self.kind is not Kind.UNCHANGED and not self.boilerplate


@dataclass(frozen=True, slots=True)
class Comparison:
    """The engine's whole answer for two documents."""

    left: Document
    right: Document
    changes: tuple[Change, ...]
    similarity: float

    def counts(self) -> dict[str, int]:
        """Changes per kind, with boilerplate counted apart and never as added/dropped."""
        counts = {kind.value: 0 for kind in Kind}
        counts["boilerplate"] = 0
        for change in self.changes:
            if change.boilerplate:
                counts["boilerplate"] += 1
            else:
                counts[change.kind.value] += 1
        return counts

    @property
    def differences(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.is_difference)
