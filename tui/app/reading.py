"""What the reader has open: one comparison, its review, and the view of it.

The app holds one :class:`Reading` or none (start screen, or the first
comparison still running), instead of separate fields for the request, the
documents, the comparison and the review that could disagree. The sources and
documents are the comparison's own (``comparison.left.source``, ...).

:func:`open_reading` is everything between the engine's answer and the
screen that need not touch a widget: recording the open in the review store
(which may wait on a locked database), loading the marks, and laying out the
rows and the panel's list. It runs in the comparison's worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.app.bars import Summary
from tui.app.review_session import ReviewSession, Store, open_review
from tui.app.view_model import Filters, ReaderModel
from tui.engine.model import Comparison
from tui.engine.progress import Progress
from tui.review.marks import OpenResult
from tui.review.store import StateUnavailable

__all__ = ["Reading", "open_reading"]

#: The app's own stages, after the engine's.
REVIEW_STAGE = "opening the review"
VIEW_STAGE = "laying out"


@dataclass(eq=False)
class Reading:
    """One open comparison: the engine's answer, the reviewer's marks, and what the view shows.

    ``model`` changes with the filters and marks; the rest is fixed for the
    reading's life. ``opened`` is what the store said when it was opened
    (e.g. "the right side changed since your review"), None without a store.
    """

    comparison: Comparison
    review: ReviewSession
    model: ReaderModel
    summary: Summary
    opened: OpenResult | None = None


def open_reading(
    comparison: Comparison, store: Store, filters: Filters, progress: Progress = Progress()
) -> tuple[Reading, StateUnavailable | None]:
    """Open ``comparison`` for reading; a store that fails is returned as the error, never raised."""
    progress.step(REVIEW_STAGE)
    review, opened, error = open_review(comparison, store)
    progress.step(VIEW_STAGE)
    model = ReaderModel(comparison).with_filters(filters).with_marks(dict(review.marks))
    _ = (model.rows, model.differences)  # laid out here, in the worker, not on the UI thread
    return Reading(comparison, review, model, Summary.of(comparison), opened), error
