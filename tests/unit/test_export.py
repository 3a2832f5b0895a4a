"""Reports: golden files, hostile input shown literally, and the JSON Schema.

Golden files live in tests/golden/. After an intended change to a renderer
(or to the engine's answer on the sample below), regenerate them with

    UPDATE_GOLDEN=1 /work/venv/bin/pytest tests/test_export.py -q

and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests import paths
from tui.engine.compare import compare_documents
from tui.engine.model import Comparison, Document, FactFlag, Kind, Paragraph, Span, WordsAt
from tui.engine.report import report_dict
from tui.engine.safe_text import printable
from tui.export import export, render
from tui.export import html as html_report
from tui.export import markdown as markdown_report
from tui.export.html import render_html
from tui.export.html_markup import html_text
from tui.export.json_report import render_json, report_schema
from tui.export.markdown import escape_markdown, render_markdown

GOLDEN = paths.GOLDEN
FIXTURES = paths.FIXTURES
WHEN = datetime(2025, 1, 31, 9, 30)

FERRY_ORIGINAL = [
    ("By Ana Ruiz, Staff Reporter", "byline"),
    (
        "The river ferry will stop running on 1 March after 84 years, the county said on Monday.",
        None,
    ),
    (
        "Officials blamed a fall in passengers and the cost of repairing the landing stages, "
        "which they put at £2.1 million.",
        None,
    ),
    (
        "The ferry carried about 40,000 people a year before the bridge opened. Last year it carried "
        "fewer than 9,000, most of them tourists in the summer months.",
        None,
    ),
    ('"It is a sad day, but we cannot justify the subsidy," said council leader Tom Hale.', None),
    ("A campaign to save the service has gathered 3,000 signatures.", None),
    ("Tickets bought in advance will be refunded in full.", None),
    ("Refunds can be claimed at the town hall until the end of April.", None),
    ("The county will review the decision in a year.", None),
    ("The ferry's last crossing will be marked with a free trip for residents.", None),
]
FERRY_REWRITE = [
    ("Ferry to close after 84 years", None),
    (
        "The county said on Monday that the river ferry will stop running on 1 March, after 84 years of service.",
        None,
    ),
    ("A campaign to save the service has gathered 3,000 signatures.", None),
    (
        "Officials blamed falling passenger numbers and the cost of repairing the landing stages, "
        "which they put at around £2 million.",
        None,
    ),
    ("The ferry carried about 40,000 people a year before the bridge opened.", None),
    ("Last year it carried fewer than 9,000, most of them summer tourists.", None),
    ('"It is a sad day, but we cannot justify the subsidy," council leader Tom Hale said.', None),
    (
        "Tickets bought in advance will be refunded in full and can be claimed at the town hall "
        "until the end of April.",
        None,
    ),
    ("The county will review the decision in a year.", None),
    ("Share this article", "social"),
]
FIGURE_MADE_VAGUE = FactFlag(
    "number",
    "high",
    "£2.1 million",
    "around £2 million",
    "exact figure made vague",
    WordsAt(0, FERRY_ORIGINAL[2][0].index("£2.1"), len(FERRY_ORIGINAL[2][0]) - 1),
    WordsAt(0, FERRY_REWRITE[3][0].index("around"), len(FERRY_REWRITE[3][0]) - 1),
)


def document(source: str, paragraphs: list[tuple[str, str | None]]) -> Document:
    return Document(
        source, tuple(Paragraph(i, text, reason) for i, (text, reason) in enumerate(paragraphs))
    )


def ferry_comparison() -> Comparison:
    """A small comparison with every kind; one fact flag set by hand so the facts section renders."""
    comparison = compare_documents(
        document("ferry-original.txt", FERRY_ORIGINAL), document("ferry-rewrite.txt", FERRY_REWRITE)
    )
    changes = tuple(
        replace(change, facts=(FIGURE_MADE_VAGUE,)) if change.left == (2,) else change
        for change in comparison.changes
    )
    return replace(comparison, changes=changes)


RENDERERS = {
    "html": lambda comparison: render_html(comparison, generated=WHEN),
    "md": lambda comparison: render_markdown(comparison, generated=WHEN),
    "json": render_json,
}


# --- Golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", RENDERERS)
def test_report_matches_golden_file(fmt):
    rendered = RENDERERS[fmt](ferry_comparison())
    path = GOLDEN / f"ferry.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; UPDATE_GOLDEN=1 regenerates it"
    )


def test_sample_covers_every_kind_the_reports_render():
    kinds = {change.kind for change in ferry_comparison().changes}
    assert {
        Kind.UNCHANGED,
        Kind.REWORDED,
        Kind.MOVED,
        Kind.SPLIT,
        Kind.MERGED,
        Kind.DROPPED,
    } <= kinds
    assert any(change.boilerplate for change in ferry_comparison().changes)


def test_the_generated_date_defaults_to_now():
    year = str(datetime.now().year)
    assert year in render_html(ferry_comparison()) and year in render_markdown(ferry_comparison())


# --- Hostile input --------------------------------------------------------------------------

HOSTILE_LEFT = [
    '<script>alert("x")</script> ends a cell </td></tr></table><table><tr><td> & "quoted" \'too\'',
    "[bold]Rich[/bold] markup and ANSI \x1b[31mred\x1b[0m text with a bell\x07.",
    "# Not a heading, *not emphasis*, _nor this_, `no code`, [no link](http://x.test) ![no image](y.png)",
    "| not | a table | ~~not struck~~ $not maths$ &amp; &#35; <b>not bold</b> \\escaped\\",
    "1. not a list\n- nor this\n> nor a quote\n---\n    nor code",
]
HOSTILE_RIGHT = [
    '<script>alert("y")</script> still ends a cell </td></tr></table><table><tr><td> & "quoted" \'too\'',
    "[bold]Rich[/bold] markup and ANSI \x1b[32mgreen\x1b[0m text with a bell\x07!",
    "# Not a heading, *not emphasis*, _nor that_, `no code`, [no link](http://y.test) ![no image](y.png)",
    "| not | a table | ~~not struck~~ $still not maths$ &amp; &#35; <i>not italic</i> \\escaped\\",
    "1. not a list\n- nor this\n> nor a quote\n---\n    nor code",
    "*bold?*",
]


def hostile_comparison() -> Comparison:
    left = document('left <b>"1"</b>.txt', [(text, None) for text in HOSTILE_LEFT])
    right = document("right `2` [x](y).txt", [(text, None) for text in HOSTILE_RIGHT])
    comparison = compare_documents(left, right)
    hostile_fact = FactFlag(
        "quote", "high", "<script>", "</td>", "reason with *stars* and <b>tags</b>"
    )
    changes = tuple(replace(change, facts=(hostile_fact,)) for change in comparison.changes)
    return replace(comparison, changes=changes)


class Page(HTMLParser):
    """Every element of the page, and the text of each report paragraph (¶ number left out)."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.paragraphs: list[str] = []
        self.tags_in_paragraphs: set[str] = set()
        self._stack: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        classes = dict(attrs).get("class") or ""
        if any(
            open_tag == "p" and "para" in open_classes.split()
            for open_tag, open_classes in self._stack
        ):
            self.tags_in_paragraphs.add(tag)
        if tag == "p" and "para" in classes.split():
            self.paragraphs.append("")
        self._stack.append((tag, classes))

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        in_para = any(tag == "p" and "para" in classes.split() for tag, classes in self._stack)
        in_label = any(classes in ("pn", "why") for _, classes in self._stack)
        if in_para and not in_label:
            self.paragraphs[-1] += data


