"""The cheap pre-checks in front of the fact rules never hide a match.

:mod:`tui.engine.facts` skips a long pattern when a text holds none of the
words or fragments every match must contain. If someone adds a word to a
pattern and forgets its guard, the rule would silently stop seeing it: these
properties find that, on texts built from the guards' own words, their
near-misses, odd case foldings and digits.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine_helpers import fact_guards
from tui.engine import boilerplate
from tui.engine.facts import text as fact_text

GUARDED = fact_guards()

_PATTERN_WORDS = [
    # What the patterns look for, as written in prose.
    "not",
    "Not only",
    "no longer",
    "don't",
    "doesn’t",
    "won't",
    "can't",
    "shan't",
    "mightn't",
    "declined to",
    "refuses to",
    "failed to",
    "may",
    "May",
    "will",
    "would",
    "has to",
    "ought to",
    "needs to",
    "is expected to",
    "appears to",
    "reportedly",
    "peut-être",
    "al parecer",
    "Podría",
    "könnten",
    "said",
    "says",
    "according to",
    "Maria Lopez",
    "Lopez",
    "officials",
    "the minister",
    "twenty-three",
    "a dozen",
    "half a dozen",
    "two-thirds",
    "one third",
    "three",
    "SEVEN",
    "dreißig",
    "fünf",
    "$53bn",
    "53",
    "1,200.5",
    "2019",
    "March 3",
    "3 May 2021",
    "1990s",
    "12%",
    "per cent",
    "二十八公里",
    "一万人",
    "2023年",
    "5%",
]
# Every word spelled out in the patterns' own source, so a word added there is tried too.
_SOURCE_WORDS = sorted(
    {w for g in GUARDED.values() for w in re.findall(r"[^\W\d_]{2,}", g.pattern.pattern)}
)
_ODD_LETTERS = ["ſ", "ı", "İ", "K", "ẞ", "é", "’", "'", "-", "_", "万", "第"]
_GLUE = [" ", "  ", ", ", ". ", "\n", "", "“", "”", '"', "(", ")"]


@st.composite
def texts(draw) -> str:
    """Pattern words, pieces of them and odd letters, glued together in any order."""
    pieces = []
    for _ in range(draw(st.integers(1, 12))):
        word = draw(st.sampled_from(_PATTERN_WORDS + _SOURCE_WORDS + _ODD_LETTERS))
        if draw(st.booleans()):
            start = draw(st.integers(0, len(word)))
            word = word[start : draw(st.integers(start, len(word)))]  # a fragment of the word
        if draw(st.booleans()):
            word = word.upper() if draw(st.booleans()) else word.replace("s", "ſ").replace("i", "ı")
        pieces += [word, draw(st.sampled_from(_GLUE))]
    return "".join(pieces)


def test_every_guarded_pattern_is_found():
    """The guard list covers the patterns the rules use (a rename would empty this test)."""
    assert {
        "figures._FIGURE",
        "dates._DATE",
        "attribution._ATTRIBUTION",
        "stance._NEGATION",
        "stance._HEDGE",
        "stance._MODAL",
    } <= set(GUARDED)


@settings(max_examples=150, deadline=None)
@given(text=texts())
def test_guards_never_hide_a_match(text: str):
    """Every guard on each text: drawing the text is most of the cost, so it is drawn once."""
    for name, guarded in GUARDED.items():
        expected = [m.span() for m in guarded.pattern.finditer(text)]
        assert [m.span() for m in guarded.finditer(text)] == expected, name


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guard_skips_plain_prose(name: str):
    """Text with no marker, figure or source is not scanned at all."""
    assert not GUARDED[name].may_match("Zorbel quimt the plavens over a brindle of snark.")


# --- Boilerplate: rules skipped when a line lacks their words ----------------

NEEDY_RULES = [rule for rule in boilerplate.RULES if rule.needs]
_RULE_WORDS = sorted(
    {w for rule in NEEDY_RULES for w in re.findall(r"[^\W\d_]{2,}", rule.pattern.pattern)}
    | {f for rule in NEEDY_RULES for f in rule.needs}
)


@st.composite
def lines(draw) -> str:
    """A whitespace-normalised line of the needy rules' own words, capitalised or not, and odd letters."""
    words = draw(
        st.lists(
            st.sampled_from(_RULE_WORDS + _ODD_LETTERS + ["/", "©", "Reuters/Jane Doe", "'"]),
            min_size=1,
            max_size=14,
        )
    )
    words = [w.upper() if draw(st.booleans()) else w for w in words]
    return " ".join(" ".join(words).split())


def test_some_rules_have_needs():
    assert len(NEEDY_RULES) >= 3


@settings(max_examples=400, deadline=None)
@given(line=lines())
def test_needs_never_hide_a_match(line: str):
    word_count = len(line.split())
    for rule in NEEDY_RULES:
        expected = word_count <= rule.max_words and rule.pattern.fullmatch(line) is not None
        assert rule.matches(line, word_count) == expected, rule.reason


def _letters(fragments) -> set[str]:
    return {c for fragment in fragments for c in fragment if c.isalpha()}


@pytest.mark.parametrize(
    ("fold", "letters"),
    [
        (boilerplate._fold_case, _letters(f for rule in NEEDY_RULES for f in rule.needs)),
        (
            fact_text.case_folded,
            _letters(f for g in GUARDED.values() for f in (*g.words, *g.fragments)),
        ),
    ],
    ids=["boilerplate", "facts"],
)
def test_case_fold_agrees_with_ignorecase(fold, letters: set[str]):
    """Every character re.IGNORECASE takes for a letter of a pre-check folds to that letter,
    so folding, then looking for the fragment, never misses what the pattern matches."""
    any_letter = re.compile("[" + re.escape("".join(sorted(letters))) + "]", re.IGNORECASE)
    for char in filter(any_letter.fullmatch, map(chr, range(0x110000))):
        for letter in letters:
            if re.fullmatch(re.escape(letter), char, re.IGNORECASE):
                assert fold(char) == letter, (hex(ord(char)), letter)
