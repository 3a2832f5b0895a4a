"""Paragraph decisions checked against their sentences.

The paragraph aligner (:mod:`tui.engine.align`) decides on bags of words, and
on real rewrites it errs where bags mislead: a split or a merge grows over a
neighbour that only shares the topic's words (a new headline, a paragraph the
rewrite cut). At the sentence level the difference shows: the sentences of a
true part restate sentences of its partner, those of a wrong one restate
nothing. :func:`refine` takes the aligner's answer and

1. **trims** every split and merge of the paragraphs at its ends none of whose
   sentences restates a sentence of the partner (linked to it, or pairing
   with it on its own though another sentence took it: a rewrite that fuses a
   sentence of each of two paragraphs); they become added or dropped, keeping
   at least the paragraph closest in content;
2. **cuts** a heading off the end of a split or merge of running text: a
   heading introduces what follows it;
3. **extends** a link over an unlinked neighbour most of whose text restates
   its partner;
4. **pairs** a dropped and an added paragraph that sit alone between the same
   two links (or the same link and an end of both texts) when a fair share
   of each is in sentences restating the other's as plainly as a sentence
   that moved would (on synthetic text, random sentences sharing a few words
   reach the 0.2 that links sentences in order), or when both are headings (titles, dates,
   a question standing as a heading): there position is strong evidence, and a reworded heading
   or a sentence kept among new ones shares too few words for the aligner;
5. marks again which links moved, as the aligner does.

Only split and merged links are aligned here, in one batch: the cost is that
of their sentences, a small part of the text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import cache

import numpy as np

from tui.engine.align import (
    HEADING_WORDS,
    MAX_GROUP,
    Alignment,
    Link,
    adds_new_content,
    mark_moves,
)
from tui.engine.model import SentenceAlignment
from tui.engine.sentences import MOVE_THRESHOLD as SENTENCE_MOVE_THRESHOLD
from tui.engine.sentences import align_sentence_groups, restating_paragraphs
from tui.engine.similarity import (
    Terms,
    Vectors,
    build_vectors,
    pair_cosines,
    row_vector,
)

__all__ = ["refine"]

# A neighbouring paragraph joins a link when this share of its text restates the partner.
EXTENSION_SHARE = 0.5
# ... counting the sentences linked with at least this share of their words kept: a
# heading ("Enforcement Guidelines") that shares a word with a long sentence restates nothing.
RESTATED_SIMILARITY = 0.2
# A dropped and an added paragraph alone between the same two links pair when this share of
# each is in sentences restating the other's as plainly as a moved sentence would (the sentence
# aligner's move threshold). On the dev pairs the true ones keep 0.29 to 1.0; a repeated
# one-word sentence ("**not**") or random sentences sharing a rare word keep next to nothing.
GAP_RESTATED_SHARE = 0.25


def refine(
    alignment: Alignment,
    left: Sequence[str],
    right: Sequence[str],
    terms: Terms,
    *,
    boilerplate: tuple[Collection[int], Collection[int]] = ((), ()),
) -> Alignment:
    """The alignment with its splits and merges trimmed to what their sentences support.

    ``boilerplate`` (left and right paragraph indices) pair only as the aligner
    paired them: by identity.
    """
    # The paragraphs' vectors, made once and only when a step needs them.
    vectors = cache(lambda: build_vectors(left, right, terms))
    links = _trim(list(alignment.links), left, right, terms, vectors)
    links = _cut_trailing_headings(links, left, right)
    links = _extend(links, left, right, terms, vectors)
    return _alignment(_pair_gaps(links, left, right, terms, boilerplate), left, right)


def _trim(
    links: list[Link],
    left: Sequence[str],
    right: Sequence[str],
    terms: Terms,
    vectors: Callable[[], Vectors],
) -> list[Link]:
    """Every split and merge less the paragraphs at its ends that restate nothing."""
    grown = [link for link in links if len(link.left) + len(link.right) > 2]
    if not grown:
        return links
    restating = restating_paragraphs(
        left, right, [(link.left, link.right) for link in grown], terms
    )

    def closest(link: Link, on_right: bool) -> int:
        return _closest(link, on_right, vectors())

    trimmed = {
        link: _trimmed(link, paragraphs, closest)
        for link, paragraphs in zip(grown, restating, strict=True)
    }
    return [trimmed.get(link, link) for link in links]


def _cut_trailing_headings(
    links: list[Link], left: Sequence[str], right: Sequence[str]
) -> list[Link]:
    """Splits and merges of a paragraph of text less a heading at their end.

    The aligner grows a group over a neighbour whose words lie in the partner: a
    section heading ("10.3. Modified Versions") shares a word with the paragraph
    before it as readily as with the section it opens. A paragraph of running
    text does not end, rewritten, in a heading: the heading introduces what
    follows it, and becomes added or dropped here. A title block may still merge
    into a title line (the partner is then a heading too).
    """
    cut = {}
    for link in links:
        on_right = len(link.right) > 1
        group, texts = (link.right, right) if on_right else (link.left, left)
        partner = left[link.left[0]] if on_right else right[link.right[0]]
        if len(group) == 1 or is_heading(partner) or not is_heading(texts[group[-1]]):
            continue
        part = group[:-1]
        cut[link] = (
            Link(link.left, part, link.score, link.moved)
            if on_right
            else Link(part, link.right, link.score, link.moved)
        )
    return [cut.get(link, link) for link in links]


def _pair_gaps(
    links: list[Link],
    left: Sequence[str],
    right: Sequence[str],
    terms: Terms,
    boilerplate: tuple[Collection[int], Collection[int]],
) -> list[Link]:
    """``links`` and a link for each one-by-one gap whose two paragraphs restate each other.

    A gap is an unlinked left paragraph and an unlinked right one between the
    same link (or the start of both texts) and the same link (or the end of both).
    """
    holder = {("left", i): n for n, link in enumerate(links) for i in link.left}
    holder |= {("right", j): n for n, link in enumerate(links) for j in link.right}
    sizes = {"left": len(left), "right": len(right)}

    def anchor(side: str, paragraph: int) -> int | str | None:
        """The link holding ``paragraph``, or which end of the text it lies beyond."""
        if not 0 <= paragraph < sizes[side]:
            return "start" if paragraph < 0 else "end"
        return holder.get((side, paragraph))

    def partner(i: int) -> int | None:
        """The right paragraph alone in left ``i``'s gap, if that gap is one by one."""
        before, after = anchor("left", i - 1), anchor("left", i + 1)
        if before is None or after is None or before == "end":
            return None
        j = 0 if before == "start" else links[int(before)].right[-1] + 1
        if j >= len(right) or ("right", j) in holder or anchor("right", j + 1) != after:
            return None
        return j

    gaps = [
        (i, j)
        for i in range(len(left))
        if ("left", i) not in holder and i not in boilerplate[0]
        for j in (partner(i),)
        if j is not None and j not in boilerplate[1]
    ]
    titles = {(i, j) for i, j in gaps if _is_title(left[i]) and _is_title(right[j])}
    rest = [(i, j) for i, j in gaps if (i, j) not in titles]
    evidence = align_sentence_groups(left, right, [((i,), (j,)) for i, j in rest], terms)
    restating = [
        (i, j)
        for (i, j), sentences in zip(rest, evidence, strict=True)
        if min(
            _restated_share(sentences, "left", i, SENTENCE_MOVE_THRESHOLD),
            _restated_share(sentences, "right", j, SENTENCE_MOVE_THRESHOLD),
        )
        >= GAP_RESTATED_SHARE
    ]
    return links + [Link((i,), (j,), 0.0) for i, j in sorted([*titles, *restating])]


