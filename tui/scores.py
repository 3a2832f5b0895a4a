"""Precision and recall from counts: the one convention of every evaluation command.

Saying nothing is never wrong and having nothing to find is never a miss: an
empty denominator scores 1.0, so a file or pair without labelled items neither
divides by zero nor drags a total down. Each scorer keeps its own counts (what
it calls said and expected differs) and derives its ratios here.
"""

from __future__ import annotations

__all__ = ["f1", "precision", "recall"]


def precision(correct: int, said: int) -> float:
    """Of the ``said`` items (predicted, flagged, labelled), the share that is right."""
    return correct / said if said else 1.0


def recall(found: int, expected: int) -> float:
    """Of the ``expected`` items, the share that was found."""
    return found / expected if expected else 1.0


def f1(precision: float, recall: float) -> float:
    """Their harmonic mean (0.0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
