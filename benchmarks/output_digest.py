"""Fingerprints of every report, so a speed change can prove it changed no output.

``python -m benchmarks.output_digest --save digest.txt`` compares every fixture pair
(``fixtures/*/gold.json`` and ``fixtures/real-pairs/*/gold.json``) and the synthetic
300- and 2,000-paragraph pairs of :mod:`benchmarks.whole_command`, and writes one line
per pair and output: the SHA-256 of the JSON, HTML (with a fixed date) and Markdown
reports and of the ``--summary`` text with its styles. ``--check digest.txt`` prints
the lines that differ and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from benchmarks.whole_command import write_pair

_ROOT = Path(__file__).resolve().parent.parent
_FIXTURES = Path("fixtures")  # relative to the checkout: reports name their sources
_SYNTHETIC_FOLDER = Path("/tmp/compare-tui-digest")  # fixed: reports name their sources
_SYNTHETIC_SIZES = (300, 2000)
_GENERATED = datetime(2024, 1, 2, 3, 4)
_SUMMARY_WIDTH = 100


def _pairs() -> Iterator[tuple[str, Path, Path]]:
    import json

    for gold in sorted([*_FIXTURES.glob("*/gold.json"), *_FIXTURES.glob("real-pairs/*/gold.json")]):
        names = json.loads(gold.read_text(encoding="utf-8"))
        yield gold.parent.name, gold.parent / names["left"], gold.parent / names["right"]
    _SYNTHETIC_FOLDER.mkdir(exist_ok=True)
    for size in _SYNTHETIC_SIZES:
        left, right = write_pair(_SYNTHETIC_FOLDER, size)
        yield f"synthetic-{size}", left, right


def _outputs(left: Path, right: Path) -> dict[str, str]:
    from tui.engine.pipeline import CompareRequest, run_comparison
    from tui.export.html import render_html
    from tui.export.json_report import render_json
    from tui.export.markdown import render_markdown
    from tui.summary import render_summary

    comparison = run_comparison(CompareRequest(str(left), str(right)))
    summary = render_summary(comparison, _SUMMARY_WIDTH)
    return {
        "json": render_json(comparison),
        "html": render_html(comparison, generated=_GENERATED),
        "md": render_markdown(comparison, generated=_GENERATED),
        "summary": summary.plain + repr(summary.spans),
    }


def digest_lines() -> list[str]:
    """``<pair> <output> <sha256>`` for every pair and output."""
    lines = []
    for name, left, right in _pairs():
        for output, text in _outputs(left, right).items():
            lines.append(f"{name} {output} {hashlib.sha256(text.encode()).hexdigest()}")
            print(lines[-1], file=sys.stderr)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the digests to this file")
    action.add_argument("--check", type=Path, help="compare with digests saved earlier")
    args = parser.parse_args(argv)
    target = (args.save or args.check).resolve()
    os.chdir(_ROOT)  # so any checkout gives the same digests
    lines = digest_lines()
    if args.save:
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    expected = set(target.read_text(encoding="utf-8").splitlines())
    differing = [line for line in lines if line not in expected]
    for line in differing:
        print(f"differs: {line}")
    print(f"{len(lines) - len(differing)} of {len(lines)} outputs as saved")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
