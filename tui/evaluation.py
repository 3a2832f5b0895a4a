"""Measure the engine against hand-labelled fixtures: ``python -m tui.evaluation [FIXTURES_DIR]``.

Every ``fixtures/*/gold.json`` and ``fixtures/real-pairs/*/gold.json`` (format in
``fixtures/README.md``) is compared
with what the engine says about its pair, and the command prints, per pair and
overall:

* link precision, recall and F1 — a link is one left index paired with one
  right index, so a split into three is three links;
* kind accuracy — the share of gold changes (links, dropped, added) that the
  engine reports with the same paragraphs *and* the same kind;
* boilerplate precision/recall, where the gold labels boilerplate;
* fact-flag precision/recall, where the gold lists fact changes: a flag on a
  paired change counts when it overlaps a gold fact of the same kind;
* sentence-link precision, recall and F1, where the gold links sentences
  (``real-pairs/``), totalled over the dev and the test pairs apart: a link is
  one gold sentence of the left paired with one of the right, and a sentence
  the engine found is read as every gold sentence it overlaps, so a sentence
  cut in the wrong place costs the links it blurs.

``python -m tui.evaluation furniture`` scores the furniture classifier on the
labelled pages instead (:mod:`tui.furniture_eval`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NotRequired, TypedDict, TypeVar

from tui import scores
from tui.engine.compare import compare_documents
from tui.engine.model import Comparison, Kind, Sentence, SentenceAlignment
from tui.engine.pipeline import CompareRequest, load_sides
from tui.engine.sentences import align_sentence_groups

__all__ = ["Score", "evaluate_pair", "main"]

#: Hand-made pairs sit one level down; the real rewritten pairs one level deeper, in their own folder.
GOLD_PATTERNS = ("*/gold.json", "real-pairs/*/gold.json")


_Item = TypeVar("_Item")


class GoldLink(TypedDict):
    left: list[int]
    right: list[int]
    kind: str


class GoldFact(TypedDict):
    kind: str
    left: list[int]
    right: list[int] | None


class GoldSentenceLink(TypedDict):
    # Each sentence is a JSON pair [paragraph, text].
    left: list[tuple[int, str]]
    right: list[tuple[int, str]]


class Gold(TypedDict):
    """The parts of a ``gold.json`` the scores read (format in ``fixtures/README.md``)."""

    left: str
    right: str
    links: list[GoldLink]
    dropped: NotRequired[list[int]]
    added: NotRequired[list[int]]
    boilerplate: NotRequired[dict[str, list[int]]]
    facts: NotRequired[list[GoldFact]]
    sentences: NotRequired[list[GoldSentenceLink]]
    sentences_dropped: NotRequired[list[tuple[int, str]]]
    sentences_added: NotRequired[list[tuple[int, str]]]
    split: NotRequired[str]


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one measure; ratios derive from them so per-pair counts add up to totals.

    ``correct`` counts predicted items that are right, ``found`` expected items
    that were predicted; for plain sets the two are equal.
    """

    correct: int = 0
    predicted: int = 0
    found: int = 0
    expected: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.correct + other.correct,
            self.predicted + other.predicted,
            self.found + other.found,
            self.expected + other.expected,
        )

    @property
    def precision(self) -> float:
        return scores.precision(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return scores.recall(self.found, self.expected)

    @property
    def f1(self) -> float:
        return scores.f1(self.precision, self.recall)


@dataclass(frozen=True, slots=True)
class PairResult:
    name: str
    links: Score
    kinds: Score
    boilerplate: Score | None
    facts: Score | None
    sentences: Score | None = None
    split: str | None = None
    # (links, kinds) of the same pair compared without sentence evidence.
    without_sentence_evidence: tuple[Score, Score] | None = None


def _link_pairs(groups: Iterable[tuple[Iterable[int], Iterable[int]]]) -> set[tuple[int, int]]:
    return {(i, j) for left, right in groups for i in left for j in right}


def _gold_changes(gold: Gold) -> set[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    changes = {(link["kind"], tuple(link["left"]), tuple(link["right"])) for link in gold["links"]}
    changes |= {(Kind.DROPPED.value, (i,), ()) for i in gold.get("dropped", [])}
    changes |= {(Kind.ADDED.value, (), (j,)) for j in gold.get("added", [])}
    return changes


def _score_sets(predicted: set[_Item], expected: set[_Item]) -> Score:
    hits = len(predicted & expected)
    return Score(hits, len(predicted), hits, len(expected))


def _boilerplate_score(comparison: Comparison, gold: Gold) -> Score | None:
    if "boilerplate" not in gold:
        return None
    predicted = {("left", p.index) for p in comparison.left.paragraphs if p.boilerplate}
    predicted |= {("right", p.index) for p in comparison.right.paragraphs if p.boilerplate}
    expected = {("left", i) for i in gold["boilerplate"].get("left", [])}
    expected |= {("right", j) for j in gold["boilerplate"].get("right", [])}
    return _score_sets(predicted, expected)


# A fact flag or a gold fact: (kind, left paragraphs, right paragraphs).
_FactSpan = tuple[str, set[int], set[int]]


def _fact_score(comparison: Comparison, gold: Gold) -> Score | None:
    """Flags on paired changes match gold facts of the same kind on overlapping paragraphs.

    Facts listed for dropped or added paragraphs ("what the rewrite lost", "new
    claims") are inventories, not judgements, and the gold does not label them.
    """
    if "facts" not in gold:
        return None
    flags = [
        (fact.kind, set(change.left), set(change.right))
        for change in comparison.changes
        if change.left and change.right and not change.boilerplate
        for fact in change.facts
    ]
    expected = [(f["kind"], set(f["left"]), set(f["right"] or [])) for f in gold["facts"]]

    def matches(flag: _FactSpan, fact: _FactSpan) -> bool:
        return flag[0] == fact[0] and bool(flag[1] & fact[1] or flag[2] & fact[2])

    return Score(
        correct=sum(any(matches(flag, fact) for fact in expected) for flag in flags),
        predicted=len(flags),
        found=sum(any(matches(flag, fact) for flag in flags) for fact in expected),
        expected=len(expected),
    )


# A gold sentence: (side, paragraph, start, end) in its paragraph's text.
_GoldSentence = tuple[str, int, int, int]


def _gold_sentence(comparison: Comparison, side: str, paragraph: int, text: str) -> _GoldSentence:
    document = comparison.left if side == "left" else comparison.right
    start = document.paragraphs[paragraph].text.index(text)
    return side, paragraph, start, start + len(text)


def _sentence_alignments(comparison: Comparison) -> list[SentenceAlignment]:
    """Every paired change's sentence alignment; unchanged pairs are aligned here, as the engine
    leaves them (their sentences are each other's, one by one)."""
    bare = [c for c in comparison.changes if c.left and c.right and c.sentences is None]
    aligned = align_sentence_groups(
        comparison.left.texts, comparison.right.texts, [(c.left, c.right) for c in bare]
    )
    return [c.sentences for c in comparison.changes if c.sentences is not None] + aligned


def _sentence_score(comparison: Comparison, gold: Gold) -> Score | None:
    """Sentence links found against the gold's, both as pairs of gold sentences."""
    if "sentences" not in gold:
        return None
    expected = {
        (
            _gold_sentence(comparison, "left", *left),
            _gold_sentence(comparison, "right", *right),
        )
        for link in gold["sentences"]
        for left in link["left"]
        for right in link["right"]
    }
    every = {sentence for pair in expected for sentence in pair} | {
        _gold_sentence(comparison, side, *sentence)
        for side, sentences in (
            ("left", gold["sentences_dropped"]),
            ("right", gold["sentences_added"]),
        )
        for sentence in sentences
    }
    by_paragraph: dict[tuple[str, int], list[_GoldSentence]] = {}
    for sentence in every:
        by_paragraph.setdefault(sentence[:2], []).append(sentence)

    def covered(side: str, sentence: Sentence) -> set[_GoldSentence]:
        return {
            gold_sentence
            for gold_sentence in by_paragraph.get((side, sentence.paragraph), ())
            if gold_sentence[2] < sentence.end and sentence.start < gold_sentence[3]
        }

    predicted = set()
    for alignment in _sentence_alignments(comparison):
        for link in alignment.links:
            lefts = set().union(*(covered("left", alignment.left[i]) for i in link.left))
            rights = set().union(*(covered("right", alignment.right[j]) for j in link.right))
            predicted |= {(a, b) for a in lefts for b in rights}
    return _score_sets(predicted, expected)


def evaluate_pair(directory: Path) -> PairResult:
    """Compare one fixture pair and score it against its gold.json."""
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    request = CompareRequest(str(directory / gold["left"]), str(directory / gold["right"]))
    left, right = load_sides(request)
    comparison = compare_documents(left, right, request.defaults.thresholds)
    links, kinds = _paragraph_scores(comparison, gold)
    without = None
    if "sentences" in gold:  # what the sentence evidence adds, on the real pairs
        without = _paragraph_scores(
            compare_documents(left, right, request.defaults.thresholds, sentence_evidence=False),
            gold,
        )
    return PairResult(
        name=directory.name,
        links=links,
        kinds=kinds,
        boilerplate=_boilerplate_score(comparison, gold),
        facts=_fact_score(comparison, gold),
        sentences=_sentence_score(comparison, gold),
        split=gold.get("split"),
        without_sentence_evidence=without,
    )


def _paragraph_scores(comparison: Comparison, gold: Gold) -> tuple[Score, Score]:
    """Paragraph link and kind scores of a comparison against its gold."""
    predicted_links = _link_pairs(
        (c.left, c.right) for c in comparison.changes if c.left and c.right
    )
    expected_links = _link_pairs((link["left"], link["right"]) for link in gold["links"])
    predicted_changes = {(c.kind.value, c.left, c.right) for c in comparison.changes}
    return (
        _score_sets(predicted_links, expected_links),
        _score_sets(predicted_changes, _gold_changes(gold)),
    )


def _cells(score: Score | None, f1: bool = True) -> str:
    if score is None:
        return f"{'-':>6} {'-':>6}" + (f" {'-':>6}" if f1 else "")
    text = f"{score.precision:6.3f} {score.recall:6.3f}"
    return text + (f" {score.f1:6.3f}" if f1 else "")


def _line(
    name: str, links: Score, kinds: Score, boilerplate: Score | None, facts: Score | None
) -> str:
    return (
        f"{name:<24} {_cells(links)}   {kinds.recall:6.3f}   "
        f"{_cells(boilerplate, f1=False)}   {_cells(facts, f1=False)}"
    )


def _total(scores: list[Score | None]) -> Score | None:
    present = [s for s in scores if s is not None]
    return sum(present, Score()) if present else None


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["furniture"]:  # the labelled furniture set, not pairs
        from tui.furniture_eval import main as furniture_main

        return furniture_main(arguments[1:])
    parser = argparse.ArgumentParser(
        prog="python -m tui.evaluation", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "fixtures",
        nargs="?",
        default="fixtures",
        help="folder of fixture pairs (default: fixtures)",
    )
    args = parser.parse_args(arguments)
    root = Path(args.fixtures)
    folders = [p.parent for pattern in GOLD_PATTERNS for p in sorted(root.glob(pattern))]
    if not folders:
        print(f"no {' or '.join(GOLD_PATTERNS)} under {args.fixtures}", file=sys.stderr)
        return 2
    results = [evaluate_pair(folder) for folder in folders]
    print(
        f"{'pair':<24} {'link P':>6} {'R':>6} {'F1':>6}   {'kinds':>6}   {'boil P':>6} {'R':>6}   {'fact P':>6} {'R':>6}"
    )
    for r in results:
        print(_line(r.name, r.links, r.kinds, r.boilerplate, r.facts))
    print(
        _line(
            "ALL",
            sum((r.links for r in results), Score()),
            sum((r.kinds for r in results), Score()),
            _total([r.boilerplate for r in results]),
            _total([r.facts for r in results]),
        )
    )
    _print_sentences([r for r in results if r.sentences is not None])
    return 0


def _print_sentences(results: list[PairResult]) -> None:
    """Sentence-link figures per pair, and totalled over the dev and the test pairs apart."""
    if not results:
        return
    print(
        f"\n{'real pairs':<24} {'split':>5} {'sentence links P':>16} {'R':>6} {'F1':>6}"
        f"   {'paragraph F1':>12} {'kinds':>6}   {'without sentence evidence: F1':>29} {'kinds':>6}"
    )
    ordered = sorted(results, key=lambda r: (r.split or "", r.name))
    for split in ("dev", "test"):
        chosen = [r for r in ordered if r.split == split]
        for r in chosen:
            print(
                _sentence_line(
                    r.name, split, r.sentences, r.links, r.kinds, r.without_sentence_evidence
                )
            )
        if chosen:
            without = [r.without_sentence_evidence for r in chosen if r.without_sentence_evidence]
            print(
                _sentence_line(
                    split.upper(),
                    split,
                    _total([r.sentences for r in chosen]),
                    sum((r.links for r in chosen), Score()),
                    sum((r.kinds for r in chosen), Score()),
                    (sum((w[0] for w in without), Score()), sum((w[1] for w in without), Score()))
                    if without
                    else None,
                )
            )


def _sentence_line(
    name: str,
    split: str,
    sentences: Score | None,
    links: Score,
    kinds: Score,
    without: tuple[Score, Score] | None,
) -> str:
    before = f"{without[0].f1:29.3f} {without[1].recall:6.3f}" if without else f"{'-':>29} {'-':>6}"
    return (
        f"{name:<24} {split:>5} {' ' * 10}{_cells(sentences)}   {links.f1:12.3f} {kinds.recall:6.3f}"
        f"   {before}"
    )


if __name__ == "__main__":
    sys.exit(main())
