"""Hostile inputs: each one either opens and aligns with every paragraph intact, or stops
with exactly one ``compare-tui: error:`` line and exit status 2 — never a traceback.

The corpus is generated here (in ``tmp_path``) rather than committed: a few lines of
Python are smaller and clearer than binary blobs. CLI runs that could hang (FIFOs, devices,
huge reads, sockets) or that depend on the process's own streams (names that are not UTF-8)
are real subprocesses with a generous timeout (a hang fails the test; speed is never
asserted); each kind of refusal keeps one. The others call the entry point in this process
(``cli_here``, ``run_main``): the same code and output without an interpreter start each.
"""

from __future__ import annotations

import codecs
import json
import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unicodedata
from contextlib import contextmanager, suppress
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests import paths
from tests.cli_helpers import cli_env, one_error_line, run_cli, run_main, write_pair
from tests.engine_helpers import assert_every_index_once
from tui.app.review_session import open_review
from tui.cli import build_parser, main
from tui.engine.errors import InputError
from tui.engine.loading import DEFAULT_MAX_BYTES, decode, paragraph_limit
from tui.engine.markdown_text import markdown_paragraphs
from tui.engine.pipeline import CompareRequest, SessionDefaults, load_sides, run_comparison
from tui.export import render
from tui.review.keys import difference_indices
from tui.review.marks import Mark
from tui.review.store import ReviewStore

#: A hang fails the test; no test asserts speed. Most cases take a few seconds.
CLI_TIMEOUT = 120
ROOT = paths.REPO

PROSE = [
    "The council met on Tuesday evening to discuss the harbour cables and the new budget.",
    "Residents asked why the tender had been delayed for a second time this year.",
    "The chair said a decision would follow after the summer recess, once the survey is in.",
]

# Each is one paragraph a stranger's text may carry; all must come out exactly as they went in.
TERMINAL_AND_MARKUP = [
    "A red \x1b[31mwarning\x1b[0m sits in the middle of this ordinary sentence about the weather.",
    "Someone tried to clear the screen \x1b[2J\x1b[H right here, between two harmless words.",
    "Clipboard write attempt \x1b]52;c;ZWNobyBwd25lZA==\x07 hidden inside a long forum reply.",
    "A window title change \x1b]0;you have been hacked\x07 appears in this paragraph too.",
    "The bell rings \x07 once and the cursor backs up\x08\x08\x08 over three letters here.",
    "[bold red]Rich markup[/] and [link=https://evil.example]click here[/link] must stay literal.",
    "An HTML <script>alert('x')</script> tag and <b>bold</b> must stay literal text as well.",
]
PROSE_WORDS = "council harbour cables budget tender survey recess chair residents decision".split()
UNICODE = [
    "وقال الوزير إن الخطة ستوفر ألفي وظيفة جديدة على الساحل خلال السنوات الخمس المقبلة.",
    "השר אמר כי התוכנית תספק אלפיים משרות חדשות לאורך החוף בחמש השנים הבאות.",
    "Mixed direction: the minister (الوزير) said 2,300 jobs — \u202eTrojan\u202c source trick.",
    "Combining: cafe\u0301, n\u0303, Z\u0351\u0352\u0353\u0354a\u0355\u0356l\u0357\u0358g\u0359o and a\u0300\u0301\u0302\u0303\u0304.",
    "Emoji: 👍🏽 🇫🇷 👨‍👩‍👧‍👦 ❤️ and a zero\u200bwidth space, plus U+2028\u2028inside.",
]


