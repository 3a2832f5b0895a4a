"""The ``compare-tui`` command line: parse, load, compare, then open the app or print/export.

Exit status: 0 success (and "no differences in content" with ``--exit-code``);
1 with ``--exit-code`` when the texts differ in content; 2 on any error,
reported as one line ``compare-tui: error: …`` on stderr — never a traceback
for something the user can fix.

Two kinds of run: *headless* (``--summary``, ``--export``, ``--exit-code``),
which works in pipes, scripts and git; and the *app*, which needs a terminal
on stdin and stdout and says what to do instead when it has none.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tui import __version__
from tui.engine.errors import UserError

if TYPE_CHECKING:
    from rich.console import Console

    from tui.engine.model import Comparison
    from tui.engine.pipeline import CompareRequest
    from tui.engine.report import Review
    from tui.options import AppOptions

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_DIFFERENT", "EXIT_ERROR"]

EXIT_OK, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2
#: The summary never grows wider than this, however wide the terminal.
MAX_SUMMARY_WIDTH = 100
PIPE_WIDTH = 80

_EPILOG = """\
examples:
  compare-tui                                     start screen: recent reviews, two files, the example
  compare-tui original.txt rewrite.html           read the two versions side by side
  compare-tui --example                           open the bundled news example
  compare-tui a.txt b.txt --summary               counts, facts and largest differences
  compare-tui a.txt b.txt --exit-code             exit 1 if they differ in content, silently
  compare-tui a.txt b.txt --export report.html    write a report without opening the app
  compare-tui a.txt b.txt --export - --format md  print a Markdown report
  curl -s URL | compare-tui - saved.txt --summary         one side from stdin
  compare-tui <(git show HEAD~1:story.txt) story.txt      an older revision against the file
  git difftool -y -x compare-tui HEAD~1 -- story.txt      as git's difftool (see the README)

exit status:
  0  success; with --exit-code: no differences in content (cosmetic ones do not count)
  1  with --exit-code: the texts differ in content
  2  error (one line on stderr starting "compare-tui: error:")

environment:
  NO_COLOR        set to anything: no colour in printed output (--color=always wins)
  XDG_CONFIG_HOME where the settings file lives (see --config-path)
