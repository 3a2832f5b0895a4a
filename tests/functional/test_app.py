"""Pilot tests of the reader: every key, the filters, search, export, layout sizes.

Behaviour on the real pipeline uses the news-repost fixture; tests that need
one change of every kind use the hand-made comparison of test_app_snapshots.
"""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input

from tests import paths
from tests.app_helpers import sample_comparison
from tui.app.app import CompareApp
from tui.app.columns import DIVIDER
from tui.app.confirm import ConfirmScreen
from tui.app.export_dialog import ExportDialog
from tui.app.help_screen import HelpScreen
from tui.app.panel import DiffPanel
from tui.app.panes import SideBySide
from tui.app.view_model import LEFT, RIGHT
from tui.app.wrapping import wrap_offsets
from tui.engine.model import Kind
from tui.engine.pipeline import CompareRequest, run_comparison

FIXTURE = paths.FIXTURES / "news-repost"
REQUEST = CompareRequest(str(FIXTURE / "original.txt"), str(FIXTURE / "repost.txt"))


def fixture_app() -> CompareApp:
    return CompareApp(REQUEST)


async def until_compared(app: CompareApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.reading is not None


def visible_lines(panes: SideBySide) -> list[str]:
    return [panes.render_line(y).text for y in range(panes.scrollable_content_region.height)]


def first_line_of(app: CompareApp, row_number: int, side: str) -> tuple[int, str]:
    """(virtual line, text) of the first paragraph line of one side of a row, found as drawn on screen."""
    panes = app.query_one(SideBySide)
    row = app.reading.model.rows[row_number]
    text = next(
        part.text for part in app.reading.model.cell_parts(row, side) if part.role == "paragraph"
    )
    offsets = wrap_offsets(text, panes.columns.text_width(side))
    first = text[: offsets[1] if len(offsets) > 1 else len(text)].rstrip()
    top = round(panes.scroll_y)
    ends = (*panes.row_starts[1:], panes.virtual_size.height)
    for line in range(panes.row_starts[row_number], ends[row_number]):
        if 0 <= line - top < panes.scrollable_content_region.height:
            left_half, right_half = panes.render_line(line - top).text.split(DIVIDER.strip(), 1)
            if first in (left_half if side == LEFT else right_half):
                return line, first
    raise AssertionError("the row's paragraph is not drawn on screen")


def assert_row_in_view_and_level(app: CompareApp, change: int) -> None:
    """The change's row is on screen, and its left and right paragraphs start on the same screen line."""
    panes = app.query_one(SideBySide)
    row_number = app.reading.model.row_of_change[change]
    top = round(panes.scroll_y)
    start = panes.row_starts[row_number]
    assert top <= start < top + panes.scrollable_content_region.height
    c = app.reading.comparison.changes[change]
    sides = [side for side, indices in ((LEFT, c.left), (RIGHT, c.right)) if indices]
    lines = {side: first_line_of(app, row_number, side) for side in sides}
    if len(lines) == 2:
        assert lines[LEFT][0] == lines[RIGHT][0]


async def test_opens_on_first_difference_with_status():
    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        assert app.position == 0
        status = str(app.query_one("#status").render())
        assert f"difference 1 of {len(app.reading.model.differences)}" in status
        assert f"{app.reading.comparison.similarity:.0%} similar" in status


async def test_n_through_every_difference_keeps_panes_in_step():
    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        differences = app.reading.model.differences
        assert len(differences) > 5
        assert_row_in_view_and_level(app, differences[0])
        for position in range(1, len(differences)):
            await pilot.press("n")
            assert app.position == position
            assert_row_in_view_and_level(app, differences[position])
        await pilot.press("n")
        assert app.position == len(differences) - 1  # stays on the last


async def test_p_g_and_shift_g():
    app = fixture_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until_compared(app, pilot)
        last = len(app.reading.model.differences) - 1
        await pilot.press("G")
        assert app.position == last
        assert_row_in_view_and_level(app, app.reading.model.differences[last])
        await pilot.press("p")
        assert app.position == last - 1
        await pilot.press("g")
        assert app.position == 0
        await pilot.press("p")
        assert app.position == 0


async def test_panel_keys_move_the_panes():
    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        panel = app.query_one(DiffPanel)
        panel.focus()
        await pilot.press("j", "j", "down")
        await pilot.pause()
        assert app.position == 3
        assert_row_in_view_and_level(app, app.reading.model.differences[3])
        await pilot.press("k")
        await pilot.pause()
        assert app.position == 2
        await pilot.press("end")
        await pilot.pause()
        assert app.position == len(app.reading.model.differences) - 1


async def test_clicking_a_panel_line_selects_it():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        lines = app.query_one(DiffPanel).lines_per_entry
        await pilot.click(DiffPanel, offset=(5, 1 + 2 * lines))  # the border, then entries 0, 1, 2
        await pilot.pause()
        assert app.position == 2


async def test_tab_moves_focus_between_panel_and_panes():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, SideBySide)
        await pilot.press("tab")
        assert isinstance(app.focused, DiffPanel)
        await pilot.press("tab")
        assert isinstance(app.focused, SideBySide)


