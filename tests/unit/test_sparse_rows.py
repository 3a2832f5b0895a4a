"""tui.engine.sparse_rows against scipy.sparse, which it replaced: the same entries, bit for bit.

The aligner's scores were computed by scipy before; a sum taken in another order could differ in
the last bit and flip a tie, so every operation is compared exactly, floats included.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from tui.engine.sparse_rows import (
    SparseRows,
    from_entries,
    product,
    shared_entries,
    stack,
    sums_by_row,
    take_rows,
    transpose,
)

# Weights like the TF-IDF ones: positive, of varied magnitude, so the order of a sum shows.
weights = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_infinity=False)


@st.composite
def matrices(draw: st.DrawFn, rows: int | None = None, columns: int | None = None) -> SparseRows:
    """A canonical matrix with distinct (row, column) places and positive values."""
    rows = draw(st.integers(0, 6)) if rows is None else rows
    columns = draw(st.integers(1, 20)) if columns is None else columns
    places = draw(st.sets(st.tuples(st.integers(0, max(rows - 1, 0)), st.integers(0, columns - 1))))
    places = sorted(places) if rows else []
    values = draw(st.lists(weights, min_size=len(places), max_size=len(places)))
    return from_entries(
        np.array([r for r, _ in places], dtype=np.int64),
        np.array([c for _, c in places], dtype=np.int64),
        np.array(values, dtype=np.float64),
        (rows, columns),
    )


def scipy_of(matrix: SparseRows) -> sparse.csr_matrix:
    return sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=matrix.shape)


def assert_same(ours: SparseRows, theirs: sparse.csr_matrix) -> None:
    theirs = theirs.tocsr()
    theirs.sort_indices()
    assert ours.shape == theirs.shape
    assert ours.indptr.tolist() == theirs.indptr.tolist()
    assert ours.indices.tolist() == theirs.indices.tolist()
    assert ours.data.tolist() == theirs.data.tolist()  # exact: no tolerance


@settings(max_examples=100)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 5)), max_size=30))
def test_entries_at_one_place_add_up_as_in_scipy(places):
    rows = np.array([r for r, _ in places], dtype=np.int64)
    columns = np.array([c for _, c in places], dtype=np.int64)
    ones = np.ones(len(places))
    ours = from_entries(rows, columns, ones, (5, 6))
    assert_same(ours, sparse.csr_matrix((ones, (rows, columns)), shape=(5, 6)))


@settings(max_examples=150)
@given(st.data())
def test_product_sums_in_scipys_order(data):
    left = data.draw(matrices())
    right = data.draw(matrices(rows=left.shape[1]))
    assert_same(product(left, right), scipy_of(left) @ scipy_of(right))


@settings(max_examples=100)
@given(st.data())
def test_product_with_a_transpose_is_scipys(data):
    left = data.draw(matrices())
    right = data.draw(matrices(columns=left.shape[1]))
    assert_same(transpose(right), scipy_of(right).T)
    assert_same(product(left, transpose(right)), scipy_of(left) @ scipy_of(right).T)


@settings(max_examples=100)
@given(st.data())
def test_taken_and_stacked_rows_are_scipys(data):
    top = data.draw(matrices())
    bottom = data.draw(matrices(columns=top.shape[1]))
    stacked = stack(top, bottom)
    assert_same(stacked, sparse.vstack((scipy_of(top), scipy_of(bottom))))
    rows = data.draw(st.lists(st.integers(0, max(stacked.shape[0] - 1, 0)), max_size=8))
    rows = rows if stacked.shape[0] else []
    assert_same(take_rows(stacked, np.array(rows, dtype=np.int64)), scipy_of(stacked)[rows])


@settings(max_examples=150)
@given(st.data())
def test_shared_entries_give_scipys_row_sums(data):
    """The cosine and containment sums the aligner takes, as scipy's element-wise products gave them."""
    left = data.draw(matrices())
    right = data.draw(matrices(rows=left.shape[0], columns=left.shape[1]))
    row, left_weight, right_weight = shared_entries(left, right)
    theirs_left, theirs_right = scipy_of(left), scipy_of(right)
    shared_left = theirs_left.multiply(theirs_right > 0)
    shared_right = theirs_right.multiply(theirs_left > 0)
    for ours, theirs in (
        (left_weight * right_weight, shared_left.multiply(shared_right)),
        (left_weight**2, shared_left.power(2)),
        (right_weight**2, shared_right.power(2)),
    ):
        sums = sums_by_row(row, ours, left.shape[0])
        assert sums.tolist() == np.asarray(theirs.sum(axis=1)).ravel().tolist()
