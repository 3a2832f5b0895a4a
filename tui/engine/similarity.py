"""Paraphrase-aware paragraph similarity, and candidate partners without n×m scoring.

Rewordings share *content* — stems of rare words, names, numbers — far more
than characters or word order. So paragraphs are compared as TF-IDF weighted
bags of :func:`~tui.engine.tokens.content_terms`, with IDF computed over both
documents together: a word that occurs in every paragraph ("government" in a
story about the government) says little about which paragraph is which, a
name or a figure says a lot.

Candidate pairs come from an inverted index (term → paragraphs of the other
side), skipping terms so common they link everything; for each paragraph only
the best few candidates are kept. Scoring is a sparse dot product, so the
cost grows with the number of shared rare terms, not with n×m.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tui.engine.tokens import content_terms

__all__ = ["Vectors", "build_vectors", "candidate_scores", "combine", "containment", "cosine"]

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
    """Unit-length TF-IDF vectors of every paragraph of both sides."""

    left: tuple[dict[str, float], ...]
    right: tuple[dict[str, float], ...]
    document_frequency: dict[str, int]


def _weigh(terms: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(terms)
    vector = {term: (1.0 + math.log(count)) * idf[term] for term, count in counts.items()}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {term: w / norm for term, w in vector.items()}


def build_vectors(left: Sequence[str], right: Sequence[str]) -> Vectors:
    """TF-IDF vectors for both sides, IDF shared so scores are comparable across sides."""
    left_terms = [content_terms(text) for text in left]
    right_terms = [content_terms(text) for text in right]
    frequency: Counter[str] = Counter()
    for terms in (*left_terms, *right_terms):
        frequency.update(set(terms))
    total = len(left_terms) + len(right_terms)
    idf = {term: math.log((1 + total) / (1 + df)) + 1.0 for term, df in frequency.items()}
    return Vectors(
        left=tuple(_weigh(terms, idf) for terms in left_terms),
        right=tuple(_weigh(terms, idf) for terms in right_terms),
        document_frequency=dict(frequency),
    )


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors: 1 for the same content, 0 for nothing shared."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def containment(part: dict[str, float], whole: dict[str, float]) -> float:
    """Share of ``part``'s (squared, unit-length) weight on terms that ``whole`` has too.

    1 when every content term of the part occurs in the whole: how a fragment of
    a split paragraph relates to the paragraph, whatever their lengths.
    """
    return sum(weight * weight for term, weight in part.items() if term in whole)


def combine(vectors: Sequence[dict[str, float]]) -> dict[str, float]:
    """The unit vector of several paragraphs read as one (for split and merge tests)."""
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for term, weight in vector.items():
            total[term] += weight
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {term: w / norm for term, w in total.items()}


def candidate_scores(vectors: Vectors, per_paragraph: int = 8) -> dict[tuple[int, int], float]:
    """Cosine scores of the most promising (left, right) pairs, probing both ways.

    Every paragraph probes the other side through its rarest shared terms; the
    ``per_paragraph`` partners with the highest partial scores are kept and
    scored exactly. The work is bounded by the postings of rare terms, so it
    grows about linearly with the text, not with n×m.
    """
    # Term ids in sorted order, never in set or dict order: string hashing differs
    # between runs, and ties in rarity must break the same way every time.
    terms = sorted(vectors.document_frequency)
    ids = {term: number for number, term in enumerate(terms)}
    frequency = np.array([vectors.document_frequency[term] for term in terms], dtype=np.int64)
    left, right = _Entries.of(vectors.left, ids), _Entries.of(vectors.right, ids)
    forward = _probe(left, right, frequency, per_paragraph)
    backward = _probe(right, left, frequency, per_paragraph)[:, ::-1]
    pairs = np.unique(np.concatenate((forward, backward)), axis=0)
    scores = _dot_products(left, right, pairs, len(ids))
    return {(int(i), int(j)): float(score) for (i, j), score in zip(pairs, scores)}


def _dot_products(left: _Entries, right: _Entries, pairs: np.ndarray, vocabulary: int) -> np.ndarray:
    """Exact cosines of the (left, right) ``pairs``: each right vector's terms looked up in the left one.

    The same sums :func:`cosine` computes, done as array operations over all
    pairs at once (the dict version cost seconds on book-length texts).
    """
    left_keys = left.paragraph * vocabulary + left.term
    by_key = np.argsort(left_keys, kind="stable")
    left_keys, left_weights = left_keys[by_key], left.weight[by_key]
    by_paragraph = np.argsort(right.paragraph, kind="stable")
    right_paragraph, right_term = right.paragraph[by_paragraph], right.term[by_paragraph]
    right_weight = right.weight[by_paragraph]
    starts = np.searchsorted(right_paragraph, np.arange(right.count + 1))
    counts = starts[pairs[:, 1] + 1] - starts[pairs[:, 1]]
    total = int(counts.sum())
    position = np.repeat(starts[pairs[:, 1]], counts) + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    wanted = np.repeat(pairs[:, 0], counts) * vocabulary + right_term[position]
    if total == 0:
        return np.zeros(len(pairs))
    found = np.minimum(np.searchsorted(left_keys, wanted), len(left_keys) - 1)
    products = np.where(left_keys[found] == wanted, left_weights[found] * right_weight[position], 0.0)
    return np.bincount(np.repeat(np.arange(len(pairs)), counts), weights=products, minlength=len(pairs))


@dataclass(frozen=True, slots=True)
class _Entries:
    """Every (paragraph, term id, weight) of one side as flat arrays, sorted by term."""

    paragraph: np.ndarray
    term: np.ndarray
    weight: np.ndarray
    starts: np.ndarray  # postings of term t: positions starts[t]:starts[t + 1]
    count: int

    @classmethod
    def of(cls, vectors: Sequence[dict[str, float]], ids: dict[str, int]) -> _Entries:
        paragraph = np.repeat(np.arange(len(vectors)), [len(v) for v in vectors])
        term = np.fromiter((ids[t] for v in vectors for t in v), dtype=np.int64, count=len(paragraph))
        weight = np.fromiter((w for v in vectors for w in v.values()), dtype=np.float64, count=len(paragraph))
        order = np.argsort(term, kind="stable")
        starts = np.searchsorted(term[order], np.arange(len(ids) + 1))
        return cls(paragraph[order], term[order], weight[order], starts, len(vectors))

    def postings_length(self, terms: np.ndarray) -> np.ndarray:
        return self.starts[terms + 1] - self.starts[terms]


def _probe(own: _Entries, other: _Entries, frequency: np.ndarray, count: int) -> np.ndarray:
    """(own paragraph, other paragraph) pairs: each own paragraph's ``count`` best by partial score.

    Vectorised with numpy: each paragraph's rarest shared terms are expanded
    into their postings on the other side, the products summed per pair, and
    the best pairs of each paragraph kept.
    """
    lengths = other.postings_length(own.term)
    usable = (lengths > 0) & (lengths <= COMMON_TERM_MAX_POSTINGS)
    paragraph, term, weight = own.paragraph[usable], own.term[usable], own.weight[usable]
    by_rarity = np.lexsort((frequency[term], paragraph))
    paragraph, term, weight = paragraph[by_rarity], term[by_rarity], weight[by_rarity]
    lengths = other.postings_length(term)
    spent_before = _sum_before_in_group(paragraph, lengths)
    keep = (_rank_in_group(paragraph) < PROBE_TERMS) & (spent_before < PROBE_BUDGET)
    paragraph, term, weight, lengths = paragraph[keep], term[keep], weight[keep], lengths[keep]
    total = int(lengths.sum())
    if total == 0:
        return np.empty((0, 2), dtype=np.int64)
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    position = np.repeat(other.starts[term], lengths) + np.arange(total) - first
    keys = np.repeat(paragraph, lengths) * other.count + other.paragraph[position]
    products = np.repeat(weight, lengths) * other.weight[position]
    pairs, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights=products)
    mine = pairs // other.count
    best_first = np.lexsort((-sums, mine))
    chosen = best_first[_rank_in_group(mine[best_first]) < count]
    return np.column_stack((mine[chosen], pairs[chosen] % other.count))


def _sum_before_in_group(sorted_groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each position, the sum of ``values`` at earlier positions of its group."""
    running = np.cumsum(values) - values
    group_start = np.searchsorted(sorted_groups, sorted_groups, side="left")
    return running - running[group_start]


def _rank_in_group(sorted_groups: np.ndarray) -> np.ndarray:
    """0, 1, 2, … within each run of equal values of a sorted array."""
    return np.arange(len(sorted_groups)) - np.searchsorted(sorted_groups, sorted_groups, side="left")
