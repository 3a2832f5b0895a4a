"""The review database's tables, their migrations, and reading a row back.

A file may have been edited by hand or written by another program: a row's
values are checked on the way out, and one of the wrong type is read as its
default (and counted, so the store can say so) rather than trusted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime

from tui.review.marks import MARK_FIELDS, Mark, ReviewSummary

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "row_values", "valid_mark", "valid_summary"]


def _schema_v1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE pairs (
            pair_key TEXT PRIMARY KEY,
            left_hash TEXT NOT NULL,
            right_hash TEXT NOT NULL,
            left_source TEXT NOT NULL,
            right_source TEXT NOT NULL,
            opened_at REAL NOT NULL,
            open_seq INTEGER NOT NULL,
            total INTEGER NOT NULL)"""
    )
    db.execute("CREATE INDEX pairs_by_sources ON pairs (left_source, right_source, open_seq)")
    db.execute(
        """CREATE TABLE pair_changes (
            pair_key TEXT NOT NULL REFERENCES pairs ON DELETE CASCADE,
            change_key TEXT NOT NULL,
            PRIMARY KEY (pair_key, change_key))"""
    )
    db.execute(
        """CREATE TABLE marks (
            pair_key TEXT NOT NULL REFERENCES pairs ON DELETE CASCADE,
            change_key TEXT NOT NULL,
            reviewed INTEGER NOT NULL,
            significant INTEGER NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (pair_key, change_key))"""
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_schema_v1,)
"""Step ``i`` brings the schema from version ``i`` to ``i + 1``; append, never edit."""

SCHEMA_VERSION = len(MIGRATIONS)


_FLAGS = (0, 1)
#: Timestamps a review can carry: 1970 to the year 5138 (datetime's range is wider than the C library's).
_LATEST_TIMESTAMP = 1e11


def _shown(value: object) -> str:
    """A stored value in a message: its type and a short, escaped repr."""
    text = repr(value)
    return text if len(text) <= 20 else text[:19] + "…"


def valid_mark(reviewed: object, significant: object, note: object) -> tuple[Mark, int]:
    """The mark a row holds, each value of the wrong type read as its default; and how many were."""
    flags = [value in _FLAGS and type(value) is int for value in (reviewed, significant)]
    clean_note = note if isinstance(note, str) else ""
    mark = Mark(
        bool(reviewed) if flags[0] else False,
        bool(significant) if flags[1] else False,
        clean_note,
    )
    return mark, flags.count(False) + (not isinstance(note, str))


def row_values(mark: Mark, fields: Collection[str]) -> tuple[int, int, str]:
    """The row to insert for a new mark: ``mark``'s ``fields``, defaults for the rest."""
    blank = Mark()
    source = {name: getattr(mark if name in fields else blank, name) for name in MARK_FIELDS}
    return int(source["reviewed"]), int(source["significant"]), str(source["note"])


def _count(value: object) -> int | None:
    return value if type(value) is int and value >= 0 else None


def valid_summary(row: Sequence[object]) -> ReviewSummary | None:
    """A recent-list row, or None when a value has the wrong type (a hand-edited or foreign file)."""
    key, left, right, opened, total, reviewed, significant = row
    if not (isinstance(key, str) and isinstance(left, str) and isinstance(right, str)):
        return None
    if not (isinstance(opened, int | float) and 0 <= opened <= _LATEST_TIMESTAMP):
        return None
    counts = _count(total), _count(reviewed), _count(significant)
    if counts[0] is None or counts[1] is None or counts[2] is None:
        return None
    return ReviewSummary(
        key, left, right, datetime.fromtimestamp(opened, UTC), counts[1], counts[0], counts[2]
    )
