"""What the command line tells the app beyond the comparison itself.

:class:`~tui.engine.pipeline.CompareRequest` says *what* to compare; these
options say how the session behaves (review state, settings and their
problems), so the engine's request stays free of UI concerns.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.settings import Settings

__all__ = ["AppOptions"]


@dataclass(frozen=True, slots=True)
class AppOptions:
    """Session options for :func:`tui.app.app.run_app`.

    ``no_state``: neither read nor write the review database (``--no-state``,
    e.g. for CI). ``settings``: the settings the CLI loaded, or None for the
    app to load them itself. ``settings_warnings``: one-line problems found in
    the settings file, already printed on stderr, for the app to show as well.
    """

    no_state: bool = False
    settings_warnings: tuple[str, ...] = ()
    settings: Settings | None = None
