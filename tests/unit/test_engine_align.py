"""What the aligner says about the edits rewrites make: one behaviour per test."""

import math
from itertools import pairwise

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine_helpers import assert_every_index_once, document
from tui.engine.align import Thresholds, align, heaviest_chain, heaviest_chain_of
from tui.engine.compare import compare_documents
from tui.engine.model import Kind

STORY = [
    "The government announced a $53 billion plan to build wind farms along the northern coast on Tuesday.",
    "Energy minister Anna Kowalczyk called the plan historic and said it would create 2,300 jobs in the shipyards.",
    "Critics said the cost of the turbines and cables was far too high for a country in recession.",
    "Opposition leader Tom Brandt warned that consumers would pay more for electricity for a decade.",
    "Environmental groups asked for a survey of seabird colonies before construction begins.",
]


def kinds(comparison):
    return [(c.kind, c.left, c.right) for c in comparison.changes]


def compare(left, right, **kwargs):
    comparison = compare_documents(
        document(left, "left.txt"), document(right, "right.txt"), **kwargs
    )
    assert_every_index_once(comparison)
    return comparison


def test_identical_texts_are_all_unchanged():
    comparison = compare(STORY, STORY)
    assert all(c.kind is Kind.UNCHANGED and not c.cosmetic for c in comparison.changes)
    assert comparison.similarity == 1.0


def test_spacing_is_cosmetic_but_added_quote_marks_are_not():
    right = [STORY[0].replace(" ", "  "), STORY[1].replace("historic", "\u201chistoric\u201d")]
    comparison = compare(STORY[:2], right)
    assert [(c.kind, c.cosmetic) for c in comparison.changes] == [
        (Kind.UNCHANGED, True),
        (Kind.REWORDED, False),
    ]


def test_case_quotes_and_dashes_are_cosmetic():
    left = ['He said "it is over" -- and left.']
    right = ["HE SAID \u201cIT IS OVER\u201d\u2014AND LEFT."]
    (change,) = compare(left, right).changes
    assert change.kind is Kind.UNCHANGED and change.cosmetic and change.similarity == 1.0


def test_reworded_pair_is_linked_with_partial_similarity():
    right = list(STORY)
    right[1] = (
        "Minister Anna Kowalczyk described the project as historic, saying 2,300 shipyard jobs would follow."
    )
    comparison = compare(STORY, right)
    change = next(c for c in comparison.changes if c.left == (1,))
    assert change.kind is Kind.REWORDED and change.right == (1,)
    assert 0 < change.similarity < 1
    assert change.inline is not None


def test_added_and_dropped():
    right = (
        STORY[:2]
        + ["A completely new paragraph about football results and the weather in Spain."]
        + STORY[3:]
    )
    comparison = compare(STORY, right)
    assert (Kind.DROPPED, (2,), ()) in kinds(comparison)
    assert (Kind.ADDED, (), (2,)) in kinds(comparison)


REFRAIN = [
    "And the river runs on down to the sea.",
    "Keep the lantern lit for me.",
    "The harbour bell rings out at night.",
]


def test_a_refrain_repeated_many_times_keeps_its_diagonal():
    """Forty copies of each line (a song's refrain, a table's identical rows): one copy cut
    is one dropped paragraph; every other copy is unchanged beside its own copy."""
    left = REFRAIN * 40
    right = left[:70] + left[71:]
    comparison = compare(left, right)
    assert [c for c in comparison.changes if c.kind is not Kind.UNCHANGED] == [
        c for c in comparison.changes if c.kind is Kind.DROPPED
    ]
    assert len([c for c in comparison.changes if c.kind is Kind.DROPPED]) == 1


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(REFRAIN), min_size=27, max_size=80),  # some line 9+ times
    st.data(),
)
def test_cutting_one_of_many_repeated_paragraphs_drops_one_and_adds_none(paragraphs, data):
    cut = data.draw(st.integers(0, len(paragraphs) - 1))
    comparison = compare(paragraphs, paragraphs[:cut] + paragraphs[cut + 1 :])
    changed = [c for c in comparison.changes if c.kind is not Kind.UNCHANGED]
    assert [(c.kind, len(c.left), len(c.right)) for c in changed] == [(Kind.DROPPED, 1, 0)]


def test_paragraph_moved_to_the_end_is_moved_with_its_partner():
    right = [STORY[1], STORY[2], STORY[3], STORY[4], STORY[0]]
    comparison = compare(STORY, right)
    moved = [c for c in comparison.changes if c.moved]
    assert [(c.kind, c.left, c.right) for c in moved] == [(Kind.MOVED, (0,), (4,))]


def test_split_into_consecutive_paragraphs():
    first, second = STORY[1].split(" and said ")
    right = [STORY[0], first + ".", "She said " + second, *STORY[2:]]
    comparison = compare(STORY, right)
    assert (Kind.SPLIT, (1,), (1, 2)) in kinds(comparison)


def test_split_fragment_joins_its_whole_though_it_shares_words_with_a_paragraph_paired_elsewhere():
    """The fragment names the lighthouse keeper, whose own paragraph (far away) already has its
    partner: that better score elsewhere must not stop the fragment joining the split."""
    left = [
        "The harbour council approved the new ferry timetable on Monday after a long debate about "
        "winter crossings and fares for pensioners.",
        "Ticket machines at the quay will accept contactless cards from July, the operator confirmed in a statement.",
        "Meanwhile the lighthouse keeper Ottoline Brask said the fog signal would be replaced next spring by an "
        "automatic horn.",
    ]
    right = [
        "On Monday the harbour council approved the new ferry timetable after a long debate.",
        "Winter crossings worry lighthouse keeper Ottoline Brask and her fog horn.",
        "From July the quay's ticket machines will take contactless cards, according to a statement from the operator.",
        "Lighthouse keeper Ottoline Brask said the fog signal will be replaced next spring by an automatic horn.",
    ]
    links = {(link.left, link.right) for link in align(left, right).links}
    assert links == {((0,), (0, 1)), ((1,), (2,)), ((2,), (3,))}


