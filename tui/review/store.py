"""The review store: marks and notes per difference, and the recent comparisons, in one SQLite file.

Every failure of the file (locked, corrupt, unwritable, from a newer version)
is :class:`StateUnavailable` with a one-line reason; :func:`open_store` then
hands the app a :class:`NullStore`, so the state never stops a review.
:func:`stored_review` is the read-only path of a headless export.
"""

from __future__ import annotations

import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import platformdirs

from tui.engine.model import Comparison
from tui.engine.safe_text import escape_undecodable
from tui.review.keys import ComparisonKeys, comparison_keys, marks_by_change
from tui.review.marks import MARK_FIELDS, Mark, OpenResult, ReviewSummary
from tui.review.schema import MIGRATIONS, SCHEMA_VERSION, row_values, valid_mark, valid_summary

__all__ = [
    "APP_NAME",
    "BUSY_TIMEOUT_SECONDS",
    "NullStore",
    "ReviewStore",
    "StateUnavailable",
    "default_state_path",
    "open_store",
    "source_identity",
    "stored_review",
]

APP_NAME = "compare-tui"
BUSY_TIMEOUT_SECONDS = 2.0
"""Long enough to wait out another instance's short write, short enough that a
stuck lock does not freeze the app: after it, the state is reported unavailable."""


class StateUnavailable(Exception):
    """The review database cannot be used; ``str(error)`` is a one-line reason for the user."""


def default_state_path() -> Path:
    """Where the review database lives: the platform's user data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "review.sqlite3"


def _unavailable(path: Path, error: BaseException) -> StateUnavailable:
    """Turn a low-level error into one line a reviewer can act on."""
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    if "locked" in reason or "busy" in reason:
        reason = "it is locked by another program (another compare-tui?)"
    elif "not a database" in reason or "malformed" in reason:
        reason = "it is corrupt (move it away to start afresh)"
    return StateUnavailable(f"review state {path} unavailable: {reason}")


def _require_regular_file(path: Path) -> None:
    """A FIFO, a device or a link to one is not a database (SQLite would block or fail obscurely)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise OSError("it is not a regular file")


def _read_only_query(path: Path) -> str:
    """SQLite's URI options to read ``path`` without writing anything beside it.

    Without a write-ahead log beside it the file holds every commit, and
    ``immutable`` reads it as it is: no -wal or -shm file is made (a plain
    ``mode=ro`` creates both for a WAL database and leaves them). With a log,
    another instance is writing, so the log must be read, through its files.
    """
    return "mode=ro" if path.with_name(path.name + "-wal").exists() else "mode=ro&immutable=1"


def _shown(value: object) -> str:
    """A stored value in a message: its type and a short, escaped repr."""
    text = repr(value)
    return text if len(text) <= 20 else text[:19] + "…"


