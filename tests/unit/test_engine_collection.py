"""The comparison and Python's cyclic garbage collector (tui.engine.compare).

A comparison's result is long-lived: it goes straight to the collector's
oldest generation rather than through young-generation passes, the host's
collector settings come back as they were, and objects a host froze stay
frozen.
"""

from __future__ import annotations

import gc

import pytest

from tests.engine_helpers import document
from tui.engine.compare import compare_documents

LEFT = [
    "The council approved a budget of £2.1 million on Tuesday.",
    "Traders will move in May.",
    "The clock tower stays.",
]
RIGHT = [
    "Traders move in May, the council says.",
    "On Tuesday the council passed a £2 million budget.",
    "A new hall opens.",
]


@pytest.fixture
def collector_enabled():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def _generation(obj) -> int:
    return next(g for g in range(3) if any(o is obj for o in gc.get_objects(generation=g)))


def test_the_result_joins_the_oldest_generation(collector_enabled):
    comparison = compare_documents(document(LEFT), document(RIGHT))
    reworded = next(change for change in comparison.changes if change.inline is not None)
    assert gc.isenabled()
    assert _generation(reworded) == 2 and _generation(reworded.inline) == 2


def test_a_disabled_collector_stays_disabled():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        compare_documents(document(LEFT), document(RIGHT))
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def test_objects_the_host_froze_stay_frozen(collector_enabled):
    # Warm the engine's bounded per-text caches on these texts first: an entry they evict
    # during the comparison would be freed, and a freed frozen object leaves the count.
    compare_documents(document(LEFT), document(RIGHT))
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        compare_documents(document(LEFT), document(RIGHT))
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
