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

from tui.engine.facts.check import MEDIUM, FactCheck, Found, Unpaired, flag
from tui.engine.facts.text import (
    NOT_NAMES,
    POSSESSIVE,
    Guarded,
    alternation,
    context_kept,
    curly,
    text_stems,
    word_finder,
    word_keys,
)

SPEECH_VERBS = (
    "said|says|say|told|tells|reported|reports|warned|warns|added|adds|noted|notes|claimed|claims|"
    "argued|argues|stated|states|explained|explains|wrote|writes|insisted|insists|admitted|admits|"
    "confirmed|confirms|announced|announces|acknowledged|acknowledges|declared|declares|"
    "cautioned|cautions|estimated|estimates|predicted|predicts|tweeted|posted|believes|believed|"
    "called|calls|described|describes|urged|urges|suggested|suggests|stressed|stresses|"
    "emphasised|emphasized|revealed|reveals"
)
# Verbs that can also come before their speaker: "…, said Maria Lopez."
_INVERTED_VERBS = "said|says|added|adds|warned|warns|noted|notes|wrote|writes|argued|argues|explained|insisted|claimed"
SPEECH_VERB_AFTER = re.compile(rf"['’]?s?,?\s+(?:has\s+|had\s+|also\s+)?(?:{SPEECH_VERBS})\b")
# In blanked text (the attribution guard looks for these words too): no verb, no name said it.
find_speech_verb = word_finder(SPEECH_VERBS.split("|"))
_NAME_SEQ = (
    r"(?:[A-Z][\w’'-]+)(?:\s+(?:(?:de|da|del|der|van|von|al|bin|la|le|du)\s+)?[A-Z][\w’'-]+){0,3}"
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_DESCRIPTION = (
    r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther)"
    r"(?:\s+(?!(?:that|which|who|and|or|but|is|was|were|are|it|to|in|on|at|as|be|not)\b)[a-z][\w’'-]+){1,3}?"
)
# Plural nouns that serve as an unnamed source on their own: "officials said".
_BARE_SOURCES = frozenset(
    """officials experts analysts critics police authorities witnesses residents sources researchers
    scientists economists investigators prosecutors lawyers doctors reports observers campaigners
    activists ministers diplomats executives estimates data figures""".split()
)
_SOURCE = (
    rf"{_NAME_SEQ}|(?i:he|she|they|it|we)\b|I\b|{_DESCRIPTION}|(?i:{alternation(_BARE_SOURCES)})\b"
)
# ATTRIBUTION: a claim tied to its source —
#   "Maria Lopez said", "Lopez, the finance minister, said", "he warned",
#   "said Maria Lopez", "said the minister", "according to Lopez" / "according to the ministry".
_ATTRIBUTION = Guarded(
    re.compile(
        rf"""
          \b(?P<before>{_SOURCE})(?:,[^,.;:\n]{{1,60}},)?\s+(?:has\s+|had\s+|also\s+)?(?:{SPEECH_VERBS})\b
        | \b(?:{_INVERTED_VERBS})\s+(?P<after>{_SOURCE})
        | \b[Aa]ccording\s+to\s+(?P<according>{_SOURCE})
        """,
        re.VERBOSE,
    ),
    words=frozenset(SPEECH_VERBS.split("|")) | {"according"},
)


@dataclass(frozen=True, slots=True)
class _Attribution:
    """A claim's source, as written ("said Maria Lopez"), and whether the source is a name."""

    text: str
    start: int
    source: str
    named: bool

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.start + len(self.text)

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
        source_start = m.start(group) + offset
        start = source_start if group == "before" else m.start()
        end = m.end() if group != "after" else source_start + len(source)
        found.append(
            _Attribution(" ".join(text[start:end].split()), start, source, _is_name(source))
        )
    return found


def _trim_source(source: str) -> tuple[str, int]:
    """Drop leading words a capitalised run picked up ("But on Monday Lopez" -> "Lopez").

    Returns the source with its words joined by single spaces, and where it
    starts in the original (which may have run over a line break).
    """
    words = list(re.finditer(r"\S+", source))
    while len(words) > 1 and words[0][0].lower() in NOT_NAMES - _PRONOUNS - {"the", "a", "an"}:
        words.pop(0)
    return " ".join(w[0] for w in words), words[0].start() if words else 0


def _is_name(source: str) -> bool:
    """ "Maria Lopez" and "The Moorland Society" are names; "he", "the government" and
    "Officials" are not."""
    words = source.split()
    if words[0].lower() in {"the", "a", "an"}:
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
    if right.source.lower() in _PRONOUNS or _is_role(right.source):
        return True
    return right.named and bool(left.source_words & right.source_words)


def compare_attributions(left: str, right: str) -> list[Found]:
    """Claims whose source vanished, or was swapped for another source."""
    lefts = extract_attributions(left)
    if not lefts:
        return []
    rights = extract_attributions(right)
    right_words, right_stems = word_keys(right), text_stems(right)
    found: list[Found] = []
    for attribution in lefts:
        if attribution.named and attribution.source_words & right_words:
            continue  # the source is still named on the right, in whatever construction
        if not context_kept(left, attribution.span, right_stems):
            continue  # the whole statement was cut or rewritten: nothing left to misattribute
        if any(_keeps_source(attribution, r) for r in rights):
            continue
        replacement = next((r for r in rights if r.source.lower() not in _PRONOUNS), None)
        if replacement is not None:
            reason = f"attribution changed: {curly(attribution.text)} → {curly(replacement.text)}"
        else:
            reason = f"attribution dropped: {curly(attribution.text)}"
        found.append(
            flag(
                "attribution",
                MEDIUM,
                attribution.text,
                replacement.text if replacement else None,
                reason,
                attribution.start,
            )
        )
    return found


def unpaired_attributions(text: str) -> list[Unpaired]:
    """Attributed claims lost with a dropped paragraph or new in an added one."""
    return [
        Unpaired("attribution", "attribution", a.text, a.start) for a in extract_attributions(text)
    ]


CHECK = FactCheck("attribution", compare_attributions, unpaired_attributions)
