"""Keys from the terminal folded and paced, so a flood of them costs the app little and waits.

A terminal without bracketed paste delivers a pasted megabyte as a million
key presses. Textual's input thread parses them one character at a time
(8 µs each here) and schedules each for the app (a task, a future and the
event: about a kilobyte), while the app handles them one by one: the
backlog grew to gigabytes for a 1 MB paste, and even held back it took
minutes. Two things keep such a flood cheap and bounded:

- :class:`FloodParser` reads a run of at least :data:`FLOOD_KEYS` typed
  characters within one read of the terminal as pasted text: its first
  character goes through Textual's parser as a key, the rest goes to the app
  as :class:`~textual.events.Paste` events of at most :data:`FOLD_LENGTH`
  characters, which a text field takes at once. A person's keys (auto-repeat
  included) come one a read; control keys, escape sequences, mouse reports
  and bracketed pastes still go through Textual's parser, in order.
- :class:`KeyPacing` makes the input thread wait while more than
  :data:`MAX_KEYS_IN_FLIGHT` keys or pastes are on their way, so the rest
  stays in the terminal's own buffer until the app catches up: everything
  still arrives, in order, and memory stays bounded. The wait has a timeout,
  so a message that never reaches the app (it is closing) slows the input at
  most briefly and can never stop it.
"""

from __future__ import annotations

import re
import threading
import types
from collections.abc import Callable, Iterable, Iterator

from textual import events
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.message import Message

__all__ = ["FLOOD_KEYS", "FOLD_LENGTH", "FloodParser", "KeyPacing", "MAX_KEYS_IN_FLIGHT", "paced"]

#: Keys or pastes read but not yet taken by the app; about a kilobyte each while they wait.
MAX_KEYS_IN_FLIGHT = 1000
_WAIT_SECONDS = 0.5
#: A run of typed characters this long in one read of the terminal is pasted text, not keys.
FLOOD_KEYS = 32
#: The most characters one folded paste carries: the longest text field's (a path's 4,096).
FOLD_LENGTH = 4096
#: Characters that each type themselves: no control character, no escape.
_TYPED_RUN = re.compile(rf"[^\x00-\x1f\x7f-\x9f]{{{FLOOD_KEYS},}}")


class KeyPacing:
    """The keys and pastes on their way from the input thread to the app, counted by identity."""

    def __init__(
        self, limit: int = MAX_KEYS_IN_FLIGHT, wait_seconds: float = _WAIT_SECONDS
    ) -> None:
        self._limit = limit
        self._wait_seconds = wait_seconds
        # By identity, holding each message so its id cannot be reused while it is counted.
        self._in_flight: dict[int, Message] = {}
        self._room = threading.Condition()

    def sending(self, message: Message) -> None:
        """In the input thread: wait (briefly at most) for room, then count ``message``."""
        with self._room:
            self._room.wait_for(lambda: len(self._in_flight) < self._limit, self._wait_seconds)
            self._in_flight[id(message)] = message

    def arrived(self, message: Message) -> None:
        """In the app: ``message`` was taken; a message not counted here is ignored."""
        with self._room:
            if self._in_flight.pop(id(message), None) is not None:
                self._room.notify()

    def __len__(self) -> int:
        return len(self._in_flight)


class FloodParser(XTermParser):
    """Textual's terminal parser, reading a long run of typed characters in one read as a paste.

    A run is folded only when Textual's parser has just read its first
    character as a key of its own (so it is not inside an escape sequence or
    a bracketed paste, which it reads as before).
    """

    def feed(self, data: str) -> Iterable[Message]:
        return self._folded(data) if data else super().feed(data)  # "" is the end of input

    def _folded(self, data: str) -> Iterator[Message]:
        position = 0
        for run in _TYPED_RUN.finditer(data):
            first = run.start()
            last = None
            for last in super().feed(data[position : first + 1]):
                yield last
            rest = data[first + 1 : run.end()]
            if isinstance(last, events.Key) and last.character == data[first]:
                for start in range(0, len(rest), FOLD_LENGTH):
                    yield events.Paste(rest[start : start + FOLD_LENGTH])
            else:
                yield from super().feed(rest)
            position = run.end()
        if position < len(data):
            yield from super().feed(data[position:])


def _reading_floods(driver: Driver, run_input_thread: Callable[[], None]) -> Callable[[], None]:
    """A Textual driver's input loop with :class:`FloodParser` for the ``XTermParser`` it makes.

    The loop is Textual's own code, run with its module's names but that one
    (nothing shared is changed); a loop that makes no ``XTermParser`` is
    returned as it is.
    """
    function = getattr(run_input_thread, "__func__", None)
    if function is None or function.__globals__.get("XTermParser") is not XTermParser:
        return run_input_thread
    names = {**function.__globals__, "XTermParser": FloodParser}
    loop = types.FunctionType(
        function.__code__, names, function.__name__, function.__defaults__, function.__closure__
    )
    return types.MethodType(loop, driver)


def paced(driver_class: type[Driver], pacing: KeyPacing) -> type[Driver]:
    """``driver_class`` with its key floods read as pastes and its keys and pastes paced."""

    class PacedDriver(driver_class):  # type: ignore[valid-type, misc]
        def run_input_thread(self) -> None:
            _reading_floods(self, super().run_input_thread)()

        def send_message(self, message: Message) -> None:
            if isinstance(message, events.Key | events.Paste):
                pacing.sending(message)
            super().send_message(message)

    PacedDriver.__name__ = f"Paced{driver_class.__name__}"
    return PacedDriver
