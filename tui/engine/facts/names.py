"""Names: a name respelled ("Haldane" -> "Haldan") in an otherwise kept passage.

A name word is a capitalised word that is not a function word, title, month
or day, and either sits mid-sentence, runs into another capitalised word
("Maria Lopez"), is followed by a speech verb ("Lopez said") or recurs as a
name elsewhere. A name with no exact match on the other side but a close
respelling there is flagged; word forms ("Russia"/"Russian") are not.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from tui.engine import regex_cache
from tui.engine.facts.attribution import SPEECH_VERB_AFTER, find_speech_verb
from tui.engine.facts.check import HIGH, FactCheck, Found, Words, flag, words_at
from tui.engine.facts.pairing import Correspondence, correspondence, within
from tui.engine.facts.text import (
    NAME_CONNECTORS,
    NOT_NAMES,
    POSSESSIVE,
    TEXT_CACHE,
    blanked_holds,
    curly,
    name_key,
    word_keys,
)
from tui.engine.facts.variants import (
    COMPANY_ENDINGS,
    abbreviates,
    near_miss,
    same_name,
    skeleton,
    word_form,
)

# A capitalised word, possibly with inner capitals/apostrophes/hyphens (McDonald, O'Brien, Smith-Jones).
_CAPITALISED = regex_cache.compile(r"(?<![\w’'])[^\W\d_][\w’'-]*")
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
_BOUNDARY_OR_CAPITAL = regex_cache.compile(
    rf"""[.!?…\n:;“"‘«(\[—–\-{_CAPITAL_OR_NON_ASCII}]"""
    r"""(?:(?<=[.!?…])["'”’)\]]*\s+|(?<=\n)\s*|(?<=[:;])\s+|(?<=[“"‘«(\[])\s*|(?<=[—–-])\s+"""
    rf"""|{_OPENS_WORD}(?P<rest_of_word>[\w’'-]*))"""
)
# A capitalised word (as _BOUNDARY_OR_CAPITAL finds it) that may be a name,
# for a test cheaper than finding the words: one neither at the start of the
# text nor right after ". ", where it opens a sentence for certain, or one
# that runs into a space and a capital ("Maria Lopez").
_MAY_OPEN_NAME = regex_cache.compile(
    rf"[{_CAPITAL_OR_NON_ASCII}]{_OPENS_WORD}(?:(?<!^.)(?<![.!?…] .)|[\w’'-]*(?=\s+[A-Z]))"
)
_SPACE = regex_cache.compile(r"\s+")
_WORD_RUN_CHARACTER = regex_cache.compile(r"[\w’'-]")


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


_CAPITAL_AFTER = regex_cache.compile(r"['’]?s?\s+[A-Z]")


def _misspelling(name: str, other: str) -> bool:
    return near_miss(name, other) and not same_name(name, other)


# Longer runs of capitalised words are headlines or shouting, not one name: capped, so a
# text of capitalised words costs a name check per word, not per pair of words.
_LONGEST_NAME = 6


def _name_runs(text: str) -> list[list[_NameWord]]:
    """Name words grouped into runs written together ("Henrike Vos", "Ursula von der Leyen")."""
    runs: list[list[_NameWord]] = []
    for word in _names(text):
        previous = runs[-1][-1] if runs else None
        if (
            previous
            and len(runs[-1]) < _LONGEST_NAME
            and _NAME_GAP.fullmatch(text, previous.start + len(previous.text), word.start)
        ):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


_NAME_GAP = regex_cache.compile(rf"\s+(?:(?:{'|'.join(sorted(NAME_CONNECTORS))})\s+)*")


def _run_text(text: str, run: list[_NameWord]) -> str:
    return text[run[0].start : run[-1].start + len(run[-1].text)]


def _in(word: _NameWord, spans: list[tuple[int, int]]) -> bool:
    return within(word.start, spans)


def _possessive_unmarked(name: str, other: str, text: str, other_text: str) -> bool:
    """One of the two is the other's possessive with its apostrophe lost: "Day's" written
    "Days", "Kohl's" written "Kohls"."""
    short, long = sorted((name, other), key=len)
    if name_key(long) != name_key(short) + "s":
        return False
    written = re.compile(rf"\b{re.escape(short)}['’]s\b")
    return written.search(text) is not None or written.search(other_text) is not None


