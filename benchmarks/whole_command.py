"""What the user waits for: the whole command, as fresh processes, from files on disk.

``python -m benchmarks.whole_command [--sizes 40 5000 20000] [--repeat 3]`` writes synthetic
plain-text pairs (blank-line paragraphs, prose sprinkled with the backticks, underscores and
angle brackets that technical text holds) and times, median of ``--repeat`` fresh processes:

* ``compare-tui a.txt b.txt --summary``, ``--export r.json`` and ``--export r.html``;
* ``git diff --no-index --word-diff`` on the same files in the same run, as the reference,
  with the ratio;
* peak memory of the JSON export (max RSS of the child, from ``resource``);
* a per-stage breakdown measured in one process (read and segment, boilerplate, compare —
  alignment, word diff and facts —, render, write), so a slow stage can be named.

Engine-only figures live in ``benchmarks/bench_align.py``; this is the one the README quotes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import make_pair

_TECHNICAL = ("`user_base`", "__init__", "<package>.pth", "**not**", "[docs](x)", "a_b_c")


def _with_markup_signs(paragraphs: list[str]) -> list[str]:
    """Every third paragraph carries a sign that a Markdown parser would eat."""
    return [
        f"{text} {_TECHNICAL[i % len(_TECHNICAL)]}" if i % 3 == 0 else text
        for i, text in enumerate(paragraphs)
    ]


def write_pair(folder: Path, paragraphs: int) -> tuple[Path, Path]:
    """A synthetic pair of ``paragraphs`` paragraphs a side as two .txt files."""
    pair = make_pair(paragraphs, seed=7)
    left, right = folder / f"left-{paragraphs}.txt", folder / f"right-{paragraphs}.txt"
    left.write_text("\n\n".join(_with_markup_signs(pair.left)) + "\n", encoding="utf-8")
    right.write_text("\n\n".join(_with_markup_signs(pair.right)) + "\n", encoding="utf-8")
    return left, right


def _timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and the child's peak RSS in MB (``ru_maxrss`` of the finished children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) // 1024


def _median(command: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    runs = [_timed(command, cwd) for _ in range(repeat)]
    return statistics.median(seconds for seconds, _ in runs), max(mb for _, mb in runs)


def stages(left: Path, right: Path, out: Path) -> dict[str, float]:
    """Seconds per stage of one comparison and its JSON and HTML reports, in this process."""
    from tui.engine.compare import compare_documents
    from tui.engine.loading import load_document
    from tui.engine.pipeline import label_boilerplate
    from tui.export import render

    clock: dict[str, float] = {}

    def lap(name: str, start: float) -> float:
        now = time.perf_counter()
        clock[name] = clock.get(name, 0.0) + now - start
        return now

    start = time.perf_counter()
    documents = [load_document(str(path), None) for path in (left, right)]
    start = lap("read + segment", start)
    documents = [label_boilerplate(document) for document in documents]
    start = lap("boilerplate", start)
    comparison = compare_documents(*documents)
    start = lap("compare (align, word diff, facts)", start)
    for fmt in ("json", "html"):
        text = render(comparison, fmt)
        start = lap(f"render {fmt}", start)
        (out / f"stage.{fmt}").write_text(text, encoding="utf-8")
        start = lap("write", start)
    return clock


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "tui"]
    git = shutil.which("git")
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    print(f"whole command, median of {args.repeat} fresh processes ({env_note})")
    print(
        f"{'paragraphs':>10} {'--summary':>10} {'json':>8} {'html':>8} {'git':>7} {'json/git':>9} {'json MB':>8}"
    )
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for size in args.sizes:
            left, right = write_pair(work, size)
            summary, _ = _median([*command, str(left), str(right), "--summary"], work, args.repeat)
            as_json, peak = _median(
                [*command, str(left), str(right), "--export", "r.json", "--force"],
                work,
                args.repeat,
            )
            as_html, _ = _median(
                [*command, str(left), str(right), "--export", "r.html", "--force"],
                work,
                args.repeat,
            )
            reference = (
                _median(
                    [git, "diff", "--no-index", "--word-diff", str(left), str(right)],
                    work,
                    args.repeat,
                )[0]
                if git
                else float("nan")
            )
            print(
                f"{size:>10} {summary:>9.2f}s {as_json:>7.2f}s {as_html:>7.2f}s {reference:>6.2f}s"
                f" {as_json / reference:>8.0f}x {peak:>8}"
            )
        print("\nper stage, one process, largest size:")
        for name, seconds in stages(left, right, work).items():
            print(f"  {name:<36} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
