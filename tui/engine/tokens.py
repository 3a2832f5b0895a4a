"""Tokens and normal forms: the one place that decides what counts as "the same word".

Three views of a paragraph serve three jobs:

* :func:`cosmetic_key` — the whole paragraph with typography folded away
  (quotes, dashes, spaces, case, Unicode forms), so a pair that differs only
  cosmetically is recognised as unchanged.
* :func:`display_tokens` — every piece of the text, whitespace included, for
  word-level highlighting that can be put back together character for character.
* :func:`content_terms` — stemmed content words, numbers and (for scripts
  written without spaces) character bigrams: what two paraphrases share.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
import Stemmer

from tui.engine import regex_cache

__all__ = ["cosmetic_key", "display_tokens", "token_key", "content_terms", "DocumentTerms"]

# Typographic variants folded to one ASCII form; keys are code points.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u200b": "",
        "\u00ad": "",
        "\ufeff": "",
    }
)

# Scripts written without spaces between words: each character is a token.
_UNSPACED = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\u0e00-\u0e7f"  # Thai
)
# A word: letters and digits, with single ' ’ . , inside (and one leading: ".5")
# when a letter or digit follows. Written without a lookahead per character,
# which made the tokeniser a third slower.
_TOKEN = regex_cache.compile(
    rf"\s+|[{_UNSPACED}]|['’.,]?[^\W{_UNSPACED}]+(?:['’.,][^\W{_UNSPACED}]+)*|[^\w\s]",
)
_UNSPACED_CHAR = regex_cache.compile(rf"[{_UNSPACED}]")
# Dashes with or without spaces around them ("a -- b", "a—b") read the same.
_DASH_RUN = regex_cache.compile(r"\s*-{2,}\s*|\s+-\s+")

# Function words carry no content: two unrelated paragraphs share them all.
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say told one ones its it's s t also however would could may might must shall
    le la les un une des de du et en est que qui dans pour par sur au aux der die das und ist
    ein eine zu den mit von el los las y del se por con para""".split()
)

# Without PyStemmer's own cache of 10,000 words: each distinct word of a document
# is stemmed once anyway, and on a book the cache only thrashed (4x slower).
_STEMMER = Stemmer.Stemmer("english", 0)
_THOUSANDS = regex_cache.compile(r",(?=\d{3}\b)")
# A leading section or list number ("4.2", "(b)", "iv.", "12)") says where a
# paragraph stands, not what it says: renumbered clauses must still find each other.
_ENUMERATOR = regex_cache.compile(
    r"^\s*(?:\(?(?:\d+(?:\.\d+)*|[a-z]|[ivxlc]+)[.)]|\d+(?:\.\d+)+)\s+"
)
# Content terms need no display tokens: words (apostrophes inside kept) and numbers
# with inner separators, found in one pass over the case-folded text.
_TERM = regex_cache.compile(
    rf"[{_UNSPACED}]+|\d+(?:[.,]\d+)*|[^\W\d_{_UNSPACED}]+(?:['’][^\W\d_]+)*"
)


def cosmetic_key(text: str) -> str:
    """The paragraph with typography, case and whitespace folded: equal keys mean "unchanged"."""
    if text.isascii():  # nothing to normalise or fold but case, dashes and spaces
        folded = text
    else:
        folded = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    folded = " ".join(folded.split())  # before the dashes, so spacing at either end cannot matter
    if "-" in folded:
        folded = _DASH_RUN.sub("-", folded)
    return folded.casefold()


def display_tokens(text: str) -> list[str]:
    """Split into words, single punctuation marks, unspaced-script characters and whitespace runs.

    ``"".join(display_tokens(t)) == t`` always holds, so highlights can be
    rendered over the original text. Numbers keep their inner separators
    ("2,300", "12.4") and so compare as one word — never as digits.
    """
    return _TOKEN.findall(text)


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """What a display token is compared by: case and typography folded."""
    return unicodedata.normalize("NFKC", token).translate(_TYPOGRAPHY).casefold()


def _is_small_number(key: str) -> bool:
    """Single digits ("2 leeks", "Harbour City 2") occur in any text: no evidence of a pair."""
    return len(key) == 1


@dataclass(frozen=True, slots=True)
class DocumentTerms:
    """A document's content terms, factored through its distinct whitespace-separated pieces.

    Terms never span whitespace, and a book repeats the same few thousand
    pieces ("figures," "(2021)") hundreds of times: each distinct piece is
    matched and stemmed once (``piece_terms``), and the document is the
    sequence of its pieces' numbers, so no Python code runs per term of the
    text. Text ``k``'s terms are those of its ``pieces_per_text[k]`` pieces,
    in order (:meth:`terms_of` spells them out).
    """

    piece_terms: tuple[tuple[str, ...], ...]
    # Each piece of the document, text after text, as an index into piece_terms.
    pieces: np.ndarray
    pieces_per_text: np.ndarray

    def terms_of(self, text: int) -> list[str]:
        """The content terms of one text, in reading order."""
        start = int(self.pieces_per_text[:text].sum())
        own = self.pieces[start : start + int(self.pieces_per_text[text])]
        return list(chain.from_iterable(self.piece_terms[k] for k in own.tolist()))


def content_terms(texts: Sequence[str]) -> DocumentTerms:
    """Stemmed content words, numbers and unspaced-script bigrams of every text.

    These are what a paraphrase keeps when it changes every function word and
    the order of clauses; they feed the aligner's weighted overlap scores.
    """
    folded = [_fold_for_terms(text) for text in texts]
    # One split of the joined texts, and each text's piece count: " " cannot join two pieces.
    pieces = " ".join(folded).split()
    number_of = {piece: k for k, piece in enumerate(dict.fromkeys(pieces))}
    return DocumentTerms(
        piece_terms=_terms_of_pieces(number_of),
        pieces=np.fromiter(map(number_of.__getitem__, pieces), dtype=np.int64, count=len(pieces)),
        pieces_per_text=np.fromiter(
            (len(text.split()) for text in folded), dtype=np.int64, count=len(folded)
        ),
    )


def _terms_of_pieces(pieces: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """The terms of each piece; a word shared by several pieces ("cuts," "cuts.") is classified once."""
    matches = [_TERM.findall(piece) for piece in pieces]
    terms_of_match = {match: _terms_of_match(match) for match in set(chain.from_iterable(matches))}
    lookup = terms_of_match.__getitem__
    return tuple(
        tuple(chain.from_iterable(map(lookup, piece_matches))) for piece_matches in matches
    )


def _fold_for_terms(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return _ENUMERATOR.sub("", folded, count=1)


def _terms_of_match(match: str) -> tuple[str, ...]:
    """The content terms of one match of ``_TERM``: none for function words and single digits."""
    if _UNSPACED_CHAR.match(match):
        return tuple(match[k : k + 2] for k in range(len(match) - 1)) or (match,)
    if match[0].isdigit():
        return () if _is_small_number(match) else (_THOUSANDS.sub("", match),)
    if match in _STOPWORDS:
        return ()
    return (_STEMMER.stemWord(match.replace("'", "")),)
