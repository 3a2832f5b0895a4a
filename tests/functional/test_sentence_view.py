"""The sentence view (``s``): the current difference sentence by sentence."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.pilot import Pilot
from textual.widgets import Static

from tests.app_helpers import sample_comparison
from tests.engine_helpers import document
from tui.app.app import CompareApp
from tui.app.sentence_view import SentenceView
from tui.engine.compare import compare_documents
from tui.engine.model import Comparison, Kind
from tui.options import AppOptions


def rows(app: CompareApp) -> list[tuple[str, str, str, str]]:
    """Each row of the open sentence view: kind, original, kept, rewrite."""
    view = app.screen
    assert isinstance(view, SentenceView)
    return [
        tuple(str(cell.render()) for cell in row.query(Static))
        for row in view.query(".sentence-row")
    ]


async def go_to(app: CompareApp, pilot, kind: Kind) -> None:
    """Move to the first difference of ``kind``."""
    for _ in range(len(app.reading.model.differences)):
        if app.reading.comparison.changes[app._current_change()].kind is kind:
            return
        await pilot.press("n")
        await pilot.pause()
    raise AssertionError(f"no {kind.value} difference")


@asynccontextmanager
async def s_pressed(
    kind: Kind | None = None, comparison: Comparison | None = None
) -> AsyncIterator[tuple[CompareApp, Pilot]]:
    """The app on ``comparison`` (default: the sample), ``s`` pressed on the first difference
    of ``kind`` (None: on the first difference)."""
    app = CompareApp(comparison or sample_comparison(), options=AppOptions(no_state=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if kind is not None:
            await go_to(app, pilot, kind)
        await pilot.press("s")
        await pilot.pause()
        yield app, pilot


async def test_s_shows_the_current_difference_sentence_by_sentence_and_closes_again():
    async with s_pressed(Kind.SPLIT) as (app, pilot):
        assert rows(app) == [
            (
                "same",
                "Fishermen said the plan ignored them.",
                "100%",
                "Fishermen said the plan ignored them.",
            ),
            (
                "restated",
                "They asked for a second vote and a new survey of the seabed.",
                "75%",
                "They want a second vote and a fresh survey of the seabed.",
            ),
        ]
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, SentenceView)


async def test_words_are_highlighted_only_within_a_sentence_pair():
    async with s_pressed(Kind.SPLIT) as (app, _):
        left = app.screen.query(".sentence-row")[1].query_one(".left", Static).render()
        struck = {left.plain[span.start : span.end] for span in left.spans if span.style.strike}
        assert struck == {"asked for", "new"}
        same = app.screen.query(".sentence-row")[0].query_one(".left", Static).render()
        assert not same.spans


async def test_cut_and_new_sentences_are_marked_as_such():
    comparison = compare_documents(
        document(
            [
                "The council approved the harbour budget of 12 million on Monday. "
                "Its cranes were painted yellow that spring. "
                "Critics said the turbines would harm seabirds."
            ]
        ),
        document(
            [
                "On Monday the harbour budget, 12 million, was approved by the council. "
                "Critics warned that seabirds would be harmed by the turbines. "
                "The vote was close."
            ]
        ),
    )
    async with s_pressed(comparison=comparison) as (app, _):
        shown = rows(app)
        assert [row[0] for row in shown] == ["restated", "cut", "restated", "new"]
        assert shown[1][1:] == ("Its cranes were painted yellow that spring.", "", "")
        assert shown[3][1:] == ("", "", "The vote was close.")


async def test_s_does_nothing_on_a_difference_without_two_sides():
    async with s_pressed(Kind.ADDED) as (app, _):
        assert not isinstance(app.screen, SentenceView)
