"""Loading sources into Documents: decoding, format detection and every user-facing error."""

import codecs
import io
import json
import os
import tempfile
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import paths
from tui.engine import loading
from tui.engine.errors import InputError
from tui.engine.loading import DEFAULT_MAX_BYTES, decode, detect_format, load_document

FIXTURES = paths.FIXTURES
FRENCH = (
    "Le café était fermé. À l'école, les élèves ont étudié la poésie de Molière.\nÇa va très bien."
)


def write(tmp_path, name, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def load_error(source, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        load_document(source, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + FRENCH.encode(), "utf-8-sig"),
        (FRENCH.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "utf-16"),
        (FRENCH.encode("utf-32"), "utf-32"),
        (codecs.BOM_UTF32_BE + FRENCH.encode("utf-32-be"), "utf-32"),
        (FRENCH.encode("utf-16-le"), "utf-16-le"),
        (FRENCH.encode("utf-16-be"), "utf-16-be"),
        (FRENCH.encode("latin-1"), "cp1252"),
        (FRENCH.encode("utf-8"), "utf-8"),
    ],
)
def test_decode_honours_boms_and_detects_encodings(data, encoding):
    assert decode(data) == (FRENCH, encoding)


def test_decode_latin1_german_and_spanish_as_cp1252():
    for text in (
        "Grüße aus Köln, sagte Müller an der Straße.",
        "El niño comió paella. ¿Qué tal mañana?",
    ):
        assert decode(text.encode("latin-1")) == (text, "cp1252")


def test_decode_keeps_other_scripts_from_detection():
    text = "Привет, как дела? Сегодня в городе прошёл сильный дождь, и улицы были затоплены."
    assert decode(text.encode("cp1251"))[0] == text


def test_decode_utf16_chinese_without_bom():
    text = "政府周三批准了新的预算。\n一位市民对此表示欢迎。"
    assert decode(text.encode("utf-16-le")) == (text, "utf-16-le")


def test_decode_normalises_line_endings_and_nfc():
    text, _ = decode("cafe\u0301\r\nline two\rline three\n".encode())
    assert text == "caf\u00e9\nline two\nline three\n"


def test_decode_keeps_control_characters_but_not_nul():
    text, _ = decode(
        "Title\x0c\nA bell \x07 rang in a long line of perfectly ordinary text.".encode("utf-16")
    )
    assert "\x07" in text and "\x0c" in text
    assert decode("a\x00b".encode("utf-16"))[0] == "ab"


def test_declared_charset_is_used_after_utf8_fails():
    data = "Ελλάδα".encode("iso-8859-7")
    assert decode(data, declared="iso-8859-7") == ("Ελλάδα", "iso8859-7")


def test_html_meta_charset_is_honoured():
    data = '<html><head><meta charset="koi8-r"></head><body>Привет</body></html>'.encode("koi8-r")
    assert decode(data) == (
        '<html><head><meta charset="koi8-r"></head><body>Привет</body></html>',
        "koi8-r",
    )


@pytest.mark.parametrize("codec", ["rot13", "uu", "base64", "hex", "zlib", "undefined", "bogus"])
def test_a_declared_codec_that_is_no_text_encoding_is_ignored(codec):
    """rot13, base64, ... are Python codecs but not text encodings: a LookupError traceback once."""
    page = f'<meta charset="{codec}"><p>caf\xe9 ol\xe9, the harbour board met.</p>'
    for declared in (codec, None):
        assert decode(page.encode("latin-1"), declared=declared) == (page, "cp1252")


@given(
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffd"), min_size=1
    )
)
def test_decode_round_trips_utf8_text(text):
    assert decode(text.encode("utf-8")) == (unicodedata.normalize("NFC", text), "utf-8")


# --------------------------------------------------------------------------- errors


def test_binary_with_nul_bytes(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    source = write(tmp_path, "image.png", data)
    assert load_error(source) == f"{source} looks like a binary file, not text"


def test_nul_bytes_in_otherwise_ascii_text_are_binary(tmp_path):
    source = write(tmp_path, "dump.txt", b"abc\x00def\x00\x00gh\x00ij\x00\x00kl")
    assert "looks like a binary file" in load_error(source)


def test_invalid_utf8_that_is_not_text_is_binary(tmp_path):
    source = write(tmp_path, "blob.bin", bytes(range(0x80, 0x100)) * 8 + b"\x01\x02\x03" * 50)
    assert "looks like a binary file" in load_error(source)


def test_undecodable_text_names_the_bad_byte(tmp_path):
    data = "Mañana será otro día, dijo él. ".encode() * 3 + b"\xff"
    source = write(tmp_path, "broken.txt", data)
    message = load_error(source)
    assert message.startswith(f"cannot decode {source}: byte {len(data) - 1} is not valid UTF-8")


@pytest.mark.parametrize("data", [FRENCH.encode("utf-16")[:-1], FRENCH.encode("utf-16-le")[:-1]])
def test_truncated_utf16(tmp_path, data):
    source = write(tmp_path, "cut.txt", data)
    message = load_error(source)
    assert source in message and "truncated" in message and "UTF-16" in message


def test_bom_with_invalid_utf8(tmp_path):
    source = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"ok \xff\xfe")
    assert "byte-order mark" in load_error(source)


