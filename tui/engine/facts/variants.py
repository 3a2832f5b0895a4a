"""How one name or word is written in other forms: not a change of fact.

A respelling a rewrite may make without changing who or what it names: a word
form or demonym ("China" / "Chinese", "France" / "French"), a short form
("Tim" / "Timothy", "Tenn." / "Tennessee"), British or American spelling
("Labour" / "Labor"), a transliteration ("Odai" / "Uday", "al-Qaeda" /
"al-Qaida"). What is left close to a name — one or two letters apart — is a
possible misspelling (:func:`near_miss`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

from tui.engine import regex_cache
from tui.engine.facts.text import NAME_CONNECTORS, fold_accents, name_key

# Spellings that differ between English varieties, as (ending, folded ending): the
# British form folded to the American one.
_VARIETY_ENDINGS = (
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ours", "ors"),
    ("our", "or"),
    ("ogue", "og"),
    ("lled", "led"),
    ("lling", "ling"),
    ("tre", "ter"),
    ("ence", "ense"),  # "Defence" / "Defense", "licence" / "license"
)


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """A lower-case word with British spellings folded to American ones ("colour", "color").

    Only long words are folded ("our" and "tour" stay), so a short word never turns into
    another one.
    """
    if len(word) < 6:
        return word
    for ending, folded_ending in _VARIETY_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + folded_ending
    return word


_VOWELS = frozenset("aeiouyhw")  # h and w too: "Falluja" / "Fallujah", "Ouda" / "Uwda"
# Names this long or longer keep their vowels across spellings: one changed late is a slip.
_LONG_NAME = 7


def skeleton(word: str) -> str:
    """The consonants of a lower-case word in order: "muqtada" -> "mqtd"."""
    return "".join(c for c in word if c not in _VOWELS)


def _first_syllable_end(word: str) -> int:
    """Where the first run of vowels ends: "muqtada" -> 2, "odai" -> 1."""
    n = 0
    while n < len(word) and word[n] not in _VOWELS:
        n += 1
    while n < len(word) and word[n] in _VOWELS:
        n += 1
    return n


@lru_cache(maxsize=65536)
def transliterated(a: str, b: str) -> bool:
    """Two spellings of one foreign name ("Qaeda" / "Qaida", "Muqtada" / "Moqtada", "Odai" /
    "Uday", "Falluja" / "Fallujah"): the same consonants in the same order, and vowels that
    differ inside a short name ("Ahmad" / "Ahmed", not "Hilde" / "Hilda"), in the first
    syllable, inside a pair of vowels, by a final "h", or only as a long vowel written
    doubled or single ("Rasheed" / "Rashid").

    In a long name, a vowel changed late in the word, alone, stays a possible misspelling
    ("Salvesen" / "Salveson", "Extremadura" / "Extramadura"), and so does any consonant
    changed ("Qiang" / "Qian").
    """
    a, b = fold_accents(a), fold_accents(b)
    if a == b or skeleton(a) != skeleton(b):
        return False
    if _long_vowels_folded(a) == _long_vowels_folded(b):
        return True  # "Rasheed" / "Rashid", "Mahmood" / "Mahmud": one long vowel, two spellings
    shorter, longer = sorted((a, b), key=len)
    if longer == shorter + "h" or (len(longer) < _LONG_NAME and a[-1] == b[-1]):
        return True
    first = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(shorter))
    if first < _first_syllable_end(shorter):
        return True
    around = a[max(0, first - 1) : first + 2] + b[max(0, first - 1) : first + 2]
    return sum(c in "aeiou" for c in around) >= 4  # "ae" / "ai": a pair of vowels changed


# Long vowels as transliterations spell them: "ee" or "i", "oo", "ou" or "u".
_LONG_VOWELS = regex_cache.compile(r"ee|oo|ou")
_LONG_VOWEL_SHORT = {"ee": "i", "oo": "u", "ou": "u"}


def _long_vowels_folded(word: str) -> str:
    return _LONG_VOWELS.sub(lambda m: _LONG_VOWEL_SHORT[m.group()], word)


# Endings that turn a name into another word form: "Russia"/"Russian",
# "American"/"Americans", "Israel"/"Israeli", "China"/"Chinese", "Germany"/"German"
# are not misspellings (the shorter form may lose a final vowel first: "chin-ese").
_WORD_FORM_ENDINGS = frozenset(
    "s es n an ian ean ans ians ns i is ese ish ic y ns ites ite".split()
)
# Demonyms not made by an ending, but close enough to read as a respelling.
_DEMONYMS = frozenset(
    frozenset(pair)
    for pair in (
        ("france", "french"),
        ("greece", "greek"),
        ("wales", "welsh"),
        ("britain", "british"),
        ("spain", "spanish"),
        ("sweden", "swedish"),
        ("denmark", "danish"),
        ("poland", "polish"),
        ("turkey", "turkish"),
        ("ireland", "irish"),
        ("finland", "finnish"),
        ("norway", "norwegian"),
        ("scotland", "scottish"),
        ("england", "english"),
        ("thailand", "thai"),
        ("peru", "peruvian"),
        ("portugal", "portuguese"),
        ("netherlands", "dutch"),
        ("switzerland", "swiss"),
        ("philippines", "filipino"),
    )
)


# Abbreviations that are not a cut of their word (or not of only one): the postal and
# newspaper abbreviations of place and company names.
ABBREVIATIONS = {
    "st": frozenset({"saint", "street"}),
    "mt": frozenset({"mount", "mountain"}),
    "ft": frozenset({"fort"}),
    "sgt": frozenset({"sergeant"}),
    "ave": frozenset({"avenue"}),
    "rd": frozenset({"road"}),
    "blvd": frozenset({"boulevard"}),
    "co": frozenset({"company", "county"}),
    "corp": frozenset({"corporation"}),
    "dept": frozenset({"department"}),
    "intl": frozenset({"international"}),
    "natl": frozenset({"national"}),
    "assn": frozenset({"association"}),
    "bros": frozenset({"brothers"}),
}


def near_miss(name: str, other: str) -> bool:
    """``other`` reads as ``name`` with one letter (two in long names) changed, added or dropped."""
    a, b = name_key(name), name_key(other)
    if a == b:
        return False
    limit = 1 if min(len(a), len(b)) <= 5 else 2
    same_shape = a[0] == b[0] or abs(len(a) - len(b)) <= 1
    return same_shape and OSA.distance(a, b) <= limit


def same_name(a: str, b: str) -> bool:
    """One name in another form, not another name: the same key or spelling ("Labor" /
    "Labour"), a short form ("Tim" / "Timothy"), a word form or demonym ("China" /
    "Chinese", "France" / "French"), a transliteration ("Odai" / "Uday"), or the same
    letters with those outside ASCII lost to an encoding ("Café" / "Caf")."""
    if _non_ascii_lost(a, b) or _non_ascii_lost(b, a):
        return True
    key_a, key_b = name_key(a), name_key(b)
    if key_a == key_b or spelling_key(key_a) == spelling_key(key_b):
        return True
    if key_a.replace("-", "") == key_b.replace("-", ""):
        return True  # "WiFi" / "Wi-Fi"
    short, long = sorted((key_a, key_b), key=len)
    shortened = (
        len(short) >= 3 and len(long) >= len(short) + 2 and long.startswith(short)
    ) or long in ABBREVIATIONS.get(short, ())  # "Tim" / "Timothy", "Tenn" / "Tennessee"
    return shortened or word_form(key_a, key_b) or transliterated(key_a, key_b)


# What an encoding that cannot write a letter leaves in its place: nothing, "?" or U+FFFD.
_LOST_LETTER = regex_cache.compile(r"[^\x00-\x7f]")


def _non_ascii_lost(written: str, other: str) -> bool:
    """``other`` is ``written`` with its non-ASCII letters dropped or replaced by a mark, as a
    page saved in the wrong encoding shows it."""
    if written.isascii():
        return False
    return other.casefold() in {
        _LOST_LETTER.sub(mark, written).casefold() for mark in ("", "?", "\ufffd")
    }


def word_form(a: str, b: str) -> bool:
    if frozenset((a, b)) in _DEMONYMS:
        return True
    short, long = sorted((a, b), key=len)
    if long in (short + "s", short + "es"):
        # A plural ("Americans"), or a possessive without its apostrophe; a short name
        # with an "s" more is as likely a slip ("Vos" / "Voss").
        return len(short) >= _PLURAL_STEM
    stems = (short, short[:-1]) if short[-1:] in "aeiouy" else (short,)
    return any(long.startswith(stem) and long[len(stem) :] in _WORD_FORM_ENDINGS for stem in stems)


_PLURAL_STEM = 5


_DETERMINER = regex_cache.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SKIPPED = NAME_CONNECTORS | {"the", "a", "an", "with", "for", "and", "on", "&"}


def abbreviates(short: str, run_text: str) -> bool:
    """``short`` stands for ``run_text``: its initials ("ATA", "U.N.") or a cut of one
    word ("Tenn." for "Tennessee")."""
    letters = _letters(short)
    words = _named_words(run_text)
    if len(letters) < 2 or not words:
        return False
    # An all-capital word gives all its letters: "UC San Diego" is "UCSD".
    initials = "".join(w if w.isupper() else w[0] for w in words).lower()
    if len(words) == 1:
        return (
            len(letters) >= 3
            and initials.startswith(letters)
            or words[0].lower() in ABBREVIATIONS.get(letters, ())
        )
    # A prefix before a hyphen may give no letter: "NPT" is the "Nuclear Non-Proliferation
    # Treaty".
    return letters in (initials, _initials_without_prefixes(run_text))


# Prefixes written with a hyphen that initials may skip.
_HYPHEN_PREFIXES = frozenset("non anti pro co post pre semi multi inter trans sub self".split())


@lru_cache(maxsize=4096)
def _initials_without_prefixes(run_text: str) -> str:
    words = [
        w
        for w in _PREFIXED.sub(lambda m: "" if m[1].lower() in _HYPHEN_PREFIXES else m[0], run_text)
        .replace("-", " ")
        .split()
    ]
    named = [w for w in _LETTER_WORD.findall(" ".join(words)) if w.lower() not in _SKIPPED]
    return "".join(w if w.isupper() else w[0] for w in named).lower()


_PREFIXED = regex_cache.compile(r"\b([^\W\d_]+)-(?=[^\W\d_])")


# Each run of a passage is compared with each of the other's, so its letters and words are
# worked out once, not once per pair (a passage of capitalised words: minutes).
@lru_cache(maxsize=4096)
def _letters(short: str) -> str:
    return "".join(c for c in _DETERMINER.sub("", short) if c.isalpha()).lower()


@lru_cache(maxsize=4096)
def _named_words(run_text: str) -> tuple[str, ...]:
    words = [w for w in _LETTER_WORD.findall(run_text) if w.lower() not in _SKIPPED]
    while len(words) > 1 and words[-1].lower() in COMPANY_ENDINGS:
        words.pop()
    return tuple(words)


_LETTER_WORD = regex_cache.compile(r"[^\W\d_]+")


# Endings a company's initials leave out: "GE" for "General Electric Co."
COMPANY_ENDINGS = frozenset("co corp inc ltd plc llc group company corporation".split())