def _misspellings(left: str, right: str) -> list[tuple[_NameWord, _NameWord]]:
    """Left name words with no exact match on the right but a close respelling in the
    sentence that became theirs, or the paragraph's only one. Short names (under four letters) count only inside a full
    name whose other part is unchanged ("Petra Haldane" -> "Petra Haldan")."""
    left_words, right_words = word_keys(left), word_keys(right)
    lowercase = _lowercase_words(left + " " + right)
    # Near misses: right names, and long sentence-initial capitalised words that are not
    # ordinary words written in lower case elsewhere ("Kowalcyk, who ..." opening a sentence).
    candidates = [n for n in _names(right) if name_key(n.text) not in left_words] + [
        w
        for w in _name_words(right)
        if w.sentence_initial
        and len(w.text) >= 5
        and w.text.lower() not in lowercase
        and name_key(w.text) not in left_words
    ]
    places = correspondence(left, right)
    found = []
    for run in _name_runs(left):
        in_full_name = len(run) > 1 and any(name_key(w.text) in right_words for w in run)
        for name in run:
            key = name_key(name.text)
            if key in right_words or (len(name.text) < 4 and not in_full_name):
                continue
            spans = places.right_spans_for(name.start, name.start + len(name.text))
            near = _respelling(name, candidates, spans, left, right)
            if near is not None:
                candidates.remove(near)
                found.append((name, near))
    return found


def _respelling(
    name: _NameWord,
    candidates: list[_NameWord],
    spans: list[tuple[int, int]],
    left: str,
    right: str,
) -> _NameWord | None:
    """The candidate that respells ``name``: the first in the sentence that became its own, or
    else the paragraph's only one. (The name may have moved to another sentence of the rewrite:
    "..., said Tobias Wrenfield" -> "Tobias Wrenfeld told reporters: ...".)"""

    def respells(candidate: _NameWord) -> bool:
        return _misspelling(name.text, candidate.text) and not _possessive_unmarked(
            name.text, candidate.text, left, right
        )

    here = next((c for c in candidates if _in(c, spans) and respells(c)), None)
    if here is not None:
        return here
    elsewhere = [c for c in candidates if respells(c)]
    return elsewhere[0] if len(elsewhere) == 1 else None


