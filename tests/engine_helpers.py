"""Small builders shared by the engine tests."""

import sys

from hypothesis import HealthCheck, settings

from tui.engine.facts import CHECKS
from tui.engine.facts.text import Guarded
from tui.engine.model import Comparison, Document, Paragraph

#: The budget of the engine's property tests: enough examples to find a broken contract,
#: no deadline (a comparison's time varies with the machine's load), slow generation no failure.
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def document(texts, source="doc.txt") -> Document:
    return Document(source, tuple(Paragraph(i, t) for i, t in enumerate(texts)))


def assert_every_index_once(comparison: Comparison) -> None:
    """The report contract: each paragraph of each side is in exactly one change."""
    lefts = sorted(i for change in comparison.changes for i in change.left)
    rights = sorted(j for change in comparison.changes for j in change.right)
    assert lefts == list(range(len(comparison.left.paragraphs)))
    assert rights == list(range(len(comparison.right.paragraphs)))
    for change in comparison.changes:
        assert change.left or change.right
        assert (change.kind.value == "added") == (not change.left)
        assert (change.kind.value == "dropped") == (not change.right)


def fact_guards() -> dict[str, Guarded]:
    """Every guarded pattern of the fact rules, by module and name, found through the registry."""
    modules = {sys.modules[check.compare.__module__] for check in CHECKS}
    return {
        f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
        for module in sorted(modules, key=lambda m: m.__name__)
        for name, value in vars(module).items()
        if isinstance(value, Guarded)
    }
