"""Tests for tui.engine.boilerplate: furniture is labelled, content never is.

Each family has positives and, more importantly, negatives: content that
looks a bit like furniture (a short headline, a quote, a numbered policy
heading, a sentence mentioning "follow", a news dateline) must stay ``None``.
The fixture test measures precision and recall against every hand-labelled
fixture pair; run with ``-s`` to see the per-fixture numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import paths
from tui.engine import boilerplate
from tui.engine.boilerplate import RULES, classify
from tui.engine.loading import load_document

FIXTURES = paths.FIXTURES

# Long English paragraphs that set the body's script and language.
BODY = (
    "The port authority said on Wednesday that it would close two of its container terminals for "
    "eighteen months so that the harbour channel can be deepened for the largest ships.",
    "Shipping lines warned that the closure could push freight costs higher across the region, and "
    "the union said it had not been consulted about the plan before it was announced.",
    "The regional government backed the plan but said it would review the timetable in January if "
    "congestion built up at the terminals that remain open during the works.",
)


def label_in_article(line: str) -> str | None:
    """The label of ``line`` placed after an ordinary article body."""
    return classify([*BODY, line])[-1]


def label_alone(line: str) -> str | None:
    return classify([line])[0]


FURNITURE = {
    "byline": [
        "By Jane Doe",
        "BY JANE DOE",
        "By Jane Doe and Ali Khan, Reuters",
        "By Ana de la Cruz | Business reporter",
        "Reporting by Jane Doe in London; Editing by Tom Roe",
        "(Editing by Tom Roe and Ana Li)",
        "Writing by Ali Khan; Additional reporting by Mia Sato in Tokyo",
        "Jane Doe, Senior Political Correspondent",
        "Posted by greywater_gus on June 4, 2024",
        "(Reuters)",
        "— The Associated Press",
    ],
    "date only": [
        "March 3, 2024",
        "Mon 3 Mar 2024 10.12 GMT",
        "Published March 14, 2024, 6:05 a.m.",
        "Updated 10:12 AM ET",
        "Mar 3, 2024 at 10:12 AM",
        "2024-03-03",
        "3 hours ago",
    ],
    "credit": [
        "Photo: Jane Doe",
        "Spokojený Tomáš Souček po vítězství ve Villa Parku. | Foto: Reuters",
        "A new Bill would require providers to store metadata for two years. Source: Supplied",
        "Foto: LA NACION",
        "Photograph by Jane Doe for Example News",
        "Graphics: https://graphics.example/port/",
        "(Photo by Jane Doe/Getty Images)",
        "A man walks past a shuttered shop in the old town, March 3, 2024. REUTERS/Jane Doe",
        "Image caption, Firefighters at the scene on Monday",
        "Courtesy of the Veldhaven Museum",
    ],
    "social": [
        "Share",
        "Tweet",
        "Share this:",
        "Facebook Twitter Email",
        "Share on Facebook | Share on X | Copy link",
        "Follow @janedoe",
        "Follow us on Instagram",
        "Follow Jane on X @janedoe",
        "@janedoe",
        "Like us on Facebook",
    ],
    "call to action": [
        "Subscribe",
        "Sign up for our newsletter",
        "Subscribe to our daily briefing and get the top stories in your inbox",
        "Click here to read the full report",
        "Download our app",
    ],
    "link only": [
        "Lire aussi : Les critiques de la CNIL contre le projet de loi sur le renseignement",
        "Lesen Sie auch: Hafen schließt zwei Terminals",
        "https://example.com/news/article-123",
        "<https://example.com/a>",
        "Related: https://example.com/b",
        "Read more: Why the central bank raised rates again",
        "Read more",
        "See also: Port strike enters second week",
        "[Full story](https://example.com/c)",
    ],
    "disclaimer": [
        "The views expressed in this article are the author's own.",
        "Opinions expressed are solely those of the writer and do not reflect the views of this site.",
        "Our Standards: The Trust Principles.",
        "© 2024 Wire Service. All rights reserved.",
        "Copyright 2024 Example Media",
        "(This story has been refiled to fix a typo in paragraph 3)",
        "This article was originally published on Example News.",
        "Die in diesem Artikel geäußerten Ansichten geben nicht die Meinung der Redaktion wieder.",
        "Мнение автора может не совпадать с позицией редакции.",
        "Les opinions exprimées dans cette chronique n'engagent que leur auteur.",
    ],
    "cookie notice": [
        "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
        "Accept all cookies",
    ],
    "footer": [
        "Quillon Data Systems Ltd · 14 Harbour Row, Port Essel · legal@quillon.example",
        "About | Contact | Careers | press@example.com",
    ],
    "advert": ["Advertisement", "Story continues below advertisement"],
    "forum chrome": [
        "Moderator",
        "Well-known member",
        "Joined: Mar 2019",
        "Messages: 1,204",
        "Reaction score: 87",
        "Quote",
        "Reply",
        "Report",
        "Like",
        "Like Reply",
        "#3",
        "Click to expand...",
        "Originally posted by gridwatcher",
    ],
    "navigation": [
        "Register",
        "Log in",
        "Top",
        "Back to top",
        "Skip to main content",
        "Home > News > World",
        "Page 2 of 5",
        "5 min read",
        "Tags: shipping, ports, Europe",
    ],
    "number junk": ["1", "2", "12", "(3)", "1/12", "12 Comments", "Share 3", "1,204 views"],
    "decoration": ["* * *", "———"],
    "comments": [
        "2 comments on “These Weeks in Firefox: Issue 85”",
        "14 responses to “Port to shut two terminals”",
        "Leave a Reply",
        "Post a comment",
        "Alan Goodale wrote on December 24, 2020 at 3:53 am:",
    ],
    "wire notice": [
        "((For previous columns by the author, Reuters customers can click on ))",
        "((Reporting by Jane Roe; Editing by John Doe))",
    ],
}

CONTENT = [
    # Short headlines and quotes.
    "Talks collapse",
    "Port to shut two terminals",
    '"We will not back down."',
    "“Never,” she said.",
    # Policy headings and list items.
    "3. Data retention",
    "1. Who we are",
    "Privacy Policy",
    "Contact us",
    "Last updated: 1 March 2023",
    "June 1944",
    "You can write to us at: https://brindle.example/contact",
    "Write to Quillon Data Systems Ltd, 14 Harbour Row, Port Essel, or to legal@quillon.example.",
    # Sentences that merely mention chrome words.
    "She said she would follow the rules and share the results with the committee.",
    "Follow the money, she said.",
    "Share prices fell 3 percent on Monday.",
    "Reply to the consultation by 30 June.",
    "Leave a reply with the clerk before noon.",
    "Source: the central bank said it would act before the summer.",
    "Lire la suite du rapport prendra du temps, dit-elle.",
    "She wrote on Tuesday: the plan was dead.",
    "The minister (who resigned (twice)) spoke.",
    "Readers can subscribe to the print edition for 12 euros a month, the publisher said.",
    "The views expressed by the author of the report were dismissed by ministers.",
    "The poll does not reflect the views of most voters, she said.",
    "Copyright law changed in 2021 to cover text and data mining.",
    "Courtesy calls were made to every member of the committee.",
    # Bylines-alikes that are sentences.
    "By the end of the year, prices had risen sharply across the region.",
    "Reporting by Reuters showed the ministry had ignored warnings.",
    "Posted by hand, the letter took a week to arrive.",
    "By 2030 the company plans to double its output.",
    # A news dateline opening a paragraph.
    "LONDON (Wire) - The government said on Tuesday it would cut taxes by 3 percent.",
    "VELDHAVEN, June 11 (Wire) - The port authority said it would close two terminals.",
    # Captions-alikes inside sentences.
    "The rate was 41 percent, according to a Reuters/Ipsos poll published on Friday.",
    "Photo finishes are rare in the marathon, organisers said.",
    "Photo by photo, the album tells the story of the strike.",
    # A single word that is only chrome next to chrome.
    "gridwatcher",
]


@pytest.mark.parametrize(
    ("reason", "line"), [(reason, line) for reason, lines in FURNITURE.items() for line in lines]
)
def test_furniture_is_labelled_with_its_reason(reason: str, line: str) -> None:
    assert label_in_article(line) == reason


@pytest.mark.parametrize("line", CONTENT)
def test_content_is_not_labelled(line: str) -> None:
    assert label_in_article(line) is None


@pytest.mark.parametrize("line", CONTENT)
def test_content_is_not_labelled_without_context(line: str) -> None:
    assert label_alone(line) is None


def test_every_rule_reason_is_tested() -> None:
    assert {rule.reason for rule in RULES} <= set(FURNITURE)


# --- Document context ---------------------------------------------------------


def _long_text_with(middle: list[str]) -> list[str]:
    """``middle`` lines in the middle of a text, farther than the header/footer zone from either end."""
    prose = [f"{sentence} (part {i})" for i in range(3) for sentence in BODY]
    return [*prose, *middle, *prose]


@pytest.mark.parametrize("line", ["3 May 1944", "Monday, 12 June", "12", "* * *"])
def test_dates_numbers_and_ornaments_inside_a_long_text_are_structure(line: str) -> None:
    document = _long_text_with([line])
    assert classify(document)[len(document) // 2] is None
    assert label_in_article(line) is not None


def test_a_timestamp_inside_a_thread_is_chrome_beside_member_stats() -> None:
    document = _long_text_with(["Messages: 1,204", "Mar 3, 2024 at 10:12 AM"])
    assert classify(document)[len(document) // 2] == "date only"


def test_other_script_line_in_an_english_article() -> None:
    labels = classify([*BODY, "Москва заявила о новых санкциях против компании"])
    assert labels[-1] == "other script"


def test_other_language_line_is_furniture_beside_furniture_only() -> None:
    line = "Der Hafen wird für die großen Schiffe ausgebaut und ist nicht mehr auf die Flut angewiesen."
    assert classify([*BODY, "Our Standards: The Trust Principles.", line])[-1] == "other language"
    epigraph = (
        "Il n'y a pas de hasard, il y a des rendez-vous, et ce sont les nôtres que nous manquons."
    )
    assert classify(["Chapter One", epigraph, *BODY])[1] is None


def test_a_long_foreign_disclaimer_does_not_set_the_body_language() -> None:
    disclaimer = (
        "Die in diesem Artikel geäußerten Ansichten geben nicht die Meinung der Redaktion wieder."
    )
    assert classify(["The the the the the the the a a a.", disclaimer]) == (None, "disclaimer")


def test_a_bilingual_document_is_not_furniture() -> None:
    german = (
        "Die Hafenbehörde hat am Mittwoch erklärt, dass sie zwei der Terminals für achtzehn Monate "
        "schließen wird, damit die Fahrrinne vertieft werden kann.",
        "Die Reedereien warnten, dass die Schließung die Frachtkosten in der Region erhöhen könnte, "
        "und die Gewerkschaft sagte, sie sei nicht gefragt worden.",
    )
    assert classify([*BODY, *german]) == (None,) * (len(BODY) + len(german))


def test_english_line_in_a_russian_article_is_other_script() -> None:
    russian = (
        "Администрация порта заявила в среду, что закроет два контейнерных терминала на восемнадцать "
        "месяцев, чтобы углубить фарватер для крупных судов.",
        "Судоходные компании предупредили, что закрытие может повысить стоимость перевозок в регионе, "
        "а профсоюз заявил, что с ним не советовались.",
        "Региональное правительство поддержало план, но пообещало пересмотреть сроки в январе.",
    )
    assert classify([*russian, "Follow the money"])[-1] == "other script"
    assert classify(russian) == (None, None, None)


def test_user_name_is_chrome_next_to_member_stats_only() -> None:
    thread = [
        "Port to shut two terminals",
        "gridwatcher",
        "Joined: Mar 2019",
        "Messages: 1,204",
        *BODY,
    ]
    labels = classify(thread)
    assert labels[:4] == (None, "forum chrome", "forum chrome", "forum chrome")
    assert classify(["gridwatcher", *BODY])[0] is None


def test_quote_header_is_chrome_only_inside_chrome() -> None:
    assert classify(["Reply", "gridwatcher said:", BODY[0]])[1] == "forum chrome"
    assert classify([BODY[0], "The minister said:", BODY[1]])[1] is None


def test_repeated_short_line_beside_chrome_is_furniture_but_a_refrain_is_not() -> None:
    posts = []
    for body in BODY:
        posts += ["harbour fan", "Joined: Mar 2019", body]
    labels = classify(posts)
    assert [labels[i] for i in range(0, len(posts), 3)] == ["repeated"] * 3
    refrain = ["the tide comes in", "and the boats go out", "the tide comes in"] * 3
    assert classify(refrain) == (None,) * len(refrain)


def test_cookie_sentences_stay_content_in_a_cookie_policy() -> None:
    policy = [
        "We use cookies to keep you signed in and to remember your preferences.",
        "You can manage cookies in your browser settings; if you refuse cookies, some features stop working.",
        "We use cookies to measure traffic. By continuing to use the site you agree to this.",
    ]
    assert classify(policy) == (None, None, None)
    section = [
        "Cookies",
        "We use cookies to keep you signed in. By using the app you agree to this.",
    ]
    assert classify(section) == (None, None)


def test_whitespace_and_empty_paragraphs() -> None:
    assert classify(["", "   ", "  By   Jane\nDoe  "]) == (None, None, "byline")
    assert classify([]) == ()


# --- Properties -----------------------------------------------------------------

COMMON_WORDS = (
    "the a of to and in that it for on with as at by from this we they she he said would "
    "could people time year government city report share follow like top reply quote more read "
    "related photo page home number first last new old work news week day market price rose fell "
    "after before because while plan said told about over under into through again still"
).split()


@st.composite
def prose_sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(COMMON_WORDS), min_size=12, max_size=40))
    return " ".join(words).capitalize() + "."


@given(st.lists(st.text(max_size=80), max_size=20))
@settings(max_examples=200, deadline=None)
def test_one_label_per_paragraph_and_deterministic(paragraphs: list[str]) -> None:
    labels = classify(paragraphs)
    assert len(labels) == len(paragraphs)
    assert all(label is None or (isinstance(label, str) and label) for label in labels)
    assert classify(paragraphs) == labels


FURNITURE_LINES = [line for lines in FURNITURE.values() for line in lines]


@given(
    st.lists(st.sampled_from(FURNITURE_LINES), max_size=8),
    st.lists(prose_sentences(), min_size=1, max_size=8),
    st.lists(st.sampled_from(FURNITURE_LINES), max_size=8),
)
@settings(max_examples=150, deadline=None)
def test_the_main_text_is_never_furniture(head: list[str], prose: list[str], foot: list[str]):
    """However much page furniture sits above and below it, the story itself stays content."""
    labels = classify([*head, *prose, *foot])
    assert labels[len(head) : len(head) + len(prose)] == (None,) * len(prose)


@st.composite
def sections(draw: st.DrawFn) -> list[str]:
    heading = draw(st.sampled_from(["Chapter One", "Notes", "Part II", "3. Data retention"]))
    return [heading, *draw(st.lists(prose_sentences(), min_size=1, max_size=4))]


@given(st.lists(sections(), max_size=10))
@settings(max_examples=75, deadline=None)
def test_a_text_without_furniture_keeps_every_paragraph(chapters: list[list[str]]):
    """Headed sections of prose with no page around them (a book, a policy) lose nothing.

    75 examples: drawing up to 1,600 words each is most of the cost, and 75 already hold about
    300 sections, each heading and each count of sentences (1 to 4) 25 times or more.
    """
    paragraphs = [paragraph for chapter in chapters for paragraph in chapter]
    assert classify(paragraphs) == (None,) * len(paragraphs)


# --- Fixtures -------------------------------------------------------------------

MIN_PRECISION = 0.9
MIN_RECALL = 0.8


def _labelled_fixtures() -> list[tuple[Path, dict]]:
    paths = sorted(FIXTURES.glob("*/gold.json"))
    golds = ((path, json.loads(path.read_text(encoding="utf-8"))) for path in paths)
    return [(path, gold) for path, gold in golds if "boilerplate" in gold]


def _paragraphs(path: Path) -> tuple[str, ...]:
    """The file's paragraphs as the pipeline sees them: decoded, format detected, segmented."""
    return load_document(str(path)).texts


