"""Layouts that degrade by priority: the key bar, the status line, one side at a time, dialogs that scroll."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from tests.app_helpers import sample_comparison
from tui.app.app import CompareApp
from tui.app.bars import PaneTitles
from tui.app.export_dialog import ExportDialog
from tui.app.note_editor import NoteEditor
from tui.app.panel import DiffPanel
from tui.app.panes import SideBySide
from tui.options import AppOptions

ESSENTIAL = ("n Next", "p Prev", "/ Search", "f Facts", "e Export", "? Help", "q Quit")
COUNTS = "~1 ↕1 <1 >1 +1 -1 !1"


def sample_app() -> CompareApp:
    return CompareApp(sample_comparison(), options=AppOptions(no_state=True))


def bar(app: CompareApp, selector: str) -> str:
    return str(app.query_one(selector).render())


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_essential_keys_and_the_counts_stay_visible(size):
    app = sample_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        keys = bar(app, "#keys")
        assert all(key in keys for key in ESSENTIAL)
        assert len(keys) <= size[0]
        assert "space Reviewed, next" in keys
        status = bar(app, "#status")
        assert status.startswith("difference 1 of") and COUNTS in status
        assert "1 hidden" in status  # the boilerplate count, in full or short form


async def test_at_40_columns_the_keys_are_bare_but_help_says_its_name():
    app = sample_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        keys = bar(app, "#keys")
        assert keys.startswith("n p / f e q ") and keys.rstrip().endswith("? Help")
        assert COUNTS in bar(app, "#status")


async def test_a_key_in_the_bar_can_be_clicked():
    app = sample_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = bar(app, "#keys")
        await pilot.click("#keys", offset=(1 + keys.index("n Next"), 0))  # 1: the bar's padding
        await pilot.pause()
        assert app.position == 1


async def test_one_side_at_a_time_when_narrow_and_w_switches_it():
    app = sample_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        assert panes.columns.sides == ("right",)
        assert "repost.txt" in bar(app, "#titles") and "w: original" in bar(app, "#titles")
        await pilot.press("w")
        await pilot.pause()
        assert panes.columns.sides == ("left",)
        assert "original.txt" in bar(app, "#titles") and "w: rewrite" in bar(app, "#titles")
        assert "repost.txt" not in bar(app, "#titles")
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert panes.columns.sides == ("left", "right")


async def test_clicking_a_side_puts_it_in_focus():
    app = sample_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        assert panes.focus_side == "right"
        await pilot.click(SideBySide, offset=(10, 1))
        assert panes.focus_side == "left"
        assert app.query_one(PaneTitles).render().plain.strip().startswith("original.txt")


async def test_short_and_narrow_the_panel_is_a_strip_that_opens_on_focus():
    app = sample_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        panel = app.query_one(DiffPanel)
        assert panel.display and 0 < panel.size.height <= 2
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is panel and panel.size.height >= 4
        await pilot.press("down")
        assert app.position == 1


@pytest.mark.parametrize(
    "key, dialog, buttons",
    [("e", ExportDialog, ("write", "cancel")), ("a", NoteEditor, ("save", "cancel"))],
)
async def test_dialogs_at_40_by_12_scroll_to_their_buttons(key, dialog, buttons):
    app = sample_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, dialog)
        frame = app.screen.query_one(".dialog")
        for name in buttons:
            button = app.screen.query_one(f"#{name}", Button)
            button.focus()
            await pilot.pause()
            assert frame.region.contains_region(button.region)


async def test_help_opens_on_the_legend_and_scrolls_at_once():
    app = sample_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_scroll = app.screen.query_one("#help")
        legend = str(app.screen.query_one("#help-legend").render())
        for said in (
            "~  reworded",
            "The strip at the right edge",
            "~10 ↕0 <0 >1 +11 -15 !5",
            "¶6–7→¶5",
        ):
            assert said in legend
        assert help_scroll.scroll_y == 0
        await pilot.press("pagedown")
        assert help_scroll.scroll_y > 0
        await pilot.press("end")
        assert help_scroll.scroll_y == help_scroll.max_scroll_y > 0
        await pilot.press("home", "down")
        assert help_scroll.scroll_y == 1


async def test_the_panes_scroll_after_a_filter_makes_them_taller_than_the_view():
    app = sample_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        await pilot.press("c", "2", "3", "4", "5", "6", "7")  # changes only, every kind hidden
        await pilot.pause()
        assert panes.virtual_size.height <= panes.scrollable_content_region.height
        await pilot.press("c", "2", "3", "4", "5", "6", "7")
        await pilot.pause()
        assert panes.virtual_size.height > panes.scrollable_content_region.height
        panes.focus()
        await pilot.press("j")
        assert panes.scroll_y == 1


@pytest.mark.parametrize("change_view", ["switch side", "resize"])
async def test_the_current_row_stays_in_view_when_the_columns_change(change_view):
    app = sample_app()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")
        panes = app.query_one(SideBySide)
        row = app.reading.model.row_of_change[app._current_change()]
        if change_view == "switch side":
            await pilot.press("w")
        else:
            await pilot.resize_terminal(50, 20)
        await pilot.pause()
        for _ in range(3):  # again and again: no drift
            top = round(panes.scroll_y)
            assert panes.row_at_line(top + 1) == row
            await pilot.press("w", "w")
            await pilot.pause()
