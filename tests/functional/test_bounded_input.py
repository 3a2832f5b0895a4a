"""A flood of keys or a paste: text fields hold a bounded number of characters, keys wait their turn."""

from __future__ import annotations

import asyncio
import os
import threading
import types

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from tests.app_helpers import sample_comparison
from tui.app.app import CompareApp
from tui.app.bounded_input import PATH_LENGTH, SEARCH_LENGTH, BoundedInput
from tui.app.paced_input import (
    FLOOD_KEYS,
    FOLD_LENGTH,
    FloodParser,
    KeyPacing,
    _reading_floods,
    paced,
)
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


def typed(chunks: list[str], parser: XTermParser) -> list:
    """What ``parser`` makes of a terminal's reads ``chunks``."""
    return [event for chunk in chunks for event in parser.feed(chunk)]


def flattened(messages) -> list:
    """Typed characters and pasted text as one text per run; any other message as it is."""
    out: list = []
    for message in messages:
        text = message.text if isinstance(message, events.Paste) else None
        if isinstance(message, events.Key) and message.is_printable and "+" not in message.key:
            text = message.character
        if text is not None and out and isinstance(out[-1], str):
            out[-1] += text
        elif text is not None:
            out.append(text)
        else:
            out.append((type(message).__name__, getattr(message, "key", None)))
    return out


def reads(text: str, size: int = 4096) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


async def test_an_unbracketed_flood_into_the_start_screen_is_a_few_pastes_and_fills_the_field():
    """20,000 characters read from the terminal reach the app as a handful of pastes, not 20,000
    keys; the path field holds the first 4,096 of them, in order."""
    flood = "".join(f"{i:05}," for i in range(3_400))
    messages = typed(reads(flood), FloodParser())
    assert len(messages) <= 2 * len(reads(flood))
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(StartScreen([], SessionDefaults()))
        await pilot.pause()
        field = app.screen.query_one("#left", BoundedInput)
        field.focus()
        for message in messages:
            app.post_message(message)
        await pilot.pause()
        assert field.value == flood[:PATH_LENGTH]


@pytest.mark.parametrize(
    "chunks",
    [
        ["jjjk", "j"],  # a person's keys: never folded
        ["x" * 40 + "\ty" + "z" * 50],  # a tab in a flood keeps its place
        ["\x1b[<35;10;20M" + "a" * 40],  # a mouse report, then a flood
        ["\x1b[200~" + "p" * 100, "q" * 100 + "\x1b[201~" + "r" * 40],  # a bracketed paste
        ["\x1b" + "b" * 40],  # alt+b, then b's
        ["\x1b[<35;" + "1" * 40, ";20M" + "c" * 10],  # a sequence split across reads
        ["\x01" + "é日" * 30 + "\r" + "s" * 31],  # ctrl+a, wide letters, enter, a short run
    ],
)
def test_folding_changes_no_key_and_no_character(chunks):
    """Whatever the reads, the app gets the same keys and the same text, in the same order."""
    assert flattened(typed(chunks, FloodParser())) == flattened(typed(chunks, XTermParser()))


def test_a_persons_keys_stay_keys_and_a_flood_is_pastes():
    assert all(isinstance(m, events.Key) for m in typed(["j" * (FLOOD_KEYS - 1)], FloodParser()))
    folded = typed(["x" * (FOLD_LENGTH + 10)], FloodParser())
    assert [type(m) for m in folded] == [events.Key, events.Paste, events.Paste]


async def test_the_paced_terminal_driver_reads_a_flood_as_pastes(tmp_path):
    """Textual's own input loop, reading a pipe: 20,000 characters arrive as a few messages."""
    sent: list = []

    class Recording(LinuxDriver):
        def send_message(self, message):
            sent.append(message)

    flood = "w" * 20_000
    driver = paced(Recording, KeyPacing())(CompareApp(sample_comparison()))
    reading_end, writing_end = os.pipe()
    driver.fileno = reading_end
    loop = threading.Thread(target=driver.run_input_thread, daemon=True)
    loop.start()
    os.write(writing_end, flood.encode())
    for _ in range(1000):
        if flattened(sent) == [flood]:
            break
        await asyncio.sleep(0.01)
    driver.exit_event.set()
    loop.join(5)
    os.close(writing_end)
    os.close(reading_end)
    assert flattened(sent) == [flood]
    assert len(sent) <= 2 * len(reads(flood))


def test_an_input_loop_that_makes_no_xterm_parser_is_run_as_it_is():
    """If a later Textual names its parser otherwise, keys are only paced, never lost."""

    def body(self) -> None:
        return None

    driver = object()

    def loop_with(names: dict) -> types.MethodType:
        return types.MethodType(
            types.FunctionType(body.__code__, names, "run_input_thread"), driver
        )

    other = loop_with({})
    assert _reading_floods(driver, other) is other
    textuals = loop_with({"XTermParser": XTermParser})
    rebuilt = _reading_floods(driver, textuals)
    assert rebuilt is not textuals and rebuilt.__func__.__globals__["XTermParser"] is FloodParser
