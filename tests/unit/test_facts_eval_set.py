"""The labelled fact-change set (fixtures/facts-eval/pairs.jsonl) is well formed.

Precision and recall of the fact rules are only as good as this file: a label
whose words are not in its passage, a kind outside the list, or a split too small
to measure on would silently skew every figure, so each is checked here.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests import paths

PAIRS = paths.FIXTURES / "facts-eval" / "pairs.jsonl"
KINDS = {
    "number",
    "date",
    "name",
    "quote",
    "attribution",
    "negation",
    "hedging",
    "modality",
}
FIELDS = {"id", "source", "split", "left", "right", "changes", "lookalike"}
MINIMUM_PER_SPLIT = 70


def _records() -> list[dict]:
    lines = PAIRS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


RECORDS = _records()


def test_every_line_is_one_json_object_with_the_documented_fields() -> None:
    for record in RECORDS:
        assert set(record) == FIELDS, record.get("id")
        assert record["split"] in {"dev", "test"}, record["id"]
        assert record["source"].strip() and record["left"].strip() and record["right"].strip(), (
            record["id"]
        )


def test_ids_are_unique() -> None:
    repeated = [name for name, count in Counter(r["id"] for r in RECORDS).items() if count > 1]
    assert repeated == []


def test_a_pair_is_either_a_change_or_a_named_lookalike() -> None:
    for record in RECORDS:
        assert bool(record["changes"]) != bool(record["lookalike"]), record["id"]


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_each_labelled_value_is_in_its_passage(record: dict) -> None:
    for change in record["changes"]:
        assert change["kind"] in KINDS
        assert change["left_value"] or change["right_value"], "a change needs words on one side"
        assert change["left_value"] in record["left"]
        assert change["right_value"] in record["right"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_each_split_is_large_enough_to_measure_on(split: str) -> None:
    in_split = [r for r in RECORDS if r["split"] == split]
    changes = sum(len(r["changes"]) for r in in_split)
    lookalikes = sum(1 for r in in_split if not r["changes"])
    assert changes >= MINIMUM_PER_SPLIT
    assert lookalikes >= MINIMUM_PER_SPLIT


def test_every_kind_is_labelled_in_both_splits() -> None:
    kinds_by_split = {(c["kind"], r["split"]) for r in RECORDS for c in r["changes"]}
    missing = sorted(
        (kind, split)
        for kind in KINDS
        for split in ("dev", "test")
        if (kind, split) not in kinds_by_split
    )
    assert missing == []
