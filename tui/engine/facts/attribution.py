"""Attribution: a claim that lost its source, or whose source was swapped for another.

Rule ATTRIBUTION ties a claim to its source: "Maria Lopez said", "Lopez,
the finance minister, said", "he warned", "said the minister", "according to
the ministry". A named source restated as part of the name, a pronoun or a
role ("the minister") is kept; a name replaced by an anonymous source
("officials said") or by another name is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.engine import regex_cache
from tui.engine.facts.check import MEDIUM, FactCheck, Found, Unpaired, Words, flag
from tui.engine.facts.pairing import Correspondence, correspondence, within
from tui.engine.facts.text import (
    NOT_NAMES,
    POSSESSIVE,
    SCOPE_SKIP,
    Guarded,
    alternation,
    context_kept,
    curly,
    stem,
    text_stems,
    text_words,
    unmatched,
    word_finder,
    word_keys,
)
from tui.engine.facts.variants import abbreviates, near_miss, same_name

SPEECH_VERBS = (
    "said|says|say|told|tells|reported|reports|warned|warns|added|adds|noted|notes|claimed|claims|"
    "argued|argues|stated|states|explained|explains|wrote|writes|insisted|insists|admitted|admits|"
    "confirmed|confirms|announced|announces|acknowledged|acknowledges|declared|declares|"
    "cautioned|cautions|estimated|estimates|predicted|predicts|tweeted|posted|believes|believed|"
    "described|describes|urged|urges|suggested|suggests|stressed|stresses|"
    "emphasised|emphasized|revealed|reveals|reaffirmed|reaffirms|reiterated|reiterates|"
    "insist|contend|contends|contended|conceded|concedes|testified|testifies|asserted|asserts|"
    "maintained|maintains|recalled|recalls|replied|replies|responded|responds|countered|counters|"
    "remarked|remarks|observed|observes|continued|warn|argue|predict|suggest"
)
# Verbs that can also come before their speaker: "…, said Maria Lopez." ("reports" only
# after a comma: "…, reports the Associated Press", not "will be reported Friday".)
_INVERTED_VERBS = (
    "said|says|added|adds|warned|warns|noted|notes|wrote|writes|argued|argues|explained|insisted|"
    "claimed"
)
# What may stand between a source and its verb: "he has said", "officials here insist".
_BETWEEN = r"(?:(?:has|have|had|also|here|there|later|now|previously|repeatedly|again)\s+){0,2}"
SPEECH_VERB_AFTER = regex_cache.compile(rf"['’]?s?,?\s+{_BETWEEN}(?:{SPEECH_VERBS})\b")
# In blanked text (the attribution guard looks for these words too): no verb, no name said it.
find_speech_verb = word_finder(SPEECH_VERBS.split("|"))
# A name: capitalised words, maybe with a title or initials ("Dr. Melinda Rowe", "Ronald L.
# Kuby") and connectors ("Sean Harrigan of Calpers", "Ursula von der Leyen").
_NAME_WORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z][\w’'-]+)"
_NAME_SEQ = (
    rf"{_NAME_WORD}(?:\s+(?:(?:de|da|del|der|van|von|al|bin|la|le|du|of)\s+)?{_NAME_WORD}){{0,3}}"
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# A source's owner written as a possessive pronoun ("his introductory statement") points
# back to a source already named, as a pronoun does.
_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_DESCRIBED = (
    r"(?:\s+(?!(?:that|which|who|and|or|but|is|was|were|are|it|to|in|on|at|as|be|not|after|being|been|before|when|while|by|with|from|for|should|would|could|might|must|may|will|can|shall)\b)"
    r"(?:(?:[A-Z]\.){2,}|[A-Za-z][\w’'-]+)){1,3}?"  # "a U.N. spokesman"
)
_DESCRIPTION = rf"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther){_DESCRIBED}"
# Not after the verb: "said its director, Ruth Oyelaran" names its source in apposition.
_OWNED = rf"(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts){_DESCRIBED}"
# Plural nouns that serve as an unnamed source on their own: "officials said".
_BARE_SOURCES = frozenset(
    """officials experts analysts critics police authorities witnesses residents sources researchers
    scientists economists investigators prosecutors lawyers doctors reports observers campaigners
    activists ministers diplomats executives estimates data figures""".split()
)
_SOURCE = (
    rf"{_NAME_SEQ}|(?i:he|she|they|it|we)\b|I\b|{_DESCRIPTION}|(?i:{alternation(_BARE_SOURCES)})\b"
)
_SOURCE_OR_OWNED = rf"{_OWNED}|{_SOURCE}"
# What may follow a source named after its verb ("…, said the minister on Monday."): the
# source ends there, unlike "said some of the passengers".
_AFTER_SOURCE = (
    r"\s*[,.;:!?\"”’)]|\s*$|\s+(?:on|in|at|yesterday|today|last|this|after|before|when|while|"
    r"during|of|who|in|told|to)\b"
)
# A forecast's source ("Analysts expected earnings of 13 cents"), but not a plan ("the
# airline expects to save").
_EXPECTED = r"expect(?:s|ed)\b(?!\s+to\b)"
# ATTRIBUTION: a claim tied to its source —
#   "Maria Lopez said", "Lopez, the finance minister, said", "he warned",
#   "said Maria Lopez", "said the minister", "according to Lopez" / "according to the ministry".
_ATTRIBUTION = Guarded(
    regex_cache.compile(
        rf"""
          \b(?P<before>{_SOURCE_OR_OWNED})(?:,[^,.;:\n]{{1,60}},)?\s+{_BETWEEN}(?:{SPEECH_VERBS}|{_EXPECTED})\b
        | \b(?:{_INVERTED_VERBS}|(?<=,\s)report(?:s|ed))\s+(?P<after>{_SOURCE})(?={_AFTER_SOURCE})
        | \b[Aa]ccording\s+to\s+(?P<according>{_SOURCE_OR_OWNED})(?={_AFTER_SOURCE})
        """,
        re.VERBOSE,
    ),
    words=frozenset(SPEECH_VERBS.split("|")) | {"according", "expected", "expects"},
)


@dataclass(frozen=True, slots=True)
class _Attribution:
    """A claim's source, as written ("said Maria Lopez"), and whether the source is a name."""

    text: str
    start: int
    source: str
    named: bool
    context: str  # the attribution and the few words written before it
    end: int  # where it ends in its text (its words are shown with single spaces)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def words(self) -> Words:
        return Words(self.text, self.start, self.end)

    @property
    def source_words(self) -> frozenset[str]:
        return word_keys(self.source) - NOT_NAMES


