"""Plain-text segmentation: blank lines, web-pasted lines, hard-wrapped prose, lists."""

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.segmenting import split_paragraphs

PROSE = (
    "The river authority said on Monday that water levels had fallen for the third "
    "week in a row, and that farmers upstream would be asked to cut their use by a "
    "fifth until the autumn rains arrive. Officials stressed that drinking water was "
    "not at risk, but warned that boats longer than ten metres could run aground."
)
SECOND = (
    "Local fishermen, who have complained for years about silt in the harbour, "
    "welcomed the survey but said it came far too late for this season's catch, "
    "which they expect to be the worst since records began in the early sixties."
)


def non_space(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def test_blank_lines_separate_paragraphs():
    assert split_paragraphs("One.\n\nTwo.\n\n\n  \nThree.") == ["One.", "Two.", "Three."]


def test_hard_wrapped_prose_is_joined_with_single_spaces():
    text = textwrap.fill(PROSE, 72) + "\n\n" + textwrap.fill(SECOND, 66)
    assert split_paragraphs(text) == [PROSE, SECOND]


def test_wrapped_prose_with_sentence_ending_at_line_end_stays_joined():
    text = (
        "The harbour survey was published on Friday after two years of delays.\n"
        "It runs to four hundred pages and nobody outside the authority has had\n"
        "time to read it yet, the clerk said."
    )
    assert split_paragraphs(text) == [" ".join(text.split("\n"))]


def test_heading_above_wrapped_text_stays_its_own_paragraph():
    text = "Background\n" + textwrap.fill(PROSE, 72)
    assert split_paragraphs(text) == ["Background", PROSE]


def test_web_pasted_block_keeps_every_line_including_chrome():
    lines = [
        "Re: River levels fall again",
        "Joined: Mar 2019",
        "Posts: 1,204",
        PROSE,
        "Short reply that is one sentence long and ends with a full stop.",
        "Top",
        SECOND,
    ]
    assert split_paragraphs("\n".join(lines)) == lines


def test_one_sentence_web_paragraphs_of_prose_width_are_not_joined():
    lines = [
        "The council met on Tuesday to discuss the new harbour wall plans.",
        "Residents packed the hall and many had to stand at the back of it.",
        "A decision is expected next month after a second public meeting.",
    ]
    assert split_paragraphs("\n".join(lines)) == lines


def test_list_items_are_their_own_paragraphs_and_wrapped_items_join():
    item = "- first item that runs long enough to be wrapped by the editor before the end of it"
    wrapped_item = textwrap.fill(item, 60, subsequent_indent="  ")
    text = "Steps:\n" + wrapped_item + "\n* second\n+ third\n1. fourth\n2) fifth"
    assert split_paragraphs(text) == [
        "Steps:",
        item,
        "* second",
        "+ third",
        "1. fourth",
        "2) fifth",
    ]


def test_short_paragraph_in_wrapped_document_is_joined_without_own_evidence():
    # The second block alone has no lower-case continuation, but the document is wrapped at 72.
    tail = "Reporting by Anna Berg. Additional reporting by the newsroom staff in Oslo. Editing by Tom Reed."
    text = textwrap.fill(PROSE, 72) + "\n\n" + textwrap.fill(tail, 72)
    assert "\n" in textwrap.fill(tail, 72)
    assert split_paragraphs(text) == [PROSE, tail]


def test_mixed_file_wrapped_section_then_web_pasted_section():
    text = textwrap.fill(PROSE, 70) + "\n\n" + "\n".join([SECOND, "Quote", SECOND.upper()])
    assert split_paragraphs(text) == [PROSE, SECOND, "Quote", SECOND.upper()]


def test_indented_first_line_starts_a_new_paragraph():
    first = textwrap.fill(PROSE, 70).split("\n")
    second = textwrap.fill(SECOND, 70, initial_indent="    ").split("\n")
    result = split_paragraphs("\n".join(first + second))
    assert result == [PROSE, SECOND]


def test_whitespace_inside_a_paragraph_is_kept_and_trailing_stripped():
    assert split_paragraphs("a  b\tc   \n\n d ") == ["a  b\tc", "d"]


def test_chinese_lines_without_spaces_stay_separate():
    text = "政府周三批准了新的预算。\n市民对此表示欢迎，专家认为这是一个好消息。\n"
    assert split_paragraphs(text) == [
        "政府周三批准了新的预算。",
        "市民对此表示欢迎，专家认为这是一个好消息。",
    ]


def test_whitespace_only_text_has_no_paragraphs():
    assert split_paragraphs(" \n\t\n\n") == []


line_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=90)
documents = st.lists(
    st.one_of(
        line_text,
        st.sampled_from(["", "  ", "- item", "Top", PROSE[:70], "continued here", SECOND]),
    ),
    max_size=25,
).map("\n".join)


@settings(max_examples=300)
@given(documents)
def test_no_text_is_lost_and_order_is_kept(text):
    assert non_space("".join(split_paragraphs(text))) == non_space(text)


@settings(max_examples=300)
@given(documents)
def test_no_empty_paragraphs(text):
    assert all(p.strip() for p in split_paragraphs(text))


@settings(max_examples=300)
@given(documents)
def test_idempotent_on_joined_output(text):
    paragraphs = split_paragraphs(text)
    assert split_paragraphs("\n\n".join(paragraphs)) == paragraphs