# Words that make a name's run a title or a role, not a name: "First Lady", "Prime Minister".
_TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady first president vice prime minister secretary
    general chief judge justice detective officer sen senator rep representative governor gov
    mayor king queen prince princess pope chairman chairwoman chair ceo spokesman spokeswoman
    director leader brig gen col capt sgt lt cmdr adm premier chancellor ambassador""".split()
)


def _is_title(run: list[_NameWord]) -> bool:
    return all(name_key(w.text).rstrip(".") in _TITLES for w in run)


# All-capital words of specifications ("MUST", "SHOULD NOT"): requirement levels, not names.
_REQUIREMENT_WORDS = frozenset("MUST SHOULD MAY SHALL NOT REQUIRED RECOMMENDED OPTIONAL".split())
# Words in or right after a name that make it an institution ("Justice Department", "the
# Bush administration"): a person and their institution stand for each other in rewrites.
_INSTITUTIONS = frozenset(
    """administration government department ministry office agency authorities officials
    spokesman spokeswoman spokesperson house kremlin council committee commission board""".split()
)
# A country and the city (or building) that stands for its government.
_METONYMS = {
    name: group
    for group in (
        frozenset(
            {"us", "usa", "united states", "america", "american", "washington", "white house"}
        ),
        frozenset({"uk", "britain", "united kingdom", "british", "london", "downing street"}),
        frozenset({"russia", "russian", "moscow", "kremlin"}),
        frozenset({"china", "chinese", "beijing"}),
        frozenset({"france", "french", "paris", "elysee"}),
        frozenset({"germany", "german", "berlin"}),
        frozenset({"japan", "japanese", "tokyo"}),
        frozenset({"iran", "iranian", "tehran"}),
        frozenset({"israel", "israeli", "jerusalem"}),
        frozenset({"north korea", "north korean", "pyongyang"}),
        frozenset({"ukraine", "ukrainian", "kyiv", "kiev"}),
        frozenset({"eu", "european union", "brussels"}),
        frozenset({"un", "united nations"}),
    )
    for name in group
}


def _vanished_runs(text: str, other: str) -> list[list[_NameWord]]:
    """The stretches of name runs none of whose words is on the other side in any form
    ("Sara Kugler" of "Associated Press Writer Sara Kugler"), leaving out runs the other
    side abbreviates or spells out, titles and requirement words."""
    other_forms = [form for _, form in _written_forms(other)]
    stretches: list[list[_NameWord]] = []
    forms = _written_forms(text)
    for n, run in enumerate(_name_runs(text)):
        own = [form for runs, form in forms if runs[0] <= n <= runs[1]]
        if any(abbreviates(o, w) or abbreviates(w, o) for o in other_forms for w in own):
            continue
        if SPEECH_VERB_AFTER.match(text, run[-1].start + len(run[-1].text)):
            continue  # a claim's source: the attribution check compares those
        stretch: list[_NameWord] = []
        for word in [*run, None]:
            if word is not None and _gone(word, text, other):
                stretch.append(word)
            elif stretch:
                if not _is_title(stretch):
                    stretches.append(stretch)
                stretch = []
    return stretches


# Lower-case words that may stand inside a name an abbreviation stands for: "Americans with
# Disabilities Act" is the "ADA", "Centers for Disease Control" the "CDC".
_JOINER = regex_cache.compile(r"\s+(?:with|for|and|on|of|the|&)(?:\s+(?:the|and))?\s+")
_JOINED_RUNS = 3


def _written_forms(text: str) -> list[tuple[tuple[int, int], str]]:
    """Each name run as written (and without its company ending), and runs joined by a
    lower-case word ("Americans" + "with" + "Disabilities Act"), each with the first and
    last index of the runs it covers."""
    runs = _name_runs(text)
    forms = []
    for first, run in enumerate(runs):
        forms.append(((first, first), _run_text(text, run)))
        if len(run) > 1 and name_key(run[-1].text).rstrip(".") in COMPANY_ENDINGS:
            forms.append(((first, first), _run_text(text, run[:-1])))  # "IBM" of "IBM Corp."
        for last in range(first + 1, min(first + _JOINED_RUNS, len(runs))):
            previous_end = runs[last - 1][-1].start + len(runs[last - 1][-1].text)
            if not _JOINER.fullmatch(text, previous_end, runs[last][0].start):
                break
            end = runs[last][-1].start + len(runs[last][-1].text)
            forms.append(((first, last), text[run[0].start : end]))
    return forms


def _gone(word: _NameWord, text: str, other: str) -> bool:
    """No form of the word is on the other side (nor a respelling of it, which is reported
    as a possible misspelling instead)."""
    key = name_key(word.text)
    if (
        word.text in _REQUIREMENT_WORDS
        or key.rstrip(".") in COMPANY_ENDINGS  # "Co." of "Hewlett-Packard Co.": no name
        or _DIGIT.search(word.text)  # "I-70", "NZ75": a figure's, not a name's
        or _PARTY.fullmatch(word.text)
        or key in word_keys(other)
        or _shouted(text, word)
        or word.text.lower() in _lowercase_words(text + " " + other)
    ):
        return False  # a word the text also writes in lower case is a word, not a name
    return not any(same_name(key, o) or near_miss(key, o) for o in _words_like(other, key))


# Another capital word near a capital word: text set in capitals ("TWO HUNDRED
# DOLLARS", a licence's disclaimer), where capitals say nothing about names.
_CAPITAL_WORD = regex_cache.compile(r"\b[A-Z]{2,}\b")
_SHOUTING = 2


def _shouted(text: str, word: _NameWord) -> bool:
    if not word.text.isupper():
        return False
    nearby = text[max(0, word.start - 40) : word.start + len(word.text) + 40]
    return len(_CAPITAL_WORD.findall(nearby)) >= _SHOUTING


_DIGIT = regex_cache.compile(r"\d")


# A party and state after a politician's name: "R-Tenn.", "D-S.D."; and the parties.
_PARTY = regex_cache.compile(r"[RDI]-[A-Z][\w.]*|Republicans?|Democrats?|Democratic|Independent")


@lru_cache(maxsize=TEXT_CACHE)
def _word_index(text: str) -> dict[str, tuple[str, ...]]:
    """A text's word keys by first letter and by consonant skeleton, so a word is compared
    only with words that may be a form of it."""
    index: dict[str, list[str]] = defaultdict(list)
    for key in word_keys(text):
        index[key[:1]].append(key)
        index["#" + skeleton(key)].append(key)
    return {k: tuple(v) for k, v in index.items()}


def _words_like(text: str, key: str) -> tuple[str, ...]:
    index = _word_index(text)
    return index.get(key[:1], ()) + index.get("#" + skeleton(key), ())


def _changed_names(left: str, right: str) -> list[tuple[Words, Words]]:
    """Names replaced by another name in the sentence that became theirs.

    A stretch of a left name none of whose words survives on the right, in any form, stands
    where a stretch of a right name none of whose words was on the left now stands: the
    two sentences' words, diffed, put both in one short changed stretch. A name dropped
    with no name in its place, a name added, a name swapped for its institution or its
    country's capital ("Ashcroft" / "the Justice Department", "United States" /
    "Washington") is no change of name."""
    gone = _vanished_runs(left, right)
    if not gone:
        return []
    new = _vanished_runs(right, left)
    places = correspondence(left, right)
    changes = []
    for (left_span, left_words), (right_span, right_words) in _changed_stretches(
        left, right, places
    ):
        olds = [r for r in gone if within(r[0].start, [left_span])]
        news = [r for r in new if within(r[0].start, [right_span])]
        if left_words > _named_share(olds) or right_words > _named_share(news):
            continue  # the names are a small part of a rewritten stretch: not one for one
        for old, replacement in zip(olds, news, strict=False):
            old_text, new_text = _run_text(left, old), _run_text(right, replacement)
            if _stand_for_each_other(old_text, new_text, left, right, old, replacement):
                continue
            new.remove(replacement)
            changes.append(
                (words_at(old_text, old[0].start), words_at(new_text, replacement[0].start))
            )
    return changes


def _named_share(runs: list[list[_NameWord]]) -> int:
    """How many words a replaced stretch may hold and still be its names swapped: the names'
    words and one more word for each ("Marc Humbert in Albany" / "Carolyn Thompson")."""
    return sum(len(run) + 1 for run in runs)


def _stand_for_each_other(
    old: str,
    new: str,
    left: str,
    right: str,
    old_run: list[_NameWord],
    new_run: list[_NameWord],
) -> bool:
    """A country and its capital or people, or a name and its institution."""
    group = _METONYMS.get(name_key(old).replace("-", " "))
    replacement = name_key(new).replace("-", " ")
    if group is not None and any(
        replacement == member or word_form(replacement, member) for member in group
    ):
        return True
    return _institution(left, old_run) != _institution(right, new_run)


def _institution(text: str, run: list[_NameWord]) -> bool:
    after = _WORD_AFTER.match(text, run[-1].start + len(run[-1].text))
    words = [name_key(w.text) for w in run] + ([after.group(1).lower()] if after else [])
    return any(word in _INSTITUTIONS for word in words)


_WORD_AFTER = regex_cache.compile(r"\s+(\w+)")


def _changed_stretches(
    left: str, right: str, places: Correspondence
) -> list[tuple[tuple[tuple[int, int], int], tuple[tuple[int, int], int]]]:
    """The stretches of text that differ between each left sentence and what it became:
    ((left span, words), (right span, words)) for every run of words replaced."""
    stretches = []
    for i, sentence in enumerate(places.left):
        partners = sorted(j for a, j in places.links if a == i)
        if not partners:
            continue
        right_start, right_end = places.right[partners[0]].start, places.right[partners[-1]].end
        a = _keyed_words(left, sentence.start, sentence.end)
        b = _keyed_words(right, right_start, right_end)
        matcher = difflib.SequenceMatcher(
            a=[k for k, _, _ in a], b=[k for k, _, _ in b], autojunk=False
        )
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace":
                stretches.append(
                    (((a[i1][1], a[i2 - 1][2]), i2 - i1), ((b[j1][1], b[j2 - 1][2]), j2 - j1))
                )
    return stretches


def _keyed_words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [
        (name_key(m.group()), start + m.start(), start + m.end())
        for m in _HYPHENATED.finditer(text[start:end])
    ]


_HYPHENATED = regex_cache.compile(r"[^\W_][\w’'-]*")


def compare_names(left: str, right: str) -> list[Found]:
    """Names misspelt, or replaced by another name, in the sentence that became theirs."""
    if not _names(left):
        return []
    found: list[Found] = []
    seen: set[str] = set()
    for name, near in _misspellings(left, right):
        if name_key(name.text) not in seen:
            seen.add(name_key(name.text))
            reason = f"possible misspelling: {curly(name.text)} → {curly(near.text)}"
            found.append(
                flag(
                    "name",
                    HIGH,
                    reason,
                    words_at(name.text, name.start),
                    words_at(near.text, near.start),
                )
            )
    for old, new in _changed_names(left, right):
        if name_key(old.text) not in seen:
            reason = f"name changed: {curly(old.text)} → {curly(new.text)}"
            found.append(flag("name", HIGH, reason, old, new))
    return found


@lru_cache(maxsize=TEXT_CACHE)
def _lowercase_words(text: str) -> frozenset[str]:
    """Words written in lower case somewhere: a capitalised form of these is just a sentence start."""
    return frozenset(m.group() for m in _LOWERCASE_WORD.finditer(text))


_LOWERCASE_WORD = regex_cache.compile(r"(?<![\w’'])[a-z][\w’'-]*")


CHECK = FactCheck("names", compare_names)