def extract_attributions(text: str) -> list[_Attribution]:
    found: list[_Attribution] = []
    for m in _ATTRIBUTION.finditer(text):
        group = next(g for g in ("before", "after", "according") if m[g] is not None)
        source, offset = _trim_source(m[group])
        if POSSESSIVE.search(source):
            continue  # "Lopez's notes" is a noun phrase, not "Lopez notes"
        if source.lower() in _NOT_SOURCES:
            continue  # "said Monday": a day, not who said it
        source_start = m.start(group) + offset
        start = source_start if group == "before" else m.start()
        end = m.end() if group != "after" else source_start + len(source)
        before = _WORDS_BEFORE.search(text, max(0, start - 60), start)
        context = text[before.start() if before else start : end]
        found.append(
            _Attribution(
                " ".join(text[start:end].split()), start, source, _is_name(source), context, end
            )
        )
    return found


def _trim_source(source: str) -> tuple[str, int]:
    """Drop leading words a capitalised run picked up ("But on Monday Lopez" -> "Lopez").

    Returns the source with its words joined by single spaces, and where it
    starts in the original (which may have run over a line break).
    """
    words = list(re.finditer(r"\S+", source))
    while len(words) > 1 and words[0][0].lower() in _LEADING_NOT_SOURCE:
        words.pop(0)
    return " ".join(w[0] for w in words), words[0].start() if words else 0


# Capitalised words a source pattern may take in that name nobody: days and months.
_NOT_SOURCES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)
_LEADING_NOT_SOURCE = NOT_NAMES - _PRONOUNS - _POSSESSIVES - {"the", "a", "an"}
_WORDS_BEFORE = regex_cache.compile(r"(?:[\w’'-]+\W+){1,4}$")
_SPEECH_VERB_SET = frozenset(SPEECH_VERBS.split("|"))
# Last words of a source that make it a role, not a name: "the Connecticut Democrat".
_ROLES = frozenset(
    """democrat republican spokesman spokeswoman spokesperson official minister president
    governor senator chief director secretary chairman chairwoman executive leader lawyer
    attorney prosecutor judge officer commissioner mayor ambassador representative
    economist analyst""".split()
)


def _is_name(source: str) -> bool:
    """ "Maria Lopez" and "The Moorland Society" are names; "he", "the government",
    "the Connecticut Democrat" and "Officials" are not."""
    words = source.split()
    if words[0].lower() in {"the", "a", "an"}:
        if words[-1].lower() in _ROLES:
            return False
        words = words[1:]
    return (
        bool(words)
        and words[0][0].isupper()
        and words[0].lower() not in _PRONOUNS
        and (source.lower() not in _BARE_SOURCES and bool(word_keys(source) - NOT_NAMES))
    )


def _is_role(source: str) -> bool:
    """ "the port chief", "the minister": one definite person, a rewording of their name
    (unlike "officials" or "a spokesperson", which make the source anonymous)."""
    words = source.split()
    return len(words) > 1 and words[0].lower() == "the" and not words[-1].endswith("s")


