"""Rule benchmark: ``python benchmarks/bench_rules.py [PARAGRAPHS] [REPEATS]``.

Times the per-paragraph rules the aligner does not own:

* :func:`~tui.engine.facts.compare_facts` over every changed pair (reworded,
  moved, split, merged) of a synthetic document of PARAGRAPHS paragraphs
  (default 5000, the size the targets are stated for), and over the paired
  paragraphs of every fixture (which, unlike the synthetic text, hold figures,
  names, quotes and attributions);
* :func:`~tui.engine.boilerplate.classify` over both synthetic sides and
  every fixture side.

Each figure is CPU seconds (other users' load inflates wall time, not
these), the best of REPEATS runs (default 3), each in a fresh process so the
per-text caches start empty as in a real comparison. Printed, never
asserted: these machines are shared and noisy.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _synthetic(paragraphs: int) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    from benchmarks.synthetic import make_pair

    pair = make_pair(paragraphs, seed=paragraphs)
    changed = [
        ("\n\n".join(pair.left[i] for i in left), "\n\n".join(pair.right[j] for j in right))
        for left, right, kind in pair.links
        if kind != "unchanged"
    ]
    return pair.left, pair.right, changed


def _fixtures() -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Every fixture's two sides as paragraph texts, and its gold links as text pairs."""
    from tui.engine.loading import load_document

    sides, pairs = [], []
    for gold_path in sorted((ROOT / "fixtures").glob("*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        left = load_document(str(gold_path.parent / gold["left"])).texts
        right = load_document(str(gold_path.parent / gold["right"])).texts
        sides += [list(left), list(right)]
        pairs += [
            (
                "\n\n".join(left[i] for i in link["left"]),
                "\n\n".join(right[j] for j in link["right"]),
            )
            for link in gold["links"]
            if link["kind"] != "unchanged"
        ]
    return sides, pairs


def measure(paragraphs: int) -> dict:
    """One run's timings, in seconds."""
    from tui.engine.boilerplate import classify
    from tui.engine.facts import compare_facts

    left, right, changed = _synthetic(paragraphs)
    fixture_sides, fixture_pairs = _fixtures()

    def timed(work) -> float:
        start = time.process_time()
        work()
        return time.process_time() - start

    return {
        "synthetic_pairs": len(changed),
        "synthetic_paragraphs": len(left) + len(right),
        "fixture_pairs": len(fixture_pairs),
        "facts_synthetic": timed(lambda: [compare_facts(a, b) for a, b in changed]),
        "facts_fixtures": timed(lambda: [compare_facts(a, b) for a, b in fixture_pairs]),
        "classify_synthetic": timed(lambda: (classify(left), classify(right))),
        "classify_fixtures": timed(lambda: [classify(side) for side in fixture_sides]),
    }


def _in_subprocess(paragraphs: int) -> dict:
    code = f"import json, benchmarks.bench_rules as b; print(json.dumps(b.measure({paragraphs})))"
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main(paragraphs: int, repeats: int) -> None:
    runs = [_in_subprocess(paragraphs) for _ in range(repeats)]
    best = {key: min(run[key] for run in runs) for key in runs[0]}
    print(
        f"compare_facts  {best['synthetic_pairs']:>5} synthetic pairs  {best['facts_synthetic']:7.3f} s"
    )
    print(
        f"compare_facts  {best['fixture_pairs']:>5} fixture pairs    {best['facts_fixtures']:7.3f} s"
    )
    print(
        f"classify       {best['synthetic_paragraphs']:>5} synthetic paragraphs {best['classify_synthetic']:7.3f} s"
    )
    print(f"classify       all fixture sides      {best['classify_fixtures']:7.3f} s")


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:]]
    main(arguments[0] if arguments else 5000, arguments[1] if len(arguments) > 1 else 3)