def sentence_tables(comparison) -> int:
    return sum(change.sentences is not None for change in comparison.changes)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def test_html_shows_hostile_text_literally_and_keeps_its_structure():
    comparison = hostile_comparison()
    page = parse(render_html(comparison, generated=WHEN))
    # The side-by-side table, and a sentence table under each change with sentences.
    assert page.tags.count("table") == 1 + sentence_tables(comparison)
    assert "script" not in page.tags
    assert page.tags_in_paragraphs <= {"span", "del", "ins"}
    shown = [text.removeprefix(" ") for text in page.paragraphs]
    assert sorted(shown) == sorted(printable(t) for t in HOSTILE_LEFT + HOSTILE_RIGHT)
    assert "\x1b" not in render_html(comparison, generated=WHEN)


@given(
    st.lists(
        st.builds(
            Span,
            st.text(st.characters(exclude_categories=()) | st.sampled_from("<&>\"'\ufdd0\ufdd1")),
            st.booleans(),
        ),
        max_size=6,
    )
)
@example([Span("a \ufdd0<b>"), Span("\ufdd1&", True)])
def test_highlighted_spans_are_each_escaped_and_the_changed_ones_marked(spans):
    """Escaped in one piece or span by span, a paragraph reads the same."""
    expected = "".join(
        f"<del>{html_text(s.text)}</del>" if s.changed else html_text(s.text) for s in spans
    )
    assert html_report._highlighted("", spans, "del") == expected


