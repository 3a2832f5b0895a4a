"""Review state that outlives the terminal: marks and notes per difference, in SQLite.

Why this shape
--------------
* A comparison is keyed by the *content* of both sides
  (:func:`tui.review.keys.pair_key`), not by file names, so renaming or moving
  a file keeps its review. Each side's own hash is kept too, so reopening the
  same file names with one side edited can say "the right side changed since
  your review".
* A difference is keyed by the texts it involves
  (:func:`tui.review.keys.change_key`), so after an edit the marks on
  differences the edit did not touch are carried over, and the store can count
  how many differences are new.
* The state is a convenience, never a reason not to open: a locked, corrupt or
  unwritable database raises :class:`tui.review.store.StateUnavailable` with a
  one-line reason, and the app goes on with a :class:`tui.review.store.NullStore`
  (see :func:`tui.review.store.open_store`).

The modules, from pure to stateful:

* :mod:`tui.review.keys` — content keys of a comparison and its differences
  (pure hashing, no database).
* :mod:`tui.review.marks` — the values a review holds and the store reports:
  :class:`~tui.review.marks.Mark`, ``OpenResult``, ``ReviewSummary``.
* :mod:`tui.review.schema` — the database's tables, their migrations, and
  how a stored row is read back when a value has the wrong type.
* :mod:`tui.review.store` — the SQLite store, its stand-in that stores
  nothing, and the read-only path of a headless export.

No module here imports Textual; the app's :mod:`tui.app.review_session`
holds the marks of the comparison on screen and writes them through.
"""
