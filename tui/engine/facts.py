"""Fact drift: did the *meaning* of a passage change, not just its words?

A fact-checker reading a reworded repost needs the handful of edits that
change what the text claims — a figure altered or made vague, a name
misspelled, a quotation rewritten or stripped of its quote marks, a claim
that lost its source, a "not" that appeared or vanished, a "may" that became
"will" — among hundreds of harmless rewordings.

Design rules
------------
* **Precision over recall.** Every rule compares *normalised facts* extracted
  from both sides, so restating the same fact in another form ("$53bn" /
  "53 billion dollars", "does not" / "doesn't", "said Lopez" / "Lopez said")
  never raises a flag. When a rule is unsure, it stays silent.
* **No model, no download.** Regular expressions, small word lists,
  rapidfuzz edit distances and Snowball stems only; each rule is a small,
  named pattern documented where it is defined.
* Word-level markers (negation, hedging, modals) are compared by their
  *scope* — the content words they govern — so a negation only counts as
  removed when the words it negated are still there without it.

Public API: :func:`compare_facts` for an aligned pair and
:func:`unpaired_facts` for a dropped or added paragraph.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

import Stemmer
from rapidfuzz.distance import OSA

from tui.engine.model import FactFlag

__all__ = ["compare_facts", "unpaired_facts"]

HIGH = "high"
MEDIUM = "medium"
_SEVERITY_RANK = {HIGH: 0, MEDIUM: 1}

# ---------------------------------------------------------------------------
# Shared text helpers
# ---------------------------------------------------------------------------

_STEMMER = Stemmer.Stemmer("english")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


class _Word(NamedTuple):
    """One word of a text, lower-cased, with its character offsets.

    One is made for every word of every passage a rule reads: a named tuple
    builds three times faster than a frozen dataclass.
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Found:
    """One flag before ordering: where it was found decides its place in the list."""

    flag: FactFlag
    position: int


# Per-text results are cached (bounded): one comparison asks several rules
# about the same passage, and a text's words never change.
_TEXT_CACHE = 512


@lru_cache(maxsize=_TEXT_CACHE)
def _words(text: str) -> tuple[_Word, ...]:
    """Words (letters/digits, inner apostrophes kept) with offsets; apostrophes folded to ASCII."""
    folded = text.translate(_APOSTROPHES)  # one character for one: offsets still hold
    return tuple(
        _Word(folded[m.start() : m.end()].lower(), m.start(), m.end()) for m in _WORD.finditer(text)
    )


@lru_cache(maxsize=_TEXT_CACHE)
def _word_starts(text: str) -> list[int]:
    """Where each of :func:`_words` starts, for bisecting to a position."""
    return [word.start for word in _words(text)]


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def _fold_accents(text: str) -> str:
    """``José`` -> ``jose``: dropping an accent is a typographic difference, not a new name."""
    if text.isascii():
        return text.casefold()  # ASCII holds no accent, and NFKD leaves it as it is
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _curly(value: str, limit: int = 80) -> str:
    """A value as shown inside a reason: curly-quoted, long quotes shortened."""
    value = " ".join(value.split())
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return f"“{value}”"


def _content_stems(words: Iterable[_Word]) -> set[str]:
    return {_stem(w.text) for w in words if w.text not in _SCOPE_SKIP}


@lru_cache(maxsize=_TEXT_CACHE)
def _text_stems(text: str) -> frozenset[str]:
    """Content stems of a whole text."""
    return frozenset(_content_stems(_words(text)))


def _mostly_kept(stems: Set[str], other_stems: Set[str]) -> bool:
    """At least half of a passage's content words are still on the other side: the statement
    was kept (and reworded), rather than cut or rewritten from scratch."""
    return bool(stems) and 2 * len(stems & other_stems) >= len(stems)


# A "sentence" reaches at most this far either side of what it holds: text with
# no sentence ends (a pasted 5 MB line) must not make every lookup scan it all.
_SENTENCE_REACH = 600


@lru_cache(maxsize=_TEXT_CACHE)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every sentence end in ``text``, found once per text."""
    matches = list(_SENTENCE_END.finditer(text))
    return [m.start() for m in matches], [m.end() for m in matches]


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding ``text[start:end]`` (bounded by ``_SENTENCE_REACH``)."""
    starts, ends = _sentence_ends(text)
    before = bisect_right(ends, start)
    after = bisect_left(starts, end)
    sentence_start = ends[before - 1] if before else 0
    sentence_end = starts[after] + 1 if after < len(starts) else len(text)
    return max(sentence_start, start - _SENTENCE_REACH), min(sentence_end, end + _SENTENCE_REACH)


def _stems_between(
    text: str, start: int, end: int, leave_out: tuple[int, int] = (0, 0)
) -> set[str]:
    """Content stems of ``text[start:end]``, without the words inside ``leave_out``."""
    return _content_stems(
        [w for w in _words(text[start:end]) if not leave_out[0] <= w.start + start < leave_out[1]]
    )


# Folding that agrees with re.IGNORECASE on every letter of the word lists below:
# the pattern matches "ſ" as "s" and "ı"/"İ" as "i", which str.lower() keeps (or dots).
_IGNORECASE_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})
_TOKEN = re.compile(r"\w+")
# In ASCII, ``\w`` is [A-Za-z0-9_]: blanking every other character leaves the
# words _TOKEN finds, between spaces, at a fraction of the cost. The table is
# for bytes.translate, three times cheaper than str.translate's mapping.
_ASCII_NON_WORD = bytes(c if re.fullmatch(rb"\w", bytes([c])) else ord(" ") for c in range(256))
_DIGIT = re.compile(r"\d")


def _matched_key(word: str) -> str:
    """A word an ignore-case pattern matched, spelled as its word list has it.

    re.IGNORECASE also matches "ſ" for "s" and "ı" or "İ" for "i", which
    ``str.lower`` keeps: "ſeven" must find "seven", not raise a KeyError.
    """
    return (word if word.isascii() else word.translate(_IGNORECASE_FOLD)).lower()


@lru_cache(maxsize=_TEXT_CACHE)
def _folded(text: str) -> str:
    # The three folded letters are not ASCII: most texts skip the translation.
    return (text if text.isascii() else text.translate(_IGNORECASE_FOLD)).lower()


@lru_cache(maxsize=_TEXT_CACHE)
def _blanked(text: str) -> str:
    """The text's words as ``\\b`` delimits them (runs of ``\\w``), case-folded, with only
    spaces between and around them: " not " is in it exactly when "not" is one of its
    words, and " two" exactly where a word starting with "two" begins."""
    folded = _folded(text)
    if folded.isascii():
        return f" {folded.encode('ascii').translate(_ASCII_NON_WORD).decode('ascii')} "
    return f" {' '.join(_TOKEN.findall(folded))} "


@lru_cache(maxsize=_TEXT_CACHE)
def _has_digit(text: str) -> bool:
    """Asked by the figure, CJK figure and date guards of the same text: searched once.

    In ASCII ``\\d`` is 0-9, and ten substring tests cost a quarter of a regex search.
    """
    if text.isascii():
        return any(digit in text for digit in "0123456789")
    return _DIGIT.search(text) is not None


def _fewest(fragments) -> tuple[str, ...]:
    """The fragments not containing another one: a text holding none of these holds none of all."""
    fragments = list(dict.fromkeys(fragments))
    return tuple(f for f in fragments if not any(g != f and g in f for g in fragments))


def _any_of_pattern(literals: Iterable[str]) -> str:
    """A regex finding any of ``literals``, written as a prefix tree: ``t(?:en|hree|wo)``.

    ``re`` tries an alternation branch by branch at every position; in a tree
    each position costs one test per distinct first letter, which halves the
    cost of looking for seventy number words in a text that holds none.
    """
    tree: dict = {}
    for literal in literals:
        node = tree
        for char in literal:
            node = node.setdefault(char, {})
        node[None] = {}  # a literal ends here
    return _tree_pattern(tree)