@given(
    st.lists(st.builds(Span, st.text(alphabet="ab<& ", min_size=1), st.booleans()), max_size=6),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=3),
)
def test_fact_words_add_marks_and_change_no_text(spans, ranges):
    """With facts' words marked, the paragraph reads the same and keeps its edits, tag for tag."""
    text = "".join(s.text for s in spans)
    facts = [(min(a, b), max(a, b)) for a, b in ranges]
    with_facts = html_report._highlighted(text, spans, "ins", facts)
    plain = html_report._highlighted(text, spans, "ins")
    unmarked = re.sub(r'<span class="fact">|</span>', "", with_facts)
    assert re.sub(r"</ins><ins>", "", unmarked) == re.sub(r"</ins><ins>", "", plain)
    marked = "".join(re.findall(r'<span class="fact">(.*?)</span>', with_facts))
    words = "".join(
        text[i] for i in sorted({i for a, b in facts for i in range(a, min(b, len(text)))})
    )
    assert html_unescape(marked) == words


def test_html_escapes_sources_and_fact_text():
    page = render_html(hostile_comparison(), generated=WHEN)
    assert "left &lt;b&gt;&quot;1&quot;&lt;/b&gt;.txt" in page
    assert "reason with *stars* and &lt;b&gt;tags&lt;/b&gt;" in page and "&lt;script&gt;" in page


def test_html_marks_a_facts_own_words_apart_from_the_edits():
    page = render_html(ferry_comparison(), generated=WHEN)
    marked = {
        "".join(re.findall(r'<span class="fact">([^<]*)</span>', paragraph))
        for paragraph in re.findall(r'<p class="para">(.*?)</p>', page)
    }
    assert {"£2.1 million", "around £2 million"} <= marked
    # Inside an edit the words keep its mark (struck, underlined) and gain their own.
    assert '<del><span class="fact">2.1</span></del>' in page
    assert '<ins><span class="fact">around</span></ins>' in page
    assert ".fact{" in page


MARKDOWN = MarkdownIt("commonmark").enable(["strikethrough", "table"])


