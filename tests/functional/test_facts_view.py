"""The facts view (f): one row per fact flag, enter goes to it; and a flag's one line in the panes."""

from __future__ import annotations

from dataclasses import replace

from tests.app_helpers import RIGHT_TEXTS, drawn_lines, sample_comparison, words_at
from tui.app.app import CompareApp
from tui.app.panel import DiffPanel
from tui.app.panes import SideBySide
from tui.engine.model import FactFlag, WordsAt

VAGUE = FactFlag(
    "number",
    "high",
    "$47 billion",
    "tens of billions",
    "exact figure “$47 billion” made vague: “tens of billions”",
)
SOURCE_DROPPED = FactFlag(
    "attribution", "medium", "The harbour council approved", None, "attribution dropped"
)
RESPELLED = FactFlag(
    "name", "high", "Critics", "Critic", "possible misspelling: “Critics” → “Critic”"
)


def facts_comparison():
    """The sample with two flags on its reworded change (¶2→¶1) and one on its moved one (¶4→¶7)."""
    comparison = sample_comparison()
    changes = list(comparison.changes)
    changes[1] = replace(changes[1], facts=(VAGUE, SOURCE_DROPPED))
    changes[6] = replace(changes[6], facts=(RESPELLED,))
    return replace(comparison, changes=tuple(changes))


def panel_rows(panel: DiffPanel) -> list[str]:
    """Each entry of the panel as drawn, its lines joined."""
    lines = panel.lines_per_entry
    drawn = [panel.render_line(y).text for y in range(panel.count * lines)]
    return [" ".join(drawn[n : n + lines]) for n in range(0, len(drawn), lines)]


def status(app) -> str:
    return str(app.query_one("#status").render())


async def test_f_lists_one_row_per_fact_most_serious_first():
    app = CompareApp(facts_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        panel = app.query_one(DiffPanel)
        assert panel.has_focus
        assert panel.border_title == "Facts (3)"
        rows = panel_rows(panel)
        assert len(rows) == 3
        first, second, third = (" ".join(row.split()) for row in rows)
        assert first.startswith("high number ¶2→¶1 exact figure “$47 billion” made vague")
        assert second.startswith("high name ¶4→¶7 possible misspelling: “Critics” → “Critic”")
        assert third.startswith("medium attribution ¶2→¶1 attribution dropped (“The harbour")
        assert third.endswith("…")  # the rest is in y's copy and the reports
        assert "fact 1 of 3, high" in status(app)
        await pilot.press("f")
        assert panel.border_title.startswith("Differences")
        assert app.query_one(SideBySide).has_focus


async def test_moving_in_the_facts_view_follows_in_the_panes_and_enter_goes_there():
    app = CompareApp(facts_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f", "down", "down")
        assert app._current_change() == 1  # the reworded change's second flag
        assert "fact 3 of 3, medium" in status(app)
        await pilot.press("up")
        assert app._current_change() == 6
        await pilot.press("enter")
        panes = app.query_one(SideBySide)
        assert panes.has_focus
        shown = [panes.render_line(y).text for y in range(panes.scrollable_content_region.height)]
        assert any("! name: “Critics” → “Critic”" in line for line in shown)
        assert "fact 2 of 3, high" in status(app)


async def test_a_flag_takes_one_line_cut_to_its_pane_without_its_reason():
    app = CompareApp(facts_comparison())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        lines = drawn_lines(panes)
        flags = [line for line in lines if "! number:" in line or "? attribution:" in line]
        assert len(flags) == 2
        cut = [line for line in flags if line.rstrip().endswith("…")]
        assert cut  # the attribution's old words do not fit a side of an 80-column screen
        assert not any("made vague" in line for line in lines)
        below = lines[lines.index(cut[0]) + 1]
        assert "approved" not in below  # nothing of the cut flag runs on to a second line


async def test_a_facts_words_are_styled_apart_from_the_other_insertions():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)
        segments = [segment for y in range(6) for segment in panes.render_line(y)]

        def style_of(words: str):
            return next(segment.style for segment in segments if words in segment.text)

        assert style_of("of billions") != style_of("signed off")
        assert style_of("of billions").bold and not style_of("signed off").bold
        assert style_of("of billions").underline  # still an insertion


async def test_going_to_a_fact_brings_its_words_into_view_in_a_long_paragraph():
    comparison = facts_comparison()
    long_text = " ".join(["Filler words that push the figure down."] * 40) + " It cost $9 million."
    right = replace(
        comparison.right,
        paragraphs=tuple(
            replace(p, text=long_text) if p.index == 6 else p for p in comparison.right.paragraphs
        ),
    )
    start = long_text.index("$9 million")
    flag = replace(RESPELLED, right_at=WordsAt(0, start, start + len("$9 million")))
    changes = list(comparison.changes)
    changes[6] = replace(changes[6], facts=(flag,), inline=None)
    app = CompareApp(replace(comparison, right=right, changes=tuple(changes)))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f", "down", "enter")
        panes = app.query_one(SideBySide)
        shown = [panes.render_line(y).text for y in range(panes.scrollable_content_region.height)]
        assert any("$9 million" in line for line in shown)


async def test_the_fact_the_panel_points_at_stands_out_from_the_others_in_its_paragraph():
    comparison = sample_comparison()
    vague = comparison.changes[1].facts[0]
    respelled = replace(RESPELLED, left_at=None, right_at=words_at(RIGHT_TEXTS[0], "signed off"))
    changes = list(comparison.changes)
    changes[1] = replace(changes[1], facts=(vague, respelled))
    app = CompareApp(replace(comparison, changes=tuple(changes)))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panes = app.query_one(SideBySide)

        def style_of(words: str):
            segments = [segment for y in range(8) for segment in panes.render_line(y)]
            return next(segment.style for segment in segments if words in segment.text)

        outside = style_of("of billions")
        assert style_of("signed off") == outside  # outside the facts view no fact is singled out
        await pilot.press("f")  # the first row: the vague figure
        assert style_of("of billions") != style_of("signed off")
        current = style_of("of billions")
        await pilot.press("down")  # the second row: the respelled name, same paragraph
        assert style_of("signed off") == current
        assert style_of("of billions") == outside