def _tree_pattern(node: dict) -> str:
    if None in node:
        return ""  # a literal ends here: whether longer ones follow changes nothing for a search
    branches = [re.escape(char) + _tree_pattern(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _finder(literals: Iterable[str]) -> Callable[[str], bool]:
    """Whether a text holds any of ``literals``: one prefix-tree search (never, if there are none)."""
    literals = tuple(literals)
    if not literals:
        return lambda text: False
    search = re.compile(_any_of_pattern(literals)).search
    return lambda text: search(text) is not None


def _word_finder(words: Iterable[str]) -> Callable[[str], bool]:
    """Whether a :func:`_blanked` text holds any of ``words`` as a whole word."""
    return _finder(f" {word} " for word in words)


@lru_cache(maxsize=_TEXT_CACHE)
def _holds_guard_word(text: str) -> bool:
    """Whether the :func:`_blanked` text holds any word, or word start, that some guard looks for.

    Most passages hold none: this one search (``_find_guard_word``, built once
    every guard is defined) then answers for all of them, where each guard's
    own search would cost about as much.
    """
    return _find_guard_word(_blanked(text))


def _blanked_holds(text: str, find: Callable[[str], bool]) -> bool:
    """``find`` asked of the text's :func:`_blanked` copy, once some guard's word may be in it."""
    return _holds_guard_word(text) and find(_blanked(text))


@dataclass(frozen=True, slots=True)
class _Guarded:
    """A long alternation behind a cheap test of what every match must contain.

    Most passages hold no negation, speech verb, figure or date, and one
    search for a few literals (in a prefix tree, in the :func:`_blanked` copy
    for words) costs far less than trying the alternation at every position.
    A text with none of ``words`` (as whole words), no ``fragments`` (anywhere,
    case-folded), no word starting with one of ``prefixes`` and, when
    ``digits`` is set, no digit cannot match, so the scan is skipped;
    otherwise the pattern runs unchanged. Prefixes are looked for at word
    starts only in ASCII text: a script written without spaces may put a
    word against the one before it, so elsewhere they count anywhere.
    """

    pattern: re.Pattern
    words: frozenset[str] = frozenset()
    fragments: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    digits: bool = False
    # The searches, built once from the lists above.
    _find_word: Callable[[str], bool] = field(
        init=False, repr=False, compare=False
    )  # in _blanked text
    _find_fragment: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    # Only the ASCII fragments: the others cannot occur in an ASCII text (most texts).
    _find_ascii_fragment: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    _find_prefix: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    _find_word_start: Callable[[str], bool] = field(
        init=False, repr=False, compare=False
    )  # in _blanked text

    def __post_init__(self):
        object.__setattr__(self, "_find_word", _word_finder(self.words))
        object.__setattr__(self, "_find_fragment", _finder(self.fragments))
        object.__setattr__(
            self, "_find_ascii_fragment", _finder(f for f in self.fragments if f.isascii())
        )
        object.__setattr__(self, "_find_prefix", _finder(self.prefixes))
        object.__setattr__(self, "_find_word_start", _finder(" " + p for p in self.prefixes))

    def may_match(self, text: str) -> bool:
        return bool(
            (self.words and _blanked_holds(text, self._find_word))
            or (self.digits and _has_digit(text))
            or (self.fragments and self._holds_fragment(_folded(text)))
            or (self.prefixes and self._holds_prefix(text))
        )

    def _holds_fragment(self, folded: str) -> bool:
        return (self._find_ascii_fragment if folded.isascii() else self._find_fragment)(folded)

    def _holds_prefix(self, text: str) -> bool:
        folded = _folded(text)
        return (
            _blanked_holds(text, self._find_word_start)
            if folded.isascii()
            else self._find_prefix(folded)
        )

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.may_match(text) else iter(())


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s+|$)|\n")

# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

# Currency markers -> one canonical code, so "$", "dollars" and "US$" agree.
_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "franc": "CHF",
    "francs": "CHF",
    "rupee": "INR",
    "rupees": "INR",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "zloty": "PLN",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
}
_SCALE_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "万": 1e4,
    "亿": 1e8,
}
_UNIT_WORDS = {
    "%": "ratio",
    "percent": "ratio",
    "per cent": "ratio",
    "pc": "ratio",
    "percentage points": "points",
    "percentage point": "points",
}
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "dozen": 12,
    "half a dozen": 6,
    "a hundred": 100,
    "a thousand": 1000,
    "a million": 1e6,
    "a billion": 1e9,
    "one hundred": 100,
    "one thousand": 1000,
    "one million": 1e6,
    "one billion": 1e9,
    # French, Spanish and German, minus words that are also English ("once", "seize", "elf").
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "doce": 12,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "zwölf": 12,
    "zwanzig": 20,
    "dreißig": 30,
}
_FRACTION_WORDS = {
    "a half": 0.5,
    "one-half": 0.5,
    "a third": 1 / 3,
    "one-third": 1 / 3,
    "one third": 1 / 3,
    "two-thirds": 2 / 3,
    "two thirds": 2 / 3,
    "a quarter": 0.25,
    "one-quarter": 0.25,
    "one quarter": 0.25,
    "three-quarters": 0.75,
    "three quarters": 0.75,
    "a fifth": 0.2,
    "one-fifth": 0.2,
    "one fifth": 0.2,
}


