"""Consistency of every hand-labelled fixture pair (fixtures/*/gold.json and fixtures/real-pairs/*/gold.json).

The gold files are how the engine is measured, so a slip in one of them (an
index used twice, a split whose parts are not consecutive, a boilerplate label
past the end) would silently skew every score. These checks run over whatever
fixture directories exist, so pairs added later are covered without edits.
They check the gold's internal consistency only; whether the real segmenter
reproduces ``left_heads``/``right_heads`` is tested elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import paths

FIXTURES = paths.FIXTURES
GOLD_FILES = sorted(FIXTURES.glob("*/gold.json")) + sorted(FIXTURES.glob("real-pairs/*/gold.json"))

LINK_KINDS = {"unchanged", "reworded", "moved", "split", "merged"}
FACT_KINDS = {"number", "name", "quote", "attribution", "negation", "hedging", "modality", "date"}
REQUIRED_KEYS = {
    "left",
    "right",
    "description",
    "left_heads",
    "right_heads",
    "links",
    "dropped",
    "added",
}
# The real pairs label no boilerplate or facts, but carry their source, dev/test half and sentence links
# (checked in test_real_pairs_gold.py).
OPTIONAL_KEYS = {
    "boilerplate",
    "facts",
    "source",
    "split",
    "type",
    "sentences",
    "sentences_dropped",
    "sentences_added",
}
HEAD_LENGTH = 30


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _is_consecutive(indices: list[int]) -> bool:
    return indices == list(range(indices[0], indices[0] + len(indices)))


def _is_index_list(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(i, int) and not isinstance(i, bool) for i in value
    )


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.parent.name)
def gold_file(request: pytest.FixtureRequest) -> Path:
    return request.param


@pytest.fixture
def gold(gold_file: Path) -> dict:
    return _load(gold_file)


def test_there_are_fixture_pairs() -> None:
    assert GOLD_FILES, f"no fixtures/*/gold.json under {FIXTURES}"


def test_schema_keys(gold: dict) -> None:
    assert REQUIRED_KEYS <= set(gold) <= REQUIRED_KEYS | OPTIONAL_KEYS
    assert isinstance(gold["description"], str) and gold["description"].strip()
    assert set(gold.get("boilerplate", {"left": [], "right": []})) == {"left", "right"}


def test_text_files_exist_and_are_nonempty(gold_file: Path, gold: dict) -> None:
    for side in ("left", "right"):
        text_path = gold_file.parent / gold[side]
        assert text_path.is_file(), f"{side} file missing: {text_path}"
        assert text_path.read_bytes().strip(), f"{side} file is empty"


def _plain_utf8_text(path: Path) -> str | None:
    """The file's text if it is a UTF-8 .txt file, else None (HTML, Markdown, Latin-1 ...)."""
    if path.suffix != ".txt":
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def test_heads_are_short_and_stripped(gold: dict) -> None:
    for side in ("left", "right"):
        heads = gold[f"{side}_heads"]
        assert heads, f"no {side} heads"
        for i, head in enumerate(heads):
            assert isinstance(head, str) and 0 < len(head) <= HEAD_LENGTH, (
                f"{side} head {i}: {head!r}"
            )
            # A cut at 30 characters may end on a space, but a paragraph never starts with one.
            assert head == head.lstrip(), f"{side} head {i} starts with whitespace"


def test_heads_occur_in_plain_text_files(gold_file: Path, gold: dict) -> None:
    """In a plain UTF-8 text file every head occurs verbatim, once wraps are undone.

    A head that spans a joined line break only occurs after the wrap is undone,
    so the comparison collapses whitespace runs on both sides. Other formats
    (HTML, Markdown, legacy encodings) are left to the segmenter's own test.
    """
    for side in ("left", "right"):
        text = _plain_utf8_text(gold_file.parent / gold[side])
        if text is None:
            continue
        flat = " ".join(text.split())
        for i, head in enumerate(gold[f"{side}_heads"]):
            assert " ".join(head.split()) in flat, f"{side} head {i} not in text: {head!r}"


def test_every_index_is_accounted_for_exactly_once(gold: dict) -> None:
    left_used = [i for link in gold["links"] for i in link["left"]] + gold["dropped"]
    right_used = [j for link in gold["links"] for j in link["right"]] + gold["added"]
    assert sorted(left_used) == list(range(len(gold["left_heads"])))
    assert sorted(right_used) == list(range(len(gold["right_heads"])))


def test_links_have_valid_kind_and_shape(gold: dict) -> None:
    for link in gold["links"]:
        assert set(link) == {"left", "right", "kind"}, link
        assert _is_index_list(link["left"]) and _is_index_list(link["right"]), link
        kind, left, right = link["kind"], link["left"], link["right"]
        assert kind in LINK_KINDS, link
        if kind == "split":
            assert len(left) == 1 and len(right) >= 2 and _is_consecutive(right), link
        elif kind == "merged":
            assert len(left) >= 2 and len(right) == 1 and _is_consecutive(left), link
        else:
            assert len(left) == 1 and len(right) == 1, link


def test_boilerplate_indices_in_range(gold: dict) -> None:
    for side in ("left", "right"):
        indices = gold.get("boilerplate", {}).get(side, [])
        assert _is_index_list(indices)
        assert len(set(indices)) == len(indices), f"duplicate {side} boilerplate index"
        assert all(0 <= i < len(gold[f"{side}_heads"]) for i in indices), indices


def test_facts_are_well_formed(gold: dict) -> None:
    pairs = {(tuple(link["left"]), tuple(link["right"])) for link in gold["links"]}
    for fact in gold.get("facts", []):
        assert fact["kind"] in FACT_KINDS, fact
        assert _is_index_list(fact["left"]) and _is_index_list(fact["right"]), fact
        assert fact["left"] or fact["right"], fact
        assert all(0 <= i < len(gold["left_heads"]) for i in fact["left"]), fact
        assert all(0 <= j < len(gold["right_heads"]) for j in fact["right"]), fact
        assert fact["left_value"] is None or isinstance(fact["left_value"], str), fact
        assert fact["right_value"] is None or isinstance(fact["right_value"], str), fact
        assert isinstance(fact["why"], str) and fact["why"].strip(), fact
        assert _fact_sits_on_a_change(fact, gold, pairs), (
            f"fact's indices are not those of one gold link, dropped or added paragraph: {fact}"
        )


def _fact_sits_on_a_change(fact: dict, gold: dict, pairs: set) -> bool:
    """A fact belongs to one change: a link (same indices), or a dropped/added paragraph."""
    left, right = tuple(fact["left"]), tuple(fact["right"])
    if (left, right) in pairs:
        return True
    if not right and len(left) == 1:
        return left[0] in gold["dropped"]
    if not left and len(right) == 1:
        return right[0] in gold["added"]
    return False
