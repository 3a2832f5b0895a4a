"""Figures: an amount changed, made vague ("$53 billion" -> "tens of billions of dollars") or dropped.

An amount is compared by value and measure after normalising how it was
written, so "$53bn", "53 billion dollars" and "US$53 billion" agree, and a
figure restated in another form is never a change. Dates and years are
masked first (:mod:`.dates`); Chinese and Japanese numerals with a counter
word ("二十八公里") are figures too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from tui.engine import regex_cache
from tui.engine.facts.check import HIGH, FactCheck, Found, Unpaired, flag, words_at
from tui.engine.facts.dates import extract_dates
from tui.engine.facts.pairing import correspondence, within
from tui.engine.facts.text import (
    NOT_NAMES,
    TEXT_CACHE,
    Guarded,
    Spans,
    alternation,
    blanked,
    context_kept,
    curly,
    fewest,
    matched_key,
    new_items,
    pair_off,
    text_stems,
    unmatched,
)

# Currency markers -> one canonical code, so "$", "dollars" and "US$" agree.
_CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "$us": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
}
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
    "dozen": 12,
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


# Scripts written without spaces: a number may touch the word before or after it.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# A letter or digit of a spaced script. Case-sensitive inside the IGNORECASE patterns: the same
# characters (checked for every code point), but re folds the case of each of the class's ~40,000
# characters when compiling, which made the figures pattern the slowest to compile (~40 ms).
_LETTER = rf"(?-i:[^\W{_CJK}])"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
# Units written against their number in lower case ("5kg", "30mph"); any run of letters
# holding a capital counts too ("2.0GHz", "128MB", "55Mbit"). Ordinals ("1st") and other
# glued letters ("3d", "20s") leave the number out.
_GLUED_UNITS = "kg|km|cm|mm|ml|lbs?|oz|ft|mi|mph|kph|kmh|ha|kw|kwh|mw|gw|sq"
# FIGURE: an amount as written: optional currency symbol, digits (1,200.5) or
# number words ("twenty-three", "a dozen") or a fraction ("two-thirds"),
# optional scale ("billion", "bn"), optional unit ("per cent", "euros").
_FIGURE = Guarded(
    regex_cache.compile(
        rf"""
        (?<!{_LETTER})(?<![.,/-])(?<![A-Za-z]:)
        (?P<symbol>US\$|\$US|NZ\$|HK\$|[ACS]\$|[$€£¥₹])?\s?
        (?:
            (?P<digits>\d{{1,3}}(?:(?:,|[ \u00a0\u202f](?=\d{{3}}(?!\d)))\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!,?\d)
          | (?P<fraction>{alternation(_FRACTION_WORDS)})
          | (?P<compound>(?:{_TENS})[- ](?:{_UNITS}))
          | (?P<word>{alternation(_NUMBER_WORDS)})
        )
        (?P<scale>[\s-]?(?:hundred|thousand|million|billion|trillion|mln|mn|bn|tn)|[kmb万亿]
          |(?<=[a-z])\s(?=dozen\b)dozen)?  # "two dozen" is 24 (after a number word only)
        (?:(?!{_LETTER})|(?P<glued>(?<=\d)(?-i:[A-Za-z]*[A-Z][A-Za-z]*|{_GLUED_UNITS})(?!{_LETTER})))
        (?:\s?(?P<unit>%|per\ cent|percent|percentage\ points?|pc(?!{_LETTER})))?
        (?:\s(?:of\s)?(?P<currency>{alternation(_CURRENCY_WORDS)})(?!{_LETTER}))?
        (?:-(?P<joined_noun>[^\W\d_]{{2,}}))?
        (?P<tail>(?:st|nd|rd|th)(?!{_LETTER})|{_LETTER}|-(?=\d))?
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
_NUMBERING = regex_cache.compile(r"(?:^|\n)[ \t]*$")
_REFERENCE_BEFORE = regex_cache.compile(
    r"(?:section|sections|clause|clauses|article|articles|paragraph|para|§|part|chapter|schedule|"
    r"annex|appendix|item|rule|step|page|p\.|no\.|number|figure|table|version|v\.?)\s*$",
    re.IGNORECASE,
)
# A four-digit number alone in these ranges reads as a year (kept as a date).
_YEAR_RANGE = range(1500, 2101)
_NOUN_AFTER = regex_cache.compile(
    r"\s+(?:(?:new|more|additional|extra|full-time|of)\s+)?([^\W\d_][\w-]+)"
)

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
    numeral: str = ""  # the digits as written, separators dropped ("2300"); "" in words
    scaled_by_letter: bool = False  # "11M", "5k": a scale a unit may restate ("11 Mbit/s")
    scale_word: bool = False  # "million", "bn": a scale no unit restates
    fraction: bool = False  # "two-thirds": exact, so the other side may round it
    joined: bool = False  # joined to its noun by a hyphen: "three-year", "2.4-GHz"

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.start + len(self.text)

    @property
    def reportable_loss(self) -> bool:
        """Worth a flag when dropped: a figure in digits, or an amount of money or a share."""
        return self.significant and (not self.spelled or self.measure != "count" or self.joined)


_SEPARATORS = regex_cache.compile(r"[,\s]")


def _scale_of(match: re.Match[str]) -> str:
    return (match["scale"] or "").strip().lstrip("-")


def _figure_value(match: re.Match[str]) -> float:
    if match["digits"]:
        value = float(_SEPARATORS.sub("", match["digits"]))
    elif match["fraction"]:
        value = (
            _FRACTION_WORDS[matched_key(match["fraction"])] * 100
        )  # a share, comparable with "%"
    elif match["compound"]:
        tens, units = re.split(r"[- ]", matched_key(match["compound"]))
        value = _NUMBER_WORDS[tens] + _UNITS.split("|").index(units) + 1
    else:
        value = float(_NUMBER_WORDS[matched_key(match["word"])])
    if match["scale"]:
        value *= _SCALE_WORDS[matched_key(_scale_of(match))]
    return value


def _figure_measure(match: re.Match[str]) -> str:
    if match["symbol"]:
        return _CURRENCY_SYMBOLS[matched_key(match["symbol"])]
    if match["currency"]:
        return _CURRENCY_WORDS[matched_key(match["currency"])]
    if match["unit"]:
        return _UNIT_WORDS[matched_key(match["unit"])]
    if match["fraction"]:
        return "ratio"
    return "count"


def _is_figure(match: re.Match[str], text: str) -> bool:
    """Reject what only looks like a figure: ordinals, codes (F-35), lone "a" scales, list markers."""
    if match["tail"]:
        return False
    if not (match["digits"] or match["fraction"] or match["compound"] or match["word"]):
        return False
    if match["digits"] and (_is_reference(match, text) or _in_a_name(match, text)):
        return False
    return not (matched_key(_scale_of(match)) in {"m", "b", "k"} and not match["digits"])


def _is_reference(match: re.Match[str], text: str) -> bool:
    before = text[max(0, match.start() - 20) : match.start()]
    if _REFERENCE_BEFORE.search(before):
        return True
    numbered = re.match(
        r"\d+[.)]\s|\d+(?:\.\d+)+[.)]?\s+[\"“‘'(\[]?[A-Z]", text[match.start("digits") :]
    )
    return numbered is not None and _NUMBERING.search(before) is not None


# A capitalised word right before a bare number makes it part of a name ("Standard &
# Poor's 500 Index", "Pentium 4"), unless the word opens a sentence or says how many.
_CAPITALISED_BEFORE = regex_cache.compile(r"(?<![\w’'])([A-Z][\w’'&]*)\s+$")
_NOT_A_NAME_BEFORE = NOT_NAMES | frozenset(
    """about some nearly almost around roughly over under only just approximately another
    exactly up more fewer less than at least top""".split()
)


def _in_a_name(match: re.Match[str], text: str) -> bool:
    if match["symbol"] or match["unit"] or match["currency"] or match["scale"]:
        return False
    before = _CAPITALISED_BEFORE.search(text, max(0, match.start() - 40), match.start())
    return before is not None and before.group(1).lower() not in _NOT_A_NAME_BEFORE


def _is_year(match: re.Match[str]) -> bool:
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
_CJK_NUMERAL = f"[{''.join(_CJK_DIGITS)}{''.join(_CJK_UNITS)}{''.join(_CJK_GROUPS)}]"
# A numeral is read from its first character only (the lookbehinds): tried inside a run, each
# start re-read the rest of the run (10,000 digits: minutes), and "第二十八人" gave "十八人".
_CJK_FIGURE = Guarded(
    regex_cache.compile(
        rf"(?<!第)(?P<numeral>(?<!{_CJK_NUMERAL}){_CJK_NUMERAL}+|(?<!\d)\d+(?:\.\d+)?)"
        rf"(?P<counter>{_CJK_COUNTERS})"
    ),
    digits=True,
    fragments=fewest([*_CJK_DIGITS, *_CJK_UNITS, *_CJK_GROUPS]),
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


def _extract_figures(text: str, masked: Iterable[tuple[int, int]]) -> list[_Figure]:
    """Every amount in ``text`` outside the ``masked`` spans (dates, years)."""
    figures = _extract_cjk_figures(text)
    excluded = Spans([*masked, *((f.start, f.start + len(f.text)) for f in figures)])
    for match in _FIGURE.finditer(text):
        number_start = match.start("digits") if match["digits"] else match.start()
        if not _is_figure(match, text) or _is_year(match) or number_start in excluded:
            continue
        measure = _figure_measure(match)
        surface = match.group().rstrip()
        noun = (match["joined_noun"] or match["glued"] or "").lower()
        counted = _NOUN_AFTER.match(text, match.end())
        if (
            measure == "count"
            and not noun
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
                numeral=_SEPARATORS.sub("", match["digits"] or ""),
                scaled_by_letter=len(_scale_of(match)) == 1,
                scale_word=len(_scale_of(match)) > 1,
                fraction=bool(match["fraction"]),
                joined=bool(match["joined_noun"]),
            )
        )
    return sorted(figures, key=lambda f: f.start)


@lru_cache(maxsize=TEXT_CACHE)
def text_figures(text: str) -> tuple[_Figure, ...]:
    """Every amount in ``text`` that is not part of a date."""
    if not (_FIGURE.may_match(text) or _CJK_FIGURE.may_match(text)):
        return ()  # most passages: no digit and no number word, so no figure to mask dates from
    return tuple(_extract_figures(text, [d.span for d in extract_dates(text)]))


def _same_amount(a: _Figure, b: _Figure) -> bool:
    """Same value measured in compatible units.

    A plain count is compatible with any unit: "53 billion" restating
    "$53 billion" drops a word, not a fact. Values must be equal: "$6.3
    billion" made "$6.32 billion", or "14.7 pounds" rounded to "about 15
    pounds", is a changed figure. A fraction in words is exact, so the other
    side may round it ("two-thirds" / "67%"); digits with a scale letter the
    other side left to its unit are the same number ("11M" / "11 ... Mbit/s").
    """
    if a.measure != b.measure and "count" not in (a.measure, b.measure):
        return False
    if a.fraction or b.fraction:
        return abs(a.value - b.value) <= 0.5 + 1e-9
    if a.numeral and a.numeral == b.numeral and a.scaled_by_letter != b.scaled_by_letter:
        return not (a.scale_word or b.scale_word)
    return math.isclose(a.value, b.value, rel_tol=1e-9)


def _converted(a: _Figure, b: _Figure) -> bool:
    """An amount of money restated in another currency ("£169.99" / "$273"): the currencies
    differ and so do the values, by more than a tenth. (Two currencies with about the same
    value are a currency changed, or mistyped: "C$1.3252" / "$1.3260".)"""
    currencies = set(_CURRENCY_WORDS.values()) | set(_CURRENCY_SYMBOLS.values())
    if not ({a.measure, b.measure} <= currencies and a.measure != b.measure):
        return False
    low, high = sorted((abs(a.value), abs(b.value)))
    return high > 1.1 * low


# Passes that pair a figure with the other side's figure it most likely
# became, strictest first: same unit and counted noun, same unit, then money
# for money (a currency swap is a change) or a count in digits for any other figure in digits.
_PARTNER_PASSES: tuple[Callable[[_Figure, _Figure], bool], ...] = (
    lambda a, b: a.measure == b.measure and a.noun == b.noun,
    lambda a, b: a.measure == b.measure,
    lambda a, b: (
        {a.measure, b.measure} <= set(_CURRENCY_WORDS.values()) | set(_CURRENCY_SYMBOLS.values())
        or ("count" in (a.measure, b.measure) and not (a.spelled or b.spelled))
    ),
)
# The words a small count in digits may be restated as ("1 in 2,000" / "one in 2,000",
# "10 years ago" / "a decade ago"); _NUMBER_WORDS holds the others.
_SMALL_COUNT_WORDS = {1: ("one", "a single"), 10: ("a decade",), 100: ("a century",)}


# VAGUE_AMOUNT: a quantity without a value — what an exact figure becomes
# when a rewrite blurs it ("tens of billions of dollars", "several", "dozens of").
_VAGUE_AMOUNT = regex_cache.compile(
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
    (?:\s+of(?:\s+(?:{alternation(_CURRENCY_WORDS)})\b)?)?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Vague:
    text: str
    start: int


def _extract_vague(text: str) -> list[_Vague]:
    return [_Vague(m.group().strip(), m.start()) for m in _VAGUE_AMOUNT.finditer(text)]


def compare_figures(left: str, right: str) -> list[Found]:
    """Figures changed, blurred or dropped; one figure restated in another form is no change.

    Every figure the other side holds anywhere is kept (a figure moved within the
    passage is no change). What is left is paired with what is left in the
    sentence that became its sentence (:mod:`.pairing`): a partner there is a
    changed figure; none, and it was blurred into a vague amount or dropped.
    """
    if not text_figures(left):
        return []  # every flag starts from a figure on the left
    left_dates, right_dates = extract_dates(left), extract_dates(right)
    lefts, rights = unmatched(
        text_figures(left),
        text_figures(right),
        lambda a, b: _same_amount(a, b) and a.noun == b.noun,
        _same_amount,
        _converted,
    )
    # A count that reads like a year on one side ("2000 jobs") restated as a figure.
    lefts = [f for f in lefts if not any(d.is_year and d.year == f.value for d in right_dates)]
    rights = [f for f in rights if not any(d.is_year and d.year == f.value for d in left_dates)]
    lefts = [f for f in lefts if not _restated_in_words(f, right)]
    places = correspondence(left, right)

    def in_place(a: _Figure, b: _Figure) -> bool:
        return within(b.start, places.right_spans_for(*a.span))

    pairs, lefts, _ = pair_off(
        lefts, rights, *(lambda a, b, p=p: in_place(a, b) and p(a, b) for p in _PARTNER_PASSES)
    )
    found = [
        flag(
            "number",
            HIGH,
            f"figure changed: {curly(a.text)} → {curly(b.text)}",
            words_at(a.text, a.start),
            words_at(b.text, b.start),
        )
        for a, b in pairs
    ]
    new_vague = new_items(_extract_vague(left), _extract_vague(right))
    right_stems = text_stems(right)
    restating = _restating_pairs(left)
    for figure in (f for f in lefts if f.significant):
        if new_vague:
            vague = new_vague.pop(0)
            reason = f"exact figure {curly(figure.text)} made vague: {curly(vague.text)}"
            found.append(
                flag(
                    "number",
                    HIGH,
                    reason,
                    words_at(figure.text, figure.start),
                    words_at(vague.text, vague.start),
                )
            )
        elif (
            figure.reportable_loss
            and restating.get(figure.start, figure) in lefts
            and context_kept(left, figure.span, right_stems)
        ):
            found.append(
                flag(
                    "number",
                    HIGH,
                    f"figure dropped: {curly(figure.text)}",
                    words_at(figure.text, figure.start),
                    None,
                )
            )
    return found


def _restated_in_words(figure: _Figure, other: str) -> bool:
    """A small count in digits that the other side writes in words ("1" / "one")."""
    if figure.spelled or figure.measure != "count" or not figure.value.is_integer():
        return False
    words = _SMALL_COUNT_WORDS.get(int(figure.value), ()) + _WORDS_FOR.get(int(figure.value), ())
    lowered = blanked(other)
    return any(f" {word} " in lowered for word in words)


_WORDS_FOR: dict[int, tuple[str, ...]] = {}
for _word, _value in _NUMBER_WORDS.items():
    if float(_value).is_integer():
        _WORDS_FOR[int(_value)] = (*_WORDS_FOR.get(int(_value), ()), _word)

# A figure and its restatement in brackets: "50 degrees (120 Fahrenheit)".
_BRACKETED = regex_cache.compile(r"\s*\(\s*")


def _restating_pairs(text: str) -> dict[int, _Figure]:
    """Each figure restated by its neighbour in brackets, mapped to that neighbour (both ways):
    either of the two surviving keeps the amount, so neither is reported as dropped."""
    figures = text_figures(text)
    pairs: dict[int, _Figure] = {}
    for before, after in zip(figures, figures[1:], strict=False):
        if _BRACKETED.fullmatch(text, before.start + len(before.text), after.start):
            pairs[before.start], pairs[after.start] = after, before
    return pairs


def unpaired_figures(text: str) -> list[Unpaired]:
    """Figures worth reporting when their paragraph was dropped or added."""
    return [
        Unpaired("number", "figure", f.text, f.start)
        for f in text_figures(text)
        if f.reportable_loss
    ]


CHECK = FactCheck("figures", compare_figures, unpaired_figures)