# --------------------------------------------------------------------------- helpers


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def as_text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def cli(*args: str, timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args, "--export", "-", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def cli_here(*args: str) -> subprocess.CompletedProcess[str]:
    """``cli`` without the subprocess: ``tui.cli.main`` in this process, same directory and environment."""
    return run_main(
        *args, "--export", "-", "--format", "json", tmp_path=ROOT, cwd=ROOT, env=dict(os.environ)
    )


def assert_one_error_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 2, nothing on stdout, and exactly one stderr line: the error, naming what is wrong."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("compare-tui: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def compare_and_export(left: str, right: str, **request: object):
    """The comparison of two files, checked against the report contract and rendered in every format."""
    comparison = run_comparison(CompareRequest(left, right, **request))
    assert_every_index_once(comparison)
    reports = {fmt: render(comparison, fmt) for fmt in ("json", "md", "html")}
    data = json.loads(reports["json"])
    assert data["left"]["paragraphs"] == list(comparison.left.texts)
    assert data["right"]["paragraphs"] == list(comparison.right.texts)
    return comparison, reports


# --------------------------------------------------------------------------- refused inputs

BINARY_HEADERS = {
    "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8,
    "archive.zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(255, -1, -1)) * 8,
    "program": b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(range(256)) * 8,
    "random.bin": bytes((i * 7919 + 13) % 256 for i in range(4096)),
}


@pytest.mark.parametrize("name", sorted(BINARY_HEADERS))
def test_binary_files_are_refused_as_binary(tmp_path, name):
    source = write(tmp_path, name, BINARY_HEADERS[name])
    prose = write(tmp_path, "prose.txt", as_text(PROSE))
    assert_one_error_line(cli_here(prose, source), f"{source} looks like a binary file, not text")


DAMAGED_UTF8 = "Mañana será otro día. ".encode() * 20 + b"\xff caf\xe9"
DAMAGED_AT = DAMAGED_UTF8.index(b"\xff")


@pytest.mark.parametrize(
    ("data", "fragments"),
    [
        (as_text(PROSE).encode("utf-16")[:-1], ("truncated", "UTF-16")),
        (as_text(PROSE).encode("utf-16-le")[:-1], ("truncated", "UTF-16-LE")),
        (
            codecs.BOM_UTF16_LE + "ok \ud800 lone".encode("utf-16-le", "surrogatepass"),
            ("corrupt", "UTF-16"),
        ),
        (b"", ("is empty",)),
        (b" \n\t\n\r\n\xc2\xa0\xe2\x80\x83\n", ("contains only whitespace",)),
        (DAMAGED_UTF8, (f"byte {DAMAGED_AT} is not valid UTF-8",)),
    ],
    ids=[
        "utf16-bom-truncated",
        "utf16-le-truncated",
        "utf16-lone-surrogate",
        "empty",
        "only-whitespace",
        "utf8-damaged",
    ],
)
def test_undecodable_text_is_refused_with_a_reason(tmp_path, data, fragments):
    source = write(tmp_path, "bad.txt", data)
    prose = write(tmp_path, "prose.txt", as_text(PROSE))
    assert_one_error_line(cli_here(source, prose), source, *fragments)


def test_a_coloured_terminal_capture_is_refused_as_binary(tmp_path):
    """More than 5% control characters is not prose: refused rather than shown as a wall of symbols."""
    capture = "".join(f"\x1b[0m\x1b[01;34mdir{i}\x1b[0m  " for i in range(200))
    source = write(tmp_path, "ls.txt", capture)
    assert_one_error_line(
        cli(source, write(tmp_path, "prose.txt", as_text(PROSE))), "looks like a binary file"
    )


def test_a_50_mb_file_stops_at_the_size_limit_before_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.write(
            as_text(PROSE * 200).encode() * (50 * 1024 * 1024 // len(as_text(PROSE * 200)) + 1)
        )
    assert big.stat().st_size > DEFAULT_MAX_BYTES
    prose = write(tmp_path, "prose.txt", as_text(PROSE))
    assert_one_error_line(
        cli(str(big), prose), f"{big} is larger than the 20 MiB limit", "--max-size"
    )


def test_max_size_lowers_and_raises_the_limit(tmp_path):
    source = write(tmp_path, "story.txt", as_text(PROSE * 20))
    prose = write(tmp_path, "prose.txt", as_text(PROSE))
    assert_one_error_line(
        cli_here(source, prose, "--max-size", "1K"), "larger than the 1 KiB limit"
    )
    opened = cli_here(source, prose, "--max-size", "1M")
    assert opened.returncode == 0, opened.stderr
    assert json.loads(opened.stdout)["left"]["paragraphs"] == PROSE * 20


def test_stdin_larger_than_the_limit_is_refused(tmp_path):
    prose = write(tmp_path, "prose.txt", as_text(PROSE))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            prose,
            "-",
            "--max-size",
            "2K",
            "--export",
            "-",
            "--format",
            "json",
        ],
        input=as_text(PROSE * 50),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        cwd=ROOT,
    )
    assert_one_error_line(result, "standard input is larger than the 2 KiB limit")