"""


def _line(message: str) -> str:
    """One terminal-safe line: a file name, URL or server reason phrase in ``message`` may hold
    escapes, line ends or bytes that are not UTF-8 (see :mod:`tui.engine.safe_text`)."""
    from tui.engine.safe_text import terminal_safe

    return terminal_safe(message) + "\n"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line like every other error (the usage is in --help)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, _line(f"{self.prog}: error: {message} (see --help)"))


def build_parser() -> argparse.ArgumentParser:
    """The command line: two sources, then one group of options per concern, as --help shows them."""
    parser = _Parser(
        prog="compare-tui",
        description="Read two versions of a text against each other: aligned paragraphs, "
        "word-level changes, moved/split/merged text, fact drift, and shareable reports.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("left", nargs="?", help="the original: a file, '-' for stdin, or a URL")
    parser.add_argument("right", nargs="?", help="the rewrite: a file, '-' for stdin, or a URL")
    parser.add_argument("--example", action="store_true", help="compare the bundled news example")
    for add_options in (
        _add_output_options,
        _add_comparison_options,
        _add_app_options,
        _add_setup_options,
    ):
        add_options(parser)
    return parser


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    output = parser.add_argument_group("printed output and reports (no app is opened)")
    output.add_argument(
        "--summary",
        "--stat",
        action="store_true",
        help="print counts, flagged facts and the largest differences",
    )
    output.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 if the texts differ in content, 0 if not; alone, print nothing",
    )
    output.add_argument(
        "--export",
        metavar="PATH",
        help="write a report; the format follows the extension, '-' is stdout",
    )
    output.add_argument(
        "--format",
        dest="report_format",
        choices=["json", "md", "html"],
        help="report format (needed with --export -)",
    )
    output.add_argument("--force", action="store_true", help="overwrite an existing report file")
    output.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour in printed output (default: auto, off in pipes and with NO_COLOR)",
    )
    output.add_argument(
        "--no-color",
        dest="color",
        action="store_const",
        const="never",
        help="same as --color=never",
    )


def _add_comparison_options(parser: argparse.ArgumentParser) -> None:
    engine = parser.add_argument_group("comparison")
    engine.add_argument(
        "--threshold",
        type=_positive_float,
        default=None,
        metavar="FACTOR",
        help="scale the alignment thresholds: above 1 pairs fewer, more cautiously; below 1 pairs more (default 1.0, or the settings file's)",
    )
    for side in ("left", "right"):
        engine.add_argument(
            f"--{side}-format",
            choices=["auto", "text", "markdown", "html"],
            default="auto",
            help=f"how to read the {side} input (default: detect)",
        )
    engine.add_argument(
        "--max-size",
        type=_size,
        default=None,
        metavar="SIZE",
        help="largest input to read, e.g. 50M (default 20M)",
    )


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    app = parser.add_argument_group("the app")
    app.add_argument(
        "--no-state",
        action="store_true",
        help="neither read nor save review marks and notes (e.g. in CI)",
    )


def _add_setup_options(parser: argparse.ArgumentParser) -> None:
    setup = parser.add_argument_group("setup")
    setup.add_argument("--version", action="version", version=f"compare-tui {__version__}")
    setup.add_argument(
        "--config-path", action="store_true", help="print where the settings file is and exit"
    )
    setup.add_argument(
        "--completion",
        choices=["bash", "zsh", "fish"],
        metavar="SHELL",
        help="print a completion script for bash, zsh or fish and exit",
    )


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return number


_SIZE = re.compile(r"(\d+(?:\.\d*)?|\.\d+)\s*(B|[KMG](?:I?B)?)", re.IGNORECASE)
_SIZE_UNITS = {"B": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def _size(value: str) -> int:
    """A size with its unit ("50M", "1.5G", "800K", "4096B"; 1024-based), at least one byte.

    Strict on purpose: a bare number, a negative one, "inf" or an exponent is
    refused rather than read as something the user did not mean, and a size
    beyond this machine's memory is refused before anything is read.
    """
    match = _SIZE.fullmatch(value.strip())
    if match is None:
        raise argparse.ArgumentTypeError(
            f"not a size: {value!r} (a number and a unit: 800K, 50M, 1.5G)"
        )
    number, unit = match.groups()
    from decimal import Decimal  # only --max-size pays for its import

    size = int(Decimal(number) * _SIZE_UNITS[unit[0].upper()])
    if size < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is less than one byte")
    memory = _physical_memory()
    if memory is not None and size > memory:
        raise argparse.ArgumentTypeError(
            f"{value!r} is more than this machine's {memory / 1024**3:.1f} GiB of memory"
        )
    return size


def _physical_memory() -> int | None:
    """Bytes of RAM, where the system says (Linux, macOS, BSD)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


# --------------------------------------------------------------------------- the run


