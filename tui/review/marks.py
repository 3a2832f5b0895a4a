"""What a review holds, and what the store says of a comparison: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["MARK_FIELDS", "Mark", "OpenResult", "ReviewSummary"]

#: The fields of a :class:`Mark`, each stored (and merged between instances) on its own.
MARK_FIELDS = ("reviewed", "significant", "note")


@dataclass(frozen=True, slots=True)
class Mark:
    """A reviewer's judgement on one difference."""

    reviewed: bool = False
    significant: bool = False
    note: str = ""

    @property
    def is_blank(self) -> bool:
        """A blank mark carries nothing, so storing it is the same as forgetting it."""
        return not (self.reviewed or self.significant or self.note)


@dataclass(frozen=True, slots=True)
class OpenResult:
    """What changed since the last review of a comparison with the same source names.

    ``left_changed``/``right_changed`` are both False when the content is the
    same (or there was no earlier review). ``new_differences`` counts current
    differences the earlier review did not have; ``carried_marks`` how many
    marks came over from it.
    """

    first_open: bool
    left_changed: bool = False
    right_changed: bool = False
    new_differences: int = 0
    carried_marks: int = 0

    @property
    def message(self) -> str | None:
        """One line for the user, or None when there is nothing to say."""
        sides = [
            name
            for name, changed in (("left", self.left_changed), ("right", self.right_changed))
            if changed
        ]
        if not sides:
            return None
        which = "both sides" if len(sides) == 2 else f"the {sides[0]} side"
        count = self.new_differences
        return f"{which} changed since your review: {count} difference{'' if count == 1 else 's'} {'is' if count == 1 else 'are'} new"


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """One line of the start screen's recent list."""

    pair_key: str
    left_source: str
    right_source: str
    opened_at: datetime
    reviewed: int
    total: int
    significant: int

    @property
    def done(self) -> bool:
        return self.reviewed >= self.total
