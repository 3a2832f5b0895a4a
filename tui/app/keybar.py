"""The key bar under the reader: the keys that matter most, as many as fit, most important first.

Textual's ``Footer`` lays its keys out left to right in binding order and
clips the rest, so at 80 columns the help and quit keys fell off the end; it
also rebuilds a widget per key whenever the bindings change (tens of
milliseconds, on every filter key). This bar is one line of text: keys in the
order of ``priority`` (binding ids), each drawn whole or not at all; when even
the first few do not fit with their descriptions, the keys are shown bare,
help last with its word ("n p / f e q … ? Help"). Greyed keys (``check_action``
answered None) are drawn dim (a click on one does nothing, as with any greyed
key); a click on a key runs its action.
"""

from __future__ import annotations

from textual import events
from textual.binding import ActiveBinding
from textual.content import Content
from textual.dom import DOMNode
from textual.widget import Widget

__all__ = ["KeyBar"]

_KEY_STYLE = "$footer-key-foreground bold"
_DESCRIPTION_STYLE = "$footer-description-foreground"
_DISABLED_STYLE = "$text-disabled"
_HELP_ID = "help"
_PALETTE = Content.assemble(("^p ", _KEY_STYLE), ("palette ", _DESCRIPTION_STYLE))


class KeyBar(Widget):
    """One line of keys, laid out by priority (see the module docstring)."""

    DEFAULT_CSS = """
    KeyBar { height: 1; background: $footer-background; text-wrap: nowrap; padding: 0 0 0 1; }
    """

    def __init__(self, priority: tuple[str, ...], essential: int, *, id: str | None = None) -> None:
        """``priority``: binding ids, most important first; the first ``essential`` must show."""
        super().__init__(id=id)
        self._priority = {binding_id: rank for rank, binding_id in enumerate(priority)}
        self._essential = essential
        # (first cell, end cell, action or "" when greyed, node)
        self._hits: list[tuple[int, int, str, DOMNode]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def _keys(self) -> list[ActiveBinding]:
        shown = [active for active in self.screen.active_bindings.values() if active.binding.show]
        last = len(self._priority)
        return sorted(shown, key=lambda active: self._priority.get(active.binding.id or "", last))

    def render(self) -> Content:
        width = self.size.width
        keys = self._keys()
        described = [(active, self._label(active, described=True)) for active in keys]
        if sum(label.cell_length for _, label in described[: self._essential]) <= width:
            chosen = [(_action(a), a.node, label) for a, label in _fit(described, width)]
            room = width - sum(label.cell_length for _, _, label in chosen)
            if len(chosen) == len(described) and room >= _PALETTE.cell_length:
                chosen.append(("command_palette", self.app, _PALETTE))
        else:
            helps = [(a, label) for a, label in described if a.binding.id == _HELP_ID]
            bare = [(a, self._label(a, described=False)) for a in keys if a.binding.id != _HELP_ID]
            room = width - sum(label.cell_length for _, label in helps)
            chosen = [(_action(a), a.node, label) for a, label in _fit(bare, room) + helps]
        self._hits, used = [], 0
        for action, node, label in chosen:
            self._hits.append((used, used + label.cell_length, action, node))
            used += label.cell_length
        return Content("").join(label for _, _, label in chosen)

    def _label(self, active: ActiveBinding, *, described: bool) -> Content:
        """``n Next `` (one space between keys: the key's colour sets them apart), or ``n ``."""
        key = self.app.get_key_display(active.binding)
        if not active.enabled:
            text = f"{key} {active.binding.description} " if described else f"{key} "
            return Content.styled(text, _DISABLED_STYLE)
        if not described:
            return Content.styled(f"{key} ", _KEY_STYLE)
        return Content.assemble(
            (f"{key} ", _KEY_STYLE), (f"{active.binding.description} ", _DESCRIPTION_STYLE)
        )

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for first, end, action, node in self._hits:
            if first <= offset.x < end and action:
                await self.app.run_action(action, node)
                return


def _fit(
    labelled: list[tuple[ActiveBinding, Content]], width: int
) -> list[tuple[ActiveBinding, Content]]:
    """The leading labels that fit in ``width`` cells together: the first that does not ends the bar."""
    chosen, used = [], 0
    for active, label in labelled:
        if used + label.cell_length > width:
            break
        chosen.append((active, label))
        used += label.cell_length
    return chosen


def _action(active: ActiveBinding) -> str:
    """The action a click on the key runs: none for a greyed key."""
    return active.binding.action if active.enabled else ""
