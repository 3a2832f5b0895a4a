"""The Markdown report: the summary, then every difference in reading order, for GitHub and friends.

Each difference shows both versions as quotes, with deleted words
``~~struck~~`` on the original and inserted words ``**bold**`` on the rewrite;
the words of a flagged fact (the figure, name, date or quote) stand inside
``<mark>``, which GitHub renders highlighted and a plain-text reader still sees.

Input text must show literally: every character Markdown (or GitHub: ``$``
for maths, ``~`` for strikethrough, ``|`` for tables) would act on is
backslash-escaped, line-start markers (``#``, ``>``, ``-``, ``1.``) too, and
control characters are made visible. Emphasis markers only work when they
"flank" a word (CommonMark's delimiter rules), so a highlight that would
start or end on punctuation glued to a word is widened to the whole word.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from tui.engine.model import Change, Comparison, Document, FactFlag, Kind, Span, WordsAt
from tui.engine.report import (
    Review,
    ReviewMark,
    difference_numbers,
    flagged_facts,
    reviewer_notes,
)
from tui.engine.safe_text import printable, terminal_safe
from tui.engine.sentences import SentencePair, sentence_pairs
from tui.wording import (
    generated_label,
    kind_title,
    locator,
    paragraph_numbers,
    percent,
    reason_shows_values,
    review_badges,
    review_progress,
    score_label,
    sentence_kind_label,
    sentence_summary,
)

__all__ = ["render_markdown", "escape_markdown"]

# Backslash-escaped wherever they appear (CommonMark lets any ASCII punctuation be escaped).
_ALWAYS = frozenset("\\`*_[]<>|~$")
# Block markers that only act at the start of a line: headings, quotes, lists, setext underlines.
_LINE_START = re.compile(r"(?P<marker>[#>+=-])|\d{1,9}(?P<ordinal>[.)])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def render_markdown(
    comparison: Comparison, *, generated: datetime | None = None, review: Review | None = None
) -> str:
    """The report as GitHub-flavoured Markdown; ``generated`` is the date it states (default: now).

    With ``review`` (change index -> mark), the reviewer's progress and notes
    come first and each difference shows its marks and note.
    """
    numbers = difference_numbers(comparison)
    sections = [
        _summary(comparison, generated),
        _review_section(comparison, review) if review is not None else "",
        _fact_section(comparison, numbers),
        _differences(comparison, numbers, review or {}),
        _boilerplate(comparison),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


# --- Escaping -------------------------------------------------------------------------------


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders as exactly these characters (one line per line)."""
    return _marked([(text, False)], "")


def _escaped(characters: str) -> list[str]:
    """Each character of one line, escaped for its place; the line starts at index 0."""
    pieces = []
    for position, character in enumerate(characters):
        needs = character in _ALWAYS or (character == "&" and _ENTITY.match(characters, position))
        pieces.append("\\" + character if needs else character)
    start = _LINE_START.match(characters)
    if start:
        group = "marker" if start.group("marker") else "ordinal"
        position = start.start(group)
        pieces[position] = "\\" + characters[position]
    return pieces


def _is_punctuation(character: str) -> bool:
    return unicodedata.category(character)[0] in "PS"


def _flanking_mask(text: str, changed: list[bool]) -> list[bool]:
    """Highlights trimmed of outer spaces and widened to whole words where punctuation meets a word.

    CommonMark ignores ``**`` that sits between a word character and a
    punctuation mark the wrong way round (``a**"b**``), so such an edge moves
    out to the surrounding whitespace.
    """
    mask = list(changed)
    for start, end in _runs_of(mask):
        while start < end and text[start].isspace():
            mask[start], start = False, start + 1
        while end > start and text[end - 1].isspace():
            end -= 1
            mask[end] = False
        if start == end:
            continue
        if start > 0 and _is_punctuation(text[start]) and _is_word(text[start - 1]):
            while start > 0 and _is_word(text[start - 1]):
                start -= 1
                mask[start] = True
        if end < len(text) and _is_punctuation(text[end - 1]) and _is_word(text[end]):
            while end < len(text) and _is_word(text[end]):
                mask[end], end = True, end + 1
    return mask


def _is_word(character: str) -> bool:
    return not character.isspace() and not _is_punctuation(character)


