"""Text helpers every fact rule shares: words, stems, sentences, cheap pre-checks, pairing.

Every rule reads the same passages again and again (one comparison asks
several rules about one paragraph), so per-text results are cached here,
bounded by :data:`TEXT_CACHE`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate
from typing import NamedTuple, Protocol, TypeVar

import Stemmer

from tui.engine import regex_cache

_STEMMER = Stemmer.Stemmer("english")
_WORD = regex_cache.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORD_PIECES = regex_cache.compile(
    f"({_WORD.pattern})"
)  # re.split keeps the words, at the odd places
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


class Word(NamedTuple):
    """One word of a text, lower-cased, with its character offsets.

    One is made for every word of every passage a rule reads: a named tuple
    builds three times faster than a frozen dataclass.
    """

    text: str
    start: int
    end: int


# Per-text results are cached (bounded): one comparison asks several rules
# about the same passage, and a text's words never change.
TEXT_CACHE = 512


@lru_cache(maxsize=TEXT_CACHE)
def text_words(text: str) -> tuple[Word, ...]:
    """Words (letters/digits, inner apostrophes kept) with offsets; apostrophes folded to ASCII.

    Found in the text as written (a folded ‘ would join "don‘t"), then folded and lower-cased
    all at once: ``re.split`` gives the words at the odd places, their offsets are the running
    sum of the pieces' lengths, and :func:`_folded` folds them, so no Python code runs per match.
    """
    pieces = _WORD_PIECES.split(text)
    words = pieces[1::2]
    if not words:
        return ()
    offsets = list(accumulate(map(len, pieces), initial=0))
    return tuple(map(Word, _folded(words), offsets[1::2], offsets[2::2]))


def folded_words(text: str) -> list[str]:
    """The words of :func:`text_words` without their offsets, for a whole document at once:
    one search over its text and no tuple per word (a book's vocabulary is read this way)."""
    return _folded(_WORD.findall(text))


def _folded(words: list[str]) -> list[str]:
    """Words with apostrophes folded to ASCII, lower-cased, all at once: one per line, by one
    translate and one lower (no word holds a line end, and a line end ends the context of a
    final sigma, as a word's end does), so no Python code runs per word."""
    if not words:
        return []
    return "\n".join(words).translate(APOSTROPHES).lower().split("\n")


@lru_cache(maxsize=TEXT_CACHE)
def word_starts(text: str) -> list[int]:
    """Where each of :func:`text_words` starts, for bisecting to a position."""
    return [word.start for word in text_words(text)]


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    stemmed: str = _STEMMER.stemWord(word.lower())
    return stemmed


def fold_accents(text: str) -> str:
    """``José`` -> ``jose``: dropping an accent is a typographic difference, not a new name."""
    if text.isascii():
        return text.casefold()  # ASCII holds no accent, and NFKD leaves it as it is
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def curly(value: str, limit: int = 80) -> str:
    """A value as shown inside a reason: curly-quoted, long quotes shortened."""
    value = " ".join(value.split())
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return f"“{value}”"


# Words skipped when looking for what a statement or a marker is about:
# auxiliaries, articles, pronouns and the stance markers themselves.
SCOPE_SKIP = frozenset(
    """a an the to be been being is are was were am have has had having do does did get got
    it its this that these those he she they we you i his her their our my your any some of
    also still yet even ever longer one more much very so just really anyone anything at all
    not no never none nor n't cannot can could may might will would shall should must ought
    need needs allegedly reportedly apparently possibly probably perhaps likely in on at by
    for with from into onto about as and or but than then there here out up down off over
    under after before since until while if whether when where which who whom whose what
    le la les de des du et à au aux un une en pour par sur dans que qui el los las del y con
    para una der das den dem und zu mit von für auf ist im""".split()
)


def content_stems(words: Iterable[Word]) -> set[str]:
    return {stem(w.text) for w in words if w.text not in SCOPE_SKIP}


@lru_cache(maxsize=TEXT_CACHE)
def text_stems(text: str) -> frozenset[str]:
    """Content stems of a whole text."""
    return frozenset(content_stems(text_words(text)))


def mostly_kept(stems: Set[str], other_stems: Set[str]) -> bool:
    """At least half of a passage's content words are still on the other side: the statement
    was kept (and reworded), rather than cut or rewritten from scratch."""
    return bool(stems) and 2 * len(stems & other_stems) >= len(stems)


_SENTENCE_END = regex_cache.compile(r"[.!?…][\"'”’)\]]*(?:\s+|$)|\n")
# A "sentence" reaches at most this far either side of what it holds: text with
# no sentence ends (a pasted 5 MB line) must not make every lookup scan it all.
_SENTENCE_REACH = 600


@lru_cache(maxsize=TEXT_CACHE)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every sentence end in ``text``, found once per text."""
    matches = list(_SENTENCE_END.finditer(text))
    return [m.start() for m in matches], [m.end() for m in matches]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding ``text[start:end]`` (bounded by ``_SENTENCE_REACH``)."""
    starts, ends = _sentence_ends(text)
    before = bisect_right(ends, start)
    after = bisect_left(starts, end)
    sentence_start = ends[before - 1] if before else 0
    sentence_end = starts[after] + 1 if after < len(starts) else len(text)
    return max(sentence_start, start - _SENTENCE_REACH), min(sentence_end, end + _SENTENCE_REACH)


def stems_between(text: str, start: int, end: int, leave_out: tuple[int, int] = (0, 0)) -> set[str]:
    """Content stems of ``text[start:end]``, without the words inside ``leave_out``."""
    return content_stems(
        [
            w
            for w in text_words(text[start:end])
            if not leave_out[0] <= w.start + start < leave_out[1]
        ]
    )


def context_kept(text: str, span: tuple[int, int], other_stems: Set[str]) -> bool:
    """The sentence around ``text[span]``, minus that span, survives on the other side: what
    the span held was cut from a kept statement (a detail lost), not from a statement
    rewritten from scratch."""
    return mostly_kept(
        stems_between(text, *sentence_around(text, *span), leave_out=span), other_stems
    )


# ---------------------------------------------------------------------------
# Case folding and cheap searches (the pre-checks of :class:`Guarded`)
# ---------------------------------------------------------------------------

# Folding that agrees with re.IGNORECASE on every letter of the word lists below:
# the pattern matches "ſ" as "s" and "ı"/"İ" as "i", which str.lower() keeps (or dots).
_IGNORECASE_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})
_TOKEN = regex_cache.compile(r"\w+")
# In ASCII, ``\w`` is [A-Za-z0-9_]: blanking every other character leaves the
# words _TOKEN finds, between spaces, at a fraction of the cost. The table is
# for bytes.translate, three times cheaper than str.translate's mapping.
_ASCII_NON_WORD = bytes(c if re.fullmatch(rb"\w", bytes([c])) else ord(" ") for c in range(256))
_DIGIT = regex_cache.compile(r"\d")


