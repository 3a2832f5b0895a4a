"""The reader: a Textual app showing a comparison side by side, and the reviewer's marks on it.

:func:`run_app` is what the CLI calls; :class:`CompareApp` is the app factory
tests reuse (give it a ready ``comparison`` to skip the worker, or nothing for
the start screen). The app holds the state (filters, current difference,
search, the review) and sets it on the widgets; the widgets report clicks and
scrolling with messages.

The review state and the settings are conveniences, never a reason to stop:
a store that fails (at open or mid-session) is one warning, then the session
goes on in memory with a :class:`~tui.review.NullStore`; a settings file that
cannot be read or written is one warning too. A bug is logged and shown in a
:class:`~tui.app.crash.CrashDialog` (see :meth:`CompareApp.run_action`).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from textual import events, on, work
from textual.actions import ActionParseResult
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from tui.app.bars import PaneTitles, Search, StatusBar, Summary, status_parts
from tui.app.bounded_input import SEARCH_LENGTH, BoundedInput
from tui.app.commands import ReaderCommands
from tui.app.crash import CrashDialog, one_line, write_crash_log
from tui.app.editor import editor_command, source_line_of
from tui.app.export_dialog import ExportDialog
from tui.app.help_screen import HelpScreen
from tui.app.keybar import KeyBar
from tui.app.note_editor import NoteEditor
from tui.app.overview import Overview
from tui.app.paced_input import KeyPacing, paced
from tui.app.panel import DiffPanel
from tui.app.panes import SideBySide
from tui.app.preferences import filters_from_settings, settings_with_filters
from tui.app.review_session import ReviewSession, open_review
from tui.app.sentence_view import SentenceView
from tui.app.start_screen import StartScreen
from tui.app.view_model import (
    LEFT,
    RIGHT,
    SEVERITIES,
    Filters,
    Match,
    ReaderModel,
    difference_text,
    paragraph_number,
    severity_rank,
)
from tui.engine.errors import UserError
from tui.engine.model import Comparison, Document
from tui.engine.pipeline import CompareRequest
from tui.engine.safe_text import terminal_safe
from tui.engine.sentences import sentence_pairs
from tui.options import AppOptions
from tui.review import Mark, NullStore, OpenResult, StateUnavailable, open_store
from tui.settings import Settings, SettingsError, load_settings, save_settings
from tui.wording import KIND_ORDER, kind_title, locator, paragraph_numbers, score_label

__all__ = ["CompareApp", "run_app"]

NARROW_WIDTH = 110  # below this the panel moves under the panes
SHORT_HEIGHT = 18  # below this a narrow layout's panel is a strip that opens up on focus
SMALL_WIDTH, SMALL_HEIGHT = 60, 20  # below either, dialogs drop their padding and margins

KEY_PRIORITY = (
    "next",
    "previous",
    "search",
    "facts",
    "export",
    "help",
    "quit",
    "reviewed",
    "moved",
    "sentences",
    "changes_only",
    "boilerplate",
    "significant",
    "note",
    "unreviewed",
    "copy",
    "editor",
    "switch_side",
)
"""The key bar's order: the first ESSENTIAL_KEYS always show (bare when narrow), the rest as room allows."""
ESSENTIAL_KEYS = 7
#: How often the app looks for marks another instance stored on the same comparison.
REVIEW_CHECK_SECONDS = 2.0

_KIND_BINDINGS = [
    Binding(
        str(number),
        f"toggle_kind({number})",
        f"Filter {kind.value}",
        show=False,
        id=f"filter.{kind.value}",
        tooltip=f"Show or hide {kind.value} paragraphs in the differences panel",
    )
    for number, kind in enumerate(KIND_ORDER, 1)
]


