"""Fact drift (tui.engine.facts): each rule flags a change of meaning and stays silent on a
harmless rewording of the same fact; properties over generated text; and precision/recall
measured on the hand-labelled fixture pairs (run with ``-s`` to see the figures)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests import paths
from tui import scores
from tui.engine.facts import MAX_CHECKED_CHARS, OtherDocument, compare_facts, unpaired_facts
from tui.engine.facts.text import APOSTROPHES, Word, text_words
from tui.engine.model import FactFlag


def kinds(left: str, right: str) -> list[str]:
    return [flag.kind for flag in compare_facts(left, right)]


def only(left: str, right: str, kind: str) -> FactFlag:
    flags = [f for f in compare_facts(left, right) if f.kind == kind]
    assert len(flags) == 1, compare_facts(left, right)
    return flags[0]


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The plan costs $53 billion.", "The plan costs 53 billion dollars."),
        ("The plan costs $53 billion.", "The plan will cost $53bn."),
        ("The fund holds €200bn.", "The fund holds 200 billion euros."),
        ("The firm cut 2,300 jobs.", "The firm cut 2300 jobs."),
        ("Turnout was 53%.", "Turnout was 53 per cent."),
        ("Two-thirds of voters agreed.", "67% of voters agreed."),
        ("A dozen boats sank.", "12 boats sank."),
        ("It employs 1.5 million people.", "It employs 1,500,000 people."),
        ("Three men and $5m.", "$5m and three men."),
        ("The bill came to $53.2 billion.", "The bill came to about $53.2bn."),
    ],
)
def test_same_figure_in_another_form_is_not_flagged(left: str, right: str) -> None:
    assert kinds(left, right) == []


def test_a_number_word_of_dozens_is_counted_in_dozens() -> None:
    flag = only(
        "At least two dozen people were killed.", "More than a dozen people were killed.", "number"
    )
    assert (flag.left, flag.right) == ("two dozen people", "a dozen people")


def test_changed_figure_is_flagged_high() -> None:
    flag = only("The firm cut 2,300 jobs.", "The firm cut 3,200 jobs.", "number")
    assert (flag.severity, flag.left, flag.right) == ("high", "2,300 jobs", "3,200 jobs")


def test_currency_swap_is_a_changed_figure() -> None:
    assert only("The fund holds $200bn.", "The fund holds €200bn.", "number").right == "€200bn"


def test_exact_figure_made_vague() -> None:
    flag = only(
        "The plan costs $53 billion.", "The plan costs tens of billions of dollars.", "number"
    )
    assert flag.reason == "exact figure “$53 billion” made vague: “tens of billions of dollars”"


def test_dropped_figure_from_a_kept_statement() -> None:
    flag = only(
        "The plan, which costs $53 billion, was approved.", "The plan was approved.", "number"
    )
    assert (flag.left, flag.right, flag.severity) == ("$53 billion", None, "high")


def test_figure_dropped_with_its_whole_clause_rewritten_is_not_flagged() -> None:
    assert kinds("Valley to build first new reservoir in 50 years", "Town gets a lake") == []


def test_section_numbers_and_references_are_not_figures() -> None:
    assert kinds("4.2 Licensee shall pay the Fees.", "5.2 Licensee shall pay the Fees.") == []
    assert (
        kinds("As set out in section 4.1, fees apply.", "As set out in section 5.1, fees apply.")
        == []
    )


def test_chinese_numerals_are_figures() -> None:
    flag = only(
        "全长约二十八公里，发车间隔为三十分钟。", "全长约三十公里，每三十分钟一班。", "number"
    )
    assert (flag.left, flag.right) == ("二十八公里", "三十公里")


def test_spelled_number_in_french_is_compared() -> None:
    assert only("une élève de huit ans", "une élève de neuf ans", "number").right == "neuf ans"


# --- dates -----------------------------------------------------------------------------


def test_changed_date_is_flagged() -> None:
    flag = only("It was signed on March 3, 2019.", "It was signed on March 5, 2019.", "date")
    assert (flag.severity, flag.left, flag.right) == ("high", "March 3, 2019", "March 5, 2019")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("It was signed on March 3, 2019.", "It was signed on 3 March 2019."),
        ("It was signed on March 3, 2019.", "On March 3 it was signed."),
        ("It was signed last Tuesday.", "It was signed on Monday."),
        ("Prices may rise in May.", "Prices might rise in May."),
    ],
)
def test_same_or_relative_dates_are_not_flagged(left: str, right: str) -> None:
    assert "date" not in kinds(left, right)


# --- quotes ----------------------------------------------------------------------------


def test_changed_quote_names_the_changed_words() -> None:
    flag = only('She called the plan "reckless".', "She called the plan “careless”.", "quote")
    assert flag.reason == "quote changed: “reckless” → “careless”"


def test_a_quote_with_many_edits_shows_both_wordings_whole() -> None:
    # Abridged from fixtures/real-pairs/pa-cbi-paraphrase: five words changed in one quote.
    old = "“The 2010s began with austerity and were then ensued with weak growth,” he said."
    new = "“The 2010s started with austerity and then ended with growth,” he said."
    flag = only(old, new, "quote")
    assert flag.reason == (
        "quote changed: “The 2010s began with austerity and were then ensued with weak growth,”"
        " → “The 2010s started with austerity and then ended with growth,”"
    )


def test_quote_with_marks_lost_is_kept() -> None:
    """Outlets drop quotation marks in their own typesetting; the words are the fact
    (fixtures/facts-eval labels lost marks as a look-alike, not a change)."""
    assert (
        kinds("He called it “reckless and dangerous”.", "He called it reckless and dangerous.")
        == []
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            "He added, \"I don't know who's fighting it.\"",
            "He added, I dont know whos fighting it.",
        ),
        (
            '"My view is these terrorists would prefer it."',
            '"My view is that these terrorists would prefer it."',
        ),
    ],
)
def test_quote_with_apostrophes_or_an_optional_that_lost_is_kept(left: str, right: str) -> None:
    assert "quote" not in kinds(left, right)


def test_dropped_quote_is_high() -> None:
    flag = only(
        'She said: "We will never sell." Shares fell.', "Shares fell after her remarks.", "quote"
    )
    assert (flag.severity, flag.right) == ("high", None)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ('He said "we will win".', "He said “We will win!”"),
        ("She called it ‘a disgrace’.", 'She called it "a disgrace".'),
        ('"We will fight, and we will win," he said.', 'He said: "We will win."'),
        # MRPC 1611763 / 1611723: the same words, reordered.
        (
            "\"I don't know whether that means two years or four years.",
            '"Whether that means two years or four years, I don\'t know."',
        ),
        ("The workers’ union didn’t agree.", "The union of workers did not agree."),
    ],
)
def test_same_quote_with_other_marks_case_or_trimmed_is_not_flagged(left: str, right: str) -> None:
    assert "quote" not in kinds(left, right)


# --- names -----------------------------------------------------------------------------


def test_names_swapped_with_a_place_in_one_stretch_are_a_change() -> None:
    # MRPC 557121 / 557022: the byline's writer and town both replaced.
    flag = only(
        "Associated Press Writer Marc Humbert in Albany contributed to this report.",
        "Associated Press Writer Carolyn Thompson contributed to this report from Buffalo.",
        "name",
    )
    assert flag.reason == "name changed: “Marc Humbert” → “Carolyn Thompson”"


def test_misspelt_name_is_flagged() -> None:
    flag = only("Anna Kowalczyk led the talks.", "Anna Kowalcyk led the talks.", "name")
    assert flag.reason == "possible misspelling: “Kowalczyk” → “Kowalcyk”"


def test_short_surname_misspelt_within_a_full_name() -> None:
    assert (
        only("chief Henrike Vos told reporters", "CEO Henrike Voss told a briefing", "name").right
        == "Voss"
    )


def test_a_misspelt_name_that_moved_to_another_sentence_is_flagged() -> None:
    left = '"We have spent twenty years on this. Now we build it," said Tobias Wrenfield in Harlow.'
    right = 'Tobias Wrenfeld told reporters in Harlow: "We have spent twenty years on this."'
    right += ' "Now we build it."'
    assert only(left, right, "name").right == "Wrenfeld"


@pytest.mark.parametrize(
    ("elsewhere", "flagged"), [("Anna Kowalcyk", True), ("Anna Kowalcyk and Anna Kowalcik", False)]
)
def test_a_respelling_elsewhere_in_the_paragraph_counts_only_when_it_is_the_only_one(
    elsewhere: str, flagged: bool
) -> None:
    left = 'The board met on Monday. "Now we build it," said Anna Kowalczyk.'
    right = f'The board met on Monday with {elsewhere}. "Now we build it."'
    assert ("name" in kinds(left, right)) is flagged


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Maria Lopez said so. Lopez was clear.", "Lopez said so and was clear."),
        ("American officials met Russia's envoy.", "Americans met the Russian envoy."),
        ("José Martín spoke.", "Jose Martin spoke."),
        ("Anna Kowalczyk spoke. Mark Twain wrote.", "Anna Kowalczyk spoke."),
        ("Officials in Iran met Mr Smith.", "Mr Smith met officials in Iran."),
        ("The Defense Department said so.", "The Defence Department said so."),
        ("He met Amir Rasheed on Monday.", "He met Amer Rashid on Monday."),
        # MRPC 1549634 / 1549576: an outlet whose encoding lost the "é".
        (
            "It has the Snack Bar and Café downstairs.",
            "It houses the Snack Bar and Caf on its downstairs.",
        ),
        ("It has the Snack Bar and Café downstairs.", "It has the Snack Bar and Caf? downstairs."),
        # Read from MRPC pairs outside the eval set: an abbreviation of a name joined by
        # "with", one that skips a hyphenated prefix, postal abbreviations, company endings,
        # a title, a board standing for its firm, a hyphen, a road's number.
        (
            "Companies can be sued under the Americans with Disabilities Act for it.",
            "Companies can be sued under the ADA for it.",
        ),
        (
            "Iran has yet to sign a protocol to the NPT treaty.",
            "Iran has yet to sign a protocol to the Nuclear Non-Proliferation Treaty.",
        ),
        ("Wall Street regained a positive track.", "WALL St regained a positive track."),
        (
            "The companies include Sony Corp., Hewlett-Packard Co. and IBM Corp.",
            "The companies include Sony, Hewlett-Packard and International Business Machines.",
        ),
        (
            "Ahold Chairman Henny de Ruiter apologised.",
            "Board Chairman Henny de Ruiter apologised.",
        ),
        (
            "Public WiFi hot spots will grow, IDC said.",
            "Public Wi-Fi hot spots will grow, IDC said.",
        ),
        (
            "Miss Stewart is being prosecuted, Mr Comey continued.",
            "Martha Stewart is being prosecuted, he said.",
        ),
        (
            "It opened a sinkhole in I-70 east of Vail.",
            "It opened a sinkhole in Interstate 70 east of Vail.",
        ),
    ],
)
def test_name_forms_and_dropped_names_are_not_misspellings(left: str, right: str) -> None:
    assert "name" not in kinds(left, right)


# --- attributions ----------------------------------------------------------------------


def test_a_modal_is_no_part_of_a_source() -> None:
    # fixtures/unrelated (a match report): "should have claimed" the ball, not a claim.
    left = "The cross fell to Smith, who scored."
    right = "The cross, which the home goalkeeper should have claimed, fell to Smith, who scored."
    assert "attribution" not in kinds(left, right)


def test_a_plan_is_no_source() -> None:
    # Eval set dev pair mrpc-587009-586969: "expects to save" plans, it attributes nothing.
    left = "Another $100-million in savings will come from management layoffs."
    right = "The airline expects to save another $100-million through management layoffs."
    assert "attribution" not in kinds(left, right)


def test_dropped_attribution() -> None:
    flag = only(
        "The plan will cut prices, said Maria Lopez.", "The plan will cut prices.", "attribution"
    )
    assert (flag.severity, flag.reason) == ("medium", "attribution dropped: “said Maria Lopez”")


def test_a_wire_service_named_after_reports_is_a_source() -> None:
    left = '"It was going to involve others," said Kenneth Karas, reports the Associated Press.'
    right = '"It was going to involve others," said Kenneth Karas.'
    assert only(left, right, "attribution").left == "reports the Associated Press"


def test_unnamed_source_dropped() -> None:
    flag = only(
        "The government says the plan will cut prices.", "The plan will cut prices.", "attribution"
    )
    assert flag.left == "The government says"


def test_source_changed_to_another_name() -> None:
    flag = only(
        "Maria Lopez said prices will fall.", "John Smith said prices will fall.", "attribution"
    )
    assert flag.reason.startswith("attribution changed:")


def test_named_source_made_anonymous() -> None:
    assert only(
        "Tomas Elling said the vote was easy.", "Officials said the vote was easy.", "attribution"
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Maria Lopez said prices will fall.", "Prices will fall, said Lopez."),
        ("Prices will fall, said Maria Lopez.", "Maria Lopez said prices will fall."),
        ("Lopez said prices will fall.", "He said prices will fall."),
        (
            "Vos said nobody would lose their job.",
            "According to the port chief, nobody will lose their job.",
        ),
        ("According to Lopez, prices will fall.", "Prices will fall, Lopez says."),
        ("The authority said it would negotiate cuts.", "Farmers face a ban on hosepipes."),
        (
            "Troops fired, according to a United Nations spokesman.",
            "Troops fired, according to a U.N. spokesman.",
        ),
        (
            "He has pushed cuts, but he has said towns oppose them.",
            "He pushed cuts but said towns oppose them.",
        ),
        (
            '"Vaccines are not the only tool," Strom said.',
            '"Vaccines are not the only tool," his statement says.',
        ),
        (
            "Officials say outsiders carry out the attacks.",
            "Officials here insist that outsiders carry out the attacks.",
        ),
        # Read from MRPC pairs outside the eval set: "have said", a forecast's source, a
        # described source named in apposition, a day read as a source.
        (
            "Turkish authorities have said all the suicide bombers were Turks.",
            "Ankara says all four suicide bombers were Turkish.",
        ),
        (
            "Analysts have predicted earnings of 16 cents a share.",
            "Analysts surveyed by Reuters Research expected earnings of 16 cents a share.",
        ),
        (  # fixtures/real-pairs/pa-cbi-paraphrase: "have warned" / "warn"
            "Economists have warned that he needs to find up to £40bn a year.",
            "Economists warn it needs to find up to £40bn a year.",
        ),
        (  # MRPC 1485566 / 1485610: a reporting verb beyond "said"
            "Agrawal said her research neither suggests nor indicates PCOS causes lesbianism.",
            'She continued: "Our research neither suggests nor indicates that PCOS causes'
            ' lesbianism."',
        ),
        (  # MRPC 303962 / 304113
            'The German envoy, Gunter Pleuger, told reporters today, "The important issues are'
            ' how the political process is being organized."',
            '"The important issues are how the political process is being organized," Pleuger'
            " told reporters.",
        ),
        (
            "Regulators have settled the lawsuit, a spokesman for California's air board said Monday.",
            "Regulators have settled the lawsuit, according to a spokesman for California's air board.",
        ),
    ],
)
def test_kept_or_restated_sources_are_not_flagged(left: str, right: str) -> None:
    assert "attribution" not in kinds(left, right)


# --- negation, hedging, modality -------------------------------------------------------


def test_negation_removed_is_high() -> None:
    flag = only(
        "The minister did not approve the plan.", "The minister approved the plan.", "negation"
    )
    assert (flag.severity, flag.right) == ("high", None)


def test_negation_added() -> None:
    assert only(
        "Licensee shall sell the data.", "Licensee shall never sell the data.", "negation"
    ).right


def test_negation_flip_with_a_new_modal_is_one_flag() -> None:
    left, right = "Licensee shall not withhold any fees.", "Licensee may withhold any fees."
    assert kinds(left, right) == ["negation"]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The minister does not approve.", "The minister doesn't approve."),
        ("He cannot attend.", "He can't attend."),
        ("She did not comment.", "She declined to comment."),
        ("It is not much of a philosophy.", "It is hardly a philosophy."),
        ("Not only prices but wages rose.", "Prices and wages rose."),
        ("No one was injured.", "Everyone escaped unharmed."),
        ("There were no injuries, police said.", "Nobody was hurt, police said."),
        ("The primary isn't until March 9.", "The primary will be March 9."),
        (
            "The point of this PEP is _not_ to list them.",
            "The point of this PEP is *not* to list them.",
        ),
        (
            "It runs on Python pithout tarfile filters.",
            "It runs on Python without tarfile filters.",
        ),
        ("A sender might omit to send the data.", "A sender might not send the data."),
        ("Limiting control is infeasible.", "Limiting control is not feasible."),
        ("The economy has yet to exhibit growth.", "The economy hasn't exhibited growth."),
        # Read from MRPC pairs outside the eval set: a negation's noun, a compound, a fall.
        (
            "It results from IE's failure to properly determine an object type.",
            "It occurs because IE does not properly determine an object type.",
        ),
        (
            "Nottingham found the list applies to calls from businesses.",
            "Nottingham ruled the do-not-call list applies to calls from businesses.",
        ),
        (
            "Third-quarter revenue declined to $36.9 billion from $39.3 billion.",
            "Revenue fell to $36.9bn from $39.3bn a year ago.",
        ),
        (  # MRPC 3400796 / 3400822: the noun, with a phrase between it and its "to"
            "That is evident from their failure, three times in a row, to get a big enough turnout.",
            "Three times in a row, they failed to get a big enough turnout.",
        ),
        (  # MRPC 2494709 / 2494434
            "Congress gave the FTC authority to implement the national Do Not Call list.",
            "Congress gave the F.T.C. authority to implement the national do-not-call list.",
        ),
        # MRPC 861118 / 861396: "nor" carries the negation on, as "or" did.
        (
            "Searches have not found stockpiles or significant evidence of a program.",
            "Stockpiles have not turned up, nor has significant evidence of a program.",
        ),
        # Implicit negatives traded for a "not" (MRPC 2778966 / 2779062, QUIC f7eed75fae).
        (
            "He intended to get the loan provision removed from the final bill.",
            "He intended to see that the loan provision was not in the final bill.",
        ),
        (
            "Packets that contain only ACK frames do not count toward limits.",
            "Packets containing frames besides ACK frames count toward limits.",
        ),
    ],
)
def test_negation_kept_in_another_form_is_not_flagged(left: str, right: str) -> None:
    assert "negation" not in kinds(left, right)


def test_a_nor_that_became_an_and_is_a_flip() -> None:
    left = "The firm did not sell the unit, nor did it close the plant."
    right = "The firm did not sell the unit, and it closed the plant."
    assert kinds(left, right) == ["negation"]


def test_an_implicit_negative_both_sides_share_does_not_balance_a_flip() -> None:
    left = "Only members of the board were told; the plan was approved."
    right = "Only members of the board were told; the plan was not approved."
    assert kinds(left, right) == ["negation"]


def test_a_short_word_respelled_into_a_negation_is_a_flip() -> None:
    left, right = "Windows does now have the flag.", "Windows does not have the flag."
    assert kinds(left, right) == ["negation"]


def test_hedge_dropped() -> None:
    flag = only("The suspect allegedly stole the car.", "The suspect stole the car.", "hedging")
    assert (flag.severity, flag.reason) == ("medium", "hedging dropped: “allegedly stole the car”")


def test_hedge_added() -> None:
    assert only(
        "Bills will rise 6 percent.", "Bills are reportedly rising 6 percent.", "hedging"
    ).right


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The Git protocol is the fastest.", "The Git protocol is often the fastest."),
        (
            "Officials are also meeting the agency.",
            "Officials were also expected to meet the agency.",
        ),
        (
            "Bremer estimated that 200 fighters have returned.",
            "Bremer said that 200 fighters have returned.",
        ),
        # "most likely" as an adverb is a hedge; as a likelihood compared it is not (below).
        ("The deal will most likely close next week.", "The deal will close next week."),
    ],
)
def test_hedge_added_or_dropped_in_another_construction(left: str, right: str) -> None:
    assert "hedging" in kinds(left, right)


def test_modal_dropped_for_the_past_tense() -> None:
    left = "The Commerce ruling will impose a tariff on the chips."
    right = "The Commerce Department imposed a tariff on the chips."
    assert only(left, right, "modality").reason == "modal dropped: “will impose a tariff”"


def test_a_modal_in_a_reworded_clause_is_paired_by_its_sentence() -> None:
    # MRPC 948905 / 948771: "might" and "would" govern different words, in one sentence.
    left = (
        "O'Keefe declined to discuss whether such photos from spy satellites might have been"
        " able to detect the small crack in the wing."
    )
    right = (
        "O'Keefe declined to discuss whether such photos would have enough resolution to"
        " detect small cracks in the wing panels."
    )
    flags = compare_facts(left, right)
    assert [(f.kind, f.reason) for f in flags] == [("modality", "modal shift: “might” → “would”")]


def test_a_specifications_may_made_a_can_is_a_modal_shift() -> None:
    left = "An endpoint MAY send a PING frame to keep the connection alive."
    right = "An endpoint can send a PING frame to keep the connection alive."
    assert only(left, right, "modality").reason == "modal shift: “may” → “can”"


def test_a_negated_modal_is_not_paired_with_a_plain_one_by_its_sentence() -> None:
    # fixtures/real-pairs/mpl-1.1-2.0, abridged: a reworded licence clause.
    left = (
        "Filling in the name of the Initial Developer shall not of themselves be deemed to be"
        " modifications of this License."
    )
    right = "If you want a new license, you may create and use a modified version of this License."
    assert "modality" not in kinds(left, right)


def test_modal_shift() -> None:
    flag = only("Prices may rise next year.", "Prices will rise next year.", "modality")
    assert (flag.severity, flag.reason) == ("medium", "modal shift: “may” → “will”")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("He said prices will rise.", "He said prices would rise."),
        ("Prices may rise.", "Prices might rise."),
        ("Prices may rise.", "Prices will probably rise."),
        ("Parliament is expected to ratify it soon.", "MPs are expected to vote it through soon."),
        ("Cafes have sprung up to change that.", "Cafes have appeared to change that."),
        (
            "Forecasters said warnings might go up for Cuba.",
            "Forecasters said warnings could be issued for Cuba.",
        ),
        ("Operators rarely keep full lists.", "Operators typically do not keep full lists."),
        (
            "The dam will cost an estimated 310 million crowns.",
            "The dam will cost 310 million crowns.",
        ),
        (
            "It was a possible dispute over smuggling.",
            "It was a dispute that apparently involved smuggling.",
        ),
        # A hedge traded for an accusation or an expectation (Hyland's hedges).
        (
            "The suspect allegedly shot the officer.",
            "The suspect is accused of shooting the officer.",
        ),
        (
            "The company said it expects profits to rise.",
            "The company said profits are likely to rise.",
        ),
        # Read from MRPC pairs outside the eval set: a figure estimated either way, a
        # negated "could" (an ability denied), a hedge whose own verb the rewrite keeps in
        # another construction, a forecast that makes no modal uncertain.
        (
            "It took in an estimated $135.8 million for all five days.",
            "Its total for all five days was estimated at $135.8 million.",
        ),
        (
            "The court long ago held that students could not be compelled to join in the pledge.",
            "The court has previously ruled that students are not compelled to say the pledge.",
        ),
        (
            "Mr. Brendsel is expected to remain with the Freddie Mac Foundation.",
            "Freddie expects Brendsel to continue serving as chair of the Freddie Mac Foundation.",
        ),
        (
            "Stocks fell after Cisco Systems Inc. said sales will be unchanged this quarter.",
            "Stocks fell after Cisco Systems Inc. forecast that sales will be unchanged this quarter.",
        ),
        # "may" of permission is "can" (fixtures/real-pairs/covenant-homepage, MRPC 2576090).
        (
            "Apple's software can burn a playlist ten times.",
            "Apple's software may burn a playlist ten times.",
        ),
        # MRPC 2198639 / 2198910: a likelihood compared is a finding, not a hedge.
        (
            "Overall, students are most likely to be taught by a 15-year veteran.",
            "The average teacher is a 15-year veteran.",
        ),
    ],
)
def test_equivalent_stance_is_not_flagged(left: str, right: str) -> None:
    assert not {"hedging", "modality"} & set(kinds(left, right))


# --- the real case and ordering --------------------------------------------------------


def test_repost_case_flags_each_change_high_first() -> None:
    left = (
        'Anna Kowalczyk called the $53 billion plan "reckless", said Piotr Nowak.\n\n'
        "Nowak added that costs would not fall."
    )
    right = (
        "Anna Kowalcyk called the tens of billions of dollars plan “careless”.\n\nCosts would fall."
    )
    flags = compare_facts(left, right)
    assert {f.kind for f in flags} == {"number", "name", "quote", "attribution", "negation"}
    severities = [f.severity for f in flags]
    assert severities == sorted(severities, key=["high", "medium"].index)
    assert len(set(flags)) == len(flags)


# --- unpaired paragraphs ---------------------------------------------------------------


def test_unpaired_left_lists_what_was_lost() -> None:
    flags = unpaired_facts('The firm cut 2,300 jobs, said Lopez: "We had no choice."', "left")
    assert {f.reason for f in flags} == {
        "dropped: figure “2,300 jobs”",
        "dropped: attribution “said Lopez”",
        "dropped: quote “We had no choice.”",
    }
    assert all(f.severity == "medium" and f.right is None and f.left for f in flags)


def test_unpaired_right_lists_new_claims_without_every_name() -> None:
    flags = unpaired_facts("Critics in Brussels say the deal costs €4bn.", "right")
    assert [f.kind for f in flags] == ["attribution", "number"]
    assert all(f.left is None and f.reason.startswith("new claim:") for f in flags)


# --- where a flag's words stand ---------------------------------------------------------


def words_where_they_stand(flag: FactFlag, left: list[str], right: list[str]) -> list[bool]:
    """For each side with words, whether the paragraph and characters it names hold them."""
    return [
        texts[at.paragraph][at.start : at.end] == words
        for words, at, texts in (
            (flag.left, flag.left_at, left),
            (flag.right, flag.right_at, right),
        )
        if words is not None
    ]


def test_a_merged_groups_flags_name_the_paragraph_their_words_stand_in() -> None:
    left = ["The ferry carried 40,000 people.", "Fares rose to £3 in May, said Hale."]
    right = ["The ferry carried 40,000 people and fares rose to £5 in May, said Hale."]
    flag = only(left, right, "number")
    assert (flag.left, flag.right) == ("£3", "£5")
    assert flag.left_at.paragraph == 1 and flag.right_at.paragraph == 0
    assert words_where_they_stand(flag, left, right) == [True, True]


def test_an_unpaired_paragraphs_flags_name_where_their_words_stand() -> None:
    paragraphs = ["Nothing here.", "The firm cut 2,300 jobs, said Lopez."]
    flags = unpaired_facts(paragraphs, "left")
    assert flags and all(f.left_at.paragraph == 1 and f.right_at is None for f in flags)
    assert all(words_where_they_stand(f, paragraphs, []) == [True] for f in flags)


@pytest.mark.parametrize(
    "fixture", ["news-repost", "heavy-paraphrase", "policy-revision", "book-editions"]
)
def test_every_flag_on_a_fixture_names_where_its_words_stand(fixture) -> None:
    from tui.engine.pipeline import CompareRequest, run_comparison

    folder = paths.FIXTURES / fixture
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    comparison = run_comparison(
        CompareRequest(str(folder / gold["left"]), str(folder / gold["right"]))
    )
    flags = 0
    for change in comparison.changes:
        left = [comparison.left.paragraphs[i].text for i in change.left]
        right = [comparison.right.paragraphs[j].text for j in change.right]
        for flag in change.facts:
            flags += 1
            assert all(words_where_they_stand(flag, left, right)), flag
    assert flags


@pytest.mark.parametrize("side", ["left", "right"])
def test_an_unpaired_fact_the_other_document_states_is_neither_lost_nor_new(side: str) -> None:
    headline = "Port to shut two terminals for 18 months - thoughts?"
    body = OtherDocument.of(["The port said two terminals would close for 18 months."])
    elsewhere = OtherDocument.of(["The port said two terminals would close for a year."])
    assert unpaired_facts(headline, side, body) == ()
    assert [flag.kind for flag in unpaired_facts(headline, side, elsewhere)] == ["number"]


def test_unpaired_rejects_an_unknown_side() -> None:
    with pytest.raises(ValueError):
        unpaired_facts("text", "middle")


# --- properties ------------------------------------------------------------------------

WORDS = st.sampled_from(
    "the plan said Lopez Maria not never may will could allegedly costs $53 billion 2,300 jobs "
    '53% two-thirds March 3, 2019 according to Kowalczyk “reckless” "careless" ‘quote’ '
    "doesn't no longer tens of billions a dozen 1.5 million. Officials warned: 二十八公里 huit".split()
)
TEXTS = st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=300)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_a_text_compared_with_itself_has_no_flags(text: str) -> None:
    assert compare_facts(text, text) == ()


@settings(max_examples=150, deadline=None)
@given(TEXTS, TEXTS)
def test_any_text_gives_wellformed_deterministic_flags(left: str, right: str) -> None:
    flags = compare_facts(left, right)
    assert flags == compare_facts(left, right)
    assert len(set(flags)) == len(flags)
    for flag in flags:
        assert flag.severity in {"high", "medium"} and flag.reason
        assert flag.left is not None or flag.right is not None
    for side in ("left", "right"):
        assert unpaired_facts(left, side) == unpaired_facts(left, side)


# --- measured on the fixture pairs -----------------------------------------------------

FIXTURES = paths.FIXTURES
GOLD_FILES = sorted(FIXTURES.glob("*/gold.json"))
HEAD_LENGTH = 30
MIN_PRECISION = 0.9
MIN_RECALL = 0.8


def _normal(text: str) -> str:
    return " ".join(text.split())


def _split_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _paragraphs(path: Path, heads: list[str]) -> list[str]:
    """The fixture's paragraphs as the app loads them (decoding, HTML, Markdown), falling back
    to plain splitting; skipped when nothing reproduces the gold heads (a segmentation issue,
    measured elsewhere)."""
    wanted = [_normal(h)[:HEAD_LENGTH] for h in heads]
    for split in _splitters():
        try:
            paragraphs = [_normal(p) for p in split(path)]
        except Exception:  # noqa: BLE001 - a splitter that cannot read this file just does not apply
            continue
        if [p[:HEAD_LENGTH].strip() for p in paragraphs] == wanted:
            return paragraphs
    pytest.skip(f"cannot reproduce the gold paragraph heads of {path.name}")


def _splitters():
    """Ways to cut a fixture into paragraphs, the project's own loader first (if present yet)."""
    try:
        from tui.engine.loading import load_document

        yield lambda path: load_document(str(path)).texts
    except ImportError:
        pass
    try:
        from tui.engine.segmenting import split_paragraphs

        yield lambda path: split_paragraphs(path.read_text("utf-8"))
    except ImportError:
        pass
    yield lambda path: _split_lines(path.read_text("utf-8"))