def _is_title(text: str) -> bool:
    """A heading, title or date line, or a question standing as a heading ("What is ...?")."""
    return is_heading(text.rstrip().removesuffix("?"))


def is_heading(text: str) -> bool:
    """A short line without a sentence's closing punctuation: a heading, title or caption."""
    stripped = text.rstrip()
    return len(stripped.split()) <= HEADING_WORDS and not stripped.endswith(_CLOSINGS)


# What ends a sentence (or a line that introduces a list): a paragraph ending so is no heading.
_CLOSINGS = tuple('.!?:;"”’)')


def _extend(
    links: list[Link],
    left: Sequence[str],
    right: Sequence[str],
    terms: Terms,
    vectors: Callable[[], Vectors],
) -> list[Link]:
    """Links grown over an unlinked neighbouring paragraph that restates some of the partner.

    Each link may take one paragraph beside it on a side where it may grow
    (a split grows on the right, a merge on the left, a 1:1 link either way,
    not both). All candidates are aligned in one batch; a neighbour joins
    the link where most of its text is linked sentence by sentence.
    """
    held = {
        "left": {i for link in links for i in link.left},
        "right": {j for link in links for j in link.right},
    }
    sizes = {"left": len(left), "right": len(right)}
    candidates = [
        (k, side, paragraph)
        for k, link in enumerate(links)
        for side, group in (("left", link.left), ("right", link.right))
        if len(link.left if side == "right" else link.right) == 1 and len(group) < MAX_GROUP
        for paragraph in (group[0] - 1, group[-1] + 1)
        if 0 <= paragraph < sizes[side] and paragraph not in held[side]
    ]
    # A paragraph that only repeats what the link says of its partner is no piece.
    candidates = [
        (k, side, paragraph)
        for k, side, paragraph in candidates
        if _adds_content(links[k], side, paragraph, vectors())
    ]
    if not candidates:
        return links
    grown = [_with(links[k], side, paragraph) for k, side, paragraph in candidates]
    evidence = align_sentence_groups(left, right, [(g.left, g.right) for g in grown], terms)
    restated = [
        _restated_share(sentences, side, paragraph)
        for (_, side, paragraph), sentences in zip(candidates, evidence, strict=True)
    ]
    extended = list(links)
    taken: set[tuple[str, int]] = set()
    changed: set[int] = set()
    for share, (k, side, paragraph), link in sorted(
        zip(restated, candidates, grown, strict=True), key=lambda item: -item[0]
    ):
        if share < EXTENSION_SHARE or (side, paragraph) in taken or k in changed:
            continue
        extended[k] = link
        taken.add((side, paragraph))
        changed.add(k)
    return extended


