"""Dates: a calendar date, month or year whose written parts disagree with the other side's.

Rule DATE finds "March 3", "March 3rd, 2019", "3 March 2019", "March 2019",
"the 1990s" and "2019"; figures (:mod:`.figures`) mask the dates found here
so a year is never read as an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.engine import regex_cache
from tui.engine.facts.check import HIGH, FactCheck, Found, Words, flag
from tui.engine.facts.pairing import correspondence, within
from tui.engine.facts.text import (
    TEXT_CACHE,
    Guarded,
    alternation,
    context_kept,
    curly,
    matched_key,
    text_stems,
    unmatched,
)

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
_MONTH_RE = "(?i:" + alternation(_MONTHS) + r")\.?"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
_ZONES = "GMT|UTC|[ECMP][SD]T|BST|CET|CEST"
# DATE: "March 3", "March 3rd, 2019", "3 March 2019", "March 2019", "the 1990s", "2019",
# and a time of day: "9 a.m.", "10:30 pm", "21:00", "1900 GMT" (a zone may follow).
# Month names must be capitalised ("may" is a modal verb); weekdays are not dates.
_DATE = Guarded(
    regex_cache.compile(
        rf"""
        (?<![\w$€£.,:])(?:
            (?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s?(?P<meridiem>(?i:[ap]\.m\.|[ap]m\b))(?:\s?\(?(?P<zone12>{_ZONES})\b\)?)?
          | (?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!:?\d)(?:\s?\(?(?P<zone24>{_ZONES})\b\)?)?
          | (?P<hour_mil>[01]\d|2[0-3])(?P<minute_mil>[0-5]\d)\s?(?P<zone_mil>{_ZONES})\b
          | (?P<month1>{_MONTH_RE})\s+(?P<day1>{_DAY_RE})(?!\d)(?:,?\s+(?P<year1>{_YEAR_RE}))?
          | (?P<day2>{_DAY_RE})\s+(?:of\s+)?(?P<month2>{_MONTH_RE})(?:,?\s+(?P<year2>{_YEAR_RE}))?
          | (?P<month3>{_MONTH_RE})\s+(?P<year3>{_YEAR_RE})
          | (?P<decade>{_YEAR_RE})['’]?s
          | (?P<year4>{_YEAR_RE})
        )(?<!\s)(?![\w%]|\s?(?:%|per\s?cent|percent|million|billion|bn|m\b))
        """,
        re.VERBOSE,
    ),
    digits=True,  # every date has a day or a year in digits
)


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date with whatever parts were written; ``None`` for a missing part."""

    text: str
    span: tuple[int, int]
    year: int | None
    month: int | None
    day: int | None
    decade: bool = False
    minute: int | None = None  # a time of day: minutes after midnight
    zone: str | None = None  # the time zone a time names ("GMT")

    @property
    def is_year(self) -> bool:
        return self.year is not None and self.month is None and not self.decade

    @property
    def shape(self) -> str:
        """What the date names: a time of day, a day or month, or a year or decade."""
        if self.minute is not None:
            return "time"
        return "year" if self.month is None else "month"


# A capitalised word (not a month, not opening a sentence after "In" or "Since") just
# before a year makes the year part of a name.
_NAMED_BEFORE = regex_cache.compile(
    rf"(?<![.!?]\s)(?<!^)\b(?!(?:{_MONTH_RE}|In|Since|By|From|Until|Before|After|Of|The)\b)"
    r"[A-Z][a-z]+\s+$"
)


@lru_cache(maxsize=TEXT_CACHE)
def extract_dates(text: str) -> tuple[Date, ...]:
    dates: list[Date] = []
    for m in _DATE.finditer(text):
        if m["year4"] and _NAMED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "Terrorism Act 2000", "Windows 2000": a name's, not a date
        if m["hour"] or m["hour24"] or m["hour_mil"]:
            dates.append(_time(m))
            continue
        month_text = m["month1"] or m["month2"] or m["month3"]
        if month_text and not month_text[0].isupper():
            continue
        year = m["year1"] or m["year2"] or m["year3"] or m["decade"] or m["year4"]
        day = m["day1"] or m["day2"]
        dates.append(
            Date(
                text=m.group(),
                span=m.span(),
                year=int(year) if year else None,
                month=_MONTHS[matched_key(month_text.rstrip("."))] if month_text else None,
                day=int(day.rstrip("stndrh")) if day else None,  # "3rd" -> 3
                decade=bool(m["decade"]),
            )
        )
    return tuple(dates)


def _time(m: re.Match[str]) -> Date:
    if m["hour"]:
        hour = int(m["hour"]) % 12 + (12 if m["meridiem"][0] in "pP" else 0)
        minute = int(m["minute"] or 0)
    elif m["hour24"]:
        hour, minute = int(m["hour24"]), int(m["minute24"])
    else:
        hour, minute = int(m["hour_mil"]), int(m["minute_mil"])
    zone = m["zone12"] or m["zone24"] or m["zone_mil"]
    return Date(m.group(), m.span(), None, None, None, minute=60 * hour + minute, zone=zone)


def _words(date: Date) -> Words:
    return Words(date.text, *date.span)


def _same_date(a: Date, b: Date) -> bool:
    """Dates agree when they are as precise and every part written on both sides agrees:
    "March 3" ~ "March 3, 2019" (the year is the publication's), but "January 1996" made
    "Jan. 12, 1996" is a more precise date, a change."""
    if a.shape == b.shape == "time":
        return a.minute == b.minute or _in_another_zone(a, b)
    if a.decade != b.decade or a.shape != b.shape:
        return False
    if (a.day is None) != (b.day is None):
        return False
    parts = ((a.year, b.year), (a.month, b.month), (a.day, b.day))
    return all(x is None or y is None or x == y for x, y in parts)


def _in_another_zone(a: Date, b: Date) -> bool:
    """A time restated in another zone ("3 p.m. EDT" / "1900 GMT"): a zone named on one side
    at least, not the same on both, and the clocks apart by whole half-hours."""
    zoned = a.zone is not None or b.zone is not None
    apart = abs((a.minute or 0) - (b.minute or 0))
    return zoned and a.zone != b.zone and apart % 30 == 0


# How precise a date is, finest first; a date restated relative to the publication day
# ("on July 10" / "on Thursday", "in August" / "last month") keeps its precision.
_DAY, _WEEK, _MONTH, _YEAR, _DECADE = range(5)
# RELATIVE_DATE: a day, week, month or year named relative to the publication day.
_RELATIVE_DATE = regex_cache.compile(
    r"""\b(?:
        (?P<day>yesterday|today|tonight|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)
      | (?:last|this|next|earlier\ this|later\ this|a|one)\s+(?:
            (?P<week>week(?:end)?) | (?P<month>month) | (?P<year>year)
        )(?:\s+(?:ago|earlier|later))?
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _precision(date: Date) -> int:
    if date.day is not None or date.minute is not None:
        return _DAY
    if date.month is not None:
        return _MONTH
    return _DECADE if date.decade else _YEAR


def _relative_precisions(text: str, spans: list[tuple[int, int]]) -> list[int]:
    found = []
    for start, end in spans:
        for m in _RELATIVE_DATE.finditer(text, start, end):
            found.append(
                _DAY if m["day"] else _WEEK if m["week"] else _MONTH if m["month"] else _YEAR
            )
    return found


def compare_dates(left: str, right: str) -> list[Found]:
    """A date changed, or dropped from a statement the rewrite kept.

    Each date is compared with the dates of the sentence that became its
    sentence (:mod:`.pairing`). A date dropped counts when the rest of its
    sentence survives and the rewrite does not name the time relative to its
    own day at least as precisely ("on June 5" / "last week" is vaguer).
    """
    if not extract_dates(left):
        return []
    lefts, rights = unmatched(extract_dates(left), extract_dates(right), _same_date)
    places = correspondence(left, right)
    right_stems = text_stems(right)
    found: list[Found] = []
    for date in lefts:
        spans = places.right_spans_for(*date.span)
        in_place = [r for r in rights if within(r.span[0], spans)]
        partner = next(
            (r for r in in_place if r.year is not None and r.year == date.year),  # more precise
            next((r for r in in_place if r.shape == date.shape), None),
        )
        if partner is not None:
            rights.remove(partner)
            reason = f"date changed: {curly(date.text)} → {curly(partner.text)}"
            found.append(flag("date", HIGH, reason, _words(date), _words(partner)))
        elif context_kept(left, date.span, right_stems) and not any(
            precision <= _precision(date) for precision in _relative_precisions(right, spans)
        ):
            reason = f"date dropped: {curly(date.text)}"
            found.append(flag("date", HIGH, reason, _words(date), None))
    return found


CHECK = FactCheck("date", compare_dates)
