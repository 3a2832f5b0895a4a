"""One number of facts everywhere: the status line, --summary, the HTML, Markdown and JSON reports.

Issue 19: the status line once counted paragraphs with flags (22) while the
summary and the HTML report counted flags (32). Each surface is rendered here
as a user gets it, and its number read back from the text, on fixtures where
a paragraph carries several flags (the case that told the two counts apart).
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from tests import paths
from tui.app.bars import Summary, fit_status, status_parts
from tui.app.view_model import Filters
from tui.engine.model import Comparison
from tui.engine.pipeline import CompareRequest, run_comparison
from tui.export import render
from tui.summary import render_summary

FIXTURES = (
    "news-repost",
    "licence-revision",
    "unrelated",
    "real-pairs/gh-community-guidelines",
    "real-pairs/sensitive-data-removal",
)


@cache
def _comparison(fixture: str) -> Comparison:
    folder = paths.FIXTURES / fixture
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return run_comparison(CompareRequest(str(folder / gold["left"]), str(folder / gold["right"])))


def surface_counts(comparison: Comparison) -> dict[str, int]:
    """The number of facts each surface shows, read from what it prints."""
    status = fit_status(status_parts(Summary.of(comparison), Filters(), None, 0), 500).plain
    summary = render_summary(comparison, width=200).plain
    html = render(comparison, "html")
    markdown = render(comparison, "md")
    report = json.loads(render(comparison, "json"))
    return {
        "status line": _number(r"!(\d+)", status),
        "--summary": _number(r"Facts to check: (\d+)", summary),
        "HTML heading": _number(r"<h2>Fact changes \((\d+)\)</h2>", html),
        "HTML list": len(
            re.findall(r'<li class="sev-', _section(html, 'id="facts"', "</section>"))
        ),
        "Markdown": _number(r"## Fact changes \((\d+)\)", markdown),
        "JSON summary": report["summary"]["facts"],
        "JSON changes": sum(
            len(change["facts"]) for change in report["changes"] if change["difference"]
        ),
    }


def _number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    return int(found.group(1)) if found else 0


def _section(text: str, start: str, end: str) -> str:
    head = text.index(start)
    return text[head : text.index(end, head)]


@pytest.mark.parametrize("fixture", FIXTURES)
def test_every_surface_reports_the_same_number_of_facts(fixture):
    comparison = _comparison(fixture)
    flags = sum(len(change.facts) for change in comparison.changes)
    counts = surface_counts(comparison)
    assert set(counts.values()) == {flags}, counts


def test_the_fixtures_tell_flags_from_flagged_paragraphs():
    """Counting paragraphs with flags instead of flags would fail the test above."""
    comparisons = [_comparison(fixture) for fixture in FIXTURES]
    assert any(
        sum(len(c.facts) for c in comparison.changes)
        > sum(bool(c.facts) for c in comparison.changes)
        for comparison in comparisons
    )


def test_a_fixture_with_no_facts_says_none_anywhere():
    comparison = _comparison("shuffle-split-merge")
    assert set(surface_counts(comparison).values()) == {0}
