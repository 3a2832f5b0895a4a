"""Command palette entries: one per bound action, named as in the footer and help."""

from __future__ import annotations

from functools import partial
from typing import Protocol, runtime_checkable

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["ReaderCommands"]


@runtime_checkable
class _ReaderApp(Protocol):
    """What the palette needs of the app; a protocol, since the app module imports this one."""

    def reader_bindings(self) -> list[Binding]: ...


class ReaderCommands(Provider):
    """Every reader action (next difference, filters, search, export, help, ...).

    Theme switching comes from Textual's own system commands, kept alongside.
    """

    def _entries(self) -> list[tuple[str, str, str]]:
        if not isinstance(self.app, _ReaderApp):
            return []
        return [
            (binding.description, binding.tooltip or binding.description, binding.action)
            for binding in self.app.reader_bindings()
            if binding.description
            and self.app.check_action(binding.action.split("(")[0], ()) is not False
        ]

    async def discover(self) -> Hits:
        for title, help_text, action in self._entries():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