def _confusion(path: Path, gold: dict) -> tuple[int, int, int]:
    """True positives, false positives and false negatives over both sides of one pair."""
    tp = fp = fn = 0
    for side in ("left", "right"):
        predicted = {
            i for i, label in enumerate(classify(_paragraphs(path.parent / gold[side]))) if label
        }
        expected = set(gold["boilerplate"][side])
        tp += len(predicted & expected)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
    return tp, fp, fn


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _report(name: str, tp: int, fp: int, fn: int) -> None:
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    print(f"{name:24} precision {precision:.2f} recall {recall:.2f} (tp={tp} fp={fp} fn={fn})")


def test_precision_and_recall_on_fixtures() -> None:
    fixtures = _labelled_fixtures()
    assert any(gold["boilerplate"]["left"] or gold["boilerplate"]["right"] for _, gold in fixtures)
    totals = [0, 0, 0]
    for path, gold in fixtures:
        tp, fp, fn = _confusion(path, gold)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        _report(path.parent.name, tp, fp, fn)
    tp, fp, fn = totals
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    _report("all fixtures", tp, fp, fn)
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


def test_a_word_beside_a_menu_is_navigation_not_forum_chrome() -> None:
    reasons = classify(["Skip to content", "Log in", "India", "Video", "Sign up"])
    assert reasons[2:4] == ("navigation", "navigation")