def matched_key(word: str) -> str:
    """A word an ignore-case pattern matched, spelled as its word list has it.

    re.IGNORECASE also matches "ſ" for "s" and "ı" or "İ" for "i", which
    ``str.lower`` keeps: "ſeven" must find "seven", not raise a KeyError.
    """
    return (word if word.isascii() else word.translate(_IGNORECASE_FOLD)).lower()


@lru_cache(maxsize=TEXT_CACHE)
def case_folded(text: str) -> str:
    """The text lower-cased as re.IGNORECASE reads it (see :func:`matched_key`)."""
    # The three folded letters are not ASCII: most texts skip the translation.
    return (text if text.isascii() else text.translate(_IGNORECASE_FOLD)).lower()


@lru_cache(maxsize=TEXT_CACHE)
def blanked(text: str) -> str:
    """The text's words as ``\\b`` delimits them (runs of ``\\w``), case-folded, with only
    spaces between and around them: " not " is in it exactly when "not" is one of its
    words, and " two" exactly where a word starting with "two" begins."""
    lowered = case_folded(text)
    if lowered.isascii():
        return f" {lowered.encode('ascii').translate(_ASCII_NON_WORD).decode('ascii')} "
    return f" {' '.join(_TOKEN.findall(lowered))} "


@lru_cache(maxsize=TEXT_CACHE)
def has_digit(text: str) -> bool:
    """Asked by the figure, CJK figure and date guards of the same text: searched once.

    In ASCII ``\\d`` is 0-9, and ten substring tests cost a quarter of a regex search.
    """
    if text.isascii():
        return any(digit in text for digit in "0123456789")
    return _DIGIT.search(text) is not None