def _keeps_source(left: _Attribution, right: _Attribution) -> bool:
    """Whether ``right`` can be ``left``'s source restated.

    A name survives as the same name or part of it ("Maria Lopez" / "Lopez"),
    as a pronoun ("he said") or as a role ("the minister said"); a name
    replaced by an anonymous source ("officials said") or by another name is a
    changed source. An unnamed source on the
    left ("the ministry said") is kept by any source on the right.
    """
    if not left.named or left.source == right.source:
        return True
    if _points_back(right.source) or _is_role(right.source):
        return True
    if right.named and any(
        same_name(a, b) or near_miss(a, b) for a in left.source_words for b in right.source_words
    ):
        return True
    if right.named and right.source_words & word_keys(left.text):
        return (
            True  # named in apposition: "the German envoy, Gunter Pleuger, told" / "Pleuger told"
        )
    if abbreviates(left.source, right.source) or abbreviates(right.source, left.source):
        return True
    described = _described(left)
    role = _described_source(right)
    return bool(role and role <= described) or len(described & _described(right)) >= 2


def _points_back(source: str) -> bool:
    """A pronoun ("he") or a possessive ("his statement"): the source named before."""
    return source.lower() in _PRONOUNS or source.split()[0].lower() in _POSSESSIVES


def _described_source(attribution: _Attribution) -> set[str]:
    """The content stems of an unnamed source ("A prosecutor" -> {"prosecutor"})."""
    if attribution.named:
        return set()
    return {stem(w.text) for w in text_words(attribution.source) if w.text not in SCOPE_SKIP}


def _described(attribution: _Attribution) -> set[str]:
    """The content stems of an attribution and the words written just before it: who said
    it, as the text describes them ("prosecutor Wolfgang Schweer told", "a Fort Campbell
    spokesman said")."""
    text = attribution.context
    return {
        stem(w.text)
        for w in text_words(text)
        if w.text not in SCOPE_SKIP and w.text not in _SPEECH_VERB_SET
    }


def compare_attributions(left: str, right: str) -> list[Found]:
    """Claims whose source vanished or was swapped for another, and claims given a source.

    Attributions written the same on both sides are set aside first; each other one is
    compared with those of the sentence that became its sentence (:mod:`.pairing`).
    """
    all_lefts, all_rights = extract_attributions(left), extract_attributions(right)
    if not (all_lefts or all_rights):
        return []
    lefts, rights = unmatched(all_lefts, all_rights, lambda a, b: a.text.lower() == b.text.lower())
    places = correspondence(left, right)
    right_words, right_stems = word_keys(right), text_stems(right)
    found: list[Found] = []
    keepers: set[int] = set()
    for attribution in lefts:
        if attribution.named and attribution.source_words & right_words:
            continue  # the source is still named on the right, in whatever construction
        if not context_kept(left, attribution.span, right_stems):
            continue  # the whole statement was cut or rewritten: nothing left to misattribute
        spans = places.right_spans_for(*attribution.span)
        in_place = [r for r in rights if within(r.start, spans)]
        keeper = next((r for r in in_place if _keeps_source(attribution, r)), None)
        if keeper is not None:
            keepers.add(id(keeper))
            continue
        replacement = next((r for r in in_place if r.source.lower() not in _PRONOUNS), None)
        if replacement is not None:
            keepers.add(id(replacement))
            reason = f"attribution changed: {curly(attribution.text)} → {curly(replacement.text)}"
        elif not attribution.named and _verb_kept(attribution, right, spans):
            continue  # "he has said" / "but said": the subject left implicit, not the source
        else:
            reason = f"attribution dropped: {curly(attribution.text)}"
        found.append(
            flag(
                "attribution",
                MEDIUM,
                reason,
                attribution.words,
                replacement.words if replacement else None,
            )
        )
    found += _added(left, right, [r for r in rights if id(r) not in keepers], places)
    return found


def _verb_kept(attribution: _Attribution, right: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the sentence that became the attribution's has its speech verb."""
    verbs = {w.text for w in text_words(attribution.text)} & _SPEECH_VERB_SET
    return any(verbs & {w.text for w in text_words(right[start:end])} for start, end in spans)


def _added(
    left: str, right: str, rights: list[_Attribution], places: Correspondence
) -> list[Found]:
    """Claims the rewrite gives a source the original did not name: no attribution in the
    sentence they came from, the claim itself kept. A pronoun ("he said") only points back
    to a source already named, so it adds none."""
    left_stems = text_stems(left)
    found = []
    for attribution in rights:
        if _points_back(attribution.source):
            continue
        spans = places.left_spans_for(*attribution.span)
        if not spans or any(within(a.start, spans) for a in extract_attributions(left)):
            continue
        if word_keys(attribution.source) - NOT_NAMES & word_keys(left):
            continue  # the source was there, doing something else ("The union had not ...")
        if context_kept(right, attribution.span, left_stems):
            reason = f"attribution added: {curly(attribution.text)}"
            found.append(flag("attribution", MEDIUM, reason, None, attribution.words))
    return found


def unpaired_attributions(text: str) -> list[Unpaired]:
    """Attributed claims lost with a dropped paragraph or new in an added one."""
    return [
        Unpaired("attribution", "attribution", a.text, a.start) for a in extract_attributions(text)
    ]


CHECK = FactCheck("attribution", compare_attributions, unpaired_attributions)
