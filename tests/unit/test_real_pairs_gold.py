"""Consistency of the real rewritten pairs and their sentence links (fixtures/real-pairs/*/gold.json).

These pairs measure sentence alignment as well as paragraph alignment, so on top
of the paragraph checks in ``test_fixtures_gold.py`` each gold file must pin its
sentences down exactly: every sentence is a verbatim piece of its paragraph,
the sentences of a paragraph tile it (nothing left over, nothing counted twice),
and each sentence sits in exactly one sentence link, or is dropped or added.
A slip here would make a sentence aligner's score meaningless.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests import paths
from tui.engine.loading import load_document

REAL_PAIRS = paths.FIXTURES / "real-pairs"
GOLD_FILES = sorted(REAL_PAIRS.glob("*/gold.json"))
SIDES = ("left", "right")
# A wire brief is five or six paragraphs (a German dts story: a headline and five), and the
# news pairs keep no more than a page's first 2,000 characters.
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 6, 80


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.parent.name)
def gold_file(request: pytest.FixtureRequest) -> Path:
    return request.param


@pytest.fixture
def gold(gold_file: Path) -> dict:
    return json.loads(gold_file.read_text(encoding="utf-8"))


def _paragraphs(gold_file: Path, gold: dict, side: str) -> list[str]:
    """The file's blank-line paragraphs (each real-pair file has one paragraph per line)."""
    text = (gold_file.parent / gold[side]).read_text(encoding="utf-8")
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def _sentences(gold: dict, side: str) -> list[tuple[int, str]]:
    """Every (paragraph, sentence) the gold mentions on one side, once per mention."""
    mentions = [(i, text) for link in gold["sentences"] for i, text in link[side]]
    return mentions + [
        (i, text) for i, text in gold["sentences_dropped" if side == "left" else "sentences_added"]
    ]


def _tiles(paragraph: str, sentences: Counter[str]) -> bool:
    """True when the sentences, each used once, cover the paragraph in some order with only spaces between."""
    position, remaining = 0, Counter(sentences)
    while position < len(paragraph):
        if paragraph[position].isspace():
            position += 1
            continue
        fits = [s for s in remaining if remaining[s] and paragraph.startswith(s, position)]
        if not fits:
            return False
        longest = max(fits, key=len)
        remaining[longest] -= 1
        position += len(longest)
    return not +remaining


def test_there_are_real_pairs_in_both_halves() -> None:
    splits = Counter(json.loads(path.read_text(encoding="utf-8"))["split"] for path in GOLD_FILES)
    assert splits["dev"] >= 1 and splits["test"] >= 1, splits


def test_metadata(gold: dict) -> None:
    assert gold["split"] in {"dev", "test"}
    assert set(gold["source"]) == set(SIDES) and all(gold["source"][side].strip() for side in SIDES)
    assert gold["type"].strip() and gold["description"].strip()


def test_paragraphs_are_the_blank_line_blocks(gold_file: Path, gold: dict) -> None:
    for side in SIDES:
        paragraphs = _paragraphs(gold_file, gold, side)
        assert MIN_PARAGRAPHS <= len(paragraphs) <= MAX_PARAGRAPHS, len(paragraphs)
        assert all("\n" not in p for p in paragraphs), "a paragraph spans two lines"
        assert [p[:30] for p in paragraphs] == gold[f"{side}_heads"]


def test_the_loader_sees_the_same_paragraphs(gold_file: Path, gold: dict) -> None:
    for side in SIDES:
        texts = load_document(str(gold_file.parent / gold[side])).texts
        assert list(texts) == _paragraphs(gold_file, gold, side)


def test_sentence_links_have_two_sides(gold: dict) -> None:
    for link in gold["sentences"]:
        assert set(link) == set(SIDES) and link["left"] and link["right"], link


def test_sentences_are_pieces_of_their_paragraphs(gold_file: Path, gold: dict) -> None:
    for side in SIDES:
        paragraphs = _paragraphs(gold_file, gold, side)
        for index, text in _sentences(gold, side):
            assert 0 <= index < len(paragraphs), (side, index)
            assert text and text == text.strip() and text in paragraphs[index], (side, index, text)


def test_sentences_tile_each_paragraph_once(gold_file: Path, gold: dict) -> None:
    """Per paragraph the sentences, each mentioned once, rebuild its non-space characters exactly."""
    for side in SIDES:
        by_paragraph: dict[int, Counter[str]] = {}
        for index, text in _sentences(gold, side):
            by_paragraph.setdefault(index, Counter())[text] += 1
        for index, paragraph in enumerate(_paragraphs(gold_file, gold, side)):
            assert _tiles(paragraph, by_paragraph.get(index, Counter())), (
                side,
                index,
                paragraph[:60],
            )