@pytest.mark.slow
def test_too_many_paragraphs_stop_with_the_limit_and_max_size_raises_it(tmp_path):
    """Alignment cost follows the paragraph count: ~100,000 at the default 20 MiB, ~1 per 200 bytes."""
    count = paragraph_limit(1024 * 1024) + 1
    source = write(tmp_path, "words.txt", "word\n\n" * count)
    prose = write(tmp_path, "prose.txt", as_text(PROSE))
    assert_one_error_line(
        cli_here(source, prose, "--max-size", "1M"),
        f"has more than the {count - 1:,} paragraphs allowed",
        "--max-size",
    )
    opened = cli_here(source, prose, "--max-size", "2M")
    assert opened.returncode == 0, opened.stderr
    assert len(json.loads(opened.stdout)["left"]["paragraphs"]) == count


@pytest.mark.slow
def test_as_many_one_word_paragraphs_as_the_limit_allows_open_and_align(tmp_path):
    """The most paragraphs a --max-size allows, every one kept and in exactly one change.

    At a limit passed in: the default limit's 100,000 take a minute and are a benchmark
    (``python -m benchmarks.hostile_cases --only one-word``); the next test holds the default.
    """
    count = paragraph_limit(2 * 1024 * 1024)
    words = [PROSE_WORDS[i % len(PROSE_WORDS)] + str(i % 7) for i in range(count)]
    edited = words[:500] + words[510 : count // 2] + ["inserted"] + words[count // 2 :]
    left, right = (
        write(tmp_path, "left.txt", as_text(words)),
        write(tmp_path, "right.txt", as_text(edited)),
    )
    result = cli_here(left, right, "--max-size", "2M")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["left"]["paragraphs"] == words and report["right"]["paragraphs"] == edited
    assert sorted(i for change in report["changes"] for i in change["left"]) == list(
        range(len(words))
    )
    assert sorted(j for change in report["changes"] for j in change["right"]) == list(
        range(len(edited))
    )


def test_the_default_limits_allow_100_000_paragraphs():
    assert paragraph_limit(DEFAULT_MAX_BYTES) >= 100_000


# --------------------------------------------------------------------------- inputs that open


def test_terminal_escapes_and_markup_come_out_exactly_as_they_went_in(tmp_path):
    left = write(tmp_path, "left.txt", as_text(PROSE + TERMINAL_AND_MARKUP))
    right = write(tmp_path, "right.txt", as_text(TERMINAL_AND_MARKUP[::-1] + PROSE[1:]))
    comparison, reports = compare_and_export(left, right)
    assert list(comparison.left.texts) == PROSE + TERMINAL_AND_MARKUP
    assert list(comparison.right.texts) == TERMINAL_AND_MARKUP[::-1] + PROSE[1:]
    for fmt in ("md", "html"):  # human-readable reports show controls as symbols, never raw
        assert not any(ch in reports[fmt] for ch in "\x1b\x07\x08")
        assert "ZWNobyBwd25lZA==␇" in reports[fmt] and "up␈␈␈ over" in reports[fmt]
    assert "<script>" not in reports["html"] and "&lt;script&gt;" in reports["html"]
    assert "\x1b" not in reports["json"]  # JSON escapes controls as \u001b


def test_8_bit_controls_never_reach_a_terminal_raw(tmp_path):
    """U+009B is a one-character CSI to terminals that honour C1; DEL is a control too."""
    hostile = "An 8-bit \x9b2J clear, a \x9d0;title\x9c and a DEL\x7f in an ordinary sentence."
    left = write(tmp_path, "left.txt", as_text(PROSE + [hostile]))
    comparison, reports = compare_and_export(left, write(tmp_path, "right.txt", as_text(PROSE)))
    assert comparison.left.texts[-1] == hostile
    for report in reports.values():
        assert not set(report) & {"\x7f", "\x9b", "\x9c", "\x9d"}
    assert (
        "\\u009b2J" in reports["json"]
        and json.loads(reports["json"])["left"]["paragraphs"][-1] == hostile
    )
    assert "�2J clear" in reports["html"] and "DEL␡ in" in reports["md"]


def test_carriage_return_overwrite_is_defused_into_two_visible_paragraphs(tmp_path):
    """ "safe\\rEVIL" would print as "EVIL" over "safe" in a terminal; a lone CR is a line end."""
    left = write(tmp_path, "left.txt", as_text(PROSE))
    right = write(tmp_path, "right.txt", "safe\rEVIL\n\nalso safe\r\nline\n")
    comparison, _ = compare_and_export(left, right)
    assert list(comparison.right.texts) == ["safe", "EVIL", "also safe", "line"]


def test_rtl_combining_and_emoji_text_is_kept_in_nfc(tmp_path):
    left = write(tmp_path, "left.txt", as_text(UNICODE + PROSE))
    right = write(tmp_path, "right.txt", as_text(PROSE[:1] + UNICODE[::-1]))
    comparison, reports = compare_and_export(left, right)
    expected = [unicodedata.normalize("NFC", p) for p in UNICODE]
    assert list(comparison.left.texts) == expected + PROSE
    assert list(comparison.right.texts) == PROSE[:1] + expected[::-1]
    assert expected[0] in reports["md"] and expected[0] in reports["html"]


def test_stray_nul_bytes_in_utf8_text_are_dropped_and_the_text_opens(tmp_path):
    left = write(tmp_path, "left.txt", as_text(PROSE))
    damaged = as_text(["Café owners said\x00 the harbour is busy.", *PROSE]).encode()
    right = write(tmp_path, "right.txt", damaged.replace(b"busy", b"bu\x00sy"))
    comparison, _ = compare_and_export(left, right)
    assert list(comparison.right.texts) == ["Café owners said the harbour is busy.", *PROSE]


def test_nul_bytes_in_a_short_ascii_line_are_not_mistaken_for_utf16():
    assert decode(b"Hello\x00 world.\n\nSecond\x00 para.\n") == (
        "Hello world.\n\nSecond para.\n",
        "utf-8",
    )


def test_latin1_prose_that_is_invalid_utf8_opens_as_cp1252(tmp_path):
    text = as_text(["Le café était fermé à l'été, dit l'élève.", "Grüße aus Köln, sagte Müller."])
    left = write(tmp_path, "left.txt", text.encode("latin-1"))
    comparison, _ = compare_and_export(left, write(tmp_path, "right.txt", text))
    assert comparison.left.encoding == "cp1252"
    assert comparison.left.texts == comparison.right.texts


def test_utf8_with_a_damaged_byte_is_refused_rather_than_turned_into_mojibake(tmp_path):
    data = as_text(["Le café était fermé à l'été, dit l'élève."] * 3).encode() + b"fin \xe9t\xe9\n"
    source = write(tmp_path, "damaged.txt", data)
    assert_one_error_line(
        cli_here(source, write(tmp_path, "prose.txt", as_text(PROSE))), "is not valid UTF-8"
    )


@pytest.mark.slow
def test_a_5_mb_single_line_is_one_paragraph(tmp_path):
    """Words unlike the other side's: pairing a 5 MB paragraph is an engine performance issue (see report)."""
    line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "
    long_line = (line * (5 * 1024 * 1024 // len(line) + 1)).strip()
    source = write(tmp_path, "line.txt", long_line + "\n")
    comparison, _ = compare_and_export(source, write(tmp_path, "prose.txt", as_text(PROSE)))
    assert comparison.left.texts == (long_line,)


def test_a_single_2_mb_word_opens(tmp_path):
    source = write(tmp_path, "word.txt", "x" * 2_000_000 + "\n\nend\n")
    comparison, _ = compare_and_export(
        source, write(tmp_path, "prose.txt", as_text(PROSE + ["end"]))
    )
    assert [len(t) for t in comparison.left.texts] == [2_000_000, 3]


def test_deeply_nested_markdown_loses_no_text():
    """markdown-it's nesting limit used to drop whatever sat deeper than 20 levels."""
    quoted = "# Thread\n\n" + "> " * 30 + "the deepest reply\n\nafter the quote\n"
    assert markdown_paragraphs(quoted)[0] == ["Thread", "the deepest reply", "after the quote"]
    nested_list = "# List\n\n" + "".join("  " * depth + f"- item{depth}\n" for depth in range(40))
    assert markdown_paragraphs(nested_list)[0] == ["List", *(f"item{depth}" for depth in range(40))]


def test_markdown_nested_beyond_the_parsers_recursion_is_read_as_plain_text(tmp_path):
    text = "# Thread\n\n## Replies\n\n" + "> " * 3000 + "the deepest reply\n"
    source = write(tmp_path, "thread.md", text)
    comparison, _ = compare_and_export(source, write(tmp_path, "prose.txt", as_text(PROSE)))
    assert "the deepest reply" in comparison.left.texts[-1]


@pytest.mark.parametrize("declaration", ["<![OCTYPE html>", "<![bogus section>", "<![if !IE]>"])
def test_unknown_html_marked_sections_are_skipped_not_a_crash(tmp_path, declaration):
    """Found by the fuzzer: Python 3.11's html.parser raised AssertionError on "<![OCTYPE"."""
    html = f"{declaration}\n<html><body><p>{PROSE[0]}</p><p>{PROSE[1]}</p></body></html>"
    source = write(tmp_path, "page.html", html)
    comparison, _ = compare_and_export(source, write(tmp_path, "prose.txt", as_text(PROSE)))
    assert comparison.left.texts == tuple(PROSE[:2])


def test_deeply_nested_html_opens(tmp_path):
    html = (
        "<html><body>"
        + "<div>" * 20000
        + "<p>Deep text survives here.</p>"
        + "</div>" * 20000
        + "</body></html>"
    )
    source = write(tmp_path, "deep.html", html)
    comparison, _ = compare_and_export(
        source, write(tmp_path, "prose.txt", "Deep text survives here.\n")
    )
    assert comparison.left.texts == ("Deep text survives here.",)


# --------------------------------------------------------------------------- hostile arguments


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("inf", "not a size"),
        ("1e400", "not a size"),
        ("-2", "not a size"),
        ("0.5", "not a size"),  # no unit: was silently the default
        ("0", "not a size"),
        ("nan", "not a size"),
        ("0.1B", "less than one byte"),
        ("9" * 400 + "G", "more than this machine's"),
        ("100000G", "more than this machine's"),
    ],
)
def test_a_max_size_that_is_not_a_size_the_machine_holds_is_one_line(value, fragment, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["a.txt", "b.txt", "--max-size", value, "--exit-code"])
    assert stopped.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-tui: error: argument --max-size: ")
    assert fragment in lines[0]


@pytest.mark.parametrize(("value", "size"), [("1.5K", 1536), ("50m", 50 * 2**20), ("4096B", 4096)])
def test_max_size_takes_a_unit(value, size):
    assert build_parser().parse_args(["--max-size", value]).max_size == size


def _limit_address_space():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


#: Room for the interpreter and its libraries, far less than the --max-size below.
ADDRESS_SPACE_LIMIT = 3 * 1024**3


def test_a_max_size_of_gigabytes_reads_in_chunks_instead_of_allocating_it(tmp_path):
    """read(max_bytes + 1) allocated the whole cap: 30G was a MemoryError before a byte was read."""
    prose = write(tmp_path, "prose.txt", as_text(PROSE))
    result = subprocess.run(
        [sys.executable, "-m", "tui", "-", prose, "--max-size", "4G", "--exit-code"],
        input=as_text(PROSE),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        cwd=ROOT,
        preexec_fn=_limit_address_space,
    )
    assert (result.returncode, result.stderr) == (0, "")


# --------------------------------------------------------------------------- hostile settings and state


def _hostile_settings(settings: Path, case: str) -> None:
    settings.parent.mkdir(parents=True, exist_ok=True)
    if case == "fifo":
        os.mkfifo(settings)
    elif case == "link to /dev/zero":
        settings.symlink_to("/dev/zero")
    elif case == "arrays nested 400 deep":
        settings.write_text("kinds_filter = " + "[" * 400 + "]" * 400 + "\n")
    elif case == "tables nested 400 deep":
        settings.write_text("a = " + "{b=" * 400 + "1" + "}" * 400 + "\n")
    elif case == "1 MB":
        settings.write_text("# " + "x" * 1024 * 1024 + "\n")


@pytest.mark.parametrize(
    "case",
    ["fifo", "link to /dev/zero", "arrays nested 400 deep", "tables nested 400 deep", "1 MB"],
)
def test_a_hostile_settings_file_is_one_warning_and_the_defaults(tmp_path, case):
    """A FIFO hung even --exit-code, /dev/zero was read without end, deep nesting a RecursionError.

    The two that could hang run in a real process (a hang fails on its timeout); the others
    call the entry point here.
    """
    env = cli_env(tmp_path)
    _hostile_settings(Path(env["XDG_CONFIG_HOME"]) / "compare-tui" / "settings.toml", case)
    write_pair(tmp_path)
    run = run_cli if case in ("fifo", "link to /dev/zero") else run_main
    result = run("original.txt", "original.txt", "--exit-code", tmp_path=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-tui: warning: "), result.stderr
    assert "; using " in lines[0]


# --------------------------------------------------------------------------- hostile export targets


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("original.txt", "one of the inputs"),
        ("link-to-input.json", "one of the inputs"),
        ("link-to-null.json", "not a regular file"),
        ("fifo.json", "not a regular file"),
        ("x" * 300 + ".json", "File name too long"),
    ],
    ids=["input", "link to input", "link to /dev/null", "fifo", "300-character name"],
)
def test_force_never_replaces_an_input_or_a_special_file(tmp_path, target, fragment):
    """--export INPUT --force replaced the text with its report; a device or FIFO became a file."""
    left, right = write_pair(tmp_path)
    (tmp_path / "link-to-input.json").symlink_to(tmp_path / left)
    (tmp_path / "link-to-null.json").symlink_to(os.devnull)
    os.mkfifo(tmp_path / "fifo.json")
    env = cli_env(tmp_path)
    before = _listing(tmp_path)
    run = run_cli if target == "fifo.json" else run_main  # opening a FIFO can block: a timeout
    result = run(
        left, right, "--export", target, "--format", "json", "--force", tmp_path=tmp_path, env=env
    )
    assert fragment in one_error_line(result.stderr) and result.returncode == 2
    assert _listing(tmp_path) == before