def _alternation(words) -> str:
    """Regex alternation of literal words, longest first so "half a dozen" beats "dozen"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Scripts written without spaces: a number may touch the word before or after it.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_LETTER = rf"[^\W{_CJK}]"  # a letter or digit of a spaced script
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
# FIGURE: an amount as written: optional currency symbol, digits (1,200.5) or
# number words ("twenty-three", "a dozen") or a fraction ("two-thirds"),
# optional scale ("billion", "bn"), optional unit ("per cent", "euros").
_FIGURE = _Guarded(
    re.compile(
        rf"""
        (?<!{_LETTER})(?<![.,/-])
        (?P<symbol>US\$|[$€£¥₹])?\s?
        (?:
            (?P<digits>\d{{1,3}}(?:(?:,|[ \u00a0\u202f](?=\d{{3}}(?!\d)))\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!,?\d)
          | (?P<fraction>{_alternation(_FRACTION_WORDS)})
          | (?P<compound>(?:{_TENS})[- ](?:{_UNITS}))
          | (?P<word>{_alternation(_NUMBER_WORDS)})
        )
        (?P<scale>\s?(?:hundred|thousand|million|billion|trillion|mln|mn|bn|tn)|[kmb万亿])?(?!{_LETTER})
        (?:\s?(?P<unit>%|per\ cent|percent|percentage\ points?|pc(?!{_LETTER})))?
        (?:\s(?:of\s)?(?P<currency>{_alternation(_CURRENCY_WORDS)})(?!{_LETTER}))?
        (?P<tail>(?:st|nd|rd|th)(?!{_LETTER})|{_LETTER}|-)?
        """,
        re.IGNORECASE | re.VERBOSE,
    ),
    digits=True,
    # An amount in words opens a word with one of these: after a symbol, a space or a
    # non-letter the number word starts a word, whatever follows it ("twom" is "two m");
    # "a half", "one-third" and "half a dozen" end in a word of their own.
    prefixes=tuple(
        sorted(
            {
                re.split(r"\W+", words)[-1]
                for words in [*_NUMBER_WORDS, *_FRACTION_WORDS, *_TENS.split("|")]
            }
        )
    ),
)
# A paragraph that opens with "1." or "2)" is a numbered list item, not a figure.
# NUMBERING: a paragraph opening with "1.", "2)" or "4.2" (a list item or a
# section number), or a number after "section", "clause", "§", ...: a reference
# that renumbering changes, not a figure.
_NUMBERING = re.compile(r"(?:^|\n)[ \t]*$")
_REFERENCE_BEFORE = re.compile(
    r"(?:section|sections|clause|clauses|article|articles|paragraph|para|§|part|chapter|schedule|"
    r"annex|appendix|item|rule|step|page|p\.|no\.|number|figure|table|version|v\.?)\s*$",
    re.IGNORECASE,
)
# A four-digit number alone in these ranges reads as a year (kept as a date).
_YEAR_RANGE = range(1500, 2101)
_NOUN_AFTER = re.compile(r"\s+(?:(?:new|more|additional|extra|full-time|of)\s+)?([^\W\d_][\w-]+)")

# Words that follow a number without being what it counts.
_FUNCTION_WORDS = frozenset(
    """a an the and or but of in on at to for from by with as than that this these those is are
    was were be been being has have had do does did will would can could may might must should
    shall it its they them their he she his her we our you your i me my who which what when
    where why how not no nor so if then there here also only just about over under more less
    most least up down out off per each every all any some such into onto upon after before
    since until while during year years times time ago later earlier""".split()
)


@dataclass(frozen=True, slots=True)
class _Figure:
    """An amount: its value after scaling, what it measures, and how it was written."""

    value: float
    measure: str  # "USD", "EUR", ... for money; "ratio", "points" or "count"
    text: str
    start: int
    noun: str  # what a count counts ("jobs"), "" if nothing follows
    significant: bool  # in digits or with a unit: a figure, not just a number word
    spelled: bool = False  # written in words ("forty stands"): rewordings often blur these

    @property
    def reportable_loss(self) -> bool:
        """Worth a flag when dropped: a figure in digits, or an amount of money or a share."""
        return self.significant and (not self.spelled or self.measure != "count")


def _figure_value(match: re.Match) -> float:
    if match["digits"]:
        value = float(re.sub(r"[,\s]", "", match["digits"]))
    elif match["fraction"]:
        value = (
            _FRACTION_WORDS[_matched_key(match["fraction"])] * 100
        )  # a share, comparable with "%"
    elif match["compound"]:
        tens, units = re.split(r"[- ]", _matched_key(match["compound"]))
        value = _NUMBER_WORDS[tens] + _UNITS.split("|").index(units) + 1
    else:
        value = float(_NUMBER_WORDS[_matched_key(match["word"])])
    if match["scale"]:
        value *= _SCALE_WORDS[_matched_key(match["scale"].strip())]
    return value


def _figure_measure(match: re.Match) -> str:
    if match["symbol"]:
        return _CURRENCY_SYMBOLS[_matched_key(match["symbol"])]
    if match["currency"]:
        return _CURRENCY_WORDS[_matched_key(match["currency"])]
    if match["unit"]:
        return _UNIT_WORDS[_matched_key(match["unit"])]
    if match["fraction"]:
        return "ratio"
    return "count"


def _is_figure(match: re.Match, text: str) -> bool:
    """Reject what only looks like a figure: ordinals, codes (F-35), lone "a" scales, list markers."""
    if match["tail"]:
        return False
    if not (match["digits"] or match["fraction"] or match["compound"] or match["word"]):
        return False
    if match["digits"] and _is_reference(match, text):
        return False
    scale = _matched_key(match["scale"] or "")
    return not (scale in {"m", "b", "k"} and not match["digits"])


def _is_reference(match: re.Match, text: str) -> bool:
    before = text[max(0, match.start() - 20) : match.start()]
    if _REFERENCE_BEFORE.search(before):
        return True
    numbered = re.match(
        r"\d+[.)]\s|\d+(?:\.\d+)+[.)]?\s+[\"“‘'(\[]?[A-Z]", text[match.start("digits") :]
    )
    return numbered is not None and _NUMBERING.search(before) is not None


def _is_year(match: re.Match) -> bool:
    digits = match["digits"]
    return (
        digits is not None
        and len(digits) == 4
        and digits.isdigit()
        and int(digits) in _YEAR_RANGE
        and not (match["symbol"] or match["scale"] or match["unit"] or match["currency"])
    )


# CJK_FIGURE: a Chinese/Japanese numeral ("二十八", "一万") followed by what it counts
# ("公里", "人"); without a counter word a numeral is usually part of a word ("统一").
_CJK_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_GROUPS = {"万": 1e4, "亿": 1e8}
_CJK_COUNTERS = (
    "公里|公斤|千米|平方米|分钟|小时|个月|美元|欧元|英镑|日元|元|米|人|个|名|岁|年|天|次|家|座|辆|"
    "站|倍|吨|项|所|位|条|周|台|架|艘|份|件|层|篇|场|户|棵|只|头|届|%|％"
)
_CJK_FIGURE = _Guarded(
    re.compile(
        rf"(?<!第)(?P<numeral>[{''.join(_CJK_DIGITS)}{''.join(_CJK_UNITS)}{''.join(_CJK_GROUPS)}]+|\d+(?:\.\d+)?)"
        rf"(?P<counter>{_CJK_COUNTERS})"
    ),
    digits=True,
    fragments=_fewest([*_CJK_DIGITS, *_CJK_UNITS, *_CJK_GROUPS]),
)


def _cjk_value(numeral: str) -> float:
    """二十八 -> 28, 一万五千 -> 15000, 二〇二三 -> 2023 (digit by digit), 1.5 -> 1.5."""
    if numeral[0].isascii():
        return float(numeral)
    if not any(c in _CJK_UNITS or c in _CJK_GROUPS for c in numeral):
        return float("".join(str(_CJK_DIGITS[c]) for c in numeral))
    total = section = digit = 0.0
    for char in numeral:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        elif char in _CJK_UNITS:
            section += (digit or 1) * _CJK_UNITS[char]
            digit = 0
        else:
            total += (section + digit or 1) * _CJK_GROUPS[char]
            section = digit = 0
    return total + section + digit


def _extract_cjk_figures(text: str) -> list[_Figure]:
    return [
        _Figure(
            _cjk_value(m["numeral"]),
            "ratio" if m["counter"] in "%％" else "count",
            m.group(),
            m.start(),
            m["counter"],
            True,
        )
        for m in _CJK_FIGURE.finditer(text)
        if not (m["numeral"].isascii() and m["counter"] == "年")  # "2023年" is a year
    ]


def _extract_figures(text: str, masked: list[tuple[int, int]]) -> list[_Figure]:
    """Every amount in ``text`` outside the ``masked`` spans (dates, years)."""
    figures = _extract_cjk_figures(text)
    cjk_spans = [(f.start, f.start + len(f.text)) for f in figures]
    excluded = _Spans(masked + cjk_spans)
    for match in _FIGURE.finditer(text):
        number_start = match.start("digits") if match["digits"] else match.start()
        if not _is_figure(match, text) or _is_year(match) or number_start in excluded:
            continue
        measure = _figure_measure(match)
        surface, noun = match.group().rstrip(), ""
        counted = _NOUN_AFTER.match(text, match.end())
        if (
            measure == "count"
            and counted
            and counted.group(1).islower()
            and counted.group(1) not in _FUNCTION_WORDS
        ):
            surface, noun = text[match.start() : counted.end()], counted.group(1).lower()
        figures.append(
            _Figure(
                value=_figure_value(match),
                measure=measure,
                text=surface.strip(),
                start=match.start(),
                noun=noun,
                significant=bool(match["digits"] or match["scale"] or noun) or measure != "count",
                spelled=not match["digits"],
            )
        )
    return sorted(figures, key=lambda f: f.start)


@lru_cache(maxsize=_TEXT_CACHE)
def _text_figures(text: str) -> tuple[_Figure, ...]:
    """Every amount in ``text`` that is not part of a date."""
    if not (_FIGURE.may_match(text) or _CJK_FIGURE.may_match(text)):
        return ()  # most passages: no digit and no number word, so no figure to mask dates from
    return tuple(_extract_figures(text, [d.span for d in _extract_dates(text)]))


class _Spans:
    """Half-open spans, merged and sorted, so membership is a bisect, not a scan.

    A long text can hold thousands of dates; testing each figure against all
    of them made a 700 KB paragraph take minutes.
    """

    def __init__(self, spans: list[tuple[int, int]]):
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


def _same_amount(a: _Figure, b: _Figure) -> bool:
    """Same value (rounding within 1% allowed) measured in compatible units.

    A plain count is compatible with any unit: "53 billion" restating
    "$53 billion" drops a word, not a fact.
    """
    if a.measure != b.measure and "count" not in (a.measure, b.measure):
        return False
    return abs(a.value - b.value) <= 0.01 * max(abs(a.value), abs(b.value))


# Passes that pair a figure with the other side's figure it most likely
# became, strictest first: same unit and counted noun, same unit, then money
# for money (a currency swap is a change) or a count in digits for any other figure in digits.
_PARTNER_PASSES = (
    lambda a, b: a.measure == b.measure and a.noun == b.noun,
    lambda a, b: a.measure == b.measure,
    lambda a, b: (
        {a.measure, b.measure} <= set(_CURRENCY_WORDS.values())
        or ("count" in (a.measure, b.measure) and not (a.spelled or b.spelled))
    ),
)


def _pair_off(lefts: list, rights: list, *passes) -> tuple[list[tuple], list, list]:
    """Pair items one-to-one, trying each test in ``passes`` in turn (strictest first);
    returns the pairs and what is left unpaired on each side, in order."""
    pairs, rights = [], list(rights)
    for same in passes:
        unpaired = []
        for item in lefts:
            partner = next((r for r in rights if same(item, r)), None)
            if partner is None:
                unpaired.append(item)
            else:
                rights.remove(partner)
                pairs.append((item, partner))
        lefts = unpaired
    return pairs, lefts, rights


def _unmatched(lefts: list, rights: list, *passes) -> tuple[list, list]:
    _, lefts, rights = _pair_off(lefts, rights, *passes)
    return lefts, rights


# VAGUE_AMOUNT: a quantity without a value — what an exact figure becomes
# when a rewrite blurs it ("tens of billions of dollars", "several", "dozens of").
_VAGUE_AMOUNT = re.compile(
    rf"""
    \b(?:
        (?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions|trillions)
      | (?:tens|hundreds|thousands|millions|billions|trillions|dozens|scores)(?=\s+of\b)
      | (?:several|many|numerous|countless|multiple)(?:\s+(?:hundred|thousand|million|billion|trillion))?
      | a\s+(?:few|handful|number|couple)(?:\s+of)?
      | (?:a|an)\s+(?:large|huge|vast|significant|substantial|considerable|enormous|undisclosed|unspecified|modest|small)\s+(?:sum|amount|number|share|proportion|portion|majority|minority|figure)
      | (?:the\s+)?(?:majority|bulk|most)\s+of
      | (?:more|less)\s+than\s+(?:half|a\s+third|a\s+quarter)
    )
    (?:\s+of(?:\s+(?:{_alternation(_CURRENCY_WORDS)})\b)?)?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Vague:
    text: str
    start: int


def _extract_vague(text: str) -> list[_Vague]:
    return [_Vague(m.group().strip(), m.start()) for m in _VAGUE_AMOUNT.finditer(text)]


def _compare_figures(left: str, right: str) -> list[_Found]:
    """Figures changed, blurred or dropped; one figure restated in another form is no change."""
    lefts = _text_figures(left)
    if not lefts:
        return []  # every flag starts from a figure on the left
    rights = _text_figures(right)
    left_dates, right_dates = _extract_dates(left), _extract_dates(right)
    lefts, rights = _unmatched(
        lefts, rights, lambda a, b: _same_amount(a, b) and a.noun == b.noun, _same_amount
    )
    # A count that reads like a year on one side ("2000 jobs") restated as a figure.
    lefts = [f for f in lefts if not any(d.is_year and d.year == f.value for d in right_dates)]
    rights = [f for f in rights if not any(d.is_year and d.year == f.value for d in left_dates)]
    pairs, lefts, _ = _pair_off(lefts, rights, *_PARTNER_PASSES)
    found = [
        _flag(
            "number",
            HIGH,
            a.text,
            b.text,
            f"figure changed: {_curly(a.text)} → {_curly(b.text)}",
            a.start,
        )
        for a, b in pairs
    ]
    new_vague = _new_items(_extract_vague(left), _extract_vague(right))
    right_stems = _text_stems(right)
    for figure in (f for f in lefts if f.significant):
        if new_vague:
            vague = new_vague.pop(0)
            reason = f"exact figure {_curly(figure.text)} made vague: {_curly(vague.text)}"
            found.append(_flag("number", HIGH, figure.text, vague.text, reason, figure.start))
        elif figure.reportable_loss and _context_kept(left, figure, right_stems):
            found.append(
                _flag(
                    "number",
                    HIGH,
                    figure.text,
                    None,
                    f"figure dropped: {_curly(figure.text)}",
                    figure.start,
                )
            )
    return found


def _context_kept(text: str, figure: _Figure, other_stems: Set[str]) -> bool:
    """The sentence around a figure survives on the other side, so the figure was cut from a
    kept statement (a detail lost), not from a statement rewritten from scratch."""
    span = (figure.start, figure.start + len(figure.text))
    return _mostly_kept(
        _stems_between(text, *_sentence_around(text, *span), leave_out=span), other_stems
    )


def _new_items(lefts: list, rights: list) -> list:
    """Right items whose (lower-cased) text is not on the left, counted with multiplicity."""
    _, extra = _unmatched(lefts, rights, lambda a, b: a.text.lower() == b.text.lower())
    return extra


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "(?i:" + _alternation(_MONTHS) + r")\.?"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
# DATE: "March 3", "March 3rd, 2019", "3 March 2019", "March 2019", "the 1990s", "2019".
# Month names must be capitalised ("may" is a modal verb); weekdays are not dates.
_DATE = _Guarded(
    re.compile(
        rf"""
        (?<![\w$€£.,])(?:
            (?P<month1>{_MONTH_RE})\s+(?P<day1>{_DAY_RE})(?!\d)(?:,?\s+(?P<year1>{_YEAR_RE}))?
          | (?P<day2>{_DAY_RE})\s+(?:of\s+)?(?P<month2>{_MONTH_RE})(?:,?\s+(?P<year2>{_YEAR_RE}))?
          | (?P<month3>{_MONTH_RE})\s+(?P<year3>{_YEAR_RE})
          | (?P<decade>{_YEAR_RE})s
          | (?P<year4>{_YEAR_RE})
        )(?![\w%]|\s?(?:%|per\s?cent|percent|million|billion|bn|m\b))
        """,
        re.VERBOSE,
    ),
    digits=True,  # every date has a day or a year in digits
)


@dataclass(frozen=True, slots=True)
class _Date:
    """A calendar date with whatever parts were written; ``None`` for a missing part."""

    text: str
    span: tuple[int, int]
    year: int | None
    month: int | None
    day: int | None
    decade: bool = False

    @property
    def is_year(self) -> bool:
        return self.month is None and not self.decade


@lru_cache(maxsize=_TEXT_CACHE)
def _extract_dates(text: str) -> tuple[_Date, ...]:
    dates = []
    for m in _DATE.finditer(text):
        month_text = m["month1"] or m["month2"] or m["month3"]
        if month_text and not month_text[0].isupper():
            continue
        year = m["year1"] or m["year2"] or m["year3"] or m["decade"] or m["year4"]
        day = m["day1"] or m["day2"]
        dates.append(
            _Date(
                text=m.group(),
                span=m.span(),
                year=int(year) if year else None,
                month=_MONTHS[_matched_key(month_text.rstrip("."))] if month_text else None,
                day=int(re.match(r"\d+", day).group()) if day else None,
                decade=bool(m["decade"]),
            )
        )
    return tuple(dates)


def _same_date(a: _Date, b: _Date) -> bool:
    """Dates agree when every part written on both sides agrees ("March 3" ~ "March 3, 2019")."""
    parts = ((a.year, b.year), (a.month, b.month), (a.day, b.day))
    return a.decade == b.decade and all(x is None or y is None or x == y for x, y in parts)


def _compare_dates(left: str, right: str) -> list[_Found]:
    """A date whose written parts disagree with the other side's date in the same place."""
    lefts = _extract_dates(left)
    if not lefts:
        return []
    lefts, rights = _unmatched(lefts, _extract_dates(right), _same_date)
    found = []
    for date in lefts:
        partner = next((r for r in rights if (r.month is None) == (date.month is None)), None)
        if partner is None:
            continue
        rights.remove(partner)
        found.append(
            _flag(
                "date",
                HIGH,
                date.text,
                partner.text,
                f"date changed: {_curly(date.text)} → {_curly(partner.text)}",
                date.span[0],
            )
        )
    return found


# ---------------------------------------------------------------------------
# Quotations
# ---------------------------------------------------------------------------

# QUOTATION: text between double quotes (straight, curly, low-9, guillemets), or
# between curly single quotes that open at a word start and close before a
# non-letter (so the apostrophes in "don’t" or "Lopez’s" never open or close one).
_QUOTE = _Guarded(
    re.compile(
        r"""
          "(?P<straight>[^"\n]{1,600}?)"
        | [“„](?P<curly>[^”“\n]{1,600}?)[”“]
        | «\s?(?P<guillemet>[^»\n]{1,600}?)\s?»
        | (?<![\w’'])‘(?P<single>[^‘’\n]{1,600}?)’(?![^\W\d_])
        """,
        re.VERBOSE,
    ),
    fragments=tuple('"“„«‘'),  # every quotation opens with one of these
)


@dataclass(frozen=True, slots=True)
class _Quote:
    text: str
    start: int

    @property
    def key(self) -> str:
        return _quote_key(self.text)


def _quote_key(text: str) -> str:
    """A quotation's words, case and punctuation folded: what must survive a faithful repost."""
    return " ".join(w.text for w in _words(_fold_accents(text)))


def _extract_quotes(text: str) -> list[_Quote]:
    quotes = []
    for m in _QUOTE.finditer(text):
        group = next(g for g in ("straight", "curly", "guillemet", "single") if m[g] is not None)
        content = m[group].strip()
        if _quote_key(content):
            quotes.append(_Quote(content, m.start(group)))
    return quotes


def _quote_kept(quote: _Quote, others: list[_Quote]) -> bool:
    """Same words, or one quotation trimmed from the other (a shortened quote is still faithful)."""
    key = quote.key
    return any(
        o.key == key or f" {o.key} " in f" {key} " or f" {key} " in f" {o.key} " for o in others
    )


def _quote_word_changes(left: str, right: str) -> str:
    """Which words of a quotation changed, e.g. ``“reckless” → “careless”``."""
    a, b = left.split(), right.split()
    fold = lambda words: [_quote_key(w) for w in words]  # noqa: E731 - tiny local key
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=fold(a), b=fold(b), autojunk=False
    ).get_opcodes():
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "replace":
            parts.append(f"{_curly(_strip_punct(old))} → {_curly(_strip_punct(new))}")
        elif op == "delete":
            parts.append(f"{_curly(_strip_punct(old))} removed")
        elif op == "insert":
            parts.append(f"{_curly(_strip_punct(new))} added")
    return "; ".join(parts)


