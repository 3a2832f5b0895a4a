"""Properties of the reader's pure parts: wrapping, control pictures, filters, rows, search."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.app_helpers import sample_comparison
from tui.app.export_dialog import default_report_name
from tui.app.overview import strongest_rows
from tui.app.view_model import LEFT, Filters, ReaderModel
from tui.app.wrapping import _measured_offsets, _narrow_offsets, wrap_offsets
from tui.engine.model import Kind
from tui.engine.safe_text import visible_controls
from tui.review.marks import Mark

prose = st.text(alphabet=st.sampled_from("abcdefghij ,.“”’é"), max_size=300)
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200).map(
    visible_controls
)
widths = st.integers(min_value=1, max_value=90)


@given(any_text, widths)
@example(
    "000000000\u03000\u2e80", 2
)  # a zero-width accent and a wide character: as many cells as characters
def test_wrapped_lines_fit_and_cover_the_text(text, width):
    offsets = wrap_offsets(text, width)
    assert offsets[0] == 0
    assert list(offsets) == sorted(set(offsets))
    assert all(offset < len(text) for offset in offsets[1:])
    for start, end in zip(offsets, offsets[1:] + (len(text),), strict=True):
        line = text[start:end].rstrip()
        # A line is only wider than the width when it is one character wider than the width.
        assert cell_len(line) <= width or len(line) == 1


@given(prose, widths)
def test_fast_path_breaks_exactly_like_the_measured_path(text, width):
    assert _narrow_offsets(text, width) == _measured_offsets(text, width)


@given(
    st.lists(st.sampled_from(["word", "longerword", "a"]), min_size=1, max_size=40),
    st.integers(12, 60),
)
def test_wrapping_is_greedy(words, width):
    text = " ".join(words)
    offsets = wrap_offsets(text, width)
    for start, end in pairwise(offsets):
        next_word = text[end:].split(" ", 1)[0]
        assert len(text[start:end].rstrip()) + 1 + len(next_word) > width


def test_wide_characters_count_two_cells():
    assert wrap_offsets("東京都 大阪府", 6) == (0, 4)


@given(st.text(max_size=200))
def test_visible_controls_keeps_length_and_leaves_no_control(text):
    shown = visible_controls(text)
    assert len(shown) == len(text)
    assert not any(unicodedata.category(ch) == "Cc" for ch in shown)
    assert all(a == b for a, b in zip(text, shown, strict=True) if unicodedata.category(a) != "Cc")


def test_visible_controls_uses_control_pictures():
    assert visible_controls("a\tb\x1b[0m\x7f") == "a␉b␛[0m␡"


def test_rows_show_every_change_once_plus_a_ghost_per_move():
    comparison = sample_comparison()
    model = ReaderModel(comparison, Filters(show_boilerplate=True))
    pairs = [row.change for row in model.rows if not row.ghost]
    ghosts = [row.change for row in model.rows if row.ghost]
    assert sorted(pairs) == list(range(len(comparison.changes)))
    assert ghosts == [i for i, c in enumerate(comparison.changes) if c.moved]


def test_default_filters_list_differences_and_hide_boilerplate():
    comparison = sample_comparison()
    model = ReaderModel(comparison)
    assert [comparison.changes[i] for i in model.differences] == list(comparison.differences)
    assert all(not comparison.changes[row.change].boilerplate for row in model.rows)


def test_changes_only_shows_exactly_the_listed_changes():
    model = ReaderModel(sample_comparison(), Filters(changes_only=True).toggle_kind(Kind.REWORDED))
    assert {row.change for row in model.rows} == set(model.differences)
    assert all(model.comparison.changes[i].kind is not Kind.REWORDED for i in model.differences)


def test_moved_markers_point_at_each_other():
    model = ReaderModel(sample_comparison())
    moved = next(i for i, c in enumerate(model.comparison.changes) if c.moved)
    ghost = model.rows[model.ghost_row_of_change[moved]]
    pair = model.rows[model.row_of_change[moved]]
    assert "moved down" in model.cell_parts(ghost, LEFT)[0].text
    assert "moved here from above" in model.cell_parts(pair, LEFT)[0].text


@given(st.sampled_from(["the", "THE", "plan", "seabed.", "$47", "zzz", "a s"]))
def test_search_finds_every_case_insensitive_occurrence(term):
    comparison = sample_comparison()
    model = ReaderModel(comparison, Filters(show_boilerplate=True))
    matches = model.search(term)
    expected = sum(
        p.text.lower().count(term.lower())
        for d in (comparison.left, comparison.right)
        for p in d.paragraphs
    )
    assert len(matches) == expected
    for match in matches:
        document = comparison.left if match.side == LEFT else comparison.right
        assert (
            document.paragraphs[match.paragraph].text[match.start : match.end].lower()
            == term.lower()
        )


def test_report_name_comes_from_both_sources():
    comparison = sample_comparison()
    assert default_report_name(comparison, "md") == "original-vs-repost.md"


@given(
    st.lists(st.tuples(st.integers(1, 40), st.integers(0, 9)), min_size=1, max_size=60),
    st.integers(1, 50),
)
def test_the_overview_cell_shows_the_first_strongest_row_it_covers(rows, height):
    heights, ranks = zip(*rows, strict=True)
    starts = np.cumsum((0, *heights[:-1]))
    total = sum(heights)
    scale = total / height
    expected = []
    for cell in range(height):
        covered = [
            n
            for n, (start, size) in enumerate(zip(starts, heights, strict=True))
            if min(height - 1, int(start / scale))
            <= cell
            <= min(height - 1, int((start + size - 1) / scale))
        ]
        expected.append(max(covered, key=lambda n: (ranks[n], -n)) if covered else None)
    assert strongest_rows(starts, total, np.array(ranks), height) == expected


filters_strategy = st.builds(
    Filters,
    kinds=st.frozensets(st.sampled_from(list(Kind))),
    facts_only=st.booleans(),
    changes_only=st.booleans(),
    show_boilerplate=st.booleans(),
    unreviewed_only=st.booleans(),
)


@given(filters_strategy, st.sets(st.integers(0, len(sample_comparison().changes) - 1)))
def test_the_models_selection_follows_the_per_change_rules(filters, reviewed):
    comparison = sample_comparison()
    marks = {change: Mark(reviewed=True) for change in reviewed}
    model = ReaderModel(comparison, filters, marks=marks)
    listed = {
        i
        for i, change in enumerate(comparison.changes)
        if filters.lists(change) and not (filters.unreviewed_only and i in reviewed)
    }
    assert set(model.differences) == listed
    if filters.changes_only:
        shown = [row for row in model.layout if row.change in listed]
    else:
        shown = [row for row in model.layout if filters.shows(comparison.changes[row.change])]
    assert list(model.rows) == shown
    assert model.row_of_change == {row.change: n for n, row in enumerate(shown) if not row.ghost}
