"""Word-level differences inside a change.

Words, not characters: a changed figure shows as "52 → 51", never "5[2→1]".
The words of each side (split and merged groups read as one text) are
compared by their folded keys with rapidfuzz's difflib-compatible
``Levenshtein.opcodes``; the result is mapped back onto each paragraph as
spans of the original text, so rendering never alters a character.

Every change of a long document is diffed, so no Python code runs per
token. ``re.split`` cuts each paragraph into its words and the whitespace
around them, word k always at index 2k + 1: the words are one slice, and a
run of changed words maps to pieces by arithmetic. Each span is cut from the
runs of changed words the opcodes describe, and span and op texts are joined
by ``str.join`` over slices.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, cycle
from typing import Any, NamedTuple

from rapidfuzz.distance import Indel, Levenshtein

from tui.engine import regex_cache
from tui.engine.model import InlineDiff, Span, WordOp
from tui.engine.tokens import _TOKEN, token_key

__all__ = ["word_diff", "word_highlights"]

# Half-open range of word indices.
WordRange = tuple[int, int]

# display_tokens' pattern less its whitespace alternative, as one group:
# ``re.split`` with it returns the same words at the odd indices and, at the
# even ones, the whitespace before each word ("" where two words touch) and
# after the last one, so ``"".join`` of the pieces is the text again.
_WORD = regex_cache.compile("(" + _TOKEN.pattern.removeprefix(r"\s+|") + ")")
# The same split for ASCII text (nearly every English paragraph) in a fifth
# less time: an ASCII ``\w`` is a table lookup, not a Unicode category, and
# the usual word is tried first. It is the grammar above less what ASCII
# cannot hold (unspaced scripts, ’); whitespace is spelled out because
# str.isspace, like a Unicode ``\s``, also counts \x1c-\x1f. The tests hold
# both splits to display_tokens.
_ASCII_WORD = regex_cache.compile(
    r"(\w+(?:['.,]\w+)*|['.,]\w+(?:['.,]\w+)*|[^\w\t-\r\x1c-\x20])", re.ASCII
)

# A paragraph's spans alternate from an unchanged one; empty ones are dropped by their text.
_UNCHANGED_FIRST = (False, True)


def word_diff(left: Sequence[str], right: Sequence[str]) -> tuple[InlineDiff, float]:
    """Word-level diff of the left paragraphs (read as one text) against the right ones.

    Returns the diff and the share of words kept (rapidfuzz's normalised Indel
    similarity over the same word keys), so each text is tokenised once.
    """
    left_side, right_side = _Side.of(left), _Side.of(right)
    # Rapidfuzz groups contiguous edits of one kind, so no two adjacent ops share a tag.
    opcodes = Levenshtein.opcodes(left_side.keys, right_side.keys).as_list()
    tags, left_starts, left_stops, right_starts, right_stops = _columns(opcodes)
    left_spans, right_spans = _highlights(left_side, right_side, opcodes)
    diff = InlineDiff(
        left=left_spans,
        right=right_spans,
        ops=tuple(
            map(
                WordOp,
                tags,
                _joined(left_side.words, left_starts, left_stops),
                _joined(right_side.words, right_starts, right_stops),
            )
        ),
    )
    return diff, Indel.normalized_similarity(left_side.keys, right_side.keys)


def word_highlights(
    left: Sequence[str], right: Sequence[str]
) -> tuple[tuple[tuple[Span, ...], ...], tuple[tuple[Span, ...], ...]]:
    """The spans of :func:`word_diff` alone, without its ops and share kept: what a
    sentence view shows for each of thousands of sentence pairs."""
    left_side, right_side = _Side.of(left), _Side.of(right)
    opcodes = Levenshtein.opcodes(left_side.keys, right_side.keys).as_list()
    return _highlights(left_side, right_side, opcodes)


def _highlights(
    left_side: _Side, right_side: _Side, opcodes: list[Any]
) -> tuple[tuple[tuple[Span, ...], ...], tuple[tuple[Span, ...], ...]]:
    """Each side's spans: the words outside the equal opcodes are the changed ones."""
    _, left_kept_starts, left_kept_stops, right_kept_starts, right_kept_stops = _columns(
        [opcode for opcode in opcodes if opcode[0] == "equal"]
    )
    return (
        left_side.spans(_changed_runs(left_kept_starts, left_kept_stops, len(left_side.words))),
        right_side.spans(_changed_runs(right_kept_starts, right_kept_stops, len(right_side.words))),
    )


