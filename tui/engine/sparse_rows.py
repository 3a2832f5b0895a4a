"""Sparse rows (compressed sparse row matrices) in plain numpy: what the similarity code needs.

The TF-IDF vectors of :mod:`tui.engine.similarity` are sparse rows, one per paragraph.
scipy.sparse held them until its import alone cost ~0.45 s of CPU (scipy 1.17's array-API
layer reads every attribute of numpy, which imports numpy.f2py, numpy.testing,
numpy.polynomial, …): more than a whole 40-paragraph comparison. The few operations used here —
building from entries, a product, a transpose, taking and stacking rows, the terms two rows share —
are a sort and a few gathers each in numpy.

Sums run in the order scipy ran them (a product's sequentially, in the order of the left
operand's entries; a row's sum by numpy's ``add.reduceat``), so every score is the same to the
last bit as it was with scipy: a property test checks each operation against scipy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "SparseRows",
    "from_entries",
    "product",
    "transpose",
    "take_rows",
    "stack",
    "shared_entries",
    "sums_by_row",
]


@dataclass(frozen=True, slots=True)
class SparseRows:
    """A matrix by rows, canonical: each row's ``indices`` ascending, no column twice.

    Row ``r``'s entries are ``indices[indptr[r]:indptr[r + 1]]`` (columns) and
    ``data[...]`` (values), as in scipy's ``csr_matrix``.
    """

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    columns: int

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, self.columns

    def row_of_entries(self) -> np.ndarray:
        """The row of each entry."""
        return np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))


def from_entries(
    rows: np.ndarray, columns: np.ndarray, values: np.ndarray, shape: tuple[int, int]
) -> SparseRows:
    """The matrix with ``values`` at (``rows``, ``columns``); values at the same place add up."""
    keys = np.asarray(rows, dtype=np.int64) * shape[1] + np.asarray(columns, dtype=np.int64)
    return _from_keys(keys, np.asarray(values, dtype=np.float64), shape)


def _from_keys(keys: np.ndarray, values: np.ndarray, shape: tuple[int, int]) -> SparseRows:
    """Entries keyed ``row * columns + column``; equal keys summed in the order given."""
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    distinct_keys = keys[first]
    data = np.bincount(np.cumsum(first) - 1, weights=values[order], minlength=len(distinct_keys))
    rows, columns = np.divmod(distinct_keys, max(shape[1], 1))
    return _by_rows(data, columns, rows, shape)


def _by_rows(
    data: np.ndarray, columns: np.ndarray, rows: np.ndarray, shape: tuple[int, int]
) -> SparseRows:
    """A :class:`SparseRows` from entries already in row-major order."""
    indptr = np.zeros(shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=shape[0]), out=indptr[1:])
    return SparseRows(data.astype(np.float64), columns.astype(np.int32), indptr, shape[1])


def _spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions ``starts[k], …, starts[k] + lengths[k] - 1`` for every ``k``, in order."""
    offsets = np.cumsum(lengths) - lengths
    positions: np.ndarray = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(
        starts - offsets, lengths
    )
    return positions


def product(left: SparseRows, right: SparseRows) -> SparseRows:
    """``left @ right``; each entry summed over ``left``'s row in column order, zeros dropped.

    That is the order of scipy's ``csr_matmat``, so a float sum is the same to the bit.
    """
    starts = right.indptr[left.indices]
    lengths = right.indptr[left.indices + 1] - starts
    owner = np.repeat(np.arange(len(left.indices)), lengths)
    positions = _spans(starts, lengths)
    keys = left.row_of_entries()[owner] * right.columns + right.indices[positions]
    result = _from_keys(
        keys, left.data[owner] * right.data[positions], (left.shape[0], right.columns)
    )
    kept = result.data != 0
    if kept.all():
        return result
    rows = result.row_of_entries()[kept]
    return _by_rows(result.data[kept], result.indices[kept], rows, result.shape)


def transpose(matrix: SparseRows) -> SparseRows:
    """The columns as rows."""
    order = np.argsort(matrix.indices, kind="stable")  # rows stay ascending within a column
    rows = matrix.indices[order].astype(np.int64)
    columns = matrix.row_of_entries()[order]
    return _by_rows(matrix.data[order], columns, rows, (matrix.columns, matrix.shape[0]))


def take_rows(matrix: SparseRows, rows: np.ndarray) -> SparseRows:
    """The given rows, in the given order (a row may come more than once)."""
    rows = np.asarray(rows, dtype=np.int64)
    starts = matrix.indptr[rows]
    lengths = matrix.indptr[rows + 1] - starts
    positions = _spans(starts, lengths)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    return SparseRows(matrix.data[positions], matrix.indices[positions], indptr, matrix.columns)


def stack(top: SparseRows, bottom: SparseRows) -> SparseRows:
    """The rows of ``top`` then those of ``bottom`` (same number of columns)."""
    return SparseRows(
        np.concatenate((top.data, bottom.data)),
        np.concatenate((top.indices, bottom.indices)),
        np.concatenate((top.indptr, bottom.indptr[1:] + top.indptr[-1])),
        top.columns,
    )


def shared_entries(
    left: SparseRows, right: SparseRows
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where row ``k`` of ``left`` and row ``k`` of ``right`` both have a column: for each such
    place in row then column order, ``k`` and the two values."""
    columns = max(left.columns, right.columns, 1)
    left_rows = left.row_of_entries()
    keys = np.concatenate(
        (left_rows * columns + left.indices, right.row_of_entries() * columns + right.indices)
    )
    # Both halves are sorted: the stable sort merges them, each left entry just before its match.
    order = np.argsort(keys, kind="stable")
    match = np.flatnonzero(keys[order[1:]] == keys[order[:-1]])
    in_left, in_right = order[match], order[match + 1] - len(left.indices)
    return left_rows[in_left], left.data[in_left], right.data[in_right]


def sums_by_row(rows: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """For rows ``0 … count - 1``, the sum of the ``values`` whose entry in ``rows`` (ascending) is
    that row; added by ``np.add.reduceat`` as scipy's ``sum(axis=1)`` adds (not left to right)."""
    sums = np.zeros(count)
    if len(rows):
        starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
        sums[rows[starts]] = np.add.reduceat(values, starts)
    return sums
