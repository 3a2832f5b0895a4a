"""Paragraphs of a Markdown text, in the file's own words.

Markdown mode hides markup, never words. A paragraph is a heading, a
paragraph, a list item, a quote's paragraph, a table row, a code block, an
HTML block or a link reference definition, and its text is the source's
text with only these characters removed (:data:`HIDDEN_MARKUP`):

* block markers: heading ``#`` and setext underlines, quote ``>``, list
  bullets and ordered-list numbers (a renderer renumbers a list, so a moved
  item's number is presentation), table pipes and delimiter rows, rules;
* emphasis and strike-through delimiters (``*``, ``_``, ``~``), code-span
  backticks, the backslash of an escape or a line break;
* link syntax around what the reader sees: ``[text](target "title")``
  reads ``text (target "title")``, ``![alt](src)`` reads ``alt (src)``,
  ``<https://x.org>`` reads ``https://x.org``, ``[text][label]`` reads
  ``text [label]``. Link targets stay part of the text, so a changed URL is
  a difference.

Everything else is literal: inline HTML (``<package>.pth`` stays
``<package>.pth``), HTML blocks and comments, entities (``&amp;``), code
spans' and code blocks' content (fenced blocks keep their fence lines), and
link reference definitions (``[book]: https://...``), which a renderer
consumes without a trace. markdown-it-py finds the structure; the text is
cut from the source, and any inline block whose tokens do not line up with
its source is shown as its source rather than guessed at.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from . import regex_cache
from .segmenting import split_paragraphs

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

__all__ = ["HIDDEN_MARKUP", "markdown_paragraphs"]

#: The only characters Markdown mode removes from the source (plus ordered-list numbers).
HIDDEN_MARKUP = frozenset("#>*_~`[]!<|=-+:\\")

_SPACES = regex_cache.compile(r"\s+")
_BREAK = regex_cache.compile(r"[ \t]*\\?\n[ \t]*")
# A link reference definition starts its line ("[label]:", maybe inside a quote or list).
_DEFINITION_START = regex_cache.compile(r"[\s>*+-]*\[")
# Leaf blocks whose lines are accounted for; a table's delimiter row is inside its table.
_LEAF_BLOCKS = {"paragraph_open", "heading_open", "fence", "code_block", "html_block", "table_open"}
# Inline rules whose tokens need their extent in the source (markdown-it-py records none).
_SPANNED_RULES = {"link": "[", "image": "!", "autolink": "<", "backticks": "`"}
_SPANNED_TOKENS = {"link_open", "link_close", "image", "code_inline"}
_DELIMITERS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def markdown_paragraphs(text: str) -> tuple[list[str], str | None]:
    """The paragraphs of a Markdown text (see the module docstring) and its first H1 as title."""
    try:
        tokens = _parser().parse(text)
    except RecursionError:  # nested too deep to parse: plain text keeps every word
        return split_paragraphs(text), None
    lines = text.split("\n")
    placed = list(_block_paragraphs(tokens, lines))
    placed += _unparsed_lines(tokens, lines)
    placed.sort(key=lambda item: item[0])
    title = next(
        (
            _inline_text(tokens[i + 1])
            for i, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag == "h1"
        ),
        None,
    )
    return [paragraph for _, paragraph in placed if paragraph], title or None


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables and strike-through, link targets as written, spans recorded.

    markdown-it's default nesting limit (20) silently drops whatever is nested
    deeper (a 21st "> " of an e-mail thread); without it, only Python's
    recursion limit stops the parser, and the text is then read as plain text.
    Imported here, not at module level: plain-text and HTML inputs never pay for it.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": sys.maxsize})
    parser.enable(["table", "strikethrough"])
    parser.disable("text_join")  # keep escapes and entities as their own tokens
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    for name, trigger in _SPANNED_RULES.items():
        rule = next(r.fn for r in parser.inline.ruler.__rules__ if r.name == name)
        parser.inline.ruler.at(name, _recording_span(rule, trigger))
    return parser


def _recording_span(
    rule: Callable[[StateInline, bool], bool], trigger: str
) -> Callable[[StateInline, bool], bool]:
    """``rule``, noting on the tokens it pushes the (start, end) of the source it consumed."""

    def spanned(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] != trigger:
            return rule(state, silent)
        start, first = state.pos, len(state.tokens)
        if state.pending:
            state.pushPending()  # so the tokens after ``first`` are this rule's own
            first += 1
        if not rule(state, silent):
            return False
        for token in state.tokens[first:]:
            if token.type in _SPANNED_TOKENS and "span" not in token.meta:
                token.meta["span"] = (start, state.pos)
        return True

    return spanned


def _block_paragraphs(tokens: Sequence[Token], lines: list[str]) -> Iterator[tuple[int, str]]:
    """(first line, text) of every block that shows text."""
    in_table = False
    for token in tokens:
        line = token.map[0] if token.map else 0
        if token.type in ("table_open", "table_close"):
            in_table = token.type == "table_open"
        elif token.type == "tr_open" and token.map:
            yield line, _table_row(lines[line])
        elif token.type == "inline" and not in_table:
            yield line, _inline_text(token)
        elif token.type == "fence" and token.map:
            yield line, "\n".join(lines[token.map[0] : token.map[1]]).strip("\n").rstrip()
        elif token.type == "code_block":
            yield line, token.content.strip("\n").rstrip()
        elif token.type == "html_block":
            for paragraph in split_paragraphs(token.content):
                yield line, paragraph


def _table_row(line: str) -> str:
    """A table row from its source line, every cell kept.

    Not from the row's tokens: a table drops the cells beyond its header's
    count, and those are words of the file too. The quote markers before a
    row and its outer pipes are markup; the inner pipes separate the cells.
    """
    row = line.strip().lstrip("> \t")
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    inline = _parser().parseInline(row)[0]
    text = _inline_text(inline)
    return " | ".join(cell.strip() for cell in text.split("|") if cell.strip())


def _unparsed_lines(tokens: Sequence[Token], lines: list[str]) -> list[tuple[int, str]]:
    """Source lines no block shows: link reference definitions, one paragraph each."""
    shown = bytearray(len(lines))
    for token in tokens:
        if token.type in _LEAF_BLOCKS and token.map:
            start, end = token.map
            shown[start:end] = b"\x01" * (end - start)
    runs: list[tuple[int, str]] = []
    previous = -2
    for number, line in enumerate(lines):
        if shown[number] or not _has_words(line):
            continue
        if number == previous + 1 and not _DEFINITION_START.match(line):
            runs[-1] = (runs[-1][0], f"{runs[-1][1]} {line.strip()}")
        else:
            runs.append((number, line.strip()))
        previous = number
    return runs


def _has_words(line: str) -> bool:
    """A line with more than markup on it ("-" alone is an empty list item)."""
    return any(not ch.isspace() and ch not in HIDDEN_MARKUP for ch in line)


def _inline_text(token: Token) -> str:
    """An inline block's text: its source with the hidden markup cut out."""
    source = token.content
    rendered = _render(source, token.children or [])
    return _collapse(source if rendered is None else rendered)


