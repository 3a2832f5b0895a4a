"""From two documents to a :class:`~tui.engine.model.Comparison`: the engine's pipeline.

Align the paragraphs, name what happened to each group (the kinds), measure
how many words were kept, diff the words, and put the changes in reading
order, and check every pair for fact drift (:mod:`tui.engine.facts`).
Boilerplate labels come from the documents (set by
:mod:`tui.engine.boilerplate`); a change is boilerplate when all its
paragraphs are, and boilerplate is never checked for facts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache

from tui.engine.align import Alignment, Link, Thresholds, align
from tui.engine.collection import no_collection_pauses
from tui.engine.facts import OtherDocument, compare_facts, unpaired_facts
from tui.engine.inline import word_diff
from tui.engine.model import Change, Comparison, Document, Kind, Paragraph, Side
from tui.engine.progress import Progress, Stage
from tui.engine.sentence_evidence import refine
from tui.engine.sentences import align_sentence_groups
from tui.engine.similarity import Terms, index_terms
from tui.engine.tokens import cosmetic_key

__all__ = ["compare_documents", "overall_similarity"]


def compare_documents(
    left: Document,
    right: Document,
    thresholds: Thresholds = Thresholds(),
    progress: Progress = Progress(),
    *,
    sentence_evidence: bool = True,
    sentence_links: bool = True,
) -> Comparison:
    """Compare two loaded documents; the result satisfies the model's every-index-once contract.

    ``progress`` hears of each stage (aligning, word diff, sentences, facts) and may
    stop the comparison between stages and between changes (:class:`Cancelled`).
    ``sentence_evidence`` lets the sentences check the paragraph links
    (:mod:`tui.engine.sentence_evidence`); off only to measure what that adds.
    ``sentence_links`` fills in each change's sentence alignment (``Change.sentences``); off
    for a caller that shows none of them (``--summary``), which saves a sixth of the time.
    """
    with no_collection_pauses():
        return _compare(left, right, thresholds, progress, sentence_evidence, sentence_links)


def _compare(
    left: Document,
    right: Document,
    thresholds: Thresholds,
    progress: Progress,
    sentence_evidence: bool,
    sentence_links: bool,
) -> Comparison:
    progress.step(Stage.ALIGNING)
    left_texts, right_texts = left.texts, right.texts
    terms = index_terms(left_texts, right_texts)  # the paragraphs' and the sentences' terms
    boilerplate = (
        [p.index for p in left.paragraphs if p.boilerplate],
        [p.index for p in right.paragraphs if p.boilerplate],
    )
    alignment = align(
        left_texts,
        right_texts,
        thresholds,
        left_boilerplate=boilerplate[0],
        right_boilerplate=boilerplate[1],
        terms=terms,
    )
    if sentence_evidence:
        alignment = refine(alignment, left_texts, right_texts, terms, boilerplate=boilerplate)
    ordered = _reading_order(alignment)
    described = [
        _describe(change, left, right) for change in progress.over(Stage.WORD_DIFF, ordered)
    ]
    if sentence_links:
        progress.step(Stage.SENTENCES)
        described = list(_with_sentences(described, left_texts, right_texts, terms))
    # Built the first time a paragraph with no partner holds a fact, once per side.
    documents = cache(
        lambda side: OtherDocument.of(
            p.text for p in (left if side is Side.LEFT else right).paragraphs if not p.boilerplate
        )
    )
    changes = tuple(
        _with_facts(change, left, right, documents)
        for change in progress.over(Stage.FACTS, described)
    )
    return Comparison(
        left=left, right=right, changes=changes, similarity=overall_similarity(changes, left, right)
    )


def _reading_order(alignment: Alignment) -> list[Change]:
    """Changes ordered by right position; dropped paragraphs after their left predecessor.

    In-order links advance through the left side, so each dropped paragraph is
    placed just before the first in-order link that comes after it on the left.
    Moved links sit at their right position and do not advance the left side.
    """
    ordered: list[Change] = []
    pending_dropped = deque(alignment.dropped)  # taken from the front: a list's pop(0) is O(n)
    by_right: list[tuple[int, Change]] = [
        (link.right[0], _skeleton(link)) for link in alignment.links
    ] + [(j, Change(Kind.ADDED, (), (j,), 0.0)) for j in alignment.added]
    for _, change in sorted(by_right, key=lambda item: item[0]):
        if change.left and not change.moved:
            while pending_dropped and pending_dropped[0] < change.left[0]:
                ordered.append(Change(Kind.DROPPED, (pending_dropped.popleft(),), (), 0.0))
        ordered.append(change)
    ordered += [Change(Kind.DROPPED, (i,), (), 0.0) for i in pending_dropped]
    return ordered


def _skeleton(link: Link) -> Change:
    if len(link.right) > 1:
        kind = Kind.SPLIT
    elif len(link.left) > 1:
        kind = Kind.MERGED
    else:
        kind = Kind.MOVED if link.moved else Kind.REWORDED
    return Change(kind, link.left, link.right, link.score, moved=link.moved)


def _describe(change: Change, left: Document, right: Document) -> Change:
    """Fill in kind refinements, similarity, inline diff and boilerplate for one change (facts come after)."""
    left_texts = [left.paragraphs[i].text for i in change.left]
    right_texts = [right.paragraphs[j].text for j in change.right]
    boilerplate = all(
        p.boilerplate for p in _paragraphs(left, change.left) + _paragraphs(right, change.right)
    )
    if not left_texts or not right_texts:
        return Change(change.kind, change.left, change.right, 0.0, boilerplate=boilerplate)
    left_text, right_text = "\n\n".join(left_texts), "\n\n".join(right_texts)
    kind = change.kind
    same = left_text == right_text or cosmetic_key(left_text) == cosmetic_key(right_text)
    if same and kind is Kind.REWORDED:
        kind = Kind.UNCHANGED
    inline, similarity = (None, 1.0) if same else word_diff(left_texts, right_texts)
    return Change(
        kind,
        change.left,
        change.right,
        similarity=round(similarity, 4),
        cosmetic=same and left_text != right_text,
        boilerplate=boilerplate,
        moved=change.moved,
        inline=inline,
    )


# Changes whose sentences are aligned: pairs whose words changed.
_SENTENCE_KINDS = frozenset((Kind.REWORDED, Kind.MOVED, Kind.SPLIT, Kind.MERGED))


def _with_sentences(
    changes: Sequence[Change], left: Sequence[str], right: Sequence[str], terms: Terms
) -> tuple[Change, ...]:
    """The changes, each reworded, moved, split or merged one with its sentence alignment.

    All of them are aligned in one batch (:func:`align_sentence_groups`):
    unchanged pairs, boilerplate and one-sided changes have nothing to align.
    """
    wanted = [
        k
        for k, change in enumerate(changes)
        if change.kind in _SENTENCE_KINDS and not change.boilerplate
    ]
    alignments = align_sentence_groups(
        left, right, [(changes[k].left, changes[k].right) for k in wanted], terms
    )
    described = list(changes)
    for k, sentences in zip(wanted, alignments, strict=True):
        described[k] = replace(changes[k], sentences=sentences)
    return tuple(described)


def _with_facts(
    change: Change, left: Document, right: Document, documents: Callable[[Side], OtherDocument]
) -> Change:
    """The change with its fact flags: none for boilerplate or a pair that kept every word.
    A paragraph with no partner is checked against the whole other document (``documents``
    gives a side's), so a fact it states elsewhere is neither lost nor new.

    A separate pass from :func:`_describe`, so the stages a reader watches
    (word diff, then facts) are the stages the time goes to.
    """
    if change.boilerplate or (change.inline is None and change.left and change.right):
        return change
    left_texts = [left.paragraphs[i].text for i in change.left]
    right_texts = [right.paragraphs[j].text for j in change.right]
    if not change.right:
        facts = unpaired_facts(left_texts, Side.LEFT, documents(Side.RIGHT))
    elif not change.left:
        facts = unpaired_facts(right_texts, Side.RIGHT, documents(Side.LEFT))
    else:
        facts = compare_facts(left_texts, right_texts)
    return replace(change, facts=facts) if facts else change


def _paragraphs(document: Document, indices: Iterable[int]) -> list[Paragraph]:
    return [document.paragraphs[i] for i in indices]


def overall_similarity(changes: Iterable[Change], left: Document, right: Document) -> float:
    """Share of the text kept, weighting each change by its length in characters."""
    kept = total = 0.0
    for change in changes:
        size = sum(len(left.paragraphs[i].text) for i in change.left) + sum(
            len(right.paragraphs[j].text) for j in change.right
        )
        kept += change.similarity * size
        total += size
    return round(kept / total, 4) if total else 1.0