def _strip_punct(text: str) -> str:
    return text.strip(".,;:!?\"'“”‘’()")


def _compare_quotes(left: str, right: str) -> list[_Found]:
    """Quotations changed word for word, stripped of their quote marks, or dropped."""
    all_lefts = _extract_quotes(left)
    if not all_lefts:
        return []  # every flag starts from a quotation on the left
    all_rights = _extract_quotes(right)
    lefts = [q for q in all_lefts if not _quote_kept(q, all_rights)]
    rights = [q for q in all_rights if not _quote_kept(q, all_lefts)]
    right_plain = f" {_quote_key(right)} "
    found = []
    for quote in lefts:
        if f" {quote.key} " in right_plain:  # not inside a right quotation, or it would be kept
            found.append(
                _flag(
                    "quote",
                    HIGH,
                    quote.text,
                    quote.text,
                    "quotation marks removed: words presented as the writer's own",
                    quote.start,
                )
            )
            continue
        partner = _closest_quote(quote, rights)
        if partner is not None:
            rights.remove(partner)
            changes = _quote_word_changes(quote.text, partner.text)
            found.append(
                _flag(
                    "quote",
                    HIGH,
                    quote.text,
                    partner.text,
                    f"quote changed: {changes}",
                    quote.start,
                )
            )
        else:
            found.append(
                _flag(
                    "quote",
                    HIGH,
                    quote.text,
                    None,
                    f"quote dropped: {_curly(quote.text)}",
                    quote.start,
                )
            )
    return found


