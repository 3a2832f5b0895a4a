"""Invariants of the word-level diff (tui.engine.inline.word_diff).

The diff is built from rapidfuzz opcodes over word ranges rather than from
per-token flags; these properties pin down what every reader relies on, for
any texts: spans rebuild the paragraphs, changed spans hold exactly the words
the ops delete or insert, whitespace is changed only between two changed
words, ops cover every word once, and the similarity is the Indel similarity
of the word keys. A plain token-by-token reference pins the exact output.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel, Levenshtein

from tui.engine.inline import word_diff, word_highlights
from tui.engine.model import InlineDiff, Span, WordOp
from tui.engine.tokens import display_tokens, token_key

# Few distinct words, so that the two sides share many and the diff has both
# equal and changed runs; case, typography, numbers, unspaced scripts, ligatures.
_WORDS = [
    "the",
    "The",
    "THE",
    "cat",
    "sat",
    "on",
    "mat",
    "12",
    "12.5",
    "2,300",
    "don't",
    "don’t",
    "ﬁne",
    "fine",
    "東",
    "京",
    "é",
]
_GLUE = [" ", " ", " ", "  ", "\n", "\t", ", ", ". ", "; ", " — ", " -- ", "", "“", "”", "\u00a0"]

# Words and glue from one list: one draw a part (a one_of of two lists draws twice).
_paragraph = st.builds(
    lambda parts: "".join(parts), st.lists(st.sampled_from(_WORDS + _GLUE), max_size=25)
)
_side = st.lists(_paragraph, min_size=1, max_size=3)
# Any ASCII (the fast path: control characters, \x1c-\x1f count as whitespace) and any text at all.
_ascii_side = st.lists(
    st.text(st.characters(max_codepoint=127), max_size=40), min_size=1, max_size=3
)
_any_side = st.lists(st.text(max_size=40), min_size=1, max_size=3)


def _words(texts: list[str]) -> list[str]:
    return [token for text in texts for token in display_tokens(text) if not token.isspace()]


def _span_words(spans: tuple[tuple[Span, ...], ...], changed: bool) -> list[str]:
    return _words(
        [span.text for paragraph in spans for span in paragraph if span.changed is changed]
    )


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_spans_rebuild_each_paragraph_exactly(left, right):
    diff, _ = word_diff(left, right)
    assert ["".join(span.text for span in spans) for spans in diff.left] == left
    assert ["".join(span.text for span in spans) for spans in diff.right] == right


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_spans_are_non_empty_and_alternate(left, right):
    diff, _ = word_diff(left, right)
    for spans in diff.left + diff.right:
        assert all(span.text for span in spans)
        assert all(a.changed != b.changed for a, b in pairwise(spans))


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_changed_spans_run_from_word_to_word(left, right):
    """Whitespace next to an unchanged word (or a paragraph edge) is never marked changed."""
    diff, _ = word_diff(left, right)
    for spans in diff.left + diff.right:
        for span in spans:
            if span.changed:
                assert not span.text[0].isspace() and not span.text[-1].isspace()


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_whitespace_between_changed_words_is_changed(left, right):
    """An unchanged span between two changed ones holds a word: whitespace alone would be changed."""
    diff, _ = word_diff(left, right)
    for spans in diff.left + diff.right:
        for before, span, after in zip(spans, spans[1:], spans[2:], strict=False):
            if before.changed and after.changed:
                assert _words([span.text])


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_ops_cover_every_word_once_in_order(left, right):
    diff, _ = word_diff(left, right)
    assert " ".join(op.left for op in diff.ops if op.left) == " ".join(_words(left))
    assert " ".join(op.right for op in diff.ops if op.right) == " ".join(_words(right))


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_ops_are_merged_runs_of_consistent_kind(left, right):
    """Readers want one op per run: adjacent ops never share a tag."""
    diff, _ = word_diff(left, right)
    assert all(a.op != b.op for a, b in pairwise(diff.ops))
    for op in diff.ops:
        left_keys = [token_key(word) for word in op.left.split(" ") if word]
        right_keys = [token_key(word) for word in op.right.split(" ") if word]
        if op.op == "equal":
            assert left_keys == right_keys and left_keys
        else:
            assert (
                op.op
                == {(True, True): "replace", (True, False): "delete", (False, True): "insert"}[
                    (bool(left_keys), bool(right_keys))
                ]
            )


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_changed_spans_hold_exactly_the_words_the_ops_change(left, right):
    diff, _ = word_diff(left, right)
    changed_left = [
        word for op in diff.ops if op.op != "equal" for word in op.left.split(" ") if word
    ]
    changed_right = [
        word for op in diff.ops if op.op != "equal" for word in op.right.split(" ") if word
    ]
    assert _span_words(diff.left, changed=True) == changed_left
    assert _span_words(diff.right, changed=True) == changed_right


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_similarity_is_indel_similarity_of_word_keys(left, right):
    _, similarity = word_diff(left, right)
    expected = Indel.normalized_similarity(
        [token_key(w) for w in _words(left)], [token_key(w) for w in _words(right)]
    )
    assert similarity == expected


@settings(max_examples=200, deadline=None)
@given(_side)
def test_same_words_give_no_changed_span(texts):
    """Case and typography fold away, and a group compares as one text wherever its paragraphs break."""
    other = [text.upper() for text in texts]
    regrouped = [" ".join(other)]
    for right in (texts, other, regrouped):
        diff, similarity = word_diff(texts, right)
        assert not any(span.changed for spans in diff.left + diff.right for span in spans)
        assert all(op.op == "equal" for op in diff.ops)
        assert similarity == 1.0


def test_a_changed_run_across_a_paragraph_break_is_cut_at_the_break():
    diff, _ = word_diff(["Rates rose sharply.", "Then they fell."], ["Rates fell."])
    assert diff.left == (
        (Span("Rates "), Span("rose sharply.", True)),
        (Span("Then they", True), Span(" fell.")),
    )
    assert diff.right == ((Span("Rates fell."),),)
    assert [op.op for op in diff.ops] == ["equal", "delete", "equal"]
    assert diff.ops[1].left == "rose sharply . Then they"


def test_whitespace_only_and_empty_paragraphs_keep_their_text():
    diff, similarity = word_diff(["  ", "one two"], ["", "one three"])
    assert diff.left == ((Span("  "),), (Span("one "), Span("two", True)))
    assert diff.right == ((), (Span("one "), Span("three", True)))
    assert similarity == 0.5


def _reference_word_diff(left: list[str], right: list[str]) -> tuple[InlineDiff, float]:
    """The diff computed the plain way, token by token: what word_diff's slicing must reproduce.

    A word is changed when the opcodes do not keep it; whitespace is changed
    when the words on both sides of it in its paragraph are.
    """
    sides = [[display_tokens(text) for text in texts] for texts in (left, right)]
    words = [
        [token for tokens in side for token in tokens if not token.isspace()] for side in sides
    ]
    keys = [[token_key(word) for word in side_words] for side_words in words]
    opcodes = Levenshtein.opcodes(*keys).as_list()
    changed = [[True] * len(side_words) for side_words in words]
    for _, i1, i2, j1, j2 in (opcode for opcode in opcodes if opcode[0] == "equal"):
        changed[0][i1:i2] = [False] * (i2 - i1)
        changed[1][j1:j2] = [False] * (j2 - j1)
    spans = []
    for side, side_changed in zip(sides, changed, strict=True):
        flags = iter(side_changed)
        side_spans = []
        for tokens in side:
            word_flags = [None if token.isspace() else next(flags) for token in tokens]
            token_flags = [
                flag
                if flag is not None
                else (0 < k < len(tokens) - 1 and word_flags[k - 1] and word_flags[k + 1])
                for k, flag in enumerate(word_flags)
            ]
            paragraph_spans: list[Span] = []
            for token, flag in zip(tokens, token_flags, strict=True):
                if paragraph_spans and paragraph_spans[-1].changed == flag:
                    paragraph_spans[-1] = Span(paragraph_spans[-1].text + token, flag)
                else:
                    paragraph_spans.append(Span(token, bool(flag)))
            side_spans.append(tuple(paragraph_spans))
        spans.append(tuple(side_spans))
    ops = tuple(
        WordOp(tag, " ".join(words[0][i1:i2]), " ".join(words[1][j1:j2]))
        for tag, i1, i2, j1, j2 in opcodes
    )
    return InlineDiff(spans[0], spans[1], ops), Indel.normalized_similarity(*keys)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_side, _ascii_side, _any_side), st.one_of(_side, _ascii_side, _any_side))
def test_word_diff_equals_the_token_by_token_reference(left, right):
    assert word_diff(left, right) == _reference_word_diff(left, right)


@settings(max_examples=300, deadline=None)
@given(_side, _side)
def test_word_diff_of_the_usual_words_equals_the_reference(left, right):
    assert word_diff(left, right) == _reference_word_diff(left, right)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_side, _any_side), st.one_of(_side, _any_side))
def test_highlights_alone_are_the_word_diff_spans(left, right):
    reference, _ = _reference_word_diff(left, right)
    assert word_highlights(left, right) == (reference.left, reference.right)