async def test_m_jumps_between_moved_pair_and_its_ghost():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        assert app.check_action("moved_partner", ()) is None  # first difference is not moved
        moved = next(i for i, c in enumerate(app.reading.comparison.changes) if c.moved)
        while app._current_change() != moved:
            await pilot.press("n")
        pair_top = round(panes.scroll_y)
        await pilot.press("m")
        ghost_line = panes.row_starts[app.reading.model.ghost_row_of_change[moved]]
        assert round(panes.scroll_y) <= ghost_line < round(panes.scroll_y) + panes.size.height
        assert any("moved down" in line for line in visible_lines(panes))
        await pilot.press("m")
        assert round(panes.scroll_y) == pair_top


@pytest.mark.parametrize("number, kind", list(enumerate([k.value for k in Kind], 1)))
async def test_number_keys_toggle_kind_filters(number, kind):
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()

        def listed_kinds():
            return {
                app.reading.comparison.changes[i].kind.value for i in app.reading.model.differences
            }

        was_listed = kind in listed_kinds()
        await pilot.press(str(number))
        assert (kind in listed_kinds()) is not was_listed
        await pilot.press(str(number))
        assert (kind in listed_kinds()) is was_listed


async def test_kind_filter_keeps_current_difference_when_still_listed():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        current = app._current_change()
        await pilot.press("2")  # hide reworded
        assert app._current_change() == current


async def test_f_lists_only_changes_with_facts():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        listed = [app.reading.comparison.changes[i] for i in app.reading.model.differences]
        assert listed and all(change.facts for change in listed)
        assert "facts only" in str(app.query_one("#status").render())
        await pilot.press("f")
        assert len(app.reading.model.differences) > len(listed)


async def test_fact_marker_in_panel_and_panes():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panel = app.query_one(DiffPanel)
        assert "!1" in panel.render_line(0).text
        assert any(
            "! number: “$47 billion” → “tens of billions”" in line
            for line in visible_lines(app.query_one(SideBySide))
        )


async def test_c_hides_unchanged_rows_in_the_panes():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()

        def kinds():
            changes = app.reading.comparison.changes
            return {changes[row.change].kind for row in app.reading.model.rows}

        assert Kind.UNCHANGED in kinds()
        await pilot.press("c")
        assert Kind.UNCHANGED not in kinds()
        assert {row.change for row in app.reading.model.rows} == set(app.reading.model.differences)
        await pilot.press("c")
        assert Kind.UNCHANGED in kinds()


async def test_b_shows_boilerplate_in_panel_and_panes():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        byline = 0  # the boilerplate change
        assert (
            byline not in app.reading.model.differences
            and byline not in app.reading.model.row_of_change
        )
        await pilot.press("b")
        assert byline in app.reading.model.differences and byline in app.reading.model.row_of_change
        panel = app.query_one(DiffPanel)
        first_entry = [panel.render_line(y).text for y in range(panel.lines_per_entry)]
        entry = "".join(first_entry)
        assert "· boilerplate" in entry  # its own kind, not "+ added"
        assert "added" not in entry and "dropped" not in entry


async def test_search_highlights_and_n_repeats_then_escape_returns_to_differences():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"the", "enter")
        await pilot.pause()
        assert len(app.matches) > 3
        assert all(
            (app.reading.comparison.left if m.side == LEFT else app.reading.comparison.right)
            .paragraphs[m.paragraph]
            .text[m.start : m.end]
            .lower()
            == "the"
            for m in app.matches
        )
        assert app.match_index == 0 and isinstance(app.focused, SideBySide)
        position = app.position
        await pilot.press("n", "n")
        assert app.match_index == 2 and app.position == position
        await pilot.press("p")
        assert app.match_index == 1
        status = str(app.query_one("#status").render())
        assert status.startswith(f"match 2 of {len(app.matches)}") and "search 'the'" in status
        await pilot.press("escape")
        assert not app.matches
        await pilot.press("n")
        assert app.position == position + 1


async def test_escape_closes_the_search_field_before_any_search():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"harb")
        assert isinstance(app.focused, Input) and app.focused.display
        await pilot.press("escape")
        assert isinstance(app.focused, SideBySide) and not app._search_field().display
        await pilot.press("q")
        assert not app.is_running


async def test_search_without_match_says_so():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zebra", "enter")
        await pilot.pause()
        assert app.matches == ()
        assert "no match for 'zebra'" in str(app.query_one("#status").render())


