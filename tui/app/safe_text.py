"""Make input text safe to draw: control characters become visible symbols.

A stray escape, carriage return or form feed in a pasted text would move the
cursor or clear the line when written to a terminal, and a tab would break the
column arithmetic of the side-by-side panes. Each is replaced, one character
for one character, by its Unicode *control picture* (U+2400 + code, e.g. ESC
-> "␛"), so spans computed by the engine on the original text stay valid.
The engine keeps the text as it is; only what the app draws is changed.
"""

from __future__ import annotations

import re

__all__ = ["visible_controls"]

_DELETE_PICTURE = "\u2421"  # ␡
_C1_PICTURE = "\ufffd"  # C1 controls (U+0080..U+009F) have no pictures of their own

_TABLE = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE[0x7F] = _DELETE_PICTURE
_TABLE.update({code: _C1_PICTURE for code in range(0x80, 0xA0)})


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """``text`` with every C0/C1 control and DEL replaced by one visible symbol (same length)."""
    # The search is much faster than translate, and almost all paragraphs have no controls.
    return text.translate(_TABLE) if _CONTROL.search(text) else text
