"""Quotations: words inside quotation marks changed, stripped of their marks, or dropped.

A quotation is compared by its words with case, accents and punctuation
folded, so re-punctuating it or changing the style of its quote marks is no
change; a quotation shortened from the other side's (one holding the other's
words whole) is still faithful.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.engine import regex_cache
from tui.engine.facts.attribution import SPEECH_VERBS
from tui.engine.facts.check import HIGH, FactCheck, Found, Unpaired, flag, words_at
from tui.engine.facts.pairing import correspondence, within
from tui.engine.facts.text import (
    APOSTROPHES,
    TEXT_CACHE,
    Guarded,
    curly,
    fold_accents,
    text_words,
)
from tui.engine.facts.variants import spelling_key, transliterated

# QUOTE_MARK: a double quotation mark — straight, curly, low-9, guillemet, or the
# doubled backticks and apostrophes of typewriter text (``so'') — or a line break, which
# ends any quotation still open. Straight marks open before a word and close after one.
_QUOTE_MARK = regex_cache.compile(r"``|''|(?<!\d)\"|[“”„«»]|\n")  # 5" is five inches
# A text with none of these marks holds no quotation (most passages): not scanned.
_ANY_QUOTE_MARK = Guarded(
    regex_cache.compile(r"``|''|(?<!\d)\"|[“”„«»]"),
    fragments=('"', "“", "”", "„", "«", "»", "``", "''"),
)
_OPENERS = frozenset({"``", "“", "„", "«"})
_CLOSERS = frozenset({"''", "”", "»"})
# SINGLE_QUOTE: text between curly single quotes that open at a word start and close
# before a non-letter (so the apostrophes in "don’t" or "Lopez’s" never open or close one).
_SINGLE_QUOTE = Guarded(
    regex_cache.compile(r"(?<![\w’'])‘(?P<single>[^‘’\n]{1,600}?)’(?![^\W\d_])"),
    fragments=("‘",),
)
# After a closing mark with no opening one: its speaker (", Lopez said", "said Lopez").
_SAID_AFTER = regex_cache.compile(
    rf"[,.!?]?\s*(?:[A-Z][\w’'.-]*\s+){{0,4}}(?:{SPEECH_VERBS})\b|[,.!?]?\s*$"
)
# A quotation longer than this is cut: an unclosed mark must not make one of a whole book.
_LONGEST_QUOTE = 600


@dataclass(frozen=True, slots=True)
class _Quote:
    text: str
    start: int

    @property
    def key(self) -> str:
        return _quote_key(self.text)


# Contractions spelled out, so "We're" and "We are" are one wording.
_CONTRACTIONS = (
    (regex_cache.compile(r"\b(can)'t\b"), r"\1 not"),
    (regex_cache.compile(r"\bwon't\b"), "will not"),
    (regex_cache.compile(r"\bain't\b"), "is not"),
    (regex_cache.compile(r"n't\b"), " not"),
    (
        regex_cache.compile(r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should)nt\b"),
        r"\1 not",
    ),
    (regex_cache.compile(r"'re\b"), " are"),
    (regex_cache.compile(r"'ve\b"), " have"),
    (regex_cache.compile(r"'ll\b"), " will"),
    (regex_cache.compile(r"'m\b"), " am"),
    (regex_cache.compile(r"\b(it|that|there|what|he|she|who)'s\b"), r"\1 is"),
    (regex_cache.compile(r"'s\b|(?<=s)'(?!\w)"), ""),  # a possessive: "princess's", "Princess'"
)


def _quote_tokens(text: str) -> list[tuple[str, int]]:
    """A quotation's words as compared — case, accents, punctuation, British spelling,
    contractions (with or without their apostrophe) and possessives folded, "&" read as
    "and", an editor's [bracketed] words left out — each with the index of the written
    word (split at spaces) it came from."""
    tokens = []
    bracketed = False
    for index, written in enumerate(text.split()):
        opens, closes = written.startswith("["), "]" in written
        if bracketed or opens:
            bracketed = not closes
            continue
        folded = fold_accents(written.replace("&", " and ")).translate(APOSTROPHES)
        for pattern, replacement in _CONTRACTIONS:
            folded = pattern.sub(replacement, folded)
        tokens += [(spelling_key(w.text), index) for w in text_words(folded)]
    return tokens


@lru_cache(maxsize=TEXT_CACHE)
def _bare_key(text: str) -> str:
    """Words with case, accents and apostrophes dropped: an outlet that strips apostrophes
    ("dont", "whos") writes the same words."""
    folded = fold_accents(text).translate(APOSTROPHES).replace("'", "")
    return " ".join(w.text for w in text_words(folded))


@lru_cache(maxsize=TEXT_CACHE)
def _quote_key(text: str) -> str:
    """A quotation's words as compared (see :func:`_quote_tokens`), joined by spaces."""
    return " ".join(token for token, _ in _quote_tokens(text))