def fewest(fragments: Iterable[str]) -> tuple[str, ...]:
    """The fragments not containing another one: a text holding none of these holds none of all."""
    unique = list(dict.fromkeys(fragments))
    return tuple(f for f in unique if not any(g != f and g in f for g in unique))


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first so "half a dozen" beats "dozen".

    Words of one length in alphabetical order: the same pattern in every run (a set's order
    changes with the process), so the compiled rule is found again (:mod:`..regex_cache`).
    """
    return "|".join(re.escape(w) for w in sorted(words, key=lambda word: (-len(word), word)))


_Tree = dict[str | None, "_Tree"]


def any_of_pattern(literals: Iterable[str]) -> str:
    """A regex finding any of ``literals``, written as a prefix tree: ``t(?:en|hree|wo)``.

    ``re`` tries an alternation branch by branch at every position; in a tree
    each position costs one test per distinct first letter, which halves the
    cost of looking for seventy number words in a text that holds none.
    """
    tree: _Tree = {}
    for literal in literals:
        node = tree
        for char in literal:
            node = node.setdefault(char, {})
        node[None] = {}  # a literal ends here
    return _tree_pattern(tree)


def _tree_pattern(node: _Tree) -> str:
    if None in node:
        return ""  # a literal ends here: whether longer ones follow changes nothing for a search
    branches = [
        re.escape(char) + _tree_pattern(child)
        for char, child in sorted((c, n) for c, n in node.items() if c is not None)
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def finder(literals: Iterable[str]) -> Callable[[str], bool]:
    """Whether a text holds any of ``literals``: one prefix-tree search (never, if there are none).

    The search is built on its first use: a guard has finders for ASCII and other text and a
    run needs one of them, and building all of them on import cost a 40-paragraph story's
    comparison ~50 ms of its ~0.4 s.
    """
    wanted = tuple(literals)
    if not wanted:
        return lambda text: False

    @cache
    def search() -> Callable[[str], re.Match[str] | None]:
        return regex_cache.compile(any_of_pattern(wanted)).search

    return lambda text: search()(text) is not None


def word_finder(words: Iterable[str]) -> Callable[[str], bool]:
    """Whether a :func:`blanked` text holds any of ``words`` as a whole word."""
    return finder(f" {word} " for word in words)


def blanked_holds(text: str, find: Callable[[str], bool]) -> bool:
    """``find`` asked of the text's :func:`blanked` copy."""
    return find(blanked(text))


@dataclass(frozen=True, slots=True)
class Guarded:
    """A long alternation behind a cheap test of what every match must contain.

    Most passages hold no negation, speech verb, figure or date, and one
    search for a few literals (in a prefix tree, in the :func:`blanked` copy
    for words) costs far less than trying the alternation at every position.
    A text with none of ``words`` (as whole words), no ``fragments`` (anywhere,
    case-folded), no word starting with one of ``prefixes`` and, when
    ``digits`` is set, no digit cannot match, so the scan is skipped;
    otherwise the pattern runs unchanged. Prefixes are looked for at word
    starts only in ASCII text: a script written without spaces may put a
    word against the one before it, so elsewhere they count anywhere.
    """

    pattern: re.Pattern[str]
    words: frozenset[str] = frozenset()
    fragments: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    digits: bool = False
    # The searches, built once from the lists above.
    _find_word: Callable[[str], bool] = field(init=False, repr=False, compare=False)  # blanked
    _find_fragment: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    # Only the ASCII fragments: the others cannot occur in an ASCII text (most texts).
    _find_ascii_fragment: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    _find_prefix: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    _find_word_start: Callable[[str], bool] = field(
        init=False, repr=False, compare=False
    )  # in blanked text

    def __post_init__(self) -> None:
        object.__setattr__(self, "_find_word", word_finder(self.words))
        object.__setattr__(self, "_find_fragment", finder(self.fragments))
        object.__setattr__(
            self, "_find_ascii_fragment", finder(f for f in self.fragments if f.isascii())
        )
        object.__setattr__(self, "_find_prefix", finder(self.prefixes))
        object.__setattr__(self, "_find_word_start", finder(" " + p for p in self.prefixes))

    def may_match(self, text: str) -> bool:
        return bool(
            (self.words and blanked_holds(text, self._find_word))
            or (self.digits and has_digit(text))
            or (self.fragments and self._holds_fragment(case_folded(text)))
            or (self.prefixes and self._holds_prefix(text))
        )

    def _holds_fragment(self, lowered: str) -> bool:
        return (self._find_ascii_fragment if lowered.isascii() else self._find_fragment)(lowered)

    def _holds_prefix(self, text: str) -> bool:
        lowered = case_folded(text)
        return (
            blanked_holds(text, self._find_word_start)
            if lowered.isascii()
            else self._find_prefix(lowered)
        )

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())


