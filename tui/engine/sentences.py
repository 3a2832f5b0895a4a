"""Sentence provenance: which sentence of the original became which sentence of the rewrite.

In a real rewrite most paragraphs keep a fifth to a half of their words, and a
word diff of the whole paragraph is noise. One level down the question has an
answer: this sentence restates that one, these two were cut, this one is new.

The contract is the paragraphs' (:mod:`tui.engine.align`) one level down:
:func:`align_sentence_groups` returns, for each group of paragraphs, a
:class:`~tui.engine.model.SentenceAlignment` in which every sentence of the
group's left paragraphs is in exactly one link's ``left`` and every right
sentence in exactly one link's ``right``; a link is 1:1, 1:n (``split``),
n:1 (``merged``), or one-sided (``dropped``, ``added``).

How:

1. **Sentences** come from sentencex (a Rust segmenter with the abbreviation
   rules of ~300 languages), and a lone list or clause number ("1.", "(b)")
   is joined to the sentence it opens.
2. **Scores** are the paragraph engine's own (:mod:`tui.engine.similarity`):
   TF-IDF cosines of stemmed content words, numbers and names, with the IDF
   taken over the sentences of every group of both sides at once, so one
   vectorisation and one batch of pair statistics serves the whole document.
   A paraphrase keeps its rare words and figures however its clauses were
   rebuilt; function words never count.
3. **Links**, inside each group: the heaviest order-keeping chain of pairs that
   are (nearly) each other's best; then mutual best pairs out of that order
   (a sentence moved within the group); then each link grows over an unlinked
   neighbouring sentence whose content lies in its partner (a sentence split in
   two, or two merged). What is left was cut or is new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from operator import attrgetter
from typing import NamedTuple

import numpy as np
import sentencex
from rapidfuzz.distance import Indel

from tui.engine import regex_cache
from tui.engine.align import heaviest_chain
from tui.engine.inline import word_highlights
from tui.engine.model import Kind, Sentence, SentenceAlignment, SentenceLink, Span
from tui.engine.similarity import Part, Terms, index_terms, pair_statistics, part_vectors
from tui.engine.tokens import DocumentTerms, cosmetic_key

__all__ = [
    "split_sentences",
    "align_sentence_groups",
    "restating_paragraphs",
    "SentencePair",
    "sentence_pairs",
    "PAIR_THRESHOLD",
    "MOVE_THRESHOLD",
    "CONTAINMENT_THRESHOLD",
]

# Thresholds on the TF-IDF cosine of two sentences' content terms, chosen on the
# dev half of fixtures/real-pairs (see tui.evaluation).
PAIR_THRESHOLD = 0.2  # in order and (nearly) each other's best
GAP_THRESHOLD = 0.1  # between two linked sentences, where position backs the pair
MOVE_THRESHOLD = 0.3  # out of order, only the score speaks for a pair
# A neighbouring sentence joins a link when this share of its content lies in the partner.
CONTAINMENT_THRESHOLD = 0.6
# A partner holding this share of a sentence's content leaves nothing for a neighbour to add.
COMPLETE = 0.9
# ... and one holding less than half leaves room for a neighbour with a fair share of the
# sentence's content (this much of the neighbour lies in it) and cosine: the halves of a
# long sentence cut in two, each rewritten.
HALF_RESTATED = 0.5
PART_CONTAINMENT = 0.25
PART_COSINE = 0.15
# A chain pair must score this share of the best score of both its sentences.
NEAR_BEST = 0.6
# A split or merged sentence has at most this many parts.
MAX_PARTS = 3
# Groups with more cells than this are scored only near their diagonal (a paragraph of
# a hundred sentences against its rewrite): the work must stay linear in the text.
MAX_CELLS = 2500
BAND = 12

# sentencex's rules for English abbreviations: the texts compared here are mostly
# English, and its other languages fall back to the same punctuation rules.
_LANGUAGE = "en"
#: sentencex hands the text to Rust as UTF-8, which has no lone surrogates (a text built in
#: memory may hold one): U+FFFD stands in for each, one character for one, so offsets hold.
_LONE_SURROGATE = regex_cache.compile("[\ud800-\udfff]")
# Double quotation marks, straight, curly, low and angled (single ones double as apostrophes).
_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_BLANK_QUOTES = str.maketrans(dict.fromkeys(_QUOTES, " "))
# A list or clause number ("1.", "(b)", "iv)") opening a paragraph belongs to its first
# sentence; sentencex would cut after "1." and misses every boundary after "(b)".
# Each part is entered at its run's start only (the lookbehinds), so a search through a run
# of digits or numerals that ends in no enumerator reads it once, not once per character.
_ENUMERATOR = regex_cache.compile(
    r"(?<!\s)\s*\(?(?:(?<![\d.])\d+(?:\.\d+)*|[a-zA-Z]|(?<![ivxlcIVXLC])[ivxlcIVXLC]+)[.)]\s+"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, the whitespace around it left out.

    sentencex never ends a sentence inside a quotation, but a quote of two sentences is two
    sentences (``"It's a tragedy. If you pray, now is the time to pray," he said``): it reads
    the text with its double quotation marks blanked, one space for one mark so offsets hold,
    and each mark then goes back to the sentence it closes or opens.
    """
    enumerator = _ENUMERATOR.match(text)
    position = enumerator.end() if enumerator else 0
    spans: list[tuple[int, int]] = []
    readable = _LONE_SURROGATE.sub("\ufffd", text[position:]).translate(_BLANK_QUOTES)
    for piece in sentencex.segment(_LANGUAGE, readable):
        start = position + len(piece) - len(piece.lstrip())
        position += len(piece)
        end = start + len(piece.strip())
        if end > start:
            while start > (spans[-1][1] if spans else 0) and text[start - 1] in _QUOTES:
                start -= 1
            while end < len(text) and text[end] in _QUOTES:
                end += 1
            spans.append((start, end))
    if enumerator and spans:
        spans[0] = (
            enumerator.start() + len(enumerator.group()) - len(enumerator.group().lstrip()),
            spans[0][1],
        )
    return spans


