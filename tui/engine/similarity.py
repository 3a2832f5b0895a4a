"""Paraphrase-aware paragraph similarity, and candidate partners without n×m scoring.

Rewordings share *content* — stems of rare words, names, numbers — far more
than characters or word order. So paragraphs are compared as TF-IDF weighted
bags of :func:`~tui.engine.tokens.content_terms`, with IDF computed over both
documents together: a word that occurs in every paragraph ("government" in a
story about the government) says little about which paragraph is which, a
name or a figure says a lot.

Each side is a sparse matrix (:mod:`tui.engine.sparse_rows`), one row per paragraph. Candidate pairs come
from probing: each paragraph keeps only its rarest terms that the other side
has (never terms so common they link everything), and that probe matrix
times the other side's matrix gives every partial score at once; each
paragraph keeps its best few and those are scored exactly. The cost grows
with the postings of rare terms, not with n×m.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from tui.engine.sparse_rows import (
    SparseRows,
    from_entries,
    product,
    shared_entries,
    stack,
    sums_by_row,
    take_rows,
    transpose,
)
from tui.engine.tokens import DocumentTerms, content_terms

__all__ = [
    "row_vector",
    "Vectors",
    "Terms",
    "index_terms",
    "Part",
    "part_vectors",
    "PairStatistics",
    "build_vectors",
    "candidate_scores",
    "distinct",
    "pair_cosines",
    "pair_statistics",
    "added_content",
    "combine",
    "containment",
    "cosine",
]

# Each paragraph looks for partners through at most this many of its rarest
# terms that the other side also has (the prefix filter of set-similarity joins).
PROBE_TERMS = 8
# ... and stops adding terms once their postings reach this many paragraphs:
# a term's postings grow with the text, and the probe must not (else the work
# grows with the square of the length).
PROBE_BUDGET = 64
# A term in more paragraphs than this proposes no candidates (it would link
# everything to everything); it still counts in each candidate's cosine.
COMMON_TERM_MAX_POSTINGS = 200


@dataclass(frozen=True, slots=True)
class Vectors:
    """Both sides' unit-length TF-IDF vectors over one vocabulary, one sparse row per paragraph.

    Sparse matrices rather than a dict per paragraph: dicts cost seconds and
    hundreds of megabytes on a book. ``document_frequency[t]`` counts the
    paragraphs of both sides that have term ``t``.
    """

    left: SparseRows
    right: SparseRows
    document_frequency: np.ndarray


def row_vector(matrix: SparseRows, paragraph: int) -> dict[int, float]:
    """One paragraph's vector as a dict, for the few steps that look at one pair at a time."""
    start, end = matrix.indptr[paragraph], matrix.indptr[paragraph + 1]
    return dict(
        zip(matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(), strict=True)
    )


@dataclass(frozen=True, slots=True)
class Terms:
    """Both sides' content terms over one vocabulary: counts per distinct piece and per paragraph.

    The costly part of :func:`build_vectors`, kept so that the vectors of
    other runs of the same pieces (the sentences of a paragraph) cost one
    sparse product: ``left_pieces[k, t]`` counts term ``t`` in the left
    side's distinct piece ``k`` (see :class:`~tui.engine.tokens.DocumentTerms`),
    ``left_counts[p, t]`` in its paragraph ``p``; ``document_frequency[t]``
    counts the paragraphs of both sides that have term ``t``.
    """

    left: DocumentTerms
    right: DocumentTerms
    ids: dict[str, int]
    left_pieces: SparseRows
    right_pieces: SparseRows
    left_counts: SparseRows
    right_counts: SparseRows
    document_frequency: np.ndarray

    def swapped(self) -> Terms:
        """The same terms with the sides exchanged (for the aligner's mirrored run)."""
        return Terms(
            self.right,
            self.left,
            self.ids,
            self.right_pieces,
            self.left_pieces,
            self.right_counts,
            self.left_counts,
            self.document_frequency,
        )

    @property
    def idf(self) -> np.ndarray:
        paragraphs = self.left_counts.shape[0] + self.right_counts.shape[0]
        idf: np.ndarray = np.log((1 + paragraphs) / (1 + self.document_frequency)) + 1.0
        return idf


