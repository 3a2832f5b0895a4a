"""A session of the app: what the command line and the settings file decided, read once.

:class:`~tui.engine.pipeline.SessionDefaults` says how *every* comparison of
the session is read and aligned (the engine's part); :class:`AppOptions` adds
how the app behaves (review state, the settings and their problems). The CLI
builds both with :func:`session_options` from the command line and the
settings file, read once, and hands them to the app, which never reads the
settings file itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.engine.pipeline import SessionDefaults
from tui.settings import Settings, load_settings

__all__ = ["AppOptions", "session_options"]


@dataclass(frozen=True, slots=True)
class AppOptions:
    """Session options for :class:`tui.app.app.CompareApp`.

    ``defaults``: how every comparison is read and aligned, also the ones
    opened from the start screen. ``settings``: the user's settings (theme,
    filters, export format). ``settings_warnings``: one-line problems found in
    the settings file, already printed on stderr, for the app to show as well;
    a file with problems is not rewritten behind the user's back.
    ``no_state``: neither read nor write the review database (``--no-state``).
    """

    defaults: SessionDefaults = field(default_factory=SessionDefaults)
    settings: Settings = field(default_factory=Settings)
    settings_warnings: tuple[str, ...] = ()
    no_state: bool = False


def session_options(
    *,
    threshold: float | None = None,
    left_format: str | None = None,
    right_format: str | None = None,
    max_bytes: int | None = None,
    no_state: bool = False,
) -> AppOptions:
    """The session from the command line's options (None: not given) and the settings file.

    The command line wins; the settings file fills in ``threshold``; the
    engine's defaults fill in the rest.
    """
    settings, warnings = load_settings()
    defaults = SessionDefaults(
        threshold=settings.threshold if threshold is None else threshold,
        left_format=left_format,
        right_format=right_format,
        **({} if max_bytes is None else {"max_bytes": max_bytes}),
    )
    return AppOptions(defaults, settings, tuple(warnings), no_state)
