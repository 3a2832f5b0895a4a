"""Paragraphs of an HTML page: its visible blocks, and trafilatura's choice of the article.

Functions return ``(paragraphs, title)``. Paragraphs are the reader-visible
blocks (headings, paragraphs, list items, quotes, table rows, code) with the
markup removed, so a saved web page compares cleanly with a plain-text copy
of the same story. Markdown is :mod:`tui.engine.markdown_text`.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import islice
from xml.etree import ElementTree

from tui.engine import regex_cache

__all__ = ["BLOCK_TAGS", "MAX_EXTRACTED_TAGS", "html_paragraphs", "html_visible_paragraphs"]

_SPACES = regex_cache.compile(r"\s+")


def _collapse(text: str) -> str:
    """Rendered whitespace: HTML and Markdown both show any run of spaces/newlines as one space."""
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------- HTML


def html_paragraphs(html: str, *, url: str | None = None) -> tuple[list[str], str | None]:
    """The main text of a web page, one paragraph per heading, paragraph, list item, quote or row.

    trafilatura decides what is the article and what is navigation, footer,
    share buttons or cookie banners; its XML output keeps block boundaries.
    Tiny or unusual pages where it finds nothing fall back to every visible
    block, so a page with visible text never yields nothing; when its
    last-resort extractor glues several blocks into one paragraph, the
    boundaries are restored from the page's own blocks. A page of more than
    :data:`MAX_EXTRACTED_TAGS` visible tags is read whole, every visible block.
    """
    visible = _read_visible(html)
    fallback_paragraphs, page_title = visible.paragraphs, visible.page_title
    if visible.visible_tags > MAX_EXTRACTED_TAGS:
        return fallback_paragraphs, page_title
    import trafilatura  # here, not at the top: only HTML inputs pay for importing it (0.3 s)

    extracted = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
    )
    paragraphs: list[str] = []
    title = page_title
    if extracted:
        document = ElementTree.fromstring(extracted)
        title = document.get("title") or page_title
        main = document.find("main")
        if main is not None:
            splitter = _GlueSplitter(fallback_paragraphs)
            paragraphs = [
                piece
                for paragraph in _xml_blocks(main)
                if paragraph
                for piece in splitter.split(paragraph)
            ]
    return (paragraphs or fallback_paragraphs), title


#: The most tags (outside scripts, styles and SVG drawings) of a page that trafilatura is given
#: to find its article in. Its reading costs 0.1 to 0.3 ms a tag on the fixtures' saved pages
#: (20,000 ``<p>``: 3.6 s CPU a side, beside 5 s for the rest of the comparison), so this keeps
#: it to 1 to 3 s a side; the largest real page in the fixtures has 2,185 tags in all. A longer page (a book, a whole thread, a long reference page) is
#: read whole: its menus and footers are few beside its text, the furniture rules still label
#: them, and between two versions of one page they are the same and align as unchanged.
MAX_EXTRACTED_TAGS = 10_000


class _GlueSplitter:
    """Splits a paragraph that is several page blocks run together back into those blocks.

    A split succeeds only when the blocks, in page order (some may be
    skipped), consume the whole paragraph, so no text is ever lost or
    invented. The work is bounded whatever the page: a paragraph that is a
    block is never searched, at most :data:`MAX_STARTS` blocks are tried as a
    paragraph's first, at most :data:`MAX_SKIPPED` blocks in a row are
    skipped, and once :data:`BUDGET` block comparisons are spent the
    remaining paragraphs stay as extracted (20,000 ``<p>`` once took 54 s).
    """

    MAX_STARTS = 20
    MAX_SKIPPED = 50
    BUDGET = 2_000_000

    def __init__(self, blocks: list[str]) -> None:
        self.blocks = blocks
        self.whole = frozenset(blocks)
        self.remaining = self.BUDGET

    def split(self, paragraph: str) -> list[str]:
        if paragraph in self.whole or self.remaining < len(self.blocks):
            return [paragraph]
        self.remaining -= len(self.blocks)
        starts = (i for i, block in enumerate(self.blocks) if paragraph.startswith(block))
        for start in islice(starts, self.MAX_STARTS):
            pieces = self._pieces_from(paragraph, start)
            if len(pieces) > 1:
                return pieces
        return [paragraph]

    def _pieces_from(self, paragraph: str, start: int) -> list[str]:
        """The blocks from ``start`` that consume ``paragraph`` whole, or [] if they do not."""
        pieces = [self.blocks[start]]
        at = _after_spaces(paragraph, len(pieces[0]))
        skipped = 0
        for candidate in islice(self.blocks, start + 1, None):
            if at == len(paragraph) or skipped > self.MAX_SKIPPED:
                break
            self.remaining -= 1
            if paragraph.startswith(candidate, at):
                pieces.append(candidate)
                at, skipped = _after_spaces(paragraph, at + len(candidate)), 0
            else:
                skipped += 1
        return pieces if at == len(paragraph) else []


_LEADING_SPACES = regex_cache.compile(r"\s*")


def _after_spaces(text: str, position: int) -> int:
    match = _LEADING_SPACES.match(text, position)
    return match.end() if match else position


_XML_BLOCKS = {"head", "p", "list", "item", "quote", "table", "row", "code", "div", "main"}


def _xml_blocks(element: ElementTree.Element) -> Iterator[str]:
    """Block texts of trafilatura's XML, in document order; text between blocks is its own block."""
    if element.tag == "row":
        yield " | ".join(_collapse(_xml_inline(cell)) for cell in element)
        return
    if element.tag == "code":
        yield (element.text or "").strip("\n").rstrip()
        return
    if not any(child.tag in _XML_BLOCKS for child in element):
        yield _collapse(_xml_inline(element))
        return
    pending = element.text or ""
    for child in element:
        if child.tag in _XML_BLOCKS:
            yield _collapse(pending)
            yield from _xml_blocks(child)
            pending = child.tail or ""
        else:
            pending += _xml_inline(child) + (child.tail or "")
    yield _collapse(pending)


