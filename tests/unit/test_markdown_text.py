"""Markdown mode: blocks become paragraphs, markup is hidden, and no word of the file is lost."""

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.markdown_text import HIDDEN_MARKUP, markdown_paragraphs

MARKDOWN = """# Budget draft for 2025

Intro with *emphasis*, **bold**, a [linked report](https://example.invalid/r) and
![a chart of spending](chart.png) and `inline code`.

## Priorities

- Repair the *north* bridge
- Hire two more
  librarians

3. Publish the accounts
4. Hold a public meeting

> Spending must stay within
> the limits set in March.

```python
total = roads + parks
```

| Item | Cost |
|------|------|
| Roads | 12 |

<!-- TODO: check numbers -->

[report]: https://example.invalid/r "The report"
"""


def test_markdown_blocks_become_paragraphs_with_markup_hidden():
    paragraphs, title = markdown_paragraphs(MARKDOWN)
    assert paragraphs == [
        "Budget draft for 2025",
        "Intro with emphasis, bold, a linked report (https://example.invalid/r) and "
        "a chart of spending (chart.png) and inline code.",
        "Priorities",
        "Repair the north bridge",
        "Hire two more librarians",
        "Publish the accounts",
        "Hold a public meeting",
        "Spending must stay within the limits set in March.",
        "```python\ntotal = roads + parks\n```",
        "Item | Cost",
        "Roads | 12",
        "<!-- TODO: check numbers -->",
        '[report]: https://example.invalid/r "The report"',
    ]
    assert title == "Budget draft for 2025"


def test_inline_html_code_spans_and_dunders_keep_their_words():
    text = "Put `<package>.pth` in ``USER_SITE`` (see <b>site</b>); __newobj__ &amp; `user base`."
    assert markdown_paragraphs(text)[0] == [
        "Put <package>.pth in USER_SITE (see <b>site</b>); newobj &amp; user base."
    ]


def test_link_targets_and_labels_are_part_of_the_text():
    text = (
        "See [the book][book], [the site](https://a.example/x 'Site'), [book] and <https://b.example>.\n\n"
        "[book]: https://c.example/book"
    )
    assert markdown_paragraphs(text)[0] == [
        "See the book [book], the site (https://a.example/x 'Site'), book and https://b.example.",
        "[book]: https://c.example/book",
    ]


def test_a_changed_link_target_changes_the_paragraph():
    before = markdown_paragraphs("Read [the report](https://example.org/v1).")[0]
    after = markdown_paragraphs("Read [the report](https://example.org/v2).")[0]
    assert before != after


def test_table_cells_beyond_the_header_are_kept():
    text = "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n"
    assert markdown_paragraphs(text)[0] == ["a | b", "1 | 2 | 3"]


def test_markdown_title_is_first_h1_only():
    assert markdown_paragraphs("## Sub\n\ntext\n\n# Real\n\n# Later")[1] == "Real"
    assert markdown_paragraphs("just text")[1] is None


def test_markdown_code_block_keeps_its_lines_and_fences():
    paragraphs, _ = markdown_paragraphs("```\nline one\n  line two\n```")
    assert paragraphs == ["```\nline one\n  line two\n```"]


# --------------------------------------------------------------------------- fidelity property

# Ordered-list numbers are hidden too (a renderer renumbers lists): a line's opening run of
# quote markers, bullets and "12." / "3)" markers may go.
_LINE_MARKERS = re.compile(r"^(?:[ \t>]|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]|$))*", re.MULTILINE)


def _deletable(source: str) -> list[tuple[str, bool]]:
    """The source's non-whitespace characters, each with whether Markdown mode may hide it."""
    markers = bytearray(len(source))
    for match in _LINE_MARKERS.finditer(source):
        markers[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return [
        (ch, ch in HIDDEN_MARKUP or bool(markers[i]))
        for i, ch in enumerate(source)
        if not ch.isspace()
    ]


def _only_markup_removed(source: str, shown: str) -> bool:
    """Whether ``shown`` is ``source`` with some hidden markup removed (whitespace aside)."""
    chars = _deletable(source)
    target = [ch for ch in shown if not ch.isspace()]

    @cache
    def fits(i: int, j: int) -> bool:
        if j == len(target):
            return all(may_go for _, may_go in chars[i:])
        if i == len(chars):
            return False
        ch, may_go = chars[i]
        return (ch == target[j] and fits(i + 1, j + 1)) or (may_go and fits(i + 1, j))

    return fits(0, 0)


_FRAGMENTS = st.sampled_from(
    [
        "word",
        "Ünïcode",
        "12",
        " ",
        "\n",
        "\n\n",
        "# ",
        "## ",
        "> ",
        "- ",
        "* ",
        "1. ",
        "2) ",
        "*",
        "**",
        "_",
        "__",
        "~~",
        "`",
        "``",
        "```",
        "[",
        "]",
        "(",
        ")",
        "](",
        "![",
        "<",
        ">",
        "<b>",
        "</b>",
        "<!-- c -->",
        "&amp;",
        "\\",
        "|",
        "---",
        "===",
        "    ",
        "[x]: http://u.example",
        "<http://a.example>",
        '"',
        ":",
        ".",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_markdown_hides_only_markup(text):
    paragraphs, _ = markdown_paragraphs(text)
    assert _only_markup_removed(text, "".join(paragraphs))


def test_the_property_check_catches_a_lost_word():
    assert _only_markup_removed("**bold** [a](u)", "bold a (u)")
    assert not _only_markup_removed("[a](u)", "a")
    assert not _only_markup_removed("<package>.pth", ".pth")
