"""The reader's keys: what each one does, and the order the key bar offers them in.

They live apart from :class:`~tui.app.app.CompareApp` because they are a
table, read by the app, the key bar, the help screen and the command palette;
an action's key and tooltip are changed here, its behaviour in the app.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.wording import KIND_ORDER

__all__ = ["ESSENTIAL_KEYS", "KEY_PRIORITY", "READER_BINDINGS"]

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

KIND_BINDINGS = [
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
"""``1``…``7``: one key per kind, to show or hide its paragraphs in the panel."""

READER_BINDINGS: list[BindingType] = [
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
        "cancel_comparison",
        "Cancel",
        id="cancel",
        tooltip="Stop the comparison that is running (ctrl+c too)",
    ),
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
        tooltip="List the facts that changed, one row each, most serious first (enter goes to one); f again lists the differences",
    ),
    *KIND_BINDINGS,
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
