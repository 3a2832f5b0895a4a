"""Reader responsiveness on a long pair: ``python benchmarks/bench_reader.py [PARAGRAPHS]``.

Builds a synthetic pair (20,000 paragraphs a side by default; see
:mod:`benchmarks.synthetic`), compares it once (cached in the temp folder,
keyed by size, since the comparison is not what is measured), opens the reader
at 160×45 and times each filter and toggle key (``2 f b c u``) from the key
press until the app has handled it and redrawn, pressing each twice (on, off);
then the action alone, without the redraw. A key bound to nothing gives the
floor: what a key press and a redraw cost on this machine at all.
Figures are printed, never asserted: the machines are shared and noisy.
"""

from __future__ import annotations

import asyncio
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import make_pair  # noqa: E402

KEYS = ("2", "f", "b", "c", "u")
ACTIONS = {
    "2": "toggle_kind(2)",
    "f": "toggle_facts",
    "b": "toggle_boilerplate",
    "c": "toggle_changes_only",
    "u": "toggle_unreviewed",
}
IDLE_KEY = "x"  # bound to nothing: the floor of a key press and a redraw here
ROUNDS = 3


def _comparison(size: int):
    cached = Path(tempfile.gettempdir()) / f"compare-tui-bench-reader-{size}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    from tui.engine.compare import compare_documents
    from tui.engine.model import Document, Paragraph

    pair = make_pair(size, seed=size)
    left, right = (
        Document(name, tuple(Paragraph(i, t) for i, t in enumerate(texts)))
        for name, texts in (("left.txt", pair.left), ("right.txt", pair.right))
    )
    comparison = compare_documents(left, right)
    cached.write_bytes(pickle.dumps(comparison))
    return comparison


async def _measure(comparison) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    from tui.app.app import CompareApp
    from tui.options import AppOptions

    app = CompareApp(comparison=comparison, options=AppOptions(no_state=True))
    timings: dict[str, list[float]] = {key: [] for key in (*KEYS, IDLE_KEY)}
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for _ in range(ROUNDS):
            for key in (*KEYS, IDLE_KEY):
                for _on_off in range(2):
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    timings[key].append(time.perf_counter() - start)
        handlers: dict[str, list[float]] = {key: [] for key in KEYS}
        for _ in range(ROUNDS):
            for key in KEYS:
                for _on_off in range(2):
                    start = time.perf_counter()
                    await app.run_action(ACTIONS[key])
                    handlers[key].append(time.perf_counter() - start)
                    await pilot.pause()
    return timings, handlers


def main(argv: list[str]) -> None:
    size = int(argv[0]) if argv else 20_000
    comparison = _comparison(size)
    print(
        f"{len(comparison.left.paragraphs):,} + {len(comparison.right.paragraphs):,} paragraphs, "
        f"{len(comparison.changes):,} changes; seconds from key press to redrawn screen "
        f"(median, max of {2 * ROUNDS})"
    )
    timings, handlers = asyncio.run(_measure(comparison))
    for key, times in timings.items():
        name = f"{key} (no binding)" if key == IDLE_KEY else key
        handler = (
            f"   (its action alone: median {statistics.median(handlers[key]):.3f})"
            if key in handlers
            else ""
        )
        print(f"  {name}: median {statistics.median(times):.3f}  max {max(times):.3f}{handler}")


if __name__ == "__main__":
    main(sys.argv[1:])
