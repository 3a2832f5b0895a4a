"""The one wording module: every view names a kind the same way; enums keep the report's values."""

from __future__ import annotations

import json

import pytest

from tui.engine.model import Change, FactFlag, Kind, Severity, Side
from tui.wording import (
    BOILERPLATE_MARK,
    KIND_MARK,
    KIND_ORDER,
    change_mark,
    kind_label,
    kind_title,
)


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("moved", [False, True])
def test_the_list_label_and_the_report_title_name_the_same_kind(kind, moved):
    change = Change(kind, (0,), (0,), 0.5, moved=moved)
    label, title = kind_label(change), kind_title(change).lower()
    assert kind.value in label and kind.value in title
    says_moved = moved or kind is Kind.MOVED
    assert ("moved" in label) == says_moved and ("moved" in title) == says_moved


@pytest.mark.parametrize("kind", list(Kind))
def test_boilerplate_is_its_own_kind_everywhere(kind):
    change = Change(kind, (0,), (0,), 0.5, boilerplate=True)
    assert kind_label(change) == "boilerplate" and kind_title(change) == "Boilerplate"
    assert change_mark(change) == BOILERPLATE_MARK not in KIND_MARK.values()


def test_every_kind_has_one_place_and_one_distinct_mark():
    assert set(KIND_ORDER) == set(Kind) and len(KIND_ORDER) == len(Kind)
    assert len(set(KIND_MARK.values())) == len(Kind)


def test_severity_and_side_keep_their_json_values():
    flag = FactFlag("number", "high", "5", "6", "figure changed")
    assert flag.severity is Severity.HIGH
    assert json.dumps([flag.severity, Side.LEFT, Side.LEFT.other]) == '["high", "left", "right"]'
    assert sorted(Severity, key=lambda s: s.rank) == [Severity.HIGH, Severity.MEDIUM]


def test_an_unknown_severity_fails_when_the_flag_is_made():
    with pytest.raises(ValueError):
        FactFlag("number", "urgent", "5", "6", "figure changed")