SECTIONS = ("Closure plan", "Freight costs", "Review in January")


def test_a_table_of_contents_naming_the_headings_below_is_furniture() -> None:
    for contents in (
        ["Contents", *(f"{n} {title}" for n, title in enumerate(SECTIONS, 1))],
        ["Contents", *SECTIONS],
    ):
        body = [
            line
            for title, text in zip(SECTIONS, BODY, strict=True)
            for line in (f"{title}[edit]", text)
        ]
        labels = classify(["Port to shut two terminals", BODY[0], *contents, *body])
        assert all(labels[2 : 2 + len(contents)]), contents
        assert labels[:2] == (None, None) and labels[2 + len(contents) :] == (None,) * len(body)


def test_a_list_the_text_announces_or_a_menu_shown_twice_is_no_table_of_contents() -> None:
    body = [line for title, text in zip(SECTIONS, BODY, strict=True) for line in (title, text)]
    announced = classify([BODY[0], "The plan has the following three parts:", *SECTIONS, *body])
    assert announced == (None,) * len(announced)
    menu = ["Home", "World", "Sport"]
    shown_twice = classify([*menu, *BODY, *menu])
    assert all(label != "table of contents" for label in shown_twice)


def _grown_pass_by_pass(texts: list[str], reasons: list[str | None]) -> list[str | None]:
    """Chrome growth by its definition: pass after pass over every candidate line, each pass
    labelling (in order) the candidates that touch chrome when it starts."""
    grown = list(reasons)
    pending = [
        i for i, t in enumerate(texts) if grown[i] is None and boilerplate._is_weak_chrome(t)
    ]
    while touching := [
        i for i in pending if boilerplate._touches_furniture(i, grown, boilerplate._CHROME_SEEDS)
    ]:
        for i in touching:
            beside_posts = boilerplate._touches_furniture(i, grown, boilerplate._POST_CHROME)
            grown[i] = "forum chrome" if beside_posts else "navigation"
        pending = [i for i in pending if i not in touching]
    return grown


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Lopez", "Reply", "Quote", "Harbour works begin.", "Menu"]),
            st.sampled_from(
                [None, None, None, "forum chrome", "navigation", "date only", "byline"]
            ),
        ),
        max_size=30,
    )
)
def test_chrome_grows_wave_by_wave_as_it_grows_pass_by_pass(lines):
    """The growth looks only beside the last wave, and labels what every pass would."""
    texts, reasons = [t for t, _ in lines], [r for _, r in lines]
    assert boilerplate._grow_chrome(texts, reasons) == _grown_pass_by_pass(texts, reasons)


_FURNITURE_WORDS = (
    "Photo: By John Smith / Reuters AP Share on Facebook Twitter Accept cookies © 2024 All rights "
    "reserved Read more Posted 12:30 Reply #12 Menu Home | Foto: Quelle the council met . Tags: "
    "Joined Messages: Views expressed are not necessarily"
).split()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FURNITURE_WORDS), min_size=1, max_size=12).map(" ".join))
def test_a_line_gets_the_first_row_that_matches_it(line):
    """The search that turns most lines down at once never hides a row that matches."""
    words = boilerplate._word_count(line)
    first = next((rule for rule in RULES if rule.matches(line, words)), None)
    assert boilerplate._line_rule(line) is first
