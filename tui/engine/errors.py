"""Errors the engine raises for problems a user can fix.

The CLI turns each into one line ``compare-tui: error: <message>`` and exit
status 2; the app shows the message. Anything else is a bug.
"""


class UserError(Exception):
    """A problem with what the user asked for; ``str(error)`` is the one-line message."""


class InputError(UserError):
    """An input cannot be read as text: missing, a directory, binary, empty, too large, ..."""


class ExportError(UserError):
    """A report cannot be written: unknown format, unwritable path, existing file, ..."""