class ReviewStore:
    """Marks and notes per difference, and the recent comparisons, in one SQLite file.

    Every method raises :class:`StateUnavailable` instead of a sqlite error, so
    the app can warn once and switch to a :class:`NullStore`.
    """

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self._path = path
        self._lock = threading.Lock()  # the app may call from a worker thread
        self._warnings: list[str] = []

    @classmethod
    def open(
        cls, path: Path | None = None, *, timeout: float = BUSY_TIMEOUT_SECONDS
    ) -> ReviewStore:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date."""
        path = default_state_path() if path is None else Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _require_regular_file(path)
            db = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as error:
            raise _unavailable(path, error) from error
        store = cls(db, path)
        try:
            store._prepare()
        except BaseException:
            db.close()
            raise
        return store

    @classmethod
    def open_read_only(
        cls, path: Path, *, timeout: float = BUSY_TIMEOUT_SECONDS
    ) -> ReviewStore | None:
        """The database at ``path`` for reading only, or None when it holds no review yet.

        Never creates the file, its schema or anything in it: a headless
        export only reads, so an empty file stays empty and a read-only file
        still gives its marks.
        """
        try:
            if not path.exists():
                return None
            _require_regular_file(path)
            db = sqlite3.connect(
                f"{path.absolute().as_uri()}?{_read_only_query(path)}",
                uri=True,
                timeout=timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as error:
            raise _unavailable(path, error) from error
        store = cls(db, path)
        try:
            with store._reading() as reading:
                version = store._schema_version(reading)
        except BaseException:
            db.close()
            raise
        if version == 0:
            db.close()
            return None
        return store

    @property
    def path(self) -> Path:
        return self._path

    def close(self) -> None:
        """Close once no read or write is under way: SQLite frees the connection's memory on
        close, so closing under a worker's query (the app quitting while a comparison opens its
        review) crashed the process. A use after close is :class:`StateUnavailable`."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- plumbing

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as error:
                raise _unavailable(self._path, error) from error

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction; IMMEDIATE takes the write lock up front so waits hit the busy timeout."""
        with self._reading() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _prepare(self) -> None:
        with self._reading() as db:
            db.execute("PRAGMA foreign_keys = ON")
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
        with self._writing() as db:
            self._migrate(db)

    def _migrate(self, db: sqlite3.Connection) -> None:
        """Run the migrations the file has not seen yet; refuse a file from a newer version."""
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        version = self._schema_version(db)
        for step in MIGRATIONS[version:]:
            step(db)
        db.execute("DELETE FROM schema_version")
        db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))

    def _schema_version(self, db: sqlite3.Connection) -> int:
        """The file's schema version (0: none yet); a newer or unreadable one is :class:`StateUnavailable`."""
        has_table = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        rows = db.execute("SELECT version FROM schema_version").fetchall() if has_table else []
        if not rows:
            return 0
        version = rows[0][0]
        if len(rows) > 1 or type(version) is not int or not 0 <= version:
            raise StateUnavailable(
                f"review state {self._path} unavailable: its schema version is damaged "
                f"({_shown(rows[0][0])}; move it away to start afresh)"
            )
        if version > SCHEMA_VERSION:
            raise StateUnavailable(
                f"review state {self._path} unavailable: it was written by a newer compare-tui (schema {version})"
            )
        return version

    def take_warnings(self) -> list[str]:
        """What the reads so far found damaged (values of the wrong type, read as defaults), once."""
        warnings, self._warnings = self._warnings, []
        return warnings

    def data_version(self) -> int:
        """A number that changes whenever *another* connection commits (SQLite's data_version)."""
        with self._reading() as db:
            return int(db.execute("PRAGMA data_version").fetchone()[0])

    # -- API

    def record_open(self, keys: ComparisonKeys, left_source: str, right_source: str) -> OpenResult:
        """Note that a comparison was opened now, and compare it with the last review of the same names.

        ``keys`` are the comparison's (:func:`~tui.review.keys.comparison_keys`), one change
        key per difference. When the same source names were last reviewed with other
        content, the marks of differences that are still there are carried over to this
        comparison, so an edit on one side does not throw the review away.
        """
        with self._writing() as db:
            known = (
                db.execute("SELECT 1 FROM pairs WHERE pair_key = ?", (keys.pair_key,)).fetchone()
                is not None
            )
            previous = self._previous_review(db, keys.pair_key, left_source, right_source)
            self._upsert_pair(db, keys, left_source, right_source)
            db.execute("DELETE FROM pair_changes WHERE pair_key = ?", (keys.pair_key,))
            db.executemany(
                "INSERT OR IGNORE INTO pair_changes VALUES (?, ?)",
                ((keys.pair_key, k) for k in keys.change_keys),
            )
            if previous is None:
                return OpenResult(first_open=not known)
            return self._carry_over(db, previous, keys, known)

    def marks(self, pair_key: str) -> dict[str, Mark]:
        """Every mark of a comparison, by change key."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT change_key, reviewed, significant, note FROM marks WHERE pair_key = ?",
                (pair_key,),
            ).fetchall()
        marks, damaged = {}, 0
        for key, reviewed, significant, note in rows:
            mark, wrong = valid_mark(reviewed, significant, note)
            damaged += wrong
            if isinstance(key, str) and not mark.is_blank:
                marks[key] = mark
        if damaged:
            self._warnings.append(
                f"review state {self._path}: {damaged} mark value{'' if damaged == 1 else 's'} "
                "of the wrong type, read as blank"
            )
        return marks

    def set_mark(
        self, pair_key: str, change_key: str, mark: Mark, fields: Collection[str] = MARK_FIELDS
    ) -> Mark:
        """Store ``mark``'s ``fields`` for one difference and return the mark as stored now.

        Only the named fields are written, so two instances marking the same
        difference (one "reviewed", the other "significant") both keep their
        field: the last write of each field wins, none is lost. A mark left
        blank is removed. The comparison must have been recorded with
        :meth:`record_open` first.
        """
        fields = [name for name in MARK_FIELDS if name in fields]
        with self._writing() as db:
            if fields:
                updates = ", ".join(f"{name} = excluded.{name}" for name in fields)
                db.execute(
                    "INSERT INTO marks VALUES (?, ?, ?, ?, ?)"
                    f" ON CONFLICT (pair_key, change_key) DO UPDATE SET {updates}",
                    (pair_key, change_key, *row_values(mark, fields)),
                )
            row = db.execute(
                "SELECT reviewed, significant, note FROM marks WHERE pair_key = ? AND change_key = ?",
                (pair_key, change_key),
            ).fetchone()
            stored = Mark() if row is None else valid_mark(*row)[0]
            if stored.is_blank:
                db.execute(
                    "DELETE FROM marks WHERE pair_key = ? AND change_key = ?",
                    (pair_key, change_key),
                )
        return stored

    def recent(self, limit: int = 20) -> list[ReviewSummary]:
        """The latest comparisons, most recent first, one per pair of source names, with progress."""
        with self._reading() as db:
            rows = db.execute(_RECENT_SQL, (limit,)).fetchall()
        summaries = [valid_summary(row) for row in rows]
        valid = [summary for summary in summaries if summary is not None]
        if len(valid) < len(summaries):
            self._warnings.append(
                f"review state {self._path}: {len(summaries) - len(valid)} recent comparisons "
                "with values of the wrong type left out"
            )
        return valid

    def forget(self, pair_key: str) -> None:
        """Remove a comparison and all its marks."""
        with self._writing() as db:
            db.execute("DELETE FROM pairs WHERE pair_key = ?", (pair_key,))

    # -- helpers of record_open

    @staticmethod
    def _previous_review(
        db: sqlite3.Connection, key: str, left_source: str, right_source: str
    ) -> tuple[str, str, str] | None:
        """The last comparison opened under these names, if it had other content than ``key``.

        Only the *latest* one counts: reopening an edited pair a second time
        compares it with itself, and says nothing changed.
        """
        latest = db.execute(
            "SELECT pair_key, left_hash, right_hash FROM pairs"
            " WHERE left_source = ? AND right_source = ? ORDER BY open_seq DESC LIMIT 1",
            (left_source, right_source),
        ).fetchone()
        if latest is None or latest[0] == key:
            return None
        pair_key, left_hash, right_hash = latest
        return pair_key, left_hash, right_hash

    @staticmethod
    def _upsert_pair(
        db: sqlite3.Connection, keys: ComparisonKeys, left_source: str, right_source: str
    ) -> None:
        """Insert or refresh a pair; a renamed file just updates the source names."""
        seq = db.execute("SELECT COALESCE(MAX(open_seq), 0) + 1 FROM pairs").fetchone()[0]
        db.execute(
            "INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pair_key) DO UPDATE SET"
            " left_source = excluded.left_source, right_source = excluded.right_source,"
            " opened_at = excluded.opened_at, open_seq = excluded.open_seq, total = excluded.total",
            (
                keys.pair_key,
                keys.left_hash,
                keys.right_hash,
                left_source,
                right_source,
                time.time(),
                seq,
                len(keys.change_keys),
            ),
        )

    @staticmethod
    def _carry_over(
        db: sqlite3.Connection, previous: tuple[str, str, str], keys: ComparisonKeys, known: bool
    ) -> OpenResult:
        """Copy the earlier review's marks on differences still present; count the new ones."""
        old_key, old_left, old_right = previous
        old_changes = {
            row[0]
            for row in db.execute(
                "SELECT change_key FROM pair_changes WHERE pair_key = ?", (old_key,)
            )
        }
        carried = db.execute(
            "INSERT OR IGNORE INTO marks SELECT ?, m.change_key, m.reviewed, m.significant, m.note"
            " FROM marks m JOIN pair_changes c ON c.pair_key = ? AND c.change_key = m.change_key"
            " WHERE m.pair_key = ?",
            (keys.pair_key, keys.pair_key, old_key),
        ).rowcount
        return OpenResult(
            first_open=not known,
            left_changed=old_left != keys.left_hash,
            right_changed=old_right != keys.right_hash,
            new_differences=len(set(keys.change_keys) - old_changes),
            carried_marks=max(carried, 0),
        )


