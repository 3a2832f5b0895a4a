"""Plain-text paragraph segmentation.

Real files mix three conventions, sometimes within one file:

* paragraphs separated by blank lines;
* text pasted from a web page: every paragraph is one (long) line, with single
  newlines between them, and short page-chrome lines ("Joined: Mar 2019",
  "Top") among them;
* hard-wrapped prose (e-mail, plain-text books): a paragraph is broken into
  lines of 60-100 characters that must be joined back.

Blank lines always separate blocks. Inside a block, a line break is a *wrap*
(joined with one space) only when the text looks hard-wrapped and the line is
"full": the first word of the next line would not have fitted on it. A
heading, a short chrome line or the last line of a wrapped paragraph is never
full, so it keeps its own paragraph; list items always start a paragraph.

Whether a block is hard-wrapped is decided from evidence rather than from
line lengths alone (one-sentence web paragraphs are 60-100 characters too):
a line of prose width that ends mid-sentence and is continued by a line
starting in lower case. A block without such evidence borrows the wrap width
of the document's wrapped blocks, so a short two-line paragraph in a
hard-wrapped file is still joined.

Only "\\n" separates lines: callers normalise line endings first
(:func:`tui.engine.loading.decode`), and other separators (form feed, U+2028)
stay inside the text rather than silently splitting it.
"""

from __future__ import annotations

import unicodedata
from itertools import pairwise

from tui.engine import regex_cache

__all__ = ["split_paragraphs", "MIN_WRAP_WIDTH", "MAX_WRAP_WIDTH"]

#: Hard-wrapped lines are at least this wide (in columns) to count as evidence;
#: narrower "wrapped" blocks are indistinguishable from lists of short lines.
MIN_WRAP_WIDTH = 40
#: Lines wider than this are never treated as hard-wrapped: typical wrap widths
#: are 60-80 and rarely 100, while a web-pasted paragraph is one long line.
MAX_WRAP_WIDTH = 100

_LIST_ITEM = regex_cache.compile(r"\s*(?:[-*+•‣◦▪–]|\d{1,3}[.)]|[a-zA-Z][.)](?=\s))\s+\S")
_SENTENCE_END = tuple(".!?:;…。！？；：")
_CLOSERS = "\"'”’»)]」』）】"
# A CJK character is a word on its own: Chinese and Japanese have no spaces.
_FIRST_WORD = regex_cache.compile(
    r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff]+"
)


def split_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs (see the module docstring for the rule).

    No non-whitespace character is lost or reordered, no paragraph is empty,
    and each paragraph is a single line, so ``"\\n\\n".join(result)`` splits
    back to the same list.
    """
    blocks = _blocks(text)
    document_width = _document_wrap_width(blocks)
    paragraphs: list[str] = []
    for block in blocks:
        width = _wrap_width(block) or document_width
        paragraphs.extend(_segment_block(block, width))
    return paragraphs


def _blocks(text: str) -> list[list[str]]:
    """Lines (trailing whitespace stripped) grouped by blank-line separation."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw_line in text.split("\n"):
        line = raw_line.rstrip()
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _columns(line: str) -> int:
    """Display width: wide (CJK) characters take two columns, like in a terminal wrap."""
    if line.isascii():  # most lines: asked several times each, so no per-character lookup
        return len(line)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _first_word_columns(line: str) -> int:
    match = _FIRST_WORD.search(line)
    return _columns(match.group()) if match else 0


def _is_list_item(line: str) -> bool:
    return _LIST_ITEM.match(line) is not None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _is_wrap_evidence(line: str, next_line: str) -> bool:
    """A prose-width line cut mid-sentence and continued in lower case: hard wrapping."""
    continuation = next_line.lstrip()
    return (
        MIN_WRAP_WIDTH <= _columns(line) <= MAX_WRAP_WIDTH
        and _columns(next_line) <= MAX_WRAP_WIDTH
        and not _ends_sentence(line)
        and continuation[:1].islower()
        and not _is_list_item(next_line)
    )


def _wrap_width(block: list[str]) -> int | None:
    """The block's wrap width if it shows evidence of hard wrapping, else None.

    The widest prose-width line approximates the width the text was wrapped
    at; underestimating it only makes the "would the next word fit" test
    more willing to join, which is the right direction inside wrapped prose.
    """
    if not any(_is_wrap_evidence(a, b) for a, b in pairwise(block)):
        return None
    return max(_columns(line) for line in block if _columns(line) <= MAX_WRAP_WIDTH)


def _document_wrap_width(blocks: list[list[str]]) -> int | None:
    """The typical wrap width of the document's hard-wrapped blocks, if any."""
    widths = [width for block in blocks if (width := _wrap_width(block))]
    if not widths:
        return None
    import statistics  # only hard-wrapped text pays for its import (~5 ms)

    return int(statistics.median(widths))


def _continues(line: str, next_line: str, width: int) -> bool:
    """True when the break between two lines is a hard wrap inside one paragraph."""
    if _is_list_item(next_line):
        return False
    if _indent(next_line) > _indent(line) and not _is_list_item(line):
        return False  # an indented first line starts a new paragraph
    if _columns(line) > width or _columns(next_line) > width:
        return False
    return _columns(line) + 1 + _first_word_columns(next_line) > width


def _segment_block(block: list[str], width: int | None) -> list[str]:
    """Join wrapped lines of one block; every other line break ends a paragraph.

    Lines are gathered per paragraph and joined once: adding each line to a
    growing string made a long wrapped block quadratic (1 MB: minutes).
    """
    paragraphs = [[block[0].strip()]]
    for line, next_line in pairwise(block):
        if width is not None and _continues(line, next_line, width):
            paragraphs[-1].append(next_line.strip())
        else:
            paragraphs.append([next_line.strip()])
    return [" ".join(lines) for lines in paragraphs]
