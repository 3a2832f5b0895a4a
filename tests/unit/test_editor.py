"""Finding a paragraph's line in its file again, and the editor command that opens it there."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tui.app.editor import editor_command, paragraph_source_line, source_line_of
from tui.engine.errors import UserError
from tui.engine.segmenting import split_paragraphs

WORDS = st.sampled_from(["the", "council", "said", "“We", "plan", "2,300", "jobs.", "Fo", "é"])
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@given(st.lists(PARAGRAPH, min_size=1, max_size=10), st.lists(st.integers(2, 4), min_size=10))
@example(["the the the the the the", "the"], [2] * 10)  # an opening found again inside the first
def test_each_paragraph_is_found_on_the_line_it_starts(paragraphs, gaps):
    text, starts = "", []
    for paragraph, gap in zip(paragraphs, gaps, strict=False):
        text += "\n" * gap
        starts.append(text.count("\n") + 1)
        text += paragraph
    found = split_paragraphs(text)
    assert found == paragraphs
    for index in range(len(paragraphs)):
        assert paragraph_source_line(text, found, index) == starts[index]


def test_markdown_and_hard_wrapping_between_the_words_are_skipped():
    text = "# Title\n\nSome **bold**\nwrapped words here.\n\n- a *list* item\n"
    paragraphs = ["Title", "Some bold wrapped words here.", "a list item"]
    assert [paragraph_source_line(text, paragraphs, i) for i in range(3)] == [1, 3, 6]


def test_a_paragraph_not_found_answers_the_last_found_line():
    assert paragraph_source_line("one\n\ntwo\n", ["one", "zzz", "two"], 1) == 1


def test_a_local_file_is_read_in_its_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café au lait.\n\n\nÉté.\n".encode("latin-1"))
    assert source_line_of(str(path), ["Café au lait.", "Été."], 1) == 4
    with pytest.raises(UserError, match="not a file"):
        source_line_of("-", ["x"], 0)
    with pytest.raises(UserError, match="not a file"):
        source_line_of("https://example.org/story", ["x"], 0)


def test_the_editor_comes_from_visual_then_editor():
    assert editor_command("a.txt", 7, {"VISUAL": "nvim -u NONE", "EDITOR": "nano"}) == [
        "nvim",
        "-u",
        "NONE",
        "+7",
        "a.txt",
    ]
    assert editor_command("a.txt", 7, {"EDITOR": "nano"}) == ["nano", "+7", "a.txt"]
    assert editor_command("a.txt", 7, {"EDITOR": "/usr/bin/code -w"}) == [
        "/usr/bin/code",
        "-w",
        "--goto",
        "a.txt:7",
    ]