def _columns(opcodes: Iterable[Any]) -> tuple[tuple[Any, ...], ...]:
    """The tags and each of the four bounds of the opcodes as one tuple, so ops are built by ``map``."""
    return tuple(zip(*opcodes, strict=True)) or ((),) * 5


def _changed_runs(
    kept_starts: tuple[int, ...], kept_stops: tuple[int, ...], count: int
) -> list[WordRange]:
    """Maximal runs of the ``count`` words outside the kept (equal) ranges, which never touch."""
    return [
        (start, end)
        for start, end in zip((0, *kept_stops), (*kept_starts, count), strict=True)
        if start < end
    ]


def _joined(words: list[str], starts: Iterable[int], stops: Iterable[int]) -> Iterable[str]:
    """The words of each range ``starts[k]..stops[k]``, joined by spaces."""
    return map(" ".join, map(words.__getitem__, map(slice, starts, stops)))


class _Side(NamedTuple):
    """One side's paragraphs cut into words and whitespace, with its words numbered across paragraphs."""

    # Per paragraph, whitespace and words alternating: word k at index 2k + 1.
    pieces: list[list[str]]
    # Every word of the side, paragraph after paragraph: what the opcodes index.
    words: list[str]
    # What each word is compared by (``token_key``).
    keys: list[str]
    # Per paragraph, the index in ``words`` of its first word.
    first_words: list[int]

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Side:
        ascii_only = all(map(str.isascii, texts))
        pieces = list(map((_ASCII_WORD if ascii_only else _WORD).split, texts))
        if len(pieces) == 1:  # the usual change
            words, first_words = pieces[0][1::2], [0]
        else:
            words = list(chain.from_iterable(paragraph[1::2] for paragraph in pieces))
            first_words = list(
                accumulate((len(paragraph) // 2 for paragraph in pieces), initial=0)
            )[:-1]
        # token_key of an ASCII word is just its lower case (NFKC and the typography
        # table leave ASCII alone, and casefold is lower there), without a cache lookup.
        keys = list(map(str.lower if ascii_only else token_key, words))
        return cls(pieces, words, keys, first_words)

    def spans(self, changed: list[WordRange]) -> tuple[tuple[Span, ...], ...]:
        """Spans of each paragraph, given the side's runs of changed words in order."""
        if len(self.pieces) == 1:  # the usual change: no run to cut at paragraph ends
            return (_paragraph_spans(self.pieces[0], changed),)
        return tuple(
            _paragraph_spans(pieces, _local_ranges(changed, first, first + len(pieces) // 2))
            for pieces, first in zip(self.pieces, self.first_words, strict=True)
        )


def _local_ranges(changed: list[WordRange], first: int, stop: int) -> list[WordRange]:
    """The parts of ``changed`` inside words ``first..stop``, numbered from the paragraph's first word."""
    clipped = ((max(start, first), min(end, stop)) for start, end in changed)
    return [(start - first, end - first) for start, end in clipped if start < end]


def _paragraph_spans(pieces: list[str], changed: list[WordRange]) -> tuple[Span, ...]:
    """Alternating unchanged and changed spans that rebuild the paragraph.

    A changed span runs from its first changed word to its last (pieces
    ``2 * start + 1`` to ``2 * end - 1``), so whitespace between two changed
    words is changed and whitespace next to an unchanged word is not. Runs
    never touch, so only the first and last unchanged pieces can be empty.
    """
    cuts = [0, *[cut for start, end in changed for cut in (2 * start + 1, 2 * end)], len(pieces)]
    texts = map("".join, map(pieces.__getitem__, map(slice, cuts, cuts[1:])))
    return tuple(
        Span(text, changed) for text, changed in zip(texts, cycle(_UNCHANGED_FIRST)) if text
    )