class CompareApp(App[None]):
    """Two texts side by side, the differences listed, every action a key away."""

    TITLE = "compare-tui"
    CSS_PATH = Path(__file__).with_name("compare.tcss")  # absolute: subclasses elsewhere keep it
    AUTO_FOCUS = "#panes"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    BINDINGS = [
        Binding(
            "n",
            "next",
            "Next",
            id="next",
            tooltip="Next difference (next search match while searching)",
        ),
        Binding(
            "p",
            "previous",
            "Prev",
            id="previous",
            tooltip="Previous difference (previous search match while searching)",
        ),
        Binding(
            "g",
            "first",
            "First difference",
            show=False,
            id="first",
            tooltip="Go to the first difference",
        ),
        Binding(
            "G",
            "last",
            "Last difference",
            show=False,
            id="last",
            tooltip="Go to the last difference",
        ),
        Binding(
            "s",
            "sentences",
            "Sentences",
            id="sentences",
            tooltip="The current difference sentence by sentence: which sentence became which, what was cut, what is new",
        ),
        Binding(
            "w",
            "switch_side",
            "Side",
            show=False,
            id="switch_side",
            tooltip="Switch the side in focus (the one E opens); when one pane fits, show the other",
        ),
        Binding(
            "m",
            "moved_partner",
            "Moved",
            id="moved",
            tooltip="Jump between a moved paragraph and its old place",
        ),
        Binding("slash", "search", "Search", id="search", tooltip="Search both texts"),
        Binding(
            "escape",
            "clear_search",
            "Clear search",
            show=False,
            id="clear_search",
            tooltip="Stop searching",
        ),
        Binding(
            "c",
            "toggle_changes_only",
            "Changes only",
            id="changes_only",
            tooltip="Hide unchanged paragraphs in the panes",
        ),
        Binding(
            "b",
            "toggle_boilerplate",
            "Boilerplate",
            id="boilerplate",
            tooltip="Show or hide boilerplate (bylines, links, forum chrome)",
        ),
        Binding(
            "f",
            "toggle_facts",
            "Facts",
            id="facts",
            tooltip="List only differences with fact drift",
        ),
        *_KIND_BINDINGS,
        Binding(
            "space",
            "toggle_reviewed",
            "Reviewed, next",
            id="reviewed",
            tooltip="Mark the current difference reviewed (✓) and go to the next one not yet reviewed; on a reviewed one, unmark it",
        ),
        Binding(
            "exclamation_mark",
            "toggle_significant",
            "Significant",
            id="significant",
            tooltip="Flag the current difference as significant (★), or not",
        ),
        Binding(
            "a",
            "note",
            "Note",
            id="note",
            tooltip="Add or edit a note on the current difference (✎)",
        ),
        Binding(
            "u",
            "toggle_unreviewed",
            "Unreviewed",
            id="unreviewed",
            tooltip="List only the differences not yet reviewed",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            id="copy",
            tooltip="Copy the current difference (both sides, ¶ numbers, facts, note) as text",
        ),
        Binding(
            "E",
            "edit",
            "Editor",
            id="editor",
            tooltip="Open the side in focus (w switches) in $VISUAL or $EDITOR at this paragraph",
        ),
        Binding(
            "o",
            "open",
            "Open…",
            show=False,
            id="open",
            tooltip="Start screen: recent reviews, other files, the example",
        ),
        Binding(
            "e",
            "export",
            "Export",
            id="export",
            tooltip="Write a report (HTML, Markdown, JSON) with your notes",
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show this help: every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit compare-tui"),
    ]

    def __init__(
        self,
        request: CompareRequest | None = None,
        documents: tuple[Document, Document] | None = None,
        *,
        comparison: Comparison | None = None,
        options: AppOptions = AppOptions(),
    ) -> None:
        """Open ``comparison``, or compare ``request`` in a worker, or with neither show the start screen."""
        super().__init__()
        self.request = request
        self.documents = documents
        self.options = options
        self.comparison: Comparison | None = None
        self.model: ReaderModel | None = None
        self.review: ReviewSession | None = None
        self.store = NullStore()
        self.settings = Settings()
        self._settings_savable = False  # until the settings are loaded and applied
        self.filters = Filters()
        self.position: int | None = None  # index into model.differences
        self.search_term = ""
        self.matches: tuple[Match, ...] = ()
        self.match_index: int | None = None
        self._at_ghost = False
        self._given = comparison
        self._binding_state: tuple[bool, ...] = ()
        self.crash_logs: list[
            Path
        ] = []  # written this session; run_app names them if the app dies anyway

    # ----- composition and loading

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield DiffPanel(id="panel")
            with Vertical(id="reader"):
                yield PaneTitles(id="titles")
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
        self._load_preferences()
        self._open_store()
        self.set_interval(REVIEW_CHECK_SECONDS, self._check_review)
        if self._given is not None:
            self.show_comparison(self._given)
        elif self.request is not None:
            self._start_comparing()
        else:
            self.query_one(StatusBar).show("Choose what to compare")
            self.push_screen(StartScreen(self._recent()))

    def get_driver_class(self) -> type[Driver]:
        """The platform's driver, with the terminal's keys paced to the app (see :mod:`tui.app.paced_input`)."""
        self._key_pacing = KeyPacing()
        return paced(super().get_driver_class(), self._key_pacing)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
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

    # ----- settings and the review store

    def _load_preferences(self) -> None:
        """Settings from the CLI (or the file), applied; their problems shown once."""
        if self.options.settings is not None:
            self.settings, warnings = self.options.settings, list(self.options.settings_warnings)
        else:
            self.settings, warnings = load_settings()
        self.filters = filters_from_settings(self.settings)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            warnings.append(f"unknown theme {self.settings.theme!r}; using {self.theme!r}")
        # A file with problems is not rewritten behind the user's back: they may want to fix it.
        self._settings_savable = not warnings
        if warnings:
            self.notify("\n".join(warnings), title="Settings", severity="warning", timeout=15)

    def _save_preferences(self, **changes) -> None:
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
        if self.review is not None:
            self.review.store = self.store
        self.notify(
            f"{error}; reviewing without saving",
            title="Review state",
            severity="warning",
            timeout=15,
        )

    def _recent(self) -> list:
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
        if self.review is None:
            return
        try:
            changed = self.review.refresh()
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

    # ----- opening

    def open_request(self, left: str, right: str) -> None:
        """Compare two sources in the worker (the start screen's choice); errors come back to the start screen."""
        from tui.engine.align import Thresholds

        self.request = CompareRequest(
            left, right, thresholds=Thresholds().scaled(self.settings.threshold)
        )
        self.documents = None
        self._start_comparing()

    def _start_comparing(self) -> None:
        self.query_one(SideBySide).loading = True
        self.query_one(StatusBar).show(self._loading_message())
        self._compare()

    def action_open(self) -> None:
        if not isinstance(self.screen, StartScreen):
            self.push_screen(StartScreen(self._recent(), can_go_back=self.comparison is not None))

    def _loading_message(self) -> str:
        if self.documents:
            left, right = self.documents
            return f"Comparing {len(left.paragraphs):,} and {len(right.paragraphs):,} paragraphs…"
        return "Loading and comparing…"

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self) -> None:
        """The alignment can take seconds on long texts: never on the UI thread."""
        from tui.engine.compare import compare_documents
        from tui.engine.pipeline import run_comparison

        try:
            if self.documents is not None:
                comparison = compare_documents(*self.documents, self.request.thresholds)
            else:
                comparison = run_comparison(self.request)
        except UserError as error:
            self.call_from_thread(self._show_error, str(error))
            return
        opened = open_review(
            comparison, self.store
        )  # may wait on a locked database: not on the UI thread
        self.call_from_thread(self.show_comparison, comparison, opened)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in the comparison worker: logged and shown; the app stays open to try other texts."""
        if event.state is WorkerState.ERROR:
            self.query_one(SideBySide).loading = False
            if self.comparison is None:
                self.query_one(StatusBar).show("error: the comparison failed (o opens other texts)")
            self.report_crash(event.worker.error, f"worker {event.worker.name!r}")

    def _show_error(self, message: str) -> None:
        self.query_one(SideBySide).loading = False
        if isinstance(self.screen, StartScreen):
            self.screen.show_error(message)
            return
        self.query_one(StatusBar).show(f"error: {message}")
        self.notify(message, title="Cannot compare", severity="error", timeout=30)

    def show_comparison(self, comparison: Comparison, opened: tuple | None = None) -> None:
        """Show a finished comparison with its review and go to its first difference.

        ``opened`` is :func:`open_review`'s answer when the worker already asked the store.
        """
        session, result, error = opened or open_review(comparison, self.store)
        if error is not None:
            self._state_lost(error)
        self._show_store_warnings()
        self._show_open_result(result)
        while isinstance(self.screen, StartScreen):
            self.pop_screen()
        self.review = session
        self.comparison, self.model = comparison, None
        self.search_term, self.matches, self.match_index = "", (), None
        self._summary = Summary.of(comparison)
        self.sub_title = terminal_safe(f"{comparison.left.source} ⟷ {comparison.right.source}")
        self.query_one(PaneTitles).show_documents(comparison.left, comparison.right)
        panes = self.query_one(SideBySide)
        panes.loading = False
        panes.focus()
        self._apply_filters(self.filters, keep=None)
        if self.model.differences:
            self._go_to(self._first_unreviewed())
        self._refresh_bindings_if_changed()

    def _first_unreviewed(self) -> int:
        """Where a review resumes: the first listed difference not yet reviewed (the first if all are)."""
        listed = self.model.differences
        return next(
            (n for n, change in enumerate(listed) if not self.model.mark(change).reviewed), 0
        )

    def _show_open_result(self, result: OpenResult | None) -> None:
        if result is None:
            return
        if result.message:
            carried = (
                f" ({result.carried_marks} of your marks carried over)"
                if result.carried_marks
                else ""
            )
            self.notify(
                result.message + carried,
                title="Changed since your review",
                severity="warning",
                timeout=20,
            )

    # ----- layout

    def on_resize(self, event) -> None:
        self._fit_layout(event.size.width, event.size.height)

    def _fit_layout(self, width: int, height: int) -> None:
        """Classes the stylesheet lays out by: the panel's place, and tight dialogs on a small terminal."""
        self.set_class(width < SMALL_WIDTH or height < SMALL_HEIGHT, "-small")
        body = self.query_one("#body")
        body.set_class(width < NARROW_WIDTH, "-narrow")
        body.set_class(height < SHORT_HEIGHT, "-short")

    # ----- state changes ("attributes down")

    def _apply_filters(self, filters: Filters, keep: int | None) -> None:
        """Rebuild what the panel and panes show; stay on change ``keep`` (or the next listed one)."""
        self.filters = filters
        marks = self.review.marks if self.review else {}
        self.model = (
            (self.model or ReaderModel(self.comparison))
            .with_filters(filters)
            .with_marks(dict(marks))
        )
        panes, panel = self.query_one(SideBySide), self.query_one(DiffPanel)
        panes.show_model(self.model)
        panel.show_model(self.model)
        self._refresh_overview()
        self.position = None
        position = None if keep is None else self.model.position_near(keep)
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
        change = self.model.differences[position]
        self.position = position
        self._at_ghost = False
        panes = self.query_one(SideBySide)
        panes.set_current(change)
        panes.scroll_to_row(self.model.row_of_change[change])
        self.query_one(DiffPanel).move_to(position)
        self._update_status()
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        """Re-check the footer's keys only when their state can differ (rebuilding it costs ~80 ms)."""
        change = self._current_change()
        state = (
            self.model is not None and bool(self.model.differences),
            bool(self.matches),
            bool(self.search_term),
            change is not None and self.comparison.changes[change].moved,
            self.review is not None and self.review.can_mark(change),
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _current_change(self) -> int | None:
        return None if self.position is None else self.model.differences[self.position]

    def _update_status(self) -> None:
        if self.comparison is None:
            return
        search = (
            Search(self.search_term, self.match_index, len(self.matches))
            if self.search_term
            else None
        )
        listed = len(self.model.differences)
        review = (self.review.reviewed, self.review.total) if self.review else None
        change = self._current_change()
        severity = (
            self._fact_severity(change) if change is not None and self.filters.facts_only else None
        )
        self.query_one(StatusBar).show(
            status_parts(
                self._summary,
                self.filters,
                self.position,
                listed,
                search,
                review,
                severity=severity,
            )
        )

    def _fact_severity(self, change: int) -> str | None:
        """The highest severity among the current difference's facts, for "fact 2 of 5, high"."""
        rank = severity_rank(self.comparison.changes[change])
        return SEVERITIES[rank] if rank < len(SEVERITIES) else None

    def _refresh_overview(self) -> None:
        panes = self.query_one(SideBySide)
        if self.model and panes.row_starts:
            self.query_one(Overview).show_rows(
                panes.row_starts,
                panes.virtual_size.height,
                self.model.row_changes,
                self.comparison,
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
        if self.model and event.position != self.position:
            self._go_to(event.position)

    @on(SideBySide.RowClicked)
    def _row_clicked(self, event: SideBySide.RowClicked) -> None:
        self._focus_side(event.side)
        position = self.model.position_of(event.change)
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
        panes = self.query_one(SideBySide)
        panes.scroll_to_line(event.line - panes.scrollable_content_region.height // 2, context=0)

    # ----- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what does not apply now (None), hide what is irrelevant (False)."""
        if isinstance(self.screen, StartScreen) and action in _READER_ACTIONS:
            return (
                False  # the start screen's footer shows its own keys (tab, quit, help still work)
            )
        if action in _MARK_ACTIONS:
            return (
                True
                if self.review is not None and self.review.can_mark(self._current_change())
                else None
            )
        if action in {
            "next",
            "previous",
            "first",
            "last",
            "moved_partner",
            "sentences",
            "switch_side",
            "copy",
            "edit",
            "export",
            "search",
        } or action.startswith("toggle_"):
            if self.model is None:
                return None
        if action in _CURRENT_ACTIONS:
            return True if self._current_change() is not None else None
        if action in {"next", "previous"}:
            return True if self.matches or self.model.differences else None
        if action in {"first", "last"}:
            return True if self.model.differences else None
        if action == "moved_partner":
            change = self._current_change()
            return True if change is not None and self.comparison.changes[change].moved else None
        if action == "sentences":
            change = self._current_change()
            has_sentences = change is not None and self.comparison.changes[change].sentences
            return True if has_sentences else None
        if action == "clear_search":
            return bool(self.search_term) or None
        return True

    def action_next(self) -> None:
        self._step(+1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self.matches:
            self._go_to_match((self.match_index + direction) % len(self.matches))
        elif self.model and self.model.differences:
            if self.position is None:
                self._go_to(0 if direction > 0 else len(self.model.differences) - 1)
            else:
                self._go_to(max(0, min(self.position + direction, len(self.model.differences) - 1)))

    def action_first(self) -> None:
        if self.model and self.model.differences:
            self._go_to(0)

    def action_last(self) -> None:
        if self.model and self.model.differences:
            self._go_to(len(self.model.differences) - 1)

    def action_moved_partner(self) -> None:
        change = self._current_change()
        if change is None or not self.comparison.changes[change].moved:
            return
        rows = self.model.ghost_row_of_change if not self._at_ghost else self.model.row_of_change
        if change in rows:
            self._at_ghost = not self._at_ghost
            self.query_one(SideBySide).scroll_to_row(rows[change])

    def action_sentences(self) -> None:
        change = self._current_change()
        if change is None:
            return
        c = self.comparison.changes[change]
        if c.sentences is None:
            self.notify(
                "this difference is on one side only: no sentences to pair", title="Sentences"
            )
            return
        title = f"Difference {self.position + 1}: {kind_title(c)} · {locator(c)} · {score_label(c)}"
        self.push_screen(SentenceView(title, sentence_pairs(c.sentences)))

    def action_switch_side(self) -> None:
        self._focus_side(LEFT if self.query_one(SideBySide).focus_side == RIGHT else RIGHT)

    def _focus_side(self, side: str) -> None:
        self.query_one(SideBySide).set_focus_side(side)
        self.query_one(PaneTitles).set_focus_side(side)

    def action_toggle_kind(self, number: int) -> None:
        if self.model:
            self._apply_filters(
                self.filters.toggle_kind(KIND_ORDER[number - 1]), keep=self._current_change()
            )

    def action_toggle_facts(self) -> None:
        self._toggle("facts_only")

    def action_toggle_changes_only(self) -> None:
        self._toggle("changes_only")

    def action_toggle_boilerplate(self) -> None:
        self._toggle("show_boilerplate")

    def action_toggle_unreviewed(self) -> None:
        self._toggle("unreviewed_only")

    def _toggle(self, name: str) -> None:
        if self.model:
            self._apply_filters(
                replace(self.filters, **{name: not getattr(self.filters, name)}),
                keep=self._current_change(),
            )
            self._save_preferences()

    # ----- the review

    def action_toggle_reviewed(self) -> None:
        """Mark reviewed and move on to the next unreviewed difference (a review is a walk); or unmark."""
        change = self._current_change()
        if self.review is None or not self.review.can_mark(change):
            return
        marking = not self.review.mark(change).reviewed
        self._change_mark(lambda mark: replace(mark, reviewed=not mark.reviewed))
        if marking:
            self._go_to_next_unreviewed(change)

    def _go_to_next_unreviewed(self, change: int) -> None:
        """Go to the first listed difference after ``change`` not yet reviewed, wrapping; stay if none is left."""
        listed = self.model.differences
        if not listed:
            return
        position = self.model.position_of(change)
        start = position + 1 if position is not None else self.model.position_near(change) or 0
        for step in range(len(listed)):
            candidate = (start + step) % len(listed)
            if not self.model.mark(listed[candidate]).reviewed:
                if candidate != self.position:
                    self._go_to(candidate)
                return

    def action_toggle_significant(self) -> None:
        self._change_mark(lambda mark: replace(mark, significant=not mark.significant))

    def action_note(self) -> None:
        change = self._current_change()
        if self.review is None or not self.review.can_mark(change):
            return
        c = self.comparison.changes[change]
        where = ", ".join(paragraph_number(i) for i in (c.right or c.left))
        title = f"Note on difference {self.position + 1} ({c.kind.value}, {'right' if c.right else 'left'} {where})"
        self.push_screen(
            NoteEditor(title, self.review.mark(change).note),
            lambda note: (
                None
                if note is None
                else self._change_mark(lambda mark: replace(mark, note=note), change)
            ),
        )

    def _change_mark(self, edit, change: int | None = None) -> None:
        """Apply ``edit`` to a difference's mark (the current one by default), show it, store it."""
        change = self._current_change() if change is None else change
        if self.review is None or not self.review.can_mark(change):
            return
        was_done = self.review.reviewed == self.review.total
        try:
            self.review.set(change, edit(self.review.mark(change)))
        except StateUnavailable as error:
            self._state_lost(error)
        self._apply_filters(self.filters, keep=change)
        if not was_done and self.review.reviewed == self.review.total:
            self.notify(
                f"all {self.review.total} differences reviewed; e writes a report with your notes",
                title="Review done",
            )

    # ----- copy and edit

    def action_copy(self) -> None:
        """Put the current difference on the clipboard (OSC 52: the terminal's own clipboard)."""
        change = self._current_change()
        if change is None:
            return
        mark = self.review.mark(change) if self.review else Mark()
        self.copy_to_clipboard(difference_text(self.comparison, change, mark))
        c = self.comparison.changes[change]
        self.notify(
            f"copied difference {self.position + 1} ({paragraph_numbers(c.left)}→"
            f"{paragraph_numbers(c.right)}) as text",
            title="Copied",
            timeout=4,
        )

    def action_edit(self) -> None:
        """Suspend the reader, open the side in focus at the current paragraph, come back after."""
        change = self._current_change()
        if change is None:
            return
        side = self.query_one(SideBySide).focus_side
        c = self.comparison.changes[change]
        document, indices = (
            (self.comparison.left, c.left) if side == LEFT else (self.comparison.right, c.right)
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

    def action_search(self) -> None:
        field = self.query_one("#search", Input)
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
        self.search_term = term
        self.matches = self.model.search(term) if self.model else ()
        self.match_index = 0 if self.matches else None
        self.query_one(SideBySide).set_matches(self.matches, self.match_index)
        self._update_status()
        self._refresh_bindings_if_changed()

    def _first_match_in_view(self) -> int:
        panes = self.query_one(SideBySide)
        top = round(panes.scroll_y)
        for number, match in enumerate(self.matches):
            if panes.match_line(match) >= top:
                return number
        return 0

    def _go_to_match(self, number: int) -> None:
        """Show match ``number`` with its paragraph from the start (the hit alone, near the top, when the paragraph is taller than the view)."""
        self.match_index = number
        match = self.matches[number]
        panes = self.query_one(SideBySide)
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
        field = self.query_one("#search", Input)
        field.display = False
        self.query_one(SideBySide).focus()

    def action_clear_search(self) -> None:
        field = self.query_one("#search", Input)
        if field.display:
            self._close_search_field()
            return
        self._run_search("")

    # ----- bugs

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: dict[str, DOMNode] | None = None,
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
        sources = f"left: {self.request.left}, right: {self.request.right}" if self.request else ""
        if self.comparison is not None:
            sources = f"left: {self.comparison.left.source}, right: {self.comparison.right.source}"
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
        if self.comparison is not None:
            review = dict(self.review.marks) if self.review else None
            dialog = ExportDialog(
                self.comparison, Path.cwd(), self.settings.export_format, review=review
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
        return [*self.BINDINGS, *DiffPanel.BINDINGS, *SideBySide.BINDINGS]


def _literal(text: str) -> str:
    """Each line of a notification terminal-safe (line breaks between them are ours)."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


_CURRENT_ACTIONS = frozenset({"copy", "edit"})  # need a current difference
_MARK_ACTIONS = frozenset({"toggle_reviewed", "toggle_significant", "note"})
_READER_ACTIONS = frozenset(binding.action.split("(")[0] for binding in CompareApp.BINDINGS) - {
    "quit",
    "help",
}


def run_app(
    request: CompareRequest | None,
    documents: tuple[Document, Document] | None = None,
    options: AppOptions = AppOptions(),
) -> None:
    """Open the reader on ``request`` (``documents``: its already loaded sides), or the start screen without one."""
    app = CompareApp(request, documents, options=options)
    app.run()
    if app.return_code and app.crash_logs:
        print(f"compare-tui: the crash is logged in {app.crash_logs[-1]}", file=sys.stderr)
