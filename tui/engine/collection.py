"""Holding off Python's cyclic garbage collector while a comparison's objects are made:
around the comparison itself, and around a whole one-shot command (``--summary``,
``--export``), whose reading, labelling and rendering build the same heap of small objects
without cycles (on a 5,000-paragraph pair the collector's passes cost 1 s of the command's 7)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_collection_pauses"]


@contextmanager
def no_collection_pauses() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while the comparison runs.

    A comparison allocates millions of small objects (tokens, spans, word ops)
    and creates no reference cycles; the collector would rescan the growing
    heap again and again, a fifth of the time on a book-length pair.

    What survives is the comparison itself, long-lived by design: instead of
    a young-generation pass over its 700,000 objects (0.2 s on a book, and
    another when they age again), they join the oldest generation at once
    (``gc.freeze`` then ``gc.unfreeze``, two list splices), where only the
    collector's rare full passes look at them, as they would at any old
    object. Skipped when the host froze objects of its own, which unfreezing
    would release.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
