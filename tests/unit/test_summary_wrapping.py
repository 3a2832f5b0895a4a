"""--summary in any width: lines wrap (between items, with a hanging indent), nothing is cut but excerpts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.summary import render_summary


@pytest.fixture(scope="module")
def example():
    from tui.engine.pipeline import CompareRequest, example_sources, run_comparison

    return run_comparison(CompareRequest(*example_sources()))


def flat(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=30, deadline=None)
@given(width=st.integers(min_value=16, max_value=160))
def test_every_line_fits_and_every_count_fact_and_source_is_whole(example, width):
    text = render_summary(example, width).plain
    assert all(cell_len(line) <= width for line in text.splitlines())
    joined = flat(text)
    counts = example.counts()
    for kind, count in counts.items():
        if count and kind != "boilerplate":
            assert f"{kind} {count}" in joined
    for change in example.differences:
        for fact in change.facts:
            assert flat(fact.reason) in joined
    for document in (example.left, example.right):
        assert document.source in text.replace("\n    ", "")  # folded paths join back


def test_at_40_columns_the_kind_counts_wrap_between_items(example):
    lines = render_summary(example, 40).plain.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("~ reworded"))
    assert lines[start + 1].startswith("    ") and lines[start + 1].split()[0] in "↕<>+-="