@dataclass
class Score:
    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    found: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return scores.precision(
            self.true_positives, self.true_positives + len(self.false_positives)
        )

    @property
    def recall(self) -> float:
        return scores.recall(self.found, self.found + len(self.missed))


def _covers(fact: dict, link: dict) -> bool:
    return bool(set(fact["left"]) & set(link["left"])) and bool(
        set(fact["right"]) & set(link["right"])
    )


def score_fixture(gold_path: Path) -> Score:
    gold = json.loads(gold_path.read_text("utf-8"))
    left = _paragraphs(gold_path.parent / gold["left"], gold["left_heads"])
    right = _paragraphs(gold_path.parent / gold["right"], gold["right_heads"])
    facts = [f for f in gold["facts"] if f["left"] and f["right"]]
    found_facts: set[int] = set()
    score = Score()
    boilerplate = set(gold["boilerplate"]["left"]), set(gold["boilerplate"]["right"])
    for link in gold["links"]:
        if set(link["left"]) <= boilerplate[0] and set(link["right"]) <= boilerplate[1]:
            continue  # page furniture is kept out of the reader's way, facts and all
        flags = compare_facts(
            "\n\n".join(left[i] for i in link["left"]), "\n\n".join(right[j] for j in link["right"])
        )
        for flag in flags:
            matches = [
                n for n, f in enumerate(facts) if f["kind"] == flag.kind and _covers(f, link)
            ]
            if matches:
                score.true_positives += 1
                found_facts.update(matches)
            else:
                score.false_positives.append(
                    f"{link['left']}->{link['right']} {flag.kind}: {flag.reason}"
                )
    score.found = len(found_facts)
    score.missed = [
        f"{f['left']}->{f['right']} {f['kind']}: {f['left_value']!r} -> {f['right_value']!r} ({f['why']})"
        for n, f in enumerate(facts)
        if n not in found_facts
    ]
    return score


