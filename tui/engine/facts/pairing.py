"""Which sentence of the rewrite each sentence of the original became.

A fact is compared with what stands in its place: the figure, quote or name
of the sentence that became this sentence, not any figure, quote or name of
the paragraph. Sentences are paired by the content words they share: each
sentence is linked to the other side's sentence that shares most of its
words (cosine of their content-stem sets), in both directions, so a sentence
split in two is linked to both halves and two merged into one both link to
it. A sentence sharing no content word with the other side links to nothing.

This is the simple correspondence the fact rules need; it reads only the two
passages of one aligned change.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from tui.engine import regex_cache
from tui.engine.facts.text import TEXT_CACHE, Word, content_stems, text_words, word_starts

# A sentence ends at ., ! or ? (with closing quotes or brackets) before a space, or at a
# line break; "U.S. forces" or "Jan. 12" end nothing, since a lower-case word or a digit
# follows. Sentences longer than this many characters are cut, so a text without
# punctuation still pairs piece by piece rather than as one block.
_SENTENCE_END = regex_cache.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
# Words a full stop follows without ending a sentence: titles, initials, "U.S.", "Inc.".
_ABBREVIATED = regex_cache.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Maj|Jr|Sr|Inc|Corp|Co|Ltd|"
    r"No|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)\.$"
)
_LONGEST_SENTENCE = 1000


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    stems: frozenset[str]


@lru_cache(maxsize=TEXT_CACHE)
def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text`` with their spans and content stems, in order."""
    bounds = [0]
    for match in _SENTENCE_END.finditer(text):
        if match.group()[0] == "." and _ABBREVIATED.search(
            text, max(0, match.start() - 12), match.start() + 1
        ):
            continue
        while match.end() - bounds[-1] > _LONGEST_SENTENCE:
            bounds.append(bounds[-1] + _LONGEST_SENTENCE)
        bounds.append(match.end())
    while len(text) - bounds[-1] > _LONGEST_SENTENCE:
        bounds.append(bounds[-1] + _LONGEST_SENTENCE)
    bounds.append(len(text))
    return tuple(
        Sentence(start, end, frozenset(content_stems(_words_between(text, start, end))))
        for start, end in zip(bounds, bounds[1:], strict=False)
        if end > start
    )


def _words_between(text: str, start: int, end: int) -> tuple[Word, ...]:
    starts = word_starts(text)
    return text_words(text)[bisect_right(starts, start - 1) : bisect_right(starts, end - 1)]


def within(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


@dataclass(frozen=True, slots=True)
class Correspondence:
    """The sentences of both passages and which left sentence became which right ones."""

    left: tuple[Sentence, ...]
    right: tuple[Sentence, ...]
    links: frozenset[tuple[int, int]]  # (left sentence, right sentence)

    def right_spans_for(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans of the right sentences that the left sentences holding
        ``left[start:end]`` became."""
        touched = _overlapping(self.left, start, end)
        return [
            (self.right[j].start, self.right[j].end)
            for j in sorted({j for i, j in self.links if i in touched})
        ]

    def left_spans_for(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans of the left sentences that became the right sentences holding
        ``right[start:end]``."""
        touched = _overlapping(self.right, start, end)
        return [
            (self.left[i].start, self.left[i].end)
            for i in sorted({i for i, j in self.links if j in touched})
        ]


def _overlapping(side: tuple[Sentence, ...], start: int, end: int) -> set[int]:
    return {
        n
        for n, sentence in enumerate(side)
        if sentence.start < max(end, start + 1) and start < sentence.end
    }


@lru_cache(maxsize=TEXT_CACHE)
def correspondence(left: str, right: str) -> Correspondence:
    """Left sentence -> right sentences, each side linked to its best partner on the other."""
    lefts, rights = sentences(left), sentences(right)
    if len(lefts) == 1 and len(rights) == 1:
        return Correspondence(lefts, rights, frozenset({(0, 0)}))
    shared = _shared_counts(lefts, rights)
    best_right: dict[int, tuple[float, int]] = {}
    best_left: dict[int, tuple[float, int]] = {}
    for (i, j), count in shared.items():
        score = count / math.sqrt(len(lefts[i].stems) * len(rights[j].stems))
        if score > best_right.get(i, (0.0, 0))[0]:
            best_right[i] = (score, j)
        if score > best_left.get(j, (0.0, 0))[0]:
            best_left[j] = (score, i)
    links = {(i, j) for i, (_, j) in best_right.items()}
    links |= {(i, j) for j, (_, i) in best_left.items()}
    return Correspondence(lefts, rights, frozenset(links))


def _shared_counts(
    lefts: tuple[Sentence, ...], rights: tuple[Sentence, ...]
) -> dict[tuple[int, int], int]:
    """How many content stems each left and right sentence share (only pairs sharing one),
    through an index from stem to right sentences: linear in the words, not in the pairs."""
    by_stem: dict[str, list[int]] = defaultdict(list)
    for j, sentence in enumerate(rights):
        for stem in sentence.stems:
            by_stem[stem].append(j)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for i, sentence in enumerate(lefts):
        for stem in sentence.stems:
            for j in by_stem.get(stem, ()):
                shared[i, j] += 1
    return shared
