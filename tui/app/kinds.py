"""How each kind of change is named and marked on screen, in one place.

Marks are characters, not only colours, so the panes, the differences panel
and the overview strip stay readable without colour (and for colour-blind
readers). The filter keys 1..7 follow :data:`KIND_ORDER`.
"""

from __future__ import annotations

from tui.engine.model import Change, Kind

__all__ = [
    "BOILERPLATE_MARK",
    "KIND_ORDER",
    "KIND_MARK",
    "FACT_MARK",
    "change_mark",
    "kind_label",
    "overview_rank",
]

KIND_ORDER: tuple[Kind, ...] = (
    Kind.UNCHANGED,
    Kind.REWORDED,
    Kind.MOVED,
    Kind.SPLIT,
    Kind.MERGED,
    Kind.ADDED,
    Kind.DROPPED,
)

KIND_MARK: dict[Kind, str] = {
    Kind.UNCHANGED: " ",
    Kind.REWORDED: "~",
    Kind.MOVED: "↕",
    Kind.SPLIT: "<",  # one paragraph opens into several
    Kind.MERGED: ">",  # several close into one
    Kind.ADDED: "+",
    Kind.DROPPED: "-",
}

FACT_MARK = "!"
#: Boilerplate is its own kind on screen: never "+ added" or "- dropped".
BOILERPLATE_MARK = "·"

# Which kind wins when one cell of the overview strip covers several changes:
# whole paragraphs gained or lost matter most, rewording least.
_OVERVIEW_RANK = {
    Kind.UNCHANGED: 0,
    Kind.REWORDED: 1,
    Kind.SPLIT: 2,
    Kind.MERGED: 2,
    Kind.MOVED: 3,
    Kind.ADDED: 4,
    Kind.DROPPED: 4,
}


def kind_label(change: Change) -> str:
    """The kind's name, saying "moved" too for a split or merged group that moved.

    Boilerplate is named as such, whatever the aligner made of it: it is set
    aside, never counted as added or dropped.
    """
    if change.boilerplate:
        return "boilerplate"
    if change.moved and change.kind is not Kind.MOVED:
        return f"{change.kind.value}+moved"
    return change.kind.value


def change_mark(change: Change) -> str:
    """The change's mark in the panel and the gutter."""
    return BOILERPLATE_MARK if change.boilerplate else KIND_MARK[change.kind]


def overview_rank(change: Change) -> int:
    """How strongly a change should show in the overview strip (boilerplate barely)."""
    return 0 if change.boilerplate else _OVERVIEW_RANK[change.kind] + (5 if change.facts else 0)
