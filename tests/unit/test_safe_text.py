"""Text from outside shown safely: no control reaches a terminal, every output is writable UTF-8."""

from __future__ import annotations

import os
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui.engine.safe_text import escape_undecodable, printable, terminal_safe, visible_controls

#: Any text, lone surrogates included (a file name that is not UTF-8 carries them).
ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF))


def controls(text: str, allowed: str = "") -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed]


@given(ANY_TEXT)
def test_terminal_safe_is_one_line_of_writable_text_without_controls(text):
    shown = terminal_safe(text)
    assert controls(shown) == []
    shown.encode("utf-8")  # no lone surrogate left


@given(ANY_TEXT)
def test_printable_keeps_tabs_and_line_ends_only(text):
    shown = printable(text)
    assert controls(shown, allowed="\t\n") == []
    assert shown.count("\n") == text.count("\n") and shown.count("\t") == text.count("\t")


@given(ANY_TEXT)
def test_visible_controls_keeps_the_length_so_spans_stay_valid(text):
    shown = visible_controls(text)
    assert len(shown) == len(text) and controls(shown) == []


@given(st.binary(max_size=40))
def test_an_undecodable_file_name_shows_each_bad_byte_as_its_escape(name):
    """Lossless: the escapes spell the bytes, so the name can be found again."""
    shown = escape_undecodable(os.fsdecode(name))
    assert shown == name.decode("utf-8", "backslashreplace")


def test_examples():
    assert terminal_safe("500 \x1b[31mBAD \x1b]0;PWNED\x07") == "500 ␛[31mBAD ␛]0;PWNED␇"
    assert terminal_safe(os.fsdecode(b"caf\xe9\nx")) == "caf\\xe9␊x"
    assert printable("a\tb\nc\x9bd\x7f") == "a\tb\nc\ufffdd␡"
