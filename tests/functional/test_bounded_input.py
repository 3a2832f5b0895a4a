"""A flood of keys or a paste: text fields hold a bounded number of characters, keys wait their turn."""

from __future__ import annotations

import threading

from textual import events
from textual.app import App, ComposeResult
from textual.driver import Driver

from tests.app_helpers import sample_comparison
from tui.app.app import CompareApp
from tui.app.bounded_input import PATH_LENGTH, SEARCH_LENGTH, BoundedInput
from tui.app.paced_input import KeyPacing
from tui.app.start_screen import StartScreen
from tui.engine.pipeline import SessionDefaults


class FieldApp(App[None]):
    def compose(self) -> ComposeResult:
        yield BoundedInput(max_length=5, id="field")


async def test_keys_past_the_limit_are_refused_and_none_is_doubled():
    app = FieldApp()
    async with app.run_test() as pilot:
        field = app.query_one(BoundedInput)
        await pilot.press(*"abc")
        assert field.value == "abc"
        await pilot.press(*"defghijklm")
        assert field.value == "abcde"


async def test_a_paste_is_cut_to_what_fits_instead_of_refused_whole():
    app = FieldApp()
    async with app.run_test() as pilot:
        field = app.query_one(BoundedInput)
        await pilot.press("a")
        field.post_message(events.Paste("bcdefgh\nsecond line"))
        await pilot.pause()
        assert field.value == "abcde"
        field.selection = (1, 3)  # replacing a selection frees its room
        field.post_message(events.Paste("XYZW"))
        await pilot.pause()
        assert field.value == "aXYde"


async def test_the_apps_fields_are_bounded():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.query_one("#search", BoundedInput).max_length == SEARCH_LENGTH
        app.push_screen(StartScreen([], SessionDefaults()))
        await pilot.pause()
        for name in ("#left", "#right"):
            assert app.screen.query_one(name, BoundedInput).max_length == PATH_LENGTH


def test_the_input_thread_waits_while_too_many_keys_are_on_their_way():
    """A pasted megabyte queued a million keys (about a kilobyte each) ahead of the app."""
    pacing = KeyPacing(limit=2, wait_seconds=60)
    keys = [events.Key("a", "a") for _ in range(3)]
    pacing.sending(keys[0])
    pacing.sending(keys[1])
    sent = threading.Event()
    threading.Thread(target=lambda: (pacing.sending(keys[2]), sent.set()), daemon=True).start()
    assert not sent.wait(0.3)
    pacing.arrived(events.Key("b", "b"))  # a key it never counted frees nothing
    assert not sent.wait(0.3)
    pacing.arrived(keys[0])
    assert sent.wait(30) and len(pacing) == 2


def test_a_key_that_never_arrives_slows_the_input_but_never_stops_it():
    pacing = KeyPacing(limit=1, wait_seconds=0.01)
    for _ in range(3):
        pacing.sending(events.Key("a", "a"))
    assert len(pacing) == 3


def test_the_apps_terminal_driver_is_paced():
    app = CompareApp(sample_comparison())
    assert app.driver_class.__name__.startswith("Paced")
    assert issubclass(app.driver_class, Driver)
