"""Issue 21's hostile cases, run as the user runs them: wall time, peak memory, exit, traceback.

``python -m benchmarks.hostile_cases [--tree PATH] [--before PATH] [--only NAME ...]`` runs
every case as a fresh ``python -m tui`` process with ``PYTHONPATH`` set to ``--tree`` (default:
this checkout) and prints a Markdown table. With ``--before`` each case also runs against that
tree (e.g. ``git worktree add /tmp/before 831e5b7``) and the table has both columns;
``--save FILE`` keeps a run's outcomes and ``--before-results FILE`` reuses them as the before
column, so the slow before run (most cases killed at the cap) is done once.

Each run is capped at :data:`TIME_CAP` seconds (then killed: "killed at 120 s") and
:data:`MEMORY_CAP` of address space (then "stopped at the memory cap"), so a case that once ran
for hours or took 10 GB cannot take the shared machine with it. Cases run one after another,
never in parallel, since the figures are wall times. Peak memory is the child's maximum resident
set size (``wait4``'s ``ru_maxrss``, the figure ``/usr/bin/time -v`` prints); its CPU seconds
(``wait4``'s user and system time) say what the wall time would be on an idle machine.

The targets of issue 21, checked in the last column: any input up to the size limit finishes
in at most :data:`TARGET_SECONDS` (or is refused with one ``compare-tui: error:`` line in at
most :data:`REFUSAL_SECONDS`), under :data:`TARGET_MB` of memory, with exit 0, 1 or 2 and no
traceback. Cases of the app (a paste) run it in tmux.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TIME_CAP = 120
MEMORY_CAP = 6 * 1024**3
TARGET_SECONDS = 10.0
REFUSAL_SECONDS = 2.0
TARGET_MB = 500
MB = 1024 * 1024
PROSE = (
    "The harbour board voted on Tuesday to close the old fish market by the end of June.\n\n"
    "About 40 traders will move to a new hall on Ferry Road, which cost £2.1 million.\n"
)


@dataclass
class Run:
    """One command: arguments after ``python -m tui``, and what to check once it ends."""

    args: list[str]
    stdin: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    #: Called with the case's folder and the run's stdout and stderr; returns a note ("" if none).
    check: Callable[[Path, str, str], str] | None = None
    #: Called with the running process and the folder (e.g. to send it a signal).
    during: Callable[[subprocess.Popen[bytes], Path], None] | None = None


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    build: Callable[[Path], Run]


@dataclass(frozen=True)
class Outcome:
    seconds: float
    peak_mb: float
    exit: str
    traceback: bool
    error_lines: int
    note: str
    #: The error line says a fetch timed out: a slow server is known only by waiting for it, so
    #: the command is judged on the whole-command target, not the quick refusal's.
    timed_out: bool = False
    #: The command's own CPU seconds (user and system): its wall time on an idle machine, near
    #: enough, when other jobs share the cores (None where it is not measured: the app).
    cpu_seconds: float | None = None

    @property
    def meets_target(self) -> bool:
        refused = self.exit == "2"
        quick_refusal = refused and self.error_lines == 1 and not self.timed_out
        limit = REFUSAL_SECONDS if quick_refusal else TARGET_SECONDS
        return (
            self.exit in ("0", "1", "2", "SIGTERM")
            and not self.traceback
            and (not refused or self.error_lines == 1)
            and self.seconds <= limit
            and self.peak_mb <= TARGET_MB
            and not self.note.startswith("!")
        )

    def cell(self) -> str:
        tail = "traceback" if self.traceback else f"{self.error_lines} error line(s)"
        if self.exit in ("0", "1"):
            tail = "traceback" if self.traceback else "ok"
        note = f"; {self.note.lstrip('!')}" if self.note else ""
        cpu = "" if self.cpu_seconds is None else f" (CPU {self.cpu_seconds:.1f} s)"
        return f"{self.seconds:.1f} s{cpu}, {self.peak_mb:.0f} MB, exit {self.exit}, {tail}{note}"


# --------------------------------------------------------------------------- running


def _environment(folder: Path, tree: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHON"))}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        (folder / name.lower()).mkdir(exist_ok=True)
        env[name] = str(folder / name.lower())
    env.update(PYTHONPATH=str(tree), NO_COLOR="1", HOME=str(folder), **extra)
    return env


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_case(case: Case, tree: Path) -> Outcome:
    if case is PASTE:
        return run_paste(tree)
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        folder = Path(name)
        run = case.build(folder)
        stdin = run.stdin.open("rb") if run.stdin else subprocess.DEVNULL
        out, err = folder / "stdout.out", folder / "stderr.out"
        start = time.perf_counter()
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "tui", *run.args],
                cwd=folder,
                env=_environment(folder, tree, run.env),
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
                preexec_fn=_cap_memory,
                start_new_session=True,
            )
            killed = threading.Event()

            def kill() -> None:
                killed.set()
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)

            timer = threading.Timer(TIME_CAP, kill)
            timer.start()
            if run.during:
                run.during(process, folder)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            timer.cancel()
        seconds = time.perf_counter() - start
        if run.stdin:
            stdin.close()  # type: ignore[union-attr]
        stdout_text = out.read_text(errors="replace")
        stderr_text = err.read_text(errors="replace")
        note = run.check(folder, stdout_text, stderr_text) if run.check else ""
        exit_code = str(process.returncode)
        if run.during and process.returncode == -signal.SIGTERM:
            exit_code = "SIGTERM"
        if killed.is_set():
            exit_code, note = "killed", f"!killed at {TIME_CAP} s" + (f"; {note}" if note else "")
        elif "MemoryError" in stderr_text and "Traceback" in stderr_text:
            note = f"!stopped at the {MEMORY_CAP // 1024**3} GB memory cap" + (
                f"; {note}" if note else ""
            )
        return Outcome(
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            peak_mb=usage.ru_maxrss / 1024,
            exit=exit_code,
            traceback="Traceback (most recent call last)" in stderr_text,
            error_lines=sum(
                line.startswith("compare-tui: error:") for line in stderr_text.splitlines()
            ),
            note=note,
            timed_out=any(
                line.startswith("compare-tui: error:") and ": timed out after " in line
                for line in stderr_text.splitlines()
            ),
        )


# --------------------------------------------------------------------------- servers


@contextmanager
def serving(respond: Callable[[socket.socket], None]) -> Iterator[str]:
    """A one-thread server on 127.0.0.1 calling ``respond`` per connection; yields its URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.5)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=_answer, args=(connection, respond), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/page"
    finally:
        stop.set()
        thread.join()
        listener.close()


