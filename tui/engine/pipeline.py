"""The whole comparison from what the user typed: load, label boilerplate, compare.

:class:`CompareRequest` is everything the CLI and the app need to say about a
comparison; :func:`run_comparison` is the one place that carries it out, so
the headless export and the app's worker cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib.resources import as_file, files

from tui.engine.align import Thresholds
from tui.engine.boilerplate import classify
from tui.engine.compare import compare_documents
from tui.engine.loading import DEFAULT_MAX_BYTES, load_document
from tui.engine.model import Comparison, Document

__all__ = ["CompareRequest", "load_sides", "run_comparison", "example_sources", "label_boilerplate"]


@dataclass(frozen=True, slots=True)
class CompareRequest:
    """Two sources (paths, '-' for stdin, or URLs) and how to read and align them."""

    left: str
    right: str
    left_format: str | None = None
    right_format: str | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    max_bytes: int | None = None


def label_boilerplate(document: Document) -> Document:
    """The document with each paragraph's boilerplate reason filled in."""
    reasons = classify(document.texts)
    paragraphs = tuple(
        replace(p, boilerplate=reason)
        for p, reason in zip(document.paragraphs, reasons, strict=True)
    )
    return replace(document, paragraphs=paragraphs)


def load_sides(request: CompareRequest) -> tuple[Document, Document]:
    """Load both sides and label their boilerplate; raises :class:`~tui.engine.errors.InputError`.

    Kept apart from the comparison so the CLI can report bad input at once,
    before a UI opens, while the slow alignment runs in the app's worker.
    """
    max_bytes = request.max_bytes or DEFAULT_MAX_BYTES
    left = load_document(request.left, request.left_format, max_bytes=max_bytes)
    right = load_document(request.right, request.right_format, max_bytes=max_bytes)
    return label_boilerplate(left), label_boilerplate(right)


def run_comparison(request: CompareRequest) -> Comparison:
    """Load both sides and compare them."""
    left, right = load_sides(request)
    return compare_documents(left, right, request.thresholds)


def example_sources() -> tuple[str, str]:
    """Paths of the bundled news example (a column and its forum repost), installed with the package."""
    folder = files("tui") / "examples" / "news-repost"
    with as_file(folder / "original.txt") as left, as_file(folder / "repost.txt") as right:
        return str(left), str(right)