def test_empty_file(tmp_path):
    source = write(tmp_path, "empty.txt", b"")
    assert load_error(source) == f"{source} is empty"


def test_whitespace_only_file(tmp_path):
    source = write(tmp_path, "blank.txt", b" \n\t\r\n  \n")
    assert load_error(source) == f"{source} contains only whitespace"


def test_directory(tmp_path):
    assert load_error(str(tmp_path)) == f"{tmp_path} is a directory, not a file"


def test_missing_file(tmp_path):
    source = str(tmp_path / "nope.txt")
    assert load_error(source) == f"{source}: no such file"


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: chmod 000 does not stop root from reading the file",
)
def test_unreadable_file(tmp_path):
    source = write(tmp_path, "secret.txt", b"hidden text")
    os.chmod(source, 0)
    try:
        assert load_error(source) == f"{source}: permission denied"
    finally:
        os.chmod(source, 0o600)


def test_larger_than_limit_says_how_to_raise_it(tmp_path):
    source = write(tmp_path, "big.txt", b"word " * 300)
    message = load_error(source, max_bytes=1024)
    assert source in message and "1 KiB" in message and "--max-size" in message


def test_stdin_larger_than_limit():
    message = load_error("-", stdin=io.BytesIO(b"a" * 2000), max_bytes=1000)
    assert "standard input" in message and "--max-size" in message


def test_default_limit_is_20_mib():
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_unknown_format_name(tmp_path):
    source = write(tmp_path, "a.txt", b"text")
    message = load_error(source, fmt="pdf")
    assert source in message and "'pdf'" in message and "text, markdown, html" in message


def test_html_without_visible_text(tmp_path):
    source = write(
        tmp_path, "empty.html", b"<!doctype html><html><body><script>x()</script></body></html>"
    )
    assert load_error(source) == f"{source} has no readable text as html"


# --------------------------------------------------------------------------- budgets before segmenting

MIB = 1024 * 1024


def refuse_segmenting(monkeypatch) -> None:
    """Make every segmenter fail the test: the budgets must stop the text before them."""

    def segmented(*args, **kwargs):
        raise AssertionError("segmented a text over its budget")

    for name in ("split_paragraphs", "markdown_paragraphs"):
        monkeypatch.setattr(loading, name, segmented)
    monkeypatch.setattr(loading.formats, "html_paragraphs", segmented)


@pytest.mark.parametrize(
    ("unit", "name", "fragment"),
    [
        ("- x\n", "list.md", "paragraphs allowed"),  # a list without blank lines
        ("| a | b |\n", "table.md", "paragraphs allowed"),  # one table of many rows
        ("# x\n", "headings.md", "paragraphs allowed"),
        ("x\n", "lines.txt", "lines allowed"),  # a web paste of one-character lines
        ("x\n", "lines.md", "lines allowed"),
        ("<p>x</p>", "blocks.html", "paragraphs allowed"),
        ("a<br>", "breaks.html", "paragraphs allowed"),
    ],
    ids=["list", "table", "headings", "text lines", "markdown lines", "html blocks", "breaks"],
)
def test_a_text_over_its_paragraph_or_line_budget_is_refused_before_it_is_segmented(
    tmp_path, monkeypatch, unit, name, fragment
):
    budget = (loading.line_limit if "lines" in fragment else loading.paragraph_limit)(MIB)
    source = write(tmp_path, name, (unit * (budget + 1)).encode())
    refuse_segmenting(monkeypatch)
    message = load_error(source, max_bytes=MIB)
    assert fragment in message and "--max-size" in message


def test_html_with_tags_never_closed_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    """150 KB of "<a a a" kept the HTML parser busy for minutes: each "<" read to the end."""
    source = write(tmp_path, "tags.html", ("<p>Hello</p>" + "<a a " * 20_000).encode())
    refuse_segmenting(monkeypatch)
    assert "has a tag that is never closed" in load_error(source)


def test_html_with_a_tag_of_a_million_attributes_is_refused_and_a_long_data_uri_opens(
    tmp_path, monkeypatch
):
    """10 MB of one "<a a a" tag took 72 s and 2.9 GB; a saved page's inlined image is one word."""
    image = '<p>Photo</p><img src="data:image/png;base64,' + "A" * 200_000 + '"><p>Caption</p>'
    assert load_document(write(tmp_path, "saved.html", image.encode())).texts
    source = write(tmp_path, "tag.html", ("<p>Hello</p><a " + "a " * 40_000).encode())
    refuse_segmenting(monkeypatch)
    assert "has a tag of more than 10,000 attributes" in load_error(source)


