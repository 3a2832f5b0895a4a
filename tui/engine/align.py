"""Paragraph alignment: which paragraphs of the left text became which of the right.

The contract, like difflib's: :func:`align` takes two sequences of paragraph
texts and returns an :class:`Alignment` in which every left index is in exactly
one link or in ``dropped``, and every right index in exactly one link or in
``added``. A link joins one left paragraph to one right paragraph, one left to
several consecutive right ones (a split), or several consecutive left ones to
one right (a merge); ``moved`` marks links out of order with the rest.

How (each step only looks at what the previous ones left):

1. **Candidates.** TF-IDF vectors over stemmed content words; an inverted index
   proposes the best few partners of each paragraph (see
   :mod:`tui.engine.similarity`). Paragraphs identical after cosmetic folding
   are candidates with score 1, whatever their words.
2. **Backbone.** The heaviest chain of candidates increasing on both sides,
   where a pair weighs its score times how close it is to being the best pair of
   both its paragraphs. Absolute scores cannot separate a true paraphrase
   (often a cosine of 0.3-0.5) from a wrong paragraph on the same topic; being
   each other's best in an order that fits the neighbours can.
3. **Gap filling.** Between two backbone links, the paragraphs left over are
   aligned again among themselves with a lower threshold: their position is
   evidence too (hunalign / Bleualign style). Two short paragraphs (headlines,
   headings, captions) are measured only against partners still open: a
   heading shares the words of the text under it, whose partner the backbone
   has already taken.
4. **Splits and merges.** A link grows over unlinked neighbours on one side
   when most of the neighbour's content lies in the linked paragraph, or the
   linked paragraph is (nearly) its best partner *that could still have it*
   (a paragraph far away, already paired with its own partner, does not
   count): a short fragment of a split has a low cosine with the whole, but
   its words are there. A pair whose partner already holds all the paragraph
   says does not grow, and a neighbour that adds none of the partner's words
   the group lacks (a headline over the lede it restates) does not join.
5. **Moves.** Among what is still unlinked, mutual best pairs above a stricter
   threshold are linked.
6. **Moved or in order.** The heaviest order-keeping chain of all links (a link
   weighs its text's length) stays in order; every other link is moved.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, chain, groupby, pairwise
from typing import NamedTuple

import numpy as np

from tui.engine.similarity import (
    Terms,
    added_content,
    build_vectors,
    candidate_scores,
    combine,
    containment,
    cosine,
    distinct,
    pair_cosines,
    pair_statistics,
    row_vector,
)
from tui.engine.sparse_rows import SparseRows
from tui.engine.tokens import cosmetic_key

__all__ = [
    "adds_new_content",
    "Link",
    "Alignment",
    "Thresholds",
    "align",
    "mark_moves",
    "heaviest_chain",
    "heaviest_chain_of",
    "PAIR_THRESHOLD",
    "GAP_THRESHOLD",
    "MOVE_THRESHOLD",
    "SPLIT_THRESHOLD",
]

# Thresholds on the TF-IDF cosine of stemmed content words, chosen on the
# hand-labelled fixtures (news reposts with heavy paraphrase, book editions,
# policy and licence revisions, unrelated texts) and the synthetic benchmark.
# True paraphrases of news paragraphs score 0.15-0.6; wrong partners on the
# same topic score up to ~0.4 too, which is why no threshold decides alone: the
# backbone also needs a pair to be (nearly) the best of both its paragraphs, in
# an order that fits its neighbours.
PAIR_THRESHOLD = 0.12  # backbone: in order and (nearly) mutual best
GAP_THRESHOLD = 0.10  # between two backbone links: position backs the pair
# Out of order, only the score speaks for a pair: on the fixtures, wrong
# mutual-best leftovers scored up to 0.14 and true moves from 0.18 up.
MOVE_THRESHOLD = 0.20
SPLIT_THRESHOLD = 0.10  # an unlinked neighbour whose best partner is the link joins it
# ... or whose content (weighted) lies mostly in the linked paragraph.
CONTAINMENT_THRESHOLD = 0.5
# A partner holding this share of a paragraph's content leaves nothing for a
# split or merge to add: its neighbours are new text.
COMPLETE = 0.9
# A backbone pair must score at least this share of the best score of both
# its paragraphs: a "best partner" test that tolerates near ties.
NEAR_BEST = 0.6
# A neighbour joins a split or merge only when it adds this share of the partner's content
# (weight) to what the group already covers: on the dev pairs every piece of a true split or
# merge adds 0.037 or more, a headline over the lede it restates adds nothing.
NEW_CONTENT = 0.02
# Split/merge groups are at most this many paragraphs on the grown side.
MAX_GROUP = 4
# A paragraph of at most this many words reads as a headline, heading or caption. On the
# dev pairs (news headlines, documentation headings, figure captions of 4-9 words) any
# bound from 10 to 30 gives the same links; longer text is checked against every partner.
HEADING_WORDS = 15


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The aligner's thresholds; the CLI's ``--threshold`` scales them together."""

    pair: float = PAIR_THRESHOLD
    gap: float = GAP_THRESHOLD
    move: float = MOVE_THRESHOLD
    split: float = SPLIT_THRESHOLD

    def scaled(self, factor: float) -> Thresholds:
        return Thresholds(
            self.pair * factor, self.gap * factor, self.move * factor, self.split * factor
        )


