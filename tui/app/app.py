"""The reader: a Textual app showing a comparison side by side, and the reviewer's marks on it.

:func:`run_app` is what the CLI calls; :class:`CompareApp` is the app factory
tests reuse. It takes one thing to open: a :class:`CompareRequest` (read and
compared in the background, with the stages' progress on screen), a finished
:class:`Comparison` (shown at once), or nothing (the start screen); and the
session's :class:`~tui.options.AppOptions`, which say how every comparison of
the session is read and aligned, also those opened later from the start screen.

The app holds one :class:`~tui.app.reading.Reading` (the open comparison,
its review and its view) or none, and sets its state on the widgets; the
widgets report clicks and scrolling with messages, screens hand back their
choice with ``dismiss``.

The first frame never waits for the texts: the UI starts, then a worker reads,
compares and lays out (:meth:`CompareApp._compare`). ``escape`` (or ctrl+c)
cancels it and ``q`` quits at once, however long the comparison would take.

The review state and the settings are conveniences, never a reason to stop:
a store that fails (at open or mid-session) is one warning, then the session
goes on in memory with a :class:`~tui.review.store.NullStore`; a settings file that
cannot be written is one warning too. A bug is logged and shown in a
:class:`~tui.app.crash.CrashDialog` (see :meth:`CompareApp.run_action`).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual import events, on, work
from textual.actions import ActionParseResult
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from tui.app.background import in_daemon_thread
from tui.app.bars import PaneTitles, Search, StatusBar, status_parts
from tui.app.bounded_input import SEARCH_LENGTH, BoundedInput
from tui.app.commands import ReaderCommands
from tui.app.crash import CrashDialog, one_line, write_crash_log
from tui.app.editor import editor_command, source_line_of
from tui.app.help_screen import HelpScreen
from tui.app.keybar import KeyBar
from tui.app.overview import Overview
from tui.app.paced_input import KeyPacing, paced
from tui.app.panel import DiffPanel
from tui.app.panes import SideBySide
from tui.app.preferences import filters_from_settings, settings_with_filters
from tui.app.progress import ComparisonProgress, ProgressNote
from tui.app.reader_keys import ESSENTIAL_KEYS, KEY_PRIORITY, READER_BINDINGS
from tui.app.reading import Reading, open_reading
from tui.app.review_session import Store
from tui.app.sentence_view import SentenceView
from tui.app.start_screen import StartMessage, StartScreen
from tui.app.view_model import (
    LEFT,
    RIGHT,
    Filters,
    Match,
    ReaderModel,
    difference_text,
    paragraph_number,
)
from tui.engine.errors import UserError
from tui.engine.model import Comparison, FactFlag
from tui.engine.pipeline import CompareRequest
from tui.engine.progress import Cancelled, Progress
from tui.engine.safe_text import terminal_safe
from tui.options import AppOptions
from tui.review.marks import Mark, OpenResult, ReviewSummary
from tui.review.store import NullStore, StateUnavailable, open_store
from tui.settings import SettingsError, save_settings
from tui.wording import KIND_ORDER, kind_title, locator, paragraph_numbers, score_label

__all__ = ["CompareApp", "run_app"]

NARROW_WIDTH = 110  # below this the panel moves under the panes
SHORT_HEIGHT = 18  # below this a narrow layout's panel is a strip that opens up on focus
SMALL_WIDTH, SMALL_HEIGHT = 60, 20  # below either, dialogs drop their padding and margins

#: How often the app looks for marks another instance stored on the same comparison.
REVIEW_CHECK_SECONDS = 2.0

W = TypeVar("W", bound=Widget)


class CompareApp(App[None]):
    """Two texts side by side, the differences listed, every action a key away."""

    TITLE = "compare-tui"
    CSS_PATH = Path(__file__).with_name("compare.tcss")  # absolute: subclasses elsewhere keep it
    AUTO_FOCUS = "#panes"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = READER_BINDINGS

    def __init__(
        self,
        opening: CompareRequest | Comparison | None = None,
        *,
        options: AppOptions = AppOptions(),
    ) -> None:
        """Compare ``opening`` (a request) in a worker, show it (a finished comparison), or the start screen."""
        super().__init__()
        self.options = options
        self.settings = options.settings
        # A file with problems is not rewritten behind the user's back: they may want to fix it.
        self._settings_savable = not options.settings_warnings
        self.filters = filters_from_settings(self.settings)
        self.reading: Reading | None = None
        self.store: Store = NullStore()
        self.position: int | None = None  # index into reading.model.differences
        self.search_term = ""
        self.matches: tuple[Match, ...] = ()
        self.match_index: int | None = None
        self._opening = opening
        self._comparing: CompareRequest | None = None  # the request the worker is on
        self._at_ghost = False
        self._binding_state: tuple[bool, ...] = ()
        # Written this session; run_app names them if the app dies anyway.
        self.crash_logs: list[Path] = []

    # ----- composition and opening

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield DiffPanel(id="panel")
            with Vertical(id="reader"):
                yield PaneTitles(id="titles")
                yield ComparisonProgress(id="progress")
                with Horizontal(id="panes-row"):
                    yield SideBySide(id="panes")
                    yield Overview(id="overview")
        yield BoundedInput(
            max_length=SEARCH_LENGTH,
            placeholder="search both texts (enter: find, escape: cancel)",
            id="search",
        )
        yield StatusBar(id="status")
        yield KeyBar(KEY_PRIORITY, ESSENTIAL_KEYS, id="keys")

    def on_mount(self) -> None:
        self._fit_layout(self.size.width, self.size.height)
        self._apply_theme()
        self._open_store()
        self.set_interval(REVIEW_CHECK_SECONDS, self._check_review)
        opening, self._opening = self._opening, None
        if isinstance(opening, Comparison):
            self._show_reading(*open_reading(opening, self.store, self.filters))
        elif opening is not None:
            self._start(opening)
        else:
            self._widget(StatusBar).show("Choose what to compare")
            self._choose()

    def get_driver_class(self) -> type[Driver]:
        """The platform's driver, with the terminal's keys paced to the app (see :mod:`tui.app.paced_input`)."""
        self._key_pacing = KeyPacing()
        return paced(super().get_driver_class(), self._key_pacing)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste):
            self._key_pacing.arrived(event)
        await super().on_event(event)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notify, but literal by default: messages carry file names, paths and
        server replies, which must show as written (a name like ``[/]x.txt`` is not markup)."""
        super().notify(
            message if markup else _literal(message),
            title=_literal(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def on_unmount(self) -> None:
        self.store.close()

    def _widget(self, kind: type[W], selector: str | None = None) -> W:
        """The reader's widget of this type (and id), whichever screen (start screen, dialog) is on top."""
        screen = self.screen_stack[0]
        return screen.query_one(selector, kind) if selector else screen.query_one(kind)

    # ----- settings and the review store

    def _apply_theme(self) -> None:
        """The settings' theme; the settings' problems (and an unknown theme) shown once."""
        warnings = list(self.options.settings_warnings)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            warnings.append(f"unknown theme {self.settings.theme!r}; using {self.theme!r}")
            self._settings_savable = False
        if warnings:
            self.notify("\n".join(warnings), title="Settings", severity="warning", timeout=15)

    def _save_preferences(self, **changes: Any) -> None:
        """Save the settings if the filters, theme or ``changes`` made them differ; a failure is one warning."""
        updated = replace(
            settings_with_filters(self.settings, self.filters), theme=self.theme, **changes
        )
        if updated == self.settings:
            return
        self.settings = updated
        if not self._settings_savable:
            return
        try:
            save_settings(updated)
        except SettingsError as error:
            self._settings_savable = False
            self.notify(
                f"{error}; settings are kept for this session only",
                title="Settings",
                severity="warning",
                timeout=15,
            )

    def watch_theme(self, theme: str) -> None:
        if self._settings_savable:
            self._save_preferences()

    def _open_store(self) -> None:
        self.store, warning = open_store(self.options.no_state)
        if warning:
            self.notify(warning, title="Review state", severity="warning", timeout=15)

    def _state_lost(self, error: StateUnavailable) -> None:
        """The store failed: say so once, and go on reviewing in memory."""
        if isinstance(self.store, NullStore):
            return
        self.store.close()
        self.store = NullStore()
        if self.reading is not None:
            self.reading.review.store = self.store
        self.notify(
            f"{error}; reviewing without saving",
            title="Review state",
            severity="warning",
            timeout=15,
        )

    def _recent(self) -> list[ReviewSummary]:
        try:
            recent = self.store.recent()
        except StateUnavailable as error:
            self._state_lost(error)
            return []
        self._show_store_warnings()
        return recent

    def _show_store_warnings(self) -> None:
        """Values of the wrong type in the database were read as defaults: say so."""
        for warning in self.store.take_warnings():
            self.notify(warning, title="Review state", severity="warning", timeout=15)

    def _check_review(self) -> None:
        """Another compare-tui may be reviewing the same pair: take in its marks and say so."""
        reading = self._shown
        if reading is None:
            return
        try:
            changed = reading.review.refresh()
        except StateUnavailable as error:
            self._state_lost(error)
            return
        self._show_store_warnings()
        if changed:
            self._apply_filters(self.filters, keep=self._current_change())
            self.notify(
                f"another compare-tui changed {changed} mark{'' if changed == 1 else 's'} "
                "of this review; they are shown here now",
                title="Review changed elsewhere",
                severity="warning",
                timeout=10,
            )

    # ----- choosing what to compare

    def action_open(self) -> None:
        if not isinstance(self.screen, StartScreen):
            self._choose()

    def _choose(self, message: StartMessage | None = None) -> None:
        """The start screen; what it hands back (a request, or None for "back") is compared.

        After a cancel or an error the screen keeps the pair that was being compared, so the
        user fixes a path or presses enter again rather than typing both paths anew.
        """
        screen = StartScreen(
            self._recent(),
            self.options.defaults,
            can_go_back=self.reading is not None or self._comparing is not None,
            message=message,
        )
        self.push_screen(screen, self._chosen)

    def _chosen(self, request: CompareRequest | None) -> None:
        if request is not None:
            self._start(request)

    # ----- comparing in the background

    def _start(self, request: CompareRequest) -> None:
        """Compare ``request`` in the worker, showing each stage; the open reading waits hidden behind it."""
        self._comparing = request
        note = ProgressNote()
        self._widget(ComparisonProgress).follow(
            f"Comparing {request.left} and {request.right}", note
        )
        self._widget(Horizontal, "#panes-row").display = False
        self._widget(StatusBar).show("Comparing… (escape cancels, q quits)")
        self._refresh_bindings_if_changed()
        self._compare(request, note)

    @work(exclusive=True, group="compare", exit_on_error=False)
    async def _compare(self, request: CompareRequest, note: ProgressNote) -> None:
        """Read, compare and lay out in a daemon thread; show the result, or the one-line error.

        Why a daemon thread and not a Textual thread worker: those run in
        asyncio's default executor, which is joined when the app exits, so
        ``q`` during a long stage (aligning a book) would wait for it to end.
        Here the worker only awaits; when it is cancelled (escape, ``q``, a
        newer comparison), it sets the flag the engine checks between stages
        and changes, and the abandoned thread holds up nothing.
        """
        # The progress display is drawn first: the engine's imports and work in the thread hold
        # the interpreter most of the time, and started with it they delayed the first frame.
        painted = asyncio.Event()
        self.call_after_refresh(painted.set)
        await painted.wait()
        cancel = threading.Event()
        progress = Progress(note.report, cancel.is_set)
        job = in_daemon_thread(_read_and_open, request, self.store, self.filters, progress)
        try:
            reading, error = await asyncio.wrap_future(job)
        except asyncio.CancelledError:
            cancel.set()
            raise
        except Cancelled:
            return  # whoever cancelled has already put the screen back
        except UserError as problem:
            self._stop_comparing()
            self._show_error(str(problem), request)
            return
        self._stop_comparing()
        self._show_reading(reading, error)

    def _stop_comparing(self) -> None:
        self._comparing = None
        self._widget(ComparisonProgress).stop()
        self._widget(Horizontal, "#panes-row").display = True

    def action_cancel_comparison(self) -> None:
        """Stop the comparison that is running: back to the open reading, or to the start screen."""
        request = self._comparing
        if request is None:
            return
        self.workers.cancel_group(self, "compare")
        self._stop_comparing()
        if self.reading is None:
            self._widget(StatusBar).show("Comparison cancelled")
            self._choose(
                StartMessage("comparison cancelled; enter compares the pair again", request)
            )
        else:
            self._update_status()
            self._refresh_bindings_if_changed()

    def action_help_quit(self) -> None:
        """ctrl+c: cancels a running comparison, as in a shell; otherwise says how to quit."""
        if self._comparing is not None:
            self.action_cancel_comparison()
        else:
            super().action_help_quit()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in the comparison worker: logged and shown; the app stays open to try other texts."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self._stop_comparing()
            if self.reading is None:
                self._widget(StatusBar).show("error: the comparison failed (o opens other texts)")
            self.report_crash(event.worker.error, f"worker {event.worker.name!r}")

    def _show_error(self, message: str, request: CompareRequest) -> None:
        """Bad input found while reading: one line; the start screen again if nothing is open."""
        self._widget(StatusBar).show(f"error: {message}")
        if self.reading is None:
            self._choose(StartMessage(message, request, error=True))
        else:
            self._update_status()
            self.notify(message, title="Cannot compare", severity="error", timeout=30)

    def _show_reading(self, reading: Reading, error: StateUnavailable | None = None) -> None:
        """Show a freshly opened reading with its review, at its first unreviewed difference."""
        if error is not None:
            self._state_lost(error)
        self._show_store_warnings()
        self._show_open_result(reading.opened)
        while isinstance(self.screen, StartScreen):
            self.pop_screen()
        self.reading = reading
        self.search_term, self.matches, self.match_index = "", (), None
        comparison = reading.comparison
        self.sub_title = terminal_safe(f"{comparison.left.source} ⟷ {comparison.right.source}")
        self._widget(PaneTitles).show_documents(comparison.left, comparison.right)
        panes = self._widget(SideBySide)
        panes.focus()
        self._show_model(reading.model, keep=None)
        if reading.model.differences:
            self._go_to(self._first_unreviewed(reading.model))
        self._refresh_bindings_if_changed()

    def _first_unreviewed(self, model: ReaderModel) -> int:
        """Where a review resumes: the first listed difference not yet reviewed (the first if all are)."""
        listed = model.differences
        return next((n for n, change in enumerate(listed) if not model.mark(change).reviewed), 0)

    def _show_open_result(self, result: OpenResult | None) -> None:
        if result is None or not result.message:
            return
        carried = (
            f" ({result.carried_marks} of your marks carried over)" if result.carried_marks else ""
        )
        self.notify(
            result.message + carried,
            title="Changed since your review",
            severity="warning",
            timeout=20,
        )

    # ----- layout

    def on_resize(self, event: events.Resize) -> None:
        self._fit_layout(event.size.width, event.size.height)

    def _fit_layout(self, width: int, height: int) -> None:
        """Classes the stylesheet lays out by: the panel's place, and tight dialogs on a small terminal."""
        self.set_class(width < SMALL_WIDTH or height < SMALL_HEIGHT, "-small")
        body = self._widget(Horizontal, "#body")
        body.set_class(width < NARROW_WIDTH, "-narrow")
        body.set_class(height < SHORT_HEIGHT, "-short")

    # ----- state changes ("attributes down")

    @property
    def _shown(self) -> Reading | None:
        """The reading on screen: none at the start, nor while another comparison runs in its place."""
        return None if self._comparing is not None else self.reading

    def _open(self) -> Reading:
        """The reading on screen, for the steps that only run with one (a bug otherwise)."""
        reading = self._shown
        if reading is None:
            raise RuntimeError("no comparison is on screen")
        return reading

    def _apply_filters(self, filters: Filters, keep: int | None) -> None:
        """Rebuild what the panel and panes show; stay on change ``keep`` (or the next listed one)."""
        reading = self._open()
        self.filters = filters
        self._show_model(
            reading.model.with_filters(filters).with_marks(dict(reading.review.marks)), keep
        )

    def _show_model(self, model: ReaderModel, keep: int | None) -> None:
        """Set ``model`` on the panel and panes; stay on change ``keep`` (or the next listed one)."""
        self._open().model = model
        panes, panel = self._widget(SideBySide), self._widget(DiffPanel)
        panes.show_model(model)
        panel.show_model(model)
        self._refresh_overview()
        self.position = None
        position = None if keep is None else model.position_near(keep)
        if position is not None:
            self._go_to(position)
        else:
            panes.set_current(None)
        if self.search_term:
            self._run_search(self.search_term)
        self._update_status()
        self._refresh_bindings_if_changed()

    def _go_to(self, position: int) -> None:
        """Make difference ``position`` (of the panel) current and bring it into view in both panes."""
        model = self._open().model
        change = model.differences[position]
        self.position = position
        self._at_ghost = False
        panes = self._widget(SideBySide)
        panes.set_current(change, model.fact_index_at(position))
        panes.scroll_to_row(model.row_of_change[change])
        fact = model.fact_at(position)
        if fact is not None:
            self._show_fact_words(model, change, fact)
        self._widget(DiffPanel).move_to(position)
        self._update_status()
        self._refresh_bindings_if_changed()

    def _show_fact_words(self, model: ReaderModel, change: int, fact: FactFlag) -> None:
        """Bring a fact's own words into view: in a long paragraph they can stand below the screen."""
        panes = self._widget(SideBySide)
        c = model.comparison.changes[change]
        side, at, indices = (
            (RIGHT, fact.right_at, c.right) if fact.right_at else (LEFT, fact.left_at, c.left)
        )
        if at is None or panes.columns is None:
            return
        line = panes.paragraph_line(
            model.row_of_change[change], side, indices[at.paragraph], at.start
        )
        if line >= round(panes.scroll_y) + panes.scrollable_content_region.height - 1:
            panes.scroll_to_line(line, context=2)

    def _refresh_bindings_if_changed(self) -> None:
        """Re-check the footer's keys only when their state can differ (rebuilding it costs ~80 ms)."""
        reading, change = self._shown, self._current_change()
        state = (
            self._comparing is not None,
            reading is not None and bool(reading.model.differences),
            bool(self.matches),
            bool(self.search_term),
            reading is not None and change is not None and reading.comparison.changes[change].moved,
            reading is not None and reading.review.can_mark(change),
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _current_change(self) -> int | None:
        reading = self._shown
        if reading is None or self.position is None:
            return None
        return reading.model.differences[self.position]

    def _update_status(self) -> None:
        reading = self._shown
        if reading is None:
            return
        search = (
            Search(self.search_term, self.match_index, len(self.matches))
            if self.search_term
            else None
        )
        fact = None if self.position is None else reading.model.fact_at(self.position)
        severity = None if fact is None else fact.severity.value
        self._widget(StatusBar).show(
            status_parts(
                reading.summary,
                self.filters,
                self.position,
                len(reading.model.differences),
                search,
                (reading.review.reviewed, reading.review.total),
                severity=severity,
            )
        )

    def _refresh_overview(self) -> None:
        reading = self._shown
        panes = self._widget(SideBySide)
        if reading is not None and panes.row_starts:
            self._widget(Overview).show_rows(
                panes.row_starts,
                panes.virtual_size.height,
                reading.model.row_changes,
                reading.comparison,
            )

    # ----- messages from the widgets

    @on(StartScreen.Forget)
    def _forget(self, event: StartScreen.Forget) -> None:
        try:
            self.store.forget(event.pair_key)
        except StateUnavailable as error:
            self._state_lost(error)

    @on(DiffPanel.Picked)
    def _picked(self, event: DiffPanel.Picked) -> None:
        if self._shown is not None and event.position != self.position:
            self._go_to(event.position)

    @on(DiffPanel.Chosen)
    def _chosen_in_panel(self, event: DiffPanel.Chosen) -> None:
        if self._shown is not None:
            if event.position != self.position:
                self._go_to(event.position)
            self._widget(SideBySide).focus()

    @on(SideBySide.RowClicked)
    def _row_clicked(self, event: SideBySide.RowClicked) -> None:
        self._focus_side(event.side)
        reading = self._shown
        position = None if reading is None else reading.model.position_of(event.change)
        if position is not None:
            self._go_to(position)
            if event.ghost:
                self.action_moved_partner()

    @on(SideBySide.Scrolled)
    def _scrolled(self, event: SideBySide.Scrolled) -> None:
        # A scroll can arrive late: after the view was rebuilt (the panes are
        # gone), or while a dialog or the loading screen is on top (so the
        # overview is looked up on the panes' own screen, not the active one).
        if not event.control.is_attached:
            return
        overview = event.control.screen.query_one(Overview)
        if overview._total != event.total:
            self._refresh_overview()
        overview.show_window(event.top, event.height)

    @on(Overview.Jump)
    def _jump(self, event: Overview.Jump) -> None:
        panes = self._widget(SideBySide)
        panes.scroll_to_line(event.line - panes.scrollable_content_region.height // 2, context=0)

    # ----- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what does not apply now (None), hide what is irrelevant (False)."""
        if action == "cancel_comparison":
            return self._comparing is not None  # escape means "clear the search" otherwise
        if isinstance(self.screen, StartScreen) and action in _READER_ACTIONS:
            # The start screen's footer shows its own keys (tab, quit, help still work).
            return False
        if action == "open":
            return True
        if action == "clear_search":  # a search to clear, or the field open to close
            return True if self.search_term or self._search_field().display else None
        reading = self._shown
        if reading is None:
            return None if action in _READER_ACTIONS else True
        change = self._current_change()
        if action in _MARK_ACTIONS:
            return True if reading.review.can_mark(change) else None
        if action in _CURRENT_ACTIONS:
            return True if change is not None else None
        if action in {"next", "previous"}:
            return True if self.matches or reading.model.differences else None
        if action in {"first", "last"}:
            return True if reading.model.differences else None
        if action == "moved_partner":
            return True if change is not None and reading.comparison.changes[change].moved else None
        if action == "sentences":
            return (
                True
                if change is not None and reading.comparison.changes[change].sentences
                else None
            )
        return True

    def action_next(self) -> None:
        self._step(+1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        reading = self._shown
        if self.matches and self.match_index is not None:
            self._go_to_match((self.match_index + direction) % len(self.matches))
        elif reading is not None and reading.model.differences:
            last = len(reading.model.differences) - 1
            if self.position is None:
                self._go_to(0 if direction > 0 else last)
            else:
                self._go_to(max(0, min(self.position + direction, last)))

    def action_first(self) -> None:
        reading = self._shown
        if reading is not None and reading.model.differences:
            self._go_to(0)

    def action_last(self) -> None:
        reading = self._shown
        if reading is not None and reading.model.differences:
            self._go_to(len(reading.model.differences) - 1)

    def action_moved_partner(self) -> None:
        reading, change = self._shown, self._current_change()
        if reading is None or change is None or not reading.comparison.changes[change].moved:
            return
        model = reading.model
        rows = model.ghost_row_of_change if not self._at_ghost else model.row_of_change
        if change in rows:
            self._at_ghost = not self._at_ghost
            self._widget(SideBySide).scroll_to_row(rows[change])

    def action_sentences(self) -> None:
        reading, change = self._shown, self._current_change()
        if reading is None or change is None:
            return
        c = reading.comparison.changes[change]
        if c.sentences is None:
            self.notify(
                "this difference is on one side only: no sentences to pair", title="Sentences"
            )
            return
        # The aligner's module (numpy) is not imported before the first frame: here, on first use.
        from tui.engine.sentences import sentence_pairs

        title = f"Difference {(self.position or 0) + 1}: {kind_title(c)} · {locator(c)} · {score_label(c)}"
        self.push_screen(SentenceView(title, sentence_pairs(c.sentences)))

    def action_switch_side(self) -> None:
        self._focus_side(LEFT if self._widget(SideBySide).focus_side == RIGHT else RIGHT)

    def _focus_side(self, side: str) -> None:
        self._widget(SideBySide).set_focus_side(side)
        self._widget(PaneTitles).set_focus_side(side)

    def action_toggle_kind(self, number: int) -> None:
        if self._shown is not None:
            self._apply_filters(
                self.filters.toggle_kind(KIND_ORDER[number - 1]), keep=self._current_change()
            )

    def action_toggle_facts(self) -> None:
        """The facts view: the panel lists one row per fact and takes the keys (enter goes to the text)."""
        self._toggle("facts_only")
        if self._shown is not None:
            panel, panes = self._widget(DiffPanel), self._widget(SideBySide)
            if self.filters.facts_only:
                panel.focus()
            elif panel.has_focus:
                panes.focus()

    def action_toggle_changes_only(self) -> None:
        self._toggle("changes_only")

    def action_toggle_boilerplate(self) -> None:
        self._toggle("show_boilerplate")

    def action_toggle_unreviewed(self) -> None:
        self._toggle("unreviewed_only")

    def _toggle(self, name: str) -> None:
        if self._shown is not None:
            flipped: dict[str, Any] = {name: not getattr(self.filters, name)}
            self._apply_filters(replace(self.filters, **flipped), keep=self._current_change())
            self._save_preferences()

    # ----- the review

    def action_toggle_reviewed(self) -> None:
        """Mark reviewed and move on to the next unreviewed difference (a review is a walk); or unmark."""
        reading, change = self._shown, self._current_change()
        if reading is None or change is None or not reading.review.can_mark(change):
            return
        marking = not reading.review.mark(change).reviewed
        self._change_mark(lambda mark: replace(mark, reviewed=not mark.reviewed))
        if marking:
            self._go_to_next_unreviewed(reading.model, change)

    def _go_to_next_unreviewed(self, model: ReaderModel, change: int) -> None:
        """Go to the first listed difference after ``change`` not yet reviewed, wrapping; stay if none is left."""
        listed = model.differences
        if not listed:
            return
        position = model.position_of(change)
        start = position + 1 if position is not None else model.position_near(change) or 0
        for step in range(len(listed)):
            candidate = (start + step) % len(listed)
            if not model.mark(listed[candidate]).reviewed:
                if candidate != self.position:
                    self._go_to(candidate)
                return

    def action_toggle_significant(self) -> None:
        self._change_mark(lambda mark: replace(mark, significant=not mark.significant))

    def action_note(self) -> None:
        reading, change = self._shown, self._current_change()
        if reading is None or change is None or not reading.review.can_mark(change):
            return
        c = reading.comparison.changes[change]
        where = ", ".join(paragraph_number(i) for i in (c.right or c.left))
        number = (self.position or 0) + 1
        title = f"Note on difference {number} ({c.kind.value}, {'right' if c.right else 'left'} {where})"

        def noted(note: str | None) -> None:
            if note is not None:
                self._change_mark(lambda mark: replace(mark, note=note), change)

        from tui.app.note_editor import NoteEditor  # its TextArea: not before the first frame

        self.push_screen(NoteEditor(title, reading.review.mark(change).note), noted)

    def _change_mark(self, edit: Callable[[Mark], Mark], change: int | None = None) -> None:
        """Apply ``edit`` to a difference's mark (the current one by default), show it, store it."""
        reading = self._shown
        change = self._current_change() if change is None else change
        if reading is None or change is None or not reading.review.can_mark(change):
            return
        review = reading.review
        was_done = review.reviewed == review.total
        try:
            review.set(change, edit(review.mark(change)))
        except StateUnavailable as error:
            self._state_lost(error)
        self._apply_filters(self.filters, keep=change)
        if not was_done and review.reviewed == review.total:
            self.notify(
                f"all {review.total} differences reviewed; e writes a report with your notes",
                title="Review done",
            )

    # ----- copy and edit

    def action_copy(self) -> None:
        """Put the current difference on the clipboard (OSC 52: the terminal's own clipboard)."""
        reading, change = self._shown, self._current_change()
        if reading is None or change is None:
            return
        comparison = reading.comparison
        self.copy_to_clipboard(difference_text(comparison, change, reading.review.mark(change)))
        c = comparison.changes[change]
        self.notify(
            f"copied difference {(self.position or 0) + 1} ({paragraph_numbers(c.left)}→"
            f"{paragraph_numbers(c.right)}) as text",
            title="Copied",
            timeout=4,
        )

    def action_edit(self) -> None:
        """Suspend the reader, open the side in focus at the current paragraph, come back after."""
        reading, change = self._shown, self._current_change()
        if reading is None or change is None:
            return
        side = self._widget(SideBySide).focus_side
        comparison = reading.comparison
        c = comparison.changes[change]
        document, indices = (
            (comparison.left, c.left) if side == LEFT else (comparison.right, c.right)
        )
        if not indices:
            raise UserError(
                f"this difference has no paragraph in the {'original' if side == LEFT else 'rewrite'}"
                " (w switches sides)"
            )
        line = source_line_of(document.source, document.texts, indices[0])
        command = editor_command(document.source, line)
        try:
            with self.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            raise UserError("this terminal cannot hand the screen to an editor") from None
        except OSError as error:
            raise UserError(f"cannot run {command[0]}: {error.strerror or error}") from None

    # ----- search

    def _search_field(self) -> Input:
        return self.screen_stack[0].query_one("#search", Input)

    def action_search(self) -> None:
        field = self._search_field()
        field.value = self.search_term
        field.display = True
        field.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._close_search_field()
        self._run_search(event.value)
        if self.matches:
            self._go_to_match(self._first_match_in_view())
        elif self.search_term:
            self.notify(f"no match for {self.search_term!r}", severity="warning")

    def _run_search(self, term: str) -> None:
        reading = self._shown
        self.search_term = term
        self.matches = reading.model.search(term) if reading is not None else ()
        self.match_index = 0 if self.matches else None
        self._widget(SideBySide).set_matches(self.matches, self.match_index)
        self._update_status()
        self._refresh_bindings_if_changed()

    def _first_match_in_view(self) -> int:
        panes = self._widget(SideBySide)
        top = round(panes.scroll_y)
        for number, match in enumerate(self.matches):
            if panes.match_line(match) >= top:
                return number
        return 0

    def _go_to_match(self, number: int) -> None:
        """Show match ``number`` with its paragraph from the start (the hit alone, near the top, when the paragraph is taller than the view)."""
        self.match_index = number
        match = self.matches[number]
        panes = self._widget(SideBySide)
        if panes.columns and match.side not in panes.columns.sides:
            self._focus_side(match.side)  # one side at a time: show the side the hit is on
        panes.set_matches(self.matches, number)
        start = panes.paragraph_line(match.row, match.side, match.paragraph)
        line = panes.match_line(match)
        if line - start < panes.scrollable_content_region.height - 2:
            panes.scroll_to_line(start, context=1)
        else:
            panes.scroll_to_line(line, context=2)
        self._update_status()

    def _close_search_field(self) -> None:
        self._search_field().display = False
        self._widget(SideBySide).focus()

    def action_clear_search(self) -> None:
        if self._search_field().display:
            self._close_search_field()
            return
        self._run_search("")

    # ----- bugs

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Run an action; a bug in it is logged and shown, and the reader goes on.

        Why here: Textual 8 funnels every unhandled exception into the private
        ``App._handle_exception``, which always exits, and by then the message
        loop that raised has stopped, so the app could not go on anyway. Every
        key, palette command and clickable action goes through this public
        method, inside that loop: catching here keeps the loop, and so the
        app, alive. The comparison worker is covered by
        :meth:`on_worker_state_changed` (``exit_on_error=False``); a bug
        anywhere else still ends the app, after :meth:`_handle_exception`
        has written its log.
        """
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except UserError as error:
            self.notify(str(error), title="Cannot do that", severity="error", timeout=15)
        except Exception as error:
            name = action if isinstance(action, str) else action[1]
            self.report_crash(error, f"action {name!r}")
        return True

    def report_crash(self, error: BaseException, context: str) -> None:
        """Write ``error``'s traceback to a crash log and show the one-line error and the log's path."""
        path, problem = self._log_crash(error, context)
        if isinstance(self.screen, CrashDialog):
            return  # one dialog at a time; this crash is in the log
        self.push_screen(CrashDialog(one_line(error), path, problem), self._after_crash)

    def _log_crash(self, error: BaseException, context: str) -> tuple[Path | None, str | None]:
        sources = ""
        if self._comparing is not None:
            sources = f"left: {self._comparing.left}, right: {self._comparing.right}"
        elif self.reading is not None:
            left, right = self.reading.comparison.left, self.reading.comparison.right
            sources = f"left: {left.source}, right: {right.source}"
        try:
            path = write_crash_log(error, context, sources)
        except OSError as problem:
            return None, str(problem)
        self.crash_logs.append(path)
        return path, None

    def _after_crash(self, quit_now: bool | None) -> None:
        if quit_now:
            self.exit(return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        """Last resort (Textual's private funnel for errors outside actions and the worker): log, then exit as Textual does."""
        self._log_crash(error, "the app (not an action)")
        super()._handle_exception(error)

    # ----- screens

    def action_export(self) -> None:
        # The dialog and the exporters are imported when first asked for, not before the first frame.
        from tui.app.export_dialog import ExportDialog

        reading = self._shown
        if reading is not None:
            dialog = ExportDialog(
                reading.comparison,
                Path.cwd(),
                self.settings.export_format,
                review=dict(reading.review.marks),
            )
            self.push_screen(dialog, self._exported)

    def _exported(self, written: tuple[Path, str] | None) -> None:
        if written is not None:
            path, fmt = written
            self.notify(f"wrote report to {path}", title="Exported")
            self._save_preferences(export_format=fmt)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.reader_bindings()))

    def reader_bindings(self) -> list[Binding]:
        """Every key binding of the reader, for the help screen and the command palette."""
        return [
            binding
            for binding in (*self.BINDINGS, *DiffPanel.BINDINGS, *SideBySide.BINDINGS)
            if isinstance(binding, Binding)
        ]


def _read_and_open(
    request: CompareRequest, store: Store, filters: Filters, progress: Progress
) -> tuple[Reading, StateUnavailable | None]:
    """The worker thread's whole job: the engine's pipeline, then the review and the layout."""
    from tui.engine.pipeline import run_comparison

    return open_reading(run_comparison(request, progress), store, filters, progress)


def _literal(text: str) -> str:
    """Each line of a notification terminal-safe (line breaks between them are ours)."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


_CURRENT_ACTIONS = frozenset({"copy", "edit"})  # need a current difference
_MARK_ACTIONS = frozenset({"toggle_reviewed", "toggle_significant", "note"})
_READER_ACTIONS = frozenset(
    binding.action.split("(")[0] for binding in CompareApp.BINDINGS if isinstance(binding, Binding)
) - {"quit", "help", "open", "cancel_comparison"}


def run_app(request: CompareRequest | None, options: AppOptions = AppOptions()) -> None:
    """Open the reader on ``request`` (read and compared in its worker), or the start screen without one."""
    app = CompareApp(request, options=options)
    app.run()
    if app.return_code and app.crash_logs:
        print(f"compare-tui: the crash is logged in {app.crash_logs[-1]}", file=sys.stderr)