def _closest_quote(quote: _Quote, candidates: list[_Quote]) -> _Quote | None:
    """The other side's unmatched quotation that shares most words (or the only one left)."""
    if not candidates:
        return None
    words = set(quote.key.split())

    def overlap(other: _Quote) -> float:
        theirs = set(other.key.split())
        return len(words & theirs) / max(1, min(len(words), len(theirs)))

    best = max(candidates, key=overlap)
    if overlap(best) >= 0.5 or len(candidates) == 1:
        return best
    return None


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

# Capitalised words that are not names: function words that start sentences,
# titles, months, days, and the pronoun "I".
_NOT_NAMES = frozenset(
    """the a an and or but if when while as at in on of for to from by with this that these those
    it its he she they we you i his her their our my your there here then however meanwhile
    also after before since until during yesterday today tomorrow according mr mrs ms dr prof
    sir madam monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december not no yes what who why how
    where which many some all one two three every each both most more other another such so
    nor yet still despite although though because""".split()
)
# A capitalised word, possibly with inner capitals/apostrophes/hyphens (McDonald, O'Brien, Smith-Jones).
_CAPITALISED = re.compile(r"(?<![\w’'])[^\W\d_][\w’'-]*")
# One scan for where a sentence (or a quotation, or a line) begins, since a
# capital there proves nothing, and for where one of those words may start:
#   a boundary: end punctuation (+ closing quotes/brackets) and space, a line
#     break, or an opening quotation mark / dash / colon before what follows;
#   a word: an ASCII capital or any non-ASCII letter (then tested with
#     isupper) with no letter, digit or apostrophe before it, and the rest of
#     its run of letters, apostrophes and hyphens in ``rest_of_word``.
# Written as one class of first characters, then a lookbehind telling which
# kind it was: ``re`` jumps from mark or capital to the next, skipping
# lower-case words (most words of prose) without trying any branch on them.
_CAPITAL_OR_NON_ASCII = r"A-Z\u0080-\U0010ffff"
_OPENS_WORD = (
    r"(?<![\w’'].)(?<=[^\W\d_])"  # the character just read: a letter, nothing word-like before it
)
_BOUNDARY_OR_CAPITAL = re.compile(
    rf"""[.!?…\n:;“"‘«(\[—–\-{_CAPITAL_OR_NON_ASCII}]"""
    r"""(?:(?<=[.!?…])["'”’)\]]*\s+|(?<=\n)\s*|(?<=[:;])\s+|(?<=[“"‘«(\[])\s*|(?<=[—–-])\s+"""
    rf"""|{_OPENS_WORD}(?P<rest_of_word>[\w’'-]*))"""
)
# A capitalised word (as _BOUNDARY_OR_CAPITAL finds it) that may be a name,
# for a test cheaper than finding the words: one neither at the start of the
# text nor right after ". ", where it opens a sentence for certain, or one
# that runs into a space and a capital ("Maria Lopez").
_MAY_OPEN_NAME = re.compile(
    rf"[{_CAPITAL_OR_NON_ASCII}]{_OPENS_WORD}(?:(?<!^.)(?<![.!?…] .)|[\w’'-]*(?=\s+[A-Z]))"
)
_SPACE = re.compile(r"\s+")
_WORD_RUN_CHARACTER = re.compile(r"[\w’'-]")
_POSSESSIVE = re.compile(r"['’]s?$")
# Connectors that may sit inside a name: "Ursula von der Leyen", "Bank of England".
_NAME_CONNECTORS = frozenset(
    {"de", "da", "del", "der", "van", "von", "al", "bin", "of", "la", "le", "du"}
)


class _NameWord(NamedTuple):
    """A capitalised word. One is made for every capitalised word of every passage,
    so it is a named tuple: three times cheaper to build than a frozen dataclass."""

    text: str  # as written, possessive stripped
    start: int
    sentence_initial: bool


@lru_cache(maxsize=_TEXT_CACHE)
def _name_words(text: str) -> tuple[_NameWord, ...]:
    """Capitalised words that are not function words, titles, months or days."""
    sentence_start = len(text) - len(text.lstrip())  # then where the latest boundary ended
    words = []
    for m in _BOUNDARY_OR_CAPITAL.finditer(text):
        if m["rest_of_word"] is None:
            sentence_start = m.end()
            continue
        word, start = m.group(), m.start()
        sentence_initial = start == sentence_start
        if word.endswith("-") and (space := _SPACE.match(text, m.end())):
            sentence_start = (
                space.end()
            )  # "Vos- Henrike": the word took in a dash that, before a space, is a boundary
        if not word[0].isupper() or not _opens_its_word(text, start):
            continue
        if "'" in word or "’" in word:
            word = _POSSESSIVE.sub("", word)
        word = word.rstrip("-")
        if len(word) < 2 or not word[0].isupper() or word.lower() in _NOT_NAMES:
            continue
        words.append(_NameWord(word, start, sentence_initial))
    return tuple(words)


def _opens_its_word(text: str, start: int) -> bool:
    """Whether a capital found by ``_BOUNDARY_OR_CAPITAL`` opens its ``_CAPITALISED`` word.

    Only a capital after a hyphen may not: in "anti-Lopez" the word is the
    whole run from "anti", which is not capitalised, while in "-Lopez" or
    "9-Lopez" it starts at the capital.
    """
    if not start or text[start - 1] != "-":
        return True
    run_start = start - 1
    while run_start and _WORD_RUN_CHARACTER.match(text, run_start - 1):
        run_start -= 1
    return _CAPITALISED.search(text, run_start).start() == start


@lru_cache(maxsize=_TEXT_CACHE)
def _names(text: str) -> tuple[_NameWord, ...]:
    """:func:`_find_names`, skipped where it cannot find anything (most passages of plain prose)."""
    return _find_names(text) if _may_hold_names(text) else ()


def _may_hold_names(text: str) -> bool:
    """Whether ``text`` may hold a capital not at a sentence start, one before another
    capitalised word, or a speech verb. In most passages every capital opens a sentence
    (after ". ") before a lower-case word: one search tells that no name is there."""
    return _MAY_OPEN_NAME.search(text) is not None or _blanked_holds(text, _find_speech_verb)


def _find_names(text: str) -> tuple[_NameWord, ...]:
    """Name words: capitalised words not at a sentence start, plus sentence-initial ones that
    continue into another capitalised word ("Maria Lopez"), are followed by a speech verb
    ("Lopez said") or recur elsewhere in the text as a name."""
    words = _name_words(text)
    mid_sentence = {w.text for w in words if not w.sentence_initial}
    names = []
    for word in words:
        end = word.start + len(word.text)
        if (
            not word.sentence_initial
            or word.text in mid_sentence
            or _CAPITAL_AFTER.match(text, end)
            or _SPEECH_VERB_AFTER.match(text, end)
        ):
            names.append(word)
    return tuple(names)


_CAPITAL_AFTER = re.compile(r"['’]?s?\s+[A-Z]")


# Endings that turn a name into another word form: "Russia"/"Russian",
# "American"/"Americans", "Israel"/"Israeli" are not misspellings.
_WORD_FORM_ENDINGS = ("s", "es", "n", "an", "ian", "ans", "ns", "i", "ese", "ish", "ic")


def _near_miss(name: str, other: str) -> bool:
    """``other`` reads as ``name`` with one letter (two in long names) changed, added or dropped."""
    a, b = _name_key(name), _name_key(other)
    if a == b:
        return False
    limit = 1 if min(len(a), len(b)) <= 5 else 2
    same_shape = a[0] == b[0] or abs(len(a) - len(b)) <= 1
    return same_shape and OSA.distance(a, b) <= limit


def _word_form(a: str, b: str) -> bool:
    short, long = sorted((_name_key(a), _name_key(b)), key=len)
    return long.startswith(short) and long[len(short) :] in _WORD_FORM_ENDINGS


