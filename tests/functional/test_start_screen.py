"""The start screen: recent comparisons, two paths with completion, the example; and the CLI that opens it."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import DataTable, Input

from tests import paths
from tui.app.app import CompareApp
from tui.app.confirm import ConfirmScreen
from tui.app.start_screen import StartScreen, complete_path, missing_sources
from tui.cli import main
from tui.engine.pipeline import CompareRequest, example_sources
from tui.options import AppOptions
from tui.review.store import ReviewStore

FIXTURE = paths.FIXTURES / "news-repost"


async def settle(app: CompareApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def review_once(left: Path, right: Path, keys: tuple[str, ...] = ("space",)) -> None:
    """A first run on a pair, as from the command line, marking what ``keys`` mark."""
    request = CompareRequest(str(left), str(right))
    app = CompareApp(request)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press(*keys)


async def review_two_rewrites(folder: Path) -> None:
    """Review the fixture's original against two rewrites, first.txt and then second.txt."""
    for name in ("first", "second"):
        right = folder / f"{name}.txt"
        right.write_text(
            (FIXTURE / "repost.txt").read_text(encoding="utf-8") + f"\n\n{name} closing words.\n",
            encoding="utf-8",
        )
        await review_once(FIXTURE / "original.txt", right)


def test_complete_path_offers_the_first_match_and_marks_folders(tmp_path):
    (tmp_path / "original.txt").write_text("a", encoding="utf-8")
    (tmp_path / "originals").mkdir()
    (tmp_path / ".hidden").write_text("a", encoding="utf-8")
    assert complete_path(str(tmp_path / "orig")) == str(tmp_path / "original.txt")
    assert complete_path(str(tmp_path / "originals")) == str(tmp_path / "originals") + "/"
    assert complete_path(str(tmp_path) + "/") == str(
        tmp_path / "original.txt"
    )  # hidden files only on a dot
    assert complete_path(str(tmp_path / ".h")) == str(tmp_path / ".hidden")
    assert complete_path(str(tmp_path / "nothing-like-it")) is None
    assert complete_path(str(tmp_path / "original.txt")) is None  # already complete
    assert complete_path("") is None


def test_missing_sources_names_what_cannot_be_reopened(tmp_path):
    there = tmp_path / "there.txt"
    there.write_text("a", encoding="utf-8")
    assert missing_sources(str(there), "https://example.invalid/story") == []
    assert missing_sources(str(there), str(tmp_path / "gone.txt")) == [str(tmp_path / "gone.txt")]
    assert missing_sources("-", str(there)) == ["'-' (it was read from stdin)"]


async def test_no_files_shows_the_start_screen_and_the_example_button_opens_the_example():
    app = CompareApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "No recent comparisons" in str(app.screen.query_one("#recent-heading").render())
        await pilot.click("#example")
        await settle(app, pilot)
        assert not isinstance(app.screen, StartScreen)
        assert app.reading.comparison.left.source == example_sources()[0]
        assert app.reading.review is not None and app.reading.review.total > 0


async def test_recent_list_shows_a_reviewed_pair_and_enter_reopens_it_with_its_marks(
    tmp_path, monkeypatch
):
    await review_once(FIXTURE / "original.txt", FIXTURE / "repost.txt", ("space", "n", "space"))
    monkeypatch.chdir(tmp_path)  # sources were remembered as absolute paths
    app = CompareApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#recent", DataTable)
        assert table.row_count == 1
        progress, left, right, _ = table.get_row_at(0)
        assert progress.startswith("2/") and progress.endswith("reviewed")
        assert left.endswith("original.txt") and right.endswith("repost.txt")
        assert app.focused is table
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, StartScreen)
        assert app.reading.review.reviewed == 2
        assert "reviewed 2 / " in str(app.query_one("#status").render())


async def test_most_recent_first(tmp_path):
    await review_two_rewrites(tmp_path)
    with ReviewStore.open() as store:
        assert [Path(s.right_source).name for s in store.recent()] == ["second.txt", "first.txt"]
    app = CompareApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#recent", DataTable)
        assert [
            table.get_row_at(n)[2].endswith(f"{name}.txt")
            for n, name in enumerate(("second", "first"))
        ] == [True, True]


