"""The reader: a Textual app showing a comparison side by side.

:func:`run_app` is what the CLI calls; :class:`CompareApp` is the app factory
tests reuse (give it a ready ``comparison`` to skip the worker). The app holds
the state (filters, current difference, search) and sets it on the widgets;
the widgets report clicks and scrolling with messages.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input

from tui.app.bars import PaneTitles, StatusBar, Summary, status_text
from tui.app.commands import ReaderCommands
from tui.app.export_dialog import ExportDialog
from tui.app.help_screen import HelpScreen
from tui.app.kinds import KIND_ORDER
from tui.app.overview import Overview
from tui.app.panel import DiffPanel
from tui.app.panes import SideBySide
from tui.app.view_model import Filters, Match, ReaderModel
from tui.engine.errors import UserError
from tui.engine.model import Comparison, Document
from tui.engine.pipeline import CompareRequest

__all__ = ["CompareApp", "run_app"]

NARROW_WIDTH = 110  # below this the panel moves under the panes
SHORT_HEIGHT = 18  # below this the panel is hidden

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
        Binding("n", "next", "Next", id="next", tooltip="Next difference (next search match while searching)"),
        Binding("p", "previous", "Prev", id="previous", tooltip="Previous difference (previous search match while searching)"),
        Binding("g", "first", "First difference", show=False, id="first", tooltip="Go to the first difference"),
        Binding("G", "last", "Last difference", show=False, id="last", tooltip="Go to the last difference"),
        Binding("m", "moved_partner", "Moved", id="moved", tooltip="Jump between a moved paragraph and its old place"),
        Binding("slash", "search", "Search", id="search", tooltip="Search both texts"),
        Binding("escape", "clear_search", "Clear search", show=False, id="clear_search", tooltip="Stop searching"),
        Binding("c", "toggle_changes_only", "Changes only", id="changes_only", tooltip="Hide unchanged paragraphs in the panes"),
        Binding("b", "toggle_boilerplate", "Boilerplate", id="boilerplate", tooltip="Show or hide boilerplate (bylines, links, forum chrome)"),
        Binding("f", "toggle_facts", "Facts", id="facts", tooltip="List only differences with fact drift"),
        *_KIND_BINDINGS,
        Binding("e", "export", "Export", id="export", tooltip="Write an HTML, Markdown or JSON report"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show this help: every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit compare-tui"),
    ]

    def __init__(
        self,
        request: CompareRequest | None = None,
        documents: tuple[Document, Document] | None = None,
        *,
        comparison: Comparison | None = None,
    ) -> None:
        super().__init__()
        if request is None and comparison is None:
            raise ValueError("CompareApp needs a request or a comparison")
        self.request = request
        self.documents = documents
        self.comparison: Comparison | None = None
        self.model: ReaderModel | None = None
        self.filters = Filters()
        self.position: int | None = None  # index into model.differences
        self.search_term = ""
        self.matches: tuple[Match, ...] = ()
        self.match_index: int | None = None
        self._at_ghost = False
        self._given = comparison
        self._binding_state: tuple[bool, ...] = ()

    # ----- composition and loading

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield DiffPanel(id="panel")
            with Vertical(id="reader"):
                yield PaneTitles(id="titles")
                with Horizontal(id="panes-row"):
                    yield SideBySide(id="panes")
                    yield Overview(id="overview")
        yield Input(placeholder="search both texts (enter: find, escape: cancel)", id="search")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._fit_layout(self.size.width, self.size.height)
        if self._given is not None:
            self.show_comparison(self._given)
        else:
            self.query_one(SideBySide).loading = True
            self.query_one(StatusBar).show(self._loading_message())
            self._compare()

    def _loading_message(self) -> str:
        if self.documents:
            left, right = self.documents
            return f"Comparing {len(left.paragraphs):,} and {len(right.paragraphs):,} paragraphs…"
        return "Loading and comparing…"

    @work(thread=True, exclusive=True, group="compare")
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
        self.call_from_thread(self.show_comparison, comparison)

    def _show_error(self, message: str) -> None:
        self.query_one(SideBySide).loading = False
        self.query_one(StatusBar).show(f"error: {message}")
        self.notify(message, title="Cannot compare", severity="error", timeout=30)

    def show_comparison(self, comparison: Comparison) -> None:
        """Show a finished comparison and go to its first difference."""
        self.comparison, self.model = comparison, None
        self._summary = Summary.of(comparison)
        self.sub_title = f"{comparison.left.source} ⟷ {comparison.right.source}"
        self.query_one(PaneTitles).show_sources(comparison.left.source, comparison.right.source)
        panes = self.query_one(SideBySide)
        panes.loading = False
        panes.focus()
        self._apply_filters(self.filters, keep=None)
        if self.model.differences:
            self._go_to(0)
        self._refresh_bindings_if_changed()

    # ----- layout

    def on_resize(self, event) -> None:
        self._fit_layout(event.size.width, event.size.height)

    def _fit_layout(self, width: int, height: int) -> None:
        body = self.query_one("#body")
        body.set_class(width < NARROW_WIDTH, "-narrow")
        body.set_class(height < SHORT_HEIGHT, "-short")

    # ----- state changes ("attributes down")

    def _apply_filters(self, filters: Filters, keep: int | None) -> None:
        """Rebuild what the panel and panes show; stay on change ``keep`` (or the next listed one)."""
        self.filters = filters
        self.model = (self.model or ReaderModel(self.comparison)).with_filters(filters)
        panes, panel = self.query_one(SideBySide), self.query_one(DiffPanel)
        panes.show_model(self.model)
        panel.show_model(self.model)
        self._refresh_overview()
        self.position = None
        differences = self.model.differences
        if keep is not None and differences:
            following = [n for n, change in enumerate(differences) if change >= keep]
            self._go_to(following[0] if following else len(differences) - 1)
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
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _current_change(self) -> int | None:
        return None if self.position is None else self.model.differences[self.position]

    def _update_status(self) -> None:
        if self.comparison is None:
            return
        search = None
        if self.search_term:
            where = f"{self.match_index + 1}/{len(self.matches)}" if self.matches else "no matches"
            search = f"search {self.search_term!r}: {where} (n/p, escape clears)"
        listed = len(self.model.differences)
        self.query_one(StatusBar).show(status_text(self._summary, self.filters, self.position, listed, search))

    def _refresh_overview(self) -> None:
        panes = self.query_one(SideBySide)
        starts = panes.row_starts
        if not self.model or not starts:
            return
        total = panes.virtual_size.height
        ends = starts[1:] + (total,)
        changes = self.comparison.changes
        spans = [(start, end, changes[row.change]) for start, end, row in zip(starts, ends, self.model.rows)]
        self.query_one(Overview).show_rows(spans, total)

    # ----- messages from the widgets

    @on(DiffPanel.Picked)
    def _picked(self, event: DiffPanel.Picked) -> None:
        if self.model and event.position != self.position:
            self._go_to(event.position)

    @on(SideBySide.RowClicked)
    def _row_clicked(self, event: SideBySide.RowClicked) -> None:
        if event.change in self.model.differences:
            self._go_to(self.model.differences.index(event.change))
            if event.ghost:
                self.action_moved_partner()

    @on(SideBySide.Scrolled)
    def _scrolled(self, event: SideBySide.Scrolled) -> None:
        overview = self.query_one(Overview)
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
        if action in {"next", "previous", "first", "last", "moved_partner", "export", "search"} or action.startswith("toggle_"):
            if self.model is None:
                return None
        if action in {"next", "previous"}:
            return True if self.matches or self.model.differences else None
        if action in {"first", "last"}:
            return True if self.model.differences else None
        if action == "moved_partner":
            change = self._current_change()
            return True if change is not None and self.comparison.changes[change].moved else None
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

    def action_toggle_kind(self, number: int) -> None:
        if self.model:
            self._apply_filters(self.filters.toggle_kind(KIND_ORDER[number - 1]), keep=self._current_change())

    def action_toggle_facts(self) -> None:
        self._toggle("facts_only")

    def action_toggle_changes_only(self) -> None:
        self._toggle("changes_only")

    def action_toggle_boilerplate(self) -> None:
        self._toggle("show_boilerplate")

    def _toggle(self, name: str) -> None:
        if self.model:
            self._apply_filters(replace(self.filters, **{name: not getattr(self.filters, name)}), keep=self._current_change())

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
        self.match_index = number
        panes = self.query_one(SideBySide)
        panes.set_matches(self.matches, number)
        panes.scroll_to_line(panes.match_line(self.matches[number]), context=2)
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

    # ----- screens

    def action_export(self) -> None:
        if self.comparison is not None:
            self.push_screen(ExportDialog(self.comparison, Path.cwd()), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"wrote report to {path}", title="Exported")

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.reader_bindings()))

    def reader_bindings(self) -> list[Binding]:
        """Every key binding of the reader, for the help screen and the command palette."""
        return [*self.BINDINGS, *DiffPanel.BINDINGS, *SideBySide.BINDINGS]


def run_app(request: CompareRequest, documents: tuple[Document, Document] | None = None) -> None:
    """Open the reader on ``request``; ``documents`` are the already loaded sides, if any."""
    CompareApp(request, documents).run()
