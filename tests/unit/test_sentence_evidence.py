"""Paragraph links checked against their sentences (tui.engine.sentence_evidence)."""

from tui.engine.align import Alignment, Link
from tui.engine.sentence_evidence import refine
from tui.engine.similarity import index_terms

ORIGINAL = [
    "The council approved the harbour budget of 12 million on Monday. "
    "Critics said the new turbines would harm seabirds along the coast.",
    "The shipyard in Port Aldous will hire 300 welders next spring.",
]


def refined(left: list[str], right: list[str], links: list[Link]) -> Alignment:
    linked_left = {i for link in links for i in link.left}
    linked_right = {j for link in links for j in link.right}
    alignment = Alignment(
        tuple(links),
        tuple(i for i in range(len(left)) if i not in linked_left),
        tuple(j for j in range(len(right)) if j not in linked_right),
    )
    return refine(alignment, left, right, index_terms(left, right))


def test_a_split_part_that_restates_nothing_is_cut_off_and_added():
    right = [
        "On Monday the council approved a harbour budget of 12 million. "
        "Critics warned the new turbines would harm seabirds on the coast.",
        "Budget season",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    alignment = refined(ORIGINAL, right, [Link((0,), (0, 1), 0.5), Link((1,), (2,), 0.6)])
    assert [(link.left, link.right) for link in alignment.links] == [((0,), (0,)), ((1,), (2,))]
    assert alignment.added == (1,)


def test_a_true_split_keeps_both_parts():
    right = [
        "On Monday the council approved a harbour budget of 12 million.",
        "Critics warned the new turbines would harm seabirds on the coast.",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    alignment = refined(ORIGINAL, right, [Link((0,), (0, 1), 0.5), Link((1,), (2,), 0.6)])
    assert [(link.left, link.right) for link in alignment.links] == [((0,), (0, 1)), ((1,), (2,))]


def test_an_added_neighbour_that_restates_the_partner_joins_the_link_as_a_split():
    right = [
        "On Monday the council approved a harbour budget of 12 million.",
        "Critics warned the new turbines would harm seabirds on the coast.",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    alignment = refined(ORIGINAL, right, [Link((0,), (0,), 0.5), Link((1,), (2,), 0.6)])
    assert [(link.left, link.right) for link in alignment.links] == [((0,), (0, 1)), ((1,), (2,))]
    assert alignment.added == ()


def test_a_new_paragraph_beside_a_link_stays_added():
    right = [
        "On Monday the council approved a harbour budget of 12 million. "
        "Critics warned the new turbines would harm seabirds on the coast.",
        "The weather was fine for the ceremony, and a brass band played.",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    alignment = refined(ORIGINAL, right, [Link((0,), (0,), 0.5), Link((1,), (2,), 0.6)])
    assert [(link.left, link.right) for link in alignment.links] == [((0,), (0,)), ((1,), (2,))]
    assert alignment.added == (1,)


def test_a_headline_over_the_lede_it_restates_does_not_join_the_ledes_link():
    """The headline's one sentence restates the lede (whose new version drops the sum, so it
    restates less than all of the old one), but every word it shares with the old lede is in
    the new lede too."""
    right = [
        "Council approves harbour budget",
        "On Monday the council approved a harbour budget. "
        "Critics warned the new turbines would harm seabirds on the coast.",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    alignment = refined(ORIGINAL, right, [Link((0,), (1,), 0.5), Link((1,), (2,), 0.6)])
    assert [(link.left, link.right) for link in alignment.links] == [((0,), (1,)), ((1,), (2,))]
    assert alignment.added == (0,)


def test_a_merge_whose_new_sentence_fuses_a_sentence_of_each_paragraph_keeps_both():
    """The new sentence restates the first sentence of each old paragraph (the route and the
    builders), which are not neighbours: only one can be its sentence link, yet the other
    paragraph restates it as well and stays in the merge."""
    left = [
        "The ferry Aldous Star was launched at the Brask yard in 1962 and served the island route "
        "for forty years. Her captain retired in 2001 after 9,000 crossings.",
        "She was built of oak and Swedish steel by the Halvorsen brothers. "
        "Her engines were replaced twice. She carried the mail every winter.",
        "The museum opens on Saturday.",
    ]
    right = [
        "Built of oak and Swedish steel by the Halvorsen brothers, the Aldous Star served the "
        "island route for forty years.",
        "The museum will open its doors on Saturday.",
    ]
    alignment = refined(left, right, [Link((0, 1), (0,), 0.4), Link((2,), (1,), 0.6)])
    assert [(link.left, link.right) for link in alignment.links] == [((0, 1), (0,)), ((2,), (1,))]
    assert alignment.dropped == ()


def test_a_heading_at_the_end_of_a_split_of_running_text_is_cut_off():
    """The next section's heading restates words of the paragraph before it ("later
    versions"), but running text does not end, rewritten, in a heading: it opens what follows."""
    left = [
        "Once code has been published under a version of the License, you may keep using it "
        "under that version. You may also use it under any later version of the License.",
        "Derivative Works",
        "If you write a changed copy of this License, you must rename it.",
    ]
    right = [
        "You may use the code under the version of the License you received it under, "
        "or under any later version.",
        "Later Versions",
        "If you make a new licence from this License, you must rename it.",
    ]
    alignment = refined(left, right, [Link((0,), (0, 1), 0.4), Link((2,), (2,), 0.5)])
    assert ((0,), (0,)) in [(link.left, link.right) for link in alignment.links]
    assert all(1 not in link.right or link.left == (1,) for link in alignment.links)


def test_a_title_block_still_merges_into_a_title_line():
    left = ["European Union Public Licence V. 1.1", "EUPL © the European Community 2007"]
    right = ["European Union Public Licence v. 1.2 EUPL © the European Union 2007"]
    alignment = refined(left, right, [Link((0, 1), (0,), 0.8)])
    assert [(link.left, link.right) for link in alignment.links] == [((0, 1), (0,))]


def test_a_one_by_one_gap_pairs_a_restated_sentence():
    left = [
        "The council approved the harbour budget of 12 million on Monday.",
        "Doing this by hand, again and again, is a sure way to drive yourself insane.",
        "The shipyard in Port Aldous will hire 300 welders next spring.",
    ]
    right = [
        "On Monday the council approved a harbour budget of 12 million.",
        "Doing this by hand, again and again, is a really bad idea. Not only is it annoying, "
        "it also tends to be ineffective since it takes too long.",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    alignment = refine(
        Alignment((Link((0,), (0,), 0.6), Link((2,), (2,), 0.6)), (1,), (1,)),
        left,
        right,
        index_terms(left, right),
    )
    assert [(link.left, link.right) for link in alignment.links] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2,)),
    ]
    assert alignment.dropped == alignment.added == ()


def test_a_one_by_one_gap_of_unrelated_paragraphs_or_of_boilerplate_stays_unpaired():
    """Unrelated paragraphs stay apart, also when both end in the same one-word sentence
    (a sentence pair that restates next to nothing of either paragraph)."""
    left = [
        "The council approved the harbour budget of 12 million on Monday.",
        "A brass band played as the mayor cut the ribbon.",
        "The shipyard in Port Aldous will hire 300 welders next spring.",
    ]
    right = [
        "On Monday the council approved a harbour budget of 12 million.",
        "Critics warned the new turbines would harm seabirds on the coast.",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    heading_left = [left[0], "Share this story", left[2]]
    heading_right = [right[0], "Related stories", right[2]]
    signed_left = [left[0], left[1] + " Kittiwakes.", left[2]]
    signed_right = [right[0], right[1] + " Kittiwakes.", right[2]]
    for texts, boilerplate in (
        ((left, right), ((), ())),
        ((signed_left, signed_right), ((), ())),
        ((heading_left, heading_right), ({1}, {1})),
    ):
        alignment = refine(
            Alignment((Link((0,), (0,), 0.6), Link((2,), (2,), 0.6)), (1,), (1,)),
            *texts,
            index_terms(*texts),
            boilerplate=boilerplate,
        )
        assert (alignment.dropped, alignment.added) == ((1,), (1,))


def test_a_one_by_one_gap_pairs_a_reworded_heading():
    """Alone between the same two links, two headings pair though they share no word."""
    left = [
        "The council approved the harbour budget of 12 million on Monday.",
        "What is Sensitive Data?",
        "The shipyard in Port Aldous will hire 300 welders next spring.",
    ]
    right = [
        "On Monday the council approved a harbour budget of 12 million.",
        "What is Private Information?",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    alignment = refine(
        Alignment((Link((0,), (0,), 0.6), Link((2,), (2,), 0.6)), (1,), (1,)),
        left,
        right,
        index_terms(left, right),
    )
    assert ((1,), (1,)) in [(link.left, link.right) for link in alignment.links]


def test_a_gap_wider_than_one_by_one_is_left_to_the_aligner():
    left = [
        "The council approved the harbour budget of 12 million on Monday.",
        "What is Sensitive Data?",
        "Contact us",
        "The shipyard in Port Aldous will hire 300 welders next spring.",
    ]
    right = [
        "On Monday the council approved a harbour budget of 12 million.",
        "What is Private Information?",
        "Port Aldous's shipyard is to hire 300 welders next spring.",
    ]
    alignment = refine(
        Alignment((Link((0,), (0,), 0.6), Link((3,), (2,), 0.6)), (1, 2), (1,)),
        left,
        right,
        index_terms(left, right),
    )
    assert (alignment.dropped, alignment.added) == ((1, 2), (1,))
