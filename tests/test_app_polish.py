"""The reader's polish: how each side was read in the header, facts highest first, crash safety."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from test_app_snapshots import sample_comparison

from tui.app.app import CompareApp
from tui.app.bars import PaneTitles, pane_label
from tui.engine.model import Document, Paragraph
from tui.engine.pipeline import CompareRequest, load_sides

FIXTURES = Path(__file__).parent.parent / "fixtures"


def document(source: str = "original.txt", encoding: str = "utf-8", fmt: str = "text", title: str | None = None) -> Document:
    return Document(source, (Paragraph(0, "Some text."),), encoding=encoding, format=fmt, title=title)


def titles_text(app: CompareApp) -> str:
    return str(app.query_one(PaneTitles).render())


# --------------------------------------------------------------------------- how each side was read


def test_utf8_plain_text_is_just_its_name():
    assert pane_label(document(), 40) == "original.txt"
    assert pane_label(document(encoding="utf-8-sig"), 40) == "original.txt"


def test_legacy_encoding_format_and_title_are_named():
    assert pane_label(document(encoding="cp1252"), 40) == "original.txt · cp1252"
    assert pane_label(document("page.html", fmt="html", title="Ferry returns"), 60) == "page.html · html · “Ferry returns”"


def test_a_long_title_is_cut_before_the_name_or_the_notes():
    label = pane_label(document("page.html", "utf-16", "html", "A very long headline about the night ferry to the islands"), 40)
    assert label.startswith("page.html · utf-16 · html · “") and label.endswith("…”")
    assert cell_len(label) <= 40


def test_without_room_the_title_goes_then_the_name_loses_its_beginning():
    doc = document("/home/reader/saved pages/2024/page.html", "cp1252", "html", "Ferry returns")
    assert pane_label(doc, 34) == "…es/2024/page.html · cp1252 · html"
    assert pane_label(doc, 8) == "…ge.html"


def test_control_characters_in_a_title_are_drawn_as_symbols():
    label = pane_label(document("page.html", fmt="html", title="Evil\x1b]52;c;AAAA\x07 title"), 60)
    assert "\x1b" not in label and "␛" in label


@given(
    source=st.text(min_size=1, max_size=60),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16", "iso8859-15"]),
    fmt=st.sampled_from(["text", "markdown", "html"]),
    title=st.none() | st.text(max_size=80),
    width=st.integers(min_value=1, max_value=120),
)
def test_a_label_always_fits_its_column(source, encoding, fmt, title, width):
    label = pane_label(document(source, encoding, fmt, title), width)
    assert cell_len(label) <= width
    assert label  # something is always shown


async def test_header_names_the_encodings_of_latin1_and_utf16_files_at_80_columns():
    gold = FIXTURES / "encodings"
    request = CompareRequest(str(gold / "village-latin1.txt"), str(gold / "village-utf16.txt"))
    app = CompareApp(request, load_sides(request))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = titles_text(app)
        assert "village-latin1.txt · cp1252" in text
        assert "village-utf16.txt · utf-16" in text
        assert len(text) <= 80


async def test_header_shows_an_html_sides_format_and_title():
    comparison = sample_comparison()
    page = replace(comparison.right, source="repost.html", format="html", title="Council backs pier plan")
    app = CompareApp(comparison=replace(comparison, right=page))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "repost.html · html · “Council backs pier plan”" in titles_text(app)
