"""Turning a source (file path, "-" for stdin, or http(s) URL) into a :class:`Document`.

Loading is where a user's mistakes surface (wrong path, a binary file, a
huge log), so every failure is an :class:`InputError` with one line that
names the source, never a traceback.

Decoding order, most to least certain: a byte-order mark; strict UTF-8
(valid non-ASCII UTF-8 is practically never an accident); a charset the
source declares (HTTP header, HTML <meta>); then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from . import formats, regex_cache
from .errors import InputError
from .fetching import DEFAULT_FETCH_SECONDS, FetchedPage, fetch_url
from .markdown_text import markdown_paragraphs
from .model import Document, Paragraph
from .segmenting import split_paragraphs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "check_source",
    "decode",
    "detect_format",
    "is_url",
    "line_limit",
    "load_document",
    "paragraph_limit",
]

#: Inputs larger than this are refused (20 MiB is far beyond any article or
#: book chapter, and small enough to stay responsive); the CLI's --max-size raises it.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("text", "markdown", "html")
#: Alignment time and memory grow with the number of paragraphs, not of bytes: 20 MiB of
#: one-word paragraphs is 7 million of them (hours, tens of GB). One paragraph per this many
#: bytes of the size limit is allowed (about 100,000 at 20 MiB: about a minute to align), so
#: --max-size raises both limits; never fewer than MIN_PARAGRAPH_LIMIT.
BYTES_PER_PARAGRAPH_ALLOWED = 200
MIN_PARAGRAPH_LIMIT = 10_000

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Above this share of control characters (or replacement characters) a decoded file is not text.
_MAX_CONTROL_SHARE = 0.05
#: charset-normalizer cannot tell Latin code pages apart on short texts and
#: often guesses Baltic or Central European; cp1252 wins when it reads as cleanly.
_CP1252_MESS_TOLERANCE = 0.1
#: UTF-16 without a BOM: NULs this many times more frequent on one side of the byte pairs
#: make an odd-length file "truncated UTF-16" rather than binary.
_NUL_SIDE_RATIO = 4
#: The guess of a code page reads this much of the text: charset-normalizer decodes its whole
#: input with each of about a hundred code pages (16 MB: 6 s). Every fixture is smaller.
_DETECTION_SAMPLE = 1024 * 1024
#: charset-normalizer's mess ratio above which a UTF-16 reading is not text (clean text: ~0).
_MAX_UTF16_MESS = 0.2
#: A few NUL bytes in otherwise valid UTF-8 (a damaged save, a pasted dump) are stray and
#: dropped; UTF-16 of mostly-ASCII text is about half NULs, so this share is far below it.
_MAX_STRAY_NUL_SHARE = 0.1
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTML_START = regex_cache.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
#: Extensions that tell the format: a file's name is the user's statement of what it holds.
_EXTENSION_FORMATS = {
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml"), "html"),
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"), "markdown"),
    # Plain text, and text in a markup we do not parse: shown as written.
    **dict.fromkeys(
        (".txt", ".text", ".rst", ".adoc", ".asciidoc", ".asc", ".org", ".tex", ".log", ".csv")
        + (".tsv", ".json", ".xml", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".eml", ".srt"),
        "text",
    ),
}
#: A server's Content-Type, for URLs whose path does not tell.
_MEDIA_TYPE_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
}
# Sniffing Markdown (stdin, unknown names) is conservative: the text must open with a
# heading set off by a blank line or an underline, as a README or a draft does, and show one
# more sign only Markdown has. "# " lines alone are shell or Python comments, which code
# follows at once; "**" or "__init__" alone are prose and code.
_MARKDOWN_OPENING = regex_cache.compile(
    r"(?:[ \t]*\n)*[ \t]*(?:\#{1,6}[ \t]+\S[^\n]*\n[ \t]*\n|\S[^\n]*\n(?:=+|-+)[ \t]*(?:\n|\Z))"
)
# Each pattern is linear: no two quantifiers can take the same characters.
_MARKDOWN_SIGNS = (
    regex_cache.compile(r"^\#{1,6}[ \t]+\S", re.MULTILINE),  # a further heading
    regex_cache.compile(r"\[[^\[\]\n]+\]\([^()\[\]\s]+\)"),  # an inline link
    regex_cache.compile(r"^(?:```|~~~)", re.MULTILINE),  # a code fence
)


# --------------------------------------------------------------------------- decoding


def decode(data: bytes, *, declared: str | None = None, name: str = "input") -> tuple[str, str]:
    """Bytes -> (text, encoding name), or an :class:`InputError` naming ``name``.

    ``declared`` is a charset the source claims (HTTP Content-Type, HTML
    <meta>); it is trusted only after a BOM and strict UTF-8. The text has
    "\\n" line endings and NFC normalisation; control characters are kept
    (the UI shows them visibly; dropping them would alter the text).
    """
    text, encoding = _decode_bytes(data, declared, name)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if _looks_binary(text):
        raise _binary(name)
    return text, encoding


def _decode_bytes(data: bytes, declared: str | None, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    if b"\x00" in data:
        return _decode_with_nuls(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error_at = error.start
    for charset in (declared, _meta_charset(data)):
        known = _known_encoding(charset)
        if known:
            try:
                return data.decode(known), known
            except UnicodeDecodeError:
                continue
    return _detect(data, name, utf8_error_at)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
            raise InputError(
                f"{name} looks like {encoding.upper()} text but is truncated or corrupt "
                f"(byte {error.start} of {len(data)})"
            ) from None
        raise InputError(
            f"cannot decode {name}: it starts with a {encoding} byte-order mark "
            f"but byte {error.start} is not valid {encoding}"
        ) from None


def _decode_with_nuls(data: bytes, name: str) -> tuple[str, str]:
    """Valid UTF-8 with a few stray NULs is UTF-8 (``decode`` drops the NULs); else UTF-16 or binary.

    BOM-less UTF-16 is never valid UTF-8 with few NULs: mostly-ASCII UTF-16
    is half NULs, and other scripts' code units are not valid UTF-8 bytes.
    """
    if data.count(0) <= _MAX_STRAY_NUL_SHARE * len(data):
        text = _try_decode(data, "utf-8")
        if text is not None:
            return text, "utf-8"
    return _decode_utf16_without_bom(data, name)


def _decode_utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """NUL bytes mean binary, unless the bytes read cleanly as UTF-16 text.

    ASCII letters, digits and line ends in UTF-16 carry a zero high byte, so
    the side of the byte pairs holding most NULs gives the byte order, which
    is tried first; CJK text has few such NULs (and U+4E00 has a zero *low*
    byte), so both orders are tried and the text must read cleanly.
    """
    from charset_normalizer.md import mess_ratio  # only text that is not UTF-8 pays for it

    odd, even = data[1::2].count(0), data[0::2].count(0)
    orders = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    if len(data) % 2 and max(odd, even) > _NUL_SIDE_RATIO * min(odd, even):
        raise InputError(
            f"{name} looks like {orders[0].upper()} text but is truncated (odd number of bytes)"
        )
    for encoding in orders:
        text = _try_decode(data, encoding)
        if (
            text is not None
            and mess_ratio(text, 1.0) <= _MAX_UTF16_MESS
            and not _looks_binary(text)
        ):
            return text, encoding
    raise _binary(name)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _known_encoding(label: str | None) -> str | None:
    """A declared charset as a codec name; Latin-1 and ASCII labels mean cp1252 on the web.

    Only text encodings count: Python also names bytes-to-bytes codecs
    (``rot13``, ``base64``, ``zlib``, ``uu``, ``hex``) and ``undefined``,
    which a page or a server may declare and which would fail as a traceback.

    The WHATWG Encoding Standard maps those labels to windows-1252 because
    pages labelled Latin-1 routinely contain its curly quotes and dashes.
    """
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
        # Four NULs are text in every text encoding (UTF-32 too); decoding them fails for a
        # bytes codec (LookupError) and for "undefined" (UnicodeError). b"" would not: it is
        # returned before the codec is asked.
        b"\0\0\0\0".decode(name)
    except (LookupError, UnicodeError):
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def _detect(data: bytes, name: str, utf8_error_at: int) -> tuple[str, str]:
    """charset-normalizer's best guess, preferring cp1252 when it reads as cleanly.

    UTF-8 with a few bad bytes (more valid multi-byte characters than bad
    bytes) is "undecodable" rather than guessed: any single-byte code page
    would turn every one of its accented letters into mojibake. When nothing
    fits, text-like bytes (mostly ASCII, or UTF-8 with a few bad bytes) are
    undecodable too, with the first bad UTF-8 byte named so the user can
    find it; anything else is binary.
    """
    from charset_normalizer import from_bytes  # only text that is not UTF-8 pays for it
    from charset_normalizer.md import mess_ratio

    if _mostly_valid_utf8(data):
        raise _undecodable(name, utf8_error_at)
    sample = data[:_DETECTION_SAMPLE]
    best = from_bytes(sample).best()
    cp1252_text = _try_decode(data, "cp1252")
    if cp1252_text is not None:
        best_mess = best.chaos if best is not None else 0.0
        cp1252_mess = mess_ratio(cp1252_text[:_DETECTION_SAMPLE], 1.0)
        if cp1252_mess <= best_mess + _CP1252_MESS_TOLERANCE:
            return cp1252_text, "cp1252"
    text = _try_decode(data, best.encoding) if best is not None else None
    if best is None or text is None:
        if _mostly_ascii_text(data) or _mostly_utf8(data):
            raise _undecodable(name, utf8_error_at)
        raise _binary(name)
    return text, codecs.lookup(best.encoding).name


def _undecodable(name: str, utf8_error_at: int) -> InputError:
    return InputError(
        f"cannot decode {name}: byte {utf8_error_at} is not valid UTF-8 and no other text encoding fits"
    )


def _mostly_valid_utf8(data: bytes) -> bool:
    """More valid multi-byte UTF-8 characters than invalid bytes: UTF-8 with damage, not a code page."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return len(text) - len(text.encode("ascii", "ignore")) - bad > bad


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


