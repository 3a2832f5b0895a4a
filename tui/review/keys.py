"""Content keys: what the review store knows a comparison and each of its differences by.

Keys hash the *texts*, never file names or positions, so a renamed file keeps
its review and a difference that an edit elsewhere merely shifted keeps its
mark. Pure functions, no database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.engine.model import Comparison
from tui.review.marks import Mark

__all__ = [
    "ComparisonKeys",
    "change_key",
    "comparison_keys",
    "difference_indices",
    "marks_by_change",
    "pair_key",
    "side_hash",
]


def _digest(parts: Iterable[str]) -> str:
    """sha256 over length-prefixed parts, so ("ab", "c") and ("a", "bc") never collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def side_hash(texts: Sequence[str]) -> str:
    """The content hash of one side: its paragraphs, in order."""
    return _digest(["side", *texts])


def pair_key(left_texts: Sequence[str], right_texts: Sequence[str]) -> str:
    """The key of a comparison: both sides' content, each hashed on its own, in order."""
    return _pair_of(side_hash(left_texts), side_hash(right_texts))


def _pair_of(left_hash: str, right_hash: str) -> str:
    return _digest(["pair", left_hash, right_hash])


def change_key(left_texts: Sequence[str], right_texts: Sequence[str], kind: str) -> str:
    """The key of one difference: its kind and the texts on each side.

    Positions are left out on purpose: a difference that an edit elsewhere
    merely shifted keeps its key, and so its mark.
    """
    return _digest(["change", str(kind), str(len(left_texts)), *left_texts, *right_texts])


@dataclass(frozen=True, slots=True)
class ComparisonKeys:
    """Everything the store needs to know about one comparison.

    ``change_keys`` is parallel to ``Comparison.differences``.
    """

    pair_key: str
    left_hash: str
    right_hash: str
    change_keys: tuple[str, ...]


def comparison_keys(comparison: Comparison) -> ComparisonKeys:
    """Keys for a comparison and each of its differences.

    Two differences with identical texts (the same sentence added twice) get
    distinct keys by occurrence ("…#2"), so each can be marked on its own.
    """
    left = comparison.left.texts
    right = comparison.right.texts
    raw = [
        change_key([left[i] for i in c.left], [right[j] for j in c.right], c.kind)
        for c in comparison.differences
    ]
    left_hash, right_hash = side_hash(left), side_hash(right)  # each side hashed once
    return ComparisonKeys(
        _pair_of(left_hash, right_hash), left_hash, right_hash, _number_repeats(raw)
    )


def difference_indices(comparison: Comparison) -> tuple[int, ...]:
    """Change index of each difference, parallel to ``ComparisonKeys.change_keys``."""
    return tuple(i for i, change in enumerate(comparison.changes) if change.is_difference)


def marks_by_change(
    comparison: Comparison, keys: ComparisonKeys, by_key: dict[str, Mark]
) -> dict[int, Mark]:
    """Stored marks (by content key) re-keyed by change index into ``comparison.changes``.

    The store speaks in content keys, the app and the reports in change
    indices; this is the one translation, so the app's marks and the CLI's
    headless export cannot disagree about which mark belongs where.
    """
    pairs = zip(difference_indices(comparison), keys.change_keys, strict=True)
    return {index: by_key[key] for index, key in pairs if key in by_key}


def _number_repeats(keys: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    numbered = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        numbered.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return tuple(numbered)