class Rendered(HTMLParser):
    """Elements of rendered Markdown, and the text of each blockquote (one quoted paragraph each)."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.tags_in_quotes: set[str] = set()
        self.quotes: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if self._depth:
            self.tags_in_quotes.add(tag)
        if tag == "blockquote":
            self._depth += 1
            self.quotes.append("")

    def handle_endtag(self, tag):
        if tag == "blockquote":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.quotes[-1] += data


def rendered_markdown(markdown: str) -> Rendered:
    parser = Rendered()
    parser.feed(MARKDOWN.render(markdown))
    parser.close()
    return parser


def shown_in_markdown(text: str) -> str:
    """What a Markdown report promises to show of a paragraph: each line trimmed, empty lines left out."""
    lines = (line.strip() for line in printable(text).split("\n"))
    return "\n".join(line for line in lines if line)


def test_markdown_shows_hostile_text_literally():
    comparison = hostile_comparison()
    result = rendered_markdown(render_markdown(comparison, generated=WHEN))
    quotes = [quote.strip("\n") for quote in result.quotes]
    assert sorted(quotes) == sorted(
        shown_in_markdown(t) for t in HOSTILE_LEFT + HOSTILE_RIGHT if t != HOSTILE_LEFT[4]
    )
    assert result.tags_in_quotes <= {"p", "br", "s", "strong"}
    # The summary's counts and a sentence table per change with sentences, nothing from the input.
    assert result.tags.count("table") == 1 + sentence_tables(comparison)


def test_markdown_highlights_only_changed_words():
    markdown = render_markdown(hostile_comparison(), generated=WHEN)
    html = MARKDOWN.render(markdown)
    assert "&lt;script&gt;alert(&quot;<s>x</s>&quot;)&lt;/script&gt; ends" in html
    assert (
        "&lt;script&gt;alert(&quot;<strong>y</strong>&quot;)&lt;/script&gt; <strong>still</strong> ends"
        in html
    )


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("ab1 \n\t.é中") + [chr(c) for c in range(33, 127)] + ["\x1b"]
        ),
        max_size=40,
    )
)
def test_escaped_markdown_renders_as_the_text_itself(text):
    shown = shown_in_markdown(text)
    result = rendered_markdown(f"> {escape_markdown(text)}" if shown else "")
    assert "".join(result.quotes).strip("\n") == shown
    assert result.tags_in_quotes <= {"p", "br"}


WORDS = st.sampled_from(
    [
        "cat",
        "sat",
        "*mat*",
        "_on_",
        "the",
        "[x]",
        '"hi"',
        "a,b",
        "9.5%",
        "`c`",
        "~",
        "#",
        "<i>",
        "\\",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=12), st.lists(WORDS, min_size=1, max_size=12))
def test_highlighted_markdown_renders_both_versions_literally(left_words, right_words):
    left, right = " ".join(left_words), " ".join(right_words)
    comparison = compare_documents(document("a", [(left, None)]), document("b", [(right, None)]))
    result = rendered_markdown(render_markdown(comparison, generated=WHEN))
    expected = sorted([left, right]) if comparison.differences else []
    assert sorted(q.strip("\n") for q in result.quotes) == expected
    assert result.tags_in_quotes <= {"p", "br", "s", "strong", "mark"}  # mark: a flagged fact


class MarkedWords(HTMLParser):
    """The text inside ``<mark>`` elements, and whether every element closed in the order opened."""

    def __init__(self):
        super().__init__()
        self.marked = ""
        self.nested = True
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._open.append(tag)

    def handle_endtag(self, tag):
        self.nested = self.nested and bool(self._open) and self._open.pop() == tag

    def handle_data(self, data):
        if "mark" in self._open:
            self.marked += data


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.text(alphabet="ab<*_~ ", min_size=1), st.booleans()), max_size=6),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=3),
)
@example([("<<a", False), ("a<", True)], [(3, 4)])  # a fact's edge inside a word's emphasis
def test_markdown_marks_a_facts_words_nested_in_the_edits_and_changes_no_text(spans, ranges):
    """The words of a fact in ``<mark>``, properly nested with the edits' ``**``; the line reads the same."""
    raw = "".join(text for text, _ in spans)
    facts = [(min(a, b), max(a, b)) for a, b in ranges]
    markdown = markdown_report._marked(spans, "**", facts)
    html = MARKDOWN.render(f"> {markdown}" if raw.strip() else "")
    shown = rendered_markdown(f"> {markdown}" if raw.strip() else "")
    assert "".join(shown.quotes).strip("\n") == raw.strip()
    assert shown.tags_in_quotes <= {"p", "strong", "mark"}
    words = MarkedWords()
    words.feed(html)
    assert words.nested
    start, end = len(raw) - len(raw.lstrip()), len(raw.rstrip())
    in_fact = {i for a, b in facts for i in range(max(a, start), min(b, end))}
    assert words.marked == "".join(raw[i] for i in sorted(in_fact))


