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

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tui.engine.tokens import content_terms

__all__ = ["Vectors", "build_vectors", "candidate_scores", "combine", "cosine"]

# Each paragraph looks for partners through at most this many of its rarest
# terms that the other side also has (the prefix filter of set-similarity joins).
PROBE_TERMS = 10
# A term in more paragraphs than this proposes no candidates (it would link
# everything to everything); it still counts in each candidate's cosine.
COMMON_TERM_MAX_POSTINGS = 400


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
    left_index = _postings(vectors.left)
    right_index = _postings(vectors.right)
    frequency = vectors.document_frequency
    kept: set[tuple[int, int]] = set()
    for i, vector in enumerate(vectors.left):
        kept.update((i, j) for j in _probe(vector, right_index, frequency, per_paragraph))
    for j, vector in enumerate(vectors.right):
        kept.update((i, j) for i in _probe(vector, left_index, frequency, per_paragraph))
    return {(i, j): cosine(vectors.left[i], vectors.right[j]) for i, j in kept}


def _postings(vectors: Sequence[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, vector in enumerate(vectors):
        for term, weight in vector.items():
            index[term].append((number, weight))
    return index


def _probe(vector: dict[str, float], index, frequency: dict[str, int], count: int) -> list[int]:
    shared = [t for t in vector if t in index and len(index[t]) <= COMMON_TERM_MAX_POSTINGS]
    shared.sort(key=frequency.__getitem__)
    partial: dict[int, float] = defaultdict(float)
    for term in shared[:PROBE_TERMS]:
        weight = vector[term]
        for other, other_weight in index[term]:
            partial[other] += weight * other_weight
    return heapq.nlargest(count, partial, key=partial.__getitem__)
