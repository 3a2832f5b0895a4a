"""Regular expressions compiled once per installed copy, as Python compiles its modules once.

``re`` turns a pattern into the code of its C matcher in Python, on every start, and keeps
nothing between runs: the engine's ~170 rules (facts, furniture, tokens, formats; the largest
carry character classes of ~40,000 CJK code points, which ``re`` visits one by one) took
~0.15 s of the ~0.5 s a 40-paragraph ``--summary`` costs. :func:`compile` keeps that code in
a file beside the bytecode, under the same rules as ``.pyc`` files: in ``__pycache__`` or
under ``sys.pycache_prefix``, and never written when ``sys.dont_write_bytecode``
(``PYTHONDONTWRITEBYTECODE``) is set. A later run builds the pattern from the stored code,
in C, as ``re`` itself does as its last step.

The stored code is used only for the interpreter that wrote it (its full version and its
matcher's ``MAGIC``) and is checked by the matcher when the pattern is built; a missing,
stale or unreadable file, or an interpreter without these internals, only means compiling as
``re`` does. A pattern built from the file equals the one ``re.compile`` gives (``==`` on
patterns compares their code), which a test checks for every rule the engine compiles.

Engine modules compile their fixed rules with :func:`compile`, not ``re.compile``; a pattern
built from the input (a name to look for) stays with ``re``, whose cache lasts one process,
since kept here it would grow the file with every text compared.
"""

from __future__ import annotations

import atexit
import marshal
import re
import sys
from array import array
from importlib.util import cache_from_source
from pathlib import Path
from typing import Any

try:  # CPython's internals, the same calls re.compile makes
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another interpreter: compile as re does
    _sre = None

__all__ = ["compile", "cache_path"]

#: (pattern, flags) -> what _sre.compile needs besides the pattern: flags, code (its 32-bit
#: words as bytes: a quarter of the file and read in one step), groups, group indexes by name
#: and names by index.
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str, int]

_WORD = "I"  # the matcher's code words are 32-bit (SRE_CODE)
_INTERPRETER = (sys.version, getattr(_sre, "MAGIC", None), array(_WORD).itemsize)
_stored: dict[_Key, _Entry] | None = None  # read on first use
_new: dict[_Key, _Entry] = {}


def compile(source: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re's own name
    """``re.compile(source, flags)``, from the stored code when an earlier run compiled it."""
    if _sre is None:
        return re.compile(source, flags)
    flags = int(flags)
    key = (source, flags)
    entry = _stored_entries().get(key) or _new.get(key)
    if entry is not None:
        try:
            return _built(source, entry)
        except (RuntimeError, TypeError, ValueError):  # code from another matcher: compile it
            pass
    entry = _new[key] = _compiled(source, flags)
    return _built(source, entry)


def cache_path() -> Path:
    """Where the compiled rules are kept: beside this module's bytecode, per interpreter."""
    return Path(cache_from_source(__file__)).with_suffix(".sre")


def _built(source: str, entry: _Entry) -> re.Pattern[str]:
    """The pattern, built by the matcher from its code (which checks the code first)."""
    flags, code, groups, names, by_index = entry
    words = array(_WORD, code).tolist()
    return _sre.compile(source, flags, words, groups, names, by_index)  # type: ignore[no-any-return]


def _compiled(source: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` hands ``_sre.compile``: the parse, then the code."""
    parsed = _parser.parse(source, flags)
    code = array(_WORD, _compiler._code(parsed, flags)).tobytes()
    names: dict[str, int] = dict(parsed.state.groupdict)
    by_index: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(by_index)


def _stored_entries() -> dict[_Key, _Entry]:
    global _stored
    if _stored is None:
        _stored = _read(cache_path())
    return _stored


def _read(path: Path) -> dict[_Key, _Entry]:
    """The entries stored by this interpreter, or none (no file, another interpreter, damage)."""
    try:
        interpreter, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if interpreter != _INTERPRETER or not isinstance(entries, dict):
        return {}
    return entries


def _write() -> None:
    """At exit, the stored entries and this run's new ones, replaced in one step (another
    process may be reading or writing the same file). A rule changed in the source is a new
    entry; deleting the file (as one deletes ``__pycache__``) drops the old ones."""
    if not _new or sys.dont_write_bytecode:
        return
    import tempfile  # only a run that compiled a rule writes

    path = cache_path()
    entries: dict[Any, Any] = {**_read(path), **_new}
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            temporary = Path(file.name)
            file.write(marshal.dumps((_INTERPRETER, entries)))
        temporary.chmod(Path(__file__).stat().st_mode & 0o666)  # readable as the .pyc is
        temporary.replace(path)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


atexit.register(_write)