def _answer(connection: socket.socket, respond: Callable[[socket.socket], None]) -> None:
    with suppress(OSError), connection:
        connection.settimeout(TIME_CAP)
        connection.recv(65536)
        respond(connection)


def _byte_a_second(connection: socket.socket) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello":
        connection.sendall(bytes([byte]))
        time.sleep(1)


def _after_six_seconds(connection: socket.socket) -> None:
    """A slow but honest server: the whole page, six seconds late."""
    time.sleep(6)
    body = PROSE.encode()
    connection.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def _charset(codec: str) -> Callable[[socket.socket], None]:
    body = "caf\u00e9 ol\u00e9, the harbour board met.".encode("latin-1")

    def respond(connection: socket.socket) -> None:
        connection.sendall(
            f"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset={codec}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )

    return respond


def _escaped_reason(connection: socket.socket) -> None:
    connection.sendall(b"HTTP/1.1 500 \x1b[31mBAD \x1b]0;PWNED\x07\r\nContent-Length: 0\r\n\r\n")


# --------------------------------------------------------------------------- cases: files


def _write(folder: Path, name: str, text: str | bytes) -> str:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return name


def _pair(folder: Path, text: str, suffix: str) -> list[str]:
    """The hostile text and a rewrite of it that changes its first words (so facts are checked)."""
    return [_write(folder, "a" + suffix, text), _write(folder, "b" + suffix, "Note. " + text)]


def _text_case(text: Callable[[], str], suffix: str = ".txt") -> Callable[[Path], Run]:
    return lambda folder: Run([*_pair(folder, text(), suffix), "--summary"])


def _up_to(unit: str, size: int) -> str:
    return unit * (size // len(unit))


def _distinct_paragraphs() -> str:
    return "".join(f"<p>Paragraph number {i:05} of the page, kept.</p>" for i in range(20_000))


def _forum_of_names() -> str:
    """A forum post's chrome, then 99,000 one-word lines: each a user name that could be chrome
    (furniture grew over such a run one line a pass, every pass over all of them)."""
    return "Joined: 2020\n\n" + "\n\n".join(f"Member{i}" for i in range(99_000)) + "\n"


def _one_word_paragraphs(folder: Path) -> Run:
    """The default paragraph limit's worth of one-word paragraphs, ten dropped and one added
    (the real-size case of the suite's test at a --max-size of its own), exported as JSON."""
    words = [_WORDS[i % len(_WORDS)] + str(i % 7) for i in range(100_000)]
    edited = words[:500] + words[510:50_000] + ["inserted"] + words[50_000:]
    names = [_write(folder, "a.txt", "\n\n".join(words) + "\n")]
    names.append(_write(folder, "b.txt", "\n\n".join(edited) + "\n"))
    return Run([*names, "--export", "-", "--format", "json"], check=_every_paragraph_once)


_WORDS = "council harbour cables budget tender survey recess chair residents decision".split()


def _markdown_table() -> str:
    row = "| cell one | cell two | cell three |\n"
    return "| a | b | c |\n|---|---|---|\n" + _up_to(row, 4 * MB)


# --------------------------------------------------------------------------- cases: checks


def _raw_escapes(folder: Path, stdout: str, stderr: str) -> str:
    return "!raw ESC printed" if "\x1b" in stdout + stderr else "escaped"


def _intact(name: str, content: str) -> Callable[[Path, str, str], str]:
    def check(folder: Path, stdout: str, stderr: str) -> str:
        return "input intact" if (folder / name).read_text() == content else "!input overwritten"

    return check


def _still_special(name: str) -> Callable[[Path, str, str], str]:
    def check(folder: Path, stdout: str, stderr: str) -> str:
        mode = (folder / name).lstat().st_mode
        if stat.S_ISREG(mode):
            return "!replaced by a regular file"
        return "left as it was"

    return check


def _every_paragraph_once(folder: Path, stdout: str, stderr: str) -> str:
    """The JSON report holds both texts, each paragraph index in exactly one change; and what
    changed (the case cuts ten paragraphs and adds one)."""
    try:
        report = json.loads(stdout)
    except ValueError:
        return "!no JSON report"
    for side in ("left", "right"):
        placed = sorted(i for change in report["changes"] for i in change[side])
        if placed != list(range(len(report[side]["paragraphs"]))):
            return f"!{side} paragraphs not each in one change"
    changed = Counter(
        change["kind"] for change in report["changes"] if change["kind"] != "unchanged"
    )
    found = ", ".join(f"{count} {kind}" for kind, count in sorted(changed.items()))
    return f"every paragraph in one change; {found or 'nothing changed'}"


def _leftovers(folder: Path, stdout: str, stderr: str) -> str:
    left = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    return f"!{len(left)} .tmp left" if left else "no .tmp left"


def _database(folder: Path) -> Path:
    return folder / "xdg_data_home" / "compare-tui" / "review.sqlite3"


def _marks_in_report(folder: Path, stdout: str, stderr: str) -> str:
    return "marks kept" if '"reviewed": true' in stdout else "!marks lost"


def _still_empty(folder: Path, stdout: str, stderr: str) -> str:
    size = _database(folder).stat().st_size
    return "file left empty" if size == 0 else f"!schema written ({size} bytes)"


# --------------------------------------------------------------------------- cases: setups


def _export_over_input(folder: Path) -> Run:
    names = _pair(folder, PROSE, ".txt")
    return Run([*names, "--export", names[1], "--force"], check=_intact(names[1], "Note. " + PROSE))


def _export_over_device(folder: Path) -> Run:
    names = _pair(folder, PROSE, ".txt")
    try:
        os.mknod(folder / "device.json", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:  # not root: a link to one has the same answer
        (folder / "device.json").symlink_to("/dev/null")
    return Run([*names, "--export", "device.json", "--force"], check=_still_special("device.json"))


def _non_utf8_name(folder: Path) -> Run:
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text(PROSE)
    return Run([name, _write(folder, "b.txt", "Note. " + PROSE), "--export", "r.json"])


def _long_export_name(length: int) -> Callable[[Path], Run]:
    return lambda folder: Run(
        [*_pair(folder, PROSE, ".txt"), "--export", "r" * (length - 5) + ".json"]
    )


def _max_size(value: str, stdin: bool = False) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        names = _pair(folder, PROSE, ".txt")
        if not stdin:
            return Run([*names, "--summary", f"--max-size={value}"])
        big = folder / "big.txt"
        with big.open("wb") as stream:  # 40 MiB of prose through stdin
            stream.write(PROSE.encode() * (40 * MB // len(PROSE.encode())))
        return Run(["-", names[1], "--summary", f"--max-size={value}"], stdin=big)

    return build


def _meta_charset(codec: str) -> Callable[[Path], Run]:
    page = f'<html><head><meta charset="{codec}"></head><body><p>caf\xe9 ol\xe9</p></body></html>'
    return lambda folder: Run(
        [_write(folder, "a.html", page.encode("latin-1")), _write(folder, "b.txt", PROSE)]
        + ["--summary"]
    )


def _reviewed(folder: Path) -> list[str]:
    """A pair with every difference marked reviewed in the review database, as the app leaves it."""
    from tui.app.review_session import open_review
    from tui.engine.pipeline import CompareRequest, run_comparison
    from tui.review.keys import difference_indices
    from tui.review.marks import Mark
    from tui.review.store import ReviewStore

    names = _pair(folder, PROSE + "\nThe clock tower will be kept.\n", ".txt")
    comparison = run_comparison(CompareRequest(*(str(folder / name) for name in names)))
    database = _database(folder)
    database.parent.mkdir(parents=True, exist_ok=True)
    with ReviewStore.open(database) as store:
        session, _, _ = open_review(comparison, store)
        for change in difference_indices(comparison):
            session.set(change, Mark(reviewed=True, note="checked"))
    return names


def _damaged_database(damage: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        names = _reviewed(folder)
        with sqlite3.connect(_database(folder)) as db:
            db.executescript(damage)
        return Run([*names, "--export", "-", "--format", "json"])

    return build


def _empty_database(folder: Path) -> Run:
    names = _reviewed(folder)
    for path in _database(folder).parent.iterdir():
        path.unlink()
    _database(folder).touch()
    return Run([*names, "--export", "-", "--format", "json"], check=_still_empty)


def _read_only_database(folder: Path) -> Run:
    names = _reviewed(folder)
    _database(folder).chmod(0o444)
    _database(folder).parent.chmod(0o555)
    return Run([*names, "--export", "-", "--format", "json"], check=_marks_in_report)


def _settings(make: Callable[[Path], None], *extra: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        settings = folder / "xdg_config_home" / "compare-tui" / "settings.toml"
        settings.parent.mkdir(parents=True)
        make(settings)
        return Run([*_pair(folder, PROSE, ".txt"), *(extra or ("--summary",))])

    return build


def _sigterm_during_export(folder: Path) -> Run:
    paragraphs = [
        f"Paragraph {i} of the story says the board met on day {i}." for i in range(1_000)
    ]
    names = [
        _write(folder, "a.txt", "\n\n".join(paragraphs)),
        _write(folder, "b.txt", "\n\n".join(p.replace("met", "sat") for p in paragraphs)),
    ]

    def terminate_when_writing(process: subprocess.Popen[bytes], folder: Path) -> None:
        deadline = time.monotonic() + TIME_CAP
        while process.poll() is None and time.monotonic() < deadline:
            if any(p.name.endswith(".tmp") for p in folder.iterdir()):
                process.send_signal(signal.SIGTERM)
                return
            time.sleep(0.001)

    return Run(
        [*names, "--export", "r.html"],
        during=terminate_when_writing,
        check=lambda folder, out, err: (
            _leftovers(folder, out, err)
            + (
                ""
                if (folder / "r.html").exists() is False
                else "; report written before the signal"
            )
        ),
    )


def _url_case(respond: Callable[[socket.socket], None], check=None) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        return Run([URLS[respond], _write(folder, "b.txt", PROSE), "--summary"], check=check)

    return build


def _slow_then_trickling(folder: Path) -> Run:
    """Read one after the other, the two took the first's 6 s and then the second's deadline."""
    return Run([URLS[_after_six_seconds], URLS[_byte_a_second], "--summary"])


#: Filled while the servers run (see main): respond function -> URL.
URLS: dict[Callable[[socket.socket], None], str] = {}
RESPONDERS = {
    "slow": _byte_a_second,
    "hex": _charset("hex"),
    "zlib": _charset("zlib"),
    "reason": _escaped_reason,
}


def _nested_settings(path: Path) -> None:
    path.write_text("a = " + "[" * 400 + "]" * 400 + "\n")


def _fifo_settings(path: Path) -> None:
    os.mkfifo(path)


def _zero_settings(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _escaped_name(folder: Path) -> Run:
    return Run(
        ["no\x1b]0;PWNED\x07such\nfile.txt", _write(folder, "b.txt", PROSE)], check=_raw_escapes
    )


def _escaped_summary(folder: Path) -> Run:
    name = "caf\u00e9 \x1b[31mred.txt"
    (folder / name).write_text(PROSE)
    return Run([name, _write(folder, "b.txt", "Note. " + PROSE), "--summary"], check=_raw_escapes)


CASES = [
    Case("`1` × 50,000", "time", _text_case(lambda: "1" * 50_000)),
    Case("`$1` × 25,000", "time", _text_case(lambda: "$1" * 25_000)),
    Case("1 MB of digits", "time", _text_case(lambda: "1" * MB)),
    Case("1 MB of `1,1,…`", "time", _text_case(lambda: _up_to("1,", MB))),
    Case("1 MB of `$1$1…`", "time", _text_case(lambda: _up_to("$1", MB))),
    Case("`Aa ` × 50,000", "time", _text_case(lambda: "Aa " * 50_000)),
    Case("`Aa ` × 100,000", "time", _text_case(lambda: "Aa " * 100_000)),
    Case("1 MB of `Aa `", "time", _text_case(lambda: _up_to("Aa ", MB))),
    Case("`<p>x</p>` × 4,000", "time", _text_case(lambda: "<p>x</p>" * 4_000, ".html")),
    Case("`<p>x</p>` × 20,000", "time", _text_case(lambda: "<p>x</p>" * 20_000, ".html")),
    Case("16 MB of `<p>x</p>`", "time", _text_case(lambda: _up_to("<p>x</p>", 16 * MB), ".html")),
    Case("20,000 distinct `<p>` (880 KB)", "time", _text_case(_distinct_paragraphs, ".html")),
    Case("100,000 one-word paragraphs, JSON", "time", _one_word_paragraphs),
    Case("forum chrome, then 99,000 one-word names", "time", _text_case(_forum_of_names)),
    Case("`- x` × 5,000,000 (20 MB .md)", "time", _text_case(lambda: "- x\n" * 5_000_000, ".md")),
    Case(
        "10 MB unclosed `<a a a …`",
        "time",
        _text_case(lambda: "<a " + _up_to("a ", 10 * MB), ".html"),
    ),
    Case("4 MB Markdown table", "time", _text_case(_markdown_table, ".md")),
    Case("URL sending a byte a second", "time", _url_case(_byte_a_second)),
    Case("a URL taking 6 s, then one sending a byte a second", "time", _slow_then_trickling),
    Case('`<meta charset="rot13">`', "traceback", _meta_charset("rot13")),
    Case('`<meta charset="uu">`', "traceback", _meta_charset("uu")),
    Case('`<meta charset="base64">`', "traceback", _meta_charset("base64")),
    Case('`<meta charset="undefined">`', "traceback", _meta_charset("undefined")),
    Case("server `charset=hex`", "traceback", _url_case(RESPONDERS["hex"])),
    Case("server `charset=zlib`", "traceback", _url_case(RESPONDERS["zlib"])),
    Case("non-UTF-8 file name, `--export`", "traceback", _non_utf8_name),
    Case("300-character export name", "traceback", _long_export_name(300)),
    Case("250-character export name", "traceback", _long_export_name(250)),
    Case("`--max-size inf`", "traceback", _max_size("inf")),
    Case("`--max-size 1e400`", "traceback", _max_size("1e400")),
    Case("`--max-size 30G`", "traceback", _max_size("30G")),
    Case("`--max-size -2`, 40 MB on stdin", "traceback", _max_size("-2", stdin=True)),
    Case("`--max-size 0.5`", "traceback", _max_size("0.5")),
    Case(
        "schema_version NULL, export",
        "traceback",
        _damaged_database(
            "DROP TABLE schema_version; CREATE TABLE schema_version (version);"
            " INSERT INTO schema_version VALUES (NULL)"
        ),
    ),
    Case(
        "schema_version text, export",
        "traceback",
        _damaged_database("UPDATE schema_version SET version = 'one'"),
    ),
    Case(
        "schema_version blob, export",
        "traceback",
        _damaged_database("UPDATE schema_version SET version = x'01'"),
    ),
    Case("blob note, export", "traceback", _damaged_database("UPDATE marks SET note = x'00ff'")),
    Case("settings nested 400 deep", "traceback", _settings(_nested_settings)),
    Case("settings a FIFO, `--exit-code`", "traceback", _settings(_fifo_settings, "--exit-code")),
    Case("settings a link to /dev/zero", "traceback", _settings(_zero_settings)),
    Case("reason phrase with escapes", "escapes", _url_case(_escaped_reason, _raw_escapes)),
    Case("file name with escapes and a line end", "escapes", _escaped_name),
    Case("`--summary` of an escaped name, piped", "escapes", _escaped_summary),
    Case("`--export INPUT --force`", "data", _export_over_input),
    Case("`--export DEVICE --force`", "data", _export_over_device),
    Case("SIGTERM during an export", "data", _sigterm_during_export),
    Case("headless export, empty database file", "data", _empty_database),
    Case("headless export, read-only database", "data", _read_only_database),
]


# --------------------------------------------------------------------------- the app in tmux


def run_paste(tree: Path) -> Outcome:
    """1 MB pasted without bracketed paste into the app's search field (tmux paste-buffer)."""
    with tempfile.TemporaryDirectory(prefix="hostile-paste-") as name:
        folder = Path(name)
        names = _pair(folder, PROSE, ".txt")
        (folder / "paste").write_bytes(b"x" * MB)
        session = f"hostile-paste-{os.getpid()}"
        env = _environment(folder, tree, {"TERM": "xterm-256color"})
        exports = " ".join(f"{key}={_quote(value)}" for key, value in env.items() if key != "PATH")
        command = f"cd {folder} && ulimit -v {MEMORY_CAP // 1024} && exec env {exports} {sys.executable} -m tui {' '.join(names)} --no-state"
        tmux = ["tmux", "-L", session]
        subprocess.run(
            [*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "40"], check=True
        )
        try:
            subprocess.run([*tmux, "set-option", "-g", "remain-on-exit", "on"], check=True)
            subprocess.run([*tmux, "respawn-pane", "-k", "-t", session, command], check=True)
            pid = int(_tmux(tmux, "display-message", "-p", "-t", session, "#{pane_pid}"))
            time.sleep(6)  # the app's first frame
            subprocess.run([*tmux, "send-keys", "-t", session, "/"], check=True)
            time.sleep(1)
            subprocess.run([*tmux, "load-buffer", str(folder / "paste")], check=True)
            start = time.perf_counter()
            subprocess.run([*tmux, "paste-buffer", "-t", session], check=True)
            seconds, peak = _until_idle(pid, start)
            screen = _tmux(tmux, "capture-pane", "-p", "-t", session)
            subprocess.run([*tmux, "send-keys", "-t", session, "Escape"], check=False)
            time.sleep(1)  # sent with the escape, "q" would read as alt+q
            subprocess.run([*tmux, "send-keys", "-t", session, "q"], check=False)
            dead = _exit_status(tmux, session)
        finally:
            subprocess.run([*tmux, "kill-server"], check=False)
        killed = seconds >= TIME_CAP
        return Outcome(
            seconds=seconds,
            peak_mb=peak,
            exit="killed" if killed else (dead or "running"),
            traceback="Traceback" in screen,
            error_lines=0,
            note=f"!still busy at {TIME_CAP} s" if killed else "all keys handled",
        )


PASTE = Case("1 MB non-bracketed paste (app)", "time", lambda folder: Run([]))


def _quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def _tmux(tmux: list[str], *args: str) -> str:
    return subprocess.run(
        [*tmux, *args], capture_output=True, text=True, check=False
    ).stdout.strip()


def _exit_status(tmux: list[str], session: str, seconds: float = 10) -> str:
    """The app's exit status once it has quit, waiting up to ``seconds`` ("" if still running)."""
    deadline = time.monotonic() + seconds
    while not (dead := _tmux(tmux, "display-message", "-p", "-t", session, "#{pane_dead_status}")):
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return dead


def _until_idle(pid: int, start: float) -> tuple[float, float]:
    """Seconds until the process used no CPU for 2 s (the keys are all handled), and its peak MB."""
    last_cpu, idle_since, peak = -1.0, None, 0.0
    while (now := time.perf_counter()) - start < TIME_CAP:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            break
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        peak = max(peak, int(status.split("VmHWM:")[1].split()[0]) / 1024)
        if cpu - last_cpu > 0.05:
            last_cpu, idle_since = cpu, None
        elif idle_since is None:
            idle_since = now
        elif now - idle_since >= 2:
            return idle_since - start, peak
        time.sleep(0.2)
    return time.perf_counter() - start, peak


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tree", type=Path, default=REPO, help="checkout to run (default: this one)"
    )
    parser.add_argument("--before", type=Path, help="a checkout to run first, for a before column")
    parser.add_argument(
        "--before-results", type=Path, help="a --save file of an earlier run, for the before column"
    )
    parser.add_argument("--save", type=Path, help="also write this run's outcomes to a JSON file")
    parser.add_argument("--only", nargs="*", help="run only cases whose name contains one of these")
    parser.add_argument("--no-app", action="store_true", help="skip the app's paste case (tmux)")
    options = parser.parse_args()
    chosen = [c for c in CASES if not options.only or any(w in c.name for w in options.only)]
    if (
        not options.no_app
        and shutil.which("tmux")
        and (not options.only or "paste" in options.only)
    ):
        chosen.append(PASTE)
    earlier = json.loads(options.before_results.read_text()) if options.before_results else {}
    trees = [options.before, options.tree] if options.before else [options.tree]
    header = [
        "case",
        "class",
        *(["before"] if earlier or options.before else []),
        "after",
        "meets target",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    saved: dict[str, dict[str, object]] = {}
    with _servers():
        for case in chosen:
            outcomes = [run_case(case, tree) for tree in trees]
            if case.name in earlier:
                outcomes.insert(0, Outcome(**earlier[case.name]))
            saved[case.name] = asdict(outcomes[-1])
            _row(case.name, case.kind, outcomes)
            if options.save:
                options.save.write_text(json.dumps(saved, indent=1, ensure_ascii=False))


@contextmanager
def _servers() -> Iterator[None]:
    with (
        serving(_byte_a_second) as slow,
        serving(_after_six_seconds) as late,
        serving(RESPONDERS["hex"]) as hex_url,
        serving(RESPONDERS["zlib"]) as zlib_url,
        serving(_escaped_reason) as reason,
    ):
        URLS.update({_byte_a_second: slow, _after_six_seconds: late, RESPONDERS["hex"]: hex_url})
        URLS.update({RESPONDERS["zlib"]: zlib_url, _escaped_reason: reason})
        yield


def _row(name: str, kind: str, outcomes: list[Outcome]) -> None:
    verdict = "yes" if outcomes[-1].meets_target else "**no**"
    print(
        f"| {name} | {kind} | " + " | ".join(o.cell() for o in outcomes) + f" | {verdict} |",
        flush=True,
    )


if __name__ == "__main__":
    main()
