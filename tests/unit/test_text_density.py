"""Furniture by shape and place: the page head and foot, chrome between posts, the story kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.engine import text_density
from tui.engine.boilerplate import classify
from tui.engine.stoplists import WORD, detect_language

STORY = [
    "The port authority said on Wednesday that it would close two of its five container "
    "terminals for eighteen months while the harbour channel is deepened for the largest ships.",
    "The dredging work, budgeted at 640 million euros, is meant to let the biggest vessels, which "
    "now wait for high tide, enter the port at any hour of the day or night.",
    '"We either deepen the channel now or we watch the big ships go elsewhere for the next '
    'thirty years," the port chief told reporters at a briefing in the old customs house.',
    "The dockworkers' union said it had not been consulted about the plan and that it would ask "
    "its members to vote on a strike before the end of the month.",
    "The regional government, which owns half of the port authority, backed the plan but said it "
    "would review the timetable in January if the remaining terminals became congested.",
]
MENU = ["Home", "World", "Business", "Markets", "Sport", "Culture", "Opinion", "Weather"]
FOOT = [
    "Most read",
    "Ferry fares to rise in spring",
    "New bridge opens to cyclists",
    "Contact us",
    "Privacy",
    "Terms of use",
]


def test_a_page_loses_its_head_and_foot_but_keeps_its_headline_and_story():
    page = [*MENU, "Port to shut two terminals for deepening works", *STORY, *FOOT]
    labels = classify(page)
    headline = len(MENU)
    assert all(labels[i] for i in range(headline))
    assert labels[headline : headline + 1 + len(STORY)] == (None,) * (1 + len(STORY))
    assert all(labels[headline + 1 + len(STORY) :])


def test_a_forum_repost_loses_profile_fields_and_junk_but_keeps_every_post():
    profile = [
        "gridwatcher_77",
        "Well-known member",
        "Messages",
        "1,204",
        "Reaction score",
        "3,118",
    ]
    reply = (
        "Anyone who has queued with a truck at the north gate knows the place is already at "
        "capacity, so I doubt the other three terminals will cope for a year and a half."
    )
    thread = [
        *MENU,
        "Veldhaven port to shut two terminals - thoughts?",
        *profile,
        "Jun 11, 2025",
        "#1",
        *STORY,
        "Reply",
        "Report",
        *profile,
        "Jun 12, 2025",
        "#2",
        reply,
        "Reply",
        "Report",
        *[f"{n}. {n}" for n in range(1, 11)],
        "port-closure-map.jpg",
    ]
    labels = dict(zip(thread, classify(thread), strict=True))
    assert all(labels[text] is None for text in [*STORY, reply])
    assert all(labels[text] for text in [*profile, "1. 1", "10. 10", "port-closure-map.jpg"])


def test_chinese_menus_are_furniture_and_chinese_prose_is_not():
    menu = "时政 地方 法治 高层 人事 理论 国际 军事 访谈 港澳 台湾 华人 财经 汽车 房产 教育 科技"
    prose = [
        "在抗击新冠肺炎疫情的日子里，封在武汉的父母们总要万般无奈而又小心翼翼回应着孩子天真的追问。",
        "即便日常已改变了模样，但生活依然要继续。纵然已有焦虑煎熬，但内心仍需要坚强，这是众多武汉家庭的写照。",
        "面对泰山压顶的疫情，有的人崩溃了，但更多的人挺住了。仓促接敌的医务人员，竭尽所能救治病患。",
    ]
    page = [
        "客户端",
        "搜索",
        "频道",
        "下一篇",
        "微信",
        "微博",
        menu,
        "新华网 正文",
        *prose,
        "关注我们",
        menu,
    ]
    labels = classify(page)
    assert [labels[page.index(p)] for p in prose] == [None] * len(prose)
    assert labels[page.index(menu)] and labels[-1]


def test_a_play_keeps_its_speakers_though_they_repeat():
    play = []
    for line in STORY:
        play += ["HAMLET", line, "HORATIO", "My lord?"]
    assert classify(play) == (None,) * len(play)


def _language(texts: list[str]) -> str | None:
    return detect_language([WORD.findall(text.casefold()) for text in texts])


def test_languages_come_from_the_stoplists():
    assert _language(STORY) == "English"
    assert (
        _language(["Der Hafen schließt zwei Terminals, weil die Fahrrinne vertieft wird."])
        == "German"
    )
    assert (
        _language(["Le port fermera deux terminaux pendant que le chenal est approfondi."])
        == "French"
    )
    assert _language(["在抗击新冠肺炎疫情的日子里"]) is None


# --------------------------------------------------------------------------- revision

_CLASSES = st.sampled_from(
    [text_density.GOOD, text_density.NEAR_GOOD, text_density.SHORT, text_density.BAD]
)


def _expected_revision(classes: list[str], index: int) -> str:
    """The revision's rule for one paragraph, found by walking out from it (quadratic)."""
    kind = text_density.GOOD if classes[index] == text_density.NEAR_GOOD else classes[index]
    if kind != text_density.SHORT:
        return kind
    settled = [text_density.GOOD if c == text_density.NEAR_GOOD else c for c in classes]
    left, right = index, index
    while left >= 0 and settled[left] != text_density.GOOD:
        left -= 1
    while right < len(settled) and settled[right] != text_density.GOOD:
        right += 1
    signs = settled[left + 1 : right].count(text_density.BAD)
    at_edge = left < 0 or right == len(settled)
    chrome = at_edge or signs >= text_density.CHROME_SIGNS
    return text_density.BAD if chrome else text_density.GOOD


