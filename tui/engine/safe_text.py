"""Text from outside made safe to show: control characters as visible symbols, undecodable bytes as escapes.

A stray escape, carriage return or form feed in a stranger's text (or a file
name, or a server's reason phrase) would move the cursor, clear the line, set
the window title or write the clipboard when printed to a terminal. Each
control character is replaced, one character for one character, by its
Unicode *control picture* (U+2400 + code, e.g. ESC -> "␛"; DEL -> "␡"); the C1
controls (U+0080..U+009F; U+009B is an 8-bit CSI to some terminals) have no
pictures and become U+FFFD. One for one, so spans computed on the original
text stay valid.

File names are not always text: a name that is not valid UTF-8 reaches Python
with each bad byte as a lone surrogate (``os.fsdecode``'s "surrogateescape"),
which no UTF-8 stream can write. :func:`terminal_safe` shows such a byte as
``\\xe9``, so the name stays recognisable and nothing is lost or replaced.

One module for the app, the reports, ``--summary`` and the command line's
error lines, so every place shows a stranger's text the same way. No Textual
or Rich import.
"""

from __future__ import annotations

from tui.engine import regex_cache

__all__ = ["escape_undecodable", "printable", "terminal_safe", "visible_controls"]

_C1_PICTURE = 0xFFFD

_PICTURES: dict[int, int] = (
    {code: 0x2400 + code for code in range(0x20)}
    | {0x7F: 0x2421}
    | dict.fromkeys(range(0x80, 0xA0), _C1_PICTURE)
)
_KEEP_LAYOUT = {**_PICTURES, ord("\t"): ord("\t"), ord("\n"): ord("\n")}
#: For the panes, which need one character for one: a lone surrogate becomes U+FFFD there.
_PANE_TABLE = {**_PICTURES, **dict.fromkeys(range(0xD800, 0xE000), _C1_PICTURE)}
#: A lone surrogate: from a byte that is not UTF-8 (U+DC80..U+DCFF) or from a broken encoder.
_ESCAPES = {code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)}
_NEEDS_WORK = regex_cache.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = regex_cache.compile(r"[\ud800-\udfff]")


def visible_controls(text: str) -> str:
    """``text`` with every C0/C1 control and DEL replaced by one visible symbol (same length).

    For the app's panes, where a tab or a line end would break the columns too.
    """
    # The search is much faster than translate, and almost all paragraphs have no controls.
    return text.translate(_PANE_TABLE) if _NEEDS_WORK.search(text) else text


def printable(text: str) -> str:
    """Text as a report shows it: controls visible, tabs and line ends kept, undecodable bytes escaped."""
    if not _NEEDS_WORK.search(text):
        return text
    return escape_undecodable(text.translate(_KEEP_LAYOUT))


def terminal_safe(text: str) -> str:
    """One line for stderr or stdout: every control visible (line ends too), undecodable bytes as ``\\xNN``."""
    if not _NEEDS_WORK.search(text):
        return text
    return escape_undecodable(text.translate(_PICTURES))


def escape_undecodable(text: str) -> str:
    """``text`` with each lone surrogate (an undecodable byte of a file name) as ``\\xNN`` (``\\uXXXX`` if not a byte)."""
    return (
        _SURROGATE.sub(lambda match: _escape(match.group()), text)
        if _SURROGATE.search(text)
        else text
    )


def _escape(char: str) -> str:
    code = ord(char)
    return _ESCAPES.get(code) or f"\\u{code:04x}"
