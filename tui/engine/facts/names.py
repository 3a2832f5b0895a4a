"""Names: a name respelled ("Haldane" -> "Haldan") in an otherwise kept passage.

A name word is a capitalised word that is not a function word, title, month
or day, and either sits mid-sentence, runs into another capitalised word
("Maria Lopez"), is followed by a speech verb ("Lopez said") or recurs as a
name elsewhere. A name with no exact match on the other side but a close
respelling there is flagged; word forms ("Russia"/"Russian") are not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Set
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from tui.engine.facts.attribution import SPEECH_VERB_AFTER, find_speech_verb
from tui.engine.facts.check import HIGH, FactCheck, Found, flag
from tui.engine.facts.text import (
    NOT_NAMES,
    POSSESSIVE,
    TEXT_CACHE,
    blanked_holds,
    curly,
    name_key,
    word_keys,
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


@lru_cache(maxsize=TEXT_CACHE)
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
            word = POSSESSIVE.sub("", word)
        word = word.rstrip("-")
        if len(word) < 2 or not word[0].isupper() or word.lower() in NOT_NAMES:
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
    word = _CAPITALISED.search(text, run_start)
    return word is not None and word.start() == start


@lru_cache(maxsize=TEXT_CACHE)
def _names(text: str) -> tuple[_NameWord, ...]:
    """:func:`_find_names`, skipped where it cannot find anything (most passages of plain prose)."""
    return _find_names(text) if _may_hold_names(text) else ()


def _may_hold_names(text: str) -> bool:
    """Whether ``text`` may hold a capital not at a sentence start, one before another
    capitalised word, or a speech verb. In most passages every capital opens a sentence
    (after ". ") before a lower-case word: one search tells that no name is there."""
    return _MAY_OPEN_NAME.search(text) is not None or blanked_holds(text, find_speech_verb)


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
            or SPEECH_VERB_AFTER.match(text, end)
        ):
            names.append(word)
    return tuple(names)


_CAPITAL_AFTER = re.compile(r"['’]?s?\s+[A-Z]")


# Endings that turn a name into another word form: "Russia"/"Russian",
# "American"/"Americans", "Israel"/"Israeli" are not misspellings.
_WORD_FORM_ENDINGS = ("s", "es", "n", "an", "ian", "ans", "ns", "i", "ese", "ish", "ic")


def _near_miss(name: str, other: str) -> bool:
    """``other`` reads as ``name`` with one letter (two in long names) changed, added or dropped."""
    a, b = name_key(name), name_key(other)
    if a == b:
        return False
    limit = 1 if min(len(a), len(b)) <= 5 else 2
    same_shape = a[0] == b[0] or abs(len(a) - len(b)) <= 1
    return same_shape and OSA.distance(a, b) <= limit


def _word_form(a: str, b: str) -> bool:
    short, long = sorted((name_key(a), name_key(b)), key=len)
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
        for key in {name_key(name) for name in names}:
            right_by_key[key].append(names)
    for run in (r for r in _name_runs(left) if len(r) > 1):
        near_runs = dict.fromkeys(
            names for w in run for names in right_by_key.get(name_key(w.text), ())
        )
        for word in (w for w in run if name_key(w.text) not in right_words):
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
    candidates = list(dict.fromkeys(c for c in candidates if name_key(c) not in left_words))
    found = []
    for name in _names(left):
        if len(name.text) < 4 or name_key(name.text) in right_words:
            continue
        near = next(
            (c for c in candidates if _near_miss(name.text, c) and not _word_form(name.text, c)),
            None,
        )
        if near is not None:
            candidates.remove(near)
            found.append((name, near))
    return found


def compare_names(left: str, right: str) -> list[Found]:
    """Names on the left with no exact match on the right but a near miss there."""
    if not _names(left):
        return []
    left_words, right_words = word_keys(left), word_keys(right)
    pairs = _misspelt_in_full_names(left, right, right_words) + _misspelt_alone(
        left, right, left_words, right_words
    )
    found: list[Found] = []
    seen: set[str] = set()
    for name, near in pairs:
        if name_key(name.text) not in seen:
            seen.add(name_key(name.text))
            reason = f"possible misspelling: {curly(name.text)} → {curly(near)}"
            found.append(flag("name", HIGH, name.text, near, reason, name.start))
    return found


def _lowercase_words(text: str) -> set[str]:
    """Words written in lower case somewhere: a capitalised form of these is just a sentence start."""
    return {m.group() for m in re.finditer(r"(?<![\w’'])[a-z][\w’'-]*", text)}


CHECK = FactCheck("names", compare_names)
