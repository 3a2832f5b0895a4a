"""Small builders shared by the engine tests."""

from tui.engine.model import Comparison, Document, Paragraph


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
