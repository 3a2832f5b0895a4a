"""Fact drift: did the *meaning* of a passage change, not just its words?

A fact-checker reading a reworded repost needs the handful of edits that
change what the text claims — a figure altered or made vague, a name
misspelled, a quotation rewritten or stripped of its quote marks, a claim
that lost its source, a "not" that appeared or vanished, a "may" that became
"will" — among hundreds of harmless rewordings.

Design rules
------------
* **Precision over recall.** Every rule compares *normalised facts* extracted
  from both sides, so restating the same fact in another form ("$53bn" /
  "53 billion dollars", "does not" / "doesn't", "said Lopez" / "Lopez said")
  never raises a flag. When a rule is unsure, it stays silent.
* **No model, no download.** Regular expressions, small word lists,
  rapidfuzz edit distances and Snowball stems only; each rule is a small,
  named pattern documented where it is defined.
* **One module per kind of fact**, each holding one
  :class:`~tui.engine.facts.check.FactCheck`; :data:`CHECKS` is the registry,
  in the order flags of equal severity are listed. Shared text helpers live
  in :mod:`tui.engine.facts.text`.

Public API: :func:`compare_facts` for an aligned pair and
:func:`unpaired_facts` for a dropped or added paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.engine.facts import attribution, dates, figures, names, quotes, stance
from tui.engine.facts.check import MEDIUM, FactCheck, Found, Passage, flag, ordered, words_at
from tui.engine.facts.text import Spans, curly, folded_words
from tui.engine.model import FactFlag

__all__ = ["CHECKS", "MAX_CHECKED_CHARS", "OtherDocument", "compare_facts", "unpaired_facts"]

#: Passages longer than this are not read for facts: the longest real paragraph in the
#: fixtures is 2,675 characters (the facts set's longest passage 1,017), and the rules' cost grows faster than the text on runs a
#: stranger may send (50,000 digits or "Aa " words once took minutes). Such a change gets one
#: medium flag saying so, rather than a silence that would read as "no fact changed".
MAX_CHECKED_CHARS = 5_000

CHECKS: tuple[FactCheck, ...] = (
    figures.CHECK,
    dates.CHECK,
    quotes.CHECK,
    names.CHECK,
    attribution.CHECK,
    stance.CHECK,
)


def compare_facts(left: str | Sequence[str], right: str | Sequence[str]) -> tuple[FactFlag, ...]:
    """Facts whose meaning changed between an aligned ``left`` and ``right`` passage.

    Either side is a paragraph or the paragraphs of a split or merged group
    (read joined by a blank line; each flag says in which paragraph its words
    stand). Flags come high severity first, then in reading order.
    """
    before, after = Passage.of(left), Passage.of(right)
    if too_long := _too_long(before.text, after.text):
        return (too_long,)
    found = [f for check in CHECKS for f in check.compare(before.text, after.text)]
    return ordered(_one_flag_per_fact(found), before, after)


def _too_long(*passages: str) -> FactFlag | None:
    """The flag that says a passage was too long to be read for facts, if one is."""
    longest = max(len(passage) for passage in passages)
    if longest <= MAX_CHECKED_CHARS:
        return None
    return FactFlag(
        "unchecked",
        MEDIUM,
        None,
        None,
        f"facts not checked: {longest:,} characters, over the {MAX_CHECKED_CHARS:,} read per passage",
    )


def _one_flag_per_fact(found: list[Found]) -> list[Found]:
    """Leave out flags on words inside a quotation that is itself flagged: a figure or a
    modal changed inside a quote is that quote's change, shown with both wordings."""
    quotes = [f for f in found if f.flag.kind == "quote"]
    if not quotes:
        return found
    left_quoted = Spans((f.left.start, f.left.end) for f in quotes if f.left)
    right_quoted = Spans((f.right.start, f.right.end) for f in quotes if f.right)
    return [
        f
        for f in found
        if f.flag.kind == "quote"
        or not (
            (f.left is not None and f.left.start in left_quoted)
            or (f.left is None and f.right is not None and f.right.start in right_quoted)
        )
    ]


@dataclass(frozen=True, slots=True)
class OtherDocument:
    """The words of the document on the other side, to tell whether a fact of a paragraph
    with no partner is stated there all the same: a figure in an added headline that the
    original's body gives ("… to shut two terminals for 18 months") is no new claim, and
    one the rewrite still gives in another paragraph is not lost."""

    words: str  # every word, folded, one space apart, with a space at each end
    vocabulary: frozenset[str]

    @classmethod
    def of(cls, paragraphs: Iterable[str]) -> OtherDocument:
        keys = folded_words("\n".join(paragraphs))  # no word spans a line end
        return cls(f" {' '.join(keys)} ", frozenset(keys))

    def states(self, phrase: str) -> bool:
        """Whether the document has ``phrase``'s words, in order, one after another."""
        keys = folded_words(phrase)
        return (
            bool(keys)
            and self.vocabulary.issuperset(keys)  # most phrases: answered without a search
            and f" {' '.join(keys)} " in self.words
        )


def unpaired_facts(
    text: str | Sequence[str], side: str, other: OtherDocument | None = None
) -> tuple[FactFlag, ...]:
    """Figures, quotations and attributions in a paragraph with no partner.

    ``side="left"``: the paragraph was dropped, so these are facts the rewrite
    lost. ``side="right"``: it was added, so these are new claims with no
    source on the left. With ``other``, the document on the other side, a fact
    that document states word for word is neither.
    """
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    passage = Passage.of(text)
    if too_long := _too_long(passage.text):
        return (too_long,)
    label = "dropped" if side == "left" else "new claim"
    return ordered(
        (
            flag(
                item.kind,
                MEDIUM,
                f"{label}: {item.noun} {curly(item.text)}",
                words_at(item.text, item.start) if side == "left" else None,
                words_at(item.text, item.start) if side == "right" else None,
            )
            for check in CHECKS
            for item in check.unpaired(passage.text)
            if other is None or not other.states(item.text)
        ),
        passage,
        passage,
    )
