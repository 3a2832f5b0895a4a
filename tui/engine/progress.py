"""Progress and cancellation of a long comparison, as two plain callables (no UI import).

A book-length pair takes seconds; the app shows which stage is running and
lets the reader give up. The engine cannot be interrupted from outside (a
thread cannot be killed), so it asks: :meth:`Progress.step` is called between
stages and inside the long per-change loops, and raises :class:`Cancelled`
as soon as the caller's ``cancelled()`` says so. Both callables are cheap
(the app's are an ``Event.is_set`` and one attribute assignment), so they
can run per item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

__all__ = ["Cancelled", "Progress", "Report", "Stage"]

T = TypeVar("T")


class Stage(StrEnum):
    """The engine's stages, in the order a comparison runs them; the value is what a reader sees."""

    READING = "reading"
    BOILERPLATE = "boilerplate"
    ALIGNING = "aligning"
    WORD_DIFF = "word diff"
    SENTENCES = "sentences"
    FACTS = "facts"


class Cancelled(Exception):
    """The caller asked to stop; nothing half-done is returned."""


Report = Callable[[str, int, int], None]
"""``report(stage, done, total)``: ``done`` of ``total`` items of ``stage`` are finished."""


def _ignore(stage: str, done: int, total: int) -> None:
    """No one is watching."""


def _never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a comparison reports its progress, and how it learns that it should stop."""

    report: Report = _ignore
    cancelled: Callable[[], bool] = _never

    def step(self, stage: str, done: int = 0, total: int = 1) -> None:
        """Stop here if cancelled (:class:`Cancelled`), else report ``done`` of ``total`` in ``stage``."""
        if self.cancelled():
            raise Cancelled
        self.report(stage, done, total)

    def over(self, stage: str, items: Sequence[T], every: int = 16) -> Iterator[T]:
        """``items``, checking and reporting before every ``every``-th one, and once more at the end."""
        total = len(items)
        for done, item in enumerate(items):
            if done % every == 0:
                self.step(stage, done, total)
            yield item
        self.step(stage, total, total)
