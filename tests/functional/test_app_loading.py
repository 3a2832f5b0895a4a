"""The app opens at once and reads in the background: progress per stage, cancel, errors,
and the session's command-line defaults for every comparison it opens.

A slow comparison is made slow by injection (an alignment that waits for the test's
release), never by sleeping and timing: each test checks what is on screen while the
comparison is provably still running.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from textual.widgets import Button, Input

from tests import paths
from tests.app_helpers import until
from tui.app.app import CompareApp
from tui.app.progress import ComparisonProgress
from tui.app.start_screen import StartScreen
from tui.engine import compare
from tui.engine.pipeline import CompareRequest, SessionDefaults
from tui.options import AppOptions

FIXTURE = paths.FIXTURES / "news-repost"
REQUEST = CompareRequest(str(FIXTURE / "original.txt"), str(FIXTURE / "repost.txt"))


class SlowAlignment:
    """Stands in for the aligner: waits until released, then aligns for real."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started, self.release, self.finished = (threading.Event() for _ in range(3))
        self.word_diffs = 0
        real_align, real_word_diff = compare.align, compare.word_diff

        def align(*args, **kwargs):
            self.started.set()
            self.release.wait(60)
            try:
                return real_align(*args, **kwargs)
            finally:
                self.finished.set()

        def word_diff(*args, **kwargs):
            self.word_diffs += 1
            return real_word_diff(*args, **kwargs)

        monkeypatch.setattr(compare, "align", align)
        monkeypatch.setattr(compare, "word_diff", word_diff)


def status(app: CompareApp) -> str:
    return str(app.screen_stack[0].query_one("#status").render())


def start_message(app: CompareApp) -> str:
    return str(app.screen.query_one("#start-message").render())


def typed_paths(app: CompareApp) -> tuple[str, str]:
    """What the start screen's two path fields hold."""
    left, right = (app.screen.query_one(f"#{side}", Input).value for side in ("left", "right"))
    return left, right


def progress_text(app: CompareApp) -> str:
    widget = app.screen_stack[0].query_one(ComparisonProgress)
    return " ".join(str(label.render()) for label in widget.query("Label"))


async def test_the_first_frame_shows_progress_and_escape_cancels_a_running_comparison(
    monkeypatch,
):
    slow = SlowAlignment(monkeypatch)
    app = CompareApp(REQUEST)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.screen_stack[0].query_one(ComparisonProgress).display
            assert "original.txt" in progress_text(app) and "repost.txt" in progress_text(app)
            assert "Comparing" in status(app)
            await until(pilot, slow.started.is_set)
            await until(pilot, lambda: "aligning" in progress_text(app))
            await pilot.press("escape")
            await pilot.pause()
            assert not slow.finished.is_set(), "cancelled while the alignment still runs"
            assert not app.screen_stack[0].query_one(ComparisonProgress).display
            assert isinstance(app.screen, StartScreen)  # nothing else was open: choose again
            assert app.reading is None
            assert "cancelled" in start_message(app)
            assert typed_paths(app) == (REQUEST.left, REQUEST.right)
            slow.release.set()
            await until(pilot, slow.finished.is_set)
            await pilot.pause(0.1)
            assert app.reading is None and isinstance(app.screen, StartScreen)
            assert slow.word_diffs == 0, (
                "the engine stopped at its next check, before the word diff"
            )
            await pilot.press("enter")  # the kept pair, compared again
            await until(pilot, lambda: app.reading is not None)
            assert app.reading.comparison.left.source == REQUEST.left
    finally:
        slow.release.set()


def test_the_app_draws_its_first_frame_without_the_comparisons_imports():
    """numpy, the aligner and the fact rules are imported by the comparison's worker, after
    the first frame: before it they cost as much as the frame itself."""
    code = (
        "import sys, tui.cli, tui.options, tui.app.app; "
        "print([m for m in ('numpy', 'tui.engine.align', 'tui.engine.facts', "
        "'tui.engine.boilerplate') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


async def test_q_quits_while_the_comparison_is_still_running(monkeypatch):
    slow = SlowAlignment(monkeypatch)
    app = CompareApp(REQUEST)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, slow.started.is_set)
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running
        assert not slow.finished.is_set(), "the app exited without waiting for the alignment"
    finally:
        slow.release.set()