async def test_a_recent_pair_whose_file_is_gone_says_so(tmp_path):
    right = tmp_path / "repost.txt"
    right.write_text((FIXTURE / "repost.txt").read_text(encoding="utf-8"), encoding="utf-8")
    await review_once(FIXTURE / "original.txt", right)
    right.unlink()
    app = CompareApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)
        message = str(app.screen.query_one("#start-message").render())
        assert f"{right} no longer exists" in message


async def test_two_typed_paths_are_compared_and_a_bad_one_is_an_error_on_the_start_screen(
    tmp_path, monkeypatch
):
    app = CompareApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#left", Input).value = str(FIXTURE / "original.txt")
        screen.query_one("#right", Input).value = str(tmp_path / "missing.txt")
        await pilot.click("#compare")
        await settle(app, pilot)
        assert app.screen is screen
        assert "error:" in str(screen.query_one("#start-message").render())
        monkeypatch.setenv("HOME", str(FIXTURE.parent))
        screen.query_one("#left", Input).value = "~/news-repost/original.txt"
        screen.query_one("#right", Input).focus()
        screen.query_one("#right", Input).value = str(FIXTURE / "repost.tx")
        await pilot.pause(0.2)
        await pilot.press("right")  # accept the completion
        assert screen.query_one("#right", Input).value == str(FIXTURE / "repost.txt")
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, StartScreen)
        assert app.reading.comparison.right.source == str(FIXTURE / "repost.txt")
        assert app.reading.comparison.left.source == str(FIXTURE / "original.txt")  # '~' expanded


async def test_o_opens_the_start_screen_from_the_reader_and_escape_returns():
    request = CompareRequest(*example_sources())
    app = CompareApp(request)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#recent", DataTable).row_count == 1  # this very comparison
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StartScreen)


async def test_no_state_start_screen_lists_nothing_and_still_opens_the_example():
    app = CompareApp(options=AppOptions(no_state=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#recent", DataTable).row_count == 0
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert app.reading is not None


def test_the_cli_without_files_opens_the_start_screen(monkeypatch, tmp_path):
    import tui.app.app as app_module

    calls = []
    monkeypatch.setattr(
        app_module, "run_app", lambda request, options: calls.append((request, options))
    )
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert main(["--no-state"]) == 0
    assert calls[0][0] is None and calls[0][1].no_state


def test_the_cli_headless_still_needs_two_files(capsys):
    assert main(["--summary"]) == 2
    assert "two inputs are needed" in capsys.readouterr().err


async def test_tab_reaches_the_path_fields_and_typing_and_completion_work(tmp_path):
    await review_once(FIXTURE / "original.txt", FIXTURE / "repost.txt")
    app = CompareApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, DataTable)
        await pilot.press("tab")
        field = app.screen.query_one("#left", Input)
        assert app.focused is field
        await pilot.press(*str(FIXTURE / "orig"))
        await pilot.pause(0.2)
        await pilot.press("right")
        assert field.value == str(FIXTURE / "original.txt")
        await pilot.press("enter")  # on to the rewrite
        assert app.focused is app.screen.query_one("#right", Input)


async def test_delete_forgets_a_recent_comparison_after_asking(tmp_path):
    await review_two_rewrites(tmp_path)
    app = CompareApp()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#recent", DataTable)
        assert table.row_count == 2 and app.focused is table
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # cancelled: nothing is forgotten
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("delete", "y")
        await pilot.pause()
        assert table.row_count == 1 and table.get_row_at(0)[2].endswith("first.txt")
        await pilot.press("delete", "y")
        await pilot.pause()
        assert not table.display
        assert "No recent comparisons" in str(app.screen.query_one("#recent-heading").render())
    with ReviewStore.open() as store:
        assert store.recent() == []


async def test_a_second_enter_queued_behind_the_first_opens_once_and_keeps_the_reader():
    """Keys typed ahead (a second enter before the first one's screen is gone) choose only once."""
    app = CompareApp(CompareRequest(*example_sources()))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one("#recent", DataTable)
        table.action_select_cursor()
        table.action_select_cursor()  # both selections are queued before either is handled
        await settle(app, pilot)
        assert not isinstance(app.screen, StartScreen)
        assert app.reading is not None and app.is_running