def _sentences(texts: Sequence[str], paragraphs: Sequence[int]) -> list[Sentence]:
    return [
        Sentence(paragraph, start, end, texts[paragraph][start:end])
        for paragraph in paragraphs
        for start, end in split_sentences(texts[paragraph])
    ]


def _parts(
    sentences: list[Sentence], texts: Sequence[str], first_pieces: list[int], pieces: list[int]
) -> list[Part]:
    """Each sentence as a run of its paragraph's pieces (see :func:`part_vectors`), or as its
    text where the sentences of a paragraph do not fall on whole pieces."""
    parts: list[Part] = []
    for paragraph, run in groupby(sentences, key=attrgetter("paragraph")):
        own = list(run)
        counts = [len(s.text.split()) for s in own]
        # The paragraph's pieces less a leading clause number, which its terms leave out.
        dropped = len(texts[paragraph].split()) - pieces[paragraph]
        if (
            sum(counts) != pieces[paragraph] + dropped
            or dropped not in (0, 1)
            or counts[0] < dropped
        ):
            parts += [s.text for s in own]
            continue
        counts[0] -= dropped
        start = first_pieces[paragraph]
        for count in counts:
            parts.append((start, count))
            start += count
    return parts


Group = tuple[Sequence[int], Sequence[int]]


class _Overlap(NamedTuple):
    """A sentence pair's content cosine, and each one's containment in the other."""

    cosine: float
    left_in_right: float
    right_in_left: float


# A group's scored cells: (left sentence, right sentence) -> their overlap.
_Cells = dict[tuple[int, int], _Overlap]


def _scored_groups(
    left: Sequence[str],
    right: Sequence[str],
    groups: Sequence[Group],
    terms: Terms | None,
) -> list[_Group]:
    """Each group's sentences with every cell scored, all groups in one batch."""
    terms = terms or index_terms(left, right)
    sentences = [(_sentences(left, lefts), _sentences(right, rights)) for lefts, rights in groups]
    rows = np.array([len(ls) for ls, _ in sentences], dtype=np.int64)
    columns = np.array([len(rs) for _, rs in sentences], dtype=np.int64)
    group, row, column = _cells(rows, columns)
    row_offsets = np.concatenate(([0], np.cumsum(rows)[:-1])).astype(np.int64)
    column_offsets = np.concatenate(([0], np.cumsum(columns)[:-1])).astype(np.int64)
    vectors = part_vectors(
        terms,
        _parts([s for ls, _ in sentences for s in ls], left, *_piece_starts(terms.left)),
        _parts([s for _, rs in sentences for s in rs], right, *_piece_starts(terms.right)),
    )
    statistics = pair_statistics(
        vectors,
        np.column_stack((row + row_offsets[group], column + column_offsets[group])),
    )
    overlaps = list(
        map(
            _Overlap,
            statistics.cosine.tolist(),
            statistics.left_in_right.tolist(),
            statistics.right_in_left.tolist(),
        )
    )
    bounds = np.searchsorted(group, np.arange(len(sentences) + 1)).tolist()
    keys = list(zip(row.tolist(), column.tolist(), strict=True))
    return [
        _Group(ls, rs, dict(zip(keys[start:stop], overlaps[start:stop], strict=True)))
        for (ls, rs), start, stop in zip(sentences, bounds, bounds[1:], strict=False)
    ]


