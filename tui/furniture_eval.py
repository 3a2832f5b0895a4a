"""Score the furniture classifier on the labelled set: ``python -m tui.furniture_eval [FOLDER]``.

``fixtures/furniture/labels.json`` (format in ``fixtures/README.md``) labels
every paragraph of real pages content or furniture and splits them into
"dev" (rules are written on it), "test", "fresh" and "fresh7" (figures are reported on them).
The command prints, per file and per split, the furniture precision (share
of paragraphs labelled furniture that are) and recall (share of furniture
that is labelled), each paragraph labelled by
:func:`tui.engine.boilerplate.classify` exactly as the app labels a side.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui import scores
from tui.engine.boilerplate import classify
from tui.engine.loading import load_document

__all__ = ["FileScore", "main", "score_file"]

#: "dev" is tuned on; "test" is scored (but its errors were read in session 5); "fresh" (session
#: 6) and "fresh7" (session 7, pages of another benchmark with its own gold) are only ever
#: scored, never read for errors (fixtures/README.md).
SPLITS = ("dev", "test", "fresh", "fresh7")


@dataclass(frozen=True, slots=True)
class FileScore:
    """Counts for one file; ratios derive from them so per-file counts add up to a split's."""

    name: str
    split: str
    correct: int  # paragraphs labelled furniture that are furniture
    labelled: int  # paragraphs labelled furniture
    furniture: int  # paragraphs that are furniture

    @property
    def precision(self) -> float:
        return scores.precision(self.correct, self.labelled)

    @property
    def recall(self) -> float:
        return scores.recall(self.correct, self.furniture)


def score_file(folder: Path, entry: dict[str, Any]) -> FileScore:
    """Label one file of the set as the app would and count against its gold labels."""
    texts = load_document(str(folder / entry["file"])).texts
    labelled = {i for i, reason in enumerate(classify(texts)) if reason}
    gold = set(entry["furniture"])
    return FileScore(entry["file"], entry["split"], len(labelled & gold), len(labelled), len(gold))


def _total(name: str, split: str, scores: list[FileScore]) -> FileScore:
    return FileScore(
        name,
        split,
        sum(s.correct for s in scores),
        sum(s.labelled for s in scores),
        sum(s.furniture for s in scores),
    )


def _line(score: FileScore) -> str:
    return (
        f"{score.name:<46} {score.split:<5} {score.precision:6.3f} {score.recall:6.3f}"
        f"   {score.correct:>5} {score.labelled:>5} {score.furniture:>5}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tui.furniture_eval", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "folder",
        nargs="?",
        default="fixtures/furniture",
        help="the labelled set (default: fixtures/furniture)",
    )
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    try:
        entries = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    except OSError as error:
        print(f"cannot read {folder / 'labels.json'}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"{'file':<46} {'split':<5} {'P':>6} {'R':>6}   {'right':>5} {'said':>5} {'gold':>5}")
    totals = []
    for split in SPLITS:
        scores = [score_file(folder, e) for e in entries if e["split"] == split]
        for score in scores:
            print(_line(score))
        totals.append(_total(f"ALL {split}", split, scores))
        print(_line(totals[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
