"""The one way from what the user typed to a comparison: check, load, compare.

Every comparison of compare-tui runs through here, whoever asks: the command
line's headless outputs (``--summary``, ``--export``, ``--exit-code``), the
app's worker, and the start screen (through the app)::

    SessionDefaults ──request(left, right)──> CompareRequest
    check_sources(request)          cheap: missing, unreadable, too large (before any UI)
    load_sides(request, progress)   read, decode, segment, label boilerplate (git's /dev/null: empty)
    compare_documents(...)          align, word diff, facts      ──> Comparison ──> report / app

:class:`SessionDefaults` holds what the command line (or the settings file)
says about *every* comparison of a session (threshold, input formats, size
limit), so a comparison opened later from the app's start screen is read and
aligned exactly like the first. :class:`~tui.engine.progress.Progress`
carries the caller's progress display and cancel check through every stage.

The heavy engine modules (numpy, the fact rules, trafilatura) are
imported when a comparison runs, not when this module is: the app imports it
to draw its first frame. So are the thread pool of two URLs and the package
resources of ``--example``, which most runs need neither of.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tui.engine.errors import InputError
from tui.engine.loading import DEFAULT_MAX_BYTES
from tui.engine.model import Comparison, Document, Paragraph, Side
from tui.engine.progress import Progress, Stage

if TYPE_CHECKING:
    from tui.engine.align import Thresholds

__all__ = [
    "NULL_SOURCES",
    "CompareRequest",
    "SessionDefaults",
    "check_sources",
    "example_sources",
    "label_boilerplate",
    "load_sides",
    "run_comparison",
]

#: What git passes for the missing side of an added or deleted file: compared as an empty text.
NULL_SOURCES = frozenset({"/dev/null", os.devnull})


@dataclass(frozen=True, slots=True)
class SessionDefaults:
    """How every comparison of a session is read and aligned.

    ``threshold`` scales the alignment thresholds (``--threshold``, else the
    settings file's); ``left_format``/``right_format`` force how each side is
    read (None: detect); ``max_bytes`` is the size limit of each input
    (``--max-size``).
    """

    threshold: float = 1.0
    left_format: str | None = None
    right_format: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def thresholds(self) -> Thresholds:
        from tui.engine.align import Thresholds

        return Thresholds().scaled(self.threshold)

    def request(self, left: str, right: str) -> CompareRequest:
        """The comparison of two sources under these defaults."""
        return CompareRequest(left, right, self)


@dataclass(frozen=True, slots=True)
class CompareRequest:
    """Two sources (paths, '-' for stdin, or URLs) and the session's way of reading and aligning them."""

    left: str
    right: str
    defaults: SessionDefaults = field(default_factory=SessionDefaults)

    @property
    def sides(self) -> tuple[tuple[Side, str, str | None], ...]:
        """(side, source, forced format) for the left side, then the right."""
        return (
            (Side.LEFT, self.left, self.defaults.left_format),
            (Side.RIGHT, self.right, self.defaults.right_format),
        )


def check_sources(request: CompareRequest) -> None:
    """Raise :class:`InputError` now for what can be known without reading: no file, a folder,
    no permission, over the size limit, or nothing at all to compare (/dev/null twice)."""
    from tui.engine.loading import check_source

    if request.left in NULL_SOURCES and request.right in NULL_SOURCES:
        raise InputError("both sides are /dev/null: nothing to compare")
    for _, source, _ in request.sides:
        if source not in NULL_SOURCES:
            check_source(source, request.defaults.max_bytes)


def label_boilerplate(document: Document) -> Document:
    """The document with each paragraph's boilerplate reason filled in."""
    from tui.engine.boilerplate import classify

    reasons = classify(document.texts)
    paragraphs = tuple(  # built directly: dataclasses.replace inspects the fields each call
        p if p.boilerplate == reason else Paragraph(p.index, p.text, reason)
        for p, reason in zip(document.paragraphs, reasons, strict=True)
    )
    return replace(document, paragraphs=paragraphs)


def load_sides(
    request: CompareRequest, progress: Progress = Progress()
) -> tuple[Document, Document]:
    """Both sides, read and labelled; raises :class:`InputError` (one line) for bad input.

    git's ``/dev/null`` (an added or deleted file) is an empty document: every
    paragraph of the other side is then added (or dropped), as ``git diff`` says.
    """
    check_sources(request)
    loaded = _read_sides(request, progress)
    labelled = []
    for done, document in enumerate(loaded):
        progress.step(Stage.BOILERPLATE, done, 2)
        labelled.append(label_boilerplate(document) if document.paragraphs else document)
    return labelled[0], labelled[1]


def _read_sides(request: CompareRequest, progress: Progress) -> list[Document]:
    """Both sides read and segmented, left then right.

    Two URLs are fetched at once, so the command waits at most one fetch
    deadline, not one per side; the left side's error is still the one
    reported when both fail.
    """
    from tui.engine.loading import is_url

    max_bytes = request.defaults.max_bytes
    if all(is_url(source) for _, source, _ in request.sides):
        progress.step(Stage.READING, 0, 2)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            reading = [
                pool.submit(_load_side, source, fmt, max_bytes) for _, source, fmt in request.sides
            ]
            return [side.result() for side in reading]
    loaded = []
    for done, (_, source, fmt) in enumerate(request.sides):
        progress.step(Stage.READING, done, 2)
        loaded.append(_load_side(source, fmt, max_bytes))
    return loaded


def _load_side(source: str, fmt: str | None, max_bytes: int) -> Document:
    from tui.engine.loading import load_document

    if source in NULL_SOURCES:
        return Document(source=source, paragraphs=())
    return load_document(source, fmt, max_bytes=max_bytes)


def run_comparison(
    request: CompareRequest, progress: Progress = Progress(), *, sentence_links: bool = True
) -> Comparison:
    """Load both sides and compare them: what every caller runs.

    The comparison's modules (a second to import) come after the loading, so
    an input refused or a fetch that timed out is reported without them.
    ``sentence_links``: see :func:`~tui.engine.compare.compare_documents`.
    """
    left, right = load_sides(request, progress)
    from tui.engine.compare import compare_documents

    return compare_documents(
        left, right, request.defaults.thresholds, progress, sentence_links=sentence_links
    )


def example_sources() -> tuple[str, str]:
    """Paths of the bundled news example (a column and its forum repost), installed with the package."""
    from importlib.resources import as_file, files

    folder = files("tui") / "examples" / "news-repost"
    with as_file(folder / "original.txt") as left, as_file(folder / "repost.txt") as right:
        return str(left), str(right)
