"""Reading aids of the reader: paragraph numbers, search, review flow, copy, the editor."""

from __future__ import annotations

from tests.app_helpers import drawn_numbers, sample_comparison
from tui.app.app import CompareApp
from tui.app.panel import DiffPanel, panel_entry
from tui.app.panes import SideBySide
from tui.engine.report import paragraph_numbers
from tui.options import AppOptions


def sample_app() -> CompareApp:
    return CompareApp(comparison=sample_comparison(), options=AppOptions(no_state=True))


async def test_every_paragraph_is_numbered_in_its_gutter_as_in_the_reports():
    app = sample_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("b")  # boilerplate shown too: every paragraph has a row
        await pilot.pause()
        panes = app.query_one(SideBySide)
        changes = app.comparison.changes
        seen = {"left": [], "right": []}
        for numbers, row in zip(drawn_numbers(panes), app.model.rows, strict=True):
            change = changes[row.change]
            if row.ghost:
                assert numbers == {"left": [], "right": []}  # the marker names its ¶ instead
                continue
            assert numbers == {
                "left": [i + 1 for i in change.left],
                "right": [j + 1 for j in change.right],
            }
            seen["left"] += numbers["left"]
            seen["right"] += numbers["right"]
        assert sorted(seen["left"]) == list(range(1, len(app.comparison.left.paragraphs) + 1))
        assert sorted(seen["right"]) == list(range(1, len(app.comparison.right.paragraphs) + 1))


async def test_one_side_at_a_time_keeps_its_numbers():
    app = sample_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        assert panes.columns.sides == ("right",)
        drawn = [numbers["right"] for numbers in drawn_numbers(panes)]
        assert drawn == [
            [j + 1 for j in app.comparison.changes[row.change].right] if not row.ghost else []
            for row in app.model.rows
        ]


def test_each_panel_entry_says_where_its_difference_is_in_both_texts():
    comparison = sample_comparison()
    for change in comparison.changes:
        where = f"{paragraph_numbers(change.left)}→{paragraph_numbers(change.right)}"
        for width in (44, 100):
            assert where in "".join(line.plain for line in panel_entry(comparison, change, width))


async def test_the_panel_shows_each_entrys_location():
    app = sample_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panel = app.query_one(DiffPanel)
        drawn = [panel.render_line(y).text for y in range(panel.size.height)]
        for change in app.model.differences:
            c = app.comparison.changes[change]
            where = f"{paragraph_numbers(c.left)}→{paragraph_numbers(c.right)}"
            assert any(where in line for line in drawn)


async def test_space_marks_reviewed_and_moves_to_the_next_unreviewed_difference():
    app = sample_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        listed = app.model.differences
        await pilot.press("n", "n", "space")  # the third is reviewed first
        assert app.review.mark(listed[2]).reviewed and app.position == 3
        await pilot.press("g", "space")
        assert app.position == 1  # the first, then the second
        await pilot.press("space")
        assert app.position == 3  # the third was reviewed already: skipped
        await pilot.press(*["space"] * (len(listed) - 3))
        assert app.review.reviewed == app.review.total
        assert app.position == len(listed) - 1  # nothing left to review: stays on the last


async def test_space_in_the_key_bar_and_the_help_says_it_moves_on():
    app = sample_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "space Reviewed, next" in str(app.query_one("#keys").render())
        await pilot.press("question_mark")
        await pilot.pause()
        assert "go to the next one not yet reviewed" in str(
            app.screen.query_one("#help-keys").render()
        )
