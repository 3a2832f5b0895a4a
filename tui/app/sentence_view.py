"""The sentence view (``s``): the current difference sentence by sentence.

Each row is one sentence link: what happened to it (restated, cut, new,
split, merged, moved), the original sentence, the share of its words kept
and the rewrite's sentence, so a reader sees which sentence of the original
a sentence of the rewrite restates. Words are highlighted only within a
pair (:func:`~tui.engine.sentences.sentence_pairs`), never across sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.engine.model import Span
from tui.engine.safe_text import printable
from tui.wording import percent, sentence_kind_label, sentence_summary

if TYPE_CHECKING:  # the aligner's module (numpy): the app's first frame does without it
    from tui.engine.sentences import SentencePair

__all__ = ["SentenceView"]

_DELETED = Style(strike=True, color="red")
_INSERTED = Style(underline=True, color="green")


class SentenceView(ModalScreen[None]):
    """One difference's sentence pairs, one row each; ``s`` or ``escape`` closes it."""

    BINDINGS = [
        Binding("escape,s,q", "close", "Close", id="sentences.close"),
    ]

    DEFAULT_CSS = """
    SentenceView { align: center middle; }
    SentenceView #sentence-view { width: 95%; max-width: 160; }
    SentenceView .sentence-row { height: auto; margin-bottom: 1; }
    SentenceView .sentence-kind { width: 9; color: $text-muted; }
    SentenceView .sentence-kept { width: 5; color: $text-muted; text-align: right; }
    SentenceView .sentence-text { width: 1fr; padding: 0 1; }
    """

    def __init__(self, title: str, pairs: Sequence[SentencePair]) -> None:
        super().__init__()
        self._title = title
        self._pairs = pairs

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="sentence-view"):
            yield Label(self._title, markup=False, id="sentence-title")
            yield Label(f"Sentences: {sentence_summary(self._pairs)}", markup=False)
            for number, pair in enumerate(self._pairs):
                with Horizontal(
                    classes=f"sentence-row s-{pair.kind.value}", id=f"sentence-{number}"
                ):
                    yield Static(sentence_kind_label(pair.kind), classes="sentence-kind")
                    yield Static(_sentences(pair.left, _DELETED), classes="sentence-text left")
                    kept = percent(pair.similarity) if pair.left and pair.right else ""
                    yield Static(kept, classes="sentence-kept")
                    yield Static(_sentences(pair.right, _INSERTED), classes="sentence-text right")
            yield Label("s or escape closes", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


def _sentences(sentences: Sequence[Sequence[Span]], changed: Style) -> Text:
    """Sentences as one text, changed words styled; input is never read as markup."""
    text = Text()
    for number, spans in enumerate(sentences):
        if number:
            text.append(" ")
        for span in spans:
            text.append(printable(span.text), changed if span.changed else None)
    return text
