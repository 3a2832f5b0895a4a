"""Properties of the three views of a paragraph in tui.engine.tokens.

The fast forms (a tokeniser without per-character lookahead, whole-document
content terms, an ASCII shortcut in the cosmetic key) are checked against the
plain definitions they stand for.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.tokens import (
    _TERM,
    _UNSPACED,
    _fold_for_terms,
    _terms_of_match,
    content_terms,
    cosmetic_key,
    display_tokens,
)

# Characters that matter to the rules: separators inside words, dashes, quotes,
# spaces of several kinds, case folds that change length, CJK, combining marks.
TRICKY = "ab Z1 .,'’-–—\u00a0\u2009\n\t“”«»éßﬁ\u0301\u4e00\u3042\u200b\u00ad_…"
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=40) | st.text(max_size=40)

# The tokeniser's definition: a word is a run of letters and digits, where ' ’ . ,
# may stand between (or before) them when a letter or digit follows.
DEFINITION = re.compile(
    rf"\s+|[{_UNSPACED}]|(?:[^\W{_UNSPACED}]|['’.,](?=[^\W{_UNSPACED}]))+|[^\w\s]",
)


@settings(max_examples=400)
@given(texts)
def test_display_tokens_follow_the_definition_and_rebuild_the_text(text):
    tokens = display_tokens(text)
    assert tokens == DEFINITION.findall(text)
    assert "".join(tokens) == text


def _cosmetic_key_by_definition(text: str) -> str:
    from tui.engine.tokens import _DASH_RUN, _TYPOGRAPHY

    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)).strip()
    return _DASH_RUN.sub("-", folded).casefold()


@settings(max_examples=400)
@given(texts)
def test_cosmetic_key_follows_its_definition(text):
    assert cosmetic_key(text) == _cosmetic_key_by_definition(text)


@given(texts)
def test_cosmetic_key_ignores_case_spacing_and_quote_style(text):
    assert cosmetic_key(f"  {text.upper()}\n") == cosmetic_key(text.upper())
    assert cosmetic_key(text.replace("'", "’").replace("\u00a0", " ")) == cosmetic_key(text)


def _terms_by_definition(text: str) -> list[str]:
    """One paragraph's content terms, match by match, as the module docstring defines them."""
    return [
        term for match in _TERM.findall(_fold_for_terms(text)) for term in _terms_of_match(match)
    ]


@settings(max_examples=200)
@given(st.lists(texts, max_size=6))
def test_content_terms_of_a_document_are_each_paragraphs_terms(paragraphs):
    """Working on the whole document's distinct pieces gives each paragraph exactly its own terms."""
    terms = content_terms(paragraphs)
    assert len(terms.pieces_per_text) == len(paragraphs) and terms.pieces_per_text.sum() == len(
        terms.pieces
    )
    assert [terms.terms_of(k) for k in range(len(paragraphs))] == list(
        map(_terms_by_definition, paragraphs)
    )


def test_content_terms_keep_stems_names_and_figures_and_drop_function_words():
    terms = content_terms(["The minister's cuts: $2,300 million in 2024.", "Cutting the budget"])
    assert {"minist", "cut", "2300", "2024"} <= set(terms.terms_of(0))
    assert "the" not in terms.terms_of(0) and "in" not in terms.terms_of(0)
    assert terms.terms_of(1) == ["cut", "budget"]


def test_content_terms_read_unspaced_scripts_as_character_pairs():
    assert content_terms(["经济增长"]).terms_of(0) == ["经济", "济增", "增长"]