async def test_e_exports_and_asks_before_overwriting(tmp_path):
    app = CompareApp(sample_comparison())
    target = tmp_path / "report.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#path", Input).value.endswith("original-vs-repost.html")
        dialog.query_one("#format").value = "json"
        await pilot.pause()
        assert dialog.query_one("#path", Input).value.endswith("original-vs-repost.json")
        dialog.query_one("#path", Input).value = str(target)
        await pilot.click("#write")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        report = json.loads(target.read_text(encoding="utf-8"))
        assert report["left"]["source"] == "original.txt"
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#format").value = "json"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.click("#write")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.click("#write")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert json.loads(target.read_text(encoding="utf-8"))["format"] == "compare-tui-report"


async def test_export_error_is_shown_in_the_dialog(tmp_path):
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#format").value = "json"
        app.screen.query_one("#path", Input).value = str(
            tmp_path / "missing-dir" / "deeper" / "r.json"
        )
        await pilot.click("#write")
        await pilot.pause()
        if isinstance(
            app.screen, ExportDialog
        ):  # the writer may create folders; if not, it must say why
            assert "Cannot write" in str(app.screen.query_one("#export-error").render())


@pytest.mark.parametrize("target", ["the left input", "a 300-character name"])
async def test_the_dialog_refuses_an_input_and_an_impossible_name_without_asking(tmp_path, target):
    """Confirming an overwrite of an input replaced the text with its report; a long name crashed."""
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text("One paragraph here.\n\nAnother one.\n")
    right.write_text("One paragraph here.\n\nAnother one, changed.\n")
    comparison = run_comparison(CompareRequest(str(left), str(right)))
    path = left if target == "the left input" else tmp_path / ("x" * 300 + ".json")
    app = CompareApp(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.click("#write")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "Cannot write" in str(app.screen.query_one("#export-error").render())
    assert left.read_text() == "One paragraph here.\n\nAnother one.\n"


async def test_help_lists_every_key_and_closes():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-keys").render())
        for binding in app.reader_bindings():
            assert (binding.tooltip or binding.description) in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


async def test_command_palette_runs_reader_actions():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ExportDialog)


@pytest.mark.parametrize("size", [(40, 10), (80, 24), (200, 60)])
async def test_layout_at_small_and_large_sizes(size):
    app = CompareApp(sample_comparison())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n", "G", "m")
        await pilot.pause()
        body = app.query_one("#body")
        assert body.has_class("-narrow") is (size[0] < 110)
        panes = app.query_one(SideBySide)
        assert panes.size.width >= size[0] // 2
        panel = app.query_one(DiffPanel)
        if size[1] >= 18:
            assert panel.display and panel.size.height > 0


async def test_resize_rewraps_and_keeps_rows_level():
    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        await pilot.press("n", "n", "n")
        wide_total = app.query_one(SideBySide).virtual_size.height
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("n")
        assert app.query_one(SideBySide).virtual_size.height > wide_total
        assert_row_in_view_and_level(app, app._current_change())


async def test_overview_click_scrolls_the_panes():
    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        panes = app.query_one(SideBySide)
        assert round(panes.scroll_y) < 10
        overview = app.query_one("#overview")
        await pilot.click("#overview", offset=(1, overview.size.height - 1))
        await pilot.pause()
        assert panes.scroll_y >= panes.max_scroll_y - 1


async def test_clicking_a_pane_row_makes_it_current():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        merged = next(
            i for i, c in enumerate(app.reading.comparison.changes) if c.kind is Kind.MERGED
        )
        line = panes.row_starts[app.reading.model.row_of_change[merged]] - round(panes.scroll_y)
        await pilot.click(SideBySide, offset=(10, line))
        await pilot.pause()
        assert app._current_change() == merged


async def test_control_characters_are_drawn_as_symbols():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        screen = "\n".join(visible_lines(app.query_one(SideBySide)))
        assert "␉Correction␛[2J" in screen
        assert "\x1b" not in screen


async def test_word_highlights_use_theme_styles_in_dark_and_light():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)

        def deleted_style():
            strip = panes.render_line(panes.row_starts[0] - round(panes.scroll_y))
            return next(seg.style for seg in strip if "harbour" in seg.text)

        dark = deleted_style()
        assert dark.strike
        app.theme = "textual-light"
        await pilot.pause()
        light = deleted_style()
        assert light.strike and light.bgcolor != dark.bgcolor


async def test_worker_error_is_shown_not_raised(tmp_path):
    request = CompareRequest(str(tmp_path / "missing.txt"), str(tmp_path / "also-missing.txt"))
    app = CompareApp(request)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.reading is None
        assert "error:" in str(app.query_one("#status").render())
        await pilot.press("n", "e", "c")  # nothing to act on: no crash
