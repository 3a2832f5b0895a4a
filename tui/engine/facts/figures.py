"""Figures: an amount changed, made vague ("$53 billion" -> "tens of billions of dollars") or dropped.

An amount is compared by value and measure after normalising how it was
written, so "$53bn", "53 billion dollars" and "US$53 billion" agree, and a
figure restated in another form is never a change. Dates and years are
masked first (:mod:`.dates`); Chinese and Japanese numerals with a counter
word ("二十八公里") are figures too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from tui.engine.facts.check import HIGH, FactCheck, Found, Unpaired, flag
from tui.engine.facts.dates import extract_dates
from tui.engine.facts.text import (
    TEXT_CACHE,
    Guarded,
    Spans,
    alternation,
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


# Scripts written without spaces: a number may touch the word before or after it.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_LETTER = rf"[^\W{_CJK}]"  # a letter or digit of a spaced script
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
# FIGURE: an amount as written: optional currency symbol, digits (1,200.5) or
# number words ("twenty-three", "a dozen") or a fraction ("two-thirds"),
# optional scale ("billion", "bn"), optional unit ("per cent", "euros").
_FIGURE = Guarded(
    re.compile(
        rf"""
        (?<!{_LETTER})(?<![.,/-])
        (?P<symbol>US\$|[$€£¥₹])?\s?
        (?:
            (?P<digits>\d{{1,3}}(?:(?:,|[ \u00a0\u202f](?=\d{{3}}(?!\d)))\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!,?\d)
          | (?P<fraction>{alternation(_FRACTION_WORDS)})
          | (?P<compound>(?:{_TENS})[- ](?:{_UNITS}))
          | (?P<word>{alternation(_NUMBER_WORDS)})
        )
        (?P<scale>\s?(?:hundred|thousand|million|billion|trillion|mln|mn|bn|tn)|[kmb万亿])?(?!{_LETTER})
        (?:\s?(?P<unit>%|per\ cent|percent|percentage\ points?|pc(?!{_LETTER})))?
        (?:\s(?:of\s)?(?P<currency>{alternation(_CURRENCY_WORDS)})(?!{_LETTER}))?
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
    def span(self) -> tuple[int, int]:
        return self.start, self.start + len(self.text)

    @property
    def reportable_loss(self) -> bool:
        """Worth a flag when dropped: a figure in digits, or an amount of money or a share."""
        return self.significant and (not self.spelled or self.measure != "count")


def _figure_value(match: re.Match[str]) -> float:
    if match["digits"]:
        value = float(re.sub(r"[,\s]", "", match["digits"]))
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
        value *= _SCALE_WORDS[matched_key(match["scale"].strip())]
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
    if match["digits"] and _is_reference(match, text):
        return False
    scale = matched_key(match["scale"] or "")
    return not (scale in {"m", "b", "k"} and not match["digits"])


def _is_reference(match: re.Match[str], text: str) -> bool:
    before = text[max(0, match.start() - 20) : match.start()]
    if _REFERENCE_BEFORE.search(before):
        return True
    numbered = re.match(
        r"\d+[.)]\s|\d+(?:\.\d+)+[.)]?\s+[\"“‘'(\[]?[A-Z]", text[match.start("digits") :]
    )
    return numbered is not None and _NUMBERING.search(before) is not None


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
_CJK_FIGURE = Guarded(
    re.compile(
        rf"(?<!第)(?P<numeral>[{''.join(_CJK_DIGITS)}{''.join(_CJK_UNITS)}{''.join(_CJK_GROUPS)}]+|\d+(?:\.\d+)?)"
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


@lru_cache(maxsize=TEXT_CACHE)
def text_figures(text: str) -> tuple[_Figure, ...]:
    """Every amount in ``text`` that is not part of a date."""
    if not (_FIGURE.may_match(text) or _CJK_FIGURE.may_match(text)):
        return ()  # most passages: no digit and no number word, so no figure to mask dates from
    return tuple(_extract_figures(text, [d.span for d in extract_dates(text)]))


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
_PARTNER_PASSES: tuple[Callable[[_Figure, _Figure], bool], ...] = (
    lambda a, b: a.measure == b.measure and a.noun == b.noun,
    lambda a, b: a.measure == b.measure,
    lambda a, b: (
        {a.measure, b.measure} <= set(_CURRENCY_WORDS.values())
        or ("count" in (a.measure, b.measure) and not (a.spelled or b.spelled))
    ),
)


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
    """Figures changed, blurred or dropped; one figure restated in another form is no change."""
    if not text_figures(left):
        return []  # every flag starts from a figure on the left
    left_dates, right_dates = extract_dates(left), extract_dates(right)
    lefts, rights = unmatched(
        text_figures(left),
        text_figures(right),
        lambda a, b: _same_amount(a, b) and a.noun == b.noun,
        _same_amount,
    )
    # A count that reads like a year on one side ("2000 jobs") restated as a figure.
    lefts = [f for f in lefts if not any(d.is_year and d.year == f.value for d in right_dates)]
    rights = [f for f in rights if not any(d.is_year and d.year == f.value for d in left_dates)]
    pairs, lefts, _ = pair_off(lefts, rights, *_PARTNER_PASSES)
    right_stems = text_stems(right)
    found = [
        flag(
            "number",
            HIGH,
            a.text,
            b.text,
            f"figure changed: {curly(a.text)} → {curly(b.text)}",
            a.start,
        )
        for a, b in pairs
    ]
    new_vague = new_items(_extract_vague(left), _extract_vague(right))
    for figure in (f for f in lefts if f.significant):
        if new_vague:
            vague = new_vague.pop(0)
            reason = f"exact figure {curly(figure.text)} made vague: {curly(vague.text)}"
            found.append(flag("number", HIGH, figure.text, vague.text, reason, figure.start))
        elif figure.reportable_loss and context_kept(left, figure.span, right_stems):
            found.append(
                flag(
                    "number",
                    HIGH,
                    figure.text,
                    None,
                    f"figure dropped: {curly(figure.text)}",
                    figure.start,
                )
            )
    return found


def unpaired_figures(text: str) -> list[Unpaired]:
    """Figures worth reporting when their paragraph was dropped or added."""
    return [
        Unpaired("number", "figure", f.text, f.start)
        for f in text_figures(text)
        if f.reportable_loss
    ]


CHECK = FactCheck("figures", compare_figures, unpaired_figures)
