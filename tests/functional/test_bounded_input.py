"""A flood of keys or a paste: text fields hold a bounded number of characters, keys wait their turn."""

from __future__ import annotations

import asyncio
import threading

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.driver import Driver
from textual.drivers.headless_driver import HeadlessDriver

from tests.app_helpers import sample_comparison
from tui.app.app import CompareApp
from tui.app.bounded_input import PATH_LENGTH, SEARCH_LENGTH, BoundedInput
from tui.app.paced_input import FLOOD_KEYS, FOLD_LENGTH, KeyFlood, KeyPacing, paced
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


#: Generous, so a loaded machine's pause between two keys of one read never splits a flood here.
TOGETHER = 0.2


def typed(text: str) -> list[events.Key]:
    """The keys a terminal without bracketed paste delivers for ``text``, as Textual parses them."""
    return list(XTermParser().feed(text))


def delivered_text(messages) -> str:
    return "".join(m.text if isinstance(m, events.Paste) else m.character for m in messages)


async def settled(sent: list, count: int) -> None:
    """Wait until the keys held back are sent (the flood's tail goes once the input is quiet)."""
    for _ in range(500):
        if len(delivered_text(sent)) >= count:
            return
        await asyncio.sleep(0.01)


async def test_an_unbracketed_flood_into_the_start_screen_is_a_few_pastes_and_fills_the_field():
    """20,000 characters typed in one go reach the app as a handful of pastes, not 20,000 keys;
    the path field holds the first 4,096 of them, in order."""
    flood = "".join(f"{i:05}," for i in range(3_400))
    sent: list = []

    class RecordingDriver(HeadlessDriver):
        def send_message(self, message):
            sent.append(message)
            super().send_message(message)

    app = CompareApp(sample_comparison())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(StartScreen([], SessionDefaults()))
        await pilot.pause()
        field = app.screen.query_one("#left", BoundedInput)
        field.focus()
        driver = paced(RecordingDriver, KeyPacing(), together_seconds=TOGETHER)(app)
        reading = threading.Thread(target=lambda: [driver.process_message(k) for k in typed(flood)])
        reading.start()
        await asyncio.to_thread(reading.join)
        await settled(sent, len(flood))
        await pilot.pause()
        assert delivered_text(sent) == flood
        assert len(sent) <= 2 + len(flood) // FOLD_LENGTH
        assert field.value == flood[:PATH_LENGTH]


async def test_a_short_run_of_keys_stays_keys_in_order():
    """Keys a slow link delivers together (fewer than a paste's worth) keep their bindings."""
    sent: list = []
    flood = KeyFlood(sent.append, together_seconds=TOGETHER)
    keys = typed("jjjk" * ((FLOOD_KEYS - 1) // 4))
    for key in keys:
        flood.message(key)
    await settled(sent, len(keys))
    assert sent == keys


async def test_keys_that_type_nothing_split_a_flood_and_keep_their_place():
    sent: list = []
    flood = KeyFlood(sent.append, together_seconds=TOGETHER)
    first, second = "a" * 100, "b" * 100
    for key in typed(first + "\t" + second):
        flood.message(key)
    await settled(sent, len(first) + len(second))
    tab = next(i for i, m in enumerate(sent) if isinstance(m, events.Key) and m.key == "tab")
    assert delivered_text(sent[:tab]) == first
    assert delivered_text(sent[tab + 1 :]) == second
    assert any(isinstance(m, events.Paste) for m in sent[tab + 1 :])


def test_ctrl_and_alt_keys_are_never_folded_into_text():
    sent: list = []
    flood = KeyFlood(sent.append, together_seconds=TOGETHER)
    keys = [events.Key("ctrl+a", "\x01"), *typed("x" * FLOOD_KEYS), events.Key("alt+x", "x")]
    for key in keys:
        flood.message(key)
    assert sent[-1] is keys[-1] and sent[0] is keys[0]
