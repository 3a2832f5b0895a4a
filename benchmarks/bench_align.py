"""Alignment benchmark on synthetic pairs: ``python benchmarks/bench_align.py [--repeat N] [SIZES...]``.

For each size (paragraphs per side; default 500 5000 20000) it builds a pair
with known truth (drop 10%, add 10%, reword 40%, move 5%, split 5%, merge 5%),
then, each in a fresh subprocess so peak memory is the run's own, times the
whole engine (align, classify, word-diff and fact checks: ``compare_documents``) and prints
wall time, peak resident memory and accuracy. A plain all-pairs baseline
(rapidfuzz ``cdist`` of every paragraph pair, best partner per paragraph) runs
where it should finish within a minute.

Figures are printed, never asserted: these machines are shared and noisy;
``--repeat N`` runs each size N times and prints the run with the median time.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import SyntheticPair, make_pair  # noqa: E402

BASELINE_MAX_PAIRS = 6_000_000  # ~a minute of cdist on two cores


def _document(source: str, texts: list[str]):
    from tui.engine.model import Document, Paragraph

    return Document(source, tuple(Paragraph(i, t) for i, t in enumerate(texts)))


def _accuracy(
    pair: SyntheticPair, predicted: list[tuple[tuple[int, ...], tuple[int, ...], str]]
) -> dict:
    truth = {(i, j) for left, right, _ in pair.links for i in left for j in right}
    found = {(i, j) for left, right, _ in predicted for i in left for j in right}
    hits = len(truth & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    predicted_kinds = {(left, right): kind for left, right, kind in predicted}

    def recall_of(kind: str) -> float:
        wanted = [(left, right) for left, right, k in pair.links if k == kind]
        return (
            sum(predicted_kinds.get(item) == kind for item in wanted) / len(wanted)
            if wanted
            else 1.0
        )

    kinds_right = sum(predicted_kinds.get((left, right)) == k for left, right, k in pair.links)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "split_recall": recall_of("split"),
        "merge_recall": recall_of("merged"),
        "move_recall": recall_of("moved"),
        "kind_accuracy": kinds_right / len(pair.links) if pair.links else 1.0,
    }


def run_engine(size: int) -> dict:
    from tui.engine.compare import compare_documents

    pair = make_pair(size, seed=size)
    left, right = _document("left", pair.left), _document("right", pair.right)
    megabytes = sum(map(len, pair.left)) / 1e6
    start = time.perf_counter()
    comparison = compare_documents(left, right)
    seconds = time.perf_counter() - start
    predicted = [(c.left, c.right, c.kind.value) for c in comparison.changes if c.left and c.right]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "size": size,
        "mb_per_side": megabytes,
        "seconds": seconds,
        "peak_mb": peak,
        **_accuracy(pair, predicted),
    }


def run_baseline(size: int) -> dict:
    import numpy as np
    from rapidfuzz import fuzz, process

    pair = make_pair(size, seed=size)
    start = time.perf_counter()
    matrix = process.cdist(
        pair.left, pair.right, scorer=fuzz.token_set_ratio, workers=-1, dtype=np.uint8
    )
    best = matrix.argmax(axis=1)
    predicted = [((i,), (int(j),), "reworded") for i, j in enumerate(best) if matrix[i, j] >= 60]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "seconds": seconds, "peak_mb": peak, **_accuracy(pair, predicted)}


def _in_subprocess(function: str, size: int) -> dict:
    code = f"import json, benchmarks.bench_align as b; print(json.dumps(b.{function}({size})))"
    root = Path(__file__).resolve().parent.parent
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main(sizes: list[int], repeat: int = 1) -> None:
    print(
        f"{'run':<9} {'size':>6} {'MB/side':>7} {'seconds':>8} {'peak MB':>8} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'split R':>7} {'merge R':>7} {'move R':>6} {'kinds':>6}"
    )
    for size in sizes:
        rows = [("engine", _median_run("run_engine", size, repeat))]
        if size * size <= BASELINE_MAX_PAIRS:
            rows.append(("all-pairs", _median_run("run_baseline", size, repeat)))
        for name, r in rows:
            print(
                f"{name:<9} {r['size']:>6} {r.get('mb_per_side', 0):>7.2f} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f} "
                f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} {r['split_recall']:>7.3f} "
                f"{r['merge_recall']:>7.3f} {r['move_recall']:>6.3f} {r['kind_accuracy']:>6.3f}",
                flush=True,
            )


def _median_run(function: str, size: int, repeat: int) -> dict:
    """The run with the median time of ``repeat`` fresh processes (accuracy is the same in each)."""
    runs = sorted(
        (_in_subprocess(function, size) for _ in range(repeat)), key=lambda r: r["seconds"]
    )
    return runs[len(runs) // 2]


if __name__ == "__main__":
    arguments = sys.argv[1:]
    repeats = 1
    if "--repeat" in arguments:
        at = arguments.index("--repeat")
        repeats = int(arguments[at + 1])
        del arguments[at : at + 2]
    main([int(a) for a in arguments] or [500, 5000, 20000], repeats)