def _listing(folder: Path) -> dict[str, tuple[int, int, int, int]]:
    """Each entry's type, inode, size and modification time (reading the input changes its atime)."""
    return {
        path.name: (info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns)
        for path in folder.iterdir()
        for info in [path.lstat()]
    }


def test_a_250_character_report_name_is_written(tmp_path):
    """Valid for the file system, but its temporary name (14 characters longer) was not."""
    left, right = write_pair(tmp_path)
    target = "r" * 245 + ".json"
    result = run_main(left, right, "--export", target, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / target).read_text())["format"] == "compare-tui-report"


def _reviewed_pair(tmp_path: Path) -> tuple[dict[str, str], Path, tuple[str, str]]:
    """A pair with every difference marked in the review database, as the app would leave it."""
    env = cli_env(tmp_path)
    left, right = write_pair(tmp_path)
    database = Path(env["XDG_DATA_HOME"]) / "compare-tui" / "review.sqlite3"
    comparison = run_comparison(CompareRequest(str(tmp_path / left), str(tmp_path / right)))
    with ReviewStore.open(database) as store:
        session, _, _ = open_review(comparison, store)
        for change in difference_indices(comparison):
            session.set(change, Mark(reviewed=True, note="checked"))
    return env, database, (left, right)


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE marks SET note = x'00ff'",
        "UPDATE marks SET reviewed = 'yes', significant = x'01'",
        "UPDATE schema_version SET version = 'one'",
        "UPDATE schema_version SET version = x'01'",
    ],
    ids=["blob note", "text and blob flags", "text schema version", "blob schema version"],
)
@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_a_damaged_review_database_is_one_warning_and_the_report_is_written(tmp_path, damage, fmt):
    """A blob note or a text schema_version was a TypeError traceback in every exporter."""
    env, database, (left, right) = _reviewed_pair(tmp_path)
    with sqlite3.connect(database) as db:
        db.execute(damage)
    result = run_main(left, right, "--export", "-", "--format", fmt, tmp_path=tmp_path, env=env)
    assert result.returncode == 0 and result.stdout, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-tui: warning: review state ")


