"""Precision and recall of the fact rules: ``python -m tui.facts_eval [--errors]``.

Reads the hand-labelled pairs of ``fixtures/facts-eval/pairs.jsonl`` (format
and sources in that folder's README) and runs :func:`~tui.engine.facts.compare_facts`
on each. Printed per kind and overall, for the ``dev`` half (rules are
written against it) and the ``test`` half (reported, never tuned on):

* precision — of the flags of a kind, the share that name a labelled change of
  that kind in their pair (a flag on a look-alike pair is always wrong);
* recall — of the labelled changes of a kind, the share some flag of that kind names;
* flags per ten look-alike pairs — how often a faithful rewrite is flagged;
* flags per ten paragraphs on whole rewritten documents, through the whole
  pipeline (boilerplate set aside): on the fixture pairs with labelled facts, the
  flags on paired paragraphs that name no labelled fact; on ``fixtures/real-pairs``
  (real revisions, no fact labels), every flag on paired paragraphs — an upper
  bound, since revisions do change facts.

A flag names a labelled change when both are of the same kind and share a
word on the left (the original's words) or, when either has none there (a
marker added), on the right. ``--errors`` lists the dev half's false flags
and misses, to write rules against; the test half's are never printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui import scores
from tui.engine.facts import compare_facts
from tui.engine.model import FactFlag
from tui.engine.pipeline import CompareRequest, run_comparison

__all__ = ["KINDS", "Labelled", "KindScore", "load_pairs", "score_split", "main"]

KINDS = ("number", "date", "name", "quote", "attribution", "negation", "hedging", "modality")
DEFAULT_PAIRS = Path(__file__).resolve().parent.parent / "fixtures" / "facts-eval" / "pairs.jsonl"

# Words too common to tie a flag to a label on their own.
_COMMON = frozenset(
    "a an the of to in on at by for and or is are was were be been it its that this with as".split()
)
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Labelled:
    """One pair of the set: both passages and their labelled fact changes."""

    id: str
    split: str
    left: str
    right: str
    changes: tuple[tuple[str, str, str], ...]  # (kind, left words, right words)
    lookalike: str | None


@dataclass(slots=True)
class KindScore:
    """Counts for one kind in one split; an error list for the dev half's rule writing."""

    correct_flags: int = 0
    flags: int = 0
    found: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float:
        return scores.precision(self.correct_flags, self.flags)

    @property
    def recall(self) -> float:
        return scores.recall(self.found, self.labelled)

    def add(self, other: KindScore) -> None:
        self.correct_flags += other.correct_flags
        self.flags += other.flags
        self.found += other.found
        self.labelled += other.labelled


@dataclass(slots=True)
class SplitScore:
    kinds: dict[str, KindScore]
    lookalike_pairs: int = 0
    lookalike_flags: int = 0
    errors: list[str] | None = None

    @property
    def overall(self) -> KindScore:
        total = KindScore()
        for score in self.kinds.values():
            total.add(score)
        return total


def load_pairs(path: Path = DEFAULT_PAIRS) -> list[Labelled]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        pairs.append(
            Labelled(
                record["id"],
                record["split"],
                record["left"],
                record["right"],
                tuple((c["kind"], c["left_value"], c["right_value"]) for c in record["changes"]),
                record["lookalike"],
            )
        )
    return pairs


def _words(text: str | None) -> frozenset[str]:
    return frozenset(_TOKEN.findall((text or "").casefold())) - _COMMON


def names_change(flag: FactFlag, change: tuple[str, str, str]) -> bool:
    """Whether ``flag`` points at the labelled ``change`` (same kind, a shared word)."""
    kind, left, right = change
    if flag.kind != kind:
        return False
    if flag.left and left:
        return bool(_words(flag.left) & _words(left))
    return bool(_words(flag.right) & _words(right))


def score_split(pairs: Iterable[Labelled], split: str, collect_errors: bool = False) -> SplitScore:
    result = SplitScore(
        {kind: KindScore() for kind in KINDS}, errors=[] if collect_errors else None
    )
    for pair in (p for p in pairs if p.split == split):
        flags = compare_facts(pair.left, pair.right)
        _score_pair(pair, flags, result)
    return result


