"""What the command line tells the app beyond the comparison itself.

:class:`~tui.engine.pipeline.CompareRequest` says *what* to compare; these
options say how the session behaves (review state, settings problems to show),
so the engine's request stays free of UI concerns.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AppOptions"]


@dataclass(frozen=True, slots=True)
class AppOptions:
    """Session options for :func:`tui.app.app.run_app`.

    ``no_state``: neither read nor write the review database (``--no-state``,
    e.g. for CI). ``settings_warnings``: one-line problems found in the
    settings file, already printed on stderr, for the app to show as well.
    """

    no_state: bool = False
    settings_warnings: tuple[str, ...] = ()