@lru_cache(maxsize=TEXT_CACHE)
def extract_quotes(text: str) -> tuple[_Quote, ...]:
    """Every quotation, in order, between double marks or curly single ones."""
    spans = _double_quoted(text) if _ANY_QUOTE_MARK.may_match(text) else []
    if _SINGLE_QUOTE.may_match(text):
        spans += [m.span("single") for m in _SINGLE_QUOTE.finditer(text)]
    quotes = []
    for start, end in sorted(spans):
        start = max(start, end - _LONGEST_QUOTE)
        content = text[start:end]
        stripped = content.strip()
        if _quote_key(stripped) and not _TITLE.fullmatch(stripped):
            quotes.append(_Quote(stripped, start + content.index(stripped[0])))
    return tuple(quotes)


# A title in quotation marks ("The Matrix Reloaded", "Late Edition"): up to six words, each
# capitalised or a short function word, not a quotation of anyone's words.
_TITLE = regex_cache.compile(
    r"(?:[A-Z][\w’'&:-]*|of|the|a|an|and|in|on|for|to|at)(?:\s+(?:[A-Z0-9][\w’'&:-]*|of|the|a|an|and|in|on|for|to|at)){0,5}[,.!?]?"
)


def _double_quoted(text: str) -> list[tuple[int, int]]:
    """The spans between double quotation marks. Marks pair up as they come; a closing mark
    with no opening one before it in its paragraph, and its speaker after it, closes a
    quotation begun in an earlier paragraph (or sentence, in an excerpt); an opening mark
    never closed runs to the paragraph's end: news quotes run over paragraphs, and
    excerpts cut them."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    paragraph_start, quoted_in_paragraph = 0, False
    for mark in _QUOTE_MARK.finditer(text):
        symbol = mark.group()
        if symbol == "\n":
            if opened is not None:
                spans.append((opened, mark.start()))
            opened, paragraph_start, quoted_in_paragraph = None, mark.end(), False
        elif opened is None:
            if _opens(symbol, text, mark.start(), mark.end()):
                opened = mark.end()
            elif not quoted_in_paragraph and _SAID_AFTER.match(text, mark.end()):
                spans.append((paragraph_start, mark.start()))
                quoted_in_paragraph = True
        elif symbol in _CLOSERS or symbol in {'"', "“"}:
            spans.append((opened, mark.start()))
            opened, quoted_in_paragraph = None, True
        else:
            opened = mark.end()  # a second opening mark: the first one was a stray
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def _opens(symbol: str, text: str, start: int, end: int) -> bool:
    """Whether a quotation mark opens a quotation: an opening mark, or a straight one with a
    word after it and none before it."""
    if symbol in _OPENERS:
        return True
    if symbol in _CLOSERS:
        return False
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not after.isspace() and not before.isalnum() and before not in ".,;!?…"


def _quote_kept(quote: _Quote, others: Sequence[_Quote]) -> bool:
    """Same words, or one quotation trimmed from the other (a shortened quote is still
    faithful), or the same words but for spaces ("multi-party" / "multiparty") or a name
    spelled another way ("al-Qaeda" / "al-Qaida"), or the same words in another order ("I
    don't know whether …" / "Whether …, I don't know")."""
    key, squashed = quote.key, quote.key.replace(" ", "")
    words = sorted(key.split())
    for other in others:
        other_key = other.key
        other_squashed = other_key.replace(" ", "")
        if (
            f" {other_key} " in f" {key} "
            or f" {key} " in f" {other_key} "
            or other_squashed in squashed
            or squashed in other_squashed
            or _respelled(key, other_key)
            or sorted(other_key.split()) == words
        ):
            return True
    return False


def _respelled(key: str, other: str) -> bool:
    words, others = key.split(), other.split()
    return len(words) == len(others) and all(
        a == b or transliterated(a, b) for a, b in zip(words, others, strict=True)
    )


def _quote_word_changes(quote: str, partner: str, elsewhere: str) -> list[str]:
    """Which words of a quotation changed, e.g. ``["“reckless” → “careless”"]``; [] if none.

    Words the partner adds at either end that the original passage holds anyway, outside
    this quotation, are another quotation (or the writer's words) merged into this one,
    not a change of it.
    """
    a, b = _quote_tokens(quote), _quote_tokens(partner)
    written_a, written_b = quote.split(), partner.split()
    opcodes = difflib.SequenceMatcher(
        a=[t for t, _ in a], b=[t for t, _ in b], autojunk=False
    ).get_opcodes()
    elsewhere_key = f" {_quote_key(elsewhere)} "
    while opcodes and _merged_in(opcodes[0], b, elsewhere_key):
        opcodes.pop(0)
    while opcodes and _merged_in(opcodes[-1], b, elsewhere_key):
        opcodes.pop()
    parts = []
    for op, i1, i2, j1, j2 in opcodes:
        if op != "replace" and {t for t, _ in a[i1:i2] + b[j1:j2]} <= _OPTIONAL_WORDS:
            continue  # "My view is these" / "My view is that these"
        old = _written(written_a, a[i1:i2])
        new = _written(written_b, b[j1:j2])
        if op == "replace":
            parts.append(f"{curly(_strip_punct(old))} → {curly(_strip_punct(new))}")
        elif op == "delete":
            parts.append(f"{curly(_strip_punct(old))} removed")
        elif op == "insert":
            parts.append(f"{curly(_strip_punct(new))} added")
    return parts


# Words a quotation may gain or lose without saying anything else: the "that" English
# leaves out after a verb.
_OPTIONAL_WORDS = frozenset({"that"})


def _merged_in(
    opcode: tuple[str, int, int, int, int], tokens: list[tuple[str, int]], elsewhere: str
) -> bool:
    op, _, _, j1, j2 = opcode
    if op == "equal":
        return False
    return op == "insert" and f" {' '.join(t for t, _ in tokens[j1:j2])} " in elsewhere


def _written(words: list[str], tokens: list[tuple[str, int]]) -> str:
    """The written words the tokens came from."""
    indices = sorted({index for _, index in tokens})
    return " ".join(words[i] for i in indices)


def _strip_punct(text: str) -> str:
    return text.strip(".,;:!?\"'“”‘’()")


def compare_quotes(left: str, right: str) -> list[Found]:
    """Quotations changed word for word, or dropped.

    A quotation the rewrite keeps — whole, trimmed, re-punctuated, with its marks lost or
    merged with the next one — is no change. Any other is compared with the quotation
    of the sentence that became its sentence (:mod:`.pairing`) — the speaker kept, the
    words changed — or else with the rewrite's quotation sharing most of its words.
    """
    all_lefts = extract_quotes(left)
    if not all_lefts:
        return []  # every flag starts from a quotation on the left
    rights = list(extract_quotes(right))
    right_plain = f" {_quote_key(right)} "
    places = correspondence(left, right)
    found: list[Found] = []
    right_bare = f" {_bare_key(right)} "
    for quote in all_lefts:
        if (
            _quote_kept(quote, rights)
            or f" {quote.key} " in right_plain
            or f" {_bare_key(quote.text)} " in right_bare
        ):
            continue
        in_place = places.right_spans_for(quote.start, quote.start + len(quote.text))
        partner = _closest_quote(
            quote, [r for r in rights if within(r.start, in_place)], alone_will_do=True
        ) or _closest_quote(quote, rights, alone_will_do=False)
        if partner is None:
            reason = f"quote dropped: {curly(quote.text)}"
            found.append(flag("quote", HIGH, reason, words_at(quote.text, quote.start), None))
            continue
        elsewhere = left[: quote.start] + " " + left[quote.start + len(quote.text) :]
        change = _quote_change(quote, partner, elsewhere)
        if change:
            reason = f"quote changed: {change}"
            found.append(
                flag(
                    "quote",
                    HIGH,
                    reason,
                    words_at(quote.text, quote.start),
                    words_at(partner.text, partner.start),
                )
            )
    return found


def _overlap(quote: _Quote, other: _Quote) -> float:
    words, theirs = set(quote.key.split()), set(other.key.split())
    return len(words & theirs) / max(1, min(len(words), len(theirs)))


def _closest_quote(quote: _Quote, candidates: list[_Quote], alone_will_do: bool) -> _Quote | None:
    """The candidate sharing most of the quotation's words, if it shares half of them; or,
    with ``alone_will_do``, the only candidate (the one quotation of the sentence that
    became the quotation's sentence: the speaker kept, the words changed)."""
    if not candidates:
        return None
    best = max(candidates, key=lambda other: _overlap(quote, other))
    if _overlap(quote, best) >= 0.5 or (alone_will_do and len(candidates) == 1):
        return best
    return None


MAX_LISTED_EDITS = 2
"""A quotation with more edits than this is shown as its two wordings whole: a list of
six "“began” → “started”; “were” removed; …" is harder to read than the two sentences."""


def _quote_change(quote: _Quote, partner: _Quote, elsewhere: str) -> str:
    """The words that changed, when most were kept and few changed ("" if none did);
    otherwise both wordings whole."""
    if _overlap(quote, partner) >= 0.5:
        edits = _quote_word_changes(quote.text, partner.text, elsewhere)
        if len(edits) <= MAX_LISTED_EDITS:
            return "; ".join(edits)
    return f"{curly(quote.text)} → {curly(partner.text)}"


def unpaired_quotes(text: str) -> list[Unpaired]:
    """Quotations lost with a dropped paragraph or new in an added one."""
    return [Unpaired("quote", "quote", q.text, q.start) for q in extract_quotes(text)]


CHECK = FactCheck("quotes", compare_quotes, unpaired_quotes)