@given(st.lists(_CLASSES, max_size=60))
def test_revision_gives_each_short_line_its_stretchs_side(classes):
    expected = [_expected_revision(classes, i) for i in range(len(classes))]
    assert text_density._revise(classes) == expected


def test_label_value_lines_between_posts_are_furniture_in_any_language():
    profile = ["r23", "Beiträge", "1.626", "Registriert", "18.09.2008", "Wohnort", "Hagen"]
    first_post = STORY[:3]
    reply = STORY[3:]
    page = [*MENU, *first_post, *profile, *reply, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] for text in profile)
    assert all(labels[text] is None for text in STORY)


# --------------------------------------------------------------------------- session 6


def test_a_code_listing_inside_a_story_stays_with_it():
    listing = [
        'var req = new Request("/index.html"); console.log(req.url); // "http://example.com/a"',
        "fetch(url).then(function (res) { return res.json(); });",
    ]
    page = [*MENU, "Port opens its timetable to programmers", *STORY[:2], *listing, *STORY[2:]]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in [*STORY, *listing])
    assert all(labels[text] for text in MENU)


def test_a_menu_line_that_is_not_code_is_still_furniture():
    assert not text_density._looks_like_code("Home | World (12) | Business [3]")
    assert text_density._looks_like_code("for (i = 0; i < n; i++) { total += i; }")


def test_a_numbered_list_does_not_cut_the_story_in_two():
    countries = ["Finland", "Norway", "Chile", "Peru", "Spain", "Italy", "Japan", "Kenya"]
    ranking = [f"{n}. {country}" for n, country in enumerate(countries, 1)]
    teasers = ["Related: Ferry fares to rise in spring", "Advertisement"]
    page = [*MENU, *STORY[:3], *teasers, STORY[3], *ranking, STORY[4], *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in [*STORY, *ranking])


def test_numbered_lists_are_consecutive_numbers_followed_by_words():
    texts = ["1. Finland", "2. Norway", "3. Chile", "5. Peru", "1. 1", "2. 2", "3. 3"]
    assert text_density._numbered_lists(texts) == [True] * 3 + [False] * 4
    references = ["[1] http://a.example/x", "[2] http://b.example/y", "[3] http://c.example/z"]
    assert text_density._numbered_lists(references) == [True] * 3


def test_a_post_keeps_its_numbered_list_of_sources():
    sources = [f"[{n}] http://source{n}.example/report-{n}.html" for n in range(1, 5)]
    page = [*MENU, "Port to shut two terminals", *STORY, *sources, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in [*STORY, *sources])


def test_bulleted_lists_are_three_lines_opening_with_the_same_typed_bullet():
    texts = ["- Length: 2.44 m", "- Weight: 186 g", "- Price: 159 euros", "* Rings", "- Grip"]
    assert text_density._list_items(texts) == [True] * 3 + [False] * 2


def test_a_closing_list_of_specifications_stays_with_the_review():
    specs = ["Specifications", "- Length: 2.44 m", "- Weight: 186 g", "- Price: 159 euros"]
    page = [*MENU, "Port to shut two terminals", *STORY, *specs, "Reactions: 12", *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in [*STORY, *specs[1:]])