# Known gaps, each a fixture whose figures the rules do not reach yet (strict: passing
# again fails the test, so the mark is removed as soon as the gap is closed).
KNOWN_GAPS = {
    "chinese": "attributions are recognised in English only (交通集团副总经理林海涛 -> 交通集团负责人)",
}


def _with_known_gaps(path: Path):
    gap = KNOWN_GAPS.get(path.parent.name)
    marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
    return pytest.param(path, marks=marks, id=path.parent.name)


@pytest.mark.skipif(not GOLD_FILES, reason="no fixture pairs yet")
@pytest.mark.parametrize("gold_path", [_with_known_gaps(p) for p in GOLD_FILES])
def test_fact_flags_match_gold(gold_path: Path) -> None:
    score = score_fixture(gold_path)
    print(f"\n{gold_path.parent.name}: precision {score.precision:.2f}, recall {score.recall:.2f}")
    for line in score.false_positives:
        print(f"  false positive {line}")
    for line in score.missed:
        print(f"  missed {line}")
    assert score.precision >= MIN_PRECISION
    assert score.recall >= MIN_RECALL


def test_attribution_whose_source_runs_over_a_line_break_does_not_crash():
    """Found by the engine's property test: "the\n\nminister said" once raised ValueError."""
    from tui.engine.facts import compare_facts as compare

    assert isinstance(compare("the\n\nminister said", "the minister"), tuple)


