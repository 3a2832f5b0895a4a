"""HTML extraction: markup removed, blocks kept, page chrome dropped."""

from tui.engine.formats import MAX_EXTRACTED_TAGS, html_paragraphs, html_visible_paragraphs

ARTICLE_PARAGRAPHS = [
    "The town council voted nine to four early on Wednesday to approve a new sea wall for the old "
    "harbour, ending a dispute that has split the town for almost three years.",
    "The wall, which will cost an estimated 14 million euros, is meant to protect about 600 homes "
    "from winter storms that have flooded the quay twice since 2021.",
    "Fishermen had argued that the wall would narrow the harbour mouth and make it dangerous to "
    'enter in a swell. "We were not asked, we were told," said Piet Varga, who chairs the local '
    "fishing cooperative.",
    "Engineers hired by the council said the new design widens the entrance by four metres "
    "compared with the first draft, and that boats up to twenty metres long will pass safely.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour wall plan approved | Coastal Gazette</title>
<meta property="og:title" content="Harbour wall plan approved after long night">
<script>window.analytics = "tracking code";</script></head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience.
Accept all cookies or manage your preferences.</p><button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>Harbour wall plan approved after long night</h1>
<p>{ARTICLE_PARAGRAPHS[0]}</p>
<p>{ARTICLE_PARAGRAPHS[1]}</p>
<h2>Opposition from fishermen</h2>
<p>{ARTICLE_PARAGRAPHS[2]}</p>
<p>{ARTICLE_PARAGRAPHS[3]}</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
<a href="#">Email this article</a></div>
</article></main>
<footer><p>© 2024 Coastal Gazette. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""


def test_html_article_keeps_headings_and_paragraphs_in_order():
    paragraphs, _ = html_paragraphs(PAGE)
    assert paragraphs == [
        "Harbour wall plan approved after long night",
        ARTICLE_PARAGRAPHS[0],
        ARTICLE_PARAGRAPHS[1],
        "Opposition from fishermen",
        ARTICLE_PARAGRAPHS[2],
        ARTICLE_PARAGRAPHS[3],
    ]


def test_html_article_drops_nav_footer_share_buttons_cookie_banner_and_scripts():
    text = "\n".join(html_paragraphs(PAGE)[0]).lower()
    for chrome in (
        "cookies",
        "accept all",
        "sport",
        "weather",
        "share on",
        "email this",
        "rights reserved",
        "privacy policy",
        "analytics",
    ):
        assert chrome not in text


def test_html_title_is_captured():
    assert html_paragraphs(PAGE)[1] == "Harbour wall plan approved after long night"


def test_tiny_page_falls_back_to_visible_blocks_with_boundaries():
    page = "<html><body><h1>Note</h1><p>Back at five.</p><ul><li>milk</li><li>eggs</li></ul></body></html>"
    paragraphs, _ = html_paragraphs(page)
    assert paragraphs == ["Note", "Back at five.", "milk", "eggs"]


def test_visible_blocks_treat_single_br_as_space_and_double_br_as_break():
    page = "<div>Line one<br>same paragraph<br><br>Second paragraph</div><script>x()</script>"
    assert html_visible_paragraphs(page) == (["Line one same paragraph", "Second paragraph"], None)


def test_visible_blocks_prefer_og_title_and_decode_entities():
    page = '<title>Plain</title><meta property="og:title" content="Social &amp; title"><p>A &lt;b&gt;</p>'
    assert html_visible_paragraphs(page) == (["A <b>"], "Social & title")


def test_page_without_visible_text_yields_nothing():
    assert html_paragraphs("<html><body><script>var a;</script></body></html>")[0] == []


def test_page_over_the_tag_bound_is_read_whole_with_its_chrome():
    """trafilatura's reading costs time per tag: a longer page keeps every visible block."""
    filler = "".join(f"<p>Paragraph {i} of a long page.</p>" for i in range(MAX_EXTRACTED_TAGS))
    page = PAGE.replace("</article>", filler + "</article>")
    paragraphs, title = html_paragraphs(page)
    assert paragraphs == html_visible_paragraphs(page)[0]
    assert {"Sport", "Share on Facebook Share on X Email this article"} <= set(paragraphs)
    assert title == "Harbour wall plan approved after long night"