@pytest.mark.parametrize("kind", ["empty file", "read-only file", "fifo"])
def test_a_headless_export_reads_the_database_and_never_writes_it(tmp_path, kind):
    """It wrote a schema into an empty file; a FIFO gave 'disk I/O error'."""
    env, database, (left, right) = _reviewed_pair(tmp_path)
    if kind == "empty file":
        for path in database.parent.iterdir():
            path.unlink()
        database.touch()
    elif kind == "fifo":
        database.unlink()
        os.mkfifo(database)
    else:
        database.chmod(0o444)
    before = _listing(database.parent)
    result = run_cli(left, right, "--export", "-", "--format", "json", tmp_path=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert _listing(database.parent) == before
    reviews = [change.get("review") for change in json.loads(result.stdout)["changes"]]
    if kind == "read-only file":
        assert (
            result.stderr == ""
            and {"reviewed": True, "significant": False, "note": "checked"} in reviews
        )
    else:
        assert reviews == [None] * len(reviews)
        assert result.stderr.count("\n") == (kind == "fifo")


# --------------------------------------------------------------------------- terminal-safe output

RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


def assert_terminal_safe(*outputs: str) -> None:
    for output in outputs:
        assert not any(control in output for control in RAW_CONTROLS), repr(output)


@pytest.fixture
def hostile_server():
    """A server on 127.0.0.1 whose reason phrase and header carry escapes; one answer per connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(30)

    def answer() -> None:
        with suppress(OSError), listener:
            connection, _ = listener.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(
                    b"HTTP/1.1 500 \x1b[31mBAD \x1b]0;PWNED\x07\r\n"
                    b"X-Evil: \x1b[2J\r\nContent-Length: 0\r\n\r\n"
                )

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    thread.join(timeout=30)


def test_a_reason_phrase_with_escapes_is_shown_as_symbols(tmp_path, hostile_server):
    result = cli(hostile_server, write(tmp_path, "prose.txt", as_text(PROSE)))
    line = assert_one_error_line(result, "HTTP 500 ␛[31mBAD ␛]0;PWNED␇")
    assert_terminal_safe(line)


def test_a_file_name_with_escapes_and_a_line_end_is_one_safe_error_line(tmp_path):
    name = str(tmp_path / "no\x1b]0;PWNED\x07such\nfile.txt")
    result = cli(name, write(tmp_path, "prose.txt", as_text(PROSE)))
    assert_one_error_line(result, "no␛]0;PWNED␇such␊file.txt: no such file")


NOT_UTF8_NAME = os.fsdecode(b"caf\xe9 \x1b[31mred\nline.txt")


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_a_file_name_that_is_not_utf8_is_exported_and_kept(tmp_path, fmt):
    """It was a UnicodeEncodeError traceback with --export; the name survives as \\xe9."""
    write_pair(tmp_path)
    (tmp_path / "original.txt").rename(tmp_path / NOT_UTF8_NAME)
    result = run_cli(NOT_UTF8_NAME, "rewrite.txt", "--export", f"report.{fmt}", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stderr)
    report = (tmp_path / f"report.{fmt}").read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(report)["left"]["source"] == NOT_UTF8_NAME  # lossless
    else:
        assert_terminal_safe(report)
        assert "caf\\xe9" in report or "caf\\\\xe9" in report  # Markdown escapes the backslash


def test_the_summary_piped_to_a_file_shows_names_escaped(tmp_path):
    write_pair(tmp_path)
    (tmp_path / "original.txt").rename(tmp_path / NOT_UTF8_NAME)
    result = run_cli(NOT_UTF8_NAME, "rewrite.txt", "--summary", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("caf\\xe9 ␛[31mred␊line.txt → rewrite.txt")
    assert_terminal_safe(result.stdout, result.stderr)


# --------------------------------------------------------------------------- bounded time on any text

#: Runs that made a stage super-linear once (digits and "$1" in the date pattern, capitalised
#: words in the name check, many small HTML blocks, list items without blank lines, an unclosed
#: tag, a table), and the ordinary classes around them.
CHARACTER_RUNS = {
    "digits": "1",
    "dollar digits": "$1",
    "digit commas": "1,",
    "capitalised words": "Aa ",
    "words": "lorem ",
    "spaces": " ",
    "newlines": "\n",
    "blank lines": "\n\n",
    "small paragraphs": "<p>x</p>",
    "list items": "- x\n",
    "unclosed tag": "<a a ",
    "table row": "|a|b|\n",
    "negations": "not ",
    "wrapped lines": "the quick brown fox jumps over the lazy dog and keeps on running\n",
    "quotes": "\u201cA\u201d ",
    "punctuation": ".,;:!?",
    "cjk": "\u4e2d\u6587",
    "emoji": "\U0001f44d\U0001f3fd",
    "controls": "\x1b[31m\x07",
}

#: Per text: loading and labelling up to two megabytes, in this process's CPU time (so other
#: processes on a loaded machine do not eat into it).
LOADER_BUDGET = timedelta(seconds=10)


#: Up to four runs of up to 60,000 repeats each: a failing example reads as its runs.
RUNS = st.lists(
    st.tuples(st.sampled_from(sorted(CHARACTER_RUNS)), st.integers(1, 60_000)),
    min_size=1,
    max_size=4,
)


@contextmanager
def hard_budget(budget: timedelta):
    """Interrupt the block when ``budget`` of CPU time runs out: a super-linear stage fails in
    seconds, not hours.

    (Hypothesis's deadline only judges an example after it has finished. Wall time is no
    budget on the shared 2-core machine: at a load of 8, a page that needs 2.6 s of CPU took
    7.8 s to read.)
    """

    def out_of_time(signum, frame):
        raise TimeoutError(f"over the {budget.total_seconds():g} s budget")

    previous = signal.signal(signal.SIGPROF, out_of_time)
    signal.setitimer(signal.ITIMER_PROF, budget.total_seconds())
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,  # hard_budget is the deadline, and it stops a slow example as it runs
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking would re-run slow examples
)
@given(runs=RUNS, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_the_loader_finishes_in_bounded_time_on_runs_of_any_character_class(runs, fmt):
    """Reading, segmenting and labelling boilerplate: a Document or one InputError, in the budget."""
    text = "".join(CHARACTER_RUNS[name] * count for name, count in runs)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "hostile.txt"
        source.write_text(text, encoding="utf-8")
        try:
            with hard_budget(LOADER_BUDGET):
                defaults = SessionDefaults(left_format=fmt, right_format=fmt)
                # The other side is git's empty /dev/null, so the budget is this text's alone
                # (loading it on both sides spent the "per text" budget twice).
                left, _ = load_sides(CompareRequest(str(source), "/dev/null", defaults))
        except InputError as error:
            assert "\n" not in str(error)
        else:
            assert all(paragraph.text.strip() for paragraph in left.paragraphs)


# --------------------------------------------------------------------------- budgets through the CLI


@pytest.mark.parametrize("codec", ["rot13", "uu", "base64", "undefined"])
def test_a_page_declaring_a_codec_that_is_no_text_encoding_opens(tmp_path, codec):
    """A LookupError or UnicodeError traceback once."""
    page = f'<html><head><meta charset="{codec}"></head><body><p>caf\xe9 ol\xe9</p></body></html>'
    source = tmp_path / "page.html"
    source.write_bytes(page.encode("latin-1"))
    result = cli_here(str(source), write(tmp_path, "prose.txt", as_text(PROSE)))
    assert result.returncode == 0, result.stderr
    assert "café olé" in json.loads(result.stdout)["left"]["paragraphs"]


@pytest.mark.parametrize(
    ("unit", "name"),
    [("- x\n", "list.md"), ("| a | b |\n", "table.md"), ("<p>x</p>", "blocks.html")],
    ids=["markdown list", "markdown table", "html blocks"],
)
def test_too_many_blocks_are_refused_in_one_line_before_they_are_parsed(tmp_path, unit, name):
    """5,000,000 list items without blank lines once took 4 min 45 s and 10 GB before the refusal."""
    source = tmp_path / name
    source.write_text(unit * (paragraph_limit(1024 * 1024) + 1), encoding="utf-8")
    result = cli(str(source), write(tmp_path, "prose.txt", as_text(PROSE)), "--max-size", "1M")
    assert_one_error_line(result, "paragraphs allowed with the 1 MiB size limit", "--max-size")