_PRINTABLE_ASCII = bytes(range(32, 127)) + b"\t\n\r"


def _mostly_ascii_text(data: bytes) -> bool:
    printable = len(data) - len(data.translate(None, _PRINTABLE_ASCII))
    return printable >= 0.9 * len(data)


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    return not _looks_binary(text)


#: Control characters (category Cc) but tab, line feed, vertical tab and form feed; and U+FFFD.
_ODD_CHARACTER = regex_cache.compile("[\x00-\x08\x0d-\x1f\x7f-\x9f\ufffd]")


def _looks_binary(text: str) -> bool:
    """More than :data:`_MAX_CONTROL_SHARE` odd characters; the count stops once it is past that."""
    allowed = _MAX_CONTROL_SHARE * len(text)
    return any(n > allowed for n, _ in enumerate(_ODD_CHARACTER.finditer(text), start=1))


def _binary(name: str) -> InputError:
    return InputError(f"{name} looks like a binary file, not text")


# --------------------------------------------------------------------------- reading


def is_url(source: str) -> bool:
    """Whether ``source`` is fetched over HTTP(S) rather than read from a file."""
    return source.lower().startswith(("http://", "https://"))


def _too_large(source: str, max_bytes: int) -> InputError:
    return InputError(
        f"{source} is larger than the {_human_size(max_bytes)} limit; raise it with --max-size"
    )


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MiB"
    if size >= 1024:
        return f"{size / 1024:g} KiB"
    return f"{size} bytes"


