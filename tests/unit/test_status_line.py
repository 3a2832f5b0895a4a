"""The status line gives way by priority: shorter forms first, then whole parts, never where or the counts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.app_helpers import sample_comparison
from tui.app.bars import Search, Summary, fit_status, status_parts
from tui.app.view_model import Filters
from tui.engine.model import Kind

SUMMARY = Summary(
    {**{kind.value: 11 for kind in Kind}, "boilerplate": 22}, similarity=0.53, facts=5
)
FILTERED = Filters(facts_only=True, unreviewed_only=True).toggle_kind(Kind.ADDED)


HARBOUR = Search("harbour", 2, 12)


def everything(search: Search | None = HARBOUR) -> list:
    return status_parts(SUMMARY, FILTERED, 3, 15, search, (4, 15), severity="high")


def test_wide_enough_everything_is_said_in_full():
    text = fit_status(everything(), 300).plain
    for said in (
        "match 3 of 12",
        "reviewed 4 / 15",
        "53% similar",
        "~11 ↕11 <11 >11 +11 -11 !5",
        "boilerplate 22 hidden (b)",
        "hiding added; facts only; unreviewed only (u)",
        "search 'harbour'",
    ):
        assert said in text


def test_at_80_columns_the_position_and_every_count_stay():
    text = fit_status(everything(), 80).plain
    assert text.startswith("match 3 of 12")
    assert "~11 ↕11 <11 >11 +11 -11 !5" in text
    assert len(text) <= 80 and "…" not in text


def test_similarity_gives_way_before_the_review_and_the_search():
    parts = everything()
    full = fit_status(parts, 300).plain
    text = fit_status(parts, len(full) - 1).plain
    assert "53%" in text and "53% similar" not in text
    assert "reviewed 4 / 15" in text and "search 'harbour'" in text


@given(st.integers(1, 200), st.booleans())
def test_the_line_always_fits_and_keeps_where_and_counts_while_they_fit(width, searching):
    parts = everything(Search("harbour", 2, 12) if searching else None)
    text = fit_status(parts, width).plain
    assert len(text) <= width
    essentials = fit_status([part for part in parts if part.rank is None], 500).plain
    if len(essentials) <= width:
        assert text.startswith(essentials.split(" │ ")[0])
        assert essentials.split(" │ ")[1] in text


def test_no_match_is_said_and_the_position_is_the_differences_again():
    text = fit_status(everything(Search("zebra", None, 0)), 300).plain
    assert text.startswith("fact 4 of 15, high") and "no match for 'zebra'" in text


def test_hidden_kinds_are_listed_with_spaces():
    filters = Filters().toggle_kind(Kind.ADDED).toggle_kind(Kind.DROPPED)
    text = fit_status(status_parts(Summary.of(sample_comparison()), filters, 0, 3), 300).plain
    assert "hiding added, dropped" in text


def test_narrow_the_position_takes_its_short_form_so_the_counts_stay_whole():
    text = fit_status(everything(None), 40).plain
    assert text == "fact 4/15 │ ~11 ↕11 <11 >11 +11 -11 !5"
