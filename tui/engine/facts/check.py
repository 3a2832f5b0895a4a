"""What a fact rule is: a named check over an aligned pair, and over a paragraph left alone.

Each kind of fact (figures, dates, quotes, names, attribution, stance) is a
module holding one :class:`FactCheck`; :mod:`tui.engine.facts` lists them in
its registry and runs them in that order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import NamedTuple

from tui.engine.model import FactFlag, Severity, WordsAt

HIGH = Severity.HIGH
MEDIUM = Severity.MEDIUM
SEVERITY_RANK = {HIGH: 0, MEDIUM: 1}


class Words(NamedTuple):
    """A fact's words as a flag shows them, and the span they stand on in their passage."""

    text: str
    start: int
    end: int


def words_at(text: str, start: int, end: int | None = None) -> Words:
    return Words(text, start, start + len(text) if end is None else end)


@dataclass(frozen=True, slots=True)
class Found:
    """One flag before ordering, with the spans of its words in the left and right passage.

    Where it was found (its left words, or its right words when it has none on the left)
    decides its place in the list.
    """

    flag: FactFlag
    left: Words | None
    right: Words | None

    @property
    def position(self) -> int:
        words = self.left or self.right
        return words.start if words else 0


class Unpaired(NamedTuple):
    """A fact in a paragraph with no partner: lost with a dropped paragraph, or new in an added one."""

    kind: str  # the flag's kind: "number", "quote", ...
    noun: str  # how a reason names it: "figure", "quote", ...
    text: str
    start: int


def _nothing_unpaired(text: str) -> list[Unpaired]:
    return []


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One kind of fact.

    ``compare`` lists what changed between an aligned left and right passage;
    ``unpaired`` lists the facts of a paragraph that has no partner worth
    reporting as lost or new (most kinds report none: a dropped paragraph is
    already shown as dropped).
    """

    name: str
    compare: Callable[[str, str], list[Found]]
    unpaired: Callable[[str], list[Unpaired]] = _nothing_unpaired


def flag(
    kind: str, severity: Severity, reason: str, left: Words | None, right: Words | None
) -> Found:
    flagged = FactFlag(
        kind, severity, left.text if left else None, right.text if right else None, reason
    )
    return Found(flagged, left, right)


PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class Passage:
    """One side of a pair as the checks read it: its paragraphs joined by a blank line.

    A split or merged group is read as one passage, so a fact that moved
    between its paragraphs is still paired; :meth:`at` tells which paragraph
    a fact's words stand in.
    """

    text: str
    starts: tuple[int, ...]  # where each paragraph begins in ``text``

    @classmethod
    def of(cls, paragraphs: str | Sequence[str]) -> Passage:
        """A passage of one paragraph (a string) or of several."""
        texts = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
        lengths = [len(text) + len(PARAGRAPH_BREAK) for text in texts[:-1]]
        return cls(PARAGRAPH_BREAK.join(texts), (0, *accumulate(lengths)))

    def at(self, words: Words | None) -> WordsAt | None:
        """Where ``words`` (a span of :attr:`text`) stand in their paragraph."""
        if words is None:
            return None
        paragraph = bisect_right(self.starts, words.start) - 1
        start = self.starts[paragraph]
        return WordsAt(paragraph, words.start - start, words.end - start)


def ordered(found: Iterable[Found], left: Passage, right: Passage) -> tuple[FactFlag, ...]:
    """Deduplicated flags, high severity first, then in reading order, each with where its words stand."""
    flags: list[FactFlag] = []
    seen: set[FactFlag] = set()
    for item in sorted(found, key=lambda f: (SEVERITY_RANK[f.flag.severity], f.position)):
        if item.flag not in seen:
            seen.add(item.flag)
            flags.append(
                replace(item.flag, left_at=left.at(item.left), right_at=right.at(item.right))
            )
    return tuple(flags)
