"""Reports that carry the review: marks and notes in JSON (validated), HTML and Markdown."""

from __future__ import annotations

import json

import jsonschema
from markdown_it import MarkdownIt

from tests.app_helpers import sample_comparison
from tui.engine.report import difference_numbers, report_dict
from tui.export import render
from tui.export.json_report import report_schema
from tui.review.marks import Mark
from tui.wording import review_progress

HOSTILE_NOTE = "Figure made vague <script>alert(1)</script> *not emphasis* & [link](x)\nsecond line"


def reviewed_sample():
    """The sample comparison with its first difference noted and flagged, its second only reviewed."""
    comparison = sample_comparison()
    first, second, *_ = difference_numbers(comparison)
    review = {
        first: Mark(reviewed=True, significant=True, note=HOSTILE_NOTE),
        second: Mark(reviewed=True),
    }
    return comparison, review, first, second


def test_json_has_a_review_on_every_difference_and_validates():
    comparison, review, first, second = reviewed_sample()
    data = json.loads(render(comparison, "json", review=review))
    assert not list(jsonschema.Draft202012Validator(report_schema()).iter_errors(data))
    assert data["changes"][first]["review"] == {
        "reviewed": True,
        "significant": True,
        "note": HOSTILE_NOTE,
    }
    assert data["changes"][second]["review"] == {"reviewed": True, "significant": False, "note": ""}
    for index, change in enumerate(data["changes"]):
        assert ("review" in change) is change["difference"], index
        if change["difference"] and index not in review:
            assert change["review"] == {"reviewed": False, "significant": False, "note": ""}


def test_without_a_review_the_report_is_unchanged():
    comparison = sample_comparison()
    assert all("review" not in change for change in report_dict(comparison)["changes"])
    for fmt in ("html", "md"):
        assert "Reviewer" not in render(comparison, fmt)


def test_the_schema_rejects_a_malformed_review():
    comparison, review, first, _ = reviewed_sample()
    data = json.loads(render(comparison, "json", review=review))
    data["changes"][first]["review"]["note"] = None
    assert list(jsonschema.Draft202012Validator(report_schema()).iter_errors(data))


def test_html_shows_notes_escaped_at_the_top_and_with_the_difference():
    comparison, review, first, _ = reviewed_sample()
    page = render(comparison, "html", review=review)
    assert "<script>" not in page
    escaped = "Figure made vague &lt;script&gt;alert(1)&lt;/script&gt;"
    assert page.count(escaped) == 2  # the summary of notes, and the difference itself
    assert page.index("Reviewer's notes") < page.index('id="facts"')
    assert "✓ reviewed" in page and "★ significant" in page
    assert review_progress(comparison, review) in page


def test_markdown_shows_notes_literally_with_marks():
    comparison, review, first, _ = reviewed_sample()
    markdown = render(comparison, "md", review=review)
    assert "## Review" in markdown and "### Reviewer's notes" in markdown
    html = MarkdownIt("commonmark").render(markdown)
    assert (
        "<script>" not in html and "<em>" not in html.split("Reviewer")[1].split("second line")[0]
    )
    assert html.count("*not emphasis*") == 2
    number = difference_numbers(comparison)[first]
    assert f"### {number}. " in markdown and "· ✓ reviewed · ★ significant" in markdown


def test_progress_counts_only_differences():
    comparison, review, first, second = reviewed_sample()
    unchanged = next(i for i, c in enumerate(comparison.changes) if not c.is_difference)
    total = len(difference_numbers(comparison))
    with_stray = {**review, unchanged: Mark(reviewed=True)}
    assert (
        review_progress(comparison, with_stray)
        == f"2 of {total} differences reviewed · 1 flagged significant"
    )
