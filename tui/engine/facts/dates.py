"""Dates: a calendar date, month or year whose written parts disagree with the other side's.

Rule DATE finds "March 3", "March 3rd, 2019", "3 March 2019", "March 2019",
"the 1990s" and "2019"; figures (:mod:`.figures`) mask the dates found here
so a year is never read as an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.engine.facts.check import HIGH, FactCheck, Found, flag
from tui.engine.facts.text import TEXT_CACHE, Guarded, alternation, curly, matched_key, unmatched

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
# DATE: "March 3", "March 3rd, 2019", "3 March 2019", "March 2019", "the 1990s", "2019".
# Month names must be capitalised ("may" is a modal verb); weekdays are not dates.
_DATE = Guarded(
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
class Date:
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


@lru_cache(maxsize=TEXT_CACHE)
def extract_dates(text: str) -> tuple[Date, ...]:
    dates: list[Date] = []
    for m in _DATE.finditer(text):
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


def _same_date(a: Date, b: Date) -> bool:
    """Dates agree when every part written on both sides agrees ("March 3" ~ "March 3, 2019")."""
    parts = ((a.year, b.year), (a.month, b.month), (a.day, b.day))
    return a.decade == b.decade and all(x is None or y is None or x == y for x, y in parts)


def compare_dates(left: str, right: str) -> list[Found]:
    """A date whose written parts disagree with the other side's date in the same place."""
    if not extract_dates(left):
        return []
    lefts, rights = unmatched(extract_dates(left), extract_dates(right), _same_date)
    found: list[Found] = []
    for date in lefts:
        partner = next((r for r in rights if (r.month is None) == (date.month is None)), None)
        if partner is None:
            continue
        rights.remove(partner)
        found.append(
            flag(
                "date",
                HIGH,
                date.text,
                partner.text,
                f"date changed: {curly(date.text)} → {curly(partner.text)}",
                date.span[0],
            )
        )
    return found


CHECK = FactCheck("date", compare_dates)
