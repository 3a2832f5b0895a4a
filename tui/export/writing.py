"""Writing reports safely: never half a file, never over anything but the user's report.

A report is written to a temporary file in the target directory and renamed
over the target, so a crash or a full disk leaves either the old file or the
new one, never a mix. The temporary file is created with the usual
permissions (0666 less the umask), so the report is as shareable as any file
the user saves — ``tempfile.mkstemp`` would make it private (0600).

What may be replaced is narrow on purpose (:func:`check_target`): a new name,
or with ``overwrite`` an existing regular file — never one of the inputs
being compared (``--export story.txt --force`` would replace the text with
its own report), never a device, FIFO or socket, or a link to one.

Temporary files never outlive the write: SIGTERM and SIGHUP during it remove
the file before the process ends as the signal asks, and a writer killed
outright (SIGKILL, power loss) leaves one that the next export to the same
folder sweeps away. The writer holds an advisory lock on its temporary file,
so the sweep can tell a dead writer's file from one being written right now.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any

from tui.engine.errors import ExportError

try:  # POSIX; elsewhere a killed writer's temporary file is left for the user
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["check_target", "write_atomically"]

#: The extensions reports are written with (see tui.export.FORMATS); only their temporary
#: files are ever swept.
REPORT_SUFFIXES = (".json", ".md", ".markdown", ".html", ".htm")
_TOKEN_HEX = 8
_TEMPORARY_TAIL = re.compile(rf"\.[0-9a-f]{{{_TOKEN_HEX}}}\.tmp")
_FALLBACK_NAME_MAX = 255
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def check_target(path: Path, *, overwrite: bool = False, inputs: Iterable[str] = ()) -> None:
    """Raise :class:`ExportError` unless a report may be written at ``path``.

    ``inputs`` are the sources being compared (paths, or "-" for standard
    input): a target that is one of them, through any name or link, is
    refused even with ``overwrite``.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return  # a new name (or a dangling link, which the rename replaces)
    except OSError as error:
        raise _cannot_write(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"cannot write report to {path}: it is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(
            f"cannot write report to {path}: it is not a regular file (a device, FIFO or socket); "
            "write to a file, or to '-' for standard output"
        )
    if (info.st_dev, info.st_ino) in _identities(inputs):
        raise ExportError(f"cannot write report to {path}: it is one of the inputs being compared")
    if not overwrite:
        raise ExportError(f"{path} already exists; use --force to overwrite it")


def write_atomically(
    path: Path, text: str | Iterable[str], *, overwrite: bool = False, inputs: Iterable[str] = ()
) -> Path:
    """Write ``text`` (or its pieces, one after another) to ``path`` (UTF-8) via a temporary
    file and a rename.

    Raises :class:`ExportError` when :func:`check_target` refuses ``path`` or
    its directory cannot be written.
    """
    check_target(path, overwrite=overwrite, inputs=inputs)
    folder = path.parent
    name_max = _name_max(folder)
    prefix = _temporary_prefix(path.name, name_max)
    _sweep_stale_temporaries(folder, name_max)
    temporary = folder / f"{prefix}.{secrets.token_hex(_TOKEN_HEX // 2)}.tmp"
    with _signals_interrupt():
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as error:
            raise _cannot_write(path, error) from None
        try:
            _lock(handle)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                if isinstance(text, str):
                    stream.write(text)
                else:
                    stream.writelines(text)
                stream.flush()
                check_target(path, overwrite=overwrite, inputs=inputs)  # nothing swapped in since
                os.replace(temporary, path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise _cannot_write(path, error) from None
        except BaseException:  # an encoding error, an interrupt, a signal: no stray temporary file
            temporary.unlink(missing_ok=True)
            raise
    return path


def _cannot_write(path: Path, error: OSError) -> ExportError:
    return ExportError(f"cannot write report to {path}: {error.strerror or error}")


def _identities(sources: Iterable[str]) -> set[tuple[int, int]]:
    """(device, inode) of each source that is a local file; standard input when it is one."""
    found = set()
    for source in sources:
        try:
            info = os.fstat(sys.stdin.fileno()) if source == "-" else os.stat(source)
        except (OSError, ValueError, AttributeError):  # a URL, a closed or missing stdin
            continue
        found.add((info.st_dev, info.st_ino))
    return found


# --------------------------------------------------------------------------- temporary names


def _name_max(folder: Path) -> int:
    """The longest file name, in bytes, that ``folder``'s file system allows."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return _FALLBACK_NAME_MAX


def _temporary_prefix(name: str, name_max: int) -> str:
    """ "." + ``name``, cut so the temporary name fits: a name that fits must not fail for its temporary twin.

    Cut in bytes (the limit is in bytes) and decoded with the file system's
    escapes, so a multi-byte character split at the cut still names the same bytes.
    """
    room = name_max - len(f"..{'0' * _TOKEN_HEX}.tmp")
    return "." + os.fsdecode(os.fsencode(name)[: max(room, 1)])


def _sweep_stale_temporaries(folder: Path, name_max: int) -> None:
    """Remove our temporary files in ``folder`` whose writer is gone (none holds their lock).

    Only names of our own pattern (:func:`_is_our_temporary`) that are regular
    files of this user; anything unexpected is left alone.
    """
    if fcntl is None:
        return
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if _is_our_temporary(entry.name, name_max):
            with suppress(OSError):
                _remove_if_abandoned(entry.path)


def _is_our_temporary(name: str, name_max: int) -> bool:
    """ ".<report name>.<8 hex>.tmp", the report name ending in a report extension or cut to fit."""
    tail = _TEMPORARY_TAIL.search(name)
    if not name.startswith(".") or tail is None or tail.end() != len(name):
        return False
    report = name[1 : tail.start()].lower()
    return report.endswith(REPORT_SUFFIXES) or len(os.fsencode(name)) == name_max


def _remove_if_abandoned(path: str) -> None:
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a live writer holds it
        os.unlink(path)
    finally:
        os.close(handle)


def _lock(handle: int) -> None:
    if fcntl is not None:
        with suppress(OSError):  # a file system without locks: the sweep may then take it
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


# --------------------------------------------------------------------------- signals


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived during a write; re-raised as the signal once cleaned up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated(signum)


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise, so cleanup runs; then the signal acts as it would have.

    Handlers can only be set from the main thread; elsewhere the block runs as is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_terminated) for signum in _SIGNALS}
    try:
        yield
    except _Terminated as caught:
        _restore(previous)
        signal.raise_signal(caught.signum)  # the previous handler, or the default: end the process
        raise SystemExit(128 + caught.signum) from None  # a handler that returned
    finally:
        _restore(previous)


def _restore(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        # None: a handler set outside Python, which cannot be put back; the default is closest.
        signal.signal(signum, signal.SIG_DFL if handler is None else handler)