def _score_pair(pair: Labelled, flags: Sequence[FactFlag], result: SplitScore) -> None:
    if pair.lookalike:
        result.lookalike_pairs += 1
        result.lookalike_flags += len(flags)
    for flag in flags:
        score = result.kinds.setdefault(flag.kind, KindScore())
        score.flags += 1
        if any(names_change(flag, change) for change in pair.changes):
            score.correct_flags += 1
        elif result.errors is not None:
            result.errors.append(f"false {flag.kind:<11} {pair.id}: {flag.reason}")
    for change in pair.changes:
        score = result.kinds.setdefault(change[0], KindScore())
        score.labelled += 1
        if any(names_change(flag, change) for flag in flags):
            score.found += 1
        elif result.errors is not None:
            result.errors.append(
                f"missed {change[0]:<10} {pair.id}: {change[1]!r} -> {change[2]!r}"
            )


def _row(name: str, score: KindScore) -> str:
    return (
        f"{name:<12} {score.precision:6.3f} {score.recall:6.3f}"
        f"   {score.correct_flags:>4}/{score.flags:<4} {score.found:>4}/{score.labelled:<4}"
    )


def report(scores: dict[str, SplitScore]) -> str:
    lines = []
    for split, score in scores.items():
        lines.append(f"{split}: {'P':>14} {'R':>6}   {'right/flags':>10} {'found/labelled':>14}")
        lines += [_row(kind, kind_score) for kind, kind_score in score.kinds.items()]
        lines.append(_row("overall", score.overall))
        per_ten = 10 * score.lookalike_flags / score.lookalike_pairs if score.lookalike_pairs else 0
        lines.append(
            f"look-alike pairs (faithful rewrites): {score.lookalike_flags} flags on "
            f"{score.lookalike_pairs} pairs, {per_ten:.2f} per ten"
        )
        lines.append("")
    return "\n".join(lines).rstrip()


@dataclass(frozen=True, slots=True)
class RewriteRate:
    name: str
    paragraphs: int  # content paragraphs of the original
    flags: int  # flags on paired paragraphs that name no labelled fact (all, if unlabelled)
    labelled: bool


def rewrite_rates(fixtures: Path) -> list[RewriteRate]:
    """Flags per document pair, through the whole pipeline."""
    rates = []
    for gold_path in sorted(fixtures.glob("*/gold.json")) + sorted(
        fixtures.glob("real-pairs/*/gold.json")
    ):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        labelled = "facts" in gold
        if not labelled and gold_path.parent.parent.name != "real-pairs":
            continue
        folder = gold_path.parent
        comparison = run_comparison(
            CompareRequest(str(folder / gold["left"]), str(folder / gold["right"]))
        )
        facts = [(f["kind"], set(f["left"]), set(f["right"] or [])) for f in gold.get("facts", [])]
        flags = sum(
            not any(
                kind == flag.kind and bool(set(change.left) & left or set(change.right) & right)
                for kind, left, right in facts
            )
            for change in comparison.changes
            if change.left and change.right and not change.boilerplate
            for flag in change.facts
        )
        content = sum(not p.boilerplate for p in comparison.left.paragraphs)
        rates.append(RewriteRate(folder.name, content, flags, labelled))
    return rates


def rewrite_report(fixtures: Path) -> str:
    lines = ["whole rewrites: flags on paired paragraphs per ten paragraphs of the original"]
    for labelled, title in (
        (True, "fixture pairs, flags naming no labelled fact"),
        (False, "real revisions (no fact labels), every flag"),
    ):
        rates = [r for r in rewrite_rates(fixtures) if r.labelled == labelled]
        lines.append(f"  {title}:")
        lines += [
            f"    {r.name:<26} {r.flags:>3} flags / {r.paragraphs:>3} paragraphs"
            f" = {10 * r.flags / max(1, r.paragraphs):.2f}"
            for r in rates
        ]
        flags, paragraphs = sum(r.flags for r in rates), sum(r.paragraphs for r in rates)
        lines.append(
            f"    {'all':<26} {flags:>3} flags / {paragraphs:>3} paragraphs"
            f" = {10 * flags / max(1, paragraphs):.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tui.facts_eval", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument(
        "--errors", action="store_true", help="list the dev half's false flags and misses"
    )
    args = parser.parse_args(argv)
    pairs = load_pairs(args.pairs)
    scores = {
        "dev": score_split(pairs, "dev", collect_errors=args.errors),
        "test": score_split(pairs, "test"),
    }
    print(report(scores))
    print()
    print(rewrite_report(args.pairs.parent.parent))
    if args.errors:
        print("\ndev errors:")
        print("\n".join(sorted(scores["dev"].errors or [])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
