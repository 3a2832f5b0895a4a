"""A text field that holds a bounded number of characters, however much arrives.

A terminal without bracketed paste delivers a pasted megabyte as a million key
presses. Into an unbounded field each one rebuilt the whole value, ran the
path suggester and queued messages: 1 MB pasted into the search field grew the
app by about 7 MB a second (490 MB after a minute, 4.7 GB after four). Past the
limit a key press is refused at the cost of one comparison, with at most one
bell a second (Textual rings for every refused key), and a bracketed paste is
cut to what fits instead of being refused whole.
"""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.widgets import Input

__all__ = ["BoundedInput", "PATH_LENGTH", "SEARCH_LENGTH"]

#: Longer than any path or URL a system accepts (Linux's PATH_MAX is 4,096 bytes).
PATH_LENGTH = 4096
#: A search longer than a long paragraph finds nothing a shorter one would not.
SEARCH_LENGTH = 1000
_BELL_INTERVAL = 1.0


class BoundedInput(Input):
    """:class:`~textual.widgets.Input` with a ``max_length`` that a flood of keys or a paste cannot pass."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        self._limit = max_length
        self._last_bell = 0.0

    def restricted(self) -> None:
        now = time.monotonic()
        if now - self._last_bell >= _BELL_INTERVAL:
            self._last_bell = now
            super().restricted()

    # Textual calls each class's handler in turn, Input's after these, unless one prevents the default.

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and self._full():
            event.stop()
            event.prevent_default()
            self.restricted()

    def _on_paste(self, event: events.Paste) -> None:
        lines = event.text.splitlines()
        if lines:
            start, end = sorted(self.selection)
            room = self._limit - (len(self.value) - (end - start))
            self.replace(lines[0][: max(room, 0)], start, end)
        event.stop()
        event.prevent_default()

    def _full(self) -> bool:
        return self.selection.is_empty and len(self.value) >= self._limit
