"""Stance: a negation that appeared or vanished, a hedge added or dropped, a modal shift.

Word-level markers (negation, hedging, modals) are compared by their
*scope* — the content words they govern — so a negation only counts as
removed when the words it negated are still there without it, and a
marker rewritten together with its clause is no flip.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Set
from dataclasses import dataclass, replace
from functools import cache

from rapidfuzz.distance import OSA

from tui.engine import regex_cache
from tui.engine.facts.check import HIGH, MEDIUM, FactCheck, Found, Words, flag
from tui.engine.facts.pairing import correspondence, within
from tui.engine.facts.text import (
    SCOPE_SKIP,
    Guarded,
    blanked_holds,
    curly,
    sentence_around,
    stem,
    text_stems,
    text_words,
    unmatched,
    word_finder,
    word_starts,
)
from tui.engine.model import Severity

# NEGATION: words that flip a statement. "Not only", "not just", "no doubt",
# "isn't until" and "whether or not" do not negate anything and are skipped. Verbs that
# negate their complement ("declined to comment", "omit to send") and adjectives that
# are a "not" ("unable", "infeasible") count, so "did not comment" / "declined to
# comment" and "not feasible" / "infeasible" balance out; so do their nouns ("IE's failure
# to determine" / "IE does not determine", "inability to"). A "not" inside a hyphenated
# compound ("the do-not-call list") and a figure that "declined to $36.9 billion" negate
# nothing.
_NEGATION = Guarded(
    regex_cache.compile(
        r"""
        \b(?:
            (?P<skip>not\s+(?:only|just|least|merely|until)|[a-z]*n['’]t\s+until|no\s+(?:doubt|matter|sooner)|or\s+not|nothing\s+but)
          | no\s+longer | no\s+one | (?<!-)not(?!-) | never | (?:has|have|had|is|are|was|were)\s+yet\s+to | hardly | barely | scarcely | rarely | seldom
          | no(?!\.?\s*\d)(?!\s+(?:if|whether|the|a|an|that)\b) | none | nobody | nothing | neither | nor | without | lack(?:s|ed|ing)?
          | cannot | [a-z]+n['’]t | (?:do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)nt
          | (?:refus|declin)(?:e|es|ed|ing|s|al)?(?:,[^,.;]{1,40},)?\s+(?:to(?!\s*[$£€\d])|comment)
          | (?:fail|omit)(?:s|ed|ted|ing|ting|ure|ures)?(?:,[^,.;]{1,40},)?\s+to
          | inability\s+to
          | unable | unsuccessful(?:ly)? | impossible | infeasible
        )\b
        """,
        re.IGNORECASE | re.VERBOSE,
    ),
    # All whole words as \b splits them: "don't" ends in the word "t", and a verb
    # before "to" is its stem and ending ("declined"), so no fragment search is needed.
    words=frozenset(
        """not never yet hardly barely scarcely rarely seldom no none nobody nothing neither nor
        without lack lacks lacked lacking cannot t dont doesnt didnt isnt arent wasnt werent hasnt havent hadnt couldnt
        wouldnt shouldnt mustnt neednt unable unsuccessful unsuccessfully impossible
        infeasible inability""".split()
        + [
            verb + ending
            for verb in ("refus", "declin", "fail", "omit")
            for ending in ("", "e", "es", "ed", "ted", "ing", "ting", "s", "al", "ure", "ures")
        ]
    ),
)

# HEDGE: words that present a claim as uncertain, second-hand or only usual. Modal verbs
# of possibility (may, might, could) are hedges too; see _MODAL. "Estimated" is one as a
# verb ("Bremer estimated that"), not before a figure ("an estimated 310 million"), where
# it belongs to the figure.
_HEDGE = Guarded(
    regex_cache.compile(
        r"""
        \b(?:
            allegedly | alleged | reportedly | apparently | purportedly | supposedly | possibly
          | probably | probable | perhaps | unconfirmed | suspected
          # "likely", but not a likelihood compared ("more likely to", "less likely than",
          # "students are most likely to be taught by"): a finding, not a hedge
          | (?<!more\ )(?<!most\ )(?<!less\ )(?<!least\ )likely
          | (?<=more\ |most\ |less\ )likely(?!\s+(?:to|than)\b) | (?<=least\ )likely(?!\s+(?:to|than)\b)
          | (?:be|is|are|was|were)\s+an?\s+potential  # "a potential setback", not "potential users"
          | (?<=\ba\ )possible | (?<=\bthe\ )possible
          | (?<!\ban\ )(?<!\bthe\ )estimat(?:es|ed|ing)(?!\s+(?:of\b|at\s+[$£€\d]|\d|[$£€]))
          | (?P<usually>usually|generally|typically|commonly|normally|often|frequently|rarely|seldom)
          | sometimes | occasionally
          | (?<!have\ )(?<!has\ )(?<!had\ )(?:appears?|appeared|seems?|seemed)\s+to
          | (?:is|are|was|were)(?:\s+(?:also|still|now|widely))?
            \s+(?:(?:expected|believed|thought|understood|said|reported)\s+to|reported\s+as)
          | (?P<plan>(?:is|are|was|were)\s+(?:scheduled|set|due)\s+to
              | (?:expects?|hopes?|plans?|planned|hoped)\s+to | predicts? | predicted | forecasts?)
          | pourrai[st]? | pourraient | peut-être | probablement | apparemment | semblen?t | devraient | devrait
          | podría[ns]? | quizás? | probablemente | supuestamente | al\ parecer
          | könnten? | vielleicht | wahrscheinlich | angeblich | möglicherweise
        )\b
        """,
        re.IGNORECASE | re.VERBOSE,
    ),
    words=frozenset(
        """allegedly alleged reportedly apparently purportedly supposedly possibly probably probable
        perhaps likely unconfirmed suspected potential possible estimates estimated
        estimating usually generally typically commonly normally often frequently
        sometimes occasionally rarely seldom appear appears appeared seem seems seemed expected believed
        thought understood said reported scheduled set due expects expect hope hopes hoped plan plans planned predict predicts
        predicted forecast forecasts pourrai pourrais pourrait pourraient peut probablement apparemment semblet semblent devraient
        devrait podría podrían podrías quizá quizás probablemente supuestamente parecer könnte könnten
        vielleicht wahrscheinlich angeblich möglicherweise""".split()
    ),
)
# MODAL: verbs that set how certain or binding a claim is. Pairs in
# _MODAL_EQUIVALENTS are tense or register variants, not shifts in meaning
# ("will" -> "would" is reported speech; "may" -> "might" is style).
_MODAL = Guarded(
    regex_cache.compile(
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
_find_stance_word = word_finder(frozenset[str]().union(*(guard.words for guard in _STANCE_GUARDS)))
_STANCE_GUARDS_BEYOND_WORDS = tuple(
    g for g in _STANCE_GUARDS if g.fragments or g.prefixes or g.digits
)


def _may_hold_stance(text: str) -> bool:
    """Whether any negation, modal or hedge guard may match ``text``."""
    return blanked_holds(text, _find_stance_word) or any(
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
# "May" of permission is "can" in prose ("you may want to add" / "you can display"), but not a
# specification's keyword "MAY" (RFC 2119), which the rewrite trades for a description.
_MODAL_EQUIVALENTS = frozenset({frozenset({"can", "could"}), frozenset({"can", "may"})})


def _equivalent_modals(a: _Marker, b: _Marker) -> bool:
    if frozenset({a.word, b.word}) not in _MODAL_EQUIVALENTS:
        return False
    return not any(m.word == "may" and m.surface[:3] == "MAY" for m in (a, b))


# Punctuation that ends the clause a marker governs.
_CLAUSE_END = regex_cache.compile(r"[.,;:!?\"“”()\[\]—–]")


@dataclass(frozen=True, slots=True)
class _Marker:
    """A negation, hedge or modal, with the stems of the content words it governs."""

    word: str
    start: int
    scope: frozenset[str]
    surface: str
    end: int = 0  # where the words it governs end
    head: str = ""  # the first word governed: the verb or noun a negation flips
    strength: str = ""  # modals only: "possible", "certain", "required", ...
    negated: bool = False  # followed by a negation: "won't", "would not"
    marker_end: int = 0  # where the marker's own words end

    @property
    def words(self) -> Words:
        return Words(self.surface, self.start, self.end)


#: How far after a marker its scope is looked for: far more than the few function words
#: ("not to be the", "may well have been") between a marker and what it governs.
_SCOPE_WORDS = 12


def _scope_after(text: str, end: int, limit: int = 2) -> tuple[list[str], int]:
    """Stems of the first ``limit`` content words after offset ``end`` in the same clause,
    in order, and where they end.

    Only the next :data:`_SCOPE_WORDS` words are read: a run of skipped words ("no no no
    …") once made each marker read the rest of the passage.
    """
    stems: list[str] = []
    last = end
    words = text_words(text)
    first = bisect_left(word_starts(text), end)
    for position in range(first, min(first + _SCOPE_WORDS, len(words))):
        word = words[position]
        if len(stems) == limit or _clause_ends(text, last, word.start, first_word=last == end):
            break
        bare = word.text.removesuffix("n't")
        if bare in SCOPE_SKIP or word.text.endswith("n't"):
            last = word.end
            continue
        stems.append(stem(bare))
        last = word.end
    return stems, last


def _clause_ends(text: str, start: int, end: int, first_word: bool) -> bool:
    """Whether punctuation between ``start`` and ``end`` ends the clause a marker governs; a
    comma right after the marker sets off a sentence adverb ("Generally, people use"), whose
    clause is the one after it."""
    gap = text[start:end]
    if first_word and gap.strip() == ",":
        return False
    return _CLAUSE_END.search(gap) is not None


def _markers(
    text: str, guard: Guarded, word_of: Callable[[re.Match[str]], str | None]
) -> list[_Marker]:
    markers = []
    for m in guard.finditer(text):
        word = word_of(m)
        if word is None:
            continue
        scope, scope_end = _scope_after(text, m.end())
        surface = " ".join(text[m.start() : scope_end].split())
        negated = _NEGATED.match(text, m.end()) is not None
        markers.append(
            _Marker(
                word,
                m.start(),
                frozenset(scope),
                surface,
                scope_end,
                scope[0] if scope else "",
                negated=negated,
                marker_end=m.end(),
            )
        )
    return markers


_NEGATED = regex_cache.compile(r"n['’]t\b|\s+(?:not|never)\b", re.IGNORECASE)


def _negation_word(m: re.Match[str]) -> str | None:
    """Every negation is one word: "won't" / "will not", "does not have" / "has no",
    "did not comment" / "declined comment" say the same."""
    return None if m["skip"] else "not"


def _hedge_word(m: re.Match[str]) -> str:
    """The hedge's stem, without its auxiliary or adverb: "is expected to" and "were also
    expected to" agree. A plan or forecast ("is scheduled to", "predicts") is
    :data:`_PLAN`; "usually", "generally", "often" and their like are one hedge."""
    if m["plan"]:
        return _PLAN
    if m["usually"]:
        return "usually"
    return " ".join(stem(w) for w in m.group().lower().split() if w not in _HEDGE_AUXILIARIES)


_HEDGE_AUXILIARIES = frozenset("is are was were also still now widely".split())


# A plan or a forecast: what a hedge of expectation may be restated as ("are scheduled to
# appear" / "are expected to appear"), so it keeps one paired; but a plan dropped or added
# is a rewording of what was planned, not a claim made more or less certain.
_PLAN = "plan"


def _modal_word(m: re.Match[str]) -> str | None:
    word = " ".join(m["modal"].lower().split())
    if m.group()[0].isupper() and not m.group().isupper() and word in {"may", "will"}:
        return None  # the month, or a first name (but "MAY" is a specification's keyword)
    return _MODAL_CANONICAL.get(word, word)


def _pair_by_scope(
    lefts: list[_Marker], rights: list[_Marker]
) -> tuple[list[tuple[_Marker, _Marker]], list[_Marker], list[_Marker]]:
    """Match markers governing the same content; returns (pairs, unmatched left, unmatched right).

    Each left marker takes the first right marker sharing the most governed
    stems; an index from stem to markers keeps this linear on long texts.
    """
    by_stem: dict[str, list[int]] = defaultdict(list)
    for position, marker in enumerate(rights):
        for governed in marker.scope:
            by_stem[governed].append(position)
    taken: set[int] = set()
    pairs: list[tuple[_Marker, _Marker]] = []
    left_over: list[_Marker] = []
    for marker in lefts:
        candidates = {
            p for governed in marker.scope for p in by_stem.get(governed, ()) if p not in taken
        }
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


def _flipped(
    lefts: list[_Marker],
    rights: list[_Marker],
    left: str,
    right: str,
    kept: Callable[[_Marker, Set[str]], bool],
) -> tuple[list[_Marker], list[_Marker]]:
    """Markers removed (left) or added (right) around content both sides still share.

    Markers are matched by what they govern, then by being the same word in the sentence
    that became theirs ("is expected to ratify" / "are expected to vote": one hedge,
    reworded; "won't investigate" / "will not begin an investigation": one negation).
    One still without a partner counts only if its content survives on the
    other side without it (a negation rewritten with its clause is no flip).
    """
    _, removed, added = _pair_by_scope(lefts, rights)
    removed = [m for m in removed if m.word != _PLAN]
    added = [m for m in added if m.word != _PLAN]
    if removed and added:  # the sentence pairing (the costly part) only pairs one of each
        places = correspondence(left, right)
        spans_for = cache(lambda start: places.right_spans_for(start, start))  # once per marker
        # A marker whose sentence became no right sentence cannot pair: left out of the
        # pairing, which tries every pair (2,500 "not" without a partner: 6 million tries).
        alone = [m for m in removed if not spans_for(m.start)]
        left_over, added = unmatched(
            [m for m in removed if spans_for(m.start)],
            added,
            lambda a, b: a.word == b.word and within(b.start, spans_for(a.start)),
        )
        removed = sorted(alone + left_over, key=lambda m: m.start)
    return [m for m in removed if kept(m, text_stems(right))], [
        m for m in added if kept(m, text_stems(left))
    ]


def _marker_flags(
    kind: str, severity: Severity, removed: list[_Marker], added: list[_Marker]
) -> list[Found]:
    noun, gone = ("negation", "removed") if kind == "negation" else ("hedging", "dropped")
    found = [
        flag(kind, severity, f"{noun} {gone}: {curly(m.surface)}", m.words, None) for m in removed
    ]
    found += [
        flag(kind, severity, f"{noun} added: {curly(m.surface)}", None, m.words) for m in added
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
        return (
            hedge.word != _PLAN
            and abs(hedge.start - modal.start) <= 20
            and bool(hedge.scope & modal.scope)
        )

    modals = [
        replace(
            m,
            strength="possible" if any(next_to(h, m) for h in hedges) else _modal_strength(m),
        )
        for m in modals
    ]
    return modals, [h for h in hedges if not any(next_to(h, m) for m in modals)]


def _modal_strength(modal: _Marker) -> str:
    """How binding or certain a modal is. A negated "could" is an ability denied, as "cannot"
    is, not a possibility: "students could not be compelled" / "are not compelled"."""
    if modal.word == "could" and modal.negated:
        return "able"
    return _MODAL_CLASS[modal.word]


_AUXILIARIES = frozenset("had has have was were is are".split())


def _tensed(text: str, head: str, past: bool) -> bool:
    """Whether ``text`` has the verb ``head`` (a stem) in a tense of its own: after an
    auxiliary ("had accepted", "is seeking", "were charged") or, with ``past``, in the past
    tense on its own ("will impose" / "imposed", not "to be imposed" or "could have
    imposed")."""
    words = text_words(text)
    return any(
        n > 0
        and stem(w.text) == head
        and (
            words[n - 1].text in _AUXILIARIES
            or (past and w.text.endswith("ed") and words[n - 1].text not in _NOT_A_TENSE)
        )
        for n, w in enumerate(words)
    )


# Words before a past participle that make it no tense of its own: "to be imposed", "could
# have imposed", "the imposed tariff".
_NOT_A_TENSE = frozenset(
    """to be been being get got have has had having the a an may might could can will would
    shall should must""".split()
)


def _modals_gone(markers: list[_Marker], other: str, what: str) -> list[Found]:
    """Modals of obligation or certainty with no partner, whose verb the other side still
    has without one: "would accept" / "had accepted", "will seek" / "is seeking". (A
    possibility modal dropped is a hedge dropped, reported as hedging; a negated one is the
    negation's.)"""
    found = []
    for m in markers:
        if m.strength == "possible" or m.negated or not m.head:
            continue
        # A future that became a past ("will impose" / "imposed") is a certainty changed;
        # "can provide" / "a user provided" is a rewritten clause.
        if not _tensed(other, m.head, past=m.strength == "certain"):
            continue
        left_side, right_side = (m.words, None) if what == "dropped" else (None, m.words)
        reason = f"modal {what}: {curly(m.surface)}"
        found.append(flag("modality", MEDIUM, reason, left_side, right_side))
    return found


def _negations(text: str) -> list[_Marker]:
    """The text's negations, "neither ... nor" counted once."""
    markers = _markers(text, _NEGATION, _negation_word)
    neither = [m.start for m in markers if text[m.start : m.start + 7].lower() == "neither"]
    return [
        m
        for m in markers
        if not (
            text[m.start : m.start + 3].lower() == "nor"
            and any(0 < m.start - n <= _NEITHER_REACH for n in neither)
        )
    ]


_NEITHER_REACH = 80


# An underscore that opens or closes a word is Markdown emphasis ("is _not_ to"), not part
# of the word: read as a space, so "_not_" is the word "not".
_EMPHASIS = regex_cache.compile(r"(?<!\w)_(?=\w)|(?<=\w)_(?!\w)")


def _unemphasised(text: str) -> str:
    """``text`` with emphasis underscores blanked, one space for one mark (offsets hold)."""
    return _EMPHASIS.sub(" ", text) if "_" in text else text


#: A negation word this long or longer that stands where the other side had a word one or
#: two letters from it is a typo fixed or made ("pithout" / "without", "connot" / "cannot"),
#: not a negation flipped; a short one is a word ("now" / "not").
_TYPO_LENGTH = 5


def _typo_of(marker: _Marker, own: str, other: str) -> bool:
    """Whether ``marker``'s negation word is a respelling of a word only ``other`` has."""
    word = marker.surface.split()[0].lower()
    if len(word) < _TYPO_LENGTH or not word.isalpha():
        return False
    own_words = {w.text for w in text_words(own)}
    return any(
        w.text not in own_words and 0 < OSA.distance(word, w.text) <= 2
        for w in text_words(other)
        if abs(len(w.text) - len(word)) <= 2
    )


# IMPLICIT_NEGATIVE: words that carry a negation without a "not" — exclusives ("only",
# "except", "besides", "other than", "rather than", "instead of") and predicates of
# absence or exclusion ("removed from", "absent", "excludes", "denied", "avoided") — the
# lexical negation cues of the *SEM 2012 negation corpus and the negative-polarity
# licensers of Ladusaw and Klima. A rewrite may trade one for a "not" with the claim kept:
# "removed from the final bill" / "was not in the final bill", "frames besides ACK count"
# / "only ACK frames do not count".
_IMPLICIT_NEGATIVE = regex_cache.compile(
    r"""\b(?:
        only | solely | except | besides | other\s+than | apart\s+from | rather\s+than
      | instead | remov(?:e|es|ed|ing|al) | exclud(?:e|es|ed|ing) | absen(?:t|ce)
      | free\s+of | avoid(?:s|ed|ing)? | prevent(?:s|ed|ing)? | den(?:y|ies|ied|ying)
      | reject(?:s|ed|ing)? | ban(?:s|ned|ning)? | miss(?:es|ed|ing)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


# HEDGE_CUES: what else may carry a hedge's uncertainty or hearsay in a rewrite — the
# epistemic verbs, adjectives and adverbs of Hyland's list of hedges (Metadiscourse, 2005),
# and the evidentials a reporter uses instead of "allegedly" (an accusation, a charge). A
# hedge dropped where the sentence that became its own gained one of these is said another
# way: "allegedly shot" / "is accused of shooting". A source named ("said") is no such cue:
# "estimated" / "said" is a hedge dropped.
_HEDGE_CUES = regex_cache.compile(
    r"""\b(?:
        appear(?:s|ed|ing)? | apparent(?:ly)? | assum(?:e|es|ed|ing) | believ(?:e|es|ed|ing)
      | claim(?:s|ed|ing)? | could | doubt(?:s|ed|ful)? | estimat(?:e|es|ed|ing)
      | expect(?:s|ed|ing)? | indicat(?:e|es|ed|ing) | likely | unlikely | may | might
      | perhaps | possibl[ey] | presumabl[ey] | probabl[ey] | seem(?:s|ed|ing)?
      | suggest(?:s|ed|ing)? | suppos(?:e|es|ed|edly) | suspect(?:s|ed)? | tend(?:s|ed)?
      | think(?:s)? | thought | uncertain | unclear | alleg(?:e|es|ed|edly|ing|ation)
      | accus(?:e|es|ed|ing) | charg(?:e|es|ed)\s+with | reportedly | forecasts?
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


# "Nor" carries a negation on to the next coordinate as "or" does after it: "have not found
# X, nor has Y" / "have not found X or Y" (and "neither X nor Y" / "not X or Y").
_OR = regex_cache.compile(r"\bor\b", re.IGNORECASE)


def _cues(pattern: re.Pattern[str], text: str, start: int, end: int) -> frozenset[str]:
    """The words ``pattern`` finds in ``text[start:end]``, each by its first four letters."""
    return frozenset(m.group()[:4].lower() for m in pattern.finditer(text, start, end))


def _traded(
    marker: _Marker,
    own: str,
    other: str,
    removed: bool,
    cues: re.Pattern[str] = _IMPLICIT_NEGATIVE,
) -> bool:
    """Whether the sentence that became (or came from) ``marker``'s has, in its place, what
    carries the same stance in other words: a cue ``marker``'s own sentence lacks — for a
    negation an implicit negative (a "not" traded for an "only" or a "removed") or, for a
    "nor", an "or"; for a hedge another hedge or a source ("allegedly shot" / "police say
    … shot") — the claim kept."""
    places = correspondence(own, other) if removed else correspondence(other, own)
    spans_for = places.right_spans_for if removed else places.left_spans_for
    own_span = sentence_around(own, marker.start, marker.end)
    other_spans = spans_for(*own_span)
    patterns = [cues]
    if cues is _IMPLICIT_NEGATIVE and own[marker.start : marker.start + 4].lower() == "nor ":
        patterns.append(_OR)
    return any(
        frozenset().union(*(_cues(pattern, other, a, b) for a, b in other_spans))
        - _cues(pattern, own, own_span[0], marker.start)
        - _cues(pattern, own, marker.marker_end, own_span[1])
        for pattern in patterns
    )


#: How many content words after a modal tell that two reworded clauses are one: enough to
#: reach past a reworded phrase ("have been able to" / "have enough resolution to") to the
#: verb both govern ("detect").
_CLAUSE_WORDS = 6


def _governs_alike(a: _Marker, left: str, b: _Marker, right: str) -> bool:
    """Whether two modals govern a word in common within their clauses."""
    ours, _ = _scope_after(left, a.marker_end, _CLAUSE_WORDS)
    theirs, _ = _scope_after(right, b.marker_end, _CLAUSE_WORDS)
    return bool(set(ours) & set(theirs))


def _pair_by_sentence(
    lefts: list[_Marker], rights: list[_Marker], left: str, right: str
) -> tuple[list[tuple[_Marker, _Marker]], list[_Marker], list[_Marker]]:
    """Pair the modals left over from :func:`_pair_by_scope` that are the only one in their
    sentence and in the sentence that became it, and govern a word in common further on in
    their clauses: the clause was reworded around the modal
    ("might have been able to detect" / "would have enough resolution to detect"), so it
    is one modal kept or shifted, not one dropped and another added."""
    if not lefts or not rights:
        return [], lefts, rights
    places = correspondence(left, right)
    pairs = []
    for marker in lefts:
        sentence = sentence_around(left, marker.start, marker.end)
        spans = places.right_spans_for(*sentence)
        partners = [r for r in rights if within(r.start, spans)]
        own = [m for m in lefts if sentence[0] <= m.start < sentence[1]]
        if (
            len(partners) == 1
            and len(own) == 1
            and marker.negated == partners[0].negated  # "shall not" / "may": the negation's
            and _governs_alike(marker, left, partners[0], right)
        ):
            pairs.append((marker, partners[0]))
    paired_left = {id(a) for a, _ in pairs}
    paired_right = {id(b) for _, b in pairs}
    return (
        pairs,
        [m for m in lefts if id(m) not in paired_left],
        [m for m in rights if id(m) not in paired_right],
    )


def _compounded(marker: _Marker, own: str, other: str) -> bool:
    """Whether the other side writes ``marker``'s "not" with its neighbours as one hyphenated
    word: "the national Do Not Call list" / "the national do-not-call list"."""
    before = _WORD_BEFORE.search(own, 0, marker.start)
    after = _WORD_AFTER_NOT.match(own, marker.start)
    if before is None or after is None:
        return False
    return f"{before.group(1)}-not-{after.group(1)}".lower() in other.lower()


_WORD_BEFORE = regex_cache.compile(r"(\w+)\s+$")
_WORD_AFTER_NOT = regex_cache.compile(r"not\s+(\w+)", re.IGNORECASE)


def _kept_in_other_words(marker: _Marker, own: str, other: str, removed: bool) -> bool:
    """A negation the other side holds in another form: respelled, traded for an implicit
    negative, or written as part of a compound."""
    return (
        _typo_of(marker, own, other)
        or _traded(marker, own, other, removed)
        or _compounded(marker, own, other)
    )


def compare_stance(left: str, right: str) -> list[Found]:
    """Negation flips, hedges added or dropped, and modal shifts ("may" -> "will").

    A clause whose negation flipped gets that one (high) flag: the modal or
    hedge that came with the rewrite ("do not sell" -> "may sell") is part of it.
    """
    if not (_may_hold_stance(left) or _may_hold_stance(right)):
        return []  # most passages: no marker on either side, nothing to pair
    left, right = _unemphasised(left), _unemphasised(right)
    removed, added = _flipped(
        _negations(left),
        _negations(right),
        left,
        right,
        _negated_word_kept,
    )
    removed = [m for m in removed if not _kept_in_other_words(m, left, right, True)]
    added = [m for m in added if not _kept_in_other_words(m, right, left, False)]
    found = _marker_flags("negation", HIGH, removed, added)
    flipped_scope = frozenset().union(*(m.scope for m in removed + added))

    def untouched(markers: list[_Marker]) -> list[_Marker]:
        return [m for m in markers if not m.scope & flipped_scope]

    left_modals, left_hedges = map(untouched, _stance(left))
    right_modals, right_hedges = map(untouched, _stance(right))
    pairs, left_modals, right_modals = _pair_by_scope(left_modals, right_modals)
    sentence_pairs, left_modals, right_modals = _pair_by_sentence(
        left_modals, right_modals, left, right
    )
    pairs += sentence_pairs
    for a, b in pairs:
        if a.strength == b.strength or _equivalent_modals(a, b):
            continue
        if a.word == b.word:  # "will likely drop" / "will drop": the hedge went, not the modal
            gained = b.strength == "possible"
            hedged = b if gained else a
            reason = f"hedging {'added' if gained else 'dropped'}: {curly(hedged.surface)}"
            found.append(
                flag(
                    "hedging",
                    MEDIUM,
                    reason,
                    None if gained else a.words,
                    b.words if gained else None,
                )
            )
            continue
        reason = f"modal shift: {curly(a.word)} → {curly(b.word)}"
        found.append(flag("modality", MEDIUM, reason, a.words, b.words))
    found += _modals_gone(left_modals, right, "dropped") + _modals_gone(right_modals, left, "added")

    def hedging(modals: list[_Marker], hedges: list[_Marker]) -> list[_Marker]:
        """Hedges, and modals of possibility as one word: "might go up" / "could be issued"."""
        return hedges + [replace(m, word="possible") for m in modals if m.strength == "possible"]

    hedges_removed, hedges_added = _flipped(
        hedging(left_modals, left_hedges),
        hedging(right_modals, right_hedges),
        left,
        right,
        _hedged_words_kept,
    )
    found += _marker_flags(
        "hedging",
        MEDIUM,
        [m for m in hedges_removed if not _traded(m, left, right, True, _HEDGE_CUES)],
        [m for m in hedges_added if not _traded(m, right, left, False, _HEDGE_CUES)],
    )
    return found


CHECK = FactCheck("stance", compare_stance)