_RECENT_SQL = """
SELECT p.pair_key, p.left_source, p.right_source, p.opened_at, p.total,
       COUNT(CASE WHEN m.reviewed THEN 1 END), COUNT(CASE WHEN m.significant THEN 1 END)
FROM pairs p
LEFT JOIN pair_changes c ON c.pair_key = p.pair_key
LEFT JOIN marks m ON m.pair_key = c.pair_key AND m.change_key = c.change_key
WHERE p.open_seq = (SELECT MAX(q.open_seq) FROM pairs q
                    WHERE q.left_source = p.left_source AND q.right_source = p.right_source)
GROUP BY p.pair_key
ORDER BY p.open_seq DESC
LIMIT ?
"""
"""Progress counts only marks on the pair's current differences; an older
review of the same names (before an edit) is hidden behind the newer one."""


class NullStore:
    """The :class:`ReviewStore` API, storing nothing: for ``--no-state`` and when the database fails.

    The app keeps its own marks for the session; nothing survives the exit.
    """

    path: Path | None = None

    def close(self) -> None:
        pass

    def __enter__(self) -> NullStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def record_open(self, keys: ComparisonKeys, left_source: str, right_source: str) -> OpenResult:
        return OpenResult(first_open=True)

    def marks(self, pair_key: str) -> dict[str, Mark]:
        return {}

    def set_mark(
        self, pair_key: str, change_key: str, mark: Mark, fields: Collection[str] = MARK_FIELDS
    ) -> Mark:
        return mark

    def take_warnings(self) -> list[str]:
        return []

    def data_version(self) -> int:
        return 0

    def recent(self, limit: int = 20) -> list[ReviewSummary]:
        return []

    def forget(self, pair_key: str) -> None:
        pass


