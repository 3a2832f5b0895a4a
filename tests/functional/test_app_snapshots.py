"""Snapshot tests of the reader, on ``tests.app_helpers.sample_comparison``."""

from __future__ import annotations

from tests.app_helpers import sample_comparison
from tui.app.app import CompareApp


def test_main_screen_80x24(snap_compare):
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(80, 24))


def test_main_screen_160x45(snap_compare):
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(160, 45))


def test_main_screen_light_theme_160x45(snap_compare):
    async def light(pilot):
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(160, 45), run_before=light)


def test_help_screen(snap_compare):
    assert snap_compare(
        CompareApp(sample_comparison()), terminal_size=(100, 40), press=["question_mark"]
    )


def test_filtered_view_changes_only_without_reworded(snap_compare):
    # "2" hides reworded changes from the panel, "c" shows only listed changes in the panes.
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(160, 45), press=["2", "c"])


def test_main_screen_40x12(snap_compare):
    # One side at a time, the panel a strip, the keys bare but for help.
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(40, 12))


def test_export_dialog_80x24(snap_compare, monkeypatch):
    monkeypatch.chdir("/")  # the dialog proposes a path in the working folder: the same everywhere
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(80, 24), press=["e"])


def test_export_dialog_40x12(snap_compare, monkeypatch):
    # The dialog fits a small terminal: tight margins, its buttons on screen.
    monkeypatch.chdir("/")
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(40, 12), press=["e"])


def test_note_dialog_40x12(snap_compare):
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(40, 12), press=["a"])


def test_sentence_view_of_a_split_100x30(snap_compare):
    # n moves to the split (the second difference); s opens its sentences.
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(100, 30), press=["n", "s"])


def test_facts_view_and_a_facts_words_in_the_panes_120x30(snap_compare):
    # f lists one row per fact; in the panes the changed figure ("$47 billion" struck on the
    # left, "tens of billions" underlined on the right) stands out from the other edits, and
    # as the fact the panel's current row points at, on a solid warning background.
    assert snap_compare(CompareApp(sample_comparison()), terminal_size=(120, 30), press=["f"])
