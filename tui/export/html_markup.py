"""The HTML report's markup primitives, shared by the page and its alignment map.

Every piece of input text reaches the page through :func:`html_text`, so
nothing a compared text contains can open an element or end a cell; a
difference's anchor and its kind's CSS class are spelled here once, so the
map's bars link to the rows the page anchors.
"""

from __future__ import annotations

import html

from tui.engine.model import Change
from tui.engine.safe_text import printable

__all__ = ["change_anchor", "html_text", "kind_class"]


def html_text(text: str) -> str:
    """Input text as inert HTML: visible control characters, every markup character escaped."""
    return html.escape(printable(text), quote=True)


def change_anchor(change_index: int) -> str:
    """The id of a difference's row in the page."""
    return f"c{change_index}"


def kind_class(change: Change) -> str:
    """The CSS class that colours a change by its kind (boilerplate set apart)."""
    return "k-boilerplate" if change.boilerplate else f"k-{change.kind.value}"