def open_store(
    no_state: bool = False, path: Path | None = None
) -> tuple[ReviewStore | NullStore, str | None]:
    """The store the app should use, and a warning to show if the real one failed.

    ``--no-state`` never touches the database; a failure never stops the app.
    """
    if no_state:
        return NullStore(), None
    try:
        return ReviewStore.open(path), None
    except StateUnavailable as error:
        return NullStore(), f"{error}; reviewing without saving"


def source_identity(source: str) -> str:
    """What the store remembers a source by, so the start screen can reopen it from anywhere.

    A local file becomes its absolute path (the app may be started in another
    folder next time); a URL, stdin ('-') or git's /dev/null stay as given.
    """
    if (
        source == "-"
        or urlparse(source).scheme in ("http", "https", "file")
        or source.startswith("/dev/")
    ):
        return _storable(source)
    return _storable(str(Path(source).expanduser().absolute()))


def _storable(name: str) -> str:
    """SQLite stores UTF-8: a name's undecodable bytes (lone surrogates) are kept as ``\\xNN`` text."""
    return escape_undecodable(name)


def stored_review(
    comparison: Comparison,
    path: Path | None = None,
    warn: Callable[[str], object] = lambda warning: None,
) -> dict[int, Mark] | None:
    """The stored marks of ``comparison`` by change index, for a headless export; None when there are none.

    Reads only (the file is opened read-only): a missing database is not
    created, an empty one gets no schema, the comparison is not recorded as
    opened. Raises :class:`StateUnavailable` when the file is unusable;
    values of the wrong type are read as defaults and said through ``warn``.
    """
    path = default_state_path() if path is None else path
    store = ReviewStore.open_read_only(path)
    if store is None:
        return None
    keys = comparison_keys(comparison)
    with store:
        by_key = store.marks(keys.pair_key)
        warnings = store.take_warnings()
    for warning in warnings:
        warn(warning)
    return marks_by_change(comparison, keys, by_key) or None