@pytest.mark.parametrize(
    ("unit", "count", "name"),
    [
        ("- x\n", 2_000, "list.md"),
        ("x\n", 5_000, "lines.txt"),
        ("<p>x</p>", 2_000, "blocks.html"),
        ("> quoted line of an e-mail thread\n", 5_000, "thread.md"),  # one paragraph
    ],
    ids=["list", "lines", "html blocks", "quoted lines"],
)
def test_a_text_within_its_budgets_is_segmented(tmp_path, unit, count, name):
    document = load_document(write(tmp_path, name, (unit * count).encode()), max_bytes=MIB)
    assert document.paragraphs


# --------------------------------------------------------------------------- documents


def test_text_document_from_stdin():
    data = "\ufeffFirst paragraph.\r\n\r\nSecond paragraph.\r\n".encode("utf-8")
    document = load_document("-", stdin=io.BytesIO(data))
    assert document.source == "-"
    assert document.format == "text" and document.encoding == "utf-8-sig" and document.title is None
    assert document.texts == ("First paragraph.", "Second paragraph.")
    assert [p.index for p in document.paragraphs] == [0, 1]
    assert all(p.boilerplate is None for p in document.paragraphs)


def test_source_is_kept_exactly_as_given(tmp_path, monkeypatch):
    write(tmp_path, "story.txt", b"Hello.")
    monkeypatch.chdir(tmp_path)
    assert load_document("./story.txt").source == "./story.txt"


def test_markdown_by_extension_and_title(tmp_path):
    source = write(tmp_path, "draft.md", b"# Plan\n\nDo *this*.\n")
    document = load_document(source)
    assert (document.format, document.title, document.texts) == (
        "markdown",
        "Plan",
        ("Plan", "Do this."),
    )


def test_forced_text_format_keeps_markup(tmp_path):
    source = write(tmp_path, "draft.md", b"# Plan\n\nDo *this*.\n")
    assert load_document(source, "text").texts == ("# Plan", "Do *this*.")


def test_html_by_content_without_extension(tmp_path):
    source = write(
        tmp_path,
        "saved",
        b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Body text.</p></body></html>",
    )
    document = load_document(source)
    assert (document.format, document.title, document.texts) == ("html", "T", ("Body text.",))


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("page.HTM", "plain", "html"),
        ("notes.markdown", "plain", "markdown"),
        ("x", "  <!-- saved --><html lang=en><body>", "html"),
        ("x", "# Title\n\nSee [the report](http://r.example).", "markdown"),
        ("x", "# One\n\ntext\n\n## Two", "markdown"),
        ("-", "Title\n=====\n\n```\ncode\n```", "markdown"),
        ("x", "- a list\n- in plain text\n> and a quote", "text"),
        ("x", "Just a #hashtag and [brackets] (parens).", "text"),
        ("-", "# License header\nimport os\n# a comment\n", "text"),
        ("-", "Use **bold** and [a link](http://r.example) and __init__.", "text"),
        ("https://example.invalid/story.md?ref=1", "plain", "markdown"),
        ("notes.txt", "# One\n\n**two** [link](http://r.example)\n\n## Three", "text"),
        ("notes.TXT", "<!DOCTYPE html><html><body>", "text"),
        ("page.rst", "# One\n\ntext\n\n## Two", "text"),
    ],
)
def test_detect_format(source, text, expected):
    assert detect_format(source, text) == expected


@pytest.mark.parametrize(
    ("source", "media_type", "expected"),
    [
        ("https://example.invalid/story", "text/html", "html"),
        ("https://example.invalid/story", "text/plain", "text"),
        ("https://example.invalid/notes.md", "text/plain", "markdown"),
        ("https://example.invalid/story", "text/markdown", "markdown"),
        ("https://example.invalid/story", None, "markdown"),
    ],
)
def test_a_url_is_read_as_its_extension_then_its_content_type_says(source, media_type, expected):
    assert detect_format(source, "# One\n\ntext\n\n## Two", media_type) == expected


_PROSE = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\ufffd",
        include_characters="\n\t ",
    ),
    max_size=300,
)
_MARKUP = st.sampled_from(["**", "__init__", "`x`", "[a](b)", "<pkg>", "# ", "\n\n", "- ", "&amp;"])


@given(st.lists(_PROSE | _MARKUP, max_size=12).map("".join))
def test_a_txt_file_keeps_every_character(text):
    """Whatever a .txt holds, its paragraphs are its non-whitespace text, in order."""
    normalised = unicodedata.normalize("NFC", text)
    if not normalised.strip():
        return
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "notes.txt")
        with open(path, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        paragraphs = load_document(path).texts
    assert "".join("".join(paragraphs).split()) == "".join(normalised.split())


# --------------------------------------------------------------------------- fixtures


def fixture_sides():
    for gold_path in sorted(FIXTURES.glob("*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for side in ("left", "right"):
            yield pytest.param(
                gold_path.parent / gold[side],
                gold[f"{side}_heads"],
                id=f"{gold_path.parent.name}-{side}",
            )


@pytest.mark.parametrize(("path", "heads"), list(fixture_sides()))
def test_fixture_paragraphs_match_gold_heads(path, heads):
    texts = load_document(str(path)).texts
    assert len(texts) == len(heads)
    for text, head in zip(texts, heads, strict=True):
        assert text.startswith(head), (text[:40], head)
