"""Word-level differences inside a change.

Words, not characters: a changed figure shows as "52 → 51", never "5[2→1]".
The words of each side (split and merged groups read as one text) are
compared by their folded keys with rapidfuzz's difflib-compatible
``Levenshtein.opcodes``; the result is mapped back onto each paragraph as
spans of the original text, so rendering never alters a character.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from tui.engine.model import InlineDiff, Span, WordOp
from tui.engine.tokens import display_tokens, token_key

__all__ = ["word_diff"]


def word_diff(left: Sequence[str], right: Sequence[str]) -> InlineDiff:
    """Word-level diff of the left paragraphs (read as one text) against the right ones."""
    left_words = _words(left)
    right_words = _words(right)
    left_changed = [True] * len(left_words)
    right_changed = [True] * len(right_words)
    ops = []
    opcodes = Levenshtein.opcodes([w[2] for w in left_words], [w[2] for w in right_words])
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            left_changed[i1:i2] = [False] * (i2 - i1)
            right_changed[j1:j2] = [False] * (j2 - j1)
        ops.append(WordOp(tag, _join(left_words[i1:i2]), _join(right_words[j1:j2])))
    return InlineDiff(
        left=_spans(left, left_words, left_changed),
        right=_spans(right, right_words, right_changed),
        ops=tuple(_merge_ops(ops)),
    )


def _words(paragraphs: Sequence[str]) -> list[tuple[int, int, str, str]]:
    """(paragraph, token position, key, text) of every non-whitespace token."""
    words = []
    for number, text in enumerate(paragraphs):
        for position, token in enumerate(display_tokens(text)):
            if not token.isspace():
                words.append((number, position, token_key(token), token))
    return words


def _join(words: Sequence[tuple[int, int, str, str]]) -> str:
    return " ".join(word[3] for word in words)


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
    paragraphs: Sequence[str],
    words: list[tuple[int, int, str, str]],
    changed: list[bool],
) -> tuple[tuple[Span, ...], ...]:
    """Spans of each paragraph; whitespace between two changed words is changed too."""
    status = {(word[0], word[1]): flag for word, flag in zip(words, changed)}
    result = []
    for number, text in enumerate(paragraphs):
        tokens = display_tokens(text)
        flags = [status.get((number, k), False) for k in range(len(tokens))]
        for k, token in enumerate(tokens):
            if token.isspace() and 0 < k < len(tokens) - 1:
                flags[k] = flags[k - 1] and flags[k + 1]
        result.append(_runs(tokens, flags))
    return tuple(result)


def _runs(tokens: list[str], flags: list[bool]) -> tuple[Span, ...]:
    spans: list[Span] = []
    for token, flag in zip(tokens, flags):
        if spans and spans[-1].changed == flag:
            spans[-1] = Span(spans[-1].text + token, flag)
        else:
            spans.append(Span(token, flag))
    return tuple(spans)
