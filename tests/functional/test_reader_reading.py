"""Reading aids of the reader: paragraph numbers, search, review flow, copy, the editor."""

from __future__ import annotations

from tests import paths
from tests.app_helpers import drawn_numbers, sample_comparison
from tui.app.app import CompareApp
from tui.app.panel import DiffPanel, panel_entry
from tui.app.panes import SideBySide
from tui.engine.pipeline import CompareRequest
from tui.options import AppOptions
from tui.wording import paragraph_numbers

NEWS = paths.FIXTURES / "news-repost"


def sample_app() -> CompareApp:
    return CompareApp(sample_comparison(), options=AppOptions(no_state=True))


async def test_every_paragraph_is_numbered_in_its_gutter_as_in_the_reports():
    app = sample_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("b")  # boilerplate shown too: every paragraph has a row
        await pilot.pause()
        panes = app.query_one(SideBySide)
        changes = app.reading.comparison.changes
        seen = {"left": [], "right": []}
        for numbers, row in zip(drawn_numbers(panes), app.reading.model.rows, strict=True):
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
        assert sorted(seen["left"]) == list(
            range(1, len(app.reading.comparison.left.paragraphs) + 1)
        )
        assert sorted(seen["right"]) == list(
            range(1, len(app.reading.comparison.right.paragraphs) + 1)
        )


async def test_one_side_at_a_time_keeps_its_numbers():
    app = sample_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        assert panes.columns.sides == ("right",)
        drawn = [numbers["right"] for numbers in drawn_numbers(panes)]
        assert drawn == [
            [j + 1 for j in app.reading.comparison.changes[row.change].right]
            if not row.ghost
            else []
            for row in app.reading.model.rows
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
        for change in app.reading.model.differences:
            c = app.reading.comparison.changes[change]
            where = f"{paragraph_numbers(c.left)}→{paragraph_numbers(c.right)}"
            assert any(where in line for line in drawn)


async def test_space_marks_reviewed_and_moves_to_the_next_unreviewed_difference():
    app = sample_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        listed = app.reading.model.differences
        await pilot.press("n", "n", "space")  # the third is reviewed first
        assert app.reading.review.mark(listed[2]).reviewed and app.position == 3
        await pilot.press("g", "space")
        assert app.position == 1  # the first, then the second
        await pilot.press("space")
        assert app.position == 3  # the third was reviewed already: skipped
        await pilot.press(*["space"] * (len(listed) - 3))
        assert app.reading.review.reviewed == app.reading.review.total
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


async def test_a_search_hit_is_shown_with_its_paragraph_from_the_start_and_counted():
    request = CompareRequest(str(NEWS / "original.txt"), str(NEWS / "repost.txt"))
    app = CompareApp(request, options=AppOptions(no_state=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash", *"the", "enter")
        await pilot.pause()
        panes = app.query_one(SideBySide)
        deep = 0  # hits past their paragraph's first line: the case that was cut at the top
        for _ in range(12):
            match = app.matches[app.match_index]
            top, height = round(panes.scroll_y), panes.scrollable_content_region.height
            start = panes.paragraph_line(match.row, match.side, match.paragraph)
            line = panes.match_line(match)
            deep += line > start
            assert top <= start and line < top + height
            status = str(app.query_one("#status").render())
            assert status.startswith(
                f"match {app.match_index + 1}/{len(app.matches)}"
            ) or status.startswith(f"match {app.match_index + 1} of {len(app.matches)}")
            await pilot.press("n")
        assert deep > 3


async def test_y_copies_the_current_difference_as_text():
    app = CompareApp(sample_comparison())  # with a review, so the note is copied too
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#note").text = "check the figure"
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        change = app.reading.comparison.changes[app._current_change()]
        copied = app.clipboard
        assert copied.startswith("reworded, 55% of words kept (¶2→¶1)")
        assert (
            f"original ¶2 (original.txt):\n{app.reading.comparison.left.paragraphs[2 - 1].text}"
            in copied
        )
        assert (
            f"rewrite ¶1 (repost.txt):\n{app.reading.comparison.right.paragraphs[0].text}" in copied
        )
        fact = change.facts[0]
        assert f"- high: number: {fact.left} → {fact.right} ({fact.reason})" in copied
        assert copied.endswith("Note: check the figure\n")
        await pilot.press(
            "G", "y"
        )  # a dropped paragraph: nothing on the right, control characters shown
        await pilot.pause()
        assert "rewrite (repost.txt): nothing" in app.clipboard and "\x1b" not in app.clipboard


async def test_capital_e_opens_the_side_in_focus_at_the_paragraphs_line(tmp_path, monkeypatch):
    from contextlib import nullcontext

    import tui.app.app as app_module

    left, right = tmp_path / "old.txt", tmp_path / "new.txt"
    left.write_text("First paragraph here.\n\nSecond one, about the harbour.\n", encoding="utf-8")
    right.write_text(
        "A new opening line.\n\nFirst paragraph here.\n\n\nSecond one, about the port.\n",
        encoding="utf-8",
    )
    ran = []
    monkeypatch.setenv("VISUAL", "myeditor --wait")
    monkeypatch.setattr(app_module.subprocess, "run", lambda command, check: ran.append(command))
    request = CompareRequest(str(left), str(right))
    app = CompareApp(request, options=AppOptions(no_state=True))
    monkeypatch.setattr(app, "suspend", nullcontext)  # a headless test has no terminal to hand over
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        changes = app.reading.comparison.changes
        target = next(
            n
            for n, c in enumerate(app.reading.model.differences)
            if changes[c].left and changes[c].right
        )
        while app.position != target:
            await pilot.press("n")
        change = changes[app._current_change()]
        await pilot.press("E")  # the rewrite is in focus at first
        await pilot.press("w", "E")
        await pilot.pause()
    line_of = {str(right): 6, str(left): 3}  # "Second one, …" in each file
    assert change.right == (2,) and change.left == (1,)
    assert ran == [
        ["myeditor", "--wait", f"+{line_of[str(right)]}", str(right)],
        ["myeditor", "--wait", f"+{line_of[str(left)]}", str(left)],
    ]