async def test_ctrl_c_cancels_a_new_comparison_and_the_open_one_comes_back(monkeypatch):
    app = CompareApp(REQUEST)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.reading is not None)
        shown = app.reading
        slow = SlowAlignment(monkeypatch)
        try:
            await pilot.press("o", "ctrl+t")  # the start screen, then its example
            await until(pilot, slow.started.is_set)
            assert not app.screen_stack[0].query_one("#panes-row").display
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert app.reading is shown
            assert app.screen_stack[0].query_one("#panes-row").display
            assert "difference" in status(app)
        finally:
            slow.release.set()


async def test_bad_input_found_while_reading_is_one_line_on_the_start_screen(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    app = CompareApp(CompareRequest(str(FIXTURE / "original.txt"), str(binary)))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.pause()
        message = start_message(app)
        assert message.startswith("error: ") and "binary" in message and "\n" not in message
        assert "error:" in status(app)
        assert typed_paths(app) == (str(FIXTURE / "original.txt"), str(binary))


# --------------------------------------------------------------------------- the session's defaults


@pytest.fixture
def markdown_pair(tmp_path):
    text = "# The harbour\n\nThe council approved the plan on **Wednesday**.\n\nWork starts in spring.\n"
    for name in ("left.md", "right.md"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / "left.md"), str(tmp_path / "right.md")


def spy_on_requests(monkeypatch) -> list[CompareRequest]:
    import tui.engine.pipeline as pipeline

    seen: list[CompareRequest] = []
    real = pipeline.run_comparison

    def run_comparison(request, progress):
        seen.append(request)
        return real(request, progress)

    monkeypatch.setattr(pipeline, "run_comparison", run_comparison)
    return seen


async def open_from_the_start_screen(app: CompareApp, pilot, left: str, right: str) -> None:
    shown = app.reading
    app.screen.query_one("#left", Input).value = left
    app.screen.query_one("#right", Input).value = right
    # Textual's Button ignores a click while its 0.2 s press effect from the last click lasts;
    # a person reads the error first, so wait the effect out instead of clicking into it.
    button = app.screen.query_one("#compare", Button)
    await until(pilot, lambda: not button.has_class("-active"))
    await pilot.click("#compare")
    await until(pilot, lambda: app.reading is not shown and app._comparing is None)
    await pilot.pause()


DEFAULTS = SessionDefaults(threshold=1.5, left_format="text", max_bytes=64 * 1024)


async def test_command_line_defaults_hold_when_the_app_starts_without_files(
    monkeypatch, markdown_pair
):
    seen = spy_on_requests(monkeypatch)
    app = CompareApp(options=AppOptions(defaults=DEFAULTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_from_the_start_screen(app, pilot, *markdown_pair)
        assert [request.defaults for request in seen] == [DEFAULTS]
        left, right = app.reading.comparison.left, app.reading.comparison.right
        assert (left.format, right.format) == ("text", "markdown")  # forced, detected


async def test_command_line_defaults_hold_after_o(monkeypatch, markdown_pair, tmp_path):
    seen = spy_on_requests(monkeypatch)
    app = CompareApp(DEFAULTS.request(*markdown_pair), options=AppOptions(defaults=DEFAULTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.reading is not None)
        await pilot.press("o")
        await pilot.pause()
        large = tmp_path / "large.txt"
        large.write_text("word " * 20_000, encoding="utf-8")  # over the session's 64 KiB
        app.screen.query_one("#left", Input).value = str(large)
        app.screen.query_one("#right", Input).value = markdown_pair[1]
        await pilot.click("#compare")
        await pilot.pause()
        assert "larger than the 64 KiB limit" in str(
            app.screen.query_one("#start-message").render()
        )
        await open_from_the_start_screen(app, pilot, markdown_pair[1], markdown_pair[0])
        assert [request.defaults for request in seen] == [DEFAULTS, DEFAULTS]
        assert app.reading.comparison.left.format == "text"  # right.md, read as text