# ---------------------------------------------------------------------------
# Pairing what one side holds with what the other side holds
# ---------------------------------------------------------------------------

L = TypeVar("L")
R = TypeVar("R")


def pair_off(
    lefts: Sequence[L], rights: Sequence[R], *passes: Callable[[L, R], bool]
) -> tuple[list[tuple[L, R]], list[L], list[R]]:
    """Pair items one-to-one, trying each test in ``passes`` in turn (strictest first);
    returns the pairs and what is left unpaired on each side, in order."""
    pairs: list[tuple[L, R]] = []
    left_over, right_over = list(lefts), list(rights)
    for same in passes:
        unpaired = []
        for item in left_over:
            partner = next((r for r in right_over if same(item, r)), None)
            if partner is None:
                unpaired.append(item)
            else:
                right_over.remove(partner)
                pairs.append((item, partner))
        left_over = unpaired
    return pairs, left_over, right_over


def unmatched(
    lefts: Sequence[L], rights: Sequence[R], *passes: Callable[[L, R], bool]
) -> tuple[list[L], list[R]]:
    _, left_over, right_over = pair_off(lefts, rights, *passes)
    return left_over, right_over


class _Textual(Protocol):
    @property
    def text(self) -> str: ...


T = TypeVar("T", bound=_Textual)


def new_items(lefts: Sequence[T], rights: Sequence[T]) -> list[T]:
    """Right items whose (lower-cased) text is not on the left, counted with multiplicity."""
    _, extra = unmatched(lefts, rights, lambda a, b: a.text.lower() == b.text.lower())
    return extra


class Spans:
    """Half-open spans, merged and sorted, so membership is a bisect, not a scan.

    A long text can hold thousands of dates; testing each figure against all
    of them made a 700 KB paragraph take minutes.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, position: int) -> bool:
        index = bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]


# ---------------------------------------------------------------------------
# Names as words: shared by the name and attribution rules
# ---------------------------------------------------------------------------

# Capitalised words that are not names: function words that start sentences,
# titles, months, days, and the pronoun "I".
NOT_NAMES = frozenset(
    """the a an and or but if when while as at in on of for to from by with this that these those
    it its he she they we you i his her their our my your there here then however meanwhile
    also after before since until during yesterday today tomorrow according mr mrs ms dr prof
    sir madam monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december not no yes what who why how
    where which many some all one two three every each both most more other another such so
    nor yet still despite although though because""".split()
)
POSSESSIVE = regex_cache.compile(r"['’]s?$")
# Connectors that may sit inside a name: "Ursula von der Leyen", "Bank of England".
NAME_CONNECTORS = frozenset(
    {"de", "da", "del", "der", "van", "von", "al", "bin", "of", "la", "le", "du"}
)
_HYPHENATED_WORD = regex_cache.compile(r"[^\W_][\w’'-]*")


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """How a word is compared as a name: accents, case, apostrophes and possessive folded
    ("O'Neill's" and "ONeill" agree)."""
    return fold_accents(POSSESSIVE.sub("", word.translate(APOSTROPHES)).replace("'", ""))


@lru_cache(maxsize=TEXT_CACHE)
def word_keys(text: str) -> frozenset[str]:
    """Every word of ``text`` (hyphenated words whole and in parts) as a name key."""
    keys = set()
    for word in _HYPHENATED_WORD.findall(text):
        keys.add(name_key(word))
        if "-" in word:
            keys.update(name_key(part) for part in word.split("-") if part)
    return frozenset(keys)