def _one_blas_thread() -> None:
    """numpy's OpenBLAS starts a thread per core when numpy is imported, and they spun ~0.07 s
    of CPU of a 40-paragraph ``--summary``'s ~0.37 s (more with more cores). The engine
    multiplies no float matrices (its products are of integer arrays, which numpy computes
    itself), so one thread loses nothing. Set before numpy is imported; a value the user set
    wins."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _run(args: argparse.Namespace) -> int:
    if args.config_path:
        from tui.settings import settings_path

        print(settings_path())
        return EXIT_OK
    if args.completion:
        from tui.completion import completion_script

        sys.stdout.write(completion_script(args.completion, build_parser()))
        return EXIT_OK
    _check_output_options(args)
    options = _session(args)
    headless = args.summary or args.export or args.exit_code
    if not headless and not (args.left or args.right or args.example):
        _require_terminal()
        _open_app(None, options)  # the start screen
        return EXIT_OK
    request = options.defaults.request(*_sources(args))
    if headless:
        return _headless(request, args)
    _require_terminal()
    from tui.engine.pipeline import check_sources

    check_sources(request)  # a missing or unreadable file fails here, before any UI opens
    _open_app(request, options)  # the app reads and compares in its worker, showing progress
    return EXIT_OK


def _session(args: argparse.Namespace) -> AppOptions:
    """The session's options: the command line's, the settings file's for the rest (read once,
    each problem printed as one warning line)."""
    from tui.options import session_options

    options = session_options(
        threshold=args.threshold,
        left_format=None if args.left_format == "auto" else args.left_format,
        right_format=None if args.right_format == "auto" else args.right_format,
        max_bytes=args.max_size,
        no_state=args.no_state,
    )
    for warning in options.settings_warnings:
        _warn(warning)
    return options


def _headless(request: CompareRequest, args: argparse.Namespace) -> int:
    """Export and/or summarise without the app; the exit status answers --exit-code."""
    from tui.engine.collection import no_collection_pauses

    with no_collection_pauses():
        return _run_headless(request, args)


def _run_headless(request: CompareRequest, args: argparse.Namespace) -> int:
    from tui.engine.pipeline import run_comparison

    fmt = _export_format(args) if args.export else None
    if args.export and args.export != "-":
        _check_export_target(Path(args.export), args.force, request)
    # Only a report shows each change's sentences: the summary and --exit-code need none.
    comparison = run_comparison(request, sentence_links=bool(args.export))
    if args.export and fmt:
        review = None if args.no_state else _stored_review(comparison)
        _export(comparison, args.export, fmt, args.force, review)
    if args.summary:
        _print_summary(comparison, args.color)
    return EXIT_DIFFERENT if args.exit_code and comparison.differences else EXIT_OK


def _check_output_options(args: argparse.Namespace) -> None:
    if args.report_format and not args.export:
        raise UserError("--format goes with --export")
    if args.summary and args.export == "-":
        raise UserError("--summary and --export - both write to stdout: export to a file instead")


def _sources(args: argparse.Namespace) -> tuple[str, str]:
    if args.example:
        from tui.engine.pipeline import example_sources

        return example_sources()
    if not args.left or not args.right:
        raise UserError("two inputs are needed: compare-tui LEFT RIGHT (or --example); see --help")
    if args.left == "-" and args.right == "-":
        raise UserError("only one side can be read from stdin ('-')")
    return args.left, args.right


def _warn(message: str) -> None:
    sys.stderr.write(_line(f"compare-tui: warning: {message}"))


def _require_terminal() -> None:
    """The app draws on stdout and reads keys from stdin: without a terminal on both it cannot work."""
    if sys.stdout is None or not sys.stdout.isatty():
        raise UserError(
            "stdout is not a terminal, and the app needs one: use --summary, --export PATH or --exit-code"
        )
    if sys.stdin is None or not sys.stdin.isatty():
        raise UserError(
            "stdin is not a terminal, and the app reads keys from it: with a pipe or '-' as input, "
            "use --summary, --export PATH or --exit-code"
        )


def _open_app(request: CompareRequest | None, options: AppOptions) -> None:
    """The app on ``request``, or its start screen when ``request`` is None."""
    from tui.app.app import run_app

    run_app(request, options)


def _stored_review(comparison: Comparison) -> Review | None:
    """The marks and notes saved for this comparison (same keys as the app), or None; never creates the database."""
    from tui.review.store import StateUnavailable, stored_review

    try:
        return stored_review(comparison, warn=_warn)
    except StateUnavailable as error:
        _warn(f"{error}; the report has no review marks")
        return None


# --------------------------------------------------------------------------- headless outputs


def _export_format(args: argparse.Namespace) -> str:
    """Checked before the comparison runs, so a wrong name fails at once."""
    from tui.export import format_for_path

    if args.export == "-" and not args.report_format:
        raise UserError("--export - needs --format json|md|html")
    return format_for_path(args.export, args.report_format)


def _check_export_target(target: Path, force: bool, request: CompareRequest) -> None:
    """Refuse an input, a device or an existing file without --force before the comparison runs."""
    from tui.export import check_target

    check_target(target, overwrite=force, inputs=(request.left, request.right))


def _export(
    comparison: Comparison, target: str, fmt: str, force: bool, review: Review | None = None
) -> None:
    from tui.export import export, render_pieces

    if target == "-":
        sys.stdout.writelines(render_pieces(comparison, fmt, review=review))
        return
    written = export(comparison, Path(target), fmt, overwrite=force, review=review)
    sys.stderr.write(_line(f"compare-tui: wrote {fmt} report to {written}"))


def _print_summary(comparison: Comparison, color: str) -> None:
    from tui.summary import render_summary

    console = _console(color)
    width = min(console.width, MAX_SUMMARY_WIDTH) if console.is_terminal else PIPE_WIDTH
    console.print(render_summary(comparison, width), no_wrap=True, overflow="ignore", crop=False)


def _console(color: str) -> Console:
    """A rich Console for stdout that emits escape codes only when colour is allowed.

    ``always`` forces colour even into a pipe; ``never``, ``NO_COLOR`` (under
    ``auto``) and a stdout that is not a terminal give plain text.
    """
    from rich.console import Console

    if color == "always":
        return Console(force_terminal=True, no_color=False)
    wants_color = color == "auto" and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
    if wants_color:
        return Console()
    return Console(
        color_system=None,
        force_terminal=False,
        width=PIPE_WIDTH if not sys.stdout.isatty() else None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    _one_blas_thread()
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as error:
        sys.stderr.write(_line(f"compare-tui: error: {error}"))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
