"""Writing reports safely: never half a file, never over the user's file without asking.

A report is written to a temporary file in the target directory and renamed
over the target, so a crash or a full disk leaves either the old file or the
new one, never a mix. The temporary file is created with the usual
permissions (0666 less the umask), so the report is as shareable as any file
the user saves — ``tempfile.mkstemp`` would make it private (0600).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from tui.engine.errors import ExportError

__all__ = ["write_atomically"]


def write_atomically(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` (UTF-8) via a temporary file and a rename.

    Raises :class:`ExportError` when ``path`` exists and ``overwrite`` is
    false, is a directory, or its directory cannot be written.
    """
    if path.is_dir():
        raise ExportError(f"cannot write report to {path}: it is a directory")
    if path.exists() and not overwrite:
        raise ExportError(f"{path} already exists; use --force to overwrite it")
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise ExportError(f"cannot write report to {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"cannot write report to {path}: {error.strerror or error}") from None
    except BaseException:  # an encoding error, an interrupt: still no stray temporary file
        temporary.unlink(missing_ok=True)
        raise
    return path
