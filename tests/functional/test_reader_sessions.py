"""A session of several comparisons: the second, third, n-th is drawn as right as the first."""

from __future__ import annotations

from textual.widgets import Input

from tests import paths
from tests.app_helpers import assert_panes_show
from tui.app.app import CompareApp
from tui.app.panel import DiffPanel
from tui.app.panes import SideBySide
from tui.app.start_screen import StartScreen
from tui.engine.pipeline import CompareRequest

NEWS = paths.FIXTURES / "news-repost"
WIRE = paths.FIXTURES / "heavy-paraphrase"
POLICY = paths.FIXTURES / "policy-revision"


async def settle(app: CompareApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_from_start_screen(app: CompareApp, pilot, left, right) -> None:
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(app.screen, StartScreen)
    app.screen.query_one("#left", Input).value = str(left)
    app.screen.query_one("#right", Input).value = str(right)
    await pilot.click("#compare")
    await settle(app, pilot)
    assert not isinstance(app.screen, StartScreen)


async def test_each_comparison_of_a_session_draws_its_own_documents():
    request = CompareRequest(str(NEWS / "original.txt"), str(NEWS / "repost.txt"))
    app = CompareApp(request)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        assert_panes_show(app.query_one(SideBySide), app.reading.model)
        for left, right in (
            (WIRE / "wire.txt", WIRE / "blog.txt"),
            (POLICY / "policy-v1.txt", POLICY / "policy-v2.txt"),
            (NEWS / "original.txt", NEWS / "repost.txt"),
        ):
            await open_from_start_screen(app, pilot, left, right)
            assert app.reading.comparison.left.source == str(left)
            assert_panes_show(app.query_one(SideBySide), app.reading.model)


async def test_the_status_and_the_panes_agree_after_a_second_comparison():
    request = CompareRequest(str(NEWS / "original.txt"), str(NEWS / "repost.txt"))
    app = CompareApp(request)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await open_from_start_screen(app, pilot, WIRE / "wire.txt", WIRE / "blog.txt")
        panes = app.query_one(SideBySide)
        await pilot.press(*["n"] * 8)
        change = app.reading.model.differences[app.position]
        row_start = panes.row_starts[app.reading.model.row_of_change[change]]
        top = round(panes.scroll_y)
        assert top <= row_start < top + panes.scrollable_content_region.height
        assert f"difference {app.position + 1} of" in str(app.query_one("#status").render())
        panel = app.query_one(DiffPanel)
        assert panel.cursor == app.position
        assert round(panel.scroll_y) <= panel.cursor < round(panel.scroll_y) + panel.size.height
