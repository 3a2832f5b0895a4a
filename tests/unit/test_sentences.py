"""Sentence splitting and alignment inside a change (tui.engine.sentences)."""

from dataclasses import replace
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tests import paths
from tests.engine_helpers import PROPERTY_SETTINGS, document
from tui.engine.compare import compare_documents
from tui.engine.inline import word_diff
from tui.engine.model import Kind, SentenceAlignment
from tui.engine.pipeline import CompareRequest, run_comparison
from tui.engine.sentences import align_sentence_groups, sentence_pairs, split_sentences


def sentences_of(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_sentences_are_cut_after_full_stops_but_not_after_abbreviations():
    text = "Dr. Smith paid $3.5 million to the U.S. Army.  Was it enough? Nobody knew."
    assert sentences_of(text) == [
        "Dr. Smith paid $3.5 million to the U.S. Army.",
        "Was it enough?",
        "Nobody knew.",
    ]


def test_a_quotation_of_two_sentences_is_two_sentences_each_keeping_its_marks():
    text = (
        '"It\'s a tragedy. If you pray, now is the time to pray," he said. '
        "Weil sagte: „Genau das ist gestern geschehen.“ Er ging."
    )
    assert sentences_of(text) == [
        "\"It's a tragedy.",
        'If you pray, now is the time to pray," he said.',
        "Weil sagte: „Genau das ist gestern geschehen.“",
        "Er ging.",
    ]


def test_a_clause_number_stays_with_the_sentence_it_opens():
    assert sentences_of("1. Definitions") == ["1. Definitions"]
    assert sentences_of("(b) The Licensee shall pay. It is due.") == [
        "(b) The Licensee shall pay.",
        "It is due.",
    ]


def test_sentence_offsets_point_into_the_paragraph_without_surrounding_space():
    text = "  First one here.   Second one.\n"
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == ["First one here.", "Second one."]


@PROPERTY_SETTINGS
@given(st.text(st.characters(exclude_categories=())))
def test_any_text_splits_into_ordered_spans_that_keep_its_characters(text):
    """Any str, lone surrogates included (a text built in memory may hold them; the Rust
    segmenter takes only UTF-8)."""
    spans = split_sentences(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(end <= start for (_, end), (start, _) in pairwise(spans))
    assert all(text[start:end] == text[start:end].strip() for start, end in spans)


def test_text_without_words_has_no_sentences():
    assert split_sentences("   ") == []


def align(left: list[str], right: list[str]) -> SentenceAlignment:
    """One group of all the given paragraphs."""
    return align_sentence_groups(left, right, [(range(len(left)), range(len(right)))])[0]


def shape(alignment: SentenceAlignment) -> list[tuple[str, list[str], list[str]]]:
    return [
        (
            link.kind.value,
            [alignment.left[i].text for i in link.left],
            [alignment.right[j].text for j in link.right],
        )
        for link in alignment.links
    ]


def test_a_restated_sentence_is_linked_and_a_new_one_is_added():
    alignment = align(
        [
            "The council approved the harbour budget of 12 million on Monday. "
            "Critics said the turbines would harm seabirds."
        ],
        [
            "On Monday the harbour budget, 12 million, was approved by the council. "
            "Critics warned that seabirds would be harmed by the turbines. "
            "The vote was close."
        ],
    )
    assert [kind for kind, _, _ in shape(alignment)] == ["reworded", "reworded", "added"]
    assert shape(alignment)[2][2] == ["The vote was close."]


def test_a_cut_sentence_is_dropped_where_it_stood():
    alignment = align(
        [
            "Kowalczyk opened the shipyard in 1998. "
            "Its cranes were painted yellow that spring. "
            "The yard built forty ferries."
        ],
        ["Kowalczyk founded the shipyard in 1998. The yard went on to build forty ferries."],
    )
    assert [kind for kind, _, _ in shape(alignment)] == ["reworded", "dropped", "reworded"]
    assert shape(alignment)[1][1] == ["Its cranes were painted yellow that spring."]


def test_a_sentence_cut_in_two_is_a_split():
    alignment = align(
        ["The reservoir fell to 31 percent, and farmers along the river asked for a drought levy."],
        [
            "The reservoir fell to 31 percent.",
            "Farmers along the river asked for a drought levy.",
        ],
    )
    assert shape(alignment) == [
        (
            "split",
            [
                "The reservoir fell to 31 percent, and farmers along the river asked for a "
                "drought levy."
            ],
            [
                "The reservoir fell to 31 percent.",
                "Farmers along the river asked for a drought levy.",
            ],
        )
    ]


def test_two_sentences_that_swap_places_are_one_in_order_and_one_moved():
    alignment = align(
        ["Brandt chairs the parliament budget committee. The levy funds cables."],
        ["The levy funds harbour cables. Brandt chairs the budget committee of parliament."],
    )
    kinds = sorted(kind for kind, _, _ in shape(alignment))
    assert kinds == ["moved", "reworded"]
    moved = next(link for link in alignment.links if link.kind is Kind.MOVED)
    assert alignment.left[moved.left[0]].text == "The levy funds cables."


def test_unrelated_sentences_are_not_linked():
    alignment = align(
        ["Whisk the eggs with sugar until pale."],
        ["The striker scored twice before half time."],
    )
    assert [kind for kind, _, _ in shape(alignment)] == ["dropped", "added"]


def test_sentences_of_text_written_without_spaces_are_aligned_too():
    alignment = align(
        ["我今天去了北京大学。你明天来上海吗？"], ["你明天来上海吗？我今天去了北京大学。"]
    )
    assert sorted(kind for kind, _, _ in shape(alignment)) == ["moved", "unchanged"]


def test_a_clause_number_does_not_stop_the_sentences_after_it_from_pairing():
    alignment = align(
        ["4. The Licensee shall pay the royalty. The warranty lapses after 12 months."],
        ["4. The warranty lapses after 12 months. The Licensee shall pay the royalty."],
    )
    assert sorted(kind for kind, _, _ in shape(alignment)) == ["moved", "reworded"]


def test_sentences_record_their_paragraph_and_place():
    alignment = align(["One thing. Two things."], ["Intro.", "One thing. Two things!"])
    assert [(s.paragraph, s.start, s.end) for s in alignment.right] == [
        (0, 0, 6),
        (1, 0, 10),
        (1, 11, 22),
    ]


# --- The contract over generated documents -------------------------------------------------

WORDS = st.sampled_from(
    """minister plan wind farm coast jobs billion critics cost price government energy Kowalczyk
    Brandt survey seabirds grid turbines harbour cables budget parliament union factory the a of
    to and said 2,300 12.4% 1998 Dr. U.S. (b) 1. “quoted” — not""".split()
)
SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(WORDS, min_size=1, max_size=14),
    st.sampled_from([".", "?", "!", "", '."', ";"]),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=6)


@st.composite
def rewritten_paragraphs(draw):
    """Paragraphs (as sentence lists) and a rewrite: sentences kept, reworded, cut, added,
    swapped, split and merged, and the sentences regrouped into other paragraphs."""
    left = draw(st.lists(PARAGRAPH, min_size=1, max_size=4))
    sentences = []
    for sentence in (s for paragraph in left for s in paragraph):
        action = draw(st.sampled_from(["keep", "reword", "drop", "add", "split"]))
        if action == "keep":
            sentences.append(sentence)
        elif action == "reword":
            sentences.append(sentence + " " + draw(SENTENCE))
        elif action == "add":
            sentences += [sentence, draw(SENTENCE)]
        elif action == "split" and " " in sentence:
            cut = sentence.index(" ")
            sentences += [sentence[:cut] + ".", sentence[cut + 1 :]]
    if len(sentences) > 1 and draw(st.booleans()):
        k = draw(st.integers(0, len(sentences) - 2))
        sentences[k], sentences[k + 1] = sentences[k + 1], sentences[k]
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(sentences) - 1)), max_size=3)))
    bounds = [0, *cuts, len(sentences)]
    right = [" ".join(sentences[a:b]) for a, b in pairwise(bounds) if a < b]
    return [" ".join(p) for p in left], right or ["A new text."]


