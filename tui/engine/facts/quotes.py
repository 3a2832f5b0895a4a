"""Quotations: words inside quotation marks changed, stripped of their marks, or dropped.

A quotation is compared by its words with case, accents and punctuation
folded, so re-punctuating it or changing the style of its quote marks is no
change; a quotation shortened from the other side's (one holding the other's
words whole) is still faithful.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from tui.engine.facts.check import HIGH, FactCheck, Found, Unpaired, flag
from tui.engine.facts.text import Guarded, curly, fold_accents, text_words

# QUOTATION: text between double quotes (straight, curly, low-9, guillemets), or
# between curly single quotes that open at a word start and close before a
# non-letter (so the apostrophes in "don’t" or "Lopez’s" never open or close one).
_QUOTE = Guarded(
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
    return " ".join(w.text for w in text_words(fold_accents(text)))


def extract_quotes(text: str) -> list[_Quote]:
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
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=[_quote_key(w) for w in a], b=[_quote_key(w) for w in b], autojunk=False
    ).get_opcodes():
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "replace":
            parts.append(f"{curly(_strip_punct(old))} → {curly(_strip_punct(new))}")
        elif op == "delete":
            parts.append(f"{curly(_strip_punct(old))} removed")
        elif op == "insert":
            parts.append(f"{curly(_strip_punct(new))} added")
    return "; ".join(parts)


def _strip_punct(text: str) -> str:
    return text.strip(".,;:!?\"'“”‘’()")


def compare_quotes(left: str, right: str) -> list[Found]:
    """Quotations changed word for word, stripped of their quote marks, or dropped."""
    all_lefts = extract_quotes(left)
    if not all_lefts:
        return []  # every flag starts from a quotation on the left
    all_rights = extract_quotes(right)
    lefts = [q for q in all_lefts if not _quote_kept(q, all_rights)]
    rights = [q for q in all_rights if not _quote_kept(q, all_lefts)]
    right_plain = f" {_quote_key(right)} "
    found: list[Found] = []
    for quote in lefts:
        if f" {quote.key} " in right_plain:  # not inside a right quotation, or it would be kept
            found.append(
                flag(
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
                flag(
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
                flag(
                    "quote",
                    HIGH,
                    quote.text,
                    None,
                    f"quote dropped: {curly(quote.text)}",
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


def unpaired_quotes(text: str) -> list[Unpaired]:
    """Quotations lost with a dropped paragraph or new in an added one."""
    return [Unpaired("quote", "quote", q.text, q.start) for q in extract_quotes(text)]


CHECK = FactCheck("quotes", compare_quotes, unpaired_quotes)