def _name_runs(text: str) -> list[list[_NameWord]]:
    """Name words grouped into runs written together ("Henrike Vos", "Ursula von der Leyen")."""
    runs: list[list[_NameWord]] = []
    for word in _names(text):
        previous = runs[-1][-1] if runs else None
        if previous and _NAME_GAP.fullmatch(text, previous.start + len(previous.text), word.start):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


_NAME_GAP = re.compile(rf"\s+(?:(?:{'|'.join(sorted(_NAME_CONNECTORS))})\s+)*")


def _misspelt_in_full_names(
    left: str, right: str, right_words: Set[str]
) -> list[tuple[_NameWord, str]]:
    """Misspellings inside a full name whose other part is unchanged ("Petra Haldane" ->
    "Petra Haldan"): the shared part proves it is the same person, so short names and
    endings count too."""
    found = []
    right_by_key: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for names in dict.fromkeys(
        tuple(w.text for w in run) for run in _name_runs(right) if len(run) > 1
    ):
        for key in {_name_key(name) for name in names}:
            right_by_key[key].append(names)
    for run in (r for r in _name_runs(left) if len(r) > 1):
        near_runs = dict.fromkeys(
            names for w in run for names in right_by_key.get(_name_key(w.text), ())
        )
        for word in (w for w in run if _name_key(w.text) not in right_words):
            near = next(
                (name for names in near_runs for name in names if _near_miss(word.text, name)), None
            )
            if near is not None:
                found.append((word, near))
    return found


def _misspelt_alone(
    left: str, right: str, left_words: Set[str], right_words: Set[str]
) -> list[tuple[_NameWord, str]]:
    """Single name words with no exact match on the right but a near miss there."""
    lowercase = _lowercase_words(left + " " + right)
    # Near misses: right names, and long sentence-initial capitalised words that are not
    # ordinary words written in lower case elsewhere ("Kowalcyk, who ..." opening a sentence).
    candidates = [n.text for n in _names(right)] + [
        w.text
        for w in _name_words(right)
        if w.sentence_initial and len(w.text) >= 5 and w.text.lower() not in lowercase
    ]
    candidates = list(dict.fromkeys(c for c in candidates if _name_key(c) not in left_words))
    found = []
    for name in _names(left):
        if len(name.text) < 4 or _name_key(name.text) in right_words:
            continue
        near = next(
            (c for c in candidates if _near_miss(name.text, c) and not _word_form(name.text, c)),
            None,
        )
        if near is not None:
            candidates.remove(near)
            found.append((name, near))
    return found


def _compare_names(left: str, right: str) -> list[_Found]:
    """Names on the left with no exact match on the right but a near miss there."""
    if not _names(left):
        return []
    left_words, right_words = _word_keys(left), _word_keys(right)
    pairs = _misspelt_in_full_names(left, right, right_words) + _misspelt_alone(
        left, right, left_words, right_words
    )
    found, seen = [], set()
    for name, near in pairs:
        if _name_key(name.text) not in seen:
            seen.add(_name_key(name.text))
            reason = f"possible misspelling: {_curly(name.text)} → {_curly(near)}"
            found.append(_flag("name", HIGH, name.text, near, reason, name.start))
    return found


def _lowercase_words(text: str) -> set[str]:
    """Words written in lower case somewhere: a capitalised form of these is just a sentence start."""
    return {m.group() for m in re.finditer(r"(?<![\w’'])[a-z][\w’'-]*", text)}


@lru_cache(maxsize=65536)
def _name_key(word: str) -> str:
    """How a word is compared as a name: accents, case, apostrophe style and possessive folded."""
    return _fold_accents(_POSSESSIVE.sub("", word.translate(_APOSTROPHES)))


@lru_cache(maxsize=_TEXT_CACHE)
def _word_keys(text: str) -> frozenset[str]:
    """Every word of ``text`` (hyphenated words whole and in parts) as a name key."""
    keys = set()
    for word in _HYPHENATED_WORD.findall(text):
        keys.add(_name_key(word))
        if "-" in word:
            keys.update(_name_key(part) for part in word.split("-") if part)
    return frozenset(keys)


_HYPHENATED_WORD = re.compile(r"[^\W_][\w’'-]*")


# ---------------------------------------------------------------------------
# Attributions
# ---------------------------------------------------------------------------

_SPEECH_VERBS = (
    "said|says|say|told|tells|reported|reports|warned|warns|added|adds|noted|notes|claimed|claims|"
    "argued|argues|stated|states|explained|explains|wrote|writes|insisted|insists|admitted|admits|"
    "confirmed|confirms|announced|announces|acknowledged|acknowledges|declared|declares|"
    "cautioned|cautions|estimated|estimates|predicted|predicts|tweeted|posted|believes|believed|"
    "called|calls|described|describes|urged|urges|suggested|suggests|stressed|stresses|"
    "emphasised|emphasized|revealed|reveals"
)
# Verbs that can also come before their speaker: "…, said Maria Lopez."
_INVERTED_VERBS = "said|says|added|adds|warned|warns|noted|notes|wrote|writes|argued|argues|explained|insisted|claimed"
_SPEECH_VERB_AFTER = re.compile(rf"['’]?s?,?\s+(?:has\s+|had\s+|also\s+)?(?:{_SPEECH_VERBS})\b")
# In _blanked text (the attribution guard looks for these words too): no verb, no name said it.
_find_speech_verb = _word_finder(_SPEECH_VERBS.split("|"))
_NAME_SEQ = (
    r"(?:[A-Z][\w’'-]+)(?:\s+(?:(?:de|da|del|der|van|von|al|bin|la|le|du)\s+)?[A-Z][\w’'-]+){0,3}"
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_DESCRIPTION = (
    r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther)"
    r"(?:\s+(?!(?:that|which|who|and|or|but|is|was|were|are|it|to|in|on|at|as|be|not)\b)[a-z][\w’'-]+){1,3}?"
)
# Plural nouns that serve as an unnamed source on their own: "officials said".
_BARE_SOURCES = frozenset(
    """officials experts analysts critics police authorities witnesses residents sources researchers
    scientists economists investigators prosecutors lawyers doctors reports observers campaigners
    activists ministers diplomats executives estimates data figures""".split()
)
_SOURCE = (
    rf"{_NAME_SEQ}|(?i:he|she|they|it|we)\b|I\b|{_DESCRIPTION}|(?i:{_alternation(_BARE_SOURCES)})\b"
)
# ATTRIBUTION: a claim tied to its source —
#   "Maria Lopez said", "Lopez, the finance minister, said", "he warned",
#   "said Maria Lopez", "said the minister", "according to Lopez" / "according to the ministry".
_ATTRIBUTION = _Guarded(
    re.compile(
        rf"""
          \b(?P<before>{_SOURCE})(?:,[^,.;:\n]{{1,60}},)?\s+(?:has\s+|had\s+|also\s+)?(?:{_SPEECH_VERBS})\b
        | \b(?:{_INVERTED_VERBS})\s+(?P<after>{_SOURCE})
        | \b[Aa]ccording\s+to\s+(?P<according>{_SOURCE})
        """,
        re.VERBOSE,
    ),
    words=frozenset(_SPEECH_VERBS.split("|")) | {"according"},
)


@dataclass(frozen=True, slots=True)
class _Attribution:
    """A claim's source, as written ("said Maria Lopez"), and whether the source is a name."""

    text: str
    start: int
    source: str
    named: bool

    @property
    def source_words(self) -> frozenset[str]:
        return _word_keys(self.source) - _NOT_NAMES


def _extract_attributions(text: str) -> list[_Attribution]:
    found = []
    for m in _ATTRIBUTION.finditer(text):
        group = next(g for g in ("before", "after", "according") if m[g] is not None)
        source, offset = _trim_source(m[group])
        if _POSSESSIVE.search(source):
            continue  # "Lopez's notes" is a noun phrase, not "Lopez notes"
        source_start = m.start(group) + offset
        start = source_start if group == "before" else m.start()
        end = m.end() if group != "after" else source_start + len(source)
        found.append(
            _Attribution(" ".join(text[start:end].split()), start, source, _is_name(source))
        )
    return found


def _trim_source(source: str) -> tuple[str, int]:
    """Drop leading words a capitalised run picked up ("But on Monday Lopez" -> "Lopez").

    Returns the source with its words joined by single spaces, and where it
    starts in the original (which may have run over a line break).
    """
    words = list(re.finditer(r"\S+", source))
    while len(words) > 1 and words[0][0].lower() in _NOT_NAMES - _PRONOUNS - {"the", "a", "an"}:
        words.pop(0)
    return " ".join(w[0] for w in words), words[0].start() if words else 0


