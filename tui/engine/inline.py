"""Word-level differences inside a change.

Words, not characters: a changed figure shows as "52 → 51", never "5[2→1]".
The words of each side (split and merged groups read as one text) are
compared by their folded keys with rapidfuzz's difflib-compatible
``Levenshtein.opcodes``; the result is mapped back onto each paragraph as
spans of the original text, so rendering never alters a character.

Every change of a long document is diffed, so no Python code runs per
token: each span is cut from the runs of changed words the opcodes describe,
and span and op texts are joined by ``str.join`` over slices of token lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, cycle, filterfalse, starmap
from operator import itemgetter

from rapidfuzz.distance import Indel, Levenshtein

from tui.engine.model import InlineDiff, Span, WordOp
from tui.engine.tokens import display_tokens, token_key

__all__ = ["word_diff"]

# Half-open range of word indices.
WordRange = tuple[int, int]


def word_diff(left: Sequence[str], right: Sequence[str]) -> tuple[InlineDiff, float]:
    """Word-level diff of the left paragraphs (read as one text) against the right ones.

    Returns the diff and the share of words kept (rapidfuzz's normalised Indel
    similarity over the same word keys), so each text is tokenised once.
    """
    left_side, right_side = _Side.of(left), _Side.of(right)
    left_keys = list(map(token_key, left_side.words))
    right_keys = list(map(token_key, right_side.words))
    # Rapidfuzz groups contiguous edits of one kind, so no two adjacent ops share a tag.
    opcodes = Levenshtein.opcodes(left_keys, right_keys).as_list()
    kept = [opcode for opcode in opcodes if opcode[0] == "equal"]
    diff = InlineDiff(
        left=left_side.spans(_changed_ranges([(i1, i2) for _, i1, i2, _, _ in kept], len(left_keys))),
        right=right_side.spans(_changed_ranges([(j1, j2) for _, _, _, j1, j2 in kept], len(right_keys))),
        ops=tuple(
            WordOp(tag, " ".join(left_side.words[i1:i2]), " ".join(right_side.words[j1:j2]))
            for tag, i1, i2, j1, j2 in opcodes
        ),
    )
    return diff, Indel.normalized_similarity(left_keys, right_keys)


@dataclass(frozen=True, slots=True)
class _Side:
    """One side's paragraphs as display tokens, with its words numbered across paragraphs."""

    tokens: list[list[str]]
    # Per paragraph, the token index of each of its words (non-whitespace tokens).
    word_positions: list[list[int]]
    # Every word of the side, paragraph after paragraph: what the opcodes index.
    words: list[str]
    # Per paragraph, the index in ``words`` of its first word.
    first_words: list[int]

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Side:
        tokens = [display_tokens(text) for text in texts]
        positions = [[k for k, token in enumerate(paragraph) if not token.isspace()] for paragraph in tokens]
        words = list(chain.from_iterable(filterfalse(str.isspace, paragraph) for paragraph in tokens))
        first_words = list(accumulate(map(len, positions), initial=0))[:-1]
        return cls(tokens, positions, words, first_words)

    def spans(self, changed: list[WordRange]) -> tuple[tuple[Span, ...], ...]:
        """Spans of each paragraph, given the side's runs of changed words in order."""
        if len(self.tokens) == 1:  # the usual change: no run to cut at paragraph ends
            return (_paragraph_spans(self.tokens[0], self.word_positions[0], changed),)
        return tuple(
            _paragraph_spans(tokens, positions, _local_ranges(changed, first, first + len(positions)))
            for tokens, positions, first in zip(self.tokens, self.word_positions, self.first_words)
        )


def _changed_ranges(kept: list[WordRange], count: int) -> list[WordRange]:
    """Maximal runs of the ``count`` words outside the kept (equal) ranges, which never touch."""
    bounds = [0, *chain.from_iterable(kept), count]
    return [(start, end) for start, end in zip(bounds[::2], bounds[1::2]) if start < end]


def _local_ranges(changed: list[WordRange], first: int, stop: int) -> list[WordRange]:
    """The parts of ``changed`` inside words ``first..stop``, numbered from the paragraph's first word."""
    clipped = ((max(start, first), min(end, stop)) for start, end in changed)
    return [(start - first, end - first) for start, end in clipped if start < end]


def _paragraph_spans(tokens: list[str], positions: list[int], changed: list[WordRange]) -> tuple[Span, ...]:
    """Alternating unchanged and changed spans that rebuild the paragraph.

    A changed span runs from its first changed word to its last, so whitespace
    between two changed words is changed and whitespace next to an unchanged
    word is not. Runs never touch, so only the first and last unchanged
    pieces can be empty.
    """
    cuts = [0, *chain.from_iterable((positions[start], positions[end - 1] + 1) for start, end in changed), len(tokens)]
    pieces = map("".join, map(tokens.__getitem__, map(slice, cuts, cuts[1:])))
    return tuple(starmap(Span, filter(itemgetter(0), zip(pieces, cycle((False, True))))))
