"""Writing reports safely: never half a file, never over the user's file without asking.

A report is written to a temporary file in the target directory and renamed
over the target, so a crash or a full disk leaves either the old file or the
new one, never a mix.
"""

from __future__ import annotations

import os
import tempfile
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
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise ExportError(f"cannot write report to {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"cannot write report to {path}: {error.strerror or error}") from None
    return path