def _is_name(source: str) -> bool:
    """ "Maria Lopez" and "The Moorland Society" are names; "he", "the government" and
    "Officials" are not."""
    words = source.split()
    if words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return (
        bool(words)
        and words[0][0].isupper()
        and words[0].lower() not in _PRONOUNS
        and (source.lower() not in _BARE_SOURCES and bool(_word_keys(source) - _NOT_NAMES))
    )


def _is_role(source: str) -> bool:
    """ "the port chief", "the minister": one definite person, a rewording of their name
    (unlike "officials" or "a spokesperson", which make the source anonymous)."""
    words = source.split()
    return len(words) > 1 and words[0].lower() == "the" and not words[-1].endswith("s")


def _keeps_source(left: _Attribution, right: _Attribution) -> bool:
    """Whether ``right`` can be ``left``'s source restated.

    A name survives as the same name or part of it ("Maria Lopez" / "Lopez"),
    as a pronoun ("he said") or as a role ("the minister said"); a name
    replaced by an anonymous source ("officials said") or by another name is a
    changed source. An unnamed source on the
    left ("the ministry said") is kept by any source on the right.
    """
    if not left.named or left.source == right.source:
        return True
    if right.source.lower() in _PRONOUNS or _is_role(right.source):
        return True
    return right.named and bool(left.source_words & right.source_words)


def _claim_kept(text: str, attribution: _Attribution, other_stems: Set[str]) -> bool:
    """The sentence an attribution belongs to, minus the attribution, survives on the other side."""
    span = (attribution.start, attribution.start + len(attribution.text))
    return _mostly_kept(
        _stems_between(text, *_sentence_around(text, *span), leave_out=span), other_stems
    )


def _compare_attributions(left: str, right: str) -> list[_Found]:
    """Claims whose source vanished, or was swapped for another source."""
    lefts = _extract_attributions(left)
    if not lefts:
        return []
    rights = _extract_attributions(right)
    right_words, right_stems = _word_keys(right), _text_stems(right)
    found = []
    for attribution in lefts:
        if attribution.named and attribution.source_words & right_words:
            continue  # the source is still named on the right, in whatever construction
        if not _claim_kept(left, attribution, right_stems):
            continue  # the whole statement was cut or rewritten: nothing left to misattribute
        if any(_keeps_source(attribution, r) for r in rights):
            continue
        replacement = next((r for r in rights if r.source.lower() not in _PRONOUNS), None)
        if replacement is not None:
            reason = f"attribution changed: {_curly(attribution.text)} → {_curly(replacement.text)}"
        else:
            reason = f"attribution dropped: {_curly(attribution.text)}"
        found.append(
            _flag(
                "attribution",
                MEDIUM,
                attribution.text,
                replacement.text if replacement else None,
                reason,
                attribution.start,
            )
        )
    return found


# ---------------------------------------------------------------------------
# Negation, hedging and modality
# ---------------------------------------------------------------------------

# NEGATION: words that flip a statement. "Not only", "not just", "no doubt"
# and "whether or not" do not negate anything and are skipped. Verbs that
# negate their complement ("declined to comment") count, so "did not
# comment" / "declined to comment" balance out.
_NEGATION = _Guarded(
    re.compile(
        r"""
        \b(?:
            (?P<skip>not\s+(?:only|just|least|merely)|no\s+(?:doubt|matter|sooner)|or\s+not|nothing\s+but)
          | no\s+longer | no\s+one | not | never | hardly | barely | scarcely | no(?!\.\s*\d) | none | nobody | nothing | neither | nor | without
          | cannot | [a-z]+n['’]t
          | (?:refus|declin|fail)(?:e|es|ed|ing|s)?\s+to
        )\b
        """,
        re.IGNORECASE | re.VERBOSE,
    ),
    # All whole words as \b splits them: "don't" ends in the word "t", and a verb
    # before "to" is its stem and ending ("declined"), so no fragment search is needed.
    words=frozenset(
        "not never hardly barely scarcely no none nobody nothing neither nor without cannot t".split()
        + [
            verb + ending
            for verb in ("refus", "declin", "fail")
            for ending in ("", "e", "es", "ed", "ing", "s")
        ]
    ),
)

# HEDGE: words that present a claim as uncertain or second-hand. Modal verbs
# of possibility (may, might, could) are hedges too; see _MODAL.
_HEDGE = _Guarded(
    re.compile(
        r"""
        \b(?:
            allegedly | alleged | reportedly | apparently | purportedly | supposedly | possibly
          | probably | perhaps | likely | unconfirmed | suspected
          | (?<!have\ )(?<!has\ )(?<!had\ )(?:appears?|appeared|seems?|seemed)\s+to
          | (?:is|are|was|were)\s+(?:expected|believed|thought|understood|said)\s+to
          | pourrai[st]? | pourraient | peut-être | probablement | apparemment | semblen?t | devraient | devrait
          | podría[ns]? | quizás? | probablemente | supuestamente | al\ parecer
          | könnten? | vielleicht | wahrscheinlich | angeblich | möglicherweise
        )\b
        """,
        re.IGNORECASE | re.VERBOSE,
    ),
    words=frozenset(
        """allegedly alleged reportedly apparently purportedly supposedly possibly probably perhaps likely
        unconfirmed suspected appear appears appeared seem seems seemed expected believed thought understood
        said pourrai pourrais pourrait pourraient peut probablement apparemment semblet semblent devraient
        devrait podría podrían podrías quizá quizás probablemente supuestamente parecer könnte könnten
        vielleicht wahrscheinlich angeblich möglicherweise""".split()
    ),
)
# MODAL: verbs that set how certain or binding a claim is. Pairs in
# _MODAL_EQUIVALENTS are tense or register variants, not shifts in meaning
# ("will" -> "would" is reported speech; "may" -> "might" is style).
_MODAL = _Guarded(
    re.compile(
        r"\b(?P<modal>may|might|could|can|will|would|shall|should|must|ought\s+to|has\s+to|have\s+to|"
        r"need\s+to|needs\s+to|ca(?=n['’]t)|wo(?=n['’]t)|sha(?=n['’]t))(?=n['’]t\b|\b)",
        re.IGNORECASE,
    ),
    # A modal is its own word, or the word before "n't" ("couldn't", "won't", "shan't").
    words=frozenset(
        [
            modal + ending
            for modal in "may might could can will would shall should must".split()
            for ending in ("", "n")
        ]
        + "ought has have need needs won shan".split()
    ),
)
_STANCE_GUARDS = (_NEGATION, _MODAL, _HEDGE)
# Their words in one search: one scan per passage tells whether any of them may match
# (guards among them that also look for fragments, prefixes or digits are asked as well).
_find_stance_word = _word_finder(frozenset().union(*(guard.words for guard in _STANCE_GUARDS)))
_STANCE_GUARDS_BEYOND_WORDS = tuple(
    g for g in _STANCE_GUARDS if g.fragments or g.prefixes or g.digits
)
# Every guard, for the one search of all their words and word starts in _holds_guard_word
# (a guard missing here would never match: a test checks that none is).
_GUARDS = (_FIGURE, _CJK_FIGURE, _DATE, _QUOTE, _ATTRIBUTION, *_STANCE_GUARDS)
_find_guard_word = _finder(
    [f" {word} " for guard in _GUARDS for word in guard.words]
    + [f" {prefix}" for guard in _GUARDS for prefix in guard.prefixes]
)


def _may_hold_stance(text: str) -> bool:
    """Whether any negation, modal or hedge guard may match ``text``."""
    return _blanked_holds(text, _find_stance_word) or any(
        guard.may_match(text) for guard in _STANCE_GUARDS_BEYOND_WORDS
    )


_MODAL_CANONICAL = {
    "ca": "can",
    "wo": "will",
    "sha": "shall",
    "has to": "must",
    "have to": "must",
    "need to": "must",
    "needs to": "must",
    "ought to": "should",
}
_MODAL_CLASS = {
    "may": "possible",
    "might": "possible",
    "could": "possible",
    "can": "able",
    "will": "certain",
    "would": "certain",
    "shall": "certain",
    "must": "required",
    "should": "advised",
}
_MODAL_EQUIVALENTS = frozenset({frozenset({"can", "could"})})