def test_json_round_trips_hostile_paragraphs():
    comparison = hostile_comparison()
    data = json.loads(render_json(comparison))
    assert (
        data["left"]["paragraphs"] == HOSTILE_LEFT and data["right"]["paragraphs"] == HOSTILE_RIGHT
    )
    assert data["left"]["source"] == comparison.left.source


def test_json_inline_spans_give_back_each_paragraph():
    data = json.loads(render_json(hostile_comparison()))
    for change in data["changes"]:
        if "inline" not in change:
            continue
        for side in ("left", "right"):
            texts = ["".join(span["text"] for span in spans) for spans in change["inline"][side]]
            assert texts == [data[side]["paragraphs"][i] for i in change[side]]


def _standard_library_json(comparison: Comparison) -> str:
    """The JSON report as json.dumps writes it, DEL, C1 controls and lone surrogates escaped."""
    data = json.dumps(report_dict(comparison), ensure_ascii=False, indent=2)
    return (
        "".join(
            f"\\u{ord(c):04x}" if 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000 else c
            for c in data
        )
        + "\n"
    )


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(
        st.text(st.characters(exclude_categories=()), min_size=1), min_size=1, max_size=4
    ),
    source=st.text(st.characters(exclude_categories=()), max_size=8),
    share=st.floats(min_value=0.0, max_value=1.0),
)
@example(texts=["a\x85b"], source="n\udce9.txt", share=0.5)
@example(texts=["x"], source="a", share=1e-05)
@example(texts=["x"], source="a", share=6.25e-06)
def test_json_is_byte_for_byte_what_the_standard_library_writes(texts, source, share):
    """Any text (controls, lone surrogates), any file name, any share of words kept."""
    paragraphs = [(text, None) for text in texts]
    comparison = compare_documents(document(source, paragraphs), document("b", paragraphs[::-1]))
    changes = tuple(replace(change, similarity=share) for change in comparison.changes)
    comparison = replace(comparison, changes=changes, similarity=share)
    assert render_json(comparison) == _standard_library_json(comparison)


def test_json_without_changes_is_what_the_standard_library_writes():
    """The changes are written one at a time into their place in the frame: none is ``[]``."""
    comparison = compare_documents(document("a", []), document("b", []))
    assert not comparison.changes
    assert render_json(comparison) == _standard_library_json(comparison)


def test_an_exported_json_file_is_the_rendered_report(tmp_path):
    """Written a change at a time, the file holds the text rendered whole."""
    comparison = ferry_comparison()
    written = export(comparison, tmp_path / "r.json", "json")
    assert written.read_text(encoding="utf-8") == render_json(comparison)


# --- JSON Schema ----------------------------------------------------------------------------


def fixture_comparisons() -> list[tuple[str, Comparison]]:
    from tui.engine.pipeline import CompareRequest, run_comparison

    pairs = []
    for gold in sorted(FIXTURES.glob("*/gold.json")):
        spec = json.loads(gold.read_text(encoding="utf-8"))
        request = CompareRequest(str(gold.parent / spec["left"]), str(gold.parent / spec["right"]))
        pairs.append((gold.parent.name, run_comparison(request)))
    return pairs


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(report_schema())


def test_every_export_validates_against_the_schema():
    validator = jsonschema.Draft202012Validator(report_schema())
    samples = [
        ("ferry", ferry_comparison()),
        ("hostile", hostile_comparison()),
        *fixture_comparisons(),
    ]
    for name, comparison in samples:
        data = json.loads(render(comparison, "json"))
        errors = [error.message for error in validator.iter_errors(data)]
        assert not errors, (name, errors[:3])
        assert data == report_dict(comparison)