_READ_CHUNK = 1024 * 1024


def _read_stream(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    """At most ``max_bytes``, read in chunks: ``read(max_bytes + 1)`` would allocate the whole cap up front."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(_READ_CHUNK, max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(source, max_bytes)
    return b"".join(chunks)


def check_source(source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Fail now, without reading it, if a local file cannot be loaded: missing, a folder,
    unreadable or over the size limit. Standard input and URLs are only known once read.

    Cheap (a ``stat`` and an ``access``), so the command line can report bad input before
    the app opens and leave the reading itself to the app's worker.
    """
    if source == "-" or is_url(source):
        return
    with _file_errors(source):
        _check_file(Path(source), source, max_bytes)
        if not os.access(source, os.R_OK):
            raise PermissionError


def _check_file(path: Path, source: str, max_bytes: int) -> None:
    if path.is_dir():
        raise InputError(f"{source} is a directory, not a file")
    if path.stat().st_size > max_bytes:
        raise _too_large(source, max_bytes)


def _read_file(source: str, max_bytes: int) -> bytes:
    path = Path(source)
    with _file_errors(source):
        _check_file(path, source, max_bytes)
        with path.open("rb") as stream:
            return _read_stream(stream, source, max_bytes)


@contextmanager
def _file_errors(source: str) -> Iterator[None]:
    """A file system error as one line that names the source."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{source} is a directory, not a file") from None
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from None


def _read_source(
    source: str, max_bytes: int, stdin: BinaryIO | None, timeout: float
) -> FetchedPage:
    """The raw bytes of a source, and the charset and media type it declares, if any."""
    if source == "-":
        return FetchedPage(
            _read_stream(stdin or sys.stdin.buffer, "standard input", max_bytes), None, None
        )
    if is_url(source):
        return fetch_url(source, timeout=timeout, max_bytes=max_bytes)
    return FetchedPage(_read_file(source, max_bytes), None, None)


# --------------------------------------------------------------------------- formats


def detect_format(source: str, text: str, media_type: str | None = None) -> str:
    """ "html", "markdown" or "text": from the extension, else the server's media type, else the content.

    A telling extension always wins (``notes.txt`` is text whatever it
    contains). The content decides only for standard input, process
    substitutions, unknown extensions and URLs without a usable
    Content-Type, and then conservatively (see :data:`_MARKDOWN_OPENING`).
    """
    suffix = os.path.splitext(source.split("?", 1)[0].split("#", 1)[0])[1].lower()
    by_name = _EXTENSION_FORMATS.get(suffix) or _MEDIA_TYPE_FORMATS.get(media_type or "")
    if by_name:
        return by_name
    if _HTML_START.match(text[:4096]):
        return "html"
    if _looks_like_markdown(text):
        return "markdown"
    return "text"


def _looks_like_markdown(text: str) -> bool:
    opening = _MARKDOWN_OPENING.match(text)
    if opening is None:
        return False
    return any(sign.search(text, opening.end()) for sign in _MARKDOWN_SIGNS)


def _paragraphs(text: str, fmt: str, url: str | None) -> tuple[list[str], str | None]:
    if fmt == "html":
        return formats.html_paragraphs(text, url=url)
    if fmt == "markdown":
        return markdown_paragraphs(text)
    return split_paragraphs(text), None


def paragraph_limit(max_bytes: int) -> int:
    """The most paragraphs one side may have under the size limit ``max_bytes``."""
    return max(MIN_PARAGRAPH_LIMIT, max_bytes // BYTES_PER_PARAGRAPH_ALLOWED)


#: Every non-blank line may become a paragraph (a web paste's lines, a list without blank
#: lines), so segmenting costs time and memory per line: one line per this many bytes of the
#: size limit is allowed. Real texts have 28 to 110 bytes per non-blank line (the fixtures'
#: copied web pages and books), so no real text at its own size comes near it.
BYTES_PER_LINE_ALLOWED = 20

_NON_BLANK_LINE = regex_cache.compile(r"^[ \t]*\S", re.MULTILINE)
# A non-blank line after a blank one or the start; no part spans more than one line break,
# so a run of blank lines is read once (``\n\n\s*\S`` re-read it from each line break).
_BLOCK_START = regex_cache.compile(r"(?:\A(?:[ \t]*\n)*|\n[ \t]*\n)[ \t]*\S")
#: Markdown lines that each start a paragraph of their own, blank line or not: a list item,
#: a heading, a table row. (A quote's "> " lines do not: they continue its paragraph.)
_MARKDOWN_BLOCK_LINE = regex_cache.compile(
    r"^[ \t]*(?:(?:[-+*]|\d{1,9}[.)]|\#{1,6})(?=[ \t]|$)|\|)", re.M
)
#: HTML tags that end a visible block (those the HTML reader cuts at) or break a line: no page
#: has more paragraphs than these plus one.
_HTML_BLOCK_TAG = regex_cache.compile(
    rf"<(?:{'|'.join(sorted(formats.BLOCK_TAGS | {'br'}))})(?=[\s/>])", re.IGNORECASE
)


def line_limit(max_bytes: int) -> int:
    """The most non-blank lines one side may have under the size limit ``max_bytes``."""
    return max(MIN_PARAGRAPH_LIMIT, max_bytes // BYTES_PER_LINE_ALLOWED)


def _count(pattern: re.Pattern[str], text: str, enough: int) -> int:
    """Matches of ``pattern`` in ``text``, counting no further than ``enough + 1``."""
    count = 0
    for count, _ in enumerate(pattern.finditer(text), start=1):
        if count > enough:
            break
    return count


def _check_before_segmenting(name: str, text: str, fmt: str, max_bytes: int) -> None:
    """Refuse, before any parser runs, a text that would segment into too many paragraphs.

    Each count is linear and stops one past its limit; each bounds what the
    segmenter of ``fmt`` can produce or must walk: lines for text and
    Markdown, blank-line blocks and Markdown's block lines (list items,
    headings, table rows: 5 million list items once took 10 GB in the
    Markdown parser), HTML's block tags.
    """
    limit = paragraph_limit(max_bytes)
    if fmt == "html":
        counts = [_count(_HTML_BLOCK_TAG, text, limit)]
    else:
        lines = line_limit(max_bytes)
        if _count(_NON_BLANK_LINE, text, lines) > lines:
            raise InputError(
                f"{name} has more than the {lines:,} lines allowed with the "
                f"{_human_size(max_bytes)} size limit; raise it with --max-size"
            )
        counts = [_count(_BLOCK_START, text, limit)]
        if fmt == "markdown":
            counts.append(_count(_MARKDOWN_BLOCK_LINE, text, limit))
    if max(counts) > limit:
        raise InputError(
            f"{name} has more than the {limit:,} paragraphs allowed with the "
            f"{_human_size(max_bytes)} size limit; raise it with --max-size"
        )
    if fmt == "html":
        _check_tag_reading(name, text)


#: A tag's opening followed by another opening before any ">": the parser reads on from both.
#: (A lone opening per ">" costs the page's length once in all; these cost more.)
_OPEN_BEFORE_OPEN = regex_cache.compile(r"<[a-zA-Z/!?][^<>]*(?=<[a-zA-Z/!?])")
#: An HTML parser reads each tag up to its ">"; a "<" that is never closed makes it read
#: the rest of the page once per "<" after it (150 KB of "<a a a": minutes). The characters
#: so read may be this many times the text's length (a page's tags, script comparisons "a<b"
#: included, add up to about its length once) plus :data:`_TAG_READING_SLACK`.
_TAG_READING_PER_CHAR = 10
_TAG_READING_SLACK = 10_000_000


#: A tag long enough to count its words, and how many a tag may have: real tags have a few
#: attributes (a saved page's data: URI is one long word); 10 MB of "<a a a" gave the parsers
#: five million attributes (72 s, 2.9 GB).
_LONG_TAG = regex_cache.compile(r"<[a-zA-Z][^<>]{65536,}")
_MAX_TAG_WORDS = 10_000


def _check_tag_reading(name: str, text: str) -> None:
    """Refuse HTML whose tags an HTML parser could not read in bounded time or memory.

    Only openings followed by another opening before a ">" are measured, each
    up to its ">": the measuring stops once the budget is spent, so it costs
    at most the budget itself.
    """
    for tag in _LONG_TAG.finditer(text):
        if len(tag.group().split(maxsplit=_MAX_TAG_WORDS)) > _MAX_TAG_WORDS:
            raise InputError(
                f"{name} has a tag of more than {_MAX_TAG_WORDS:,} attributes at character "
                f"{tag.start():,}, so it cannot be read as HTML; read it as text with "
                "--left-format text or --right-format text"
            )
    budget = _TAG_READING_PER_CHAR * len(text) + _TAG_READING_SLACK
    for opening in _OPEN_BEFORE_OPEN.finditer(text):
        end = text.find(">", opening.start())
        budget -= (len(text) if end < 0 else end) - opening.start()
        if budget < 0:
            raise InputError(
                f"{name} has a tag that is never closed (no '>' after character "
                f"{opening.start():,}), so it cannot be read as HTML; read it as text with "
                "--left-format text or --right-format text"
            )


def _check_paragraph_count(name: str, count: int, max_bytes: int) -> None:
    limit = paragraph_limit(max_bytes)
    if count > limit:
        raise InputError(
            f"{name} has {count:,} paragraphs, more than the {limit:,} allowed with the "
            f"{_human_size(max_bytes)} size limit; raise it with --max-size"
        )


def load_document(
    source: str,
    fmt: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    timeout: float = DEFAULT_FETCH_SECONDS,
) -> Document:
    """Read, decode and segment one source into a :class:`Document`.

    ``fmt`` None detects the format; "text", "markdown" or "html" force it.
    ``Document.source`` is ``source`` exactly as given. Paragraphs are not
    classified as boilerplate here; a later stage does that.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} for {source}: use one of {', '.join(FORMATS)}")
    name = "standard input" if source == "-" else source
    data, declared, media_type = _read_source(source, max_bytes, stdin, timeout)
    if not data:
        raise InputError(f"{name} is empty")
    text, encoding = decode(data, declared=declared, name=name)
    if not text.strip():
        raise InputError(f"{name} contains only whitespace")
    used_format = fmt or detect_format(source, text, media_type)
    _check_before_segmenting(name, text, used_format, max_bytes)
    texts, title = _paragraphs(text, used_format, source if is_url(source) else None)
    if not texts:
        raise InputError(f"{name} has no readable text as {used_format}")
    _check_paragraph_count(name, len(texts), max_bytes)
    return Document(
        source=source,
        paragraphs=tuple(Paragraph(index, paragraph) for index, paragraph in enumerate(texts)),
        encoding=encoding,
        format=used_format,
        title=title,
    )
