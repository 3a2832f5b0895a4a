"""Running the real command line, with the user's dirs and colour settings isolated.

``run_cli`` starts ``python -m tui`` in a subprocess; ``run_main`` calls the same entry point
in this process with the same arguments, directory, environment and non-terminal pipes, and
returns the same kind of result. An interpreter start with the engine's imports costs about
1.5 s of CPU, so tests of what the command *does* use ``run_main``; every command-line path
keeps at least one ``run_cli`` test for what only a real process shows (exit status, pipes,
no traceback on the way out).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import chdir, contextmanager
from pathlib import Path

from tests import paths
from tui.cli import main

REPO = paths.REPO

# Two short texts of our own: one reworded paragraph with a changed figure and a
# misspelled name, one moved paragraph, one added, one dropped, one cosmetic change.
ORIGINAL = """\
The harbour board voted on Tuesday to close the old fish market by the end of June, ending ninety years of trading on the quay.

Board chair Hilde Marsh said the building no longer met safety rules. "We tried everything to keep it open," she told the meeting.

About 40 traders will move to a new hall on Ferry Road, which cost £2.1 million to build.

The market's clock tower, a local landmark, will be kept.
"""
REWRITE = """\
The harbour board voted on Tuesday to close the old fish market by the end of June, ending ninety years of trading on the quay.

About 40 traders will move to a new hall on Ferry Road, which cost some £2 million to build.

Board chair Hilda Marsh said the building no longer met the safety rules. “We tried everything,” she told the meeting.

Some traders say the new hall is too far from the boats, and that customers will not follow them there.
"""
COSMETIC = ORIGINAL.replace(
    '"We tried everything to keep it open,"', "“We tried everything to keep it open,”"
).replace("trading on the quay.", "trading  on the quay.")


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment for a run: user dirs under ``tmp_path``, no inherited colour switches."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS")
    }
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / "home" / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def run_cli(
    *args: str,
    tmp_path: Path,
    cwd: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m tui ARGS`` with stdout and stderr captured (so neither is a terminal)."""
    return run_command(
        [sys.executable, "-m", "tui", *args], tmp_path=tmp_path, cwd=cwd, stdin=stdin, env=env
    )


def run_command(
    command: Sequence[str],
    *,
    tmp_path: Path,
    cwd: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """A command that starts the CLI another way (a console script, a shell line), run as
    :func:`run_cli` runs it: in ``tmp_path`` with user dirs of its own, output captured."""
    return subprocess.run(
        list(command),
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or tmp_path,
        env=env or cli_env(tmp_path),
        timeout=120,
    )


def run_main(
    *args: str,
    tmp_path: Path,
    cwd: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """What ``run_cli`` returns, from ``tui.cli.main`` called in this process."""
    stdin_pipe = io.TextIOWrapper(io.BytesIO((stdin or "").encode()), encoding="utf-8")
    stdout_pipe = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    stderr_pipe = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    with (
        _environment(env or cli_env(tmp_path)),
        chdir(cwd or tmp_path),
        _standard_streams(stdin_pipe, stdout_pipe, stderr_pipe),
    ):
        try:
            status = main(list(args))
        except SystemExit as exit_:  # argparse's --help, --version and usage errors
            status = _exit_status(exit_.code, stderr_pipe)
    return subprocess.CompletedProcess(
        ["compare-tui", *args], status, _read_back(stdout_pipe), _read_back(stderr_pipe)
    )


@contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def _standard_streams(
    stdin: io.TextIOWrapper, stdout: io.TextIOWrapper, stderr: io.TextIOWrapper
) -> Iterator[None]:
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def _exit_status(code: object, stderr: io.TextIOWrapper) -> int:
    """The status ``sys.exit(code)`` gives a process: None is 0, a message is printed and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=stderr)
    return 1


def _read_back(pipe: io.TextIOWrapper) -> str:
    """The text written to ``pipe``, newlines read back as ``subprocess.run(text=True)`` does."""
    pipe.flush()
    raw = pipe.buffer.getvalue()
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors=pipe.errors).read()


def write_pair(folder: Path, left: str = ORIGINAL, right: str = REWRITE) -> tuple[str, str]:
    """The two texts as original.txt and rewrite.txt in ``folder``; returns the file names."""
    (folder / "original.txt").write_text(left, encoding="utf-8")
    (folder / "rewrite.txt").write_text(right, encoding="utf-8")
    return "original.txt", "rewrite.txt"


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-tui: error: "), stderr
    return lines[0]