def align_sentence_groups(
    left: Sequence[str],
    right: Sequence[str],
    groups: Sequence[Group],
    terms: Terms | None = None,
) -> list[SentenceAlignment]:
    """The sentence alignment of each group of (left paragraphs, right paragraphs).

    ``left`` and ``right`` are all the paragraph texts of each side; a group
    names paragraphs by index; ``terms`` are the texts' terms when the caller
    has them (:func:`~tui.engine.similarity.index_terms`). All groups are
    scored in one batch (see the module docstring), then aligned one by one;
    a book has thousands of groups of a few sentences, so the per-group steps
    are plain Python over a handful of cells, with no array work.
    """
    return [scored.align() for scored in _scored_groups(left, right, groups, terms)]


def restating_paragraphs(
    left: Sequence[str],
    right: Sequence[str],
    groups: Sequence[Group],
    terms: Terms | None = None,
) -> list[tuple[set[int], set[int]]]:
    """Per group, its left and right paragraphs with a sentence that restates the other side.

    A sentence restates when it is linked, or when it and a sentence of the
    other side would pair on their own (the chain's test: above the pair
    threshold and near the best of both) though that sentence went to another
    that restates less than half of it: a rewrite that fuses sentences of two
    paragraphs into one links only one of them, yet both paragraphs became
    that sentence.
    """
    found = []
    for scored in _scored_groups(left, right, groups, terms):
        alignment = scored.align()
        lefts = {i for link in alignment.links if link.right for i in link.left}
        rights = {j for link in alignment.links if link.left for j in link.right}
        for i, j in scored.fused_pairs(alignment.links):
            lefts.add(i)
            rights.add(j)
        found.append(
            (
                {alignment.left[i].paragraph for i in lefts},
                {alignment.right[j].paragraph for j in rights},
            )
        )
    return found


def _piece_starts(terms: DocumentTerms) -> tuple[list[int], list[int]]:
    """Each paragraph's first piece, and its number of pieces."""
    counts = terms.pieces_per_text
    return (np.cumsum(counts) - counts).tolist(), counts.tolist()