def _xml_inline(element: ElementTree.Element) -> str:
    """Text of an inline element; a line break <lb/> reads as a space."""
    parts = [element.text or ""]
    for child in element:
        parts.append(" " if child.tag == "lb" else _xml_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


#: Tags that end a visible block: the HTML reader cuts paragraphs there, and the loader counts
#: them (with <br>) to bound a page's paragraphs before reading it.
BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "caption",
    "body",
    "html",
}
# <br> is a line break inside a paragraph; two in a row (forum posts) separate paragraphs.
_LINE_BREAK = "\x00"
_PARAGRAPH_BREAK = regex_cache.compile(f"{_LINE_BREAK}\\s*{_LINE_BREAK}[\\s{_LINE_BREAK}]*")
_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object"}


class _VisibleTextParser(HTMLParser):
    """Every visible block of a page plus its <title> / og:title, using only the stdlib."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title: str | None = None
        self.og_title: str | None = None
        self._buffer: list[str] = []
        self._invisible_depth = 0
        self._in_title = False
        self._title_parts: list[str] = []
        #: Tags outside scripts, styles and SVG drawings: what trafilatura reads one by one.
        self.visible_tags = 0

    @property
    def page_title(self) -> str | None:
        return self.og_title or self.title

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._invisible_depth:
            self.visible_tags += 1
        if tag == "meta":
            values = dict(attrs)
            if values.get("property") == "og:title" and values.get("content"):
                self.og_title = _collapse(values["content"] or "")
        elif tag == "title":
            self._in_title = True
        elif tag in _INVISIBLE_TAGS:
            self._invisible_depth += 1
        elif tag == "br":
            self._buffer.append(_LINE_BREAK)
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INVISIBLE_TAGS:  # a self-closed <svg/> has no content to hide
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = self.title or _collapse("".join(self._title_parts)) or None
        elif tag in _INVISIBLE_TAGS:
            self._invisible_depth = max(0, self._invisible_depth - 1)
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        elif not self._invisible_depth:
            self._buffer.append(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """An unknown "<![keyword" is a bogus comment, as browsers (and Python 3.13+) read it;
        Python 3.11-3.12 raise AssertionError on it instead."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return len(self.rawdata) if end < 0 else end + 1

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        for chunk in _PARAGRAPH_BREAK.split("".join(self._buffer)):
            text = _collapse(chunk.replace(_LINE_BREAK, " "))
            if text:
                self.paragraphs.append(text)
        self._buffer = []


def html_visible_paragraphs(html: str) -> tuple[list[str], str | None]:
    """All visible block texts of an HTML fragment or page (no main-text selection), and its title."""
    visible = _read_visible(html)
    return visible.paragraphs, visible.page_title


def _read_visible(html: str) -> _VisibleTextParser:
    parser = _VisibleTextParser()
    parser.feed(html)
    parser.close()
    return parser