def assert_sentence_contract(
    alignment: SentenceAlignment, left: list[str], right: list[str]
) -> None:
    """Every sentence in exactly one link; sentences are the paragraphs' text, in order."""
    assert sorted(i for link in alignment.links for i in link.left) == list(
        range(len(alignment.left))
    )
    assert sorted(j for link in alignment.links for j in link.right) == list(
        range(len(alignment.right))
    )
    for sentences, texts in ((alignment.left, left), (alignment.right, right)):
        assert [(s.paragraph, s.start) for s in sentences] == sorted(
            (s.paragraph, s.start) for s in sentences
        )
        for s in sentences:
            assert s.text == texts[s.paragraph][s.start : s.end] == s.text.strip() != ""
    for link in alignment.links:
        expected_kind = {
            (True, False): {Kind.DROPPED},
            (False, True): {Kind.ADDED},
        }.get((bool(link.left), bool(link.right)))
        if expected_kind is None:
            if len(link.right) > 1:
                expected_kind = {Kind.SPLIT}
            elif len(link.left) > 1:
                expected_kind = {Kind.MERGED}
            else:
                expected_kind = {Kind.UNCHANGED, Kind.REWORDED, Kind.MOVED}
            assert not (len(link.left) > 1 and len(link.right) > 1)
        assert link.kind in expected_kind
        assert 0.0 <= link.similarity <= 1.0


