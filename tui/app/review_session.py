"""The review of one open comparison: marks by change index, kept in memory, written through to the store.

The store (:mod:`tui.review`) speaks in content keys; the app and the reports
speak in change indices (into ``Comparison.changes``). This module is the one
place that translates, so the app's marks, the reports' ``review`` and the
CLI's headless export cannot disagree about which mark belongs where.

No Textual import: the CLI uses :func:`stored_review` too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from tui.engine.model import Comparison
from tui.review import (
    ComparisonKeys,
    Mark,
    NullStore,
    OpenResult,
    ReviewStore,
    StateUnavailable,
    comparison_keys,
    default_state_path,
)

__all__ = ["ReviewSession", "open_review", "source_identity", "stored_review"]

Store = ReviewStore | NullStore


def source_identity(source: str) -> str:
    """What the store remembers a source by, so the start screen can reopen it from anywhere.

    A local file becomes its absolute path (the app may be started in another
    folder next time); a URL, stdin ('-') or git's /dev/null stay as given.
    """
    if source == "-" or urlparse(source).scheme in ("http", "https", "file") or source.startswith("/dev/"):
        return source
    return str(Path(source).expanduser().absolute())


def _difference_indices(comparison: Comparison) -> tuple[int, ...]:
    """Change index of each difference, parallel to ``ComparisonKeys.change_keys``."""
    return tuple(i for i, change in enumerate(comparison.changes) if change.is_difference)


@dataclass(eq=False)
class ReviewSession:
    """The reviewer's marks on one comparison.

    :meth:`set` changes the memory first and the store second, so a store that
    fails mid-session (``StateUnavailable``) never loses the session's marks.
    """

    comparison: Comparison
    keys: ComparisonKeys
    store: Store
    marks: dict[int, Mark] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._key_of = dict(zip(_difference_indices(self.comparison), self.keys.change_keys))

    @property
    def total(self) -> int:
        return len(self._key_of)

    @property
    def reviewed(self) -> int:
        return sum(mark.reviewed for index, mark in self.marks.items() if index in self._key_of)

    def can_mark(self, change: int | None) -> bool:
        """Only differences are reviewed (not unchanged or boilerplate paragraphs)."""
        return change in self._key_of

    def mark(self, change: int) -> Mark:
        return self.marks.get(change, Mark())

    def set(self, change: int, mark: Mark) -> None:
        """Keep ``mark`` for this session, then store it; raises :class:`StateUnavailable` from the store."""
        if mark.is_blank:
            self.marks.pop(change, None)
        else:
            self.marks[change] = mark
        self.store.set_mark(self.keys.pair_key, self._key_of[change], mark)


def open_review(comparison: Comparison, store: Store) -> tuple[ReviewSession, OpenResult | None, StateUnavailable | None]:
    """Record that ``comparison`` was opened and load its marks.

    Safe to call from a worker thread. When the store fails, the review goes
    on with a :class:`NullStore` and the error is returned for the app to show.
    """
    keys = comparison_keys(comparison)
    try:
        result = store.record_open(
            keys.pair_key,
            keys.left_hash,
            keys.right_hash,
            source_identity(comparison.left.source),
            source_identity(comparison.right.source),
            len(keys.change_keys),
            keys.change_keys,
        )
        by_key = store.marks(keys.pair_key)
    except StateUnavailable as error:
        return ReviewSession(comparison, keys, NullStore()), None, error
    return ReviewSession(comparison, keys, store, _by_change(comparison, keys, by_key)), result, None


def stored_review(comparison: Comparison, path: Path | None = None) -> dict[int, Mark] | None:
    """The stored marks of ``comparison`` by change index, for a headless export; None when there are none.

    Reads only: a missing database is not created, the comparison is not
    recorded as opened. Raises :class:`StateUnavailable` when the file is unusable.
    """
    path = default_state_path() if path is None else path
    if not path.exists():
        return None
    keys = comparison_keys(comparison)
    with ReviewStore.open(path) as store:
        by_key = store.marks(keys.pair_key)
    return _by_change(comparison, keys, by_key) or None


def _by_change(comparison: Comparison, keys: ComparisonKeys, by_key: dict[str, Mark]) -> dict[int, Mark]:
    return {
        index: by_key[key]
        for index, key in zip(_difference_indices(comparison), keys.change_keys)
        if key in by_key
    }
