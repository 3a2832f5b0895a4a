"""The furniture evaluation: every labelled page scored, per split, with the floors we reached."""

from __future__ import annotations

import json

from tests import paths
from tui.engine.boilerplate import classify
from tui.evaluation import main as evaluation_main
from tui.furniture_eval import score_file

FURNITURE = paths.FIXTURES / "furniture"
ENTRIES = json.loads((FURNITURE / "labels.json").read_text(encoding="utf-8"))
#: What the classifier reached when it was written (fixtures/README.md); a change that falls
#: below these made the classifier worse on real pages.
FLOORS = {
    "dev": (0.95, 0.93),
    "test": (0.95, 0.89),
    "fresh": (0.93, 0.86),
    "fresh7": (0.95, 0.87),
}


def test_the_command_prints_every_file_and_every_split(capsys):
    assert evaluation_main(["furniture", str(FURNITURE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(any(line.startswith(e["file"]) for line in lines) for e in ENTRIES)
    assert any(line.startswith("ALL dev") for line in lines)
    assert any(line.startswith("ALL test") for line in lines)
    assert any(line.startswith("ALL fresh ") for line in lines)
    assert any(line.startswith("ALL fresh7") for line in lines)


def test_a_file_is_scored_as_the_app_labels_it():
    entry = ENTRIES[0]
    texts = (FURNITURE / entry["file"]).read_text(encoding="utf-8").removesuffix("\n").split("\n\n")
    labelled = {i for i, reason in enumerate(classify(texts)) if reason}
    score = score_file(FURNITURE, entry)
    assert (score.labelled, score.correct) == (
        len(labelled),
        len(labelled & set(entry["furniture"])),
    )


def test_neither_split_falls_below_its_floor():
    for split, (precision, recall) in FLOORS.items():
        scores = [score_file(FURNITURE, e) for e in ENTRIES if e["split"] == split]
        correct = sum(s.correct for s in scores)
        assert correct / sum(s.labelled for s in scores) >= precision, split
        assert correct / sum(s.furniture for s in scores) >= recall, split
