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

from rapidfuzz.distance import Indel

from tui.engine.tokens import content_terms, word_keys

__all__ = ["Vectors", "build_vectors", "candidate_scores", "combine", "cosine", "word_similarity"]

# A term in more than this share of all paragraphs (and more than
# COMMON_TERM_MIN_COUNT of them) is too common to propose candidates; it still
# counts in the final cosine of each candidate.
COMMON_TERM_SHARE = 0.05
COMMON_TERM_MIN_COUNT = 40


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
    """Cosine scores of the most promising (left, right) pairs.

    Each left paragraph probes the right side through its shared, not too
    common terms; the best ``per_paragraph`` partners of every paragraph on
    either side are kept and scored exactly.
    """
    total = len(vectors.left) + len(vectors.right)
    too_common = max(COMMON_TERM_MIN_COUNT, COMMON_TERM_SHARE * total)
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vector in enumerate(vectors.right):
        for term, weight in vector.items():
            if vectors.document_frequency[term] <= too_common:
                index[term].append((j, weight))
    best_right: dict[int, list[tuple[float, int]]] = defaultdict(list)
    kept: set[tuple[int, int]] = set()
    for i, vector in enumerate(vectors.left):
        partial: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for j, other in index.get(term, ()):
                partial[j] += weight * other
        ranked = sorted(partial.items(), key=lambda item: -item[1])
        kept.update((i, j) for j, _ in ranked[:per_paragraph])
        for j, score in ranked:
            best_right[j].append((score, i))
    for j, scored in best_right.items():
        scored.sort(key=lambda item: -item[0])
        kept.update((i, j) for _, i in scored[:per_paragraph])
    return {(i, j): cosine(vectors.left[i], vectors.right[j]) for i, j in kept}


def word_similarity(left: str, right: str) -> float:
    """Share of words kept, 0..1: rapidfuzz's normalised Indel similarity over word keys.

    This is the score shown to readers ("0.62 of the words kept"); it is
    honest about rewording, while the aligner's cosine is what finds partners.
    """
    return Indel.normalized_similarity(word_keys(left), word_keys(right))
