"""Open a side's file in the reader's own editor, at the line where a paragraph starts.

The engine keeps paragraphs as text, not as places in the file (they are
joined from hard-wrapped lines, stripped of Markdown or cut from HTML), so the
line is found again when it is asked for: the file is read and its paragraphs
are walked in order, each found by its first words, whatever stands between
them (markup, line breaks, indentation). Walking in order puts a paragraph
whose opening repeats at its own occurrence. No engine change (the loader's
three segmenters would each have had to count lines), and the comparison
pays nothing for a key few readers press.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from bisect import bisect_left
from collections.abc import Sequence
from pathlib import Path

from tui.engine.errors import UserError
from tui.engine.loading import decode

__all__ = ["editor_command", "paragraph_source_line", "source_line_of"]

OPENING_WORDS = 4  # enough to tell most paragraphs apart, few enough to survive inline markup
_WORD = re.compile(r"\w+")
# Editors that take "FILE:LINE" with a flag instead of the "+LINE FILE" most terminal editors know.
_GOTO_STYLE = {
    "code": ["--goto"],
    "codium": ["--goto"],
    "code-insiders": ["--goto"],
    "subl": [],
    "zed": [],
}


def paragraph_source_line(text: str, paragraphs: Sequence[str], index: int) -> int:
    """The 1-based line of ``text`` where paragraph ``index`` of ``paragraphs`` starts.

    The file's words (runs of letters and digits) are read once; each
    paragraph, in order, is found where its first words follow each other at
    or after the end of the one before, and the search goes on after all of
    its words when they all follow (else after its first ones). A paragraph
    whose opening cannot be found (rewritten by the format's reader) leaves
    the search where it was; the answer is then the line of the last
    paragraph found before it (line 1 when none was).
    """
    spans = [(match.group(), match.start()) for match in _WORD.finditer(text)]
    words = [word for word, _ in spans]
    where: dict[str, list[int]] = {}
    for number, word in enumerate(words):
        where.setdefault(word, []).append(number)
    cursor, found = 0, 0
    for paragraph in paragraphs[: index + 1]:
        wanted = _WORD.findall(paragraph)
        start = _opening_at(words, where, wanted[:OPENING_WORDS], cursor)
        if start is None:
            continue
        found = spans[start][1]
        whole = words[start : start + len(wanted)] == wanted
        cursor = start + (len(wanted) if whole else min(len(wanted), OPENING_WORDS))
    return text.count("\n", 0, found) + 1


def _opening_at(
    words: list[str], where: dict[str, list[int]], opening: list[str], cursor: int
) -> int | None:
    """The first word number at or after ``cursor`` where the words ``opening`` follow each other."""
    if not opening:
        return None
    occurrences = where.get(opening[0], [])
    for start in occurrences[bisect_left(occurrences, cursor) :]:
        if words[start : start + len(opening)] == opening:
            return start
    return None


def source_line_of(source: str, paragraphs: Sequence[str], index: int) -> int:
    """:func:`paragraph_source_line` of the file ``source``; a UserError when it is not a local file."""
    path = Path(source)
    if source == "-" or not path.is_file():
        raise UserError(f"{source} is not a file on this computer: there is nothing to open")
    text, _encoding = decode(path.read_bytes(), name=source)
    return paragraph_source_line(text, paragraphs, index)


def editor_command(path: str, line: int, environ: dict[str, str] | None = None) -> list[str]:
    """The command that opens ``path`` at ``line`` in $VISUAL, else $EDITOR, else vi (as git does)."""
    environ = dict(os.environ) if environ is None else environ
    configured = environ.get("VISUAL") or environ.get("EDITOR") or ""
    command = shlex.split(configured) or (["vi"] if shutil.which("vi") else [])
    if not command:
        raise UserError("no editor: set $VISUAL or $EDITOR")
    name = Path(command[0]).name
    if name in _GOTO_STYLE:
        return [*command, *_GOTO_STYLE[name], f"{path}:{line}"]
    return [*command, f"+{line}", path]
