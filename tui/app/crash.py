"""Crash safety: an unexpected error is written to a log and shown in a dialog, and the reader goes on.

A :class:`~tui.engine.errors.UserError` is the user's to fix and is shown
where it happens; anything else is a bug. For a bug the reader needs three
things: to know it happened (one line, not a traceback over the screen), a
file to attach to a report (the traceback, in the user's state dir), and,
where the app can, to keep reading. :class:`CrashDialog` gives the first two;
:class:`~tui.app.app.CompareApp` decides where it can go on.

Logs are one file per crash (``crash-<UTC time>-<pid>.log``), so the dialog
can name the file of *this* crash; only the newest :data:`MAX_LOGS` are kept,
each at most :data:`MAX_LOG_CHARS`, so a crash loop cannot fill the disk.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import textual
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui import __version__
from tui.engine.safe_text import visible_controls
from tui.review.store import APP_NAME

__all__ = ["CrashDialog", "MAX_LOGS", "crash_dir", "one_line", "write_crash_log"]

MAX_LOGS = 20
MAX_LOG_CHARS = (
    200_000  # a traceback is a few kB; an error quoting a 5 MB paragraph is cut in the middle
)
MAX_LINE = 200


def crash_dir() -> Path:
    """Where crash logs go: the platform's user state dir (``~/.local/state/compare-tui`` on Linux)."""
    return Path(platformdirs.user_state_dir(APP_NAME))


def one_line(error: BaseException) -> str:
    """``ValueError: the first line of the message``, control-safe and at most :data:`MAX_LINE` characters."""
    message = str(error).strip().splitlines()
    line = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
    line = visible_controls(line)
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


def write_crash_log(
    error: BaseException, context: str, details: str = "", folder: Path | None = None
) -> Path:
    """Write ``error``'s traceback with what the app was doing (``context``) to a new log; return its path.

    Raises :class:`OSError` when the folder cannot be written: the caller
    still shows the error, without a path.
    """
    folder = crash_dir() if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    path = folder / f"crash-{now:%Y%m%dT%H%M%S%f}Z-{os.getpid()}.log"
    path.write_text(
        _bounded(_report(error, context, details, now)), encoding="utf-8", errors="backslashreplace"
    )
    _keep_newest(folder)
    return path


def _report(error: BaseException, context: str, details: str, now: datetime) -> str:
    versions = f"compare-tui {__version__}, Python {platform.python_version()}, Textual {textual.__version__}, {sys.platform}"
    lines = [f"compare-tui crashed at {now:%Y-%m-%d %H:%M:%S} UTC", f"while: {context}", versions]
    if details:
        lines.append(details)
    trace = "".join(traceback.format_exception(error))
    return "\n".join(lines) + "\n\n" + trace


def _bounded(text: str) -> str:
    if len(text) <= MAX_LOG_CHARS:
        return text
    half = MAX_LOG_CHARS // 2
    return f"{text[:half]}\n[… {len(text) - 2 * half:,} characters cut …]\n{text[-half:]}"


def _keep_newest(folder: Path) -> None:
    """Delete all but the newest :data:`MAX_LOGS` crash logs (their names sort by time)."""
    for old in sorted(folder.glob("crash-*.log"))[:-MAX_LOGS]:
        old.unlink(missing_ok=True)


class CrashDialog(ModalScreen[bool]):
    """ "Something went wrong": the one-line error, where the log is, continue or quit.

    Dismisses with True when the reader chose to quit.
    """

    BINDINGS = [
        Binding("escape,enter", "dismiss(False)", "Continue", id="crash.continue"),
        Binding("q", "dismiss(True)", "Quit", id="crash.quit"),
    ]

    DEFAULT_CSS = """
    CrashDialog { align: center middle; }
    CrashDialog > #crash { width: 72; max-width: 100%; height: auto; border: thick $error; background: $surface; padding: 0 1; }
    CrashDialog #crash-error { text-style: bold; color: $text-error; margin-bottom: 1; }
    CrashDialog #crash-buttons { height: auto; margin-top: 1; }
    CrashDialog Button { margin-right: 2; }
    """

    def __init__(self, error: str, log: Path | None, log_problem: str | None = None) -> None:
        super().__init__()
        self.error = error
        self.log_path = log
        self.log_problem = log_problem

    def compose(self) -> ComposeResult:
        with Vertical(id="crash"):
            yield Static(self.error, id="crash-error", markup=False)
            yield Static(self._where(), id="crash-log", markup=False)
            yield Static(
                "The reader goes on; if something looks wrong, reopen the texts (o) or quit.",
                markup=False,
            )
            with Horizontal(id="crash-buttons"):
                yield Button("Continue", id="continue", variant="primary")
                yield Button("Quit", id="quit")

    def _where(self) -> str:
        if self.log_path is not None:
            return f"The details, to attach to a bug report, are in\n{self.log_path}"
        return f"No log could be written ({self.log_problem})."

    def on_mount(self) -> None:
        self.query_one("#crash").border_title = "compare-tui hit a bug"
        self.query_one("#continue").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")
