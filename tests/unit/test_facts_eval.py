"""The fact-rule evaluation (tui.facts_eval) counts flags and labels the way its docstring says."""

from __future__ import annotations

import json
from pathlib import Path

from tui.engine.facts import compare_facts
from tui.engine.model import FactFlag
from tui.facts_eval import Labelled, load_pairs, main, names_change, score_split

FIGURE_CHANGED = Labelled(
    "changed",
    "dev",
    "Some 26.5 million shares changed hands.",
    "Some 11.8 million shares changed hands.",
    (("number", "26.5 million", "11.8 million"),),
    None,
)
LOOKALIKE = Labelled(
    "lookalike",
    "dev",
    "Massachusetts does not have a state death penalty.",
    "Massachusetts has no state death penalty.",
    (),
    "negation-paraphrase",
)


def test_a_flag_names_a_change_of_its_kind_sharing_a_word():
    change = ("number", "26.5 million", "11.8 million")
    assert names_change(FactFlag("number", "high", "26.5 million shares", "11.8", "r"), change)
    assert not names_change(FactFlag("quote", "high", "26.5 million", "11.8", "r"), change)
    assert not names_change(FactFlag("number", "high", "40 shares", "11.8 million", "r"), change)


def test_an_added_marker_is_matched_on_the_right():
    change = ("hedging", "", "apparently")
    assert names_change(FactFlag("hedging", "medium", None, "apparently was so", "r"), change)
    assert not names_change(FactFlag("hedging", "medium", None, "reportedly", "r"), change)


def test_scores_count_flags_and_labels_per_kind():
    flags = compare_facts(FIGURE_CHANGED.left, FIGURE_CHANGED.right)
    score = score_split([FIGURE_CHANGED, LOOKALIKE], "dev", collect_errors=True)
    number = score.kinds["number"]
    assert (number.labelled, number.found) == (1, 1)
    assert number.flags == sum(f.kind == "number" for f in flags)
    assert score.lookalike_pairs == 1
    assert score.lookalike_flags == len(compare_facts(LOOKALIKE.left, LOOKALIKE.right))
    assert score_split([FIGURE_CHANGED], "test").overall.labelled == 0


def test_the_command_prints_both_halves_and_hides_the_test_errors(tmp_path: Path, capsys):
    """A label no rule can see (the passages are identical) is a miss in either half; only the
    dev half's is listed."""
    path = tmp_path / "pairs.jsonl"
    records = [
        {
            "id": f"unseen-{split}",
            "split": split,
            "left": "Some shares changed hands.",
            "right": "Some shares changed hands.",
            "changes": [{"kind": "name", "left_value": "shares", "right_value": "shares"}],
            "lookalike": None,
        }
        for split in ("dev", "test")
    ]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert [p.split for p in load_pairs(path)] == ["dev", "test"]
    assert main([str(path), "--errors"]) == 0
    printed = capsys.readouterr().out
    assert "dev:" in printed and "test:" in printed
    assert "unseen-dev" in printed
    assert "unseen-test" not in printed