def index_terms(left: Sequence[str], right: Sequence[str]) -> Terms:
    """The :class:`Terms` of two sides' paragraphs."""
    left_terms, right_terms = content_terms(left), content_terms(right)
    # Term ids in sorted order, never in set or dict order: string hashing differs
    # between runs, and ties in rarity must break the same way every time.
    vocabulary = {
        term for terms in (*left_terms.piece_terms, *right_terms.piece_terms) for term in terms
    }
    ids = {term: number for number, term in enumerate(sorted(vocabulary))}
    left_pieces, right_pieces = _piece_matrix(left_terms, ids), _piece_matrix(right_terms, ids)
    left_counts = _term_frequencies(_text_runs(left_terms), left_terms, left_pieces)
    right_counts = _term_frequencies(_text_runs(right_terms), right_terms, right_pieces)
    frequency = np.bincount(left_counts.indices, minlength=len(ids)) + np.bincount(
        right_counts.indices, minlength=len(ids)
    )
    return Terms(
        left_terms,
        right_terms,
        ids,
        left_pieces,
        right_pieces,
        left_counts,
        right_counts,
        frequency,
    )


def build_vectors(left: Sequence[str], right: Sequence[str], terms: Terms | None = None) -> Vectors:
    """TF-IDF vectors for both sides, IDF shared so scores are comparable across sides.

    A term's weight is ``(1 + log tf) * idf``; each vector has unit length.
    ``terms``, when the caller has them, must be those of ``left`` and ``right``.
    """
    terms = terms or index_terms(left, right)
    idf = terms.idf
    return Vectors(
        _unit_rows(terms.left_counts, idf),
        _unit_rows(terms.right_counts, idf),
        terms.document_frequency,
    )


# A part of a paragraph to weigh like the paragraphs: a run of its pieces,
# ``(first piece, number of pieces)`` into its side's ``DocumentTerms.pieces``, or
# its text when it does not fall on whole pieces (a sentence of Chinese text).
Part = tuple[int, int] | str


def part_vectors(terms: Terms, left: Sequence[Part], right: Sequence[Part]) -> Vectors:
    """Unit TF-IDF vectors of parts of the paragraphs (their sentences), weighted like them.

    A run of pieces is counted without reading its text again, by one sparse
    product over all runs; a text's terms are found afresh, and only those
    the paragraphs have count. The IDF is the paragraphs'.
    """
    idf = terms.idf
    return Vectors(
        _unit_rows(_part_frequencies(terms, terms.left, terms.left_pieces, left), idf),
        _unit_rows(_part_frequencies(terms, terms.right, terms.right_pieces, right), idf),
        terms.document_frequency,
    )


def _part_frequencies(
    terms: Terms, side: DocumentTerms, per_piece: SparseRows, parts: Sequence[Part]
) -> SparseRows:
    """Part × term counts, runs and texts each in one batch, rows in the parts' order."""
    is_text = [isinstance(part, str) for part in parts]
    runs = [part for part, text in zip(parts, is_text, strict=True) if not text]
    counts = _term_frequencies(np.array(runs, dtype=np.int64).reshape(-1, 2), side, per_piece)
    if not any(is_text):
        return counts
    texts = content_terms([part for part in parts if isinstance(part, str)])
    known = tuple(tuple(t for t in piece if t in terms.ids) for piece in texts.piece_terms)
    texts = DocumentTerms(known, texts.pieces, texts.pieces_per_text)
    text_counts = _term_frequencies(_text_runs(texts), texts, _piece_matrix(texts, terms.ids))
    order = np.argsort(np.array(is_text), kind="stable")  # runs first, then texts
    return take_rows(stack(counts, text_counts), np.argsort(order))


def _text_runs(terms: DocumentTerms) -> np.ndarray:
    """Each text's run of pieces: ``(first piece, number of pieces)``."""
    counts = terms.pieces_per_text
    return np.column_stack((np.cumsum(counts) - counts, counts))


def _piece_matrix(terms: DocumentTerms, ids: dict[str, int]) -> SparseRows:
    """Distinct piece × term counts."""
    pieces = len(terms.piece_terms)
    term_ids = [ids[term] for piece in terms.piece_terms for term in piece]
    piece_of_term = np.repeat(np.arange(pieces), [len(piece) for piece in terms.piece_terms])
    return _count_matrix(piece_of_term, np.array(term_ids, dtype=np.int64), (pieces, len(ids)))