def test_reworded_headlines_pair_though_each_shares_more_with_the_other_lede():
    """A headline sums up its lede, so its best score is with the other side's lede, which the
    ledes' own link has taken: the two headlines, the only short paragraphs left at the top,
    are each other's partner rather than part of the lede's link."""
    left = ["Coastal wind farms to cost $53 billion", *STORY]
    right = [
        "Government unveils northern coast wind plan",
        "On Tuesday the government unveiled a plan worth $53 billion for wind farms on the northern coast.",
        *STORY[1:],
    ]
    links = {(link.left, link.right) for link in align(left, right).links}
    assert ((0,), (0,)) in links and ((1,), (1,)) in links


def test_a_headline_over_the_lede_it_restates_is_added_not_split_off():
    """Every word the new headline shares with the old lede is in the new lede too: it
    restates the lede, and adds nothing a piece of a split would (issue 20's news pairs)."""
    left = [
        "Supreme Court Justice Ruth Bader Ginsburg, a diminutive yet towering women's rights "
        "champion who became the court's second female justice, died Friday at her home in "
        "Washington. She was 87.",
        *STORY,
    ]
    right = [
        "Supreme Court Justice Ruth Bader Ginsburg dies at 87",
        "Supreme Court Justice Ruth Bader Ginsburg, a towering women's rights champion who became "
        "the court's second female justice, died Friday at her home in Washington. She was 87.",
        *STORY,
    ]
    alignment = align(left, right)
    assert ((0,), (1,)) in {(link.left, link.right) for link in alignment.links}
    assert alignment.added == (0,)


def test_merge_of_consecutive_paragraphs():
    right = [STORY[0], STORY[1], STORY[2] + " " + STORY[3], STORY[4]]
    comparison = compare(STORY, right)
    assert (Kind.MERGED, (2, 3), (2,)) in kinds(comparison)


def test_unrelated_texts_have_no_links():
    recipe = [
        "Chop two onions and fry them gently in butter until soft.",
        "Add the rice and stir for a minute.",
        "Pour in hot stock a ladle at a time.",
    ]
    comparison = compare(STORY, recipe)
    assert all(not (c.left and c.right) for c in comparison.changes)


def test_higher_threshold_pairs_fewer():
    right = ["The state unveiled a plan for coastal wind farms worth billions this week."]
    loose = align(STORY[:1], right, Thresholds().scaled(0.5))
    strict = align(STORY[:1], right, Thresholds().scaled(20))
    assert len(loose.links) == 1 and not strict.links


def test_reading_order_puts_dropped_before_the_next_in_order_change():
    right = [STORY[0], STORY[2], STORY[3], STORY[4]]
    comparison = compare(STORY, right)
    assert kinds(comparison)[:3] == [
        (Kind.UNCHANGED, (0,), (0,)),
        (Kind.DROPPED, (1,), ()),
        (Kind.UNCHANGED, (2,), (1,)),
    ]


def test_heaviest_chain_is_strictly_increasing_and_heaviest():
    weights = {(0, 0): 1.0, (1, 1): 1.0, (1, 0): 5.0, (2, 2): 1.0, (2, 1): 0.5}
    assert heaviest_chain(weights) == [(1, 0), (2, 2)]
    assert heaviest_chain({}) == []


def test_word_diff_marks_changed_words_only():
    left = ["Prices rose 12% in 2023."]
    right = ["Prices rose 15% in 2023."]
    (change,) = compare(left, right).changes
    changed_left = [s.text for s in change.inline.left[0] if s.changed]
    changed_right = [s.text for s in change.inline.right[0] if s.changed]
    assert changed_left == ["12"] and changed_right == ["15"]
    assert "".join(s.text for s in change.inline.left[0]) == left[0]


def _heaviest_by_definition(weights: dict[tuple[int, int], float]) -> float:
    """The best chain's weight by the plain O(k²) recurrence over pairs sorted by row."""
    best: dict[tuple[int, int], float] = {}
    for pair in sorted(weights):
        before = [best[p] for p in best if p[0] < pair[0] and p[1] < pair[1]]
        best[pair] = weights[pair] + max(before, default=0.0)
    return max(best.values(), default=0.0)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.integers(0, 12), st.integers(0, 12)),
        st.sampled_from([0.25, 0.5, 1.0, 2.0]) | st.floats(0.01, 3.0),
        max_size=40,
    )
)
def test_heaviest_chain_is_increasing_and_as_heavy_as_the_plain_recurrence(weights):
    chain = heaviest_chain(weights)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(chain))
    assert set(chain) <= set(weights)
    assert math.isclose(
        sum(weights[p] for p in chain),
        _heaviest_by_definition(weights),
        rel_tol=1e-12,
        abs_tol=1e-12,
    )


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.integers(0, 12), st.integers(0, 12)),
        st.sampled_from([0.25, 0.5, 1.0, 2.0]) | st.floats(0.01, 3.0),
        max_size=40,
    )
)
def test_the_chain_of_arrays_is_the_chain_of_the_dict(weights):
    """Ties too: the backbone's array form must pick the chain the dict form picks."""
    left = np.array([i for i, _ in weights], dtype=np.int64)
    right = np.array([j for _, j in weights], dtype=np.int64)
    chain = heaviest_chain_of(left, right, np.array(list(weights.values())))
    pairs = zip(left[chain].tolist(), right[chain].tolist(), strict=True)
    assert list(pairs) == heaviest_chain(weights)
