"""A document's language, and its stop words, from jusText's stoplists for 100 languages.

jusText (installed with trafilatura) ships one list of frequent function
words per language, drawn from Wikipedia. The share of a paragraph's words
that are on its language's list tells running prose (about half of it) from
menus, names, figures and labels (next to none). Only the files are read,
not the package: importing ``justext`` would load lxml for nothing.

The language is the one whose list covers the largest share of the
document's frequent words. English is tried first and kept when it clearly
fits, so an English document reads one small file instead of all hundred.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from tui.engine import regex_cache

__all__ = ["WORD", "detect_language", "stopwords"]

#: A word, as the stop-word share counts them: a run of letters, digits or underscores.
WORD = regex_cache.compile(r"\w+")
#: The language is read from the first this many paragraphs (a book's first pages tell).
_SAMPLE_PARAGRAPHS = 500
#: How many of the document's most frequent words decide its language (more adds nothing).
_SAMPLE_WORDS = 300
#: English prose has 40-55 % of its words on the English list (the furniture set's dev half);
#: above this share no other language needs to be tried.
_CLEARLY_ENGLISH = 0.3
#: Below this share of the sampled words no list fits: the text is in a language without a
#: list (Chinese, Japanese) or is not prose, and no stop-word share is measured.
_MIN_COVERAGE = 0.1


@functools.cache
def _folder() -> Path | None:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    return folder if folder.is_dir() else None


@functools.cache
def _languages() -> tuple[str, ...]:
    folder = _folder()
    return tuple(sorted(p.stem for p in folder.glob("*.txt"))) if folder else ()


@functools.cache
def stopwords(language: str) -> frozenset[str]:
    """The stop words of ``language`` (a jusText stoplist name such as "English"), case-folded."""
    folder = _folder()
    if folder is None or language not in _languages():
        return frozenset()
    return frozenset((folder / f"{language}.txt").read_text(encoding="utf-8").casefold().split())


def detect_language(words: Iterable[Sequence[str]]) -> str | None:
    """The stoplist language that best covers a document's frequent words, None if none does.

    ``words`` holds each paragraph's words, case-folded (:data:`WORD`).
    """
    counts: Counter[str] = Counter()
    for paragraph in itertools.islice(words, _SAMPLE_PARAGRAPHS):
        counts.update(paragraph)
    sample: dict[str, int] = dict(counts.most_common(_SAMPLE_WORDS))
    total = sum(sample.values())
    if not total:
        return None

    def coverage(language: str) -> float:
        words = stopwords(language)
        hits: int = sum(n for word, n in sample.items() if word in words)
        return hits / total

    if "English" in _languages() and coverage("English") >= _CLEARLY_ENGLISH:
        return "English"
    best = max(_languages(), key=coverage, default=None)
    return best if best is not None and coverage(best) >= _MIN_COVERAGE else None