def _render(source: str, children: Sequence[Token]) -> str | None:
    """Walk the tokens along the source; None when they do not line up with it."""
    parts: list[str] = []
    position = 0
    skip_until_close = False
    for token in children:
        kind = token.type
        if skip_until_close:
            skip_until_close = kind != "link_close"
            continue
        if kind in ("text", "html_inline"):
            if not source.startswith(token.content, position):
                return None
            parts.append(token.content)
            position += len(token.content)
        elif kind == "text_special":
            if not source.startswith(token.markup, position):
                return None
            parts.append(token.content if token.info == "escape" else token.markup)
            position += len(token.markup)
        elif kind in _DELIMITERS:
            if not source.startswith(token.markup, position):
                return None
            position += len(token.markup)
        elif kind in ("softbreak", "hardbreak"):
            match = _BREAK.match(source, position)
            if match is None:
                return None
            parts.append(" ")
            position = match.end()
        else:
            span = token.meta.get("span")
            if span is None or (kind != "link_close" and span[0] != position):
                return None
            start, end = span
            if kind == "code_inline":
                fence = len(token.markup)
                parts.append(source[start + fence : end - fence])
            elif kind == "image":
                alt_end = start + 2 + len(token.content)
                if source[start + 2 : alt_end] != token.content:
                    return None
                parts.append(token.content + _link_tail(source[alt_end:end]))
            elif kind == "link_open" and token.markup == "autolink":
                parts.append(source[start + 1 : end - 1])
                skip_until_close = True
            elif kind == "link_open":
                end = start + 1
            else:  # link_close: what follows the link text's "]"
                if not source.startswith("]", position):
                    return None
                parts.append(_link_tail(source[position:end]))
            position = end
    return "".join(parts) if position == len(source) else None


def _link_tail(raw: str) -> str:
    """What follows a link's text, from its "]": the brackets go, a target or a label stays."""
    tail = raw[1:]
    if tail.startswith("[]"):
        return tail[2:]
    return f" {tail}" if tail else ""
