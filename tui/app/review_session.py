"""The review of one open comparison: marks by change index, kept in memory, written through to the store.

The store (:mod:`tui.review.store`) speaks in content keys; the app speaks in change
indices (into ``Comparison.changes``). :func:`tui.review.keys.marks_by_change` is
the one translation, shared with the CLI's headless export.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.engine.model import Comparison
from tui.review.keys import ComparisonKeys, comparison_keys, difference_indices, marks_by_change
from tui.review.marks import MARK_FIELDS, Mark, OpenResult
from tui.review.store import NullStore, ReviewStore, StateUnavailable, source_identity

__all__ = ["ReviewSession", "open_review"]

Store = ReviewStore | NullStore


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
    #: The store's data_version when ``marks`` were read (see :meth:`refresh`).
    seen_version: int = 0

    def __post_init__(self) -> None:
        self._key_of = dict(
            zip(difference_indices(self.comparison), self.keys.change_keys, strict=True)
        )

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
        """Keep ``mark`` for this session, then store the fields that changed.

        Only the changed fields go to the store, so another instance's marks
        on the other fields of the same difference survive; the mark as stored
        comes back and is kept. Raises :class:`StateUnavailable` from the store
        (the session's marks are kept in memory first).
        """
        changed = [
            name for name in MARK_FIELDS if getattr(mark, name) != getattr(self.mark(change), name)
        ]
        self._keep(change, mark)
        stored = self.store.set_mark(self.keys.pair_key, self._key_of[change], mark, changed)
        self._keep(change, stored)

    def refresh(self) -> int:
        """Take in marks another instance stored since the last look; the number of differences whose mark changed.

        Cheap when nothing changed: one ``PRAGMA data_version``, which moves
        only when another connection commits.
        """
        if isinstance(
            self.store, NullStore
        ):  # nothing to look at, or it failed: memory is all there is
            return 0
        version = self.store.data_version()
        if version == self.seen_version:
            return 0
        self.seen_version = version
        stored = marks_by_change(self.comparison, self.keys, self.store.marks(self.keys.pair_key))
        changed = {
            i for i in stored.keys() | self.marks.keys() if stored.get(i) != self.marks.get(i)
        }
        self.marks = stored
        return len(changed)

    def _keep(self, change: int, mark: Mark) -> None:
        if mark.is_blank:
            self.marks.pop(change, None)
        else:
            self.marks[change] = mark


def open_review(
    comparison: Comparison, store: Store
) -> tuple[ReviewSession, OpenResult | None, StateUnavailable | None]:
    """Record that ``comparison`` was opened and load its marks.

    Safe to call from a worker thread. When the store fails, the review goes
    on with a :class:`NullStore` and the error is returned for the app to show.
    """
    keys = comparison_keys(comparison)
    try:
        result = store.record_open(
            keys,
            source_identity(comparison.left.source),
            source_identity(comparison.right.source),
        )
        version = store.data_version()
        by_key = store.marks(keys.pair_key)
    except StateUnavailable as error:
        return ReviewSession(comparison, keys, NullStore()), None, error
    marks = marks_by_change(comparison, keys, by_key)
    return ReviewSession(comparison, keys, store, marks, version), result, None
