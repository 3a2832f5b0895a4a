"""Consistency of the labelled furniture set (fixtures/furniture/labels.json).

The furniture classifier is written on the "dev" half of this set and scored on
the "test" half, so a label pointing past the end of its file, a paragraph the
loader would cut differently, or a split without foreign-language pages would
silently skew every figure reported for it.
"""

from __future__ import annotations

import json

import pytest

from tests import paths
from tui.engine.segmenting import split_paragraphs

FURNITURE = paths.FIXTURES / "furniture"
LABELS = json.loads((FURNITURE / "labels.json").read_text(encoding="utf-8"))
SOURCES = json.loads((FURNITURE / "sources.json").read_text(encoding="utf-8"))
KINDS = {"news", "blog", "forum", "newsletter", "wire", "docs"}
KEYS = {"file", "source", "language", "kind", "split", "furniture", "notes"}
SPLITS = {"dev", "test", "fresh", "fresh7"}
MIN_FILES_PER_SPLIT = 6
MIN_FOREIGN_FILES_PER_SPLIT = 2


def _paragraphs(entry: dict) -> list[str]:
    return (FURNITURE / entry["file"]).read_text(encoding="utf-8").removesuffix("\n").split("\n\n")


def test_every_source_has_one_label_entry() -> None:
    assert sorted(e["file"] for e in LABELS) == sorted(f"{s['id']}.txt" for s in SOURCES)


@pytest.mark.parametrize("entry", LABELS, ids=lambda e: e["file"])
def test_entry_fields(entry: dict) -> None:
    assert set(entry) == KEYS
    assert entry["kind"] in KINDS
    assert entry["split"] in SPLITS
    assert entry["language"] and entry["source"] and entry["notes"]


@pytest.mark.parametrize("entry", LABELS, ids=lambda e: e["file"])
def test_paragraphs_are_clean_blank_line_blocks(entry: dict) -> None:
    text = (FURNITURE / entry["file"]).read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    paragraphs = _paragraphs(entry)
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert split_paragraphs(text) == paragraphs  # the app reads the same paragraphs


@pytest.mark.parametrize("entry", LABELS, ids=lambda e: e["file"])
def test_furniture_indices_in_range_sorted_and_mixed(entry: dict) -> None:
    furniture = entry["furniture"]
    count = len(_paragraphs(entry))
    assert all(isinstance(i, int) and 0 <= i < count for i in furniture)
    assert furniture == sorted(set(furniture))
    assert 0 < len(furniture) < count  # every page has both furniture and content


@pytest.mark.parametrize("split", sorted(SPLITS))
def test_each_split_is_big_and_multilingual(split: str) -> None:
    entries = [e for e in LABELS if e["split"] == split]
    assert len(entries) >= MIN_FILES_PER_SPLIT
    assert sum(e["language"] != "en" for e in entries) >= MIN_FOREIGN_FILES_PER_SPLIT