def _term_frequencies(runs: np.ndarray, terms: DocumentTerms, per_piece: SparseRows) -> SparseRows:
    """Run × term counts (rows in canonical form: sorted, no duplicates).

    Run × piece counts times piece × term counts: the per-term work is
    done once per distinct piece, the rest by one sparse product.
    """
    runs = np.asarray(runs, dtype=np.int64).reshape(-1, 2)
    starts, counts = runs[:, 0], runs[:, 1]
    positions = np.arange(int(counts.sum())) + np.repeat(
        starts - (np.cumsum(counts) - counts), counts
    )
    per_run = _count_matrix(
        np.repeat(np.arange(len(runs)), counts),
        terms.pieces[positions],
        (len(runs), len(terms.piece_terms)),
    )
    return product(per_run, per_piece)


def _count_matrix(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int]) -> SparseRows:
    """How often each (row, column) occurs, as a sparse matrix."""
    return from_entries(rows, columns, np.ones(len(rows)), shape)


def _unit_rows(counts: SparseRows, idf: np.ndarray) -> SparseRows:
    weight = (1.0 + np.log(counts.data)) * idf[counts.indices]
    paragraph = counts.row_of_entries()
    norm = np.sqrt(np.bincount(paragraph, weights=weight * weight, minlength=counts.shape[0]))
    weight /= np.where(norm > 0, norm, 1.0)[paragraph]
    return SparseRows(weight, counts.indices, counts.indptr, counts.columns)