# re.IGNORECASE matches "ſ" (long s) for "s" and "ı" (dotless i) or "İ" for "i";
# a word matched that way must still be found in the word lists, never raise.
_IGNORECASE_TWINS = str.maketrans({"s": "ſ", "i": "ı", "I": "İ"})
_FIGURE_PHRASES = [
    "seven men",
    "forty-six jobs",
    "three million dollars",
    "twenty-five dollars",
    "a third of the staff",
    "six percent",
    "six euros",
    "quinze people",
    "on 3 August 2021",
    "in September 1999",
    "five billion",
]


@pytest.mark.parametrize("phrase", _FIGURE_PHRASES)
def test_words_matched_through_ignorecase_twins_read_as_their_plain_spelling(phrase):
    twin = phrase.translate(_IGNORECASE_TWINS)
    assert twin != phrase
    text, twin_text = (
        f"Officials said {phrase} were involved.",
        f"Officials said {twin} were involved.",
    )
    assert len(unpaired_facts(twin_text, "left")) == len(unpaired_facts(text, "left"))
    assert len(compare_facts(twin_text, "Officials said nothing.")) == len(
        compare_facts(text, "Officials said nothing.")
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_FIGURE_PHRASES), min_size=1, max_size=4),
    st.lists(st.sampled_from(_FIGURE_PHRASES), max_size=4),
)
def test_fact_checks_never_raise_on_ignorecase_twins(left, right):
    left_text = " and ".join(left).translate(_IGNORECASE_TWINS)
    right_text = " and ".join(right)
    assert isinstance(compare_facts(left_text, right_text), tuple)
    assert isinstance(unpaired_facts(left_text, "right"), tuple)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        st.sampled_from("aZ9_ '’‘ʼ\n.-ΣΑσİß\u0301ǅ") | st.characters(exclude_categories=()),
        max_size=40,
    )
)
@example("Don‘t ΟΔΟΣ’s İstanbul ΑΣ\nΣΑ")
def test_text_words_are_the_pattern_matches_folded_and_lower_cased(text):
    """Each word as the rules read it: found in the text as written, offsets into it."""
    straight = text.translate(APOSTROPHES)
    expected = tuple(
        Word(straight[m.start() : m.end()].lower(), m.start(), m.end())
        for m in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text)
    )
    assert text_words.__wrapped__(text) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(st.sampled_from("aZ9_ '’‘ʼ\n.-ΣΑσİß\u0301ǅ") | st.characters(), max_size=20),
        max_size=4,
    )
)
@example(["Don‘t ΟΔΟΣ", "ΑΣ", "ΣΑ’s"])
def test_a_whole_document_reads_the_words_each_paragraph_reads(paragraphs):
    """The other document's words, read in one pass over its text, are its paragraphs' words."""
    words = [w.text for paragraph in paragraphs for w in text_words.__wrapped__(paragraph)]
    document = OtherDocument.of(paragraphs)
    assert document.words == f" {' '.join(words)} "
    assert document.vocabulary == frozenset(words)


def test_a_passage_too_long_to_read_gets_one_flag_saying_so() -> None:
    """50,000 digits or 'Aa ' words once kept the fact rules busy for minutes."""
    long = "The board met. " + "1" * MAX_CHECKED_CHARS
    for flags in (compare_facts(long, "The board sat."), unpaired_facts(long, "left")):
        assert [(f.kind, f.severity) for f in flags] == [("unchecked", "medium")]
        assert f"{len(long):,} characters" in flags[0].reason
    assert compare_facts(long[:MAX_CHECKED_CHARS], "The board sat.") != compare_facts(
        long, "The board sat."
    )
