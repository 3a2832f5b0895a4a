"""User settings: a small flat TOML file in the user config directory.

Why this shape
--------------
* Settings are a preference, never a reason not to start: :func:`load_settings`
  never raises. A missing file means defaults; an unknown key, a bad value or a
  broken file is a one-line warning and the default is used for what was bad.
* One table of validators serves both loading and :class:`Settings` itself, so
  an invalid value cannot exist in memory and cannot be written back.
* The file holds only strings, numbers, booleans and lists of strings, so a
  tiny writer is enough (tomllib reads; the standard library has no writer and
  a dependency is not worth it for eight lines). Writes are atomic: a crash
  mid-save leaves the previous file intact.

This module has no Textual import; the app calls it. Themes are kept as given:
the app knows which themes exist and validates the name.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from tui.engine.model import Kind

__all__ = [
    "ALL_KINDS",
    "EXPORT_FORMATS",
    "MAX_SETTINGS_BYTES",
    "Settings",
    "SettingsError",
    "load_settings",
    "save_settings",
    "settings_path",
    "to_toml",
    "with_value",
]

ALL_KINDS: tuple[str, ...] = tuple(kind.value for kind in Kind)
EXPORT_FORMATS: tuple[str, ...] = ("html", "md", "json")


class SettingsError(Exception):
    """The settings file cannot be written; ``str(error)`` is a one-line reason."""


# --------------------------------------------------------------------------- validators
# Each takes a raw value and returns the clean one, or raises ValueError whose
# message completes "<key> must be ...".


def _theme(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty string")
    return value


def _threshold(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a number greater than 0")
    if not (math.isfinite(value) and value > 0):
        raise ValueError("a number greater than 0")
    return float(value)


def _export_format(value: Any) -> str:
    if not isinstance(value, str) or value not in EXPORT_FORMATS:
        raise ValueError("one of " + ", ".join(f'"{name}"' for name in EXPORT_FORMATS))
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def _kinds(value: Any) -> tuple[str, ...]:
    """A non-empty list of kind names; kept in the engine's order, without repeats."""
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ValueError("a list of kinds: " + ", ".join(ALL_KINDS))
    unknown = [name for name in value if name not in ALL_KINDS]
    if unknown or not value:
        raise ValueError("a non-empty list of kinds from: " + ", ".join(ALL_KINDS))
    return tuple(kind for kind in ALL_KINDS if kind in value)


_VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "theme": _theme,
    "threshold": _threshold,
    "export_format": _export_format,
    "show_boilerplate": _flag,
    "show_unchanged": _flag,
    "kinds_filter": _kinds,
}


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user chose; every field has a default that works without a file.

    ``threshold`` scales the alignment thresholds like ``--threshold``;
    ``kinds_filter`` lists the kinds of difference the panel shows.
    """

    theme: str = "textual-dark"
    threshold: float = 1.0
    export_format: str = "html"
    show_boilerplate: bool = False
    show_unchanged: bool = True
    kinds_filter: tuple[str, ...] = ALL_KINDS

    def __post_init__(self) -> None:
        for name, validate in _VALIDATORS.items():
            try:
                object.__setattr__(self, name, validate(getattr(self, name)))
            except ValueError as error:
                raise ValueError(f"{name} must be {error}") from None


def with_value(settings: Settings, key: str, value: Any) -> Settings:
    """A copy with one setting changed; ValueError (one line) for an unknown key or bad value."""
    if key not in _VALIDATORS:
        raise ValueError(f"unknown setting {key!r}")
    return replace(settings, **{key: value})


# --------------------------------------------------------------------------- reading


def settings_path() -> Path:
    """Where the settings file lives (printed by ``compare-tui --config-path``)."""
    return Path(platformdirs.user_config_dir("compare-tui")) / "settings.toml"


#: A settings file is a few hundred bytes; anything far larger is not one.
MAX_SETTINGS_BYTES = 64 * 1024


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings in ``path`` (default :func:`settings_path`) and one-line warnings; never raises."""
    path = settings_path() if path is None else Path(path)
    try:
        content = _read_settings_file(path)
    except FileNotFoundError:
        return Settings(), []
    except OSError as error:
        return Settings(), [f"{path}: cannot read settings ({_first_line(error)}); using defaults"]
    import tomllib  # here: most runs have no settings file, and the parser costs ~10 ms to import

    try:
        raw = tomllib.loads(content.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return Settings(), [f"{path}: cannot read settings ({_first_line(error)}); using defaults"]
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        return Settings(), [f"{path}: cannot read settings (nested too deep); using defaults"]
    return _from_table(raw, path)


def _read_settings_file(path: Path) -> bytes:
    """The file's bytes; a FIFO, a device or anything over :data:`MAX_SETTINGS_BYTES` is an OSError.

    Opened without blocking and checked on the open descriptor, so a FIFO
    cannot hang the start and a link to /dev/zero is not read without end.
    """
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError("not a regular file")
        data = stream.read(MAX_SETTINGS_BYTES + 1)
    if len(data) > MAX_SETTINGS_BYTES:
        raise OSError(f"larger than {MAX_SETTINGS_BYTES // 1024} KiB")
    return data


def _from_table(raw: dict[str, Any], path: Path) -> tuple[Settings, list[str]]:
    """Keep every valid known key; warn about each unknown key and each bad value."""
    defaults = Settings()
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        validate = _VALIDATORS.get(key)
        if validate is None:
            warnings.append(f"{path}: unknown setting {key!r} ignored")
            continue
        try:
            values[key] = validate(value)
        except ValueError as error:
            default = getattr(defaults, key)
            warnings.append(
                f"{path}: {key} must be {error}, not {_toml_value(value, 40)}; using {_toml_value(default)}"
            )
    return Settings(**values), warnings


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


# --------------------------------------------------------------------------- writing


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically (temp file + rename), creating the directory.

    Raises :class:`SettingsError` with a one-line reason when it cannot; the
    previous file is then left untouched. Comments in a hand-edited file are
    not preserved.
    """
    path = settings_path() if path is None else Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_atomically(path, to_toml(settings))
    except OSError as error:
        raise SettingsError(f"cannot save settings to {path}: {_first_line(error)}") from error


def _replace_atomically(path: Path, text: str) -> None:
    import tempfile  # only saving pays for its import (~5 ms of every start)

    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def to_toml(settings: Settings) -> str:
    """The settings as a flat TOML document, one ``key = value`` line per field."""
    lines = ["# compare-tui settings. Unknown keys and bad values are ignored with a warning."]
    lines += [
        f"{field.name} = {_toml_value(getattr(settings, field.name))}" for field in fields(settings)
    ]
    return "\n".join(lines) + "\n"


def _toml_value(value: Any, limit: int | None = None, depth: int = 0) -> str:
    """TOML for the few types settings use; anything else (only in warnings) via repr.

    Lists nested deeper than settings ever are (only in warnings about them)
    are cut to "[…]", so a hostile file cannot make this recurse without end.
    """
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float):
        text = (
            repr(value)
            if math.isfinite(value)
            else ("nan" if math.isnan(value) else f"{'-' if value < 0 else ''}inf")
        )
    elif isinstance(value, str):
        text = _toml_string(value)
    elif isinstance(value, list | tuple):
        items = (_toml_value(item, depth=depth + 1) for item in value) if depth < 2 else ("…",)
        text = "[" + ", ".join(items) + "]"
    else:
        text = repr(value)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'
