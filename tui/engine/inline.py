"""Word-level differences inside a change.

Words, not characters: a changed figure shows as "52 → 51", never "5[2→1]".
The words of each side (split and merged groups read as one text) are
compared by their folded keys with rapidfuzz's difflib-compatible
``Levenshtein.opcodes``; the result is mapped back onto each paragraph as
spans of the original text, so rendering never alters a character.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel, Levenshtein

from tui.engine.model import InlineDiff, Span, WordOp
from tui.engine.tokens import display_tokens, token_key

__all__ = ["word_diff"]


def word_diff(left: Sequence[str], right: Sequence[str]) -> tuple[InlineDiff, float]:
    """Word-level diff of the left paragraphs (read as one text) against the right ones.

    Returns the diff and the share of words kept (rapidfuzz's normalised Indel
    similarity over the same word keys), so each text is tokenised once.
    """
    left_tokens = [display_tokens(text) for text in left]
    right_tokens = [display_tokens(text) for text in right]
    left_words = _words(left_tokens)
    right_words = _words(right_tokens)
    left_keys = [token_key(left_tokens[p][k]) for p, k in left_words]
    right_keys = [token_key(right_tokens[p][k]) for p, k in right_words]
    left_changed = [True] * len(left_words)
    right_changed = [True] * len(right_words)
    ops = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(left_keys, right_keys):
        if tag == "equal":
            left_changed[i1:i2] = [False] * (i2 - i1)
            right_changed[j1:j2] = [False] * (j2 - j1)
        ops.append(WordOp(tag, _join(left_tokens, left_words[i1:i2]), _join(right_tokens, right_words[j1:j2])))
    diff = InlineDiff(
        left=_spans(left_tokens, left_words, left_changed),
        right=_spans(right_tokens, right_words, right_changed),
        ops=tuple(_merge_ops(ops)),
    )
    return diff, Indel.normalized_similarity(left_keys, right_keys)


def _words(tokens: Sequence[list[str]]) -> list[tuple[int, int]]:
    """(paragraph, token position) of every non-whitespace token."""
    return [(p, k) for p, paragraph in enumerate(tokens) for k, token in enumerate(paragraph) if not token.isspace()]


def _join(tokens: Sequence[list[str]], words: Sequence[tuple[int, int]]) -> str:
    return " ".join(tokens[p][k] for p, k in words)


def _merge_ops(ops: list[WordOp]) -> list[WordOp]:
    """Rapidfuzz may emit adjacent ops of one tag; readers want one op per run."""
    merged: list[WordOp] = []
    for op in ops:
        if merged and merged[-1].op == op.op:
            last = merged.pop()
            op = WordOp(op.op, " ".join(filter(None, (last.left, op.left))), " ".join(filter(None, (last.right, op.right))))
        merged.append(op)
    return merged


def _spans(
    tokens: Sequence[list[str]],
    words: list[tuple[int, int]],
    changed: list[bool],
) -> tuple[tuple[Span, ...], ...]:
    """Spans of each paragraph; whitespace between two changed words is changed too."""
    flags = [[False] * len(paragraph) for paragraph in tokens]
    for (p, k), flag in zip(words, changed):
        flags[p][k] = flag
    for paragraph, paragraph_flags in zip(tokens, flags):
        for k in range(1, len(paragraph) - 1):
            if paragraph[k].isspace():
                paragraph_flags[k] = paragraph_flags[k - 1] and paragraph_flags[k + 1]
    return tuple(_runs(paragraph, paragraph_flags) for paragraph, paragraph_flags in zip(tokens, flags))


def _runs(tokens: list[str], flags: list[bool]) -> tuple[Span, ...]:
    """Consecutive tokens of one status joined into spans."""
    spans: list[Span] = []
    start = 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or flags[k] != flags[start]:
            spans.append(Span("".join(tokens[start:k]), flags[start]))
            start = k
    return tuple(spans)