@PROPERTY_SETTINGS
@given(rewritten_paragraphs())
def test_every_sentence_of_a_group_is_in_exactly_one_link(pair):
    left, right = pair
    assert_sentence_contract(align(left, right), left, right)


@PROPERTY_SETTINGS
@given(rewritten_paragraphs())
def test_every_changed_pair_of_a_comparison_keeps_the_sentence_contract(pair):
    left, right = pair
    comparison = compare_documents(document(left), document(right))
    for change in comparison.changes:
        if change.sentences is None:
            assert change.kind not in (Kind.REWORDED, Kind.MOVED, Kind.SPLIT, Kind.MERGED) or (
                change.boilerplate
            )
            continue
        own_left = [left[i] if i in change.left else "" for i in range(len(left))]
        own_right = [right[j] if j in change.right else "" for j in range(len(right))]
        assert_sentence_contract(change.sentences, own_left, own_right)
        assert {s.paragraph for s in change.sentences.left} <= set(change.left)
        assert {s.paragraph for s in change.sentences.right} <= set(change.right)


_SENTENCES = ["The ferry will stop.", "It carried 40,000 people.", "Refunds are due.", "It is sad."]


@settings(max_examples=40, deadline=None)
@given(
    left=st.lists(st.sampled_from(_SENTENCES + ["The ferry will go."]), min_size=1, max_size=4),
    right=st.lists(st.sampled_from(_SENTENCES + ["It carried 9,000."]), min_size=1, max_size=4),
)
def test_sentence_pairs_highlight_each_link_by_its_own_word_diff(left, right):
    """Kept sentences included: no highlight, and the text whole."""
    alignment = align([" ".join(left)], [" ".join(right)])
    for link, pair in zip(alignment.links, sentence_pairs(alignment), strict=True):
        lefts = [alignment.left[i].text for i in link.left]
        rights = [alignment.right[j].text for j in link.right]
        if lefts and rights:
            diff, _ = word_diff(lefts, rights)
            assert (pair.left, pair.right) == (diff.left, diff.right)
        else:
            assert all(span.changed for spans in pair.left + pair.right for span in spans)


def test_a_comparison_without_sentence_links_differs_only_in_them():
    """What --summary runs: the same changes, facts and scores, no sentence alignment."""
    folder = paths.FIXTURES / "news-repost"
    request = CompareRequest(str(folder / "original.txt"), str(folder / "repost.txt"))
    full = run_comparison(request)
    bare = run_comparison(request, sentence_links=False)
    assert any(change.sentences is not None for change in full.changes)
    assert all(change.sentences is None for change in bare.changes)
    assert bare == replace(full, changes=tuple(replace(c, sentences=None) for c in full.changes))
