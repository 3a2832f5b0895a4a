"""Invariants of the engine over generated documents and edits (hypothesis)."""

import json
import os
import subprocess
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import EditRates, make_pair
from tests.engine_helpers import PROPERTY_SETTINGS, assert_every_index_once, document
from tui.engine.compare import compare_documents
from tui.engine.model import Kind
from tui.engine.report import REPORT_VERSION, report_dict
from tui.export import render

WORDS = st.sampled_from(
    "the a minister plan wind farm coast jobs 2,300 $53 billion said critics cost high price "
    "government energy Kowalczyk Brandt survey seabirds grid 12.4% 2031 “quoted” — not never".split()
)
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=25).map(" ".join)
DOCUMENT = st.lists(PARAGRAPH, min_size=0, max_size=12)
# Paragraphs of distinct content: what real documents are made of (and what
# the symmetry property is stated for; see its docstring).
CONTENT_WORDS = st.sampled_from(
    """minister plan wind farm coast jobs billion critics cost price government energy Kowalczyk
    Brandt survey seabirds grid turbines harbour cables budget parliament union factory shipyard
    bonds levy tender board economist forecast drought reservoir farmers river licence clause
    warranty liability privacy cookies retention chapter garden letter""".split()
)
CONTENT_PARAGRAPH = st.lists(CONTENT_WORDS, min_size=3, max_size=20, unique=True).map(" ".join)


@st.composite
def edited_pairs(draw, paragraphs=PARAGRAPH):
    """A document and an edit of it: paragraphs dropped, added, reworded, moved, split, merged."""
    left = draw(st.lists(paragraphs, min_size=1, max_size=12))
    right = []
    for text in left:
        action = draw(st.sampled_from(["keep", "drop", "reword", "split", "add"]))
        if action == "keep":
            right.append(text)
        elif action == "reword":
            right.append(text + " " + draw(paragraphs))
        elif action == "split" and " " in text:
            cut = text.index(" ")
            right += [text[:cut], text[cut + 1 :]]
        elif action == "add":
            right += [text, draw(paragraphs)]
    if right and draw(st.booleans()):
        moved = right.pop(draw(st.integers(0, len(right) - 1)))
        right.insert(draw(st.integers(0, len(right))), moved)
    if len(right) > 1 and draw(st.booleans()):
        k = draw(st.integers(0, len(right) - 2))
        right[k : k + 2] = [right[k] + " " + right[k + 1]]
    return left, right


@PROPERTY_SETTINGS
@given(edited_pairs())
def test_an_edit_keeps_the_report_contract(pair):
    """Every paragraph in exactly one change; the same input, the same report; the report's
    paragraphs are the input's; each change's inline spans rebuild its paragraphs.

    One comparison serves the four checks: as four properties of their own, each drew as many
    examples from the same strategy and compared them anew (five comparisons an example).
    """
    left, right = pair
    comparison = compare_documents(document(left), document(right))
    assert_every_index_once(comparison)
    report = report_dict(comparison)
    assert report == report_dict(compare_documents(document(left), document(right)))
    assert report["left"]["paragraphs"] == left
    assert report["right"]["paragraphs"] == right
    for change in comparison.changes:
        if change.inline is None:
            continue
        assert ["".join(s.text for s in spans) for spans in change.inline.left] == [
            left[i] for i in change.left
        ]
        assert ["".join(s.text for s in spans) for spans in change.inline.right] == [
            right[j] for j in change.right
        ]


@PROPERTY_SETTINGS
@given(DOCUMENT, DOCUMENT)
def test_any_two_documents_satisfy_the_contract(left, right):
    assert_every_index_once(compare_documents(document(left), document(right)))


_MIRROR = {
    Kind.ADDED: Kind.DROPPED,
    Kind.DROPPED: Kind.ADDED,
    Kind.SPLIT: Kind.MERGED,
    Kind.MERGED: Kind.SPLIT,
}


@pytest.mark.slow
@PROPERTY_SETTINGS
@given(edited_pairs(CONTENT_PARAGRAPH))
def test_swapping_sides_mirrors_the_kinds_and_keeps_the_links(pair):
    """Swapping sides swaps added/dropped and split/merged and keeps every link.

    Paragraphs that repeat, or that have no content words ("the the"), make
    ties that only position can break, and position is what swapping changes;
    so the property is stated for documents of distinct, contentful paragraphs.
    """
    left, right = pair
    assume(len(set(left)) == len(left) and len(set(right)) == len(right))
    forward = compare_documents(document(left), document(right))
    backward = compare_documents(document(right), document(left))
    assert {(c.left, c.right, c.kind) for c in forward.changes} == {
        (c.right, c.left, _MIRROR.get(c.kind, c.kind)) for c in backward.changes
    }


@settings(max_examples=60, deadline=None)
@given(edited_pairs(), st.sampled_from(["json", "md", "html"]))
def test_exporting_never_raises(pair, fmt):
    left, right = pair
    text = render(compare_documents(document(left), document(right)), fmt)
    assert text
    if fmt == "json":
        assert json.loads(text)["version"] == REPORT_VERSION


@pytest.mark.slow
def test_synthetic_pairs_keep_the_contract():
    for seed in range(3):
        pair = make_pair(
            120, seed=seed, rates=EditRates(drop=0.2, add=0.2, move=0.1, split=0.1, merge=0.1)
        )
        assert_every_index_once(compare_documents(document(pair.left), document(pair.right)))


def test_engine_imports_no_textual():
    """The engine, the wording, the summary and the exporters stay usable without the UI (harlequin's trick)."""
    code = (
        "import sys, tui.engine.pipeline, tui.engine.compare, tui.export, tui.evaluation, "
        "tui.wording, tui.summary; "
        "from tui.export import render; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_an_input_refused_while_loading_costs_no_comparison_import(tmp_path):
    """A timed-out fetch or an empty file is reported before the second of importing the
    comparison (numpy, the aligner, the fact rules)."""
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "prose.txt").write_text("The harbour board voted.")
    code = (
        "import sys\n"
        "from tui.engine.errors import InputError\n"
        "from tui.engine.pipeline import CompareRequest, run_comparison\n"
        "try:\n"
        f"    run_comparison(CompareRequest({str(tmp_path / 'empty.txt')!r}, "
        f"{str(tmp_path / 'prose.txt')!r}))\n"
        "except InputError as error:\n"
        "    print(error, 'tui.engine.compare' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("is empty False")


@pytest.mark.slow
def test_reports_are_the_same_in_every_process():
    """String hashing differs between Python processes; no set or dict order may leak into a result.

    Checked on a fixture's whole JSON report and on the aligner's candidates
    for a synthetic pair, where ties in word rarity are common.
    """
    # One process per hash seed prints both: the candidates, then the report from the
    # command line's own entry point (a second interpreter per seed would only re-import).
    fixture = ["fixtures/news-repost/original.txt", "fixtures/news-repost/repost.txt"]
    code = (
        "import json, sys; from benchmarks.synthetic import make_pair; "
        "from tui.engine.similarity import build_vectors, candidate_scores; "
        "from tui.cli import main; "
        "p = make_pair(600, seed=3); "
        "pairs, scores = candidate_scores(build_vectors(p.left, p.right)); "
        "print(json.dumps([pairs.tolist(), scores.tolist()])); "
        f"sys.exit(main([*{fixture!r}, '--export', '-', '--format', 'json', '--no-state']))"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        candidates, report = result.stdout.split("\n", 1)
        assert json.loads(report)["format"] == "compare-tui-report"
        outputs.add((candidates, report))
    assert len(outputs) == 1