def test_schema_rejects_a_broken_report():
    validator = jsonschema.Draft202012Validator(report_schema())
    data = json.loads(render_json(ferry_comparison()))
    data["changes"][0]["kind"] = "rewritten"
    del data["summary"]["similarity"]
    assert len(list(validator.iter_errors(data))) == 2


def test_json_keeps_every_paragraph_index_exactly_once():
    for name, comparison in [("ferry", ferry_comparison()), *fixture_comparisons()]:
        data = json.loads(render_json(comparison))
        for side in ("left", "right"):
            indices = sorted(i for change in data["changes"] for i in change[side])
            assert indices == list(range(len(data[side]["paragraphs"]))), (name, side)
        assert [row["change"] for row in data["rows"] if not row["ghost"]] == list(
            range(len(data["changes"]))
        )


# --- A real browser -------------------------------------------------------------------------
# Debian's chromium is not a Python package, so CI without it skips these (apt-get install chromium).

CHROMIUM = next(
    (
        shutil.which(name)
        for name in ("chromium", "chromium-browser", "google-chrome")
        if shutil.which(name)
    ),
    None,
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)


def headless(page: Path, *arguments: str) -> subprocess.CompletedProcess:
    profile = page.parent / "profile"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        *arguments, page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@needs_chromium
def test_a_browser_parses_hostile_text_as_text(tmp_path):
    page = tmp_path / "hostile.html"
    markup = render_html(hostile_comparison(), generated=WHEN)
    page.write_text(markup, encoding="utf-8")
    dom = parse(headless(page, "--dump-dom").stdout)
    # The side-by-side table and one sentence table per reworded group; the text adds none.
    assert dom.tags.count("table") == markup.count("<table") > 1 and "script" not in dom.tags
    assert dom.tags_in_paragraphs <= {"span", "del", "ins"}
    assert sorted(text.removeprefix(" ") for text in dom.paragraphs) == sorted(
        printable(t) for t in HOSTILE_LEFT + HOSTILE_RIGHT
    )


@needs_chromium
@pytest.mark.parametrize("width", [390, 1280])
def test_a_browser_draws_the_report_at_phone_and_desktop_width(tmp_path, width):
    """Screenshots land in $REPORT_SCREENSHOTS when set, for a person to look at."""
    blank, page = tmp_path / "blank.html", tmp_path / "ferry.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    page.write_text(render_html(ferry_comparison(), generated=WHEN), encoding="utf-8")
    shots = Path(os.environ.get("REPORT_SCREENSHOTS") or tmp_path)
    sizes = []
    for source in (blank, page):
        shot = shots / f"{source.stem}-{width}.png"
        headless(source, f"--screenshot={shot}", f"--window-size={width},1600")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        sizes.append(shot.stat().st_size)
    assert sizes[1] > 10 * sizes[0]  # the report drew text and pictures, not an empty page


def test_json_facts_say_where_their_words_stand_in_the_paragraphs():
    data = report_dict(ferry_comparison())
    found = 0
    for change in data["changes"]:
        for fact in change["facts"]:
            for side in ("left", "right"):
                at = fact[f"{side}_at"]
                assert (at is None) == (fact[side] is None)
                if at is not None:
                    paragraph = data[side]["paragraphs"][at["paragraph"]]
                    assert paragraph[at["start"] : at["end"]] == fact[side]
                    assert at["paragraph"] in change[side]
                    found += 1
    assert found == 2  # the figure set by hand; the headline's "84 years" is the body's


def test_json_sentences_are_places_in_the_paragraphs_each_in_exactly_one_link():
    data = report_dict(ferry_comparison())
    with_sentences = [change for change in data["changes"] if "sentences" in change]
    assert with_sentences
    for change in with_sentences:
        sentences = change["sentences"]
        for side in ("left", "right"):
            texts = data[side]["paragraphs"]
            for place in sentences[side]:
                assert place["paragraph"] in change[side]
                text = texts[place["paragraph"]][place["start"] : place["end"]]
                assert text and text == text.strip()
            linked = sorted(k for link in sentences["links"] for k in link[side])
            assert linked == list(range(len(sentences[side])))
