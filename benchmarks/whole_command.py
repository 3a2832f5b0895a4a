"""What the user waits for: the whole command, as fresh processes, from files on disk.

``python -m benchmarks.whole_command [--sizes 40 5000 20000] [--repeat 3]`` writes synthetic
plain-text pairs (blank-line paragraphs, prose sprinkled with the backticks, underscores and
angle brackets that technical text holds) and times, median of ``--repeat`` fresh processes:

* ``compare-tui a.txt b.txt --summary``, ``--export r.json`` and ``--export r.html``;
* ``git diff --no-index --word-diff`` on the same files in the same run, as the reference,
  with the ratio;
* the CPU time (user + system) of each, beside its wall time: on a shared machine wall
  time measures the neighbours too;
* peak memory of the JSON export (max RSS of the child, from ``resource``);
* with the bytecode cached, as an installed copy has it (pip writes the ``.pyc`` files): the
  children write theirs under a temporary ``PYTHONPYCACHEPREFIX`` and an untimed first run
  fills it, whatever ``PYTHONDONTWRITEBYTECODE`` says (with it set, every run compiled all of
  ``tui`` from source, ~0.1–0.2 s more than a user waits);
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
from typing import NamedTuple

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


class Run(NamedTuple):
    """One command's figures: wall seconds, CPU seconds (user + system) and peak RSS in MB."""

    wall: float
    cpu: float
    peak_mb: int


def child_environment(work: Path) -> dict[str, str]:
    """The children's environment: bytecode written to and read from a cache of their own."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return environment | {"PYTHONPYCACHEPREFIX": str(work / "pycache")}


def warm_cache(command: list[str], work: Path) -> None:
    """One untimed comparison, so that every module's bytecode is in ``work``'s cache."""
    left, right = write_pair(work, 40)
    _timed([*command, str(left), str(right), "--summary"], work)


def _timed(command: list[str], cwd: Path) -> Run:
    """The child's wall and CPU time, and its peak RSS (``ru_maxrss`` of the finished children).

    CPU time beside wall time: on a machine shared with other work, wall time also
    measures the neighbours (a 2-core machine under a load of 8 stretched it threefold).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=child_environment(cwd), capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(elapsed, cpu, max(after.ru_maxrss, before.ru_maxrss) // 1024)


def _median(command: list[str], cwd: Path, repeat: int) -> Run:
    runs = [_timed(command, cwd) for _ in range(repeat)]
    return Run(
        statistics.median(run.wall for run in runs),
        statistics.median(run.cpu for run in runs),
        max(run.peak_mb for run in runs),
    )


def stages(left: Path, right: Path, out: Path) -> dict[str, float]:
    """CPU seconds per stage of one comparison and its JSON and HTML reports, in this process."""
    from tui.engine.compare import compare_documents
    from tui.engine.loading import load_document
    from tui.engine.pipeline import label_boilerplate
    from tui.export import render

    clock: dict[str, float] = {}

    def lap(name: str, start: float) -> float:
        now = time.process_time()
        clock[name] = clock.get(name, 0.0) + now - start
        return now

    start = time.process_time()
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
    print("wall seconds (CPU seconds: user + system), peak memory of the JSON export")
    print(
        f"{'paragraphs':>10} {'--summary':>15} {'json':>15} {'html':>15} {'git':>6}"
        f" {'json/git':>9} {'json MB':>8}"
    )
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        warm_cache(command, work)
        for size in args.sizes:
            left, right = write_pair(work, size)
            pair = [*command, str(left), str(right)]
            summary = _median([*pair, "--summary"], work, args.repeat)
            as_json = _median([*pair, "--export", "r.json", "--force"], work, args.repeat)
            as_html = _median([*pair, "--export", "r.html", "--force"], work, args.repeat)
            reference = (
                _median(
                    [git, "diff", "--no-index", "--word-diff", str(left), str(right)],
                    work,
                    args.repeat,
                ).wall
                if git
                else float("nan")
            )
            print(
                f"{size:>10} {_figure(summary)} {_figure(as_json)} {_figure(as_html)}"
                f" {reference:>5.2f}s {as_json.wall / reference:>8.0f}x {as_json.peak_mb:>8}"
            )
        print("\nCPU seconds per stage, one process, largest size:")
        for name, seconds in stages(left, right, work).items():
            print(f"  {name:<36} {seconds:6.2f} s")


def _figure(run: Run) -> str:
    return f"{run.wall:>6.2f}s ({run.cpu:>5.2f})"


if __name__ == "__main__":
    main()
