"""The ``compare-tui`` command line: parse, load, compare, then open the app or export.

Exit status: 0 success; 1 with ``--exit-code`` when the texts differ in
content; 2 on any error, reported as one line ``compare-tui: error: …`` on
stderr — never a traceback for something the user can fix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.engine.errors import UserError

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2

_EPILOG = """\
examples:
  compare-tui original.txt rewrite.html          read the two versions side by side
  compare-tui --example                          open the bundled news example
  compare-tui a.txt b.txt --export report.html   write a report without opening the app
  compare-tui a.txt b.txt --export - --format md print a Markdown report

exit status: 0 success, 1 texts differ (with --exit-code), 2 error
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="compare-tui",
        description="Read two versions of a text against each other: aligned paragraphs, "
        "word-level changes, moved/split/merged text, and shareable reports.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("left", nargs="?", help="the original: a file, '-' for stdin, or a URL")
    parser.add_argument("right", nargs="?", help="the rewrite: a file, '-' for stdin, or a URL")
    parser.add_argument("--version", action="version", version=f"compare-tui {__version__}")
    parser.add_argument("--example", action="store_true", help="compare the bundled news example")

    output = parser.add_argument_group("reports (no app is opened)")
    output.add_argument("--export", metavar="PATH", help="write a report; the format follows the extension, '-' is stdout")
    output.add_argument("--format", dest="report_format", choices=["json", "md", "html"], help="report format (needed with --export -)")
    output.add_argument("--force", action="store_true", help="overwrite an existing report file")

    engine = parser.add_argument_group("comparison")
    engine.add_argument(
        "--threshold",
        type=_positive_float,
        default=1.0,
        metavar="FACTOR",
        help="scale the alignment thresholds: above 1 pairs fewer, more cautiously; below 1 pairs more (default 1.0)",
    )
    engine.add_argument("--left-format", choices=["auto", "text", "markdown", "html"], default="auto", help="how to read the left input (default: detect)")
    engine.add_argument("--right-format", choices=["auto", "text", "markdown", "html"], default="auto", help="how to read the right input (default: detect)")
    engine.add_argument("--max-size", type=_size, default=None, metavar="SIZE", help="largest input to read, e.g. 50M (default 20M)")
    return parser


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return number


def _size(value: str) -> int:
    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
    text = value.strip().upper().removesuffix("B")
    unit = text[-1:] if text[-1:] in units else ""
    try:
        return int(float(text.removesuffix(unit)) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 50M)") from None


def _sources(args: argparse.Namespace) -> tuple[str, str]:
    if args.example:
        from tui.engine.pipeline import example_sources

        return example_sources()
    if not args.left or not args.right:
        raise UserError("two inputs are needed: compare-tui LEFT RIGHT (or --example); see --help")
    if args.left == "-" and args.right == "-":
        raise UserError("only one side can be read from stdin ('-')")
    return args.left, args.right


def _run(args: argparse.Namespace) -> int:
    from tui.engine.align import Thresholds
    from tui.engine.pipeline import CompareRequest

    left, right = _sources(args)
    request = CompareRequest(
        left=left,
        right=right,
        left_format=None if args.left_format == "auto" else args.left_format,
        right_format=None if args.right_format == "auto" else args.right_format,
        thresholds=Thresholds().scaled(args.threshold),
        max_bytes=args.max_size,
    )
    if args.export:
        return _export(request, args)
    if args.report_format:
        raise UserError("--format goes with --export")
    from tui.engine.pipeline import load_sides

    documents = load_sides(request)  # bad input fails here, before any UI opens
    from tui.app.app import run_app

    run_app(request, documents)
    return EXIT_OK


def _export(request, args: argparse.Namespace) -> int:
    from tui.engine.pipeline import run_comparison
    from tui.export import export, format_for_path, render

    if args.export == "-" and not args.report_format:
        raise UserError("--export - needs --format json|md|html")
    fmt = format_for_path(args.export, args.report_format)
    comparison = run_comparison(request)
    if args.export == "-":
        sys.stdout.write(render(comparison, fmt))
    else:
        written = export(comparison, Path(args.export), fmt, overwrite=args.force)
        print(f"compare-tui: wrote {fmt} report to {written}", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as error:
        print(f"compare-tui: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