def cosine(a: dict[int, float], b: dict[int, float]) -> float:
    """Dot product of two unit vectors: 1 for the same content, 0 for nothing shared."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def containment(part: dict[int, float], whole: dict[int, float]) -> float:
    """Share of ``part``'s (squared, unit-length) weight on terms that ``whole`` has too.

    1 when every content term of the part occurs in the whole: how a fragment of
    a split paragraph relates to the paragraph, whatever their lengths.
    """
    return sum(weight * weight for term, weight in part.items() if term in whole)


def added_content(
    whole: dict[int, float], pieces: Sequence[dict[int, float]], candidate: dict[int, float]
) -> float:
    """Share of ``whole``'s weight on terms ``candidate`` has and none of ``pieces`` has.

    What one more paragraph would add to a split's (or merge's) cover of its
    partner: a true piece brings words of the whole that the other pieces lack,
    a headline over the lede it restates brings none.
    """
    return sum(
        weight * weight
        for term, weight in whole.items()
        if term in candidate and not any(term in piece for piece in pieces)
    )


def combine(vectors: Sequence[dict[int, float]]) -> dict[int, float]:
    """The unit vector of several paragraphs read as one (for split and merge tests)."""
    total: dict[int, float] = defaultdict(float)
    for vector in vectors:
        for term, weight in vector.items():
            total[term] += weight
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {term: w / norm for term, w in total.items()}


def candidate_scores(vectors: Vectors, per_paragraph: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Cosine scores of the most promising (left, right) pairs, probing both ways.

    Every paragraph probes the other side through its rarest shared terms; the
    ``per_paragraph`` partners with the highest partial scores are kept and
    scored exactly. The work is bounded by the postings of rare terms, so it
    grows about linearly with the text, not with n×m. Returns the pairs, a
    ``(k, 2)`` array of (left, right) sorted by left then right, and their cosines.
    """
    frequency = vectors.document_frequency
    forward = _probe(vectors.left, vectors.right, frequency, per_paragraph)
    backward = _probe(vectors.right, vectors.left, frequency, per_paragraph)[:, ::-1]
    columns = vectors.right.shape[0]
    keys = distinct(np.concatenate((forward, backward)) @ np.array([columns, 1]))
    pairs = np.column_stack((keys // columns, keys % columns))
    return pairs, pair_cosines(vectors, pairs)


def distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values, sorted, as ``np.unique`` gives them.

    numpy 2's hashing ``np.unique`` took 30 times longer than one sort on the
    320,000 candidate keys of a book.
    """
    ordered = np.sort(keys)
    return (
        ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered
    )


def pair_cosines(vectors: Vectors, pairs: np.ndarray) -> np.ndarray:
    """The cosine of each (left, right) pair of a ``(k, 2)`` array, as :func:`cosine` computes it."""
    return np.concatenate(
        [_cosines(left, right) for left, right in _pair_rows(vectors, pairs)] or [np.zeros(0)]
    )


# Pairs whose rows are gathered at once: gathering a quarter-million pairs' rows
# at a time took 170 MB at 20,000 paragraphs, a batch of this size a few MB.
_PAIR_BATCH = 16384


def _pair_rows(vectors: Vectors, pairs: np.ndarray) -> Iterator[tuple[SparseRows, SparseRows]]:
    """The rows of each pair's left and right paragraph, batch after batch."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    for start in range(0, len(pairs), _PAIR_BATCH):
        batch = pairs[start : start + _PAIR_BATCH]
        yield take_rows(vectors.left, batch[:, 0]), take_rows(vectors.right, batch[:, 1])


@dataclass(frozen=True, slots=True)
class PairStatistics:
    """For each (left, right) pair: the cosine, and how much of each side's content the other has.

    ``left_in_right`` is :func:`containment` of the left vector in the right one,
    ``right_in_left`` the reverse: what the split and merge steps ask.
    """

    cosine: np.ndarray
    left_in_right: np.ndarray
    right_in_left: np.ndarray


def pair_statistics(vectors: Vectors, pairs: np.ndarray) -> PairStatistics:
    """:class:`PairStatistics` of a ``(k, 2)`` array of (left, right) pairs.

    The same sums :func:`cosine` and :func:`containment` compute, for all
    pairs at once: the rows of each pair, multiplied term by term.
    """
    batches = [_batch_statistics(left, right) for left, right in _pair_rows(vectors, pairs)]
    return PairStatistics(
        *(np.concatenate([b[k] for b in batches] or [np.zeros(0)]) for k in range(3))
    )


def _cosines(left: SparseRows, right: SparseRows) -> np.ndarray:
    """Row by row, the dot product of ``left``'s row and ``right``'s, summed in term order."""
    pair, left_weight, right_weight = shared_entries(left, right)
    return sums_by_row(pair, left_weight * right_weight, left.shape[0])


def _batch_statistics(left: SparseRows, right: SparseRows) -> tuple[np.ndarray, ...]:
    """Row by row: the cosine and the two containments, summed over the shared terms in order."""
    pair, left_weight, right_weight = shared_entries(left, right)
    pairs = left.shape[0]
    return tuple(
        sums_by_row(pair, weight, pairs)
        for weight in (left_weight * right_weight, left_weight**2, right_weight**2)
    )


def _probe(own: SparseRows, other: SparseRows, frequency: np.ndarray, count: int) -> np.ndarray:
    """(own paragraph, other paragraph) pairs: each own paragraph's ``count`` best by partial score.

    Each own paragraph keeps only its rarest shared terms (the probe); the
    probe matrix times the other side gives every partial score at once, and
    the best pairs of each paragraph are kept.
    """
    postings = np.bincount(other.indices, minlength=other.shape[1])
    paragraph = own.row_of_entries()
    term, weight = own.indices, own.data
    lengths = postings[term]
    usable = (lengths > 0) & (lengths <= COMMON_TERM_MAX_POSTINGS)
    paragraph, term, weight, lengths = (
        paragraph[usable],
        term[usable],
        weight[usable],
        lengths[usable],
    )
    by_rarity = np.lexsort((term, frequency[term], paragraph))
    paragraph, term, weight, lengths = (
        paragraph[by_rarity],
        term[by_rarity],
        weight[by_rarity],
        lengths[by_rarity],
    )
    keep = (_rank_in_group(paragraph) < PROBE_TERMS) & (
        _sum_before_in_group(paragraph, lengths) < PROBE_BUDGET
    )
    probe = from_entries(paragraph[keep], term[keep], weight[keep], own.shape)
    partial = product(probe, transpose(other))
    return np.column_stack(_best_in_rows(partial, count))


def _best_in_rows(matrix: SparseRows, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of each row's ``count`` largest entries; ties go to the lower column.

    One sort of a single float key (row, then value descending) instead of a
    two-key lexsort, which cost more than everything else here; values closer
    than about 1e-11 count as ties.
    """
    row = matrix.row_of_entries()
    if not len(row):
        return row, row
    top = matrix.data.max() or 1.0
    order = np.argsort(
        2.0 * row - matrix.data / top, kind="stable"
    )  # row r's keys lie in [2r - 1, 2r)
    chosen = order[np.arange(len(order)) - matrix.indptr[row] < count]
    return row[chosen], matrix.indices[chosen].astype(np.int64)


def _sum_before_in_group(sorted_groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each position, the sum of ``values`` at earlier positions of its group."""
    running = np.cumsum(values) - values
    group_start = np.searchsorted(sorted_groups, sorted_groups, side="left")
    before: np.ndarray = running - running[group_start]
    return before


def _rank_in_group(sorted_groups: np.ndarray) -> np.ndarray:
    """0, 1, 2, … within each run of equal values of a sorted array."""
    return np.arange(len(sorted_groups)) - np.searchsorted(
        sorted_groups, sorted_groups, side="left"
    )
