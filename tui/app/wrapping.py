"""Greedy word wrapping that only reports where lines start.

The panes need the height of every paragraph at the current width before they
draw anything (to place 20,000 rows in a virtual scroll area), and the exact
same line breaks when they draw the few visible ones. Computing offsets, not
wrapped strings, serves both: heights are ``len(offsets)``, and the renderer
cuts the styled text at those offsets. Text made only of characters known to
take one cell each (ASCII, Latin, typographic quotes and dashes: most prose)
takes a fast path of ``str.rfind`` calls; anything else is measured word by
word. (Comparing ``cell_len(text)`` with ``len(text)`` is not enough: a
zero-width accent and a wide character cancel out.)
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

__all__ = ["wrap_offsets"]

_WORD = re.compile(r"\S+\s*|\s+")
# Printable ASCII, Latin-1 to IPA, and General Punctuation's quotes, dashes, bullets and primes.
_NOT_ONE_CELL = re.compile("[^\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u205e]")


def wrap_offsets(text: str, width: int) -> tuple[int, ...]:
    """Start offsets of the lines of ``text`` wrapped to ``width`` cells; always starts with 0.

    Lines break after whitespace where possible; a word wider than a line is
    cut. Trailing whitespace of a line may exceed the width (it is not drawn).
    """
    width = max(1, width)
    if _NOT_ONE_CELL.search(text) is None:
        return _narrow_offsets(text, width)
    return _measured_offsets(text, width)


def _narrow_offsets(text: str, width: int) -> tuple[int, ...]:
    offsets = [0]
    start, end = 0, len(text)
    while end - start > width:
        # Break after the last space that lets the line fit (a space may sit just past it).
        # Only the first line can start with a space (later ones start after skipped spaces or
        # inside a cut word); breaking after it is what the measured path does too.
        space = text.rfind(" ", start, start + width + 1)
        if space < 0:
            start += width
        else:
            start = space + 1
            while start < end and text[start] == " ":
                start += 1
            if start == end:
                break
        offsets.append(start)
    return tuple(offsets)


def _measured_offsets(text: str, width: int) -> tuple[int, ...]:
    offsets = [0]
    used = 0
    for match in _WORD.finditer(text):
        word = match.group()
        visible = cell_len(word.rstrip())
        if used and used + visible > width:
            offsets.append(match.start())
            used = 0
        if visible > width:
            used = _cut_long_word(word, match.start(), width, offsets, used)
        else:
            used += cell_len(word)
    return tuple(offsets)


def _cut_long_word(word: str, position: int, width: int, offsets: list[int], used: int) -> int:
    """Append line starts inside a word too wide for a line; returns the cells used on its last line."""
    visible = word.rstrip()
    for offset, character in enumerate(visible, position):
        size = get_character_cell_size(character)
        if used + size > width and used:
            offsets.append(offset)
            used = 0
        used += size
    return used + cell_len(word[len(visible) :])