# Words skipped when looking for what a marker governs: auxiliaries,
# articles, pronouns and the markers themselves.
_SCOPE_SKIP = frozenset(
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
# Punctuation that ends the clause a marker governs.
_CLAUSE_END = re.compile(r"[.,;:!?\"“”()\[\]—–]")


@dataclass(frozen=True, slots=True)
class _Marker:
    """A negation, hedge or modal, with the stems of the content words it governs."""

    word: str
    start: int
    scope: frozenset[str]
    surface: str
    head: str = ""  # the first word governed: the verb or noun a negation flips
    strength: str = ""  # modals only: "possible", "certain", "required", ...


def _scope_after(text: str, end: int, limit: int = 2) -> tuple[list[str], int]:
    """Stems of the first ``limit`` content words after offset ``end`` in the same clause,
    in order, and where they end."""
    stems, last = [], end
    words = _words(text)
    for position in range(bisect_left(_word_starts(text), end), len(words)):
        word = words[position]
        if len(stems) == limit or _CLAUSE_END.search(text, last, word.start):
            break
        bare = word.text.removesuffix("n't")
        if bare in _SCOPE_SKIP or word.text.endswith("n't"):
            last = word.end
            continue
        stems.append(_stem(bare))
        last = word.end
    return stems, last


def _markers(text: str, pattern: re.Pattern, word_of) -> list[_Marker]:
    markers = []
    for m in pattern.finditer(text):
        word = word_of(m)
        if word is None:
            continue
        scope, scope_end = _scope_after(text, m.end())
        surface = " ".join(text[m.start() : scope_end].split())
        markers.append(
            _Marker(word, m.start(), frozenset(scope), surface, scope[0] if scope else "")
        )
    return markers


def _negation_word(m: re.Match) -> str | None:
    return None if m["skip"] else " ".join(m.group().lower().split())


def _hedge_word(m: re.Match) -> str:
    """The hedge's stem, without its auxiliary: "is expected to" and "are expected to" agree."""
    return " ".join(
        _stem(w) for w in m.group().lower().split() if w not in {"is", "are", "was", "were"}
    )


def _modal_word(m: re.Match) -> str | None:
    word = " ".join(m["modal"].lower().split())
    if m.group()[0].isupper() and word in {"may", "will"}:
        return None  # the month, or a first name
    return _MODAL_CANONICAL.get(word, word)


def _pair_by_scope(lefts: list[_Marker], rights: list[_Marker]) -> tuple[list, list, list]:
    """Match markers governing the same content; returns (pairs, unmatched left, unmatched right).

    Each left marker takes the first right marker sharing the most governed
    stems; an index from stem to markers keeps this linear on long texts.
    """
    by_stem: dict[str, list[int]] = defaultdict(list)
    for position, marker in enumerate(rights):
        for stem in marker.scope:
            by_stem[stem].append(position)
    taken: set[int] = set()
    pairs, left_over = [], []
    for marker in lefts:
        candidates = {p for stem in marker.scope for p in by_stem.get(stem, ()) if p not in taken}
        if not candidates:
            left_over.append(marker)
            continue
        partner = min(candidates, key=lambda p: (-len(marker.scope & rights[p].scope), p))
        taken.add(partner)
        pairs.append((marker, rights[partner]))
    return (
        pairs,
        left_over,
        [marker for position, marker in enumerate(rights) if position not in taken],
    )


def _negated_word_kept(marker: _Marker, other_stems: Set[str]) -> bool:
    """The word a negation flipped is still there on the other side."""
    return marker.head in other_stems


def _hedged_words_kept(marker: _Marker, other_stems: Set[str]) -> bool:
    """Some of what a hedge qualified is still there on the other side."""
    return bool(marker.scope & other_stems)


def _flipped(lefts, rights, left: str, right: str, kept) -> tuple[list[_Marker], list[_Marker]]:
    """Markers removed (left) or added (right) around content both sides still share.

    Markers are matched by what they govern, then by being the same word
    ("is expected to ratify" / "are expected to vote": one hedge, reworded).
    One still without a partner counts only if its content survives on the
    other side without it (a negation rewritten with its clause is no flip).
    """
    _, removed, added = _pair_by_scope(lefts, rights)
    removed, added = _unmatched(removed, added, lambda a, b: a.word == b.word)
    return [m for m in removed if kept(m, _text_stems(right))], [
        m for m in added if kept(m, _text_stems(left))
    ]


def _marker_flags(
    kind: str, severity: str, removed: list[_Marker], added: list[_Marker]
) -> list[_Found]:
    noun, gone = ("negation", "removed") if kind == "negation" else ("hedging", "dropped")
    found = [
        _flag(kind, severity, m.surface, None, f"{noun} {gone}: {_curly(m.surface)}", m.start)
        for m in removed
    ]
    found += [
        _flag(kind, severity, None, m.surface, f"{noun} added: {_curly(m.surface)}", m.start)
        for m in added
    ]
    return found


def _stance(text: str) -> tuple[list[_Marker], list[_Marker]]:
    """A text's modals, each with its strength, and its hedges not attached to a modal.

    A hedge next to a modal governing the same words ("will probably rise")
    makes that modal a possibility instead of counting on its own.
    """
    modals = _markers(text, _MODAL, _modal_word)
    hedges = _markers(text, _HEDGE, _hedge_word)

    def next_to(hedge: _Marker, modal: _Marker) -> bool:
        return abs(hedge.start - modal.start) <= 20 and bool(hedge.scope & modal.scope)

    modals = [
        replace(
            m, strength="possible" if any(next_to(h, m) for h in hedges) else _MODAL_CLASS[m.word]
        )
        for m in modals
    ]
    return modals, [h for h in hedges if not any(next_to(h, m) for m in modals)]


def _compare_stance(left: str, right: str) -> list[_Found]:
    """Negation flips, hedges added or dropped, and modal shifts ("may" -> "will").

    A clause whose negation flipped gets that one (high) flag: the modal or
    hedge that came with the rewrite ("do not sell" -> "may sell") is part of it.
    """
    if not (_may_hold_stance(left) or _may_hold_stance(right)):
        return []  # most passages: no marker on either side, nothing to pair
    removed, added = _flipped(
        _markers(left, _NEGATION, _negation_word),
        _markers(right, _NEGATION, _negation_word),
        left,
        right,
        _negated_word_kept,
    )
    found = _marker_flags("negation", HIGH, removed, added)
    flipped_scope = frozenset().union(*(m.scope for m in removed + added))

    def untouched(markers: list[_Marker]) -> list[_Marker]:
        return [m for m in markers if not m.scope & flipped_scope]

    left_modals, left_hedges = map(untouched, _stance(left))
    right_modals, right_hedges = map(untouched, _stance(right))
    pairs, left_modals, right_modals = _pair_by_scope(left_modals, right_modals)
    for a, b in pairs:
        if a.strength != b.strength and frozenset({a.word, b.word}) not in _MODAL_EQUIVALENTS:
            reason = f"modal shift: {_curly(a.word)} → {_curly(b.word)}"
            found.append(_flag("modality", MEDIUM, a.surface, b.surface, reason, a.start))

    def hedging(modals: list[_Marker], hedges: list[_Marker]) -> list[_Marker]:
        return hedges + [m for m in modals if m.strength == "possible"]

    found += _marker_flags(
        "hedging",
        MEDIUM,
        *_flipped(
            hedging(left_modals, left_hedges),
            hedging(right_modals, right_hedges),
            left,
            right,
            _hedged_words_kept,
        ),
    )
    return found


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def _flag(
    kind: str, severity: str, left: str | None, right: str | None, reason: str, position: int
) -> _Found:
    return _Found(FactFlag(kind, severity, left, right, reason), position)


def _ordered(found: list[_Found]) -> tuple[FactFlag, ...]:
    """Deduplicated flags, high severity first, then in reading order."""
    ordered, seen = [], set()
    for item in sorted(found, key=lambda f: (_SEVERITY_RANK[f.flag.severity], f.position)):
        if item.flag not in seen:
            seen.add(item.flag)
            ordered.append(item.flag)
    return tuple(ordered)


def compare_facts(left: str, right: str) -> tuple[FactFlag, ...]:
    """Facts whose meaning changed between an aligned ``left`` and ``right`` passage.

    Either side may hold several paragraphs joined by blank lines (split or
    merged pairs). Flags come high severity first, then in reading order.
    """
    found = (
        _compare_figures(left, right)
        + _compare_dates(left, right)
        + _compare_quotes(left, right)
        + _compare_names(left, right)
        + _compare_attributions(left, right)
        + _compare_stance(left, right)
    )
    return _ordered(found)


def unpaired_facts(text: str, side: str) -> tuple[FactFlag, ...]:
    """Figures, quotations and attributions in a paragraph with no partner.

    ``side="left"``: the paragraph was dropped, so these are facts the rewrite
    lost. ``side="right"``: it was added, so these are new claims with no
    source on the left.
    """
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    label = "dropped" if side == "left" else "new claim"
    items = [
        ("number", "figure", f.text, f.start) for f in _text_figures(text) if f.reportable_loss
    ]
    items += [("quote", "quote", q.text, q.start) for q in _extract_quotes(text)]
    items += [("attribution", "attribution", a.text, a.start) for a in _extract_attributions(text)]
    found = [
        _flag(
            kind,
            MEDIUM,
            value if side == "left" else None,
            value if side == "right" else None,
            f"{label}: {noun} {_curly(value)}",
            start,
        )
        for kind, noun, value, start in items
    ]
    return _ordered(found)