def _cells(rows: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group, row and column of every cell to score, by group then row then column.

    Every cell of a group, or in a group of more than ``MAX_CELLS`` cells (a
    paragraph of a hundred sentences against its rewrite) only those within
    ``BAND`` of its diagonal, so the work stays linear in the text.
    """
    sizes = rows * columns
    group = np.repeat(np.arange(len(rows)), sizes)
    local = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    width = np.maximum(columns, 1)[group]
    row, column = local // width, local % width
    large = sizes[group] > MAX_CELLS
    if large.any():
        diagonal = row * columns[group] / np.maximum(rows, 1)[group]
        keep = ~large | (np.abs(column - diagonal) <= BAND)
        group, row, column = group[keep], row[keep], column[keep]
    return group, row, column


class _Group:
    """One group's sentences and scored cells, and the steps that link them."""

    def __init__(self, left: list[Sentence], right: list[Sentence], cells: _Cells):
        self.left, self.right = left, right
        self.left_words = [_words(s.text) for s in left]
        self.right_words = [_words(s.text) for s in right]
        # Sentences with the same words pair whatever their content terms ("Yes.", "See below.").
        by_words: dict[tuple[str, ...], int] = {}
        for j, words in enumerate(self.right_words):
            by_words.setdefault(tuple(words), j)
        for i, words in enumerate(self.left_words):
            j = by_words.get(tuple(words), -1)
            if j >= 0 and words:
                cells[(i, j)] = _Overlap(1.0, 1.0, 1.0)
        self.cells = cells
        # Each sentence's best cosine with any sentence of the other side.
        self.best_row = [0.0] * len(left)
        self.best_column = [0.0] * len(right)
        for (i, j), overlap in cells.items():
            if overlap.cosine > self.best_row[i]:
                self.best_row[i] = overlap.cosine
            if overlap.cosine > self.best_column[j]:
                self.best_column[j] = overlap.cosine

    def align(self) -> SentenceAlignment:
        pairs = self._chain()
        if len(pairs) < min(len(self.left), len(self.right)):
            pairs = self._fill_gaps(pairs)
        if len(pairs) < min(len(self.left), len(self.right)):
            pairs += self._moves(pairs)
        links = self._grow(pairs)
        return SentenceAlignment(tuple(self.left), tuple(self.right), self._finish(links))

    def _chain(self) -> list[tuple[int, int]]:
        """The heaviest chain of (nearly) mutual best pairs, increasing on both sides."""
        weights = self._chain_weights()
        return _increasing(list(weights)) or heaviest_chain(weights)

    def fused_pairs(self, links: Sequence[SentenceLink]) -> list[tuple[int, int]]:
        """Pairs good enough for the chain whose one sentence went to a link that restates
        less than half of it: the other is a further part of a sentence fused from two."""
        left_partners = {i: link.right for link in links if link.right for i in link.left}
        right_partners = {j: link.left for link in links if link.left for j in link.right}
        fused = []
        for i, j in self._chain_weights():
            if i in left_partners and j not in right_partners:
                restated = max(self._restated(i, k, on_right=False) for k in left_partners[i])
            elif j in right_partners and i not in left_partners:
                restated = max(self._restated(k, j, on_right=True) for k in right_partners[j])
            else:
                continue
            if restated < HALF_RESTATED:
                fused.append((i, j))
        return fused

    def _restated(self, i: int, j: int, on_right: bool) -> float:
        """How much of the right (``on_right``) or left sentence of a pair the other holds."""
        overlap = self.cells.get((i, j))
        if overlap is None:
            return 0.0
        return overlap.right_in_left if on_right else overlap.left_in_right

    def _chain_weights(self) -> dict[tuple[int, int], float]:
        """Pairs above the pair threshold and near the best of both sentences, by weight."""
        best_row, best_column = self.best_row, self.best_column
        weights = {}
        for (i, j), overlap in self.cells.items():
            score = overlap.cosine
            if score >= PAIR_THRESHOLD:
                closeness = score / max(best_row[i], best_column[j])
                if closeness >= NEAR_BEST:
                    weights[(i, j)] = score * closeness
        return weights

    def _fill_gaps(self, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The chain with what lies between its pairs aligned again, where position backs a pair.

        Between two linked sentences, an unlinked sentence on each side are
        likely each other's restatement even when they share few words (a
        short sentence with two of its four content words replaced): the
        threshold there is lower, and a pair need only be the best of its
        sentences within the gap (hunalign's and the paragraph aligner's gap filling).
        """
        bounds = [(-1, -1), *pairs, (len(self.left), len(self.right))]
        filled: list[tuple[int, int]] = []
        for (i0, j0), (i1, j1) in pairwise(bounds):
            if i1 - i0 > 1 and j1 - j0 > 1:
                filled += self._gap_chain(range(i0 + 1, i1), range(j0 + 1, j1))
            if i1 < len(self.left):
                filled.append((i1, j1))
        return filled

    def _gap_chain(self, rows: range, columns: range) -> list[tuple[int, int]]:
        """The heaviest chain of pairs inside a gap that are (nearly) the best of the gap."""
        inside = {
            (i, j): overlap.cosine
            for i in rows
            for j in columns
            if (overlap := self.cells.get((i, j))) is not None and overlap.cosine >= GAP_THRESHOLD
        }
        best_row: dict[int, float] = {}
        best_column: dict[int, float] = {}
        for (i, j), score in inside.items():
            best_row[i] = max(best_row.get(i, 0.0), score)
            best_column[j] = max(best_column.get(j, 0.0), score)
        weights = {
            (i, j): score * score / max(best_row[i], best_column[j])
            for (i, j), score in inside.items()
            if score >= NEAR_BEST * max(best_row[i], best_column[j])
        }
        return heaviest_chain(weights)

    def _moves(self, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Mutual best pairs among the unlinked sentences, above the move threshold, best first."""
        held_left = {i for i, _ in pairs}
        held_right = {j for _, j in pairs}
        free = sorted(
            (
                (-overlap.cosine, i, j)
                for (i, j), overlap in self.cells.items()
                if overlap.cosine >= MOVE_THRESHOLD and i not in held_left and j not in held_right
            )
        )
        moved = []
        for _, i, j in free:
            if i not in held_left and j not in held_right:
                moved.append((i, j))
                held_left.add(i)
                held_right.add(j)
        return moved

    def _grow(self, pairs: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """Each 1:1 pair grown over unlinked neighbouring sentences that are parts of its partner."""
        if len(pairs) == len(self.left) == len(self.right):
            return [((i,), (j,)) for i, j in pairs]  # nothing left to grow over
        held_left = {i for i, _ in pairs}
        held_right = {j for _, j in pairs}
        grown = []
        for i, j in sorted(pairs, key=lambda pair: -self.cells[pair].cosine):
            rights = self._parts(i, j, held_right, side="right")
            lefts = (i,) if len(rights) > 1 else self._parts(j, i, held_left, side="left")
            held_left.update(lefts)
            held_right.update(rights)
            grown.append((lefts, rights))
        return grown

    def _parts(self, anchor: int, part: int, held: set[int], side: str) -> tuple[int, ...]:
        """``part`` and the free neighbours on ``side`` whose content lies in ``anchor``."""
        on_right = side == "right"
        pair = (anchor, part) if on_right else (part, anchor)
        whole = self.cells[pair]
        restated = whole.left_in_right if on_right else whole.right_in_left
        if restated >= COMPLETE:
            return (part,)
        best = self.best_column if on_right else self.best_row
        size = len(self.right if on_right else self.left)
        group = [part]
        for step in (1, -1):
            while len(group) < MAX_PARTS:
                candidate = group[-1] + 1 if step == 1 else group[0] - 1
                if not 0 <= candidate < size or candidate in held:
                    break
                overlap = self.cells.get((anchor, candidate) if on_right else (candidate, anchor))
                if overlap is None or not _is_part(overlap, on_right, restated, best[candidate]):
                    break
                group = sorted([*group, candidate])
        return tuple(group)

    def _finish(
        self, links: list[tuple[tuple[int, ...], tuple[int, ...]]]
    ) -> tuple[SentenceLink, ...]:
        """Kinds, similarities and reading order; every unlinked sentence dropped or added."""
        starts = sorted((rights[0], lefts[0]) for lefts, rights in links)
        if _increasing([(i, j) for j, i in starts]):
            in_order = {(i, j) for j, i in starts}
        else:  # the longest texts stay in order, the others moved
            in_order = set(
                heaviest_chain(
                    {
                        (lefts[0], rights[0]): sum(len(self.left[i].text) for i in lefts)
                        + sum(len(self.right[j].text) for j in rights)
                        for lefts, rights in links
                    }
                )
            )
        described = [
            SentenceLink(
                self._kind(lefts, rights, (lefts[0], rights[0]) in in_order),
                lefts,
                rights,
                round(self._kept(lefts, rights), 4),
            )
            for lefts, rights in links
        ]
        linked_left = {i for link in described for i in link.left}
        linked_right = {j for link in described for j in link.right}
        described += [
            SentenceLink(Kind.ADDED, (), (j,), 0.0)
            for j in range(len(self.right))
            if j not in linked_right
        ]
        dropped = [i for i in range(len(self.left)) if i not in linked_left]
        return _reading_order(described, dropped)

    def _kept(self, lefts: tuple[int, ...], rights: tuple[int, ...]) -> float:
        """The share of words kept (rapidfuzz's Indel similarity over the words)."""
        if len(lefts) == len(rights) == 1:
            return Indel.normalized_similarity(
                self.left_words[lefts[0]], self.right_words[rights[0]]
            )
        return Indel.normalized_similarity(
            [w for i in lefts for w in self.left_words[i]],
            [w for j in rights for w in self.right_words[j]],
        )

    def _kind(self, lefts: tuple[int, ...], rights: tuple[int, ...], in_order: bool) -> Kind:
        if len(rights) > 1:
            return Kind.SPLIT
        if len(lefts) > 1:
            return Kind.MERGED
        if not in_order:
            return Kind.MOVED
        left, right = self.left[lefts[0]], self.right[rights[0]]
        if self.left_words[lefts[0]] == self.right_words[rights[0]] and cosmetic_key(
            left.text
        ) == cosmetic_key(right.text):
            return Kind.UNCHANGED
        return Kind.REWORDED


def _is_part(overlap: _Overlap, on_right: bool, restated: float, best: float) -> bool:
    """Is a sentence next to a link's part another part of the link's whole?

    Either most of its content lies in the whole, or the whole is less than
    half restated yet, and the sentence carries a fair share of what is
    missing: a long sentence cut in two halves, each of which keeps only some
    of its words, and whose best partner the whole is.
    """
    inside = overlap.right_in_left if on_right else overlap.left_in_right
    if inside >= CONTAINMENT_THRESHOLD:
        return True
    return (
        restated < HALF_RESTATED
        and inside >= PART_CONTAINMENT
        and overlap.cosine >= PART_COSINE
        and overlap.cosine >= NEAR_BEST * best
    )


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs sorted, if they already increase on both sides (then they are their own
    heaviest chain); otherwise nothing."""
    ordered = sorted(pairs)
    for (i0, j0), (i1, j1) in zip(ordered, ordered[1:], strict=False):
        if i1 <= i0 or j1 <= j0:
            return []
    return ordered


# Punctuation and typographic marks read as spaces when words are counted: "it." is "it".
_NOT_WORDS = str.maketrans(
    dict.fromkeys(map(ord, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»„—–…"), " ")
)


def _words(text: str) -> list[str]:
    """A sentence's words for the share kept: case-folded, punctuation left out (C string
    methods only: every sentence of every changed paragraph is counted)."""
    return text.casefold().translate(_NOT_WORDS).split()


def _reading_order(links: list[SentenceLink], dropped: list[int]) -> tuple[SentenceLink, ...]:
    """Links by right position; each dropped sentence right after the in-order link before it
    on the left (so a cut sentence reads before the new one that took its place)."""
    ordered = sorted(links, key=lambda link: link.right[0])
    after: dict[int, list[int]] = {}  # position in ``ordered`` (-1: the start) -> dropped there
    anchors = [
        (link.left[-1], k)
        for k, link in enumerate(ordered)
        if link.left and link.kind is not Kind.MOVED
    ]
    for i in dropped:
        before = [k for last, k in anchors if last < i]
        after.setdefault(before[-1] if before else -1, []).append(i)
    result = [SentenceLink(Kind.DROPPED, (i,), (), 0.0) for i in after.get(-1, [])]
    for k, link in enumerate(ordered):
        result.append(link)
        result += [SentenceLink(Kind.DROPPED, (i,), (), 0.0) for i in after.get(k, [])]
    return tuple(result)


@dataclass(frozen=True, slots=True)
class SentencePair:
    """One row of a sentence view: a link's sentences side by side, highlighted within the pair.

    ``left`` and ``right`` hold one tuple of spans per sentence. Words are
    compared only inside the pair, so a highlight never points at a word of
    another sentence; a cut sentence is all changed on the left, a new one
    all changed on the right.
    """

    kind: Kind
    similarity: float
    left: tuple[tuple[Span, ...], ...]
    right: tuple[tuple[Span, ...], ...]


def sentence_pairs(alignment: SentenceAlignment) -> tuple[SentencePair, ...]:
    """The rows of a change's sentence view, in its links' reading order.

    The word diffs are made here, when a view or a report asks for them,
    not for every change of every comparison.
    """
    return tuple(map(lambda link: _pair(alignment, link), alignment.links))


def _pair(alignment: SentenceAlignment, link: SentenceLink) -> SentencePair:
    left = [alignment.left[i].text for i in link.left]
    right = [alignment.right[j].text for j in link.right]
    if left == right and len(left) == 1:  # a sentence kept as it was: what its diff would say
        kept = ((Span(left[0]),),)
        return SentencePair(link.kind, link.similarity, kept, kept)
    if left and right:
        return SentencePair(link.kind, link.similarity, *word_highlights(left, right))
    return SentencePair(
        link.kind,
        link.similarity,
        tuple((Span(text, True),) for text in left),
        tuple((Span(text, True),) for text in right),
    )
