"""Keys from the terminal folded and paced, so a flood of them costs the app little and waits.

A terminal without bracketed paste delivers a pasted megabyte as a million
key presses. Textual's input thread reads them as fast as they come and
schedules each for the app (a task, a future and the event: about a
kilobyte), while the app handles them one by one: the backlog grew by
2-7 MB a second, to gigabytes for a 1 MB paste, and even when held back it
took minutes to handle. Two things keep such a flood cheap:

- :class:`KeyFlood` folds printable keys that arrive together (each within
  :data:`TOGETHER_SECONDS` of the one before: a terminal's read of pasted
  text, never a person's typing or a key's auto-repeat) into one
  :class:`~textual.events.Paste` of at most :data:`FOLD_LENGTH` characters,
  which a text field takes at once. A run shorter than :data:`FLOOD_KEYS`
  still goes as keys, so keys a slow link batches keep their bindings; a key
  that arrives alone is sent at once.
- :class:`KeyPacing` makes the input thread wait while more than
  :data:`MAX_KEYS_IN_FLIGHT` keys or pastes are on their way, so the rest
  stays in the terminal's own buffer until the app catches up: everything
  still arrives, in order, and memory stays bounded. The wait has a timeout,
  so a message that never reaches the app (it is closing) slows the input at
  most briefly and can never stop it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress

from textual import events
from textual.driver import Driver
from textual.message import Message

__all__ = ["FLOOD_KEYS", "FOLD_LENGTH", "KeyFlood", "KeyPacing", "MAX_KEYS_IN_FLIGHT", "paced"]

#: Keys or pastes read but not yet taken by the app; about a kilobyte each while they wait.
MAX_KEYS_IN_FLIGHT = 1000
_WAIT_SECONDS = 0.5
#: Keys this close to the one before arrived in one read of the terminal. A person's keys
#: (auto-repeat included) come 15 ms apart or more; a read's keys come microseconds apart.
TOGETHER_SECONDS = 0.005
#: A run of printable keys arriving together this long is pasted text, not keys.
FLOOD_KEYS = 32
#: The most characters one folded paste carries: the longest text field's (a path's 4,096).
FOLD_LENGTH = 4096


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


def is_typed_character(key: events.Key) -> bool:
    """A key that types its character (not ctrl+ or alt+ one): what a paste is made of."""
    return key.is_printable and "+" not in key.key


class KeyFlood:
    """Folds printable keys arriving together into pastes; sends everything else as it comes.

    Called from the input thread for every message; a timer sends the keys
    held back once the terminal has been quiet for ``together_seconds``.
    Order is kept: held keys go before any later message.
    """

    def __init__(
        self,
        send: Callable[[Message], None],
        *,
        together_seconds: float = TOGETHER_SECONDS,
        flood_keys: int = FLOOD_KEYS,
        fold_length: int = FOLD_LENGTH,
    ) -> None:
        self._send = send
        self._together_seconds = together_seconds
        self._flood_keys = flood_keys
        self._fold_length = fold_length
        self._held: list[events.Key] = []
        self._last_done = -float("inf")
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None

    def message(self, message: Message) -> None:
        """Send ``message`` now, or hold it back if it is part of a flood of typed characters."""
        with self._lock:
            together = time.monotonic() - self._last_done < self._together_seconds
            if isinstance(message, events.Key) and is_typed_character(message) and together:
                self._hold(message)
            else:
                self.flush()
                self._send(message)
            # From the end of this message's work: a wait for the app is not a gap in the input.
            self._last_done = time.monotonic()

    def flush(self) -> None:
        """Send the held keys: as one paste if they are a flood, else as the keys they were."""
        with self._lock:
            held, self._held = self._held, []
            if len(held) >= self._flood_keys:
                self._send(events.Paste("".join(key.character or "" for key in held)))
            else:
                for key in held:
                    self._send(key)

    def _hold(self, key: events.Key) -> None:
        self._held.append(key)
        if len(self._held) >= self._fold_length:
            self.flush()
        elif self._timer is None:
            self._arm(self._together_seconds)

    def _arm(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._when_quiet)
        self._timer.daemon = True
        self._timer.start()

    def _when_quiet(self) -> None:
        with self._lock:
            self._timer = None
            quiet = time.monotonic() - self._last_done
            if not self._held:
                return
            if quiet < self._together_seconds:
                self._arm(self._together_seconds - quiet)
                return
            with suppress(RuntimeError):  # the app's event loop closed: it is exiting
                self.flush()


def paced(
    driver_class: type[Driver], pacing: KeyPacing, *, together_seconds: float = TOGETHER_SECONDS
) -> type[Driver]:
    """``driver_class`` with its key floods folded and its keys and pastes paced by ``pacing``."""

    class PacedDriver(driver_class):  # type: ignore[valid-type, misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self.key_flood = KeyFlood(self._paced_send, together_seconds=together_seconds)

        def send_message(self, message: Message) -> None:
            self.key_flood.message(message)

        def _paced_send(self, message: Message) -> None:
            if isinstance(message, events.Key | events.Paste):
                pacing.sending(message)
            super().send_message(message)

    PacedDriver.__name__ = f"Paced{driver_class.__name__}"
    return PacedDriver
