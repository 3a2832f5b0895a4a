"""The user's settings as the reader's filters, and back.

The settings file speaks in kind names; the reader in :class:`Filters`. What
is saved: the kinds the panel lists, boilerplate shown or hidden, unchanged
paragraphs shown in the panes or not (``c``), the theme and the last export
format. What is not: the facts-only and unreviewed-only views and a search,
which belong to one sitting.

``unchanged`` in ``kinds_filter``: the panel never lists unchanged
paragraphs at start (key ``1`` lists them for the sitting); whether they are
*shown in the panes* is ``show_unchanged``. The name stays in the saved list
so the file keeps the default's shape and is never an empty list.
"""

from __future__ import annotations

from dataclasses import replace

from tui.app.view_model import Filters
from tui.engine.model import Kind
from tui.settings import ALL_KINDS, Settings

__all__ = ["filters_from_settings", "settings_with_filters"]


def filters_from_settings(settings: Settings) -> Filters:
    kinds = frozenset(Kind(name) for name in settings.kinds_filter if name != Kind.UNCHANGED.value)
    return Filters(
        kinds=kinds,
        changes_only=not settings.show_unchanged,
        show_boilerplate=settings.show_boilerplate,
    )


def settings_with_filters(settings: Settings, filters: Filters) -> Settings:
    listed = {kind.value for kind in filters.kinds} | {Kind.UNCHANGED.value}
    return replace(
        settings,
        kinds_filter=tuple(name for name in ALL_KINDS if name in listed),
        show_unchanged=not filters.changes_only,
        show_boilerplate=filters.show_boilerplate,
    )