def _runs_of(mask: list[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for position, flag in enumerate(mask + [False]):
        if flag and start is None:
            start = position
        elif not flag and start is not None:
            runs.append((start, position))
            start = None
    return runs


def _marked(
    spans: Sequence[tuple[str, bool]], marker: str, facts: Sequence[tuple[int, int]] = ()
) -> str:
    """Spans as escaped Markdown lines, changed runs wrapped in ``marker`` and the character
    ranges ``facts`` in ``<mark>``; lines end in hard breaks."""
    raw = "".join(part for part, _ in spans)
    text = printable(raw)
    changed = [flag for part, flag in spans for _ in printable(part)]
    mask = _flanking_mask(text, changed) if marker else changed
    in_fact = _fact_mask(raw, facts)
    lines, offset = [], 0
    for line in text.split("\n"):
        end = offset + len(line)
        lines.append(_marked_line(line, mask[offset:end], marker, in_fact[offset:end]))
        offset = end + 1
    return "\\\n".join(line for line in lines if line)


def _fact_mask(raw: str, facts: Sequence[tuple[int, int]]) -> list[bool]:
    """For each character of ``printable(raw)``, whether it belongs to a fact's words."""
    if not facts:
        return [False] * len(printable(raw))
    flags = [False] * len(raw)
    for start, end in facts:
        flags[start:end] = [True] * len(flags[start:end])
    return [flag for char, flag in zip(raw, flags, strict=True) for _ in printable(char)]


def _marked_line(line: str, mask: list[bool], marker: str, in_fact: list[bool]) -> str:
    """One line with its changed runs in ``marker`` and its facts' words in ``<mark>``.

    The tags nest: an edit is cut where a fact's words begin or end, so each
    piece lies wholly inside or outside ``<mark>`` (``a ~~cost~~ <mark>~~$47~~</mark>``).
    A marker then always has text on its inner side and a tag's ``<`` or ``>``
    (punctuation to CommonMark) or its old neighbour on the outer side, so it
    still opens and closes emphasis.
    """
    indent = len(line) - len(line.lstrip())
    line, mask, in_fact = line[indent:].rstrip(), mask[indent:], in_fact[indent:]
    pieces = _escaped(line)
    opens, closes = [""] * len(pieces), [""] * len(pieces)
    facts = _runs_of(in_fact[: len(line)])
    edges = {edge for run in facts for edge in run}
    for start, end in _runs_of(mask[: len(line)]) if marker else []:
        for a, b in _cut(line, start, end, edges):
            opens[a], closes[b - 1] = marker, marker
    for start, end in facts:
        opens[start], closes[end - 1] = "<mark>" + opens[start], closes[end - 1] + "</mark>"
    return "".join(f"{o}{piece}{c}" for o, piece, c in zip(opens, pieces, closes, strict=True))


def _cut(line: str, start: int, end: int, edges: set[int]) -> list[tuple[int, int]]:
    """``start:end`` cut at ``edges``, each piece without outer whitespace (and none left empty)."""
    bounds = sorted({start, end} | {edge for edge in edges if start < edge < end})
    pieces = []
    for a, b in itertools.pairwise(bounds):
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        if a < b:
            pieces.append((a, b))
    return pieces


# --- Sections -------------------------------------------------------------------------------


def _summary(comparison: Comparison, generated: datetime | None) -> str:
    counts = comparison.counts()
    table = "\n".join(f"| {kind.value} | {counts[kind.value]} |" for kind in Kind)
    return (
        "# Comparison report\n\n"
        f"- **Original:** {_source(comparison.left)}\n"
        f"- **Rewrite:** {_source(comparison.right)}\n"
        f"- **Generated:** {generated_label(generated)}\n"
        f"- **Overall similarity:** {percent(comparison.similarity)} of the text kept\n"
        f"- **Differences:** {len(comparison.differences)}; "
        f"**boilerplate set aside:** {counts['boilerplate']} (not counted as added or dropped)\n\n"
        f"| Kind | Count |\n| --- | ---: |\n{table}\n\n"
        "Legend: ~~struck~~ words were deleted from the original, **bold** words were inserted "
        "in the rewrite, <mark>marked</mark> words are a flagged fact (a figure, name, date or "
        "quote); ¶ numbers count paragraphs from 1 on each side; similarity is the share of "
        "words kept."
    )


def _source(document: Document) -> str:
    title = f"{escape_markdown(document.title)} — " if document.title else ""
    # A file name may hold a line end: shown as a symbol, so the list item stays one line.
    source = escape_markdown(terminal_safe(document.source))
    return f"{title}{source} ({len(document.paragraphs)} paragraphs)"


def _review_section(comparison: Comparison, review: Review) -> str:
    """How far the review got, then every note with a link to its difference."""
    section = f"## Review\n\n{review_progress(comparison, review)}"
    notes = reviewer_notes(comparison, review)
    if notes:
        items = "\n".join(
            f"- [Difference {number}](#difference-{number}){_badges(mark)}: {escape_markdown(mark.note.strip())}"
            for _, number, mark in notes
        )
        section += f"\n\n### Reviewer's notes\n\n{items}"
    return section


def _badges(mark: ReviewMark | None) -> str:
    return "".join(f" · {badge}" for badge in review_badges(mark))


def _fact_section(comparison: Comparison, numbers: dict[int, int]) -> str:
    flagged = flagged_facts(comparison)
    if not flagged:
        return "## Fact changes\n\nNo fact changes flagged."
    lines = []
    for index, fact in flagged:
        where = (
            f"[difference {numbers[index]}](#difference-{numbers[index]})"
            if index in numbers
            else locator(comparison.changes[index])
        )
        lines.append(f"- {_fact_line(fact)} ({where})")
    return f"## Fact changes ({len(flagged)})\n\n" + "\n".join(lines)


def _fact_line(fact: FactFlag) -> str:
    values = (
        ""
        if reason_shows_values(fact)
        else f" — {_fact_value(fact.left)} → {_fact_value(fact.right)}"
    )
    return f"**{escape_markdown(fact.severity)}** · {escape_markdown(fact.kind)}: {escape_markdown(fact.reason)}{values}"


def _fact_value(value: str | None) -> str:
    return f"“{escape_markdown(value)}”" if value is not None else "(none)"


def _differences(comparison: Comparison, numbers: dict[int, int], review: Review) -> str:
    if not numbers:
        return "## Differences\n\nNo differences: the texts say the same."
    blocks = [
        _difference(comparison, comparison.changes[index], number, review.get(index))
        for index, number in numbers.items()
    ]
    return f"## Differences ({len(numbers)})\n\n" + "\n\n".join(blocks)


def _difference(
    comparison: Comparison, change: Change, number: int, mark: ReviewMark | None
) -> str:
    parts = [
        f'<a id="difference-{number}"></a>\n'
        f"### {number}. {kind_title(change)} · {locator(change)} · {score_label(change)}{_badges(mark)}"
    ]
    if mark is not None and mark.note.strip():
        parts.append(f"**Reviewer's note:** {escape_markdown(mark.note.strip())}")
    if change.facts:
        parts.append("\n".join(f"- {_fact_line(fact)}" for fact in change.facts))
    inline = change.inline
    parts += _version(
        "Original",
        comparison.left,
        change.left,
        inline.left if inline else None,
        "~~",
        [fact.left_at for fact in change.facts],
    )
    parts += _version(
        "Rewrite",
        comparison.right,
        change.right,
        inline.right if inline else None,
        "**",
        [fact.right_at for fact in change.facts],
    )
    if change.sentences is not None:
        parts.append(_sentence_table(sentence_pairs(change.sentences)))
    return "\n\n".join(parts)


def _sentence_table(pairs: Sequence[SentencePair]) -> str:
    """Which sentence became which: one table row per link, words marked within the pair."""
    rows = [
        f"**Sentences** ({sentence_summary(pairs)})",
        "",
        "| | Original | Rewrite | kept |",
        "|---|---|---|---|",
    ]
    for pair in pairs:
        kept = percent(pair.similarity) if pair.left and pair.right else ""
        rows.append(
            f"| {sentence_kind_label(pair.kind)} | {_sentence_cell(pair.left, '~~')} "
            f"| {_sentence_cell(pair.right, '**')} | {kept} |"
        )
    return "\n".join(rows)


def _sentence_cell(sentences: Sequence[Sequence[Span]], marker: str) -> str:
    """Sentences in one table cell: marked words (``|`` escaped as everywhere), no line breaks."""
    marked = (_marked([(s.text, s.changed) for s in spans], marker) for spans in sentences)
    return " ".join(text.replace("\\\n", " ") for text in marked)


def _version(
    side: str,
    document: Document,
    indices: tuple[int, ...],
    spans: tuple[tuple[Span, ...], ...] | None,
    marker: str,
    facts: Sequence[WordsAt | None],
) -> list[str]:
    """One side of a difference: a label, then each paragraph as a quote, its facts' words marked."""
    if not indices:
        return []
    quotes = []
    for position, i in enumerate(indices):
        parts = (
            [(s.text, s.changed) for s in spans[position]]
            if spans
            else [(document.paragraphs[i].text, False)]
        )
        words = [(at.start, at.end) for at in facts if at is not None and at.paragraph == position]
        body = _marked(parts, marker if spans else "", words)
        quotes.append("\n".join(f"> {line}" if line else ">" for line in body.split("\n")))
    return [f"**{side} {paragraph_numbers(indices)}**", *quotes]


def _boilerplate(comparison: Comparison) -> str:
    """Boilerplate, listed apart and collapsed, so it neither hides nor counts as a difference."""
    lines = []
    for side, document, attribute in (
        ("Original", comparison.left, "left"),
        ("Rewrite", comparison.right, "right"),
    ):
        for change in comparison.changes:
            if change.boilerplate:
                for i in getattr(change, attribute):
                    paragraph = document.paragraphs[i]
                    reason = escape_markdown(paragraph.boilerplate or "boilerplate")
                    lines.append(f"- {side} ¶{i + 1} ({reason}): {escape_markdown(paragraph.text)}")
    if not lines:
        return ""
    return (
        f"## Boilerplate set aside ({len(lines)} paragraphs)\n\n<details>\n<summary>Show</summary>\n\n"
        + "\n".join(lines)
        + "\n\n</details>"
    )
