"""The shortcuts that keep fact checks cheap never change what they find.

:mod:`tui.engine.facts` skips work a passage cannot need: it looks for words
in a blanked copy of the text for
number words only where a word starts, for capitalised words and sentence
boundaries with one class-first scan, and drops a whole check when no guard
can match or no capital can open a name. Each shortcut is compared here with the direct way of
computing the same thing, on texts built to sit on its edges (apostrophes,
hyphens, case foldings, scripts without spaces, digits next to letters).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine_helpers import fact_guards
from tui.engine.facts import compare_facts, dates, figures, names, stance
from tui.engine.facts import text as fact_text

# Pieces that sit on the shortcuts' edges, glued in any order.
_PIECES = [
    "two",
    "Twom",
    "tension",
    "often",
    "ten",
    "twenty-three",
    "a half",
    "one-third",
    "half a dozen",
    "dozen",
    "fünf",
    "一",
    "二十八公里",
    "万",
    "第",
    "$",
    "US$",
    "€",
    "5",
    "2019",
    "1,200",
    "March",
    "May",
    "may",
    "not",
    "don't",
    "won’t",
    "declined",
    "fails",
    "refusing",
    "can",
    "will",
    "reportedly",
    "is expected to",
    "said",
    "according to",
    "Lopez",
    "Maria Lopez's",
    "O'Brien",
    "anti-Lopez",
    "9-Lopez",
    "-Lopez",
    "Vos-",
    "x-Y",
    "Émile",
    "Zoë",
    "ÉCOLE",
    "ǅemal",
    "ſ",
    "ı",
    "İ",
    "K",
    "ẞ",
    "é",
    "_",
    "’",
    "'",
    "-",
    "“",
    "”",
    '"',
    "«",
    "»",
    "‘",
    "٣",
]
_GLUE = [
    " ",
    "  ",
    ", ",
    ". ",
    ".\n",
    "\n\n",
    "",
    "? ",
    "—",
    " – ",
    ": ",
    "(",
    ") ",
    "“",
    "” ",
    "’",
    "'",
    "-",
    "\t",
]


# Each piece as written three times in four, upper-cased or capitalised once in eight, in one
# draw instead of up to three (the piece, whether to change its case, how): drawing the texts
# is most of these properties' cost.
_CASED_PIECES = [
    form for piece in _PIECES for form in [piece] * 6 + [piece.upper(), piece.capitalize()]
]


@st.composite
def edgy_texts(draw) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 14))):
        pieces += [draw(st.sampled_from(_CASED_PIECES)), draw(st.sampled_from(_GLUE))]
    return "".join(pieces)


any_text = st.one_of(edgy_texts(), st.text(max_size=60))


# --- text helpers ------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(text=any_text)
def test_blanked_text_holds_the_words_between_single_spaces(text: str):
    blanked = fact_text.blanked(text)
    assert blanked.startswith(" ") and blanked.endswith(" ")
    assert blanked.split() == re.findall(r"\w+", fact_text.case_folded(text))


@settings(max_examples=300, deadline=None)
@given(
    literals=st.lists(st.text(alphabet="ab -’é万", min_size=0, max_size=4), max_size=6),
    text=st.text(alphabet="ab -’é万x", max_size=30),
)
def test_prefix_tree_finder_finds_any_literal(literals: list[str], text: str):
    assert fact_text.finder(literals)(text) == any(literal in text for literal in literals)


def test_prefix_tree_pattern_shares_prefixes():
    assert fact_text.any_of_pattern(["ten", "three", "two"]) == "t(?:en|hree|wo)"


@settings(max_examples=400, deadline=None)
@given(text=any_text)
def test_digit_test_agrees_with_the_regex(text: str):
    assert fact_text.has_digit(text) == (re.search(r"\d", text) is not None)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(any_text, st.text(st.characters(max_codepoint=127), max_size=40)))
def test_accent_folding_agrees_with_decomposing(text: str):
    decomposed = unicodedata.normalize("NFKD", text)
    assert (
        fact_text.fold_accents(text)
        == "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    )


# --- guards ------------------------------------------------------------------------------

GUARDS = fact_guards()


@settings(max_examples=300, deadline=None)
@given(text=any_text)
def test_guards_never_hide_a_match(text: str):
    """Every guard on each text: drawing the text is most of the cost, so it is drawn once."""
    for name, guarded in GUARDS.items():
        assert [m.span() for m in guarded.finditer(text)] == [
            m.span() for m in guarded.pattern.finditer(text)
        ], name


@pytest.mark.parametrize(
    "text",
    ["Over twom people", "US$ten", "$two", "二two", "Twenty-three", "half a dozen", "One-Third"],
)
def test_number_words_at_word_starts_pass_the_figure_guard(text: str):
    assert figures._FIGURE.may_match(text)
    assert any(figures._FIGURE.pattern.finditer(text))


@pytest.mark.parametrize("text", ["often", "attention", "Lopez said it was a fine day."])
def test_number_words_inside_words_do_not_pass_the_figure_guard(text: str):
    assert not figures._FIGURE.may_match(text)


@settings(max_examples=400, deadline=None)
@given(text=any_text)
def test_one_stance_check_agrees_with_the_three_guards(text: str):
    stance_guards = (stance._NEGATION, stance._MODAL, stance._HEDGE)
    assert stance._may_hold_stance(text) == any(g.may_match(text) for g in stance_guards)


# --- checks skipped as a whole -----------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=any_text)
def test_figures_shortcut_gives_what_extraction_gives(text: str):
    date_spans = [d.span for d in dates.extract_dates(text)]
    assert figures.text_figures(text) == tuple(figures._extract_figures(text, date_spans))


@settings(max_examples=300, deadline=None)
@given(left=any_text, right=any_text)
def test_stance_is_silent_only_when_neither_side_holds_a_marker(left: str, right: str):
    flags = stance.compare_stance(left, right)
    markers = [
        m
        for text in (left, right)
        for g in (stance._NEGATION, stance._MODAL, stance._HEDGE)
        for m in g.pattern.finditer(text)
    ]
    if flags:
        assert markers


# --- capitalised words -------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(text=any_text)
def test_capital_scan_finds_the_capitalised_words(text: str):
    """The class-first scan yields exactly the words of ``_CAPITALISED`` that open with a capital
    (its sentence boundaries never swallow one)."""
    everything = [m.span() for m in names._CAPITALISED.finditer(text) if m.group()[0].isupper()]
    scanned = [
        m.span()
        for m in names._BOUNDARY_OR_CAPITAL.finditer(text)
        if m["rest_of_word"] is not None
        and m.group()[0].isupper()
        and names._opens_its_word(text, m.start())
    ]
    assert scanned == everything


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("anti-Lopez met O'Brien.", ["O'Brien"]),
        ("Talks with 9-Lopez and -Vos.", ["Talks", "Lopez", "Vos"]),
        ("Maria Lopez's plan, said Émile Zola.", ["Maria", "Lopez", "Émile", "Zola"]),
        ("Talks with Vos- Henrike came.", ["Talks", "Vos", "Henrike"]),
    ],
)
def test_name_words(text: str, words: list[str]):
    assert [w.text for w in names._name_words(text)] == words


@pytest.mark.parametrize(
    ("text", "initial"),
    [
        ("(Henrike) met “Vos” at Lopez: Maria Lopez-\nVos", [True, True, False, True, False, True]),
        (
            "Talks with Vos- Henrike came; with Vos--  Henrike too.",
            [True, False, True, False, True],
        ),
    ],
)
def test_sentence_initial_name_words(text: str, initial: list[bool]):
    assert [w.sentence_initial for w in names._name_words(text)] == initial


@st.composite
def plain_prose(draw) -> str:
    """Sentences of lower-case words with a few capitalised ones: the text the name shortcut skips."""
    lower = st.sampled_from(["it", "rained", "came", "over", "said"])
    capital = st.sampled_from(["It", "The", "Lopez", "Vos", "Émile", "Lopez’s"])
    glue = st.sampled_from(
        [" ", " ", " ", ". ", ", ", ".  ", ".\n", "! ", "? ", "… ", ": ", "; ", "- "]
    )
    words = st.one_of(lower, lower, lower, capital)
    return "".join(draw(words) + draw(glue) for _ in range(draw(st.integers(0, 10))))


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(any_text, plain_prose()))
def test_names_shortcut_gives_what_finding_gives(text: str):
    assert names._names(text) == names._find_names(text)


@pytest.mark.parametrize(
    ("text", "expected", "looked"),
    [
        ("It rained. Lopez came.", [], False),  # the one capital opens a sentence: nothing to find
        (
            "It rained.  Lopez came.",
            [],
            True,
        ),  # two spaces: not certainly a sentence start, so looked at
        ("It rained on Lopez.", ["Lopez"], True),
        ("It rained, Lopez came.", ["Lopez"], True),
        ("It rained. Maria Lopez came.", ["Maria", "Lopez"], True),
        ("It rained. Lopez’s Vos came.", ["Lopez", "Vos"], True),
        ("It rained. Lopez said so.", ["Lopez"], True),
    ],
)
def test_names(text: str, expected: list[str], looked: bool):
    assert names._may_hold_names(text) == looked
    assert [w.text for w in names._names(text)] == expected


_BOUNDARY_AS_WRITTEN = re.compile(r"""[.!?…]["'”’)\]]*\s+|\n\s*|[:;]\s+|[“"‘«(\[]\s*|[—–-]\s+""")


@settings(max_examples=500, deadline=None)
@given(text=any_text)
def test_sentence_starts_follow_each_kind_of_boundary(text: str):
    """The boundaries found in the same scan as the words, and the dash a word ran into
    ("Vos- Henrike"), mark the same sentence starts as a scan for boundaries alone."""
    starts = {m.end() for m in _BOUNDARY_AS_WRITTEN.finditer(text)} | {
        len(text) - len(text.lstrip())
    }
    assert [w.sentence_initial for w in names._name_words(text)] == [
        w.start in starts for w in names._name_words(text)
    ]


# --- whole checks still see what the shortcuts let through --------------------------------


@pytest.mark.parametrize(
    ("left", "right", "kind"),
    [
        ("Officials counted twenty-three boats.", "Officials counted twenty-four boats.", "number"),
        ("Henrike Vos chairs the board.", "Henrik Vos chairs the board.", "name"),
        ("The port did not reopen on Monday.", "The port reopened on Monday.", "negation"),
        ("She declined to sign the deal.", "She signed the deal.", "negation"),
        ("The levy will rise next year.", "The levy may rise next year.", "modality"),
        ("“We will rebuild,” said Lopez.", "“We will build,” said Lopez.", "quote"),
    ],
)
def test_each_kind_is_still_flagged(left: str, right: str, kind: str):
    assert kind in [flag.kind for flag in compare_facts(left, right)]


def test_plain_prose_without_facts_raises_nothing():
    left = "The committee met in the old hall. It talked about the roof and the garden."
    right = "The committee gathered in the old hall. It discussed the garden and the roof."
    assert compare_facts(left, right) == ()
