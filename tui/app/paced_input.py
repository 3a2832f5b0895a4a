"""Keys from the terminal paced to the app's speed, so a flood of them cannot fill memory.

A terminal without bracketed paste delivers a pasted megabyte as a million
key presses. Textual's input thread reads them as fast as they come and
schedules each for the app (a task, a future and the event: about a
kilobyte), while the app handles them one by one: the backlog grew by
2-7 MB a second, to gigabytes for a 1 MB paste. Here the input thread waits
while more than :data:`MAX_KEYS_IN_FLIGHT` keys are on their way, so the rest
stays in the terminal's own buffer until the app catches up: every key still
arrives, in order, and memory stays bounded.

The wait has a timeout, so a key that never reaches the app (it is closing)
slows the input at most briefly and can never stop it.
"""

from __future__ import annotations

import threading

from textual import events
from textual.driver import Driver
from textual.message import Message

__all__ = ["KeyPacing", "MAX_KEYS_IN_FLIGHT", "paced"]

#: Keys read but not yet taken by the app; about a kilobyte each while they wait.
MAX_KEYS_IN_FLIGHT = 1000
_WAIT_SECONDS = 0.5


class KeyPacing:
    """The keys on their way from the input thread to the app, counted by identity."""

    def __init__(
        self, limit: int = MAX_KEYS_IN_FLIGHT, wait_seconds: float = _WAIT_SECONDS
    ) -> None:
        self._limit = limit
        self._wait_seconds = wait_seconds
        # By identity, holding each key so its id cannot be reused while it is counted.
        self._in_flight: dict[int, events.Key] = {}
        self._room = threading.Condition()

    def sending(self, key: events.Key) -> None:
        """In the input thread: wait (briefly at most) for room, then count ``key``."""
        with self._room:
            self._room.wait_for(lambda: len(self._in_flight) < self._limit, self._wait_seconds)
            self._in_flight[id(key)] = key

    def arrived(self, key: events.Key) -> None:
        """In the app: ``key`` was taken; a key not counted here is ignored."""
        with self._room:
            if self._in_flight.pop(id(key), None) is not None:
                self._room.notify()

    def __len__(self) -> int:
        return len(self._in_flight)


def paced(driver_class: type[Driver], pacing: KeyPacing) -> type[Driver]:
    """``driver_class`` with its keys paced by ``pacing``."""

    class PacedDriver(driver_class):  # type: ignore[valid-type, misc]
        def send_message(self, message: Message) -> None:
            if isinstance(message, events.Key):
                pacing.sending(message)
            super().send_message(message)

    PacedDriver.__name__ = f"Paced{driver_class.__name__}"
    return PacedDriver