@dataclass(frozen=True, slots=True)
class Link:
    """Left paragraphs paired with right paragraphs; ``score`` is their content cosine."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float
    moved: bool = False


@dataclass(frozen=True, slots=True)
class Alignment:
    links: tuple[Link, ...]
    dropped: tuple[int, ...]
    added: tuple[int, ...]


def align(
    left: Sequence[str],
    right: Sequence[str],
    thresholds: Thresholds = Thresholds(),
    *,
    left_boilerplate: Collection[int] = (),
    right_boilerplate: Collection[int] = (),
    terms: Terms | None = None,
) -> Alignment:
    """Align two paragraph lists; see the module docstring for the contract and method.

    Symmetric by construction: the two sides are put in a canonical order (by a
    checksum of their texts) before aligning, and the result is mirrored back,
    so swapping the inputs swaps added ↔ dropped and split ↔ merged and keeps
    every link, whatever ties the steps below break.

    Paragraphs listed as boilerplate pair only with an identical paragraph (a
    disclaimer kept as it was): a byline is not a "reworded" byline of another.
    ``terms`` are the texts' :func:`~tui.engine.similarity.index_terms`, when the
    caller needs them too (the sentence stage does).
    """
    if _checksum(left) <= _checksum(right):
        return _Aligner(left, right, thresholds, left_boilerplate, right_boilerplate, terms).run()
    mirrored = _Aligner(
        right,
        left,
        thresholds,
        right_boilerplate,
        left_boilerplate,
        terms.swapped() if terms else None,
    ).run()
    return Alignment(
        links=tuple(
            sorted(
                (Link(k.right, k.left, k.score, k.moved) for k in mirrored.links),
                key=lambda k: k.right[0],
            )
        ),
        dropped=mirrored.added,
        added=mirrored.dropped,
    )


def _checksum(texts: Sequence[str]) -> tuple[int, int]:
    return zlib.crc32("\0".join(texts).encode("utf-8", "surrogatepass")), len(texts)


class _Aligner:
    """One alignment run: the texts, their vectors and candidate scores, and the steps."""

    def __init__(
        self,
        left: Sequence[str],
        right: Sequence[str],
        thresholds: Thresholds,
        left_boilerplate: Collection[int] = (),
        right_boilerplate: Collection[int] = (),
        terms: Terms | None = None,
    ) -> None:
        self.left, self.right, self.thresholds = left, right, thresholds
        self.vectors = build_vectors(left, right, terms)
        self.left_vectors, self.right_vectors = (
            _VectorDicts(self.vectors.left),
            _VectorDicts(self.vectors.right),
        )
        self.left_fixed, self.right_fixed = set(left_boilerplate), set(right_boilerplate)
        pairs, scores = candidate_scores(self.vectors)
        open_ = ~(
            np.isin(pairs[:, 0], list(self.left_fixed))
            | np.isin(pairs[:, 1], list(self.right_fixed))
        )
        self.scores = dict(
            zip(
                zip(pairs[open_, 0].tolist(), pairs[open_, 1].tolist(), strict=True),
                scores[open_].tolist(),
                strict=True,
            )
        )
        self.scores.update(_identical_pairs(left, right))
        self.candidates = _Candidates.of(self.scores)
        self.best_row = _best_by_index(self.candidates.left, self.candidates.score, len(left))
        self.best_column = _best_by_index(self.candidates.right, self.candidates.score, len(right))
        self.left_short, self.right_short = _short(left), _short(right)
        self.overlaps: dict[tuple[int, int], _Overlap] = {}
        self.by_side: dict[str, _Candidates] = {}

    def may_pair(self, i: int, j: int) -> bool:
        """Boilerplate is paired by identity only (see :func:`align`)."""
        return i not in self.left_fixed and j not in self.right_fixed

    def run(self) -> Alignment:
        pairs = self._backbone(self.candidates, self.thresholds.pair)
        pairs = self._fill_gaps(pairs)
        links = [Link((i,), (j,), self.scores.get((i, j), 0.0)) for i, j in pairs]
        links = self._grow_groups([], links)
        # Growth only ever loses free neighbours, so links that have had their
        # chance cannot grow again: only the moved links are grown now.
        links += self._grow_groups(links, self._moves(links))
        return self._finish(links)

    def _backbone(
        self,
        candidates: _Candidates,
        threshold: float,
        rescored: bool = False,
        open_bests: _Bests | None = None,
    ) -> list[tuple[int, int]]:
        """The heaviest chain of near-best pairs increasing on both sides.

        "Near-best" is measured against the best score each paragraph has
        anywhere, so a gap cannot pair a paragraph whose real partner (far
        better) sits elsewhere: that one is left for the move step. Only a
        ``rescored`` gap (cells scored beyond the candidates) can beat those bests.
        In a gap, two short paragraphs are measured against their ``open_bests``
        instead, the best partners the backbone left free: a headline's best
        partner is the lede it sums up, which is paired with the other lede.
        """
        row, column = self.best_row[candidates.left], self.best_column[candidates.right]
        if open_bests is not None:
            short = self.left_short[candidates.left] & self.right_short[candidates.right]
            row = np.where(short, open_bests[0][candidates.left], row)
            column = np.where(short, open_bests[1][candidates.right], column)
        if rescored:
            row = np.maximum(row, _best_in_groups(candidates.left, candidates.score))
            column = np.maximum(column, _best_in_groups(candidates.right, candidates.score))
        strong = candidates.score >= threshold
        closeness = candidates.score[strong] / np.maximum(row, column)[strong]
        near = closeness >= NEAR_BEST
        chosen = candidates.subset(np.flatnonzero(strong)[near])
        chain = heaviest_chain_of(chosen.left, chosen.right, chosen.score * closeness[near])
        return list(zip(chosen.left[chain].tolist(), chosen.right[chain].tolist(), strict=True))

    def _fill_gaps(self, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Align what lies between consecutive backbone pairs, where position supports a pair."""
        end = (len(self.left), len(self.right))
        bounds = [(-1, -1), *pairs, end]
        gaps = {
            k: (range(i0 + 1, i1), range(j0 + 1, j1))
            for k, ((i0, j0), (i1, j1)) in enumerate(pairwise(bounds))
            if i1 - i0 > 1 and j1 - j0 > 1
        }
        backbones = dict(zip(gaps, self._gap_backbones(list(gaps.values()), pairs), strict=True))
        filled: list[tuple[int, int]] = []
        for k, bound in enumerate(bounds[1:]):
            filled += backbones.get(k, [])
            if bound != end:
                filled.append(bound)
        return filled

    def _gap_backbones(
        self, gaps: list[tuple[range, range]], backbone: list[tuple[int, int]]
    ) -> list[list[tuple[int, int]]]:
        """The backbone of each gap; a small gap is rescored in full, all their cells in one batch."""
        if not gaps:
            return []
        open_bests = self._open_bests(backbone)
        local = [self._gap_candidates(rows, cols) for rows, cols in gaps]
        small = [len(rows) * len(cols) <= _FULL_GAP_CELLS for rows, cols in gaps]
        unscored = [
            self._unscored_cells(rows, cols, candidates)
            if is_small
            else np.zeros((0, 2), dtype=np.int64)
            for (rows, cols), candidates, is_small in zip(gaps, local, small, strict=True)
        ]
        cells = np.concatenate(unscored) if unscored else np.zeros((0, 2), dtype=np.int64)
        cosines = np.split(
            pair_cosines(self.vectors, cells), np.cumsum([len(u) for u in unscored])[:-1]
        )
        backbones = []
        for candidates, is_small, cells, scores in zip(
            local, small, unscored, cosines, strict=True
        ):
            if is_small:
                in_full = candidates.extended(cells[:, 0], cells[:, 1], scores)
                backbones.append(
                    self._backbone(
                        in_full, self.thresholds.gap, rescored=True, open_bests=open_bests
                    )
                )
            else:
                backbones.append(
                    self._backbone(candidates, self.thresholds.gap, open_bests=open_bests)
                )
        return backbones

    def _open_bests(self, backbone: list[tuple[int, int]]) -> _Bests:
        """Each paragraph's best score with a partner that ``backbone`` did not take."""
        c = self.candidates
        taken_left = _marked({i for i, _ in backbone}, len(self.left))
        taken_right = _marked({j for _, j in backbone}, len(self.right))
        with_open_right = c.subset(~taken_right[c.right])
        with_open_left = c.subset(~taken_left[c.left])
        return (
            _best_by_index(with_open_right.left, with_open_right.score, len(self.left)),
            _best_by_index(with_open_left.right, with_open_left.score, len(self.right)),
        )

    def _gap_candidates(self, rows: range, cols: range) -> _Candidates:
        """The candidates inside a gap, row by row."""
        local = self._candidates_of("left", rows.start, rows.stop)
        return local.subset((local.right >= cols.start) & (local.right < cols.stop))

    def _unscored_cells(self, rows: range, cols: range, candidates: _Candidates) -> np.ndarray:
        """The ``(k, 2)`` cells of a gap that are not candidates and may pair, row by row."""
        known = set(zip(candidates.left.tolist(), candidates.right.tolist(), strict=True))
        cells = [(i, j) for i in rows for j in cols if (i, j) not in known and self.may_pair(i, j)]
        return np.array(cells, dtype=np.int64).reshape(-1, 2)

    def _grow_groups(self, settled: list[Link], links: list[Link]) -> list[Link]:
        """Grow 1:1 ``links`` into splits (1:n) or merges (n:1) over unlinked neighbours.

        Stronger links grow first; a link that could grow either way takes the
        growth that reads closer to its partner. ``settled`` links keep their
        paragraphs.
        """
        held: _Held = {"left": {}, "right": {}}
        for link in (*settled, *links):
            _hold(held, link)
        # Free neighbours only get fewer: a link without one now never grows.
        growing = {k for k, link in enumerate(links) if self._free_beside(link, held)}
        self._fetch_overlaps([links[k] for k in sorted(growing)])
        grown: dict[int, Link] = {}
        order = sorted(range(len(links)), key=lambda k: -links[k].score)
        for k in order:
            link = links[k]
            if k not in growing:
                grown[k] = link
                continue
            options = [link]
            if len(link.left) == 1:
                options.append(self._grow(link, "right", held))
            if len(link.right) == 1:
                options.append(self._grow(link, "left", held))
            best = max(options, key=lambda o: (len(o.left) + len(o.right) > 2, o.score))
            _hold(held, best)
            grown[k] = best
        return [grown[k] for k in range(len(links))]

    def _free_beside(self, link: Link, held: _Held) -> bool:
        """Is a paragraph next to ``link``, on either side, still unlinked (what growth needs)?"""
        return any(
            0 <= k < len(paragraphs) and k not in held[side]
            for side, group, paragraphs in (
                ("left", link.left, self.left),
                ("right", link.right, self.right),
            )
            for k in (group[0] - 1, group[-1] + 1)
        )

    def _fetch_overlaps(self, links: list[Link]) -> None:
        """Overlaps of each link and its nearest neighbours, in one batch: what growth asks first."""
        anchors = np.array(
            [(link.left[0], link.right[0]) for link in links], dtype=np.int64
        ).reshape(-1, 1, 2)
        steps = np.array([(0, 0), (0, -1), (0, 1), (-1, 0), (1, 0)], dtype=np.int64)
        pairs = (anchors + steps).reshape(-1, 2)
        inside = (
            (pairs >= 0).all(axis=1)
            & (pairs[:, 0] < len(self.left))
            & (pairs[:, 1] < len(self.right))
        )
        columns = len(self.right)
        keys = distinct(pairs[inside] @ np.array([columns, 1]))  # sorted by left, then right
        wanted = list(zip((keys // columns).tolist(), (keys % columns).tolist(), strict=True))
        if self.overlaps:  # keep what an earlier batch or a single lookup computed
            wanted = [pair for pair in wanted if pair not in self.overlaps]
        statistics = pair_statistics(self.vectors, np.array(wanted, dtype=np.int64).reshape(-1, 2))
        self.overlaps.update(
            zip(
                wanted,
                map(
                    _Overlap,
                    statistics.cosine.tolist(),
                    statistics.left_in_right.tolist(),
                    statistics.right_in_left.tolist(),
                ),
                strict=False,
            )
        )

    def _overlap(self, i: int, j: int) -> _Overlap:
        """The overlap of left ``i`` and right ``j``, from the batch or computed on its own."""
        if (i, j) not in self.overlaps:
            left, right = self.left_vectors[i], self.right_vectors[j]
            self.overlaps[(i, j)] = _Overlap(
                cosine(left, right), containment(left, right), containment(right, left)
            )
        return self.overlaps[(i, j)]

    def _grow(self, link: Link, side: str, held: _Held) -> Link:
        """``link`` extended on ``side`` with consecutive unlinked paragraphs whose best partner it is."""
        anchor = link.left[0] if side == "right" else link.right[0]
        group = list(link.right if side == "right" else link.left)
        pair = (lambda k: (anchor, k)) if side == "right" else (lambda k: (k, anchor))
        first = self._overlap(*pair(group[0]))
        if (first.left_in_right if side == "right" else first.right_in_left) >= COMPLETE:
            return link  # the partner already says all the whole says: a neighbour is new text
        size = len(self.right if side == "right" else self.left)
        for step in (1, -1):
            while len(group) < MAX_GROUP:
                candidate = group[-1] + 1 if step == 1 else group[0] - 1
                if not 0 <= candidate < size or candidate in held[side]:
                    break
                overlap = self._overlap(*pair(candidate))
                if not self._belongs(
                    overlap,
                    side,
                    partial(self._best_open_score, candidate, side, step, held),
                ) or not self._adds_content(anchor, side, group, candidate):
                    break
                group = sorted([*group, candidate])
        if len(group) == 1:
            return link
        own = self.right_vectors if side == "right" else self.left_vectors
        other = self.left_vectors[anchor] if side == "right" else self.right_vectors[anchor]
        score = cosine(combine([own[k] for k in group]), other)
        if side == "right":
            return Link(link.left, tuple(group), score, link.moved)
        return Link(tuple(group), link.right, score, link.moved)

    def _adds_content(self, anchor: int, side: str, group: list[int], candidate: int) -> bool:
        """Does ``candidate`` (on ``side``) cover content of ``anchor`` that ``group`` does not?"""
        own = self.right_vectors if side == "right" else self.left_vectors
        whole = self.left_vectors[anchor] if side == "right" else self.right_vectors[anchor]
        return adds_new_content(whole, [own[k] for k in group], own[candidate])

    def _belongs(self, overlap: _Overlap, side: str, best_open: Callable[[], float]) -> bool:
        """Is a paragraph on ``side`` a piece of its ``overlap`` partner on the other side?

        Either most of its content lies in the whole, or the whole is (nearly)
        its best open partner (``best_open`` computes that score) with a fair
        score. A short fragment of a long paragraph has a low cosine with it,
        so both tests are needed.
        """
        if (
            overlap.right_in_left if side == "right" else overlap.left_in_right
        ) >= CONTAINMENT_THRESHOLD:
            return True
        return overlap.cosine >= self.thresholds.split and overlap.cosine >= NEAR_BEST * best_open()

    def _best_open_score(self, index: int, side: str, step: int, held: _Held) -> float:
        """The best score of paragraph ``index`` on ``side`` with a partner that could still have it.

        That is an unlinked partner, or the link just beyond it (``step`` away),
        which may grow over it too. A partner paired elsewhere does not count:
        a fragment that shares a name with a paragraph far away, already linked
        to its own better partner, is still a fragment of its neighbour.
        """
        other = "right" if side == "left" else "left"
        mine = self._candidates_of(side, index, index + 1)
        partners = (mine.right if side == "left" else mine.left).tolist()
        held_other = held[other]
        free = max(
            (
                score
                for score, partner in zip(mine.score.tolist(), partners, strict=True)
                if partner not in held_other
            ),
            default=0.0,
        )
        pair = (lambda k: (index, k)) if side == "left" else (lambda k: (k, index))
        rival = max(
            (self._overlap(*pair(k)).cosine for k in held[side].get(index + step, ())), default=0.0
        )
        return max(free, rival)

    def _candidates_of(self, side: str, start: int, stop: int) -> _Candidates:
        """The candidates of paragraphs ``start..stop`` on ``side``, in the scores dict's order for each."""
        if side not in self.by_side:  # sorted by that side's paragraph, stably: built once
            own = self.candidates.left if side == "left" else self.candidates.right
            self.by_side[side] = self.candidates.subset(np.argsort(own, kind="stable"))
        ordered = self.by_side[side]
        first, end = np.searchsorted(
            ordered.left if side == "left" else ordered.right, [start, stop]
        )
        return ordered.subset(slice(first, end))

    def _moves(self, links: list[Link]) -> list[Link]:
        """Mutual best pairs among unlinked paragraphs, above the move threshold."""
        used_left = {i for link in links for i in link.left}
        used_right = {j for link in links for j in link.right}
        c = self.candidates
        free = c.subset(
            ~_marked(used_left, len(self.left))[c.left]
            & ~_marked(used_right, len(self.right))[c.right]
        )
        mutual = (
            (free.score >= self.thresholds.move)
            & (free.score == _best_in_groups(free.left, free.score))
            & (free.score == _best_in_groups(free.right, free.score))
        )
        best = free.subset(mutual)
        best = best.subset(
            np.lexsort((best.right, best.left, -best.score))
        )  # best first, ties in index order
        moved = []
        for i, j, score in zip(
            best.left.tolist(), best.right.tolist(), best.score.tolist(), strict=True
        ):
            if i not in used_left and j not in used_right:
                moved.append(Link((i,), (j,), score, moved=True))
                used_left.add(i)
                used_right.add(j)
        return moved

    def _finish(self, links: list[Link]) -> Alignment:
        """Mark out-of-order links as moved and list the unlinked paragraphs."""
        ordered = mark_moves(sorted(links, key=lambda link: link.right[0]), self.left, self.right)
        used_left = {i for link in ordered for i in link.left}
        used_right = {j for link in ordered for j in link.right}
        return Alignment(
            links=tuple(ordered),
            dropped=tuple(i for i in range(len(self.left)) if i not in used_left),
            added=tuple(j for j in range(len(self.right)) if j not in used_right),
        )


# For each side, which paragraphs are linked, and to which paragraphs of the other side.
_Held = dict[str, dict[int, tuple[int, ...]]]
# The best score of each left and of each right paragraph.
_Bests = tuple[np.ndarray, np.ndarray]


def adds_new_content(
    whole: dict[int, float], group: Sequence[dict[int, float]], candidate: dict[int, float]
) -> bool:
    """Would ``candidate`` join ``group`` as a piece of its partner ``whole`` (term vectors)?

    Only if it covers :data:`NEW_CONTENT` of the partner that the group does not: a
    paragraph that repeats what the group already says of it (a headline over the lede it
    restates) is a repetition, not a piece. The aligner's growth and the sentence
    evidence's extension ask the same question.
    """
    return added_content(whole, group, candidate) >= NEW_CONTENT


def _short(texts: Sequence[str]) -> np.ndarray:
    """Which paragraphs are short enough to be a headline, heading or caption."""
    return np.array([len(text.split()) <= HEADING_WORDS for text in texts], dtype=bool)


def _hold(held: _Held, link: Link) -> None:
    """Record ``link``'s paragraphs as linked (to each other)."""
    held["left"].update(dict.fromkeys(link.left, link.right))
    held["right"].update(dict.fromkeys(link.right, link.left))


class _Overlap(NamedTuple):
    """How a left and a right paragraph overlap: their cosine and each one's containment in the other."""

    cosine: float
    left_in_right: float
    right_in_left: float


class _VectorDicts:
    """One side's vectors as dicts, built when first asked for."""

    def __init__(self, matrix: SparseRows):
        self.matrix = matrix
        self.built: dict[int, dict[int, float]] = {}

    def __getitem__(self, paragraph: int) -> dict[int, float]:
        if paragraph not in self.built:
            self.built[paragraph] = row_vector(self.matrix, paragraph)
        return self.built[paragraph]


# Gaps up to this many cells are scored in full rather than from the candidates.
_FULL_GAP_CELLS = 2500


IDENTICAL_COPIES = 8
"""How many right-side copies of a paragraph each left copy is offered as identical partners."""


def _identical_pairs(left: Sequence[str], right: Sequence[str]) -> dict[tuple[int, int], float]:
    """Pairs equal after cosmetic folding (also "Top" or "1", which have no content terms).

    The n-th copy of a paragraph on the left is offered the right's copies
    around its n-th, as a line diff pairs repeated lines in order: a refrain,
    a repeated heading or a run of identical rows keeps its diagonal however
    many copies there are (offered only the first eight, every later copy was
    dropped and added). With eight copies or fewer, each is offered all.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(right):
        by_key[cosmetic_key(text)].append(j)
    seen: Counter[str] = Counter()
    pairs: dict[tuple[int, int], float] = {}
    for i, text in enumerate(left):
        key = cosmetic_key(text)
        copies = by_key.get(key, [])
        rank = seen[key]
        seen[key] += 1
        start = max(0, min(rank - IDENTICAL_COPIES // 2, len(copies) - IDENTICAL_COPIES))
        pairs.update(((i, j), 1.0) for j in copies[start : start + IDENTICAL_COPIES])
    return pairs


class _Candidates(NamedTuple):
    """Candidate pairs as parallel arrays (left index, right index, score), for steps that look at many at once.

    The arrays keep the order of the scores dict they were made from: ties
    between equal chains break by that order, so it must not depend on the step.
    """

    left: np.ndarray
    right: np.ndarray
    score: np.ndarray

    @classmethod
    def of(cls, scores: dict[tuple[int, int], float]) -> _Candidates:
        pairs = np.fromiter(chain.from_iterable(scores), dtype=np.int64, count=2 * len(scores))
        return cls(
            pairs[0::2],
            pairs[1::2],
            np.fromiter(scores.values(), dtype=np.float64, count=len(scores)),
        )

    def subset(self, which: np.ndarray | slice) -> _Candidates:
        """The candidates at ``which``: a mask, an index array or a slice."""
        return _Candidates(self.left[which], self.right[which], self.score[which])

    def extended(self, left: np.ndarray, right: np.ndarray, score: np.ndarray) -> _Candidates:
        return _Candidates(*map(np.concatenate, zip(self, (left, right, score), strict=True)))


def _best_by_index(indices: np.ndarray, scores: np.ndarray, size: int) -> np.ndarray:
    """For each of ``size`` paragraphs, its best score among the candidates (0 without any)."""
    best = np.zeros(size)
    np.maximum.at(best, indices, scores)
    return best


def _best_in_groups(indices: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """For each candidate, the best score of the candidates that share its paragraph."""
    groups, inverse = np.unique(indices, return_inverse=True)
    best = np.zeros(len(groups))
    np.maximum.at(best, inverse, scores)
    return best[inverse]


def _marked(indices: Collection[int], size: int) -> np.ndarray:
    """A mask over ``size`` paragraphs, true at ``indices``."""
    mask = np.zeros(size, dtype=bool)
    mask[list(indices)] = True
    return mask


def mark_moves(links: list[Link], left: Sequence[str], right: Sequence[str]) -> list[Link]:
    """A link is moved unless it lies on the heaviest order-keeping chain of all links.

    A link weighs the length of its text, so when two paragraphs swap places
    the shorter one is said to have moved: less text travelled.
    """
    weights = {
        (link.left[0], link.right[0]): sum(len(left[i]) for i in link.left)
        + sum(len(right[j]) for j in link.right)
        for link in links
    }
    in_order = set(heaviest_chain(weights))
    return [
        Link(
            link.left,
            link.right,
            link.score,
            moved=(link.left[0], link.right[0]) not in in_order,
        )
        for link in links
    ]


def heaviest_chain(weights: Mapping[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Maximum-weight sequence of pairs strictly increasing in both coordinates.

    O(k log k) for k pairs: pairs are swept by left index; a Fenwick tree over
    right indices holds the best chain ending at or before each right index.
    Ties go to the pair met first (rows in order, a row's pairs in the dict's
    order), so equal chains always resolve the same way. The sentence stage asks
    this of thousands of small groups, so the pairs are numbered in plain Python;
    :func:`heaviest_chain_of` takes a backbone's hundreds of thousands as arrays.
    """
    pairs = list(weights)
    rank_of = {j: rank for rank, j in enumerate(sorted({j for _, j in pairs}), start=1)}
    order = sorted(range(len(pairs)), key=lambda k: pairs[k][0])  # stable: the dict's order
    chain = _sweep(
        order, [pairs[k][0] for k in order], [rank_of[j] for _, j in pairs], list(weights.values())
    )
    return [pairs[k] for k in chain]


def heaviest_chain_of(left: np.ndarray, right: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """:func:`heaviest_chain` of the pairs ``(left[k], right[k])``, as the indices ``k`` of
    the chain in order: the same chain, with the numbering done by numpy (a book's backbone
    holds 800,000 candidate pairs, which a dict of tuples and a sort in Python took a
    second and a hundred megabytes to number)."""
    order = np.argsort(left, kind="stable")  # stable: ties in the arrays' order
    ranks = np.unique(right, return_inverse=True)[1] + 1
    chain = _sweep(order.tolist(), left[order].tolist(), ranks.tolist(), weights.tolist())
    return np.array(chain, dtype=np.int64)


def _sweep(order: list[int], rows: list[int], ranks: list[int], values: list[float]) -> list[int]:
    """The heaviest chain's pair numbers: pairs ``order``-ed by row (``rows``, in that order),
    each with its right index's rank (from 1) and its weight.

    The loops are written out, as this is the aligner's hottest code. A Fenwick node
    covers every node it is updated through on the way up, so an update stops at the first
    node that already holds as much: no node above it would change.
    """
    if not order:
        return []
    size = max(ranks)
    tree_value = [0.0] * (size + 1)
    tree_end = [-1] * (size + 1)
    total = [0.0] * len(ranks)
    previous = [-1] * len(ranks)
    for start, stop in _runs_of_equal_rows(rows):
        row = order[start:stop]
        for k in row:  # chains ending strictly left of this column, from rows above only
            best, end, position = 0.0, -1, ranks[k] - 1
            while position:
                if tree_value[position] > best:
                    best, end = tree_value[position], tree_end[position]
                position &= position - 1
            total[k], previous[k] = best + values[k], end
        for k in row:
            value, position = total[k], ranks[k]
            while position <= size and value > tree_value[position]:
                tree_value[position], tree_end[position] = value, k
                position += position & -position
    end = max(order, key=total.__getitem__)
    chain = []
    while end != -1:
        chain.append(end)
        end = previous[end]
    return chain[::-1]


def _runs_of_equal_rows(rows: list[int]) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of each run of equal values in the sorted ``rows``."""
    return pairwise(accumulate((len(list(run)) for _, run in groupby(rows)), initial=0))
