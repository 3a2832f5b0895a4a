"""Run one function in a daemon thread, its outcome in a future the event loop can await.

Textual's thread workers run in asyncio's default executor, which is joined
when the app's event loop closes: quitting while a book-length comparison was
aligning waited for the alignment to end (15 s in the issue's measurement). A
daemon thread is never waited for. Threads cannot be killed, so the engine
still checks its cancel flag between stages and changes (see
:class:`tui.engine.progress.Progress`): an abandoned comparison stops soon,
and exiting never depends on it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import ParamSpec, TypeVar

__all__ = ["in_daemon_thread"]

P = ParamSpec("P")
T = TypeVar("T")


def in_daemon_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
    """Start ``function(*args, **kwargs)`` in a new daemon thread; its result or exception arrives in the future."""
    future: Future[T] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            result = function(*args, **kwargs)
        except BaseException as error:  # handed to whoever awaits the future, as an executor does
            future.set_exception(error)
        else:
            future.set_result(result)

    threading.Thread(target=run, name=getattr(function, "__name__", "job"), daemon=True).start()
    return future
