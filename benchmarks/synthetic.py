"""Synthetic document pairs with known truth, for the benchmark and property tests.

A generator writes an "original" from a Zipf-distributed vocabulary (so some
words are common to every paragraph and most are rare, like real prose), then
edits it the way rewrites do: drop, add, reword, move, split and merge
paragraphs, recording which left paragraphs became which right ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import accumulate

__all__ = ["EditRates", "SyntheticPair", "make_pair"]

_FUNCTION_WORDS = "the a of to and in that is was for on with as by at from it this be are".split()


@dataclass(frozen=True, slots=True)
class EditRates:
    """Share of paragraphs that each edit touches (the issue's recipe by default)."""

    drop: float = 0.10
    add: float = 0.10
    reword: float = 0.40
    move: float = 0.05
    split: float = 0.05
    merge: float = 0.05


@dataclass(slots=True)
class SyntheticPair:
    left: list[str]
    right: list[str]
    # (left indices, right indices, kind) for every link; kinds as in gold.json.
    links: list[tuple[tuple[int, ...], tuple[int, ...], str]] = field(default_factory=list)


class _Writer:
    def __init__(self, rng: random.Random, vocabulary_size: int = 20000):
        self.rng = rng
        self.vocabulary = [self._word() for _ in range(vocabulary_size)]
        # Cumulative once: random.choices would re-add all the weights on every call.
        self.cumulative = list(accumulate(1.0 / (rank + 1) for rank in range(vocabulary_size)))

    def _word(self) -> str:
        letters = "abcdefghijklmnopqrstuvwxyz"
        return "".join(self.rng.choice(letters) for _ in range(self.rng.randint(3, 10)))

    def sentence(self) -> list[str]:
        length = self.rng.randint(8, 20)
        content = self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=length)
        words = [
            w if self.rng.random() > 0.35 else self.rng.choice(_FUNCTION_WORDS) for w in content
        ]
        words[0] = words[0].capitalize()
        return words

    def paragraph(self) -> list[list[str]]:
        return [self.sentence() for _ in range(self.rng.randint(2, 4))]

    def reword(self, sentences: list[list[str]]) -> list[list[str]]:
        """Replace about a third of the words and sometimes swap two sentences."""
        rewritten = [
            [
                w
                if self.rng.random() > 0.3
                else self.rng.choices(self.vocabulary, cum_weights=self.cumulative)[0]
                for w in s
            ]
            for s in sentences
        ]
        if len(rewritten) > 1 and self.rng.random() < 0.3:
            rewritten[0], rewritten[1] = rewritten[1], rewritten[0]
        return rewritten


def _text(sentences: list[list[str]]) -> str:
    return " ".join(" ".join(words) + "." for words in sentences)


def _far_from(origin: int, length: int, rng: random.Random) -> int:
    """A position at least a tenth of the document (and 3 items) away from ``origin``."""
    span = max(3, length // 10)
    choices = [p for p in (rng.randint(0, length) for _ in range(20)) if abs(p - origin) > span]
    return choices[0] if choices else (0 if origin > length // 2 else length)


def make_pair(paragraphs: int, seed: int = 0, rates: EditRates = EditRates()) -> SyntheticPair:
    """An original of ``paragraphs`` paragraphs and its edited version, with the true links."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    original = [writer.paragraph() for _ in range(paragraphs)]
    # Each planned right item: (left indices, right paragraphs as sentence lists, kind).
    plan: list[tuple[tuple[int, ...], list[list[list[str]]], str]] = []
    moved: list[tuple[int, tuple[tuple[int, ...], list[list[list[str]]], str]]] = []
    i = 0
    while i < paragraphs:
        roll = rng.random()
        sentences = original[i]
        if roll < rates.drop:
            plan.append(((i,), [], "dropped"))
        elif roll < rates.drop + rates.split and len(sentences) >= 2:
            cut = rng.randint(1, len(sentences) - 1)
            plan.append(
                ((i,), [writer.reword(sentences[:cut]), writer.reword(sentences[cut:])], "split")
            )
        elif roll < rates.drop + rates.split + rates.merge and i + 1 < paragraphs:
            plan.append(((i, i + 1), [writer.reword(sentences + original[i + 1])], "merged"))
            i += 1
        elif roll < rates.drop + rates.split + rates.merge + rates.move:
            moved.append((len(plan), ((i,), [writer.reword(sentences)], "moved")))
        elif roll < rates.drop + rates.split + rates.merge + rates.move + rates.reword:
            plan.append(((i,), [writer.reword(sentences)], "reworded"))
        else:
            plan.append(((i,), [sentences], "unchanged"))
        if rng.random() < rates.add:
            plan.append(((), [writer.paragraph()], "added"))
        i += 1
    for origin, item in reversed(moved):  # moved paragraphs land far from where they were
        plan.insert(_far_from(origin, len(plan), rng), item)
    pair = SyntheticPair(left=[_text(p) for p in original], right=[])
    for left, rights, kind in plan:
        start = len(pair.right)
        pair.right += [_text(r) for r in rights]
        right = tuple(range(start, len(pair.right)))
        if left and right:
            pair.links.append((left, right, kind))
    return pair