def test_the_headline_is_the_line_above_the_story_that_shares_its_words():
    teaser = "Ferry to add a night run to the two big isles in May"
    headline = "Port to shut two terminals while the channel is deepened"
    page = [*MENU, headline, "By Ann Other", teaser, "Watch: harbour at dawn", *STORY, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert labels[headline] is None
    assert labels[teaser]


def test_a_lower_case_tag_line_is_not_a_headline():
    tags = "port terminals channel dredging harbour ships tide union strike"
    page = [*MENU, "Port to shut two terminals", tags, *STORY]
    labels = dict(zip(page, classify(page), strict=True))
    assert labels["Port to shut two terminals"] is None
    assert labels[tags]


def test_reader_comments_under_an_article_are_furniture_however_long():
    comments = [
        "3 comments on “Port to shut two terminals”",
        "Jane Roe wrote on June 12, 2025 at 9:14 am:",
        STORY[1].replace("The dredging work", "Frankly the dredging work"),
        "Reply",
        "Leave a Reply",
    ]
    page = [*MENU, "Port to shut two terminals", *STORY, *comments, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in STORY)
    assert all(labels[text] for text in comments)


def test_a_paragraph_in_square_brackets_is_an_aside_on_a_page_only():
    aside = "[Read: Why the port's ferries run late]"
    page = [*MENU, "Port to shut two terminals", *STORY[:2], aside, *STORY[2:], *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert labels[aside]
    assert all(labels[text] is None for text in STORY)
    transcript = [STORY[0], "[Applause and some laughter]", STORY[1]]
    assert classify(transcript) == (None,) * 3


def test_a_table_that_the_story_announces_is_part_of_it():
    header = ["Terminal", "Berths", "Cranes"]
    rows = [[f"Quay {n}", f"{n + 3}", f"{2 * n} ({-n}%)"] for n in range(1, 9)]
    for cells in (header + rows[0] + rows[1], header + [cell for row in rows for cell in row]):
        page = [*MENU, *STORY[:3], "The terminals to close are these:", *cells, *STORY[3:], *FOOT]
        labels = classify(page)
        body = slice(len(MENU), len(MENU) + len(STORY) + 1 + len(cells))
        assert labels[body] == (None,) * (len(STORY) + 1 + len(cells))
        assert all(labels[: len(MENU)])


def test_chinese_clauses_parted_by_spaces_read_as_prose_but_a_menu_does_not():
    assert (
        text_density._cjk_clause_marks(
            "一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣"
        )
        == 1
    )
    assert text_density._cjk_clause_marks("时政 地方 法治 高层 人事 理论 国际") == 0
    assert text_density._cjk_clause_marks("在武汉的日子里，封在武汉的父母们。") == 2


def test_a_list_of_links_that_the_text_announces_is_part_of_it():
    variables = [
        f"PORT_{name}_URL, URL of the {name.lower()} service, e.g. http://localhost:75{n}/{name}"
        for n, name in enumerate(["BERTHS", "CRANES", "TIDES", "GATES"], 10)
    ]
    last = "PORT_STRICT, if set to a truthy value, makes the tool stop at the first gate " + (
        "that does not answer instead of going on with the others and reporting them at the end."
    )
    page = [*MENU, *STORY, "The tool reads these environment variables:", *variables, last, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in [*STORY, *variables, last])


def test_the_standfirst_under_the_headline_stays_with_it():
    headline = "Port to shut two terminals while the channel is deepened"
    standfirst = "Two-year works will keep the biggest ships away from the north quays."
    page = [*MENU, headline, standfirst, "By Ann Other - June 11, 2025", "Share", *STORY, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert labels[headline] is None and labels[standfirst] is None
    assert labels["By Ann Other - June 11, 2025"]


def test_a_paragraph_that_only_a_list_of_short_lines_parts_from_the_story_stays_with_it():
    opening = (
        "This episode is about the port's new terminals; we recorded it after the fifth "
        "council hearing on the plan."
    )
    credits = ["Speakers:", "Ann", "Bo", "Cy", "Facts:", "Length: 1:02:15", "Notes:"]
    page = [*MENU, "Episode 70: The port", opening, *credits, *STORY, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in [opening, *credits, *STORY])
    assert all(labels[text] for text in [*MENU, *FOOT])


def test_the_headline_shares_words_with_the_story_s_prose_not_with_chrome_inside_it():
    headline = "Port to shut two terminals"
    skip = "Jump to navigation Jump to search tools"
    side_menu = ["Navigation", "Search", "Tools", "Jump"]
    page = [*MENU, headline, skip, *STORY[:3], *side_menu, *STORY[3:], *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert labels[headline] is None
    assert labels[skip]


def test_a_comment_section_s_header_in_any_language_names_the_headline_it_hangs_under():
    headline = "Port to shut two terminals"
    comments = [
        f"2 Gedanken zu „{headline}“",
        "Harm Otten sagt:",
        "25. Februar 2020 um 13:02 Uhr",
        STORY[1].replace("The dredging work", "Frankly the dredging work"),
        "Antworten",
    ]
    page = [*MENU, headline, *STORY, *comments, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in [headline, *STORY])
    assert all(labels[text] for text in comments)
    quoting = [*MENU, headline, *STORY[:2], f"2 of them said „{STORY[0]}“", *STORY[2:], *FOOT]
    assert dict(zip(quoting, classify(quoting), strict=True))[STORY[3]] is None


def test_the_comment_section_cuts_the_text_after_its_closing_list_not_before():
    closing = ["The Neutral Zone", "The Defector", "Nemesis"]
    replies = [STORY[2].upper(), STORY[3].upper(), STORY[4].upper()]
    comments = ["2 comments on “Port to shut two terminals”", *replies, "Reply"]
    page = [*MENU, "Port to shut two terminals", *STORY, *closing, *comments, *FOOT]
    labels = dict(zip(page, classify(page), strict=True))
    assert all(labels[text] is None for text in [*STORY, *closing])
    assert all(labels[text] for text in comments)