def _adds_content(link: Link, side: str, paragraph: int, vectors: Vectors) -> bool:
    """Does ``paragraph`` on ``side`` cover content of the link's partner that the link does not?

    The aligner's test (:func:`~tui.engine.align.adds_new_content`): a headline
    over the lede it restates has its sentence linked too, yet adds nothing.
    """
    own, other = (vectors.right, vectors.left) if side == "right" else (vectors.left, vectors.right)
    partner = link.left[0] if side == "right" else link.right[0]
    group = link.right if side == "right" else link.left
    return adds_new_content(
        row_vector(other, partner), [row_vector(own, k) for k in group], row_vector(own, paragraph)
    )


def _with(link: Link, side: str, paragraph: int) -> Link:
    """``link`` with ``paragraph`` added on ``side``."""
    if side == "right":
        return Link(link.left, tuple(sorted((*link.right, paragraph))), link.score, link.moved)
    return Link(tuple(sorted((*link.left, paragraph))), link.right, link.score, link.moved)


def _restated_share(
    evidence: SentenceAlignment,
    side: str,
    paragraph: int,
    similarity: float = RESTATED_SIMILARITY,
) -> float:
    """The share of a paragraph's text (in characters) in sentences linked to the other side
    with at least ``similarity``."""
    sentences = evidence.right if side == "right" else evidence.left
    linked = {
        k
        for link in evidence.links
        if link.left and link.right and link.similarity >= similarity
        for k in (link.right if side == "right" else link.left)
    }
    own = [k for k, sentence in enumerate(sentences) if sentence.paragraph == paragraph]
    total = sum(len(sentences[k].text) for k in own)
    return sum(len(sentences[k].text) for k in own if k in linked) / total if total else 0.0


def _trimmed(
    link: Link, restating: tuple[set[int], set[int]], closest: Callable[[Link, bool], int]
) -> Link:
    """``link`` less the paragraphs at the ends of its grown side that restate nothing."""
    on_right = len(link.right) > 1
    group = link.right if on_right else link.left
    kept = [p for p in group if p in restating[on_right]]
    if not kept:  # nothing restates: the paragraph closest in content stays
        kept = [closest(link, on_right)]
    part = tuple(range(kept[0], kept[-1] + 1))
    if part == group:
        return link
    if on_right:
        return Link(link.left, part, link.score, link.moved)
    return Link(part, link.right, link.score, link.moved)


def _closest(link: Link, on_right: bool, vectors: Vectors) -> int:
    """The paragraph of the grown side whose content is closest to the partner's."""
    anchor = link.left[0] if on_right else link.right[0]
    group = link.right if on_right else link.left
    pairs = np.array([(anchor, k) if on_right else (k, anchor) for k in group], dtype=np.int64)
    cosines = pair_cosines(vectors, pairs)
    return group[int(np.argmax(cosines))]


def _alignment(links: list[Link], left: Sequence[str], right: Sequence[str]) -> Alignment:
    """Links with their moves marked again, and every paragraph without one dropped or added."""
    ordered = mark_moves(sorted(links, key=lambda link: link.right[0]), left, right)
    used_left = {i for link in ordered for i in link.left}
    used_right = {j for link in ordered for j in link.right}
    return Alignment(
        links=tuple(ordered),
        dropped=tuple(i for i in range(len(left)) if i not in used_left),
        added=tuple(j for j in range(len(right)) if j not in used_right),
    )
