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
3. marks again which links moved, as the aligner does.

Only split and merged links are aligned here, in one batch: the cost is that
of their sentences, a small part of the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


def refine(
    alignment: Alignment, left: Sequence[str], right: Sequence[str], terms: Terms
) -> Alignment:
    """The alignment with its splits and merges trimmed to what their sentences support."""
    # The paragraphs' vectors, made once and only when a step needs them.
    vectors = cache(lambda: build_vectors(left, right, terms))
    links = _trim(list(alignment.links), left, right, terms, vectors)
    links = _cut_trailing_headings(links, left, right)
    return _alignment(_extend(links, left, right, terms, vectors), left, right)


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


def _restated_share(evidence: SentenceAlignment, side: str, paragraph: int) -> float:
    """The share of a paragraph's text (in characters) in sentences linked to the other side."""
    sentences = evidence.right if side == "right" else evidence.left
    linked = {
        k
        for link in evidence.links
        if link.left and link.right and link.similarity >= RESTATED_SIMILARITY
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
