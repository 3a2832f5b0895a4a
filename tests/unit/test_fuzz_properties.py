"""Invariants of the whole pipeline — bytes on disk -> load -> boilerplate -> align -> export —
over generated documents full of hostile text: control characters and escape sequences,
Rich and HTML markup, RTL, combining marks, emoji, in several encodings and formats.

Example counts are stated on each test (``deadline=None``: the engine's speed varies
with the machine's load, and speed is not what these properties are about).
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.engine_helpers import assert_every_index_once
from tui.engine.errors import InputError
from tui.engine.model import Kind
from tui.engine.pipeline import CompareRequest, SessionDefaults, run_comparison
from tui.export import render

HOSTILE_TOKENS = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[2J",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b]0;title\x07",
    "\x07",
    "\x08\x08",
    "[bold red]",
    "[/]",
    "[link=https://evil.example]",
    "[/link]",
    "<script>",
    "</script>",
    "&amp;",
    "<b>",
    "**",
    "_",
    "`",
    "# ",
    "|",
    "\\",
    "$(rm)",
    "%s",
    "{0}",
    "\u202e",
    "\u200b",
    "\u2028",
    "\u00a0",
    "الوزير",
    "השר",
    "cafe\u0301",
    "n\u0303",
    "👍🏽",
    "🇫🇷",
    "👨‍👩‍👧‍👦",
    "政府",
    "Ωμέγα",
    "2,300",
    "12.4%",
]
PROSE_WORDS = (
    "minister plan wind farm coast jobs billion critics cost price government energy survey grid "
    "turbines harbour cables budget parliament union factory shipyard levy tender board forecast"
).split()
# Any character but line breaks (which make paragraphs), NUL (dropped by the loader, tested
# apart), U+FEFF (a leading one is a byte-order mark) and surrogates (not encodable).
ODD_CHARACTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\n\r\x00\ufeff\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2029",
)
WORD = st.one_of(
    st.sampled_from(PROSE_WORDS),
    st.sampled_from(HOSTILE_TOKENS),
    st.text(ODD_CHARACTERS, min_size=1, max_size=8),
).filter(lambda word: word.strip() == word and word)
PARAGRAPH = st.lists(WORD, min_size=1, max_size=15).map(" ".join)
DOCUMENT = st.lists(PARAGRAPH, min_size=1, max_size=10)
# The loader refuses text with more than this share of control characters as binary.
BINARY_CONTROL_SHARE = 0.05

EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: For the two slowest properties (each example loads and aligns two texts or four). Counted on
#: the strategies: the plain-text property's 100 (with those refused as binary, ~250 drawn) draw
#: each encoding and each hostile token 25 times or more; 100 edited_documents hold ~500
#: paragraphs, so each edit (keep, drop, reword, split, add) is drawn about a hundred times.
FEWER_EXAMPLES = settings(EXAMPLES, max_examples=100)


@contextmanager
def files_on_disk(left: bytes, right: bytes, suffix: str = ".txt"):
    with tempfile.TemporaryDirectory() as folder:
        left_path, right_path = Path(folder, "left" + suffix), Path(folder, "right" + suffix)
        left_path.write_bytes(left)
        right_path.write_bytes(right)
        yield str(left_path), str(right_path)


def encode(paragraphs: list[str], encoding: str) -> bytes:
    return ("\n\n".join(paragraphs) + "\n").encode(encoding)


def control_share(text: str) -> float:
    odd = sum(
        1
        for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n")
    )
    return odd / len(text)


def compare_plain_text(left: list[str], right: list[str], encoding: str = "utf-8", runs: int = 1):
    """``runs`` comparisons of two documents written to disk (the same files each time), or
    None when the loader refused one as binary."""
    with files_on_disk(encode(left, encoding), encode(right, encoding)) as (left_path, right_path):
        request = SessionDefaults(left_format="text", right_format="text").request(
            left_path, right_path
        )
        try:
            return [run_comparison(request) for _ in range(runs)]
        except InputError as error:
            assert "looks like a binary file" in str(error) and "\n" not in str(error)
            text = "\n\n".join(left if left_path in str(error) else right)
            assert (
                control_share(text) > BINARY_CONTROL_SHARE * 0.9
            )  # refused only when mostly controls
            return None


def assert_reports_carry_the_paragraphs(comparison) -> None:
    """Every exporter renders; JSON holds the loaded paragraphs; no report holds a raw control."""
    reports = {fmt: render(comparison, fmt) for fmt in ("json", "md", "html")}
    data = json.loads(reports["json"])
    assert data["left"]["paragraphs"] == list(comparison.left.texts)
    assert data["right"]["paragraphs"] == list(comparison.right.texts)
    for fmt, report in reports.items():
        raw = {ch for ch in report if unicodedata.category(ch) == "Cc" and ch not in "\t\n"}
        assert not raw, f"{fmt} report carries raw control characters {raw!r}"


@pytest.mark.slow
@FEWER_EXAMPLES
@given(DOCUMENT, DOCUMENT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_plain_text_paragraphs_come_through_exactly(left, right, encoding):
    """100 examples (and as many refused as binary, each checked): each blank-line-separated paragraph is loaded, aligned and exported as written
    (in NFC), whatever it contains; every paragraph of both sides sits in exactly one change;
    the same files compared again give the same JSON report (a property of its own once, which
    drew as many documents from the same strategy and compared each pair twice)."""
    comparisons = compare_plain_text(left, right, encoding, runs=2)
    assume(comparisons is not None)
    comparison, again = comparisons
    assert render(again, "json") == render(comparison, "json")
    assert list(comparison.left.texts) == [unicodedata.normalize("NFC", p) for p in left]
    assert list(comparison.right.texts) == [unicodedata.normalize("NFC", p) for p in right]
    assert_every_index_once(comparison)
    assert_reports_carry_the_paragraphs(comparison)


_MIRROR = {
    Kind.ADDED: Kind.DROPPED,
    Kind.DROPPED: Kind.ADDED,
    Kind.SPLIT: Kind.MERGED,
    Kind.MERGED: Kind.SPLIT,
}
DISTINCT_PARAGRAPH = st.tuples(
    st.lists(st.sampled_from(PROSE_WORDS), min_size=3, max_size=12, unique=True),
    st.lists(st.sampled_from(HOSTILE_TOKENS), max_size=3),
).map(lambda parts: " ".join(parts[0] + parts[1]))


@st.composite
def edited_documents(draw):
    """A document of distinct paragraphs and an edit of it: drops, additions, a move, a split, a merge."""
    left = draw(st.lists(DISTINCT_PARAGRAPH, min_size=1, max_size=8, unique=True))
    right: list[str] = []
    for text in left:
        action = draw(st.sampled_from(["keep", "drop", "reword", "split", "add"]))
        if action == "keep":
            right.append(text)
        elif action == "reword":
            right.append(text + " " + draw(st.sampled_from(PROSE_WORDS)))
        elif action == "split":
            words = text.split(" ")
            right += [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])]
        elif action == "add":
            right += [text, draw(DISTINCT_PARAGRAPH)]
    if len(right) > 1 and draw(st.booleans()):
        right.insert(draw(st.integers(0, len(right) - 1)), right.pop())
    if len(right) > 1 and draw(st.booleans()):
        k = draw(st.integers(0, len(right) - 2))
        right[k : k + 2] = [right[k] + " " + right[k + 1]]
    return left, right


@pytest.mark.slow
@FEWER_EXAMPLES
@given(edited_documents())
def test_swapping_the_files_mirrors_the_kinds_and_keeps_the_links(pair):
    """100 examples: swapping sides swaps added/dropped and split/merged and keeps every link
    (stated for distinct paragraphs, as in the engine's own property: duplicates tie on position)."""
    left, right = pair
    assume(right and len(set(right)) == len(right))
    forwards, backwards = compare_plain_text(left, right), compare_plain_text(right, left)
    assume(forwards is not None and backwards is not None)
    (forward,), (backward,) = forwards, backwards
    assert_every_index_once(forward)
    assert {(c.left, c.right, c.kind) for c in forward.changes} == {
        (c.right, c.left, _MIRROR.get(c.kind, c.kind)) for c in backward.changes
    }


@EXAMPLES
@given(
    st.binary(max_size=600) | st.text(max_size=600).map(str.encode),
    st.lists(st.sampled_from(PROSE_WORDS), min_size=1, max_size=30).map(
        lambda ws: " ".join(ws).encode()
    ),
    st.sampled_from([None, "text", "markdown", "html"]),
)
def test_any_bytes_either_compare_or_stop_with_one_line(data, other, fmt):
    """200 examples: arbitrary bytes in any format are refused with a one-line InputError, or
    compared with the contract intact and every report rendered."""
    with files_on_disk(data, other) as (left_path, right_path):
        try:
            comparison = run_comparison(
                SessionDefaults(left_format=fmt).request(left_path, right_path)
            )
        except InputError as error:
            assert "\n" not in str(error) and left_path in str(error)
            return
    assert all(text.strip() for text in comparison.left.texts)
    assert_every_index_once(comparison)
    assert_reports_carry_the_paragraphs(comparison)


@pytest.mark.slow
@EXAMPLES
@given(DOCUMENT, DOCUMENT, st.sampled_from([".md", ".html"]))
def test_markup_formats_never_break_the_contract(left, right, suffix):
    """200 examples: the same hostile documents read as Markdown or HTML (markup characters
    included) load, align and export with every paragraph in exactly one change."""
    with files_on_disk(encode(left, "utf-8"), encode(right, "utf-8"), suffix) as (
        left_path,
        right_path,
    ):
        try:
            comparison = run_comparison(CompareRequest(left_path, right_path))
        except InputError as error:
            assert "\n" not in str(error)
            return
    assert all(text.strip() for text in comparison.left.texts + comparison.right.texts)
    assert_every_index_once(comparison)
    assert_reports_carry_the_paragraphs(comparison)
